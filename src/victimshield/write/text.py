"""Plain text back from redacted segments, separators and BOM as they were."""

from __future__ import annotations

from collections.abc import Sequence

from victimshield.read.base import Document
from victimshield.read.text import TextLayout


def write_text(document: Document, texts: Sequence[str]) -> bytes:
    layout: TextLayout = document.layout
    pieces = [texts[0]] if texts else []
    for separator, text in zip(layout.separators, texts[1:], strict=True):
        pieces.append(separator)
        pieces.append(text)
    body = "".join(pieces).encode("utf-8")
    return (b"\xef\xbb\xbf" + body) if layout.bom else body
