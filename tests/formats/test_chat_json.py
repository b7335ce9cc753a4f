"""Telegram Desktop and Facebook Messenger JSON exports."""

from __future__ import annotations

import json
from pathlib import Path

from victimshield.formats import read_document

from .conftest import assert_no_leaks, redact_one


def telegram_export() -> dict:
    return {
        "about": "Here is the data you requested.",
        "contacts": {
            "about": "contacts",
            "list": [
                {
                    "first_name": "Ioana",
                    "last_name": "Popescu",
                    "phone_number": "+40 723 456 789",
                    "date": "2026-01-02T10:00:00",
                },
                {
                    "first_name": "Marius",
                    "last_name": "Stan",
                    "phone_number": "+40 766 987 654",
                    "date": "2026-01-02T10:00:00",
                },
            ],
        },
        "chats": {
            "about": "chats",
            "list": [
                {
                    "name": "Ioana Popescu",
                    "type": "personal_chat",
                    "id": 4455,
                    "messages": [
                        {
                            "id": 1,
                            "type": "service",
                            "date": "2026-03-12T21:00:00",
                            "date_unixtime": "1773349200",
                            "actor": "Marius Stan",
                            "actor_id": "user1001",
                            "action": "phone_call",
                            "text": "",
                            "text_entities": [],
                        },
                        {
                            "id": 2,
                            "type": "message",
                            "date": "2026-03-12T21:04:00",
                            "date_unixtime": "1773349440",
                            "from": "Ioana Popescu",
                            "from_id": "user2002",
                            "text": ["Call ", {"type": "phone", "text": "+40 745 111 222"}, " it is Elena Dumitru"],
                            "text_entities": [
                                {"type": "plain", "text": "Call "},
                                {"type": "phone", "text": "+40 745 111 222"},
                                {"type": "plain", "text": " it is Elena Dumitru"},
                            ],
                        },
                        {
                            "id": 3,
                            "type": "message",
                            "date": "2026-03-12T21:05:00",
                            "date_unixtime": "1773349500",
                            "from": "Marius Stan",
                            "from_id": "user1001",
                            "forwarded_from": "Mihai Georgescu",
                            "text": "Pay to GB82WEST12345698765432",
                            "text_entities": [{"type": "plain", "text": "Pay to GB82WEST12345698765432"}],
                        },
                        {
                            "id": 4,
                            "type": "message",
                            "date": "2026-03-12T21:06:00",
                            "date_unixtime": "1773349560",
                            "from": "Ioana Popescu",
                            "from_id": "user2002",
                            "text": [{"type": "mention", "text": "@ioana_p"}, " write ioana.p@example.com"],
                            "text_entities": [
                                {"type": "mention", "text": "@ioana_p"},
                                {"type": "plain", "text": " write ioana.p@example.com"},
                            ],
                        },
                    ],
                }
            ],
        },
    }


def messenger_export() -> dict:
    def mojibake(text: str) -> str:
        return text.encode("utf-8").decode("latin-1")

    return {
        "participants": [{"name": mojibake("Ioana Popescu")}, {"name": "Marius Stan"}],
        "messages": [
            {
                "sender_name": "Marius Stan",
                "timestamp_ms": 1773349440000,
                "content": mojibake("Ionela, dă-mi banii până mâine"),
                "is_geoblocked_for_viewer": False,
            },
            {
                "sender_name": mojibake("Ioana Popescu"),
                "timestamp_ms": 1773349500000,
                "content": "My number is +40 723 456 789",
                "reactions": [{"reaction": mojibake("❤"), "actor": "Marius Stan"}],
            },
            {"sender_name": "Marius Stan", "timestamp_ms": 1773349560000, "content": mojibake("Elena Dumitru știe")},
        ],
        "title": "Ioana Popescu",
        "is_still_participant": True,
        "thread_type": "Regular",
        "thread_path": "inbox/chat_123",
    }


def _shape(node):  # the structure of a JSON value: keys, list lengths and value types
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return type(node).__name__


def test_telegram_is_recognised_and_typed(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(telegram_export(), indent=1, ensure_ascii=False), encoding="utf-8")
    document = read_document(path, "result.json")
    assert document.format == "telegram"
    typed = {s.text: s.entity_type for s in document.segments if s.entity_type}
    assert (
        typed["Marius Stan"] == "PERSON"
        and typed["user2002"] == "SOCIAL_HANDLE"
        and typed["+40 723 456 789"] == "PHONE_NUMBER"
    )
    texts = {s.text for s in document.segments}
    assert not texts & {"2026-03-12T21:04:00", "1773349440", "message", "personal_chat"}, "structure read as text"
    assert not any(s.text in ("from", "text", "messages") for s in document.segments), (
        "the format's own keys read as text"
    )


def test_telegram_round_trip_same_structure_no_leaks(shield, tmp_path: Path) -> None:
    source = telegram_export()
    out, _ = redact_one(shield, tmp_path, "result.json", json.dumps(source, indent=1, ensure_ascii=False).encode())
    redacted = json.loads(out)
    expected = _shape(source)
    # A personal chat's id is its peer's user id: the victim's, so it changes (written as text).
    expected["chats"]["list"][0]["id"] = "str"
    assert _shape(redacted) == expected
    assert redacted["chats"]["list"][0]["id"] != 4455
    assert_no_leaks(out.decode(), "telegram output")
    messages = redacted["chats"]["list"][0]["messages"]
    assert [m["id"] for m in messages] == [1, 2, 3, 4]
    assert [m["date"] for m in messages] == [m["date"] for m in source["chats"]["list"][0]["messages"]]
    # text as a list and text_entities carry the same redacted pieces
    for message in messages:
        if isinstance(message["text"], list):
            pieces = [p if isinstance(p, str) else p["text"] for p in message["text"]]
            assert pieces == [e["text"] for e in message["text_entities"]]
    assert messages[2]["from"] == "Marius Stan" and messages[2]["from_id"] == "user1001"  # the suspect stays
    assert "GB82WEST12345698765432" in messages[2]["text"]
    assert messages[1]["from"].startswith("VICTIM-") and messages[1]["from_id"] != "user2002"
    assert messages[1]["from"] == redacted["chats"]["list"][0]["name"]


def test_messenger_mojibake_repaired_and_written_back(shield, tmp_path: Path) -> None:
    source = messenger_export()
    raw = json.dumps(source, indent=2).encode()  # Messenger escapes everything to ASCII
    path = tmp_path / "message_1.json"
    path.write_bytes(raw)
    document = read_document(path, "message_1.json")
    assert document.format == "messenger"
    assert any("până" in s.text for s in document.segments), "mojibake not repaired for detection"
    out, _ = redact_one(shield, tmp_path, "message_1.json", raw)
    assert out.isascii()
    redacted = json.loads(out)
    assert _shape(redacted) == _shape(source)
    assert [m["timestamp_ms"] for m in redacted["messages"]] == [m["timestamp_ms"] for m in source["messages"]]
    repaired = json.dumps(redacted, ensure_ascii=False).encode("latin-1", "replace").decode("utf-8", "replace")
    assert_no_leaks(repaired, "messenger output")
    assert_no_leaks(out.decode(), "messenger output as written")
    first = redacted["messages"][0]["content"].encode("latin-1").decode("utf-8")
    assert first.endswith("dă-mi banii până mâine") and first.startswith("VICTIM-")
    assert redacted["participants"][0]["name"] == redacted["messages"][1]["sender_name"]
    assert redacted["messages"][0]["sender_name"] == "Marius Stan"


def test_malformed_json_is_refused(shield, tmp_path: Path) -> None:
    import pytest

    import victimshield as vs

    with pytest.raises(vs.InputError) as caught:
        redact_one(shield, tmp_path, "result.json", b'{"messages": [{"from": "Ioana Popescu"')
    assert "Ioana" not in str(caught.value)
    assert not (tmp_path / "out").exists()
