"""Run by tests/test_split_detection.py in a fresh process (no threads left by other tests,
which would rightly keep detection from forking): detection of one chat file with one and
with two processes, the forks counted. Prints one JSON object of counts and yes/no answers,
never a value. ``python -m tests.split_probe MODE FOLDER``; MODE: ``same``, ``failing-child``."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import KEY, REPO, ROSTER_YAML, leaked_values, write
from victimshield import Options, Shield, load_policy, load_roster
from victimshield.detect import split

LINES = [
    "Ioana Popescu said Marius Stan took her passport, call +40 723 456 789",
    "ok see you at the station at 11:30",
    "Chinedu Okafor paid 300 eur to GB82WEST12345698765432 for Elena",
    "tell Mihai Georgescu nothing, he talks to the police",
    "the boss Bossu wants the money tonight, write to @ioana_p",
    "Svetlana Petrova is new, she came on the bus with Tomasz Nowak",
]


def chat(lines: int) -> str:
    return "\n".join(f"[01/03/2026, 10:{n % 60:02d}:00] Marius Stan: {LINES[n % len(LINES)]} #{n}"
                     for n in range(lines)) + "\n"


def detected(folder: Path, processes: int) -> tuple[list[list[object]], tuple[str, ...]]:
    """Findings per segment of a chat file, and its redacted texts, with this many processes."""
    roster = load_roster(write(folder / "roster.yaml", ROSTER_YAML))
    shield = Shield(load_policy(REPO / "policies" / "examples" / "ro-to-gb.yaml"), "GB", roster=roster, key=KEY,
                    options=Options(processes=processes))
    pipeline = shield._pipeline
    segments = pipeline.read(write(folder / "in" / "chat.txt", chat(120)), "input 1").segments
    return list(pipeline.detect(segments)), pipeline.redact(segments).texts


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def main(mode: str, folder: Path) -> dict[str, object]:
    split.MIN_SHARE_CHARS = 2_000  # so a small chat is split
    forks: list[int] = []
    fork, parent = os.fork, os.getpid()

    def counted() -> int:
        pid = fork()
        if pid != 0 and os.getpid() == parent:
            forks.append(pid)
        return pid

    split.os.fork = counted  # type: ignore[attr-defined]
    one = detected(folder / "one", 1)
    forks_with_one = len(forks)
    records = _Records()
    logging.getLogger("victimshield").addHandler(records)
    if mode == "failing-child":
        real = split._child

        def failing(compute: object, items: Sequence[object], write_end: int) -> None:
            def broken(share: Sequence[object]) -> list[object]:
                raise MemoryError("out of memory in the child")

            real(broken, items, write_end)

        split._child = failing  # type: ignore[assignment]
    two = detected(folder / "two", 2)
    return {"forks_with_one": forks_with_one, "forks_with_two": len(forks), "same_findings": one[0] == two[0],
            "same_texts": one[1] == two[1], "leaked": leaked_values("\n".join(two[1])),
            "still_parent": os.getpid() == parent,
            "warned": any("detected in this one" in m for m in records.messages),
            "values_in_log": any(leaked_values(m) for m in records.messages)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))))
