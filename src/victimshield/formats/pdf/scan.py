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

from victimshield.formats.ocr import OcrLine, boxes_to_cover, changed_words, cover, read_lines

if TYPE_CHECKING:
    from PIL.Image import Image

    from victimshield.formats.pdf.layout import PdfLayout

RENDER_DPI = 300  # Tesseract reads 8-12 pt print best at about 300 pixels per inch
# A page counts as read when OCR finds at least one word this sure with this many letters or
# digits: on a photo Tesseract reads specks and edges as "|", "a" or "—" at low confidence.
READ_CONFIDENCE = 60.0
READ_MIN_CHARACTERS = 2
# A solid box: dark pixels (grey level below _DARK) forming at least _SOLID of a rectangle at
# least _MIN_BOX pixels each way, whose inside (_INSET pixels in from its edge) is all dark.
_DARK, _SOLID, _MIN_BOX, _INSET = 96, 0.97, 10, 2


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


def surviving_lines(layout: PdfLayout, texts: Sequence[str]) -> tuple[str, ...]:
    """What OCR should read back on the written scanned pages: each line's words the redaction
    left alone (the covered ones are solid boxes, which OCR is not shown), lines left empty out."""
    lines = []
    for page in layout.pages:
        if page.scan is None or not page.readable:
            continue
        for m, line in enumerate(page.scan.lines):
            changed = changed_words(line, texts[page.scan.first_segment + m])
            kept = [word.text for word, covered in zip(line.words, changed, strict=True) if not covered]
            if kept:
                lines.append(" ".join(kept))
    return tuple(lines)


def has_readable_text(lines: Sequence[OcrLine]) -> bool:
    return any(
        word.confidence >= READ_CONFIDENCE and sum(c.isalnum() for c in word.text) >= READ_MIN_CHARACTERS
        for line in lines for word in line.words
    )


def without_solid_boxes(image: Image) -> Image:
    """What OCR is shown: ``image`` with every solid dark rectangle (a redaction box, ours or
    an earlier one) painted white. Tesseract reads a black box as garbage ("NNE", "ОИ") that
    detection may take for a name, so a redacted page would never read back clean. Only a box
    whose inside is dark without a single hole is whitened: white text on a dark banner has
    holes, so it stays for OCR to read; a uniform area holds nothing to read."""
    import cv2
    import numpy as np
    from PIL import Image as PilImage

    gray = np.array(image.convert("L"))
    dark = (gray < _DARK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=4)
    for x, y, w, h, area in (tuple(int(v) for v in row) for row in stats[1:count]):
        inside = dark[y + _INSET:y + h - _INSET, x + _INSET:x + w - _INSET]
        if min(w, h) >= _MIN_BOX and area >= _SOLID * w * h and inside.all():
            gray[max(y - 1, 0):y + h + 1, max(x - 1, 0):x + w + 1] = 255  # and its anti-aliased rim
    return PilImage.fromarray(gray)


def read_page(renderer: PageRenderer, number: int) -> tuple[OcrLine, ...] | None:
    """The page's OCR lines, or None when OCR reads no text in it (the page stays unreadable).
    Raises ``OcrUnavailableError`` without Tesseract: a scan is never passed on unread.
    Reading and verifying see the page alike (``without_solid_boxes``): the output of a
    redaction reads back as its input less the covered words, a fixed point."""
    lines = tuple(read_lines(without_solid_boxes(renderer.render(number))))
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
