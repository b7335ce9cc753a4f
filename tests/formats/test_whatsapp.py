"""WhatsApp .txt exports: Android and iOS lines, locale variants, attachments, contacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from victimshield.formats import FormatRegistry, read_document
from victimshield.formats.whatsapp import WhatsAppFormat, message_count

from .conftest import assert_no_leaks, pseudonyms, redact_one

ANDROID = """\
12/03/2026, 21:04 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.
12/03/2026, 21:04 - Bossu: Ionela, you start tomorrow. Adrian picks you up.
12/03/2026, 21:06 - Ioana Popescu: I want my passport back.
Passport 054123987 is mine.
And my phone is +40 723 456 789
12/03/2026, 21:07 - Bossu: Send it to GB82WEST12345698765432
12/03/2026, 21:08 - +40 745 111 222: this is Elena Dumitru, help
12/03/2026, 21:09 - Ioana Popescu: <Media omitted>
12/03/2026, 21:10 - Ioana Popescu: Mihai Georgescu.vcf (file attached)
12/03/2026, 21:11 - Ioana Popescu: IMG-20260312-WA0003.jpg (file attached)
12/03/2026, 21:12 - Bossu added Elena Dumitru
"""
IOS = """\
[12.03.26, 9:04:33 PM] Bossu: Ionela, where are you?
[12.03.26, 9:05:01 PM] Ionela: \u200e<attached: 00000012-Elena Dumitru.vcf>
[12.03.26, 9:06:10 PM] Ionela: location: https://maps.google.com/?q=44.4268,26.1025
[12.03.26, 9:07:00 PM] Ionela: write to ioana.p@example.com
or to @ioana_p
[12.03.26, 9:08:00 PM] Marius Stan: \u200e<attached: 00000013-PHOTO-2026-03-12-21-08-00.jpg>
"""
US_12H = """\
3/12/26, 9:04 PM - Bossu: call Mihai Georgescu on 0731 222 333
3/12/26, 10:15 PM - Mihai Georgescu: ok
"""


@pytest.mark.parametrize("text, expected", [(ANDROID, 9), (IOS, 5), (US_12H, 2)])
def test_reader_is_picked_by_content_and_counts_messages(tmp_path: Path, text: str, expected: int) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    assert isinstance(FormatRegistry().pick(path, text.encode()), WhatsAppFormat)
    document = read_document(path, "chat.txt")
    assert document.format == "whatsapp"
    assert message_count(text.encode()) == expected
    messages = {s.locator.message for s in document.segments}
    assert messages == set(range(1, expected + 1))


@pytest.mark.parametrize("inside", ["\x0c", "\x0b", "\x1e", "\x85", "\u2028", "\u2029"])
def test_line_like_characters_inside_messages_leave_a_chat_a_chat(tmp_path: Path, inside: str) -> None:
    # Found by the random-text property test: these split lines for ``str.splitlines``, so
    # such an export was read as plain text and a message header's date redacted.
    words = ["see you", "at the", "station", "ok", "bye", "now", "go", "wait", "here", "there"]
    bodies = [inside.join(words), inside.join(words[:5]), "fine"]
    text = "".join(f"12/03/2024, 10:0{n} - Bossu: {body}\n" for n, body in enumerate(bodies, start=1))
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, "chat.txt")
    assert document.format == "whatsapp"
    assert {s.locator.message for s in document.segments} == {1, 2, 3}


def test_plain_text_is_not_taken_for_a_chat(tmp_path: Path) -> None:
    text = "Statement of the witness.\n\nOn 12/03/2026 I saw a car.\n"
    path = tmp_path / "statement.txt"
    path.write_text(text)
    assert read_document(path, "statement.txt").format == "text"


def test_unchanged_segments_give_the_file_back_byte_for_byte(tmp_path: Path) -> None:
    from victimshield.formats import render_document

    data = ("\ufeff" + ANDROID.replace("\n", "\r\n")).encode("utf-8")
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    document = read_document(path, "chat.txt")
    assert render_document(document, [s.text for s in document.segments]) == data


def test_authors_are_their_own_segments_and_contacts_are_persons(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(ANDROID, encoding="utf-8")
    document = read_document(path, "chat.txt")
    authors = [s for s in document.segments if s.locator.field == "author"]
    assert len(authors) == 7
    assert {s.entity_type for s in authors} == {"PERSON", "PHONE_NUMBER"}
    contacts = [s for s in document.segments if s.locator.field == "contact"]
    assert [s.entity_type for s in contacts] == ["PERSON"]
    assert [s.locator.field for s in document.segments if s.locator.message == 1] == ["system"]


@pytest.mark.parametrize("text", [ANDROID, IOS, US_12H])
def test_redacted_export_keeps_messages_timestamps_and_suspects(shield, tmp_path: Path, text: str) -> None:
    out, _ = redact_one(shield, tmp_path, "chat.txt", text.encode("utf-8"))
    redacted = out.decode("utf-8")
    assert_no_leaks(redacted, "whatsapp output")
    assert message_count(out) == message_count(text.encode())
    in_lines = [ln for ln in text.splitlines() if ln[:1] in "[0123456789"]
    out_lines = [ln for ln in redacted.splitlines() if ln[:1] in "[0123456789"]
    for before, after in zip(in_lines, out_lines, strict=True):
        stamp = before.split(" - ")[0] if " - " in before else before.split("] ")[0]
        assert after.startswith(stamp), "timestamp changed"
    assert "Bossu" in redacted
    assert pseudonyms(redacted), "victims' names should become pseudonyms"


def test_contact_file_name_and_phone_author_are_redacted(shield, tmp_path: Path) -> None:
    out, _ = redact_one(shield, tmp_path, "chat.txt", ANDROID.encode())
    lines = out.decode().splitlines()
    assert lines[8].endswith(".vcf (file attached)") and lines[8].split(": ", 1)[1].startswith("WITNESS-")
    assert "MINOR-" in lines[6].split(": ", 1)[0] or "PHONE" in lines[6].split(": ", 1)[0]
    assert "<Media omitted>" in lines[7]
