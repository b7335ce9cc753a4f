"""What the Python recognizers share: a text seen as written and with hidden numbers revealed.

Numbers are matched twice: in the text as written, and in its revealed form
(``normalize.reveal_numbers``: "0 7 2 3…", "zero seven…", "O723…" as digits),
whose spans map back to the original characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from victimshield.finding import Finding
from victimshield.normalize import Projection, reveal_numbers


@dataclass(frozen=True, slots=True)
class View:
    """A text to match in; ``projection`` maps its spans back (None: it is the original)."""

    text: str
    projection: Projection | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return (start, end) if self.projection is None else self.projection.span(start, end)


def views(text: str, reveal: Callable[[str], Projection] = reveal_numbers) -> Iterator[View]:
    """``reveal``: a ``NumberReveals`` shared by the recognizers of one text computes it once."""
    yield View(text)
    revealed = reveal(text)
    if revealed.text != text:
        yield View(revealed.text, revealed)


def digits_of(value: str) -> str:
    return re.sub(r"\D", "", value)


def unique(findings: list[Finding]) -> list[Finding]:
    """One finding per (span, type): the two views often find the same number."""
    best: dict[tuple[int, int, str], Finding] = {}
    for finding in findings:
        key = (finding.start, finding.end, finding.entity_type)
        if key not in best or finding.score > best[key].score:
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.start, f.end, f.entity_type))
