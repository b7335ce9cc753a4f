"""The demo case carries a scanned page, so `make demo` runs OCR, covering and verify end to end
(tests/test_cli.py redacts the demo evidence and OCRs every output PDF for leaks)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from victimshield.formats import ocr
from victimshield.formats.pdf import scan

NOTE = Path(__file__).parents[2] / "examples" / "case-demo" / "evidence" / "scanned_note.pdf"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")
def test_the_demo_scanned_note_has_no_text_layer_and_reads_with_a_victim_and_a_suspect() -> None:
    data = NOTE.read_bytes()
    assert not (PdfReader(io.BytesIO(data)).pages[0].extract_text() or "").strip()
    renderer = scan.PageRenderer(data)
    try:
        read = " ".join(line.text for line in ocr.read_lines(renderer.render(1)))
    finally:
        renderer.close()
    assert "Elena Dumitru" in read and "745 111 222" in read and "Marius Stan" in read
