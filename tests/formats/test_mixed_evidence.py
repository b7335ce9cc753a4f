"""Issue 13's first target: a folder of mixed evidence (text, a chat, CSV, XLSX, a text PDF,
Word, e-mail, a photo, a scanned PDF and a file no format reads) goes through in one
`victimshield redact` run with exit 0: the unknown file is left out with a note in the
record, every other file comes out in its own format with the victim gone and the suspect kept.
Under --strict the unknown file refuses the run and nothing is written."""

from __future__ import annotations

import email
import email.policy
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from victimshield.cli import app
from victimshield.formats.ocr import read_lines

from .conftest import KEY, POLICY_YAML, ROSTER_YAML, assert_no_leaks
from .image_drawing import exif_block, id_card, jpeg_bytes
from .test_docx import _docx
from .test_email_attachments import _with
from .test_pdf import make_pdf
from .test_scan import ocr_text, scan_pdf, text_image
from .test_tables import transactions
from .test_whatsapp import ANDROID

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")

LINE = "Elena Dumitru a platit, telefon +40 745 111 222; Marius Stan a primit banii."
CARD = ["Name: Elena Dumitru", "Phone: +40 745 111 222", "Contact: Marius Stan"]


def _evidence(folder: Path) -> None:
    folder.mkdir()
    (folder / "statement.txt").write_text(LINE + "\n", encoding="utf-8")
    (folder / "chat.txt").write_text(ANDROID, encoding="utf-8")
    transactions().to_csv(folder / "bank.csv", index=False)
    transactions().to_excel(folder / "bank.xlsx", index=False)
    (folder / "report.pdf").write_bytes(make_pdf())
    (folder / "statement.docx").write_bytes(_docx())
    (folder / "message.eml").write_bytes(_with(("note.txt", LINE.encode(), "text/plain")))
    exif = exif_block(artist="Elena Dumitru", serial="SN5544", maker_note="owner-7", thumbnail=None)
    (folder / "card.jpg").write_bytes(jpeg_bytes(id_card(CARD, face=False), exif=exif))
    (folder / "scan.pdf").write_bytes(scan_pdf(text_image(["Victim Elena Dumitru", "Suspect Marius Stan"])))
    (folder / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)


def _case(tmp_path: Path) -> list[str]:
    (tmp_path / "roster.yaml").write_text(ROSTER_YAML, encoding="utf-8")
    (tmp_path / "policy.yaml").write_text(POLICY_YAML, encoding="utf-8")
    key = tmp_path / "case.key"
    key.write_bytes(KEY)
    os.chmod(key, 0o600)
    _evidence(tmp_path / "evidence")
    return ["redact", str(tmp_path / "evidence"), "--policy", str(tmp_path / "policy.yaml"), "--to", "GB",
            "--roster", str(tmp_path / "roster.yaml"), "--key-file", str(key)]


def _searchable(path: Path) -> str:
    """What a recipient could read in one output file, whatever its format."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    if path.suffix == ".eml":
        message = email.message_from_bytes(data, policy=email.policy.default)
        return "\n".join(str(part.get_payload(decode=True) or b"", "utf-8", "replace") for part in message.walk())
    if path.suffix == ".jpg":
        return " ".join(line.text for line in read_lines(Image.open(io.BytesIO(data)), ["eng"]))
    return data.decode("utf-8")


def test_a_folder_of_mixed_evidence_goes_through_in_one_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [*_case(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    formats = {entry["format"] for entry in manifest["files"]}
    assert {"text", "whatsapp", "table", "pdf", "docx", "email", "jpeg"} <= formats, formats
    written = sorted(p.name for p in out.rglob("*") if p.is_file() and p.name != "manifest.json")
    assert len(written) == 9 and not any(name.endswith(".heic") for name in written), written
    assert any("input 1" in str(item) and "heic" not in str(item) for item in manifest["dropped"]), \
        "the unknown file is noted by position"
    for path in out.rglob("*"):
        if path.is_file() and path.name != "manifest.json":
            text = _searchable(path)
            assert_no_leaks(text, f"output {written.index(path.name) + 1}")
    scanned = ocr_text((out / "scan.pdf").read_bytes(), 1)
    assert "Dumitru" not in scanned and "Stan" in scanned, "the scanned page: victim covered, suspect kept"


def test_under_strict_the_unknown_file_refuses_the_run_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [*_case(tmp_path), "--out", str(out), "--strict"])
    assert result.exit_code == 3
    assert not out.exists()
