"""WhatsApp chat exports (.txt), Android and iOS line formats, in their locale variants.

A message starts on a line with a timestamp header; lines that do not start one
continue the message before. Per message the author is its own segment (so a
name gets the same pseudonym as in the text) and the text another; timestamps,
separators and line ends are kept byte for byte. A shared contact (``Name.vcf``)
is a person's name: its stem is a declared ``PERSON`` segment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from victimshield.finding import Locator, Segment
from victimshield.formats.base import Document, Format
from victimshield.formats.template import TemplateBuilder, TemplateLayout, write_template
from victimshield.formats.text import EXTENSIONS as TEXT_EXTENSIONS
from victimshield.formats.text import decode_text

FORMAT = "whatsapp"
_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[\s\u202f\u00a0]?(?:[AaPp]\.?\s?[Mm]\.?))?"
# Android: "12/03/2023, 14:05 - ", "3/12/23, 2:05 PM - ", "12.03.23 14:05 - "
_ANDROID = re.compile(rf"^(?P<head>\u200e?{_DATE},?\s{_TIME}\s[-\u2013]\s)(?P<rest>.*)$", re.DOTALL)
# iOS: "[12/03/2023, 14:05:33] ", "[12.03.23, 2:05:33 PM] "
_IOS = re.compile(rf"^(?P<head>\u200e?\[{_DATE},?\s{_TIME}\]\s)(?P<rest>.*)$", re.DOTALL)
# "Name: text"; authors hold no colon followed by a space, and are not overlong.
_AUTHOR = re.compile(r"^(?P<author>[^\n:]{1,100}?)(?P<colon>: )(?P<text>.*)$", re.DOTALL)
# "<attached: 00000012-Ioana Popescu.vcf>", "Ioana Popescu.vcf (file attached)"
_CONTACT = re.compile(
    r"^(?P<pre>[\u200e\u200f]?(?:<attached: )?(?:\d{8}-)?)(?P<name>[^<>/\n]+?)"
    r"(?P<post>\.vcf(?:>| \(file attached\))?)(?P<end>\s*)$"
)
_PHONE_AUTHOR = re.compile(r"^[\u200e\u202a\u202c\s]*\+?[\d\s().\-\u00a0]{6,}[\u200e\u202a\u202c\s]*$")
# WhatsApp's own media names (date and counter only) carry no identity: kept as they are,
# so the NER does not take the counter for an ID. Anything else in a file name is text.
_MEDIA_NAME = re.compile(
    r"^[\u200e]?(?:(?:IMG|VID|AUD|PTT|STK|DOC)-\d{8}-WA\d{4}\.[A-Za-z0-9]{2,5} \(file attached\)"
    r"|<attached: \d{8}-(?:PHOTO|VIDEO|AUDIO|STICKER|GIF)-\d{4}(?:-\d{2}){5}\.[A-Za-z0-9]{2,5}>"
    r"|<Media omitted>)$"
)
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def _header(line: str) -> re.Match[str] | None:
    return _IOS.match(line) or _ANDROID.match(line)


_HEADER_BYTES = 96  # more than any message header, with its marks, takes in UTF-8


def _opens_message(buffer: bytes, start: int) -> bool:
    line = buffer[start : start + _HEADER_BYTES].split(b"\n", 1)[0]
    return _header(line.decode("utf-8", "replace")) is not None


def message_cut(buffer: bytes, target: int) -> int | None:
    """Where ``buffer`` (the head of an export) may be cut near ``target`` bytes: the last
    line start up to ``target`` that opens a message, else the first after it; None when
    ``buffer`` holds none. Only between messages, so a part never splits one (stream.py)."""
    end = buffer.rfind(b"\n", 0, min(target, len(buffer)))
    while end >= 0:
        if _opens_message(buffer, end + 1):
            return end + 1
        end = buffer.rfind(b"\n", 0, end)
    end = buffer.find(b"\n", target)
    while end >= 0:
        if _opens_message(buffer, end + 1):
            return end + 1
        end = buffer.find(b"\n", end + 1)
    return None


def looks_like_whatsapp(text: str) -> bool:
    """At least two of the first forty non-empty lines open a message, and most do."""
    # Lines as the export writes them (``\n``): ``splitlines`` would also break at a form feed
    # or U+2028 inside a message, and an export full of them would be read as plain text.
    lines = [ln for ln in text.split("\n")[:200] if ln.strip()][:40]
    hits = sum(1 for ln in lines if _header(ln))
    return hits >= 2 and hits * 2 >= len(lines) - 3


def _messages(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """(preamble, [(line number, header, rest with continuation lines)])."""
    preamble: list[str] = []
    messages: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(_LINE.findall(text), start=1):
        match = _header(line)
        if match:
            messages.append((number, match["head"], [match["rest"]]))
        elif messages:
            messages[-1][2].append(line)
        else:
            preamble.append(line)
    return "".join(preamble), [(n, head, "".join(rest)) for n, head, rest in messages]


def _body(builder: TemplateBuilder, segments: list[Segment], body: str, locator: Locator) -> None:
    stripped = body.rstrip("\r\n")
    ending = body[len(stripped):]
    if _MEDIA_NAME.match(stripped):
        builder.literal(body)
        return
    contact = _CONTACT.match(stripped)
    if contact and contact["name"].strip():
        builder.literal(contact["pre"])
        builder.slot()
        where = Locator(locator.file, locator.line, locator.message, field="contact")
        segments.append(Segment(contact["name"], where, "PERSON"))
        builder.literal(contact["post"] + contact["end"] + ending)
        return
    builder.slot()
    segments.append(Segment(stripped, locator))
    builder.literal(ending)


def read_whatsapp(path: Path, relative: str, data: bytes) -> Document[TemplateLayout]:
    text, bom = decode_text(data, path)
    preamble, messages = _messages(text)
    builder = TemplateBuilder()
    segments: list[Segment] = []
    if preamble.strip():
        stripped = preamble.rstrip("\r\n")
        builder.slot()
        segments.append(Segment(stripped, Locator(relative, line=1, field="preamble")))
        builder.literal(preamble[len(stripped):])
    else:
        builder.literal(preamble)
    for index, (line, head, rest) in enumerate(messages, start=1):
        builder.literal(head)
        author = _AUTHOR.match(rest)
        if author is None:  # a system line: "Bossu added Ionela", "Messages are end-to-end encrypted"
            _body(builder, segments, rest, Locator(relative, line=line, message=index, field="system"))
            continue
        # An author is a person or their number, whatever the NER makes of a bare name.
        kind = "PHONE_NUMBER" if _PHONE_AUTHOR.match(author["author"]) else "PERSON"
        builder.slot()
        segments.append(Segment(author["author"], Locator(relative, line=line, message=index, field="author"), kind))
        builder.literal(author["colon"])
        _body(builder, segments, author["text"], Locator(relative, line=line, message=index, field="text"))
    return Document(path, relative, FORMAT, tuple(segments), builder.layout(bom=bom))


def message_count(data: bytes) -> int:
    """How many messages an export holds (for round-trip checks)."""
    return len(_messages(data.decode("utf-8-sig"))[1])


def head_text(head: bytes) -> str:
    """A file's opening as text for sniffing: undecodable bytes never stop a guess."""
    return head[:65536].decode("utf-8-sig", "replace")


class WhatsAppFormat(Format[TemplateLayout]):
    """A .txt export whose lines open with WhatsApp's timestamp headers."""

    names = (FORMAT,)
    extensions = TEXT_EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 0.9 if extension in TEXT_EXTENSIONS and looks_like_whatsapp(head_text(head)) else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[TemplateLayout]:
        return read_whatsapp(path, label, data)

    def write(self, document: Document[TemplateLayout], texts: Sequence[str]) -> bytes:
        return write_template(document, texts)
