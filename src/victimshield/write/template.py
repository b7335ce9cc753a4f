"""Rebuild a template-layout file: literals as they were, redacted texts in the slots."""

from __future__ import annotations

from collections.abc import Sequence

from victimshield.read.base import Document
from victimshield.read.template import TemplateLayout


def write_template(document: Document, texts: Sequence[str]) -> bytes:
    layout: TemplateLayout = document.layout
    body = "".join(texts[p] if isinstance(p, int) else p for p in layout.pieces).encode(layout.encoding)
    return (b"\xef\xbb\xbf" + body) if layout.bom else body
