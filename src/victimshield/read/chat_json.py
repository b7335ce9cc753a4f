"""Telegram Desktop (result.json) and Facebook Messenger (message_N.json) exports.

Which strings are structure (dates, types, ids), which are names or numbers of a
known type, and which are free text. A Telegram ``text`` may be a string or a
list of strings and entity objects; ``text_entities`` repeats the same pieces:
each typed piece (a phone, a mention) is a declared segment in both, so both
come out the same. Messenger's latin-1-read UTF-8 is repaired for detection and
written back the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from victimshield.read.base import Document
from victimshield.read.json_tree import SKIP, TEXT, JsonPath, Kind, read_json_tree

TELEGRAM = "telegram"
MESSENGER = "messenger"
JSON = "json"

# Keys whose string values are structure, not anyone's words or identifiers.
_TELEGRAM_STRUCTURE = {
    "type", "date", "date_unixtime", "edited", "edited_unixtime", "media_type", "mime_type",
    "action", "discard_reason", "sticker_emoji", "about", "href_type", "reason_domain",
}
_TELEGRAM_PERSON = {"from", "actor", "forwarded_from", "saved_from", "first_name", "last_name", "inviter", "author"}
_TELEGRAM_ID_OWNERS = {"from_id": "from", "actor_id": "actor", "user_id": None, "forwarded_from_id": "forwarded_from"}
# Telegram's text-entity types whose text is a known kind of identifier.
_TELEGRAM_ENTITY_TYPES = {
    "phone": "PHONE_NUMBER", "email": "EMAIL_ADDRESS", "mention": "SOCIAL_HANDLE",
    "mention_name": "PERSON", "bank_card": "CREDIT_CARD",
}
_MESSENGER_STRUCTURE = {"type", "thread_type", "reaction", "timestamp_ms", "creation_timestamp", "is_unsent", "is_still_participant"}
_MESSENGER_PERSON = {"sender_name", "actor", "title", "name"}


def _last_key(path: JsonPath) -> str | int:
    return path[-1]


def _telegram(path: JsonPath, parent: dict[str, Any] | list[Any]) -> Kind:
    key = _last_key(path)
    if isinstance(parent, dict):
        if key in _TELEGRAM_STRUCTURE:
            return SKIP
        if key == "text" and parent.get("type") in _TELEGRAM_ENTITY_TYPES:
            return Kind(entity_type=_TELEGRAM_ENTITY_TYPES[parent["type"]])
        if key in _TELEGRAM_PERSON:
            return Kind(entity_type="PERSON")
        if key == "name" and parent.get("type") in ("personal_chat", "saved_messages", "bot_chat"):
            return Kind(entity_type="PERSON")  # a personal chat is named after the other person
        if key in _TELEGRAM_ID_OWNERS:
            # A user id is that user's identifier: it goes the way its named owner goes.
            return Kind(entity_type="SOCIAL_HANDLE", owner_key=_TELEGRAM_ID_OWNERS[key])
        if key in ("phone_number", "phone"):
            return Kind(entity_type="PHONE_NUMBER")
        return TEXT
    if len(path) >= 2 and path[-2] == "members":
        return Kind(entity_type="PERSON")
    return TEXT


def _messenger(path: JsonPath, parent: dict[str, Any] | list[Any]) -> Kind:
    key = _last_key(path)
    if isinstance(parent, dict):
        if key in _MESSENGER_STRUCTURE:
            return SKIP
        if key in _MESSENGER_PERSON:
            return Kind(entity_type="PERSON")
    return TEXT


def _generic(path: JsonPath, parent: dict[str, Any] | list[Any]) -> Kind:
    return TEXT


def is_telegram(tree: Any) -> bool:
    if not isinstance(tree, dict):
        return False
    if isinstance(tree.get("chats"), dict) or isinstance(tree.get("contacts"), dict):
        return True
    messages = tree.get("messages")
    # Current exports carry date_unixtime and from_id; older ones only type and date.
    return isinstance(messages, list) and any(
        isinstance(m, dict) and ("date_unixtime" in m or "from_id" in m or (m.get("type") in ("message", "service") and "date" in m))
        for m in messages[:50]
    )


def is_messenger(tree: Any) -> bool:
    if not isinstance(tree, dict) or not isinstance(tree.get("participants"), list):
        return False
    messages = tree.get("messages")
    return isinstance(messages, list) and all(isinstance(m, dict) and "sender_name" in m for m in messages[:50])


def read_telegram(path: Path, relative: str, data: bytes) -> Document:
    return read_json_tree(path, relative, data, format_name=TELEGRAM, classify=_telegram)


def read_messenger(path: Path, relative: str, data: bytes) -> Document:
    return read_json_tree(path, relative, data, format_name=MESSENGER, classify=_messenger, mojibake=True)


def read_generic_json(path: Path, relative: str, data: bytes) -> Document:
    return read_json_tree(path, relative, data, format_name=JSON, classify=_generic)
