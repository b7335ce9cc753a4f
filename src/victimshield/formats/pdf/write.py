"""PDF rebuilt from redacted text: one new page per kept page, same size and order.

No byte of an original content stream, image, XMP packet or attachment is copied:
each page is drawn again from its redacted text (reportlab), then Info metadata,
annotations (as text notes) and outlines are added with their redacted text (pypdf).
Form field values are drawn where their widgets were. Scanned pages OCR read are drawn
as their redacted image (``scan``); pages without a text layer OCR could not read reach
the writer only when the user asked to drop them, and are left out.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Sequence
from typing import Any

from victimshield.errors import InputError
from victimshield.formats.base import Document
from victimshield.formats.pdf.info import info_and_outline
from victimshield.formats.pdf.layout import PdfLayout
from victimshield.formats.pdf.scan import PageRenderer, draw_scanned_page

_FONT = "VictimShieldSans"
_MARGIN = 36.0
_SIZES = (10.0, 8.0, 6.0, 5.0, 4.0)
FONT_ENV = "VICTIMSHIELD_PDF_FONT"
# DejaVu Sans draws Latin with every diacritic (ă, ș, ț), Greek and Cyrillic; the Makefile
# installs Debian's fonts-dejavu-core. Vera (shipped with reportlab) is Latin-1 only:
# used last, and then any letter it lacks stops the run instead of turning into a blank.
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)


def _font_file() -> str:
    for candidate in (os.environ.get(FONT_ENV, ""), *_FONT_CANDIDATES):
        if candidate and os.path.isfile(candidate):
            return candidate
    return "Vera.ttf"


def _font() -> tuple[str, frozenset[int]]:
    """The registered font's name and the code points it has glyphs for."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = _font_file()
    name = f"{_FONT}-{os.path.basename(path)}"  # reportlab's registry is per process: one name per file
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name, _glyphs(name)


@functools.lru_cache(maxsize=4)
def _glyphs(name: str) -> frozenset[int]:
    """The code points a registered font draws: built once per font, not once per PDF."""
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def _check_drawable(label: str, where: str, text: str, glyphs: frozenset[int]) -> None:
    """Fail closed: a letter without a glyph is written as a blank (NUL when extracted),
    so the evidence would change and verify would read nothing where it stood."""
    missing = sum(1 for c in text if not c.isspace() and ord(c) not in glyphs)
    if missing:
        raise InputError(label, f"{where}: {missing} character(s) the PDF font cannot draw; "
                                f"set {FONT_ENV} to a TrueType font that has them")


def _fit(text: str, font: str, width: float, height: float) -> tuple[list[str], float]:
    from reportlab.lib.utils import simpleSplit

    lines: list[str] = []
    for size in _SIZES:
        lines = []
        for paragraph in text.splitlines() or [""]:
            lines += simpleSplit(paragraph, font, size, max(width - 2 * _MARGIN, 72)) or [""]
        if len(lines) * size * 1.2 <= height - 2 * _MARGIN:
            return lines, size
    return lines, _SIZES[-1]  # too long for the page at any size: drawn to the bottom and beyond


def _draw_pages(label: str, layout: PdfLayout, texts: Sequence[str], kept: list[int]) -> bytes:
    from reportlab.pdfgen import canvas

    font, glyphs = _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=1, invariant=1)
    fields: dict[int, list[tuple[tuple[float, float, float, float] | None, str]]] = {}
    for placement, text in zip(layout.placements, texts, strict=False):
        if placement is not None and placement.kind == "field-value" and placement.page is not None:
            fields.setdefault(placement.page, []).append((placement.rect, text))
    renderer: PageRenderer | None = None
    for index in kept:
        page = layout.pages[index]
        pdf.setPageSize((page.width, page.height))
        if page.scan is not None:
            renderer = renderer or PageRenderer(page.scan.source)
            draw_scanned_page(pdf, renderer, page.number, page.scan, texts, (page.width, page.height))
        if page.text_segment is not None:
            _check_drawable(label, f"page {page.number}", texts[page.text_segment], glyphs)
            lines, size = _fit(texts[page.text_segment], font, page.width, page.height)
            writer = pdf.beginText(_MARGIN, page.height - _MARGIN - size)
            writer.setFont(font, size, size * 1.2)
            for line in lines:
                writer.textLine(line)
            pdf.drawText(writer)
        for rect, value in fields.get(page.number, []):
            _check_drawable(label, f"page {page.number} form field", value, glyphs)
            x, y = (rect[0], rect[1] + 2) if rect else (_MARGIN, _MARGIN)
            pdf.setFont(font, 8)
            pdf.drawString(x, y, " ".join(value.split()))
        pdf.showPage()
    if renderer is not None:
        renderer.close()
    pdf.save()
    return buffer.getvalue()


def write_pdf(document: Document[PdfLayout], texts: Sequence[str]) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Text as TextNote
    from pypdf.generic import NameObject, TextStringObject

    layout = document.layout
    if layout.kept is not None:  # the input itself, redacted glyphs cut out (keep_document)
        from victimshield.formats.pdf.keep_document import write_kept

        return write_kept(document, texts, lambda pages: _draw_pages(document.relative, layout, texts, pages))
    kept = [i for i, page in enumerate(layout.pages) if page.readable]
    new_index = {layout.pages[i].number: n for n, i in enumerate(kept)}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_draw_pages(document.relative, layout, texts, kept))))
    authors: dict[tuple[int | None, Any], str] = {}
    for placement, text in zip(layout.placements, texts, strict=False):
        if placement is None:
            continue
        if placement.kind == "annotation-author":
            authors[(placement.page, placement.rect)] = text
        elif placement.kind == "annotation" and placement.page in new_index:
            note = TextNote(rect=placement.rect or (_MARGIN, _MARGIN, _MARGIN + 20, _MARGIN + 20), text=text)
            author = authors.get((placement.page, placement.rect))
            if author is not None:
                note[NameObject("/T")] = TextStringObject(author)
            writer.add_annotation(page_number=new_index[placement.page], annotation=note)
    info_and_outline(writer, layout, texts)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
