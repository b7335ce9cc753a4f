"""PDFs: text layer, metadata, annotations, form fields, attachments, outlines; scans refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text as TextNote

import victimshield as vs

from .conftest import assert_no_leaks, redact_one


def make_pdf(*, scanned_page: bool = False) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setTitle("Statement of Ioana Popescu")
    pdf.setAuthor("Mihai Georgescu")
    pdf.setSubject("Call +40 745 111 222")
    pdf.drawString(72, 760, "Statement of Ioana Popescu, phone +40 723 456 789.")
    pdf.drawString(72, 740, "She paid Marius Stan to GB82WEST12345698765432.")
    pdf.acroForm.textfield(name="witness", value="Mihai Georgescu", x=72, y=600, width=200, height=20)
    pdf.showPage()
    pdf.drawString(72, 760, "Elena Dumitru was seen with Adrian Vlad.")
    pdf.showPage()
    if scanned_page:
        pdf.rect(50, 50, 400, 400, fill=1)  # a drawing, no text: stands in for a scan
        pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.add_annotation(
        page_number=0, annotation=TextNote(rect=(400, 700, 420, 720), text="Ask Ionela about 054123987")
    )
    writer.add_attachment("ioana_passport.txt", b"Ioana Popescu 054123987")
    writer.add_outline_item(title="Ioana Popescu interview", page_number=0)
    writer.add_outline_item(title="Elena Dumitru", page_number=1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def everything_pypdf_sees(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            parts += [str(annotation.get(k, "")) for k in ("/Contents", "/T", "/V")]
    parts += [str(v) for v in (reader.get_fields() or {}).values()]
    parts += [getattr(item, "title", "") for item in reader.outline if not isinstance(item, list)]
    parts += list(reader.attachments)
    if reader.xmp_metadata is not None:
        parts.append(reader.xmp_metadata.stream.get_data().decode("utf-8", "replace"))
    return "\n".join(parts)


def everything_pdfminer_sees(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    info = " ".join(str(v) for entry in document.info for v in entry.values())
    return extract_text(io.BytesIO(data)) + "\n" + info


def test_fixture_really_holds_the_values() -> None:
    # Guards the leak tests below: they must be able to fail.
    data = make_pdf()
    from .conftest import find_leaks

    assert find_leaks(everything_pypdf_sees(data))
    assert find_leaks(everything_pdfminer_sees(data))


def test_pdf_redacted_everywhere_pages_kept(shield, tmp_path: Path) -> None:
    data = make_pdf()
    out, report = redact_one(shield, tmp_path, "statement.pdf", data)
    reader = PdfReader(io.BytesIO(out))
    assert len(reader.pages) == len(PdfReader(io.BytesIO(data)).pages)
    assert_no_leaks(everything_pypdf_sees(out), "pdf output (pypdf)")
    assert_no_leaks(everything_pdfminer_sees(out), "pdf output (pdfminer)")
    assert_no_leaks(out.decode("latin-1"), "pdf output (raw bytes)")
    text = reader.pages[0].extract_text()
    assert "Marius Stan" in text and "GB82WEST12345698765432" in text
    assert "VICTIM-" in text
    assert not reader.attachments
    assert next(getattr(i, "title", "") for i in reader.outline).startswith("VICTIM-")
    notes = report.files[0].notes
    assert any("embedded file" in n for n in notes) and any("form fields" in n for n in notes)


def test_scanned_page_stops_the_run_by_default(shield, tmp_path: Path) -> None:
    with pytest.raises(vs.InputError) as caught:
        redact_one(shield, tmp_path, "scan.pdf", make_pdf(scanned_page=True))
    assert "page(s) 3" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_scanned_page_dropped_when_asked(dropping_shield, tmp_path: Path) -> None:
    out, report = redact_one(dropping_shield, tmp_path, "scan.pdf", make_pdf(scanned_page=True))
    assert len(PdfReader(io.BytesIO(out)).pages) == 2
    assert any("page(s) 3 dropped" in n for n in report.files[0].notes)
    assert any("page(s) 3 dropped" in n for f in report.manifest["files"] for n in f["notes"])


def test_encrypted_and_truncated_pdfs_are_refused(shield, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt("secret")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    data = make_pdf()
    for name, payload, reason in [
        ("enc.pdf", encrypted.getvalue(), "encrypted"),
        ("cut.pdf", data[: len(data) // 2], "truncated"),
    ]:
        with pytest.raises(vs.InputError) as caught:
            redact_one(shield, tmp_path / name, name, payload)
        assert reason in str(caught.value)
        assert not (tmp_path / name / "out").exists()


def test_a_pdf_locked_only_by_an_owner_password_is_read_redacted_and_written_unlocked(shield, tmp_path: Path) -> None:
    # A bank statement that only forbids copying or printing opens for anyone (empty user
    # password): it is evidence to be redacted, not refused; one needing a password is refused.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password="", owner_password="bank-owner-secret", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    assert PdfReader(io.BytesIO(locked.getvalue())).is_encrypted
    out, report = redact_one(shield, tmp_path, "statement.pdf", locked.getvalue())
    reader = PdfReader(io.BytesIO(out))
    assert not reader.is_encrypted
    text = everything_pypdf_sees(out)
    assert_no_leaks(text, "owner-locked PDF")
    assert "Marius Stan" in text and len(reader.pages) == 2
    assert any("owner password" in note for note in report.files[0].notes)


def test_cli_flag_drops_unreadable_pages(case_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from victimshield.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(make_pdf(scanned_page=True))
    key = tmp_path / "case.key"
    key.write_text(bytes(range(32)).hex())
    key.chmod(0o600)  # owner-only, as `key new` writes it
    args = ["redact", str(tmp_path / "in"), "--policy", str(case_dir / "policy.yaml"), "--to", "GB",
            "--roster", str(case_dir / "roster.yaml"), "--key-file", str(key)]
    refused = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "a")])
    assert refused.exit_code == 3
    done = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "b"), "--drop-unreadable-pages"])
    assert done.exit_code == 0, done.output


def _pdf_in_other_scripts() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from victimshield.formats.pdf.write import _font_file

    pdfmetrics.registerFont(TTFont("TestUnicode", _font_file()))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setFont("TestUnicode", 11)
    pdf.drawString(72, 760, "Declarație: plata pentru cazare în București, până mâine.")
    pdf.drawString(72, 740, "Свідок сказав, що гроші були передані в Києві.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_keeps_romanian_and_cyrillic_letters(shield, tmp_path: Path) -> None:
    # Once every Cyrillic letter and every ă/ș/ț came out as NUL, and verify said "verified".
    out, _ = redact_one(shield, tmp_path, "declaratie.pdf", _pdf_in_other_scripts())
    text = PdfReader(io.BytesIO(out)).pages[0].extract_text()
    assert "\x00" not in text
    for word in ("Declarație", "până", "mâine", "сказав", "гроші", "передані"):
        assert word in text, f"word {word!r} lost"  # ordinary words, not values


def _pages_rebuilt(monkeypatch) -> None:
    """The rebuilding writer (for pages whose text cannot be mapped to glyphs), for the whole file:
    a kept page keeps its own fonts, and only rebuilt pages are drawn in the tool's font."""
    import victimshield.formats.pdf.read as reading

    monkeypatch.setattr(reading, "_page_texts", lambda data, pages: None)


def test_pdf_text_the_font_cannot_draw_is_refused_not_blanked(shield, tmp_path: Path, monkeypatch) -> None:
    import victimshield.formats.pdf.write as writer

    monkeypatch.setattr(writer, "_font_file", lambda: "Vera.ttf")  # Latin-1 only
    _pages_rebuilt(monkeypatch)
    with pytest.raises(
        vs.InputError, match=r"^input 1, file 1: page 1: \d+ character\(s\) the PDF font cannot draw"
    ) as info:
        redact_one(shield, tmp_path, "declaratie.pdf", _pdf_in_other_scripts())
    assert info.value.exit_code == 3 and not (tmp_path / "out").exists()


def test_verify_fails_when_the_written_pdf_lost_characters(shield, tmp_path: Path, monkeypatch) -> None:
    # A writer that drops letters (here: a Latin-1 font with its own check switched off)
    # must not pass verification just because detection finds nothing in what is left.
    import victimshield.formats.pdf.write as writer

    monkeypatch.setattr(writer, "_font_file", lambda: "Vera.ttf")
    monkeypatch.setattr(writer, "_check_drawable", lambda *args: None)
    _pages_rebuilt(monkeypatch)
    with pytest.raises(
        vs.VerificationError, match=r"output 1, page 1: \d+ character\(s\) of the redacted text are missing"
    ) as info:
        redact_one(shield, tmp_path, "declaratie.pdf", _pdf_in_other_scripts())
    assert info.value.exit_code == 1 and not (tmp_path / "out").exists()
