"""E-mail (.eml, issue 13): headers, plain and HTML bodies and attachment names are
redacted; the message stays a valid message with the same parts; a binary attachment
no format reads is left out with a note (more in test_email_attachments.py). Messages
written for these tests."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

import victimshield as vs

from .conftest import assert_no_leaks, pseudonyms, redact_one


def _message(*, html: bool = True, attachment: tuple[str, bytes, str] | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "Ioana Popescu <ioana.p@example.com>"
    message["To"] = "Marius Stan <marius@example.org>"
    message["Cc"] = "Elena Dumitru <elena.d@example.net>"
    message["Subject"] = "Plata pentru camera, Ioana Popescu și Mihai Georgescu"
    message["Date"] = "Tue, 12 Mar 2024 10:01:00 +0200"
    message.set_content(
        "Buna, sunt Ioana Popescu, telefonul meu e +40 723 456 789.\n"
        "From now on write to Marius Stan at +40 766 987 654.\n"
    )
    if html:
        message.add_alternative(
            '<p>Buna, sunt <b>Ioana Popescu</b>, <a href="mailto:ioana.p@example.com" title="Ioana Popescu">'
            "scrie-mi</a>.</p>",
            subtype="html",
        )
    if attachment is not None:
        name, data, kind = attachment
        maintype, subtype = kind.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=email.policy.SMTP)


def _parsed(data: bytes) -> email.message.Message:
    return email.message_from_bytes(data, policy=email.policy.default)


def _everything(data: bytes) -> str:
    """Headers decoded and every text part decoded, as a reader of the message sees them."""
    message = _parsed(data)
    views = [f"{name}: {value}" for name, value in message.items()]
    for part in message.walk():
        filename = part.get_filename()
        if filename:
            views.append(filename)
        if part.get_content_maintype() == "text":
            views.append(part.get_content())
    return "\n".join(views) + "\n" + data.decode("utf-8", "replace")


def test_headers_bodies_and_html_lose_the_victims_and_keep_the_suspect(shield: vs.Shield, tmp_path: Path) -> None:
    data = _message()
    assert "Ioana" in _everything(data)  # the check below can fail
    out, report = redact_one(shield, tmp_path, "message.eml", data)
    seen = _everything(out)
    assert_no_leaks(seen, "redacted e-mail")
    assert "Marius Stan" in seen and "+40 766 987 654" in seen, "the suspect's identifiers are the evidence"
    assert pseudonyms(seen), "victims' names are pseudonymized, not just gone"
    assert report.files[0].format == "email"


def test_the_message_keeps_its_parts_their_types_and_the_html_markup(shield: vs.Shield, tmp_path: Path) -> None:
    data = _message(attachment=("note.txt", b"Ioana Popescu paid", "text/plain"))
    out, _ = redact_one(shield, tmp_path, "message.eml", data)
    before, after = _parsed(data), _parsed(out)
    assert [p.get_content_type() for p in before.walk()] == [p.get_content_type() for p in after.walk()]
    assert [k.lower() for k in before] == [k.lower() for k in after]
    html_in = next(p for p in before.walk() if p.get_content_type() == "text/html").get_content()
    html = next(p for p in after.walk() if p.get_content_type() == "text/html").get_content()
    assert html.count("<") == html_in.count("<") and '<a href="mailto:' in html and "</b>" in html, "markup kept"


def test_a_body_line_starting_with_from_is_not_mangled(shield: vs.Shield, tmp_path: Path) -> None:
    out, _ = redact_one(shield, tmp_path, "message.eml", _message(html=False))
    plain = next(p for p in _parsed(out).walk() if p.get_content_type() == "text/plain").get_content()
    assert "\nFrom now on" in plain and ">From" not in plain


def test_a_subject_in_another_script_is_decoded_redacted_and_encoded_again(shield: vs.Shield, tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Marius Stan <marius@example.org>"
    message["Subject"] = "Pentru Ioana Popescu — plată în numerar, ședința de mâine"
    message.set_content("ok")
    data = message.as_bytes(policy=email.policy.SMTP)
    assert b"=?utf-8?" in data  # RFC 2047 in the input
    out, _ = redact_one(shield, tmp_path, "subject.eml", data)
    subject = str(_parsed(out)["Subject"])
    assert "plată în numerar, ședința de mâine" in subject
    assert_no_leaks(subject, "subject")


def test_an_attachment_named_after_the_victim_is_renamed(shield: vs.Shield, tmp_path: Path) -> None:
    data = _message(attachment=("declaratie Ioana Popescu.txt", b"nothing else here", "text/plain"))
    out, _ = redact_one(shield, tmp_path, "message.eml", data)
    names = [p.get_filename() for p in _parsed(out).walk() if p.get_filename()]
    assert len(names) == 1 and names[0].endswith(".txt")
    assert_no_leaks(names[0], "attachment name")


def test_a_binary_attachment_no_format_reads_is_dropped_with_a_note_by_position(shield: vs.Shield,
                                                                                tmp_path: Path) -> None:
    data = _message(attachment=("Ioana Popescu.bin", b"\x00\x01\x02 not checked", "application/octet-stream"))
    out, report = redact_one(shield, tmp_path, "message.eml", data)
    (note,) = report.files[0].notes
    assert note == "attachment 1 dropped: no format reads this type of file"
    assert b"not checked" not in out
    assert not [p for p in _parsed(out).walk() if p.get_content_type() == "application/octet-stream"]


def _mbox(messages: list[bytes]) -> bytes:
    # As mail programs write a mailbox: a body line opening with "From " is escaped (">From ").
    messages = [m.replace(b"\nFrom ", b"\n>From ") for m in messages]
    senders = [b"ioana.p@example.com", b"marius@example.org"]
    return b"".join(
        b"From " + senders[n % 2] + b" Tue Mar 12 10:0" + str(n).encode() + b":00 2024\n" + m.rstrip(b"\n") + b"\n\n"
        for n, m in enumerate(messages)
    )


def test_a_mailbox_keeps_its_messages_and_loses_the_victims_everywhere(shield: vs.Shield, tmp_path: Path) -> None:
    import mailbox

    data = _mbox([_message(html=False).replace(b"\r\n", b"\n"), _message().replace(b"\r\n", b"\n")])
    out, report = redact_one(shield, tmp_path, "inbox.mbox", data)
    assert report.files[0].format == "mbox"
    (tmp_path / "check.mbox").write_bytes(out)
    box = mailbox.mbox(tmp_path / "check.mbox")
    assert len(box) == 2, "the same messages, none merged or split"
    for message in box:
        assert_no_leaks(_everything(message.as_bytes()), "a message of the mailbox")
        assert_no_leaks(message.get_from(), "an envelope line")
    assert b"marius@example.org" in out and b"Marius Stan" in out, "the suspect's address and name stay"
    assert out.count(b"\nFrom ") + out.startswith(b"From ") == 2


def test_a_header_or_a_content_type_named_after_the_victim_never_reaches_a_locator_or_an_error(tmp_path: Path) -> None:
    from victimshield.formats import read_document

    message = EmailMessage()
    message["From"] = "Marius Stan <marius@example.org>"
    message["X-Ioana-Popescu"] = "seen"
    message.set_content("ok")
    path = tmp_path / "a.eml"
    path.write_bytes(message.as_bytes(policy=email.policy.SMTP))
    fields = [s.locator.field or "" for s in read_document(path, "input 1").segments]
    assert any(f.endswith("(from)") for f in fields), "standard headers are still named"
    assert not any("ioana" in f.lower() for f in fields)
    message.add_attachment(b"\x00\x01", maintype="application", subtype="x-ioana-popescu", filename="a.bin")
    path.write_bytes(message.as_bytes(policy=email.policy.SMTP))
    document = read_document(path, "input 1")
    assert document.dropped_parts == ("attachment 1",)
    assert "ioana" not in " ".join(document.notes).lower()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an OLE compound file's header, as a .msg opens


def test_an_outlook_msg_is_skipped_with_a_note_and_refused_under_strict(shield: vs.Shield, case_dir: Path,
                                                                        tmp_path: Path) -> None:
    from .conftest import KEY

    source = tmp_path / "in"
    source.mkdir()
    (source / "Ioana Popescu.msg").write_bytes(OLE + b"Ioana Popescu")
    (source / "note.txt").write_text("Marius Stan a primit banii.", encoding="utf-8")
    report = shield.redact_paths([source], tmp_path / "out")
    assert [f.format for f in report.files] == ["text"], "the .msg is not sent"
    assert report.manifest["skipped"] == ["input 1, file 1: skipped: no format reads this type of file"]
    assert not list((tmp_path / "out").glob("*.msg"))
    strict = vs.Shield.from_files(case_dir / "policy.yaml", "GB", roster=case_dir / "roster.yaml", key=KEY,
                                  options=vs.Options(strict=True))
    with pytest.raises(vs.InputError) as caught:
        strict.redact_paths([source], tmp_path / "strict")
    assert caught.value.exit_code == 3 and "ioana" not in str(caught.value).lower()


def test_an_outlook_msg_attached_to_a_message_is_dropped_with_a_note(shield: vs.Shield, tmp_path: Path) -> None:
    data = _message(html=False, attachment=("Ioana Popescu.msg", OLE, "application/vnd.ms-outlook"))
    out, report = redact_one(shield, tmp_path, "message.eml", data)
    assert report.files[0].notes == ("attachment 1 dropped: no format reads this type of file",)
    assert [p.get_content_type() for p in _parsed(out).walk()] == ["multipart/mixed", "text/plain"]
