"""Every header that names a person is redacted (issue 13): Reply-To, Sender, Return-Path,
Received, and Message-ID / In-Reply-To / References where their domain is a victim's own;
HTML bodies stay HTML, only their text and attribute values (alt, title, href mailto)
redacted. The message written back parses with the ``email`` package. Built here."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

import victimshield as vs

from .conftest import assert_no_leaks, redact_one

HEADERS = {
    "Reply-To": "Ioana Popescu <ioana.p@example.com>",
    "Sender": "ioana.p@example.com",
    "Return-Path": "<ioana.p@example.com>",
    "Received": "from laptop-ioana (ioana.p@example.com [10.0.0.7]) by mx.example.org; Tue, 12 Mar 2024 10:01:00 +0200",
    # A victim's own domain (her name) as the identifiers' right side.
    "Message-ID": "<20240312.1@ioana-popescu.ro>",
    "In-Reply-To": "<20240311.9@ioana-popescu.ro>",
    "References": "<20240310.2@mx.example.org> <20240311.9@ioana-popescu.ro>",
    "X-Original-From": "Elena Dumitru <elena.d@example.net>, +40 745 111 222",
}


def _message(name: str, value: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Marius Stan <marius@example.org>"
    message[name] = value
    message["Subject"] = "Acte"
    message.set_content("Vezi mai jos.")
    return message.as_bytes(policy=email.policy.SMTP)


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_a_victim_in_this_header_is_redacted_and_the_message_still_parses(shield: vs.Shield, tmp_path: Path,
                                                                         name: str) -> None:
    out, _ = redact_one(shield, tmp_path, "message.eml", _message(name, HEADERS[name]))
    parsed = email.message_from_bytes(out, policy=email.policy.default)
    assert parsed[name] is not None and parsed["From"] == "Marius Stan <marius@example.org>"
    assert_no_leaks(str(parsed[name]), f"header {name}")
    assert_no_leaks(out.decode("utf-8", "replace"), "message")


def test_a_redacted_message_id_holds_only_what_an_identifier_may(shield: vs.Shield, tmp_path: Path) -> None:
    out, _ = redact_one(shield, tmp_path, "message.eml", _message("Message-ID", "<ioana.p@example.com>"))
    value = str(email.message_from_bytes(out, policy=email.policy.default)["Message-ID"])
    assert value.startswith("<") and value.endswith(">") and not set(value[1:-1]) & set("[]: <>")
    assert_no_leaks(value, "message-id")


HTML = ('<html><body><p class="note">Buna, sunt <b>Ioana Popescu</b>.</p>'
        '<img src="cid:poza1" alt="Ioana Popescu la mare" title="Elena Dumitru">'
        '<a href="mailto:ioana.p@example.com" title="scrie-i Ionelei">scrie-mi</a>'
        '<a href="https://example.org/marius">Marius Stan</a></body></html>')


def test_an_html_body_stays_html_only_its_text_and_attribute_values_redacted(shield: vs.Shield,
                                                                              tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Marius Stan <marius@example.org>"
    message.set_content("text")
    message.add_alternative(HTML, subtype="html")
    out, _ = redact_one(shield, tmp_path, "message.eml", message.as_bytes(policy=email.policy.SMTP))
    parsed = email.message_from_bytes(out, policy=email.policy.default)
    html = next(p for p in parsed.walk() if p.get_content_type() == "text/html").get_content()
    assert_no_leaks(html, "html body")
    for markup in ('<p class="note">', "<b>", '<img src="cid:poza1" alt="', '<a href="mailto:',
                   '<a href="https://example.org/marius">Marius Stan</a>', "</body></html>"):
        assert markup in html, f"markup kept: {markup}"
    assert html.count("<") == HTML.count("<")
