"""Writes evidence/scanned_note.pdf: a page with no text layer, only the picture of a note,
as a scanner would make it. Deterministic (same Pillow, reportlab and font, same bytes):

    python examples/case-demo/make_scanned_note.py

Every name and number is the demo roster's (invented). No capital I: Tesseract reads it as l.
"""

from __future__ import annotations

import io
from pathlib import Path

LINES = (
    "Note found at the flat, 3 March 2026",
    "Elena Dumitru, tel: +40 745 111 222,",
    "was brought to the flat by Marius Stan.",
    "Seen by Mihai Georgescu +40 731 222 333.",
)
PAGE = (420.0, 200.0)  # points; the picture is drawn at 300 pixels per inch
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def scanned_note() -> bytes:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    size = (round(PAGE[0] / 72 * 300), round(PAGE[1] / 72 * 300))
    image = Image.new("L", size, 250)  # scanner paper is never quite white
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 44)
    for n, line in enumerate(LINES):
        draw.text((70, 70 + 140 * n), line, fill=20, font=font)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE, invariant=1)
    pdf.drawImage(ImageReader(image), 0, 0, *PAGE)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


if __name__ == "__main__":
    (Path(__file__).parent / "evidence" / "scanned_note.pdf").write_bytes(scanned_note())
