"""E-mail messages (.eml) and mailboxes (.mbox): headers, bodies (plain and HTML), the
parts' file names and attachments; in a mailbox also each message's envelope line
("From sender date"). How one message is read and written: ``email_message``.

Written back as a valid message, headers in their order: a header whose text changed is
encoded again (RFC 2047 when not ASCII), a text part whose text changed is encoded again in
UTF-8 (quoted-printable), an attachment whose text changed is written by its own format
and encoded in base64, and what did not change is written as the ``email`` package read
it. An attachment no format reads (a picture, until an image format is registered) is left
out with a manifest note; ``--strict`` refuses the message instead. A mailbox is its
messages one after another, each read and written as above, its envelope lines and the
blank lines between messages kept.

Outlook's .msg files are not read: the one library that parses them (extract-msg) is
GPL-3.0, and an OLE compound file cannot be written back; a .msg is an input no format
reads (skipped with a note, refused under ``--strict``). Save messages as .eml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.attachments import held_segments, nesting_of, prepare_held
from victimshield.formats.base import Detect, Document, Format, FormatPicker
from victimshield.formats.email_message import (
    MessageLayout,
    read_message,
    rewrite_message,
)

if TYPE_CHECKING:
    from victimshield.policy.model import ColumnRule

FORMAT = "email"
EXTENSIONS = (".eml",)
EmailLayout = MessageLayout  # one message: its raw bytes, targets and attachments


def read_email(path: Path, label: str, data: bytes, formats: FormatPicker | None = None) -> Document[EmailLayout]:
    read = read_message(data, path, label, nesting_of(formats))
    return Document(path, label, FORMAT, tuple(read.segments), read.layout, notes=tuple(read.notes),
                    dropped_parts=tuple(read.dropped_parts))


def write_email(document: Document[EmailLayout], texts: Sequence[str]) -> bytes:
    return rewrite_message(document.layout, [s.text for s in document.segments], texts, document.path)


def _prepared(layout: MessageLayout, own: Sequence[Segment], rules: Mapping[str, ColumnRule],
              detect: Detect) -> tuple[MessageLayout, list[Segment]]:
    """A message's attachments prepared by their formats; its segments again (its own first)."""
    held = prepare_held(layout.held, rules, detect)
    return replace(layout, held=held), [*own, *held_segments(held)]


# -- mbox: messages one after another, each opened by a "From " line ------------------------

MBOX = "mbox"
MBOX_EXTENSIONS = (".mbox", ".mbx")
MAX_MESSAGES = 100_000
_FROM_LINE = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\n\r\n))From [^\n]*\n")


@dataclass(frozen=True, slots=True)
class MboxMessage:
    envelope: bytes = field(repr=False)  # the "From " line as read, line end included
    trailer: bytes = b""  # the blank lines that end it, written back as read
    message: MessageLayout = field(default_factory=lambda: MessageLayout(b""), repr=False)

    @property
    def count(self) -> int:
        """Its segments: the envelope's, the message's own, its attachments'."""
        return 1 + len(self.message.targets) + sum(len(h.document.segments) for h in self.message.held)


@dataclass(frozen=True, slots=True)
class MboxLayout:
    preamble: bytes = field(repr=False)
    messages: tuple[MboxMessage, ...] = ()


def read_mbox(path: Path, label: str, data: bytes, formats: FormatPicker | None = None) -> Document[MboxLayout]:
    starts = [m.start() for m in _FROM_LINE.finditer(data)]
    if not starts:
        raise InputError(path, "no 'From ' line: not an mbox file")
    if len(starts) > MAX_MESSAGES:
        raise InputError(path, f"more than {MAX_MESSAGES} messages (the message limit)")
    nesting = nesting_of(formats)
    segments: list[Segment] = []
    messages: list[MboxMessage] = []
    notes: list[str] = []
    dropped: list[str] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True), start=1):
        line_end = data.index(b"\n", start) + 1
        chunk = data[line_end:end]
        body = chunk.rstrip(b"\r\n")
        envelope = data[start:line_end]
        sender = envelope[5:].rstrip(b"\r\n").decode("utf-8", "replace")
        read = read_message(body, path, label, nesting, number)
        segments += [Segment(sender, Locator(label, message=number, field="envelope")), *read.segments]
        messages.append(MboxMessage(envelope, chunk[len(body):], read.layout))
        notes += read.notes
        dropped += read.dropped_parts
    return Document(path, label, MBOX, tuple(segments), MboxLayout(data[: starts[0]], tuple(messages)),
                    notes=tuple(notes), dropped_parts=tuple(dropped))


def write_mbox(document: Document[MboxLayout], texts: Sequence[str]) -> bytes:
    out = [document.layout.preamble]
    originals = [s.text for s in document.segments]
    cursor = 0
    for message in document.layout.messages:
        count = message.count
        old, new = originals[cursor : cursor + count], texts[cursor : cursor + count]
        cursor += count
        newline = message.message.newline.encode()
        envelope = message.envelope if new[0] == old[0] else b"From " + new[0].encode() + newline
        rebuilt = rewrite_message(message.message, old[1:], new[1:], document.path)
        out += [envelope, rebuilt.rstrip(b"\r\n"), message.trailer]
    return b"".join(out)


def prepare_mbox(document: Document[MboxLayout], rules: Mapping[str, ColumnRule],
                 detect: Detect) -> Document[MboxLayout]:
    if not any(m.message.held for m in document.layout.messages):
        return document
    segments: list[Segment] = []
    messages: list[MboxMessage] = []
    cursor = 0
    for message in document.layout.messages:
        own = document.segments[cursor : cursor + 1 + len(message.message.targets)]
        cursor += message.count
        layout, found = _prepared(message.message, own, rules, detect)
        messages.append(replace(message, message=layout))
        segments += found
    return replace(document, segments=tuple(segments), layout=replace(document.layout, messages=tuple(messages)))


class MboxFormat(Format[MboxLayout]):
    """A mailbox file (mboxo/mboxrd as Thunderbird and mail servers keep it)."""

    names = (MBOX,)
    extensions = MBOX_EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 0.9 if extension in MBOX_EXTENSIONS else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[MboxLayout]:
        return read_mbox(path, label, data)

    def read_within(self, path: Path, label: str, data: bytes, formats: FormatPicker) -> Document[MboxLayout]:
        return read_mbox(path, label, data, formats)

    def write(self, document: Document[MboxLayout], texts: Sequence[str]) -> bytes:
        return write_mbox(document, texts)

    def prepare(self, document: Document[MboxLayout], rules: Mapping[str, ColumnRule],
                detect: Detect) -> Document[MboxLayout]:
        return prepare_mbox(document, rules, detect)


class EmailFormat(Format[EmailLayout]):
    """A single RFC 5322 message as Outlook, Thunderbird or a mail server saves it."""

    names = (FORMAT,)
    extensions = EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 0.9 if extension in EXTENSIONS else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[EmailLayout]:
        return read_email(path, label, data)

    def read_within(self, path: Path, label: str, data: bytes, formats: FormatPicker) -> Document[EmailLayout]:
        return read_email(path, label, data, formats)

    def write(self, document: Document[EmailLayout], texts: Sequence[str]) -> bytes:
        return write_email(document, texts)

    def prepare(self, document: Document[EmailLayout], rules: Mapping[str, ColumnRule],
                detect: Detect) -> Document[EmailLayout]:
        if not document.layout.held:
            return document
        own = document.segments[: len(document.layout.targets)]
        layout, segments = _prepared(document.layout, own, rules, detect)
        return replace(document, segments=tuple(segments), layout=layout)



