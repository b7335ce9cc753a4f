"""``python -m benchmarks.languages``: evidence in its own language, VictimShield against plain Presidio.

For each dev corpus (``../shared/corpora/<lang>/``, outside the repository: their
licences forbid copying the sentences in), the first lines as one text file go
through the CLI with no roster under a policy that pseudonymizes unknown people and
keeps places, organisations and dates, and through plain Presidio (analyzer +
anonymizer, the same spaCy model) in the same run. Measured per language:

- person names leaked: gold PERSON spans written as names, any of whose name words
  survives in the output line. A name word is a capitalised word of two letters or more
  that the corpus (all of its dev lines) never writes in lower case: RONEC also tags
  pronouns and titles ("Președintele", "Femeia") as PERSON, which are not names;
- ordinary words lost: letter words outside every gold entity span that are missing
  from the output line;
- lines kept, and the CLI's exit status.

Prints a table and writes ``build/languages/results.json``. No corpus text is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {"ro": "RO", "es": "ES", "it": "IT", "pt": "BR", "uk": "UA"}
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
KEY_HEX = "6c616e6775616765732d62656e63686d61726b2d6b65792d30303031"
_WORD = re.compile(r"[^\W\d_]+")

POLICY = """\
policy: bench-languages-{lang}
version: 1
from: {region}
to: [GB]
legal_basis: "benchmark only"
handling: "TLP:AMBER"
roles:
  unknown:
    default: redact
    PERSON: pseudonymize
    LOCATION: keep
    ORGANIZATION: keep
    DATE_TIME: keep
"""


def _load(corpora: Path, lang: str, lines: int) -> tuple[list[str], list[list[list[object]]]]:
    texts: list[str] = []
    spans: list[list[list[object]]] = []
    with (corpora / lang / "dev-gold.jsonl").open(encoding="utf-8") as handle:
        for row in handle:
            if len(texts) == lines:
                break
            record = json.loads(row)
            texts.append(record["text"])
            spans.append(record["entities"])
    return texts, spans


def lower_case_words(corpora: Path, lang: str) -> frozenset[str]:
    """Every word the corpus writes in lower case somewhere (its whole dev file)."""
    text = (corpora / lang / "dev.txt").read_text(encoding="utf-8")
    return frozenset(w for w in _WORD.findall(text) if w.islower())


def _name_words(text: str, start: int, end: int, lower: frozenset[str]) -> list[str]:
    return [w for w in _WORD.findall(text[start:end]) if w[0].isupper() and len(w) >= 2 and w.lower() not in lower]


def score(inputs: list[str], gold: list[list[list[object]]], output: str, lower: frozenset[str]) -> dict[str, object]:
    """Names leaked and ordinary words lost, line by line when the lines are kept."""
    out_lines = output.split("\n")
    if out_lines and out_lines[-1] == "":
        out_lines.pop()
    aligned = len(out_lines) == len(inputs)
    whole = Counter(_WORD.findall(output))
    names = leaked = words = lost = 0
    for index, (text, entities) in enumerate(zip(inputs, gold, strict=True)):
        out_words = Counter(_WORD.findall(out_lines[index])) if aligned else whole
        covered = [False] * len(text)
        for start, end, label in entities:  # type: ignore[misc]
            for i in range(int(start), int(end)):  # type: ignore[call-overload]
                covered[i] = True
            if label == "PERSON":
                span_words = _name_words(text, int(start), int(end), lower)  # type: ignore[call-overload]
                if span_words:
                    names += 1
                    leaked += any(out_words[w] > 0 for w in span_words)
        remaining = Counter(out_words)
        for match in _WORD.finditer(text):
            if covered[match.start()]:
                continue
            words += 1
            if remaining[match.group()] > 0:
                remaining[match.group()] -= 1
            else:
                lost += 1
    return {
        "person_names": names,
        "person_names_leaked": leaked,
        "leak_rate": round(leaked / names, 4) if names else 0.0,
        "ordinary_words": words,
        "ordinary_words_lost": lost,
        "lost_rate": round(lost / words, 4) if words else 0.0,
        "lines_in": len(inputs),
        "lines_out": len(out_lines),
        "lines_kept": aligned,
    }


def run_victimshield(lang: str, text: str, workdir: Path, src: Path) -> tuple[int, str | None, float]:
    evidence = workdir / lang / "in"
    evidence.mkdir(parents=True)
    (evidence / "dev.txt").write_text(text, encoding="utf-8")
    policy = workdir / lang / "policy.yaml"
    policy.write_text(POLICY.format(lang=lang, region=LANGUAGES[lang]), encoding="utf-8")
    key = workdir / "bench.key"
    key.write_text(KEY_HEX, encoding="utf-8")
    key.chmod(0o600)  # a key file others may read is refused
    out = workdir / lang / "out"
    env = dict(os.environ, PYTHONPATH=str(src) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.perf_counter()
    done = subprocess.run(  # our own CLI, fixed arguments
        [
            sys.executable,
            "-c",
            "from victimshield.cli import main; main()",
            "redact",
            str(evidence),
            "--policy",
            str(policy),
            "--to",
            "GB",
            "--key-file",
            str(key),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - started
    written = out / "dev.txt"
    return done.returncode, written.read_text(encoding="utf-8") if written.is_file() else None, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.languages", description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "languages")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the VictimShield source tree to run (a 'before' copy)"
    )
    args = parser.parse_args(argv)

    baseline = None
    if not args.no_baseline:
        from benchmarks.quality.systems import PresidioBaseline

        baseline = PresidioBaseline()
    results: dict[str, dict[str, object]] = {}
    print("| lang | exit | lines kept | words lost | names leaked | Presidio words lost | Presidio names leaked |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="vs-languages-") as tmp:
        for lang in args.languages.split(","):
            inputs, gold = _load(args.corpora, lang, args.lines)
            text = "\n".join(inputs) + "\n"
            code, output, seconds = run_victimshield(lang, text, Path(tmp), args.src)
            row: dict[str, object] = {"exit": code, "seconds": round(seconds, 1)}
            if output is None:
                # Refused: nothing was written. Measure what the API would have produced,
                # so the refusal does not hide the quality figures; the exit code says it.
                row["measured"] = "api (the CLI wrote nothing)"
                output = _api_redact(lang, text)
            lower = lower_case_words(args.corpora, lang)
            row["victimshield"] = score(inputs, gold, output, lower)
            if baseline is not None:
                redacted = "\n".join(baseline.redact_text(t) for t in inputs) + "\n"
                row["presidio"] = score(inputs, gold, redacted, lower)
            results[lang] = row
            _print_row(lang, row)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"Wrote {args.out / 'results.json'}")
    return 0


def _api_redact(lang: str, text: str) -> str:
    import victimshield as vs
    from victimshield.policy.load import load_policy

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "policy.yaml"
        path.write_text(POLICY.format(lang=lang, region=LANGUAGES[lang]), encoding="utf-8")
        shield = vs.Shield(load_policy(path), "GB", key=bytes.fromhex(KEY_HEX))
        return shield.redact_text(text).text


def _print_row(lang: str, row: dict[str, object]) -> None:
    vs_row = row["victimshield"]
    pr = row.get("presidio") or {}
    assert isinstance(vs_row, dict) and isinstance(pr, dict)

    def pct(d: dict[str, object], key: str) -> str:
        return f"{100 * float(d[key]):.1f}%" if key in d else "-"  # type: ignore[arg-type]

    kept = f"{vs_row['lines_out']}/{vs_row['lines_in']}"
    print(f"| {lang} | {row['exit']} | {kept} | {pct(vs_row, 'lost_rate')} | {pct(vs_row, 'leak_rate')} "
          f"| {pct(pr, 'lost_rate')} | {pct(pr, 'leak_rate')} |", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
