"""E-mail attachments through their own formats (issue 13): a .txt, .csv, .pdf, .docx or a
forwarded message inside an e-mail is read by the format that reads such a file, redacted,
and written back inside the message; what no format reads is left out with a note (refused
under strict); nesting is limited. Messages and attachments built here."""

from __future__ import annotations

import email
import email.policy
import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

import victimshield as vs
from victimshield.formats import FormatRegistry, read_document
from victimshield.formats.attachments import MAX_DEPTH

from .conftest import KEY, assert_no_leaks, pseudonyms, redact_one
from .stand_in_pictures import StandInPictures
from .test_docx import _docx
from .test_pdf import everything_pypdf_sees, make_pdf

VICTIM_LINE = "Ioana Popescu a platit, telefon +40 723 456 789; Marius Stan a primit banii."
CSV = (b"name,phone,note\nIoana Popescu,+40 723 456 789,a platit\nMarius Stan,+40 766 987 654,a primit\n")


def _with(*attachments: tuple[str, bytes, str], body: str = "Vezi atasamentele.") -> bytes:
    message = EmailMessage()
    message["From"] = "Marius Stan <marius@example.org>"
    message["To"] = "Adrian Vlad <adrian@example.org>"
    message["Subject"] = "Acte"
    message.set_content(body)
    for name, data, kind in attachments:
        maintype, subtype = kind.split("/")
        if kind == "message/rfc822":
            message.add_attachment(email.message_from_bytes(data, policy=email.policy.default), filename=name)
        else:
            message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=email.policy.SMTP)


def _parts(data: bytes) -> list[email.message.Message]:
    return [p for p in email.message_from_bytes(data, policy=email.policy.default).walk() if p.get_filename()]


def _payload(part: email.message.Message) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0)
        assert isinstance(inner, email.message.Message)
        return inner.as_bytes()
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "\n".join(book.read(n).decode("utf-8", "ignore") for n in book.namelist())


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ATTACHMENTS = {
    "text": ("nota.txt", VICTIM_LINE.encode(), "text/plain"),
    "csv": ("plati.csv", CSV, "text/csv"),
    "pdf": ("extras.pdf", make_pdf(), "application/pdf"),
    "docx": ("declaratie.docx", _docx(), DOCX_TYPE),
}


def _seen(kind: str, data: bytes) -> str:
    """What a reader of the attachment sees, by its kind."""
    if kind == "pdf":
        return everything_pypdf_sees(data)
    return _docx_text(data) if kind == "docx" else data.decode()


@pytest.mark.parametrize("kind", sorted(ATTACHMENTS))
def test_an_attachment_is_redacted_by_its_own_format_inside_the_message(shield: vs.Shield, tmp_path: Path,
                                                                        kind: str) -> None:
    data = _with(ATTACHMENTS[kind])
    assert "Ioana" in _seen(kind, _payload(_parts(data)[0])), "the leak check below can fail"
    out, report = redact_one(shield, tmp_path, "message.eml", data)
    (part,) = _parts(out)
    assert part.get_content_type() == ATTACHMENTS[kind][2], "the attachment keeps its type"
    seen = _seen(kind, _payload(part))
    assert_no_leaks(seen, f"{kind} attachment")
    assert "Marius Stan" in seen or "+40 766 987 654" in seen, "the suspect's identifiers stay"
    assert report.files[0].format == "email"
    # The attachment's own format's notes (a PDF rebuilt from its text) come with it, by position.
    assert all(note.startswith("attachment 1: ") for note in report.files[0].notes)
    assert bool(report.files[0].notes) == (kind == "pdf")


def test_a_table_attachment_keeps_its_rows_and_pseudonymizes_the_victim(shield: vs.Shield, tmp_path: Path) -> None:
    out, _ = redact_one(shield, tmp_path, "message.eml", _with(ATTACHMENTS["csv"]))
    table = _payload(_parts(out)[0]).decode()
    assert table.count("\n") == CSV.decode().count("\n") and table.startswith("name,phone,note\n")
    assert pseudonyms(table), "the victim's name is pseudonymized in the table"


def test_an_attachment_s_segments_are_named_by_position_inside_their_message(tmp_path: Path) -> None:
    path = tmp_path / "Ioana Popescu.eml"
    path.write_bytes(_with(("Ioana Popescu.csv", CSV, "text/csv"), ("nota.txt", b"ok", "text/plain")))
    document = read_document(path, "input 2")
    files = {s.locator.file for s in document.segments}
    assert {"input 2", "input 2, attachment 1", "input 2, attachment 2"} <= files
    assert not any("ioana" in s.locator.describe().lower() for s in document.segments)


def test_a_forwarded_message_is_read_whole_its_headers_included(shield: vs.Shield, tmp_path: Path) -> None:
    inner = EmailMessage()
    inner["From"] = "Ioana Popescu <ioana.p@example.com>"
    inner["To"] = "Marius Stan <marius@example.org>"
    inner["Subject"] = "Pentru Elena Dumitru"
    inner.set_content("Suna-ma la +40 723 456 789.")
    data = _with(("fw.eml", inner.as_bytes(policy=email.policy.SMTP), "message/rfc822"))
    assert b"ioana.p@example.com" in data
    out, _ = redact_one(shield, tmp_path, "fw.eml", data)
    assert_no_leaks(out.decode("utf-8", "replace"), "forwarded message")
    forwarded = _payload(_parts(out)[0])
    assert b"marius@example.org" in forwarded, "the suspect's address in the forwarded header stays"
    assert email.message_from_bytes(forwarded, policy=email.policy.default)["Subject"] is not None


def test_an_attachment_no_format_reads_is_dropped_with_a_note_and_the_message_stays_valid(
        shield: vs.Shield, tmp_path: Path) -> None:
    # A phone's HEIC photo: no permissively licensed reader exists, so no format reads it.
    data = _with(("Ioana Popescu.heic", b"\x00\x00\x00\x18ftypheic not checked", "image/heic"),
                 ("nota.txt", VICTIM_LINE.encode(), "text/plain"))
    out, report = redact_one(shield, tmp_path, "message.eml", data)
    parts = _parts(out)
    assert [p.get_content_type() for p in parts] == ["text/plain"], "the picture left out, the text kept"
    assert b"ftypheic" not in out and b"not checked" not in out
    assert report.files[0].notes == ("attachment 1 dropped: no format reads this type of file",)
    assert_no_leaks(out.decode("utf-8", "replace"), "message")


def test_under_strict_an_attachment_no_format_reads_refuses_the_input_by_position(case_dir: Path,
                                                                                  tmp_path: Path) -> None:
    strict = vs.Shield.from_files(case_dir / "policy.yaml", "GB", roster=case_dir / "roster.yaml", key=KEY,
                                  options=vs.Options(strict=True))
    data = _with(("Ioana Popescu.bin", b"\x00\x01", "application/x-ioana-popescu"))
    with pytest.raises(vs.InputError) as caught:
        redact_one(strict, tmp_path, "Ioana.eml", data)
    assert caught.value.exit_code == 3
    assert "attachment 1" in str(caught.value) and "ioana" not in str(caught.value).lower()
    assert not (tmp_path / "out").exists()


def test_messages_nested_deeper_than_the_limit_are_refused(tmp_path: Path) -> None:
    data = _with(body="inner")
    for _ in range(MAX_DEPTH):
        data = _with(("fw.eml", data, "message/rfc822"))
    path = tmp_path / "deep.eml"
    path.write_bytes(data)
    read_document(path, "input 1")  # MAX_DEPTH levels are read
    path.write_bytes(_with(("fw.eml", data, "message/rfc822")))
    with pytest.raises(vs.InputError, match="nested more than"):
        read_document(path, "input 1")


def test_once_a_format_reads_pictures_an_attached_picture_goes_through_it(tmp_path: Path) -> None:
    registry = FormatRegistry([StandInPictures()], entry_points=False)
    path = tmp_path / "a.eml"
    path.write_bytes(_with(("poza.jpg", b"\xff\xd8|Ioana Popescu", "image/jpeg")))
    document = registry.read(path, "input 1")
    (caption,) = [s for s in document.segments if s.locator.file == "input 1, attachment 1"]
    assert caption.text == "Ioana Popescu" and not document.notes
    texts = [s.text.replace("Ioana Popescu", "VICTIM-1") for s in document.segments]
    (part,) = _parts(registry.render(document, texts))
    assert _payload(part) == b"\xff\xd8|VICTIM-1"


def test_a_mailbox_message_s_table_attachment_is_prepared_and_redacted(shield: vs.Shield, tmp_path: Path) -> None:
    first = _with(body="Primul mesaj.").replace(b"\r\n", b"\n")
    second = _with(ATTACHMENTS["csv"]).replace(b"\r\n", b"\n")
    data = b"From marius@example.org Tue Mar 12 10:00:00 2024\n" + first + b"\n" + \
        b"From marius@example.org Tue Mar 12 11:00:00 2024\n" + second + b"\n"
    out, report = redact_one(shield, tmp_path, "inbox.mbox", data)
    assert report.files[0].format == "mbox"
    import mailbox

    (tmp_path / "check.mbox").write_bytes(out)
    messages = list(mailbox.mbox(tmp_path / "check.mbox"))
    assert len(messages) == 2
    (part,) = _parts(messages[1].as_bytes())
    table = _payload(part).decode()
    assert_no_leaks(table, "csv attachment in a mailbox")
    assert table.count("\n") == CSV.decode().count("\n") and pseudonyms(table)


def test_a_text_attachment_in_another_charset_is_read_as_text_in_its_charset(shield: vs.Shield,
                                                                              tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Marius Stan <marius@example.org>"
    message.set_content("Vezi nota.")
    message.add_attachment("Declaraţie: Ioana Popescu, şedinţa de mâine.".encode("iso-8859-2"), maintype="text",
                           subtype="plain", filename="nota.txt")
    message.get_payload()[1].set_param("charset", "iso-8859-2")
    out, _ = redact_one(shield, tmp_path, "message.eml", message.as_bytes(policy=email.policy.SMTP))
    (part,) = _parts(out)
    text = part.get_content()
    assert "şedinţa de mâine" in text
    assert_no_leaks(text, "text attachment in ISO-8859-2")
