"""Telegram Desktop (result.json) and Facebook Messenger (message_N.json) exports.

Which strings are structure (dates, types, ids), which are names or numbers of a
known type, and which are free text. A Telegram ``text`` may be a string or a
list of strings and entity objects; ``text_entities`` repeats the same pieces:
each typed piece (a phone, a mention) is a declared segment in both, so both
come out the same. Messenger's latin-1-read UTF-8 is repaired for detection and
written back the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victimshield.formats.base import Detect, Document, Format
from victimshield.formats.json_tree import (
    SKIP,
    TEXT,
    JsonLayout,
    JsonPath,
    Kind,
    any_key,
    parse_json,
    read_json_tree,
    sift_numbers,
    write_json_tree,
)

if TYPE_CHECKING:
    from victimshield.policy.model import ColumnRule

TELEGRAM = "telegram"
MESSENGER = "messenger"
JSON = "json"

# Keys whose string values are structure, not anyone's words or identifiers.
_TELEGRAM_STRUCTURE = {
    "type", "date", "date_unixtime", "edited", "edited_unixtime", "media_type", "mime_type",
    "action", "discard_reason", "sticker_emoji", "about", "href_type", "reason_domain",
    # numbers of the format's own: sizes, durations, references to other messages
    "reply_to_message_id", "message_id", "width", "height", "duration_seconds", "file_size", "thumbnail_file_size",
    "photo_file_size", "self_destruct_period_seconds", "live_location_period_seconds", "total_voters", "count",
}
_TELEGRAM_PERSON = {"from", "actor", "forwarded_from", "saved_from", "first_name", "last_name", "inviter", "author"}
_TELEGRAM_ID_OWNERS = {"from_id": "from", "actor_id": "actor", "user_id": None, "forwarded_from_id": "forwarded_from"}
# Telegram's text-entity types whose text is a known kind of identifier.
_TELEGRAM_ENTITY_TYPES = {
    "phone": "PHONE_NUMBER", "email": "EMAIL_ADDRESS", "mention": "SOCIAL_HANDLE",
    "mention_name": "PERSON", "bank_card": "CREDIT_CARD",
}
_MESSENGER_STRUCTURE = {"type", "thread_type", "reaction", "timestamp_ms", "creation_timestamp", "is_unsent",
                        "is_still_participant", "call_duration"}
# The keys these exports are made of (Telegram Desktop, Facebook "Download your information"):
# they are structure, not evidence. Any other key (a contact list keyed by name) is a segment.
_WORDS_TELEGRAM_KEYS = (
    "about personal_information user_id first_name last_name phone_number username bio profile_pictures photo "
    "contacts list date date_unixtime frequent_contacts id category name rating chats type messages action actor "
    "actor_id from from_id text text_entities href edited edited_unixtime width height file file_name file_size "
    "thumbnail thumbnail_file_size media_type mime_type duration_seconds sticker_emoji reply_to_message_id "
    "reply_to_peer_id forwarded_from forwarded_from_id saved_from via_bot members title inviter message_id "
    "discard_reason duration poll question closed total_voters answers voters chosen location_information latitude "
    "longitude live_location_period_seconds place_name address contact_information contact_vcard game_title "
    "game_description game_link invoice_information amount currency receipt_message_id reason_domain performer "
    "self_destruct_period_seconds photo_file_size reactions emoji count recent author left_chats other_data "
    "sessions web_sessions boosts document_id user_id collapsed language_id href_type"
)
_TELEGRAM_KEYS = frozenset(_WORDS_TELEGRAM_KEYS.split())
_WORDS_MESSENGER_KEYS = (
    "participants name messages sender_name timestamp_ms content photos uri creation_timestamp videos audio_files "
    "files gifs sticker share link share_text reactions reaction actor title is_still_participant thread_path "
    "thread_type magic_words image joinable_mode is_unsent is_geoblocked_for_viewer call_duration missed users "
    "type backup_uri bumped_message_metadata is_taken_down"
)
_MESSENGER_KEYS = frozenset(_WORDS_MESSENGER_KEYS.split())
_MESSENGER_PERSON = {"sender_name", "actor", "title", "name"}


def _last_key(path: JsonPath) -> str | int:
    return path[-1]


def _telegram(path: JsonPath, parent: dict[str, Any] | list[Any]) -> Kind:
    key = _last_key(path)
    if isinstance(parent, dict):
        if key == "id" and "messages" in parent:
            # A chat's id is the peer's user id: it goes the way the chat's name goes.
            return Kind(entity_type="SOCIAL_HANDLE", owner_key="name")
        if key == "id" and len(path) >= 3 and path[-3] == "messages":
            return SKIP  # a message's number within its chat
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
        isinstance(m, dict)
        and ("date_unixtime" in m or "from_id" in m or (m.get("type") in ("message", "service") and "date" in m))
        for m in messages[:50]
    )


def is_messenger(tree: Any) -> bool:
    if not isinstance(tree, dict) or not isinstance(tree.get("participants"), list):
        return False
    messages = tree.get("messages")
    return isinstance(messages, list) and all(isinstance(m, dict) and "sender_name" in m for m in messages[:50])


def read_telegram(path: Path, relative: str, data: bytes) -> Document[JsonLayout]:
    return read_json_tree(path, relative, data, format_name=TELEGRAM, classify=_telegram,
                          structure_key=_TELEGRAM_KEYS.__contains__)


def read_messenger(path: Path, relative: str, data: bytes) -> Document[JsonLayout]:
    return read_json_tree(path, relative, data, format_name=MESSENGER, classify=_messenger,
                          structure_key=_MESSENGER_KEYS.__contains__, mojibake=True)


def read_generic_json(path: Path, relative: str, data: bytes) -> Document[JsonLayout]:
    return read_json_tree(path, relative, data, format_name=JSON, classify=_generic, structure_key=any_key)


class JsonFormat(Format[JsonLayout]):
    """Any .json: a Telegram or Messenger export when its content says so (``Document.format``
    then says which), any other JSON walked as free text. Written back leaf for leaf."""

    names = (JSON, TELEGRAM, MESSENGER)
    extensions = (".json",)

    def sniff(self, extension: str, head: bytes) -> float:
        return 1.0 if extension == ".json" else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[JsonLayout]:
        # Telegram and Messenger both write .json; the content says which.
        tree = parse_json(data, path)
        if is_telegram(tree):
            return read_telegram(path, label, data)
        if is_messenger(tree):
            return read_messenger(path, label, data)
        return read_generic_json(path, label, data)

    def write(self, document: Document[JsonLayout], texts: Sequence[str]) -> bytes:
        return write_json_tree(document, texts)

    def prepare(self, document: Document[JsonLayout], rules: Mapping[str, ColumnRule],
                detect: Detect) -> Document[JsonLayout]:
        return sift_numbers(document, detect)
