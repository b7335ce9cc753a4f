"""Verify that a writer wrote what the redaction meant: no character lost on the way.

A PDF page is drawn again from its redacted text; a letter the font cannot draw, or a
line the layout pushes off the page, would leave the evidence changed while detection on
the output sees nothing wrong. For each page, every non-space character of the text the
tool meant to write must be found again in the page's extracted text (as a multiset:
line wrapping and form values drawn on the page may add to it, never take away).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from victimshield.finding import Segment

PageTexts = dict[int, str]  # page number -> the text meant for it


def _text_page(segment: Segment) -> int | None:
    """The page whose own text ``segment`` is (a page and no field), else None; a scanned
    page's OCR lines (``line`` set) are checked by OCR'ing the output, not here."""
    where = segment.locator
    return where.page if where.field is None and where.line is None else None


def intended_pages(segments: Sequence[Segment], texts: Sequence[str]) -> PageTexts:
    """The redacted text of each page (a segment with a page and no field is a page's text)."""
    return {page: t for s, t in zip(segments, texts, strict=True) if (page := _text_page(s)) is not None}


def lost_characters(label: str, intended: Mapping[int, str], segments: Sequence[Segment]) -> list[str]:
    """One description per page that lost characters; counts only, never the characters."""
    written = {page: s.text for s in segments if (page := _text_page(s)) is not None}
    problems = []
    for page, text in sorted(intended.items()):
        found = Counter(c for c in written.get(page, "") if not c.isspace())
        lost = Counter(c for c in text if not c.isspace()) - found
        if lost:
            problems.append(f"{label}, page {page}: {sum(lost.values())} character(s) of the redacted text are missing "
                            "from the written file")
    return problems
