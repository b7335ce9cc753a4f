"""Chat throughput of the whole CLI process on a seeded WhatsApp export (docs/detection-speed.md).

    PYTHONPATH=src python -m benchmarks.chat_speed --messages 2000 --seed 11 [--profile FILE]

Generates a case (roster, key, one WhatsApp export of short messages holding roster names,
unknown people's names, phones and handles), runs ``victimshield redact`` on it as a
separate process, and prints characters per second (wall and CPU) with the leak counts
that must not grow: roster values of protected parties seen in the output, and unknown
people's full names seen in the output. Speed is measured here, never in the tests.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLICY = ROOT / "policies" / "examples" / "ro-to-gb.yaml"
ENTRY = Path(__file__).resolve().with_name("chat_speed_cli.py")  # the console script's two lines

VICTIMS = [("Ioana Popescu", "+40 723 456 789", "@ioana_p"), ("Elena Dumitru", "+40 745 111 222", "@lena.d10"),
           ("Olena Kovalenko", "+380 67 123 4567", "@olena_k"), ("Maria Santos", "+44 7700 900456", "@mariasan")]
SUSPECTS = [("Marius Stan", "+40 766 987 654", "@marius_vip"), ("Adrian Vlad", "+44 7700 900123", "@adi_vlad")]
UNKNOWN_FIRST = ["Chinedu", "Somchai", "Luis", "Arben", "Natalia", "Kwame", "Bogdan", "Svetlana", "Tomasz", "Aisha"]
UNKNOWN_LAST = ["Okafor", "Srisuk", "Reyes", "Hoxha", "Ivanova", "Mensah", "Lungu", "Petrova", "Nowak", "Bello"]
TEMPLATES = [
    "ok see you at 9",
    "{v} is with me now, call {vp} if you need her",
    "did {u} pay? tell {v} to wait downstairs",
    "send the money to {s} not to {u}",
    "her number is {vp}, his is {sp}",
    "add me on insta {vh} or text {sp}",
    "{u} said {v} went to the station with {s}",
    "where r u",
    "pls dont tell {u} about this",
    "the car is outside, {s} is driving",
    "I talked to {u} yesterday, he knows {v}",
    "new number {up} save it",
    "{v} lost her phone, write to {vh}",
    "yes",
    "tomorrow at the flat, bring {v}",
]
# Chat filler: real messages rarely repeat whole, so most generated ones are distinct too
# (a repeated text is detected once, and a benchmark of repeats would flatter that).
FILLER = ["lol", "ok", "pls", "now", "later", "today", "tonight", "money", "car", "flat", "boss", "again", "why",
          "hurry", "police", "bus", "station", "work", "clients", "phone", "battery", "ticket", "passport", "eur",
          "200", "500", "at 10", "at 11:30", "near the park", "the usual place", "dont be late", "bring cash"]


@dataclass(frozen=True)
class Case:
    folder: Path
    export: Path
    roster: Path
    key: Path
    protected_values: tuple[str, ...]
    unknown_names: tuple[str, ...]
    characters: int
    distinct: int


def _phone(rng: random.Random) -> str:
    return "07" + "".join(str(rng.randint(0, 9)) for _ in range(3)) + " " + "".join(
        str(rng.randint(0, 9)) for _ in range(6))


def make_case(folder: Path, messages: int, seed: int) -> Case:
    rng = random.Random(seed)
    unknown = sorted({f"{rng.choice(UNKNOWN_FIRST)} {rng.choice(UNKNOWN_LAST)}" for _ in range(40)})
    authors = [VICTIMS[0][0].split()[0], SUSPECTS[0][0].split()[0], "Adrian Vlad", VICTIMS[1][0]]
    lines = ["Chat with a seized handset (synthetic).\n"]
    texts: set[str] = set()
    for n in range(messages):
        minute = n % 60
        hour = 8 + (n // 60) % 14
        day = 1 + (n // 840) % 28
        clauses = [
            rng.choice(TEMPLATES).format(
                v=rng.choice(VICTIMS)[0].split()[0] if rng.random() < 0.5 else rng.choice(VICTIMS)[0],
                vp=rng.choice(VICTIMS)[1], vh=rng.choice(VICTIMS)[2],
                s=rng.choice(SUSPECTS)[0], sp=rng.choice(SUSPECTS)[1],
                u=rng.choice(unknown), up=_phone(rng),
            )
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))
        ]
        clauses += [" ".join(rng.sample(FILLER, rng.randint(1, 4))) for _ in range(rng.randint(0, 2))]
        rng.shuffle(clauses)
        text = ", ".join(clauses)
        texts.add(text)
        lines.append(f"{day:02d}/03/2026, {hour:02d}:{minute:02d} - {rng.choice(authors)}: {text}\n")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evidence").mkdir(exist_ok=True)
    export = folder / "evidence" / "chat.txt"
    export.write_text("".join(lines), encoding="utf-8")
    roster = folder / "roster.yaml"
    parties = []
    for n, (name, phone, handle) in enumerate(VICTIMS, 1):
        parties.append(f"  - id: V{n}\n    role: victim\n    names: [\"{name}\"]\n"
                       f"    phones: [\"{phone}\"]\n    handles: [\"{handle}\"]\n")
    for n, (name, phone, handle) in enumerate(SUSPECTS, 1):
        parties.append(f"  - id: S{n}\n    role: suspect\n    names: [\"{name}\"]\n"
                       f"    phones: [\"{phone}\"]\n    handles: [\"{handle}\"]\n")
    roster.write_text("case: BENCH-CHAT\nparties:\n" + "".join(parties), encoding="utf-8")
    key = folder / "case.key"
    key.write_bytes(bytes(rng.randrange(256) for _ in range(32)).hex().encode())
    key.chmod(0o600)  # the CLI refuses a case key others may read
    protected = tuple(v for victim in VICTIMS for v in victim)
    return Case(folder, export, roster, key, protected, tuple(unknown), len("".join(lines)), len(texts))


def run_cli(case: Case, profile: Path | None) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, exit status, output text) of one whole CLI process."""
    out = case.folder / "out"
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += [str(ENTRY), "redact", str(case.export), "--policy", str(POLICY), "--to", "GB",
                "--roster", str(case.roster), "--key-file", str(case.key), "--out", str(out), "--force"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    written = sorted(p for p in out.rglob("*.txt"))
    text = written[0].read_text(encoding="utf-8") if written else ""
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    return wall, cpu, done.returncode, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the CLI process here")
    parser.add_argument("--keep", type=Path, help="build the case in this folder (kept) instead of a temporary one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        case = make_case(args.keep or Path(temporary), args.messages, args.seed)
        wall, cpu, status, text = run_cli(case, args.profile)
    leaked_roster = sum(text.count(v) for v in case.protected_values)
    leaked_unknown = sum(text.count(n) for n in case.unknown_names)
    print(f"messages {args.messages} ({case.distinct} distinct texts)  characters {case.characters}  exit {status}")
    print(f"wall {wall:.1f} s  ({case.characters / wall:,.0f} chars/s)   "
          f"CPU {cpu:.1f} s  ({case.characters / cpu:,.0f} chars/CPU-s)")
    print(f"protected roster values in output: {leaked_roster}   unknown full names in output: {leaked_unknown}")
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
