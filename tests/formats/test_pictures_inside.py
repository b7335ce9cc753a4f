"""A photo attached to an e-mail or placed in a Word file goes through the photo format like a
photo on its own: its metadata dropped, the victim's printed name and phone covered, the
suspect's name still readable (issue 13)."""

from __future__ import annotations

import email
import email.policy
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import victimshield as vs
from victimshield.formats.ocr import read_lines

from .conftest import redact_one
from .image_drawing import exif_block, id_card, jpeg_bytes
from .test_docx import _docx
from .test_email_attachments import _with

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")

CARD = ["Name: Elena Dumitru", "Phone: +40 745 111 222", "Contact: Marius Stan"]


def _card() -> bytes:
    card = id_card(CARD, face=False)
    exif = exif_block(artist="Elena Dumitru", serial="SN5544", maker_note="owner-7", thumbnail=None)
    return jpeg_bytes(card, exif=exif)


def _check_picture(data: bytes, where: str) -> None:
    image = Image.open(io.BytesIO(data))
    assert len(image.getexif()) == 0, f"{where}: EXIF left in the picture"
    assert b"Elena" not in data and b"SN5544" not in data, f"{where}: a planted value left in the bytes"
    text = " ".join(line.text for line in read_lines(image, ["eng"]))
    assert "Dumitru" not in text and "745" not in text, f"{where}: the printed victim is still readable"
    assert "Stan" in text, f"{where}: the suspect's printed name was covered"


def test_a_photo_attached_to_an_email_is_redacted_by_the_photo_format(shield: vs.Shield, tmp_path: Path) -> None:
    data = _with(("card.jpg", _card(), "image/jpeg"))
    out, report = redact_one(shield, tmp_path, "message.eml", data)
    message = email.message_from_bytes(out, policy=email.policy.default)
    (picture,) = [part for part in message.walk() if part.get_content_type() == "image/jpeg"]
    _check_picture(picture.get_payload(decode=True), "attachment 1")
    assert not any("no format reads" in note for note in report.files[0].notes), report.files[0].notes


def test_a_photo_inside_a_word_file_is_redacted_by_the_photo_format(shield: vs.Shield, tmp_path: Path) -> None:
    data = _docx({"word/media/image1.jpeg": _card()})
    out, _ = redact_one(shield, tmp_path, "statement.docx", data)
    with zipfile.ZipFile(io.BytesIO(out)) as book:
        assert "word/media/image1.jpeg" in book.namelist()
        _check_picture(book.read("word/media/image1.jpeg"), "word/media/image1.jpeg")
