"""A PDF's layout: its pages' sizes and where each non-page segment goes back.

Kept apart from reading and writing so the registry can name the type without loading
pypdf or reportlab (a text-only run never imports them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from victimshield.formats.pdf.content import PageText

if TYPE_CHECKING:
    from victimshield.formats.pdf.scan import ScannedPage


@dataclass(frozen=True, slots=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    text_segment: int | None  # None: no text layer
    readable: bool
    scan: ScannedPage | None = None  # a page without a text layer that OCR read (see ``scan``)


@dataclass(frozen=True, slots=True)
class PdfPlacement:
    """Where a non-page segment goes back: metadata key, annotation, form field or outline."""

    # "info" (a text Info entry), "info-date" (an Info date, read as ISO text), "annotation",
    # "annotation-author", "field-name", "field-value", "outline", "xmp", "scan-line" (an OCR'd line)
    kind: str
    page: int | None = None
    rect: tuple[float, float, float, float] | None = None
    key: str | None = None
    depth: int = 0
    index: int | None = None  # the annotation's place in its page's /Annots (1-based), when kept


@dataclass(frozen=True, slots=True)
class PdfLayout:
    pages: tuple[PdfPage, ...]
    placements: tuple[PdfPlacement | None, ...]  # per segment; None for page text
    # Info entries that are PDF names, not text (/Trapped /True): written back as the same names.
    info_names: tuple[tuple[str, str], ...] = ()
    # Kept with its layout (see ``keep_document``): each page's glyph map, and the input itself.
    kept: tuple[PageText, ...] | None = None
    source: bytes | None = field(default=None, repr=False)
