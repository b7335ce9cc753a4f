"""Plain Presidio over one text file, whole process: ``python -m benchmarks.speed.presidio_run IN OUT``.

The baseline of the quality benchmark (analyzer + anonymizer, default recognizers and
operators, the same spaCy model VictimShield's policies use), given the whole file at once
as a user of Presidio would; spaCy's length limit is raised for the larger growth sizes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.quality.systems import PresidioBaseline


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    baseline = PresidioBaseline()
    text = source.read_text(encoding="utf-8")
    for nlp in baseline._analyzer.nlp_engine.nlp.values():  # type: ignore[attr-defined]
        nlp.max_length = max(nlp.max_length, len(text) + 1)
    target.write_text(baseline.redact_text(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
