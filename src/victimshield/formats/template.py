"""Formats rebuilt by concatenation: literal pieces kept as they are, segments in between.

Line-oriented formats (WhatsApp exports, MT940 statements) keep timestamps,
tags and separators byte for byte; only the segment texts change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from victimshield.formats.base import Document


@dataclass(frozen=True, slots=True)
class TemplateLayout:
    """``pieces`` in file order: a ``str`` is written as it was, an ``int`` is a segment index."""

    pieces: tuple[str | int, ...]
    bom: bool = False
    encoding: str = "utf-8"


class TemplateBuilder:
    """Collects literal pieces and segment slots while a reader walks its file."""

    def __init__(self) -> None:
        self.pieces: list[str | int] = []
        self.count = 0

    def literal(self, text: str) -> None:
        if text:
            self.pieces.append(text)

    def slot(self) -> int:
        index = self.count
        self.pieces.append(index)
        self.count += 1
        return index

    def layout(self, *, bom: bool = False, encoding: str = "utf-8") -> TemplateLayout:
        return TemplateLayout(tuple(self.pieces), bom, encoding)


def write_template(document: Document[TemplateLayout], texts: Sequence[str]) -> bytes:
    """Literals as they were, redacted texts in the slots."""
    layout = document.layout
    body = "".join(texts[p] if isinstance(p, int) else p for p in layout.pieces).encode(layout.encoding)
    return (b"\xef\xbb\xbf" + body) if layout.bom else body
