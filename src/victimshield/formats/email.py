"""E-mail messages (.eml) and mailboxes (.mbox): headers, bodies (plain and HTML) and
attachment names; in a mailbox also each message's envelope line ("From sender date").

Every header of the message's own header block is a segment (decoded from RFC 2047):
From, To, Cc, Reply-To, Subject, Message-ID, Received and the rest, since any of them may
name a person, an address or a machine. Only the structure headers (``Content-Type``,
``MIME-Version``, ``Content-Transfer-Encoding``, ...) are left as they are. Each text part
is a segment (an HTML part is cut at its tags: the text between tags and every quoted
attribute value are segments, the markup stays). A file name given to a part (its
``filename`` or ``name`` parameter) is a segment too.

Written back as a valid message, headers in their order: a header whose text changed is
encoded again (RFC 2047 when not ASCII), a part whose text changed is encoded again in
UTF-8 (quoted-printable), and what did not change is written as the ``email`` package read
it. An attachment that is not text is refused (exit 3): what it holds could not be checked,
and an e-mail is not sent on with a hole in it. (Attachments through their own formats are
the next step of issue 13.) A mailbox is its messages one after another, each read and
written as above, its envelope lines and the blank lines between messages kept.
"""

from __future__ import annotations

import email
import email.charset
import email.errors
import email.header
import email.message
import email.policy
import email.utils
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.generator import BytesGenerator
from pathlib import Path

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.base import Document, Format

FORMAT = "email"
EXTENSIONS = (".eml",)
# Headers that say how the message is built, never who or where; left as they are.
STRUCTURE = frozenset({
    "content-type", "content-transfer-encoding", "mime-version", "content-disposition", "content-id",
    "content-length", "content-language", "content-location",
})
MAX_PARTS = 1000
# Header names a locator may show; any other (an X- header) is named by position only.
NAMED_HEADERS = frozenset({
    "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "date", "message-id", "in-reply-to", "references",
    "received", "return-path", "delivered-to", "user-agent", "x-mailer", "list-id", "thread-topic", "importance",
})
MEDIA_TYPES = frozenset({"application", "audio", "font", "image", "message", "model", "multipart", "video"})
_TAG = re.compile(r"<[^>]*>", re.S)
_ATTRIBUTE = re.compile(r"""=\s*("([^"]*)"|'([^']*)')""")
_SKIP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a segment's text goes back: a top-level header (by position among the
    message's headers), a part's text (by its position in the walk) at [start, end), or a
    part's file name."""

    kind: str  # "header", "body", "filename"
    index: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class EmailLayout:
    raw: bytes = field(repr=False)  # the message as read: the writer rebuilds it from these bytes
    newline: str = "\n"
    targets: tuple[Target, ...] = ()


def _decode(value: str) -> str:
    unfolded = re.sub(r"\r?\n[ \t]", " ", value).strip("\r\n")
    try:
        return str(email.header.make_header(email.header.decode_header(unfolded)))
    except (UnicodeDecodeError, LookupError, email.errors.HeaderParseError):
        return unfolded


def _encoded(name: str, value: str) -> str | email.header.Header:
    return value if value.isascii() else email.header.Header(value, "utf-8", header_name=name)


def _utf8_quoted_printable() -> email.charset.Charset:
    """Changed text goes back as UTF-8 in quoted-printable: still readable in the file."""
    charset = email.charset.Charset("utf-8")
    charset.body_encoding = email.charset.QP
    return charset


def _message(data: bytes) -> email.message.Message:
    return email.message_from_bytes(data, policy=email.policy.compat32)


def _parts(message: email.message.Message, path: object) -> list[email.message.Message]:
    parts = list(message.walk())
    if len(parts) > MAX_PARTS:
        raise InputError(path, f"more than {MAX_PARTS} MIME parts (the part limit)")
    return parts


def _is_text(part: email.message.Message) -> bool:
    return part.get_content_maintype() == "text" and not part.is_multipart()


def _text_of(part: email.message.Message, path: object, number: int) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        raise InputError(path, f"MIME part {number}: its text is not in the charset it declares") from None


def _html_pieces(html: str) -> Iterator[tuple[int, int]]:
    """Spans of an HTML text that hold words: text between tags and quoted attribute values."""
    skipped = [(m.start(), m.end()) for m in _SKIP.finditer(html)]
    cursor = 0
    for tag in _TAG.finditer(html):
        if tag.start() > cursor and not any(a <= cursor < b for a, b in skipped):
            yield cursor, tag.start()
        for value in _ATTRIBUTE.finditer(html, tag.start(), tag.end()):
            group = 2 if value.group(2) is not None else 3
            if value.end(group) > value.start(group):
                yield value.start(group), value.end(group)
        cursor = tag.end()
    if cursor < len(html):
        yield cursor, len(html)


def _filename(part: email.message.Message) -> str | None:
    found = part.get_param("filename", header="content-disposition") or part.get_param("name")
    if isinstance(found, tuple):  # RFC 2231: (charset, language, value)
        found = email.utils.collapse_rfc2231_value(found)
    return found if isinstance(found, str) else None


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name.strip(".") else name


def _segments_of(data: bytes, path: object, label: str,
                 message_number: int | None = None) -> tuple[list[Segment], list[Target]]:
    """One message's segments and where each goes back."""
    message = _message(data)
    if not message.keys():
        raise InputError(path, "no header: not an e-mail message")
    segments: list[Segment] = []
    targets: list[Target] = []

    def locator(where: str) -> Locator:
        return Locator(label, message=message_number, field=where)

    for index, (name, value) in enumerate(message.items()):
        if name.lower() in STRUCTURE:
            continue
        # A header's own name is evidence too ("X-Ioana-Popescu: …"): only a standard one is shown.
        shown = f" ({name.lower()})" if name.lower() in NAMED_HEADERS else ""
        segments.append(Segment(_decode(str(value)), locator(f"header {index + 1}{shown}")))
        targets.append(Target("header", index))
    for number, part in enumerate(_parts(message, path), start=1):
        filename = _filename(part)
        if filename is not None:
            # The name without its extension, as for the export's own file names.
            segments.append(Segment(_stem(_decode(filename)), locator(f"part {number} file name")))
            targets.append(Target("filename", number))
        if part.is_multipart():
            continue
        if not _is_text(part):
            kind = part.get_content_maintype()  # only IANA's top-level types: a subtype is the sender's to write
            kind = kind if kind in MEDIA_TYPES else "another type"
            raise InputError(path, f"MIME part {number} is an attachment that is not text ({kind}): "
                                   "it cannot be checked inside the e-mail; save it beside the message as its own file")
        body = _text_of(part, path, number)
        spans = list(_html_pieces(body)) if part.get_content_subtype() == "html" else [(0, len(body))]
        for start, end in spans:
            if body[start:end].strip():
                segments.append(Segment(body[start:end], locator(f"part {number}")))
                targets.append(Target("body", number, start, end))
    return segments, targets


def _newline(data: bytes) -> str:
    return "\r\n" if b"\r\n" in data[:4096] else "\n"


def read_email(path: Path, label: str, data: bytes) -> Document[EmailLayout]:
    segments, targets = _segments_of(data, path, label)
    return Document(path, label, FORMAT, tuple(segments), EmailLayout(data, _newline(data), tuple(targets)))


def _rewritten(raw: bytes, newline: str, targets: Sequence[Target], originals: Sequence[str],
               texts: Sequence[str], path: object) -> bytes:
    """One message again, with ``texts`` in place of its segments."""
    headers: dict[int, str] = {}
    bodies: dict[int, list[tuple[int, int, str]]] = {}
    names: dict[int, str] = {}
    for target, old, new in zip(targets, originals, texts, strict=True):
        if target.kind == "header" and new != old:
            headers[target.index] = new
        elif target.kind == "body":
            bodies.setdefault(target.index, []).append((target.start, target.end, new))
        elif target.kind == "filename" and new != old:
            names[target.index] = new
    message = _message(raw)
    if headers:
        # Every header taken off and put back in its order: a changed one encoded again.
        items = message.items()
        for name in dict.fromkeys(n for n, _ in items):
            del message[name]
        for index, (name, value) in enumerate(items):
            # compat32 takes a str or a Header as a value; typeshed names only str.
            message[name] = _encoded(name, headers[index]) if index in headers else value  # type: ignore[assignment]
    for number, part in enumerate(_parts(message, path), start=1):
        if number in names:
            old_name = _decode(_filename(part) or "")
            new_name = names[number] + old_name[len(_stem(old_name)) :]
            if part.get_param("filename", header="content-disposition") is not None:
                part.set_param("filename", new_name, header="content-disposition")
            if part.get_param("name") is not None:
                part.set_param("name", new_name)
        if number in bodies:
            body = _text_of(part, path, number)
            changed = body
            for start, end, new in sorted(bodies[number], reverse=True):
                changed = changed[:start] + new + changed[end:]
            if changed != body:
                had_version = "MIME-Version" in part
                del part["Content-Transfer-Encoding"]
                part.set_payload(changed, _utf8_quoted_printable())
                if not had_version and part is not message:
                    del part["MIME-Version"]  # set_payload adds one; a subpart had none
    buffer = io.BytesIO()
    # mangle_from_=False: a body line starting "From " stays as it was written.
    policy = email.policy.compat32.clone(linesep=newline)
    BytesGenerator(buffer, mangle_from_=False, policy=policy).flatten(message)
    return buffer.getvalue()


def write_email(document: Document[EmailLayout], texts: Sequence[str]) -> bytes:
    layout = document.layout
    originals = [s.text for s in document.segments]
    return _rewritten(layout.raw, layout.newline, layout.targets, originals, texts, document.path)


# -- mbox: messages one after another, each opened by a "From " line ------------------------

MBOX = "mbox"
MBOX_EXTENSIONS = (".mbox", ".mbx")
MAX_MESSAGES = 100_000
_FROM_LINE = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\n\r\n))From [^\n]*\n")


@dataclass(frozen=True, slots=True)
class MboxMessage:
    envelope: bytes = field(repr=False)  # the "From " line as read, line end included
    raw: bytes = field(repr=False)  # the message, its trailing blank lines excluded
    trailer: bytes = b""  # the blank lines that end it, written back as read
    newline: str = "\n"
    targets: tuple[Target, ...] = ()  # the envelope's own segment first, then the message's


@dataclass(frozen=True, slots=True)
class MboxLayout:
    preamble: bytes = field(repr=False)
    messages: tuple[MboxMessage, ...] = ()


def read_mbox(path: Path, label: str, data: bytes) -> Document[MboxLayout]:
    starts = [m.start() for m in _FROM_LINE.finditer(data)]
    if not starts:
        raise InputError(path, "no 'From ' line: not an mbox file")
    if len(starts) > MAX_MESSAGES:
        raise InputError(path, f"more than {MAX_MESSAGES} messages (the message limit)")
    segments: list[Segment] = []
    messages: list[MboxMessage] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True), start=1):
        line_end = data.index(b"\n", start) + 1
        chunk = data[line_end:end]
        body = chunk.rstrip(b"\r\n")
        envelope = data[start:line_end]
        sender = envelope[5:].rstrip(b"\r\n").decode("utf-8", "replace")
        found, targets = _segments_of(body, path, label, number)
        segments += [Segment(sender, Locator(label, message=number, field="envelope")), *found]
        messages.append(MboxMessage(envelope, body, chunk[len(body):], _newline(body),
                                    (Target("envelope", 0), *targets)))
    return Document(path, label, MBOX, tuple(segments), MboxLayout(data[: starts[0]], tuple(messages)))


def write_mbox(document: Document[MboxLayout], texts: Sequence[str]) -> bytes:
    out = [document.layout.preamble]
    originals = [s.text for s in document.segments]
    cursor = 0
    for message in document.layout.messages:
        count = len(message.targets)
        old, new = originals[cursor : cursor + count], texts[cursor : cursor + count]
        cursor += count
        envelope = message.envelope if new[0] == old[0] else b"From " + new[0].encode() + message.newline.encode()
        rebuilt = _rewritten(message.raw, message.newline, message.targets[1:], old[1:], new[1:], document.path)
        out += [envelope, rebuilt.rstrip(b"\r\n"), message.trailer]
    return b"".join(out)


class MboxFormat(Format[MboxLayout]):
    """A mailbox file (mboxo/mboxrd as Thunderbird and mail servers keep it)."""

    names = (MBOX,)
    extensions = MBOX_EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 0.9 if extension in MBOX_EXTENSIONS else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[MboxLayout]:
        return read_mbox(path, label, data)

    def write(self, document: Document[MboxLayout], texts: Sequence[str]) -> bytes:
        return write_mbox(document, texts)


class EmailFormat(Format[EmailLayout]):
    """A single RFC 5322 message as Outlook, Thunderbird or a mail server saves it."""

    names = (FORMAT,)
    extensions = EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 0.9 if extension in EXTENSIONS else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[EmailLayout]:
        return read_email(path, label, data)

    def write(self, document: Document[EmailLayout], texts: Sequence[str]) -> bytes:
        return write_email(document, texts)
