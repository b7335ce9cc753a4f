"""Plain Presidio over one text file, whole process: ``python -m benchmarks.speed.presidio_run IN OUT``.

The baseline of the quality benchmark (analyzer + anonymizer, default recognizers and
operators, the same spaCy model VictimShield's policies use), one message (line) at a time
as Presidio's README shows it. Given the whole export as one text it is slower still
(its context enhancer scans every token of the text for each result) and needs spaCy's
length limit raised: line by line is the fairer, faster baseline.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.quality.systems import PresidioBaseline


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    baseline = PresidioBaseline()
    lines = source.read_text(encoding="utf-8").split("\n")
    target.write_text("\n".join(baseline.redact_text(line) if line.strip() else line for line in lines),
                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
