"""A big input cut into parts at safe places, read a block at a time: memory is bounded by
the part, not the input (issue 11; docs/streaming.md).

Which inputs may be cut, and where:

- plain text: after a paragraph break, else between lines (``formats.text.text_cut``);
- a WhatsApp export: only before a line that opens a message (``formats.whatsapp.message_cut``);
- CSV/TSV: between records, never inside a quoted field that holds a line break
  (``record_cut``); the header record is handed to the reader of every part, and written once.

A part ends after a line break, so it never ends inside a UTF-8 character or a CRLF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from victimshield.errors import InputError
from victimshield.formats.text import text_cut
from victimshield.formats.whatsapp import message_cut

DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024  # a part's size; inputs larger than this are streamed
MIN_CHUNK_BYTES = 1024  # below this a part is mostly header and boundaries
MAX_STREAM_BYTES = 64 * 1024 ** 3  # the input size limit for streamed formats (others: MAX_INPUT_BYTES)
MAX_PART_BYTES = 256 * 1024 * 1024  # one line, message or record longer than this is refused
_BLOCK = 1024 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# (the head of what is left, a target size) -> where a part may end, or None (read more)
Cut = Callable[[bytes, int], int | None]


def record_cut(buffer: bytes, target: int) -> int | None:
    """The last record boundary up to ``target``, else the first after it; None if none.

    A line break ends a record when the quotes before it are even in number: inside a
    quoted field a quote is doubled, so an odd count means the field is still open. A quote
    inside an unquoted field (not RFC 4180) can only make a part end inside a quoted field,
    which its reader then refuses: never a wrong split that reads."""
    best = None
    position = 0
    quotes = 0
    while True:
        end = buffer.find(b"\n", position)
        if end < 0:
            return best
        quotes += buffer.count(b'"', position, end)
        position = end + 1
        if quotes % 2 == 0:
            if position > target and best is not None:
                return best
            best = position
            if position >= target:
                return best


@dataclass(frozen=True, slots=True)
class PartKind:
    """How one format's inputs are cut; ``header``: the first record goes to every part's reader."""

    cut: Cut
    header: bool = False


TEXT_PARTS = PartKind(text_cut)
CHAT_PARTS = PartKind(message_cut)
TABLE_PARTS = PartKind(record_cut, header=True)


def part_kind(format_name: str, path: Path, head: bytes) -> PartKind | None:
    """How an input read by ``format_name`` is cut, or None when it cannot be streamed."""
    if head.startswith(_UTF16_BOMS) or b"\x00" in head[:8192]:
        return None  # not a byte-compatible text: its line breaks are not single bytes
    if format_name == "text":
        return TEXT_PARTS
    if format_name == "whatsapp":
        return CHAT_PARTS
    if format_name == "table" and path.suffix.lower() in (".csv", ".tsv"):
        return TABLE_PARTS
    return None


def header_record(head: bytes, where: object) -> bytes:
    """A CSV's first record after any blank lines it opens with (BOM and blanks left out):
    what every later part's reader is handed before that part's records."""
    start = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while head[start : start + 1] in (b"\r", b"\n"):
        start += 1
    end = record_cut(head[start:], 1)
    if end is None:
        raise InputError(where, f"its header record is longer than {len(head)} bytes; it cannot be read in parts")
    return head[start : start + end]


def parts(handle: BinaryIO, size: int, cut: Cut, where: object) -> Iterator[bytes]:
    """The file's bytes in parts of about ``size``, each ending where ``cut`` allows (the
    last: where the file ends). Memory holds one part and one block."""
    buffer = b""
    want = size
    ended = False
    while True:
        while not ended and len(buffer) < want:
            block = handle.read(max(want - len(buffer), _BLOCK))
            ended = not block
            buffer += block
        if ended and len(buffer) <= size:
            if buffer:
                yield buffer
            return
        end = cut(buffer, size)
        if end is None or end >= len(buffer):
            if ended:  # no boundary left: the rest is the last part
                yield buffer
                return
            if len(buffer) > MAX_PART_BYTES:
                raise InputError(where, f"holds a line, message or record longer than {MAX_PART_BYTES} bytes "
                                        "(the limit on one part of a streamed input)")
            # Doubled: a long record is scanned a few times, not once per block.
            want = min(2 * len(buffer), MAX_PART_BYTES + 1)
            continue
        yield buffer[:end]
        buffer = buffer[end:]
        want = size
