"""SWIFT MT940/MT942 statements and MT103 transfers: tagged lines, free text in some tags.

``:86:`` (transaction details), ``:50x:`` and ``:59x:`` (ordering customer and
beneficiary), ``:70:`` and ``:72:`` (remittance and bank-to-bank text) are free
text, continuation lines included; ``:25:`` (the statement's account) is an
account number; everything else (references, amounts, dates, balances) is kept
byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.base import Document, Format
from victimshield.formats.template import TemplateBuilder, TemplateLayout, write_template
from victimshield.formats.text import EXTENSIONS as TEXT_EXTENSIONS
from victimshield.formats.text import decode_text
from victimshield.formats.whatsapp import head_text

FORMAT = "mt940"
EXTENSIONS = (".sta", ".mt940", ".940", ".swi", ".mt103")
_TAG = re.compile(r"^(?P<tag>:(?P<name>\d{2}[A-Z]?):)(?P<rest>.*)$", re.DOTALL)
_FREE_TEXT = {"86", "50", "50A", "50F", "50K", "59", "59A", "59F", "70", "72"}
_ACCOUNT = {"25", "25P"}
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def looks_like_swift(text: str) -> bool:
    return bool(re.search(r"^:20:", text, re.MULTILINE) and re.search(r"^:(?:25|61|32A|59|86):", text, re.MULTILINE))


def read_mt940(path: Path, relative: str, data: bytes) -> Document[TemplateLayout]:
    try:
        text, bom = decode_text(data, path)
        encoding = "utf-8"
    except InputError:
        # Bank statements are often Windows-1252; what it cannot decode is refused.
        try:
            text, bom, encoding = data.decode("cp1252"), False, "cp1252"
        except UnicodeDecodeError as exc:
            reason = f"neither UTF-8 nor Windows-1252 text (undecodable byte at offset {exc.start})"
            raise InputError(path, reason) from None
    builder = TemplateBuilder()
    segments: list[Segment] = []
    pending: list[str] = []  # lines of the free-text field being collected
    pending_at: list[tuple[int, str]] = []  # (line number, tag) of that field, while one is open

    def flush() -> None:
        if not pending:
            return
        body = "".join(pending)
        stripped = body.rstrip("\r\n")
        builder.slot()
        line, tag = pending_at[0]
        kind = "ACCOUNT_NUMBER" if tag in _ACCOUNT else None
        segments.append(Segment(stripped, Locator(relative, line=line, field=f":{tag}:"), kind))
        builder.literal(body[len(stripped):])
        pending.clear()
        pending_at.clear()

    for number, line in enumerate(_LINE.findall(text), start=1):
        match = _TAG.match(line)
        if match:
            flush()
            name = match["name"]
            if name in _FREE_TEXT or name in _ACCOUNT:
                builder.literal(match["tag"])
                pending.append(match["rest"])
                pending_at.append((number, name))
                continue
            builder.literal(line)
            continue
        # A continuation line of a free-text field; a block end ("-", "}") closes it.
        if pending and not line.strip().startswith(("-", "}", "{")) and pending_at[0][1] in _FREE_TEXT:
            pending.append(line)
            continue
        flush()
        builder.literal(line)
    flush()
    return Document(path, relative, FORMAT, tuple(segments), builder.layout(bom=bom, encoding=encoding))


class Mt940Format(Format[TemplateLayout]):
    """SWIFT messages by their own extensions, or a .txt that reads like one (after WhatsApp:
    a chat that quotes a statement is still a chat)."""

    names = (FORMAT,)
    extensions = EXTENSIONS + TEXT_EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        if extension in EXTENSIONS:
            return 1.0
        return 0.8 if extension in TEXT_EXTENSIONS and looks_like_swift(head_text(head)) else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[TemplateLayout]:
        return read_mt940(path, label, data)

    def write(self, document: Document[TemplateLayout], texts: Sequence[str]) -> bytes:
        return write_template(document, texts)
