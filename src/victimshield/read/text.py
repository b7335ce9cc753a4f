"""Plain text (.txt, .md, .log): paragraphs as segments, line numbers as locators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.read.base import Document

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


def decode_text(data: bytes, path: Path) -> tuple[str, bool]:
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


def read_text(path: Path, relative: str, data: bytes) -> Document:
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
    return Document(path, relative, "text", tuple(segments), TextLayout(tuple(separators), bom))
