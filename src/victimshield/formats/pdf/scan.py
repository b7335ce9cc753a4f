"""Scanned PDF pages: a page with pixels and no text layer is rendered, read by OCR, and
written back as its redacted image.

Read: the page is rendered (pdfium, annotations left out: they are read as text elsewhere)
and Tesseract reads it with the installed case languages (``ocr.installed_languages``);
each OCR line becomes one segment (input, page n, line m). A page OCR reads nothing from
(a photo, noise) stays unreadable: refused, or dropped when the user asked.

Write: the page is rendered again from the same input bytes (the same pixels, so the same
word boxes) rather than kept in memory between read and write; the words the redaction
changed are painted black and only those pixels are drawn on a new page of the same size.
Neither the original image object nor any hidden text of the page is copied.

Verify reads the output through this same reader, so the written page is OCR'd once more:
a covered word must not be read again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from victimshield.formats.ocr import OcrLine, boxes_to_cover, cover, read_lines

if TYPE_CHECKING:
    from PIL.Image import Image

    from victimshield.formats.pdf.layout import PdfLayout

RENDER_DPI = 300  # Tesseract reads 8-12 pt print best at about 300 pixels per inch
# A page counts as read when OCR finds at least one word this sure with this many letters or
# digits: on a photo Tesseract reads specks and edges as "|", "a" or "—" at low confidence.
READ_CONFIDENCE = 60.0
READ_MIN_CHARACTERS = 2


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """A page read by OCR: its lines (segments ``first_segment`` onwards, one per line), and
    the input's bytes, to render the same pixels again when the page is written."""

    lines: tuple[OcrLine, ...]
    first_segment: int
    source: bytes = field(repr=False)


class PageRenderer:
    """One PDF opened once in pdfium; pages rendered on demand, at ``RENDER_DPI``."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._document: Any = None

    def render(self, number: int) -> Image:
        import pypdfium2

        if self._document is None:
            self._document = pypdfium2.PdfDocument(self._data)
        page = self._document[number - 1]
        try:
            bitmap = page.render(scale=RENDER_DPI / 72, draw_annots=False, may_draw_forms=False)
            image: Image = bitmap.to_pil().convert("RGB")
            return image
        finally:
            page.close()

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None


def written_scan_pages(layout: PdfLayout) -> tuple[int, ...]:
    """The output's page numbers (after unreadable pages are dropped) that are redacted scans."""
    kept = [page for page in layout.pages if page.readable]
    return tuple(n for n, page in enumerate(kept, start=1) if page.scan is not None)


def has_readable_text(lines: Sequence[OcrLine]) -> bool:
    return any(
        word.confidence >= READ_CONFIDENCE and sum(c.isalnum() for c in word.text) >= READ_MIN_CHARACTERS
        for line in lines for word in line.words
    )


def read_page(renderer: PageRenderer, number: int) -> tuple[OcrLine, ...] | None:
    """The page's OCR lines, or None when OCR reads no text in it (the page stays unreadable).
    Raises ``OcrUnavailableError`` without Tesseract: a scan is never passed on unread."""
    lines = tuple(read_lines(renderer.render(number)))
    return lines if has_readable_text(lines) else None


def redacted_image(renderer: PageRenderer, number: int, page: ScannedPage, texts: Sequence[str]) -> Image:
    """The page rendered again with every word the redaction changed painted black."""
    boxes = [box for m, line in enumerate(page.lines)
             for box in boxes_to_cover(line, texts[page.first_segment + m])]
    return cover(renderer.render(number), boxes)


def draw_scanned_page(pdf: Any, renderer: PageRenderer, number: int, page: ScannedPage, texts: Sequence[str],
                      size: tuple[float, float]) -> None:
    """Draw the redacted image over the whole of the current (new) reportlab page."""
    from reportlab.lib.utils import ImageReader

    pdf.drawImage(ImageReader(redacted_image(renderer, number, page, texts)), 0, 0, size[0], size[1])
