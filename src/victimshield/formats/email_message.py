"""One e-mail message as segments and back: its headers, its text parts (plain and HTML),
its parts' file names, and its attachments through their own formats (``attachments``).

Every header of the message's own header block is a segment (decoded from RFC 2047), the
structure headers (``Content-Type``, ``MIME-Version``, ...) excepted. A text part with no
file name is body text (an HTML part is cut at its tags: the text between tags and every
quoted attribute value are segments, the markup stays). Any other leaf part, and a
forwarded message (``message/rfc822``), is an attachment: the registry reads it by its
name's extension or declared type and its bytes, and its own format writes it back. An
attachment no format reads is left out of the message with a note; a text one no format
claims is read here as text. A forwarded message is not walked into: it is an attachment
read by the e-mail format itself, its own headers included.
"""

from __future__ import annotations

import base64
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

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.attachments import (
    Held,
    Nesting,
    changed_bytes,
    extension_of,
    held_notes,
    held_segments,
    read_held,
    split_texts,
)

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
BODY_TYPES = ("text/plain", "text/html")
# Headers of message identifiers ("<id-left@id-right>", the right a host's or a person's own
# domain): a changed one is written back with only the characters an identifier may hold,
# so the header still parses ("[REDACTED:EMAIL_ADDRESS]" becomes "redacted-email_address":
# lower case, as a capitalised word there would read as a name when verify reads it back).
MESSAGE_IDS = frozenset({"message-id", "in-reply-to", "references", "resent-message-id"})
_MESSAGE_ID = re.compile(r"<([^<>]*)>")
_NOT_ID = re.compile(r"[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]+")
_MARKER = re.compile(r"\[([A-Z]+):([A-Z0-9_]+)\]")
FORWARDED = "message/rfc822"
UTF8_CHARSETS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
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
class MessageLayout:
    """One message as read: its own segments' targets, then its attachments' documents
    (their segments follow the message's own, in order)."""

    raw: bytes = field(repr=False)  # the message as read: the writer rebuilds it from these bytes
    newline: str = "\n"
    targets: tuple[Target, ...] = ()
    held: tuple[Held, ...] = ()
    dropped: tuple[int, ...] = ()  # MIME parts (by walk position) no format reads: left out


@dataclass(frozen=True, slots=True)
class ReadMessage:
    segments: list[Segment]  # the message's own, then its attachments'
    layout: MessageLayout
    notes: list[str]
    dropped_parts: list[str]


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


def parse(data: bytes) -> email.message.Message:
    return email.message_from_bytes(data, policy=email.policy.compat32)


def flatten(message: email.message.Message, newline: str) -> bytes:
    buffer = io.BytesIO()
    # mangle_from_=False: a body line starting "From " stays as it was written.
    policy = email.policy.compat32.clone(linesep=newline)
    BytesGenerator(buffer, mangle_from_=False, policy=policy).flatten(message)
    return buffer.getvalue()


def newline_of(data: bytes) -> str:
    return "\r\n" if b"\r\n" in data[:4096] else "\n"


def _walk(message: email.message.Message, path: object) -> list[tuple[email.message.Message, email.message.Message]]:
    """Every part with its parent, depth first, without recursion and without entering a
    forwarded message (it is read whole, as an attachment)."""
    found: list[tuple[email.message.Message, email.message.Message]] = []
    stack = [(message, message)]
    while stack:
        part, parent = stack.pop()
        found.append((part, parent))
        if len(found) > MAX_PARTS:
            raise InputError(path, f"more than {MAX_PARTS} MIME parts (the part limit)")
        if part.is_multipart() and part.get_content_type() != FORWARDED:
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((c, part) for c in reversed(children) if isinstance(c, email.message.Message))
    return found


def _text_of(part: email.message.Message, path: object, number: int) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        # Text's line breaks are CRLF on the wire (RFC 2046) and a changed body is written
        # with the message's own: read as plain "\n", a body reads alike before and after,
        # whatever its transfer encoding kept (verify read "\r\n" back where the input had "\n").
        return payload.decode(charset).replace("\r\n", "\n")
    except (LookupError, UnicodeDecodeError):
        raise InputError(path, f"MIME part {number}: its text is not in the charset it declares") from None


def _bytes_of(part: email.message.Message, newline: str) -> bytes:
    if part.get_content_type() == FORWARDED:
        inner = part.get_payload(0) if part.is_multipart() else None
        return flatten(inner, newline) if isinstance(inner, email.message.Message) else b""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


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
    return _decode(found) if isinstance(found, str) else None


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name.strip(".") else name


def _held_extension(part: email.message.Message, filename: str | None, known: Sequence[str]) -> str | None:
    """The extension the part is offered to the formats with, "" when none would read it,
    or None when it is body text read here (a text part no format claims, or with no name)."""
    kind = part.get_content_type()
    is_text = part.get_content_maintype() == "text"
    if is_text and filename is None and kind in BODY_TYPES:
        return None
    if is_text and (part.get_content_charset() or "utf-8") not in UTF8_CHARSETS:
        return None  # its bytes are in a charset a format may not read: decoded here, as text
    extension = extension_of(filename, kind, known)
    return None if is_text and not extension else extension


def read_message(data: bytes, path: object, label: str, nesting: Nesting,
                 message_number: int | None = None) -> ReadMessage:
    """One message's segments, where each goes back, and its attachments read by their formats."""
    message = parse(data)
    if not message.keys():
        raise InputError(path, "no header: not an e-mail message")
    newline = newline_of(data)
    segments: list[Segment] = []
    targets: list[Target] = []
    held: list[Held] = []
    dropped: list[int] = []
    notes: list[str] = []
    dropped_parts: list[str] = []
    prefix = "" if message_number is None else f"message {message_number}, "

    def locator(where: str) -> Locator:
        return Locator(label, message=message_number, field=where)

    for index, (name, value) in enumerate(message.items()):
        if name.lower() in STRUCTURE:
            continue
        # A header's own name is evidence too ("X-Ioana-Popescu: …"): only a standard one is shown.
        shown = f" ({name.lower()})" if name.lower() in NAMED_HEADERS else ""
        segments.append(Segment(_decode(str(value)), locator(f"header {index + 1}{shown}")))
        targets.append(Target("header", index))
    attachment = 0
    for number, (part, _) in enumerate(_walk(message, path), start=1):
        filename = _filename(part)
        if filename is not None:
            # The name without its extension, as for the export's own file names.
            segments.append(Segment(_stem(filename), locator(f"part {number} file name")))
            targets.append(Target("filename", number))
        if part.is_multipart() and part.get_content_type() != FORWARDED:
            continue
        extension = _held_extension(part, filename, nesting.extensions)
        if extension is not None:
            attachment += 1
            what = f"{prefix}attachment {attachment}"
            got = read_held(nesting, _bytes_of(part, newline), extension, path, what, number, label)
            if isinstance(got, str):
                if part is message:
                    raise InputError(path, f"the message's only part cannot be read ({got})")
                dropped.append(number)
                notes.append(f"{what} dropped: {got}")
                dropped_parts.append(what)
            else:
                held.append(got)
            continue
        body = _text_of(part, path, number)
        spans = list(_html_pieces(body)) if part.get_content_subtype() == "html" else [(0, len(body))]
        for start, end in spans:
            if body[start:end].strip():
                segments.append(Segment(body[start:end], locator(f"part {number}")))
                targets.append(Target("body", number, start, end))
    inner_notes, inner_dropped = held_notes(held)
    layout = MessageLayout(data, newline, tuple(targets), tuple(held), tuple(dropped))
    return ReadMessage([*segments, *held_segments(held)], layout, notes + inner_notes, dropped_parts + inner_dropped)


def _identifier(match: re.Match[str]) -> str:
    """A message identifier with what a replacement brought that one may not hold ("[", ":",
    spaces) turned into hyphens."""
    unmarked = _MARKER.sub(lambda m: f"{m.group(1)}-{m.group(2)}".lower(), match.group(1))
    return "<" + (_NOT_ID.sub("-", unmarked).strip(".-") or "redacted") + ">"


def _put_bytes(part: email.message.Message, data: bytes, newline: str) -> None:
    """An attachment's new bytes in its part: a forwarded message as a message, the rest in base64."""
    if part.get_content_type() == FORWARDED:
        part.set_payload([parse(data)])
        return
    part.set_payload(base64.encodebytes(data).decode("ascii").replace("\n", newline))
    if "Content-Transfer-Encoding" in part:
        part.replace_header("Content-Transfer-Encoding", "base64")
    else:
        part["Content-Transfer-Encoding"] = "base64"


def rewrite_message(layout: MessageLayout, originals: Sequence[str], texts: Sequence[str], path: object) -> bytes:
    """One message again, with ``texts`` in place of its segments (its own, then its attachments')."""
    own = len(layout.targets)
    headers: dict[int, str] = {}
    bodies: dict[int, list[tuple[int, int, str]]] = {}
    names: dict[int, str] = {}
    for target, old, new in zip(layout.targets, originals[:own], texts[:own], strict=True):
        if target.kind == "header" and new != old:
            headers[target.index] = new
        elif target.kind == "body":
            bodies.setdefault(target.index, []).append((target.start, target.end, new))
        elif target.kind == "filename" and new != old:
            names[target.index] = new
    attachments = {h.place: changed_bytes(h, t) for h, t in zip(layout.held, split_texts(layout.held, texts[own:]),
                                                                   strict=True)}
    message = parse(layout.raw)
    if headers:
        # Every header taken off and put back in its order: a changed one encoded again.
        items = message.items()
        for name in dict.fromkeys(n for n, _ in items):
            del message[name]
        for index, (name, value) in enumerate(items):
            # compat32 takes a str or a Header as a value; typeshed names only str.
            if index in headers and name.lower() in MESSAGE_IDS:
                headers[index] = _MESSAGE_ID.sub(_identifier, headers[index])
            message[name] = _encoded(name, headers[index]) if index in headers else value  # type: ignore[assignment]
    walked = _walk(message, path)
    for number, (part, _) in enumerate(walked, start=1):
        if number in names:
            old_name = _filename(part) or ""
            new_name = names[number] + old_name[len(_stem(old_name)) :]
            if part.get_param("filename", header="content-disposition") is not None:
                part.set_param("filename", new_name, header="content-disposition")
            if part.get_param("name") is not None:
                part.set_param("name", new_name)
        new_bytes = attachments.get(number)
        if new_bytes is not None:
            _put_bytes(part, new_bytes, layout.newline)
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
    for number in layout.dropped:
        part, parent = walked[number - 1]
        parent.set_payload([p for p in parent.get_payload() if p is not part])
    return flatten(message, layout.newline)
