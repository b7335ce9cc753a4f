"""Plain text (.txt, .md, .log): paragraphs as segments, line numbers as locators; written
back with the paragraph breaks and BOM as they were."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.base import Document, Format

FORMAT = "text"
EXTENSIONS = (".txt", ".md", ".log")
_PARAGRAPH_BREAK = re.compile(r"(\r?\n[ \t]*(?:\r?\n[ \t]*)+)")
# Long paragraphs are cut into pieces of this many lines for the NER. Counted in lines,
# not characters: redaction keeps every line but changes lengths, and verify must read
# the output back in the same pieces as the input was detected in.
_MAX_LINES = 40


@dataclass(frozen=True, slots=True)
class TextLayout:
    separators: tuple[str, ...]  # text between segment i and i+1
    bom: bool


def decode_text(data: bytes, path: object) -> tuple[str, bool]:
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary content (NUL bytes), not text")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8-sig"), bom
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 text (undecodable byte at offset {exc.start})") from None


def _split_long(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if len(lines) <= _MAX_LINES:
        return [text]
    return ["".join(lines[i : i + _MAX_LINES]) for i in range(0, len(lines), _MAX_LINES)]


# The start of a non-blank line after a blank one: where a big text is best cut in parts
# (stream.py), for each part then holds whole paragraphs, as the whole file would.
_PARAGRAPH_START = re.compile(rb"\n[ \t]*\r?\n(?=[ \t]*[^\s])")


def text_cut(buffer: bytes, target: int) -> int | None:
    """Where ``buffer`` (the head of a text) may be cut near ``target`` bytes: the last
    paragraph start up to ``target``, else the last line start, else the first line start
    after it (a line longer than ``target``); None when no line ends in ``buffer``.
    Never inside a line, so never inside a UTF-8 character or a CRLF."""
    best = None
    for match in _PARAGRAPH_START.finditer(buffer, 0, min(len(buffer), target + 1024)):
        if match.end() > target:
            break
        best = match.end()
    if best is not None:
        return best
    end = buffer.rfind(b"\n", 0, target)
    if end >= 0:
        return end + 1
    end = buffer.find(b"\n", target)
    return end + 1 if end >= 0 else None


def read_text(path: Path, relative: str, data: bytes) -> Document[TextLayout]:
    text, bom = decode_text(data, path)
    parts = _PARAGRAPH_BREAK.split(text)
    segments: list[Segment] = []
    separators: list[str] = []
    line = 1
    for index, part in enumerate(parts):
        if index % 2 == 1:  # a paragraph break
            separators.append(part)
            line += part.count("\n")
            continue
        chunks = _split_long(part)
        for position, chunk in enumerate(chunks):
            if position:
                separators.append("")
            segments.append(Segment(chunk, Locator(relative, line=line)))
            line += chunk.count("\n")
    return Document(path, relative, FORMAT, tuple(segments), TextLayout(tuple(separators), bom))


def write_text(document: Document[TextLayout], texts: Sequence[str]) -> bytes:
    layout = document.layout
    pieces = [texts[0]] if texts else []
    for separator, text in zip(layout.separators, texts[1:], strict=True):
        pieces.append(separator)
        pieces.append(text)
    body = "".join(pieces).encode("utf-8")
    return (b"\xef\xbb\xbf" + body) if layout.bom else body


class TextFormat(Format[TextLayout]):
    """Any UTF-8 text with a text extension; the fallback when no chat or statement format
    recognises the content (they sniff more surely)."""

    names = (FORMAT,)
    extensions = EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 0.1 if extension in EXTENSIONS else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[TextLayout]:
        return read_text(path, label, data)

    def write(self, document: Document[TextLayout], texts: Sequence[str]) -> bytes:
        return write_text(document, texts)
