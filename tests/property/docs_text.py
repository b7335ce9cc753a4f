"""Random documents of the line and JSON formats, with plants in a named position.

Text (.txt), WhatsApp exports, MT940 statements, Telegram, Messenger and other JSON.
Each builder takes hypothesis' ``data`` (to draw the document's shape and filler), a
position and the plants; it returns the files to redact. Filler comes from a fixed
vocabulary that holds no roster value in any form (``test_checker`` proves it).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from .case import SUSPECT_NAME, Plant

WORDS = ("meeting", "tomorrow", "money", "hotel", "car", "train", "shift", "room", "paid", "late", "bring",
         "station", "border", "bus", "cash", "keys", "work", "tonight", "club", "rent", "debt", "the", "at",
         "and", "new", "call", "wait", "outside", "friday", "papers", "ticket", "boss", "flat", "kitchen")
AUTHORS = ("Dorin Vasilache", "Bossu")
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=2, max_size=7).map(" ".join)


@dataclass(frozen=True)
class Built:
    """Files to redact (relative path, bytes) of one format; ``suspect``: the suspect's name is in
    the text and must come out unchanged."""

    kind: str
    files: list[tuple[str, bytes]] = field(repr=False)
    plants: tuple[Plant, ...]
    suspect: bool = False


def insert(data: Any, sentence: str, plant: Plant) -> str:
    """``sentence`` with ``plant`` between two words, never inside a value planted before."""
    words = sentence.split(" ")
    filler = {w.casefold() for w in WORDS}
    spots = [i for i in range(len(words) + 1)
             if i in (0, len(words)) or words[i - 1].casefold() in filler or words[i].casefold() in filler]
    at = spots[data.draw(st.integers(0, len(spots) - 1), label="word position")]
    return " ".join([*words[:at], plant.text, *words[at:]])


def pick(data: Any, count: int, label: str) -> int:
    return data.draw(st.integers(0, count - 1), label=label)


def distinct(data: Any, count: int, plants: tuple[Plant, ...], label: str) -> list[tuple[int, Plant]]:
    """A different slot for each plant where a plant fills a whole slot (an author, a sheet
    name): two plants in one slot would hide one. Plants beyond the slots are left out."""
    size = min(count, len(plants))
    slots = data.draw(st.lists(st.integers(0, count - 1), min_size=size, max_size=size, unique=True), label=label)
    return list(zip(slots, plants, strict=False))


def placed(pairs: list[tuple[int, Plant]]) -> tuple[Plant, ...]:
    return tuple(plant for _, plant in pairs)


# -- plain text -------------------------------------------------------------------

def text_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    # "body, capitalised lines": headings and addresses in capitals or title case, as reports
    # and statements have them; a span must not run on into the next line.
    written = SENTENCE if position == "body" else st.one_of(SENTENCE.map(str.upper), SENTENCE.map(str.title))
    paragraphs = data.draw(
        st.lists(st.lists(written, min_size=1, max_size=3), min_size=1, max_size=4), label="paragraphs"
    )
    paragraphs = [list(p) for p in paragraphs]
    for plant in (*plants, None):
        p = pick(data, len(paragraphs), "paragraph")
        line = pick(data, len(paragraphs[p]), "line")
        if plant is None:  # the suspect's name, which must stay
            paragraphs[p][line] = f"{paragraphs[p][line]} {SUSPECT_NAME}"
        else:
            paragraphs[p][line] = insert(data, paragraphs[p][line], plant)
    text = "\n\n".join("\n".join(p) for p in paragraphs) + "\n"
    return Built("text", [("statement.txt", text.encode())], plants, suspect=True)


# -- WhatsApp ---------------------------------------------------------------------

def whatsapp_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    count = data.draw(st.integers(2, 6), label="messages")
    messages = [
        [data.draw(st.sampled_from(AUTHORS), label="author"), data.draw(SENTENCE, label="text")] for _ in range(count)
    ]
    system: dict[int, str] = {}
    pairs = distinct(data, count, plants, "messages")
    for m, plant in pairs:
        if position == "message text":
            messages[m][1] = insert(data, messages[m][1], plant)
        elif position == "author":
            messages[m][0] = plant.text
        elif position == "contact card":
            messages[m][1] = f"{plant.text}.vcf (file attached)"
        elif position == "attachment name":
            messages[m][1] = f"{plant.text} scan.pdf (file attached)"
        elif position == "system line":
            system[m] = f"{AUTHORS[0]} added {plant.text}"
        else:
            raise ValueError(position)
    lines = ["12/03/2026, 20:59 - Messages and calls are end-to-end encrypted."]
    for m, (author, text) in enumerate(messages):
        lines.append(f"12/03/2026, 21:{m:02d} - {author}: {text}")
        if m in system:
            lines.append(f"12/03/2026, 21:{m:02d} - {system[m]}")
    return Built("whatsapp", [("WhatsApp Chat.txt", ("\n".join(lines) + "\n").encode())], placed(pairs))


# -- MT940 / MT103 --------------------------------------------------------------------

def mt940_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    if position == ":59: beneficiary":
        plant = plants[0]
        lines = [
            ":20:REF0001",
            ":23B:CRED",
            ":32A:260312EUR100,00",
            ":50K:/GB82WEST12345698765432",
            SUSPECT_NAME.upper(),
            f":59:{plant.text}",
            data.draw(SENTENCE, label="address").upper(),
            f":70:{data.draw(SENTENCE, label='remittance')}",
            ":71A:SHA",
            "-",
        ]
        return Built("mt940", [("transfer.mt103", ("\r\n".join(lines) + "\r\n").encode())], (plant,))
    count = data.draw(st.integers(1, 4), label="transactions")
    details = [data.draw(SENTENCE, label="details").upper() for _ in range(count)]
    account = "GB82WEST12345698765432"
    if position == ":25: account":
        plants = plants[:1]
        account = plants[0].text
    else:
        for plant in plants:
            t = pick(data, count, "transaction")
            details[t] = insert(data, details[t], plant)
    lines = [":20:STMT0001", f":25:{account}", ":28C:00001/001", ":60F:C260301EUR1000,00"]
    for t, text in enumerate(details):
        lines += [f":61:26030{t + 1}030{t + 1}D20,00NTRFNONREF", f":86:{text}"]
    lines += [":62F:C260309EUR920,00", "-"]
    return Built("mt940", [("statement.sta", ("\r\n".join(lines) + "\r\n").encode())], plants)


# -- JSON: generic, Telegram, Messenger -----------------------------------------------

def _json_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[str, tuple[Any, ...]]]:
    out: list[tuple[str, tuple[Any, ...]]] = []
    if isinstance(node, dict):
        out.append(("object", path))
        for k, v in node.items():
            out += _json_paths(v, (*path, k))
    elif isinstance(node, list):
        out.append(("array", path))
        for i, v in enumerate(node):
            out += _json_paths(v, (*path, i))
    elif isinstance(node, str):
        out.append(("string", path))
    return out


def _at(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree


JSON_LEAF = st.one_of(SENTENCE, st.integers(0, 999), st.booleans(), st.none())
JSON_TREE = st.recursive(JSON_LEAF, lambda inner: st.one_of(
    st.lists(inner, min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(WORDS), inner, min_size=1, max_size=3)), max_leaves=8)


def json_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    if position == "object key":
        plants = plants[:1]  # two keys that redact to one token collide: a refusal of its own
    # A copy: what hypothesis drew (and may print) must never hold a plant.
    tree = {
        "case": copy.deepcopy(
            data.draw(st.dictionaries(st.sampled_from(WORDS), JSON_TREE, min_size=1, max_size=3), label="tree")
        )
    }
    for n, plant in enumerate(plants):
        spots = _json_paths(tree)
        if position == "string value":
            strings = [p for kind, p in spots if kind == "string"]
            if strings:
                path = strings[pick(data, len(strings), "string")]
                parent = _at(tree, path[:-1])
                parent[path[-1]] = insert(data, parent[path[-1]], plant)
                continue
        objects = [p for kind, p in spots if kind == "object"]
        target = _at(tree, objects[pick(data, len(objects), "object")])
        if position == "object key":
            target[plant.text] = data.draw(SENTENCE, label="value")
        else:  # a string, int or float value under a key of its own
            target[f"field{n}"] = plant.value
    return Built("json", [("case.json", json.dumps(tree, indent=1, ensure_ascii=False).encode())], plants)


def telegram_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    count = data.draw(st.integers(1, 4), label="messages")
    messages: list[dict[str, Any]] = []
    for i in range(count):
        author = data.draw(st.sampled_from(AUTHORS), label="author")
        text = data.draw(SENTENCE, label="text")
        messages.append(
            {
                "id": i + 1,
                "type": "message",
                "date": f"2026-03-12T21:0{i}:00",
                "date_unixtime": str(1773349200 + 60 * i),
                "from": author,
                "from_id": f"user{1001 + AUTHORS.index(author)}",
                "text": text,
                "text_entities": [{"type": "plain", "text": text}],
            }
        )
    chat: dict[str, Any] = {"name": AUTHORS[0], "type": "personal_chat", "id": 4455, "messages": messages}
    entity_type = {"phone": "phone", "email": "email"}
    if position in ("chat name", "object key"):
        plants = plants[:1]
    pairs = distinct(data, count, plants, "messages")
    for m, plant in pairs:
        message = messages[m]
        if position == "message text":
            message["text"] = insert(data, message["text"], plant)
            message["text_entities"] = [{"type": "plain", "text": message["text"]}]
        elif position == "text entity":
            piece = {"type": entity_type.get(plant.field, "mention_name"), "text": plant.text}
            message["text"] = ["call ", piece, " now"]
            message["text_entities"] = [
                {"type": "plain", "text": "call "},
                dict(piece),
                {"type": "plain", "text": " now"},
            ]
        elif position == "author":
            message["from"] = plant.text
        elif position == "chat name":
            chat["name"] = plant.text
        elif position == "shared contact":
            slot = "phone_number" if plant.field == "phone" else "first_name"
            message["contact_information"] = {"first_name": "", "last_name": "", "phone_number": "", slot: plant.text}
        elif position == "number value":
            message["contact_information"] = {"first_name": "", "last_name": "", "phone_number": plant.value}
        elif position == "object key":
            chat.setdefault("nicknames", {})[plant.text] = data.draw(SENTENCE, label="nickname")
        elif position == "attachment name":
            message.update(
                {"file": f"files/{plant.text}.pdf", "file_name": f"{plant.text}.pdf", "mime_type": "application/pdf"}
            )
        else:
            raise ValueError(position)
    return Built("telegram", [("result.json", json.dumps(chat, indent=1, ensure_ascii=False).encode())], placed(pairs))


def _mojibake(node: Any) -> Any:
    # Messenger writes UTF-8 bytes as latin-1 code points, keys and values alike.
    if isinstance(node, dict):
        return {_mojibake(k): _mojibake(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_mojibake(v) for v in node]
    return node.encode("utf-8").decode("latin-1") if isinstance(node, str) else node


def messenger_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    count = data.draw(st.integers(1, 4), label="messages")
    people = list(AUTHORS)
    messages: list[dict[str, Any]] = [
        {"sender_name": data.draw(st.sampled_from(AUTHORS), label="sender"), "timestamp_ms": 1773349440000 + 60000 * i,
         "content": data.draw(SENTENCE, label="content"), "is_geoblocked_for_viewer": False} for i in range(count)]
    thread: dict[str, Any] = {
        "participants": [],
        "messages": messages,
        "title": AUTHORS[0],
        "is_still_participant": True,
        "thread_path": "inbox/chat_4455",
        "magic_words": [],
    }
    if position in ("title", "object key"):
        plants = plants[:1]
    pairs = distinct(data, count, plants, "messages")
    for m, plant in pairs:
        message = messages[m]
        if position == "message content":
            message["content"] = insert(data, message["content"], plant)
        elif position == "sender name":
            people.append(plant.text)
            message["sender_name"] = plant.text
        elif position == "title":
            thread["title"] = plant.text
        elif position == "object key":
            thread.setdefault("nicknames", {})[plant.text] = data.draw(SENTENCE, label="nickname")
        elif position == "attachment name":
            message["photos"] = [
                {"uri": f"messages/inbox/chat_4455/photos/{plant.text}.jpg", "creation_timestamp": 1773349440}
            ]
        else:
            raise ValueError(position)
    thread["participants"] = [{"name": p} for p in dict.fromkeys(people)]
    return Built("messenger", [("message_1.json", json.dumps(_mojibake(thread), indent=2).encode())], placed(pairs))


BUILDERS = {"text": text_doc, "whatsapp": whatsapp_doc, "mt940": mt940_doc, "json": json_doc,
            "telegram": telegram_doc, "messenger": messenger_doc}
