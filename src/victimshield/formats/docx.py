"""Word documents (.docx): body, tables, headers, footers, foot- and endnotes, comments,
tracked changes, hyperlink targets and document properties.

A .docx is a zip of XML parts. Each paragraph of a text part is one segment: the text of
its runs (``w:t``) joined, so a name Word split over two runs ("Io" + "ana") is read whole;
the text a tracked deletion removed (``w:delText``) is a segment of its own (deleted text
still leaves with the file), and so is a field code (``w:instrText``: a ``HYPERLINK
mailto:`` lives there). External relationship targets (hyperlinks), the core and app
properties (author, last editor, title, company, …) and custom properties are segments too.

The XML is never parsed and serialised again: Word refuses a part whose namespace prefixes
changed. Text is found and replaced in place, escaped as XML; a paragraph whose text
changed gets all of it in its first run and its other runs emptied, so its words keep the
first run's formatting (noted in the manifest). Every other byte of every part, and the
zip's entry order, names and times, stay as read.

Images and embedded objects could show what text cannot (a face, a passport): a document
holding any is refused (exit 3), never sent on unchecked.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.base import Document, Format, check_zip_sizes

FORMAT = "docx"
EXTENSIONS = (".docx",)
_TEXT_PARTS = re.compile(
    r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments(Extended|Extensible|Ids)?|people)\.xml$"
)
_RELS = re.compile(r"^word/_rels/[^/]+\.rels$")
_PROPERTIES = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
_UNCHECKABLE = re.compile(r"^word/(media|embeddings)/")
# Paragraph tags (self-closing ones hold no text) and the text-bearing elements in them.
_PARAGRAPH_TAG = re.compile(r"<(/?)w:p(?=[\s>/])([^>]*)>")
_RUN_TEXT = re.compile(r"<(w:t|w:delText|w:instrText)(\s[^>]*)?>([^<]*)</\1>|<(w:t|w:delText|w:instrText)(\s[^>]*)?/>")
_PROPERTY_TEXT = re.compile(
    r"<((?:dc|cp|vt):[A-Za-z]+|Company|Manager|HyperlinkBase)(\s[^>]*)?>([^<]+)</\1>"
)
_EXTERNAL_TARGET = re.compile(r"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*\bTargetMode=\"External\"[^>]*/?>"
                              r"|<Relationship\b[^>]*?\bTargetMode=\"External\"[^>]*\bTarget=\"([^\"]*)\"[^>]*/?>")
# Who wrote a comment or a tracked change, and their sign-in: attributes, not text.
_PERSON_ATTRIBUTE = re.compile(r"\bw(?:15)?:(author|initials|userId|providerId)=\"([^\"]*)\"")
_PRESERVE = ' xml:space="preserve"'


@dataclass(frozen=True, slots=True)
class Slot:
    """One place a segment's text sits in a part: [start, end) of the part's text."""

    start: int
    end: int
    kind: str  # "w:t", "w:delText", "w:instrText", or "plain" (a property or an attribute value)


@dataclass(frozen=True, slots=True)
class Piece:
    """A segment's home: a part and the slots that hold its text, in order."""

    part: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class DocxLayout:
    raw: bytes = field(repr=False)  # the document as read; the writer rebuilds it from these bytes
    pieces: tuple[Piece, ...] = ()


def _check(archive: zipfile.ZipFile, where: object) -> None:
    infos = archive.infolist()
    check_zip_sizes(infos, where)
    pictures = [i for i in infos if _UNCHECKABLE.match(i.filename)]
    if pictures:
        raise InputError(where, f"holds {len(pictures)} image(s) or embedded object(s), which cannot be checked "
                                "for identities yet; remove them or send them as files of their own")


def _paragraph_runs(xml: str) -> Iterator[list[re.Match[str]]]:
    """Each paragraph's text elements in order (those of a paragraph nested in a text box
    belong to the inner paragraph), and the text elements outside any paragraph one by one."""
    stack: list[list[re.Match[str]]] = []
    events = sorted([(m.start(), "p", m) for m in _PARAGRAPH_TAG.finditer(xml)]
                    + [(m.start(), "t", m) for m in _RUN_TEXT.finditer(xml)], key=lambda e: e[0])
    for _, kind, match in events:
        if kind == "p":
            closing, attributes = match.group(1) == "/", match.group(2)
            if closing:
                if stack:
                    yield stack.pop()
            elif not attributes.rstrip().endswith("/"):
                stack.append([])
        elif stack:
            stack[-1].append(match)
        else:
            yield [match]
    while stack:
        yield stack.pop()


def _text_slot(match: re.Match[str]) -> Slot | None:
    if match.group(1) is None:  # <w:t/>: an empty run
        return None
    return Slot(match.start(3), match.end(3), match.group(1))


def read_docx(path: Path, label: str, data: bytes) -> Document[DocxLayout]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(path, "not a zip container: not a .docx") from None
    with archive:
        _check(archive, path)
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise InputError(path, "no word/document.xml: not a Word document")
        segments: list[Segment] = []
        pieces: list[Piece] = []
        for part in names:
            if not (_TEXT_PARTS.match(part) or _RELS.match(part) or part in _PROPERTIES):
                continue
            try:
                xml = archive.read(part).decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(path, f"part {names.index(part) + 1} is not UTF-8 XML") from None
            # Text and property parts have fixed names; a relationships file's name is the
            # document's to choose, so it is never shown.
            short = "links" if _RELS.match(part) else part.rsplit("/", 1)[-1].removesuffix(".xml")
            for text, slots, what in _segments_of(part, xml):
                if text.strip():
                    segments.append(Segment(text, Locator(label, field=f"{short} {what}")))
                    pieces.append(Piece(part, slots))
    return Document(path, label, FORMAT, tuple(segments), DocxLayout(data, tuple(pieces)))


def _segments_of(part: str, xml: str) -> Iterator[tuple[str, tuple[Slot, ...], str]]:
    if _RELS.match(part):
        for number, match in enumerate(_EXTERNAL_TARGET.finditer(xml), start=1):
            group = 1 if match.group(1) is not None else 2
            slot = Slot(match.start(group), match.end(group), "plain")
            yield html.unescape(match.group(group)), (slot,), f"link {number}"
        return
    if part in _PROPERTIES:
        for number, match in enumerate(_PROPERTY_TEXT.finditer(xml), start=1):
            yield html.unescape(match.group(3)), (Slot(match.start(3), match.end(3), "plain"),), f"property {number}"
        return
    for number, runs in enumerate(_paragraph_runs(xml), start=1):
        for kind, what in (("w:t", "paragraph"), ("w:delText", "deleted text"), ("w:instrText", "field code")):
            slots = tuple(s for s in (_text_slot(m) for m in runs) if s is not None and s.kind == kind)
            if slots:
                yield "".join(html.unescape(xml[s.start : s.end]) for s in slots), slots, f"{what} {number}"
    for number, match in enumerate(_PERSON_ATTRIBUTE.finditer(xml), start=1):
        yield (
            html.unescape(match.group(2)),
            (Slot(match.start(2), match.end(2), "plain"),),
            f"{match.group(1)} {number}",
        )


def write_docx(document: Document[DocxLayout], texts: Sequence[str]) -> bytes:
    layout = document.layout
    edits: dict[str, list[tuple[Slot, str]]] = {}
    for piece, old, new in zip(layout.pieces, (s.text for s in document.segments), texts, strict=True):
        if new == old:
            continue
        first, *rest = piece.slots
        edits.setdefault(piece.part, []).append((first, new))
        edits[piece.part] += [(slot, "") for slot in rest]
    source = zipfile.ZipFile(io.BytesIO(layout.raw))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in edits:
                data = _apply(data.decode("utf-8"), edits[info.filename]).encode("utf-8")
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


def _apply(xml: str, edits: list[tuple[Slot, str]]) -> str:
    for slot, text in sorted(edits, key=lambda e: e[0].start, reverse=True):
        xml = xml[: slot.start] + html.escape(text) + xml[slot.end :]
        if slot.kind != "plain" and text.strip() != text:
            # Leading or trailing spaces survive only where the run says to preserve them.
            open_end = slot.start - 1
            open_start = xml.rfind("<", 0, open_end)
            if "xml:space" not in xml[open_start:open_end]:
                xml = xml[:open_end] + _PRESERVE + xml[open_end:]
    return xml


class DocxFormat(Format[DocxLayout]):
    """Office Open XML word-processing documents (Word, LibreOffice)."""

    names = (FORMAT,)
    extensions = EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 1.0 if extension in EXTENSIONS and head.startswith(b"PK") else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[DocxLayout]:
        return read_docx(path, label, data)

    def write(self, document: Document[DocxLayout], texts: Sequence[str]) -> bytes:
        return write_docx(document, texts)
