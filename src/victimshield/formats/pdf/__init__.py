"""PDF: pages, metadata, annotations, form fields and outlines in; pages rebuilt from their
redacted text out (see ``read`` and ``write``). pypdf and reportlab are imported only when
a PDF is read or written: this module names neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from victimshield.formats.base import Document, Format
from victimshield.formats.pdf.layout import PdfLayout, PdfPage, PdfPlacement

FORMAT = "pdf"
EXTENSIONS = (".pdf",)


class PdfFormat(Format[PdfLayout]):
    names = (FORMAT,)
    extensions = EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 1.0 if extension in EXTENSIONS else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[PdfLayout]:
        from victimshield.formats.pdf.read import read_pdf

        return read_pdf(path, label, data)

    def write(self, document: Document[PdfLayout], texts: Sequence[str]) -> bytes:
        from victimshield.formats.pdf.write import write_pdf

        return write_pdf(document, texts)


__all__ = ["EXTENSIONS", "FORMAT", "PdfFormat", "PdfLayout", "PdfPage", "PdfPlacement"]
