"""Word documents (.docx): body, tables, headers, footers, foot- and endnotes, comments,
tracked changes, text boxes, fields, hyperlink targets, document properties, the building
blocks' glossary, document variables, data bound to content controls, pictures' alt text,
and embedded files (through their own formats).

A .docx is a zip of XML parts. Each paragraph of a text part is one segment: the text of
its runs (``w:t``) joined, so a name Word split over two runs ("Io" + "ana") is read whole;
the text a tracked deletion removed (``w:delText``) is a segment of its own (deleted text
still leaves with the file), and so is a field code (``w:instrText``: a ``HYPERLINK
mailto:`` lives there). External relationship targets (hyperlinks), the core and app
properties (author, last editor, title, company, …), custom properties (names and values),
who wrote a comment or a change (``w:author``, ``people.xml``), a simple field's code
(``w:fldSimple w:instr``), a link's tooltip, a picture's or a shape's name, title and alt
text (``wp:docPr descr``), document variables (``w:docVar``) and the text of custom XML
parts (what content controls show) are segments too. Revision ids (rsids) are random
numbers and stay.

The XML is never parsed and serialised again: Word refuses a part whose namespace prefixes
changed. Text is found and replaced in place, escaped as XML; a paragraph whose text
changed gets all of it in its first run and its other runs emptied, so its words keep the
first run's formatting (noted in the manifest). Every other byte of every part, and the
zip's entry order, names and times, stay as read.

Pictures, embedded files and the thumbnail (``word/media``, ``word/embeddings``,
``docProps/thumbnail``) are held files: the registry reads each with the format its
extension and bytes call for (an embedded workbook or document; a picture once an image
format is registered), and that format writes it back in place. One no format reads
could show what text cannot (a face, a passport), and a part cannot be dropped from a
package without editing what points at it: the document is refused (exit 3).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.attachments import (
    Held,
    Nesting,
    changed_bytes,
    extension_of,
    held_notes,
    held_segments,
    nesting_of,
    prepare_held,
    read_held,
    split_texts,
)
from victimshield.formats.base import Detect, Document, Format, FormatPicker, check_zip_sizes

if TYPE_CHECKING:
    from victimshield.policy.model import ColumnRule

FORMAT = "docx"
EXTENSIONS = (".docx",)
_TEXT_PARTS = re.compile(
    r"^word/(glossary/)?(document|header\d*|footer\d*|footnotes|endnotes|comments(Extended|Extensible|Ids)?|people"
    r"|settings)\.xml$"
)
_RELS = re.compile(r"^word/(glossary/)?_rels/[^/]+\.rels$")
_PROPERTIES = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
_CUSTOM_XML = re.compile(r"^customXml/item\d+\.xml$")  # data bound to content controls
_HELD = re.compile(r"^(word/(media|embeddings)/|docProps/thumbnail\.)")
_XML_TEXT = re.compile(r">([^<]*[^<\s][^<]*)<")
_CUSTOM_NAME = re.compile(r"<property\b[^>]*?\sname=\"([^\"]*)\"")
# Elements whose attributes hold words: a picture's or shape's name, title and alt text, a
# simple field's code, a link's tooltip and bookmark, a document variable's name and value.
_WORDY_TAG = re.compile(r"<(wp:docPr|pic:cNvPr|wps:cNvPr|wpg:cNvPr|w:fldSimple|w:hyperlink|w:docVar|v:shape|"
                        r"v:imagedata)\b[^>]*>")
_WORDY_ATTRIBUTE = re.compile(r"\s(descr|title|name|alt|o:title|w:instr|w:tooltip|w:anchor|w:name|w:val)=\"([^\"]*)\"")
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
_FIELD_KEYWORD = re.compile(r"\s*[A-Z]+\b")  # HYPERLINK, MERGEFIELD, AUTHOR: Word's words, never a person's


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
    pieces: tuple[Piece, ...] = ()  # the document's own segments' homes; its held files' segments follow
    held: tuple[Held, ...] = ()


def _held_files(archive: zipfile.ZipFile, where: object, label: str, nesting: Nesting) -> list[Held]:
    """Pictures, embedded files and the thumbnail, each read by its own format; refused when none reads one."""
    held: list[Held] = []
    for place, info in enumerate(archive.infolist()):
        if not _HELD.match(info.filename) or info.is_dir():
            continue
        what = f"embedded file {len(held) + 1}"
        extension = extension_of(info.filename, "", nesting.extensions)
        got = read_held(nesting, archive.read(info), extension, where, what, place, label)
        if isinstance(got, str):
            raise InputError(where, f"{what} (an image or embedded object) cannot be checked for identities: {got}; "
                                    "remove it or send it as a file of its own")
        held.append(got)
    return held


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


def read_docx(path: Path, label: str, data: bytes, formats: FormatPicker | None = None) -> Document[DocxLayout]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(path, "not a zip container: not a .docx") from None
    with archive:
        check_zip_sizes(archive.infolist(), path)
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise InputError(path, "no word/document.xml: not a Word document")
        held = _held_files(archive, path, label, nesting_of(formats))
        segments: list[Segment] = []
        pieces: list[Piece] = []
        for part in names:
            if not (_TEXT_PARTS.match(part) or _RELS.match(part) or part in _PROPERTIES or _CUSTOM_XML.match(part)):
                continue
            try:
                xml = archive.read(part).decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(path, f"part {names.index(part) + 1} is not UTF-8 XML") from None
            # Text and property parts have fixed names; a relationships file's name is the
            # document's to choose, so it is never shown.
            short = "links" if _RELS.match(part) else part.rsplit("/", 1)[-1].removesuffix(".xml")
            short = "custom data" if _CUSTOM_XML.match(part) else short
            for text, slots, what in _segments_of(part, xml):
                if text.strip():
                    segments.append(Segment(text, Locator(label, field=f"{short} {what}")))
                    pieces.append(Piece(part, slots))
    notes, dropped = held_notes(held)
    layout = DocxLayout(data, tuple(pieces), tuple(held))
    return Document(path, label, FORMAT, (*segments, *held_segments(held)), layout, notes=tuple(notes),
                    dropped_parts=tuple(dropped))


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
        for number, match in enumerate(_CUSTOM_NAME.finditer(xml), start=1):
            slot = Slot(match.start(1), match.end(1), "plain")
            yield html.unescape(match.group(1)), (slot,), f"property name {number}"
        return
    if _CUSTOM_XML.match(part):
        for number, match in enumerate(_XML_TEXT.finditer(xml), start=1):
            yield html.unescape(match.group(1)), (Slot(match.start(1), match.end(1), "plain"),), f"value {number}"
        return
    for number, runs in enumerate(_paragraph_runs(xml), start=1):
        for kind, what in (("w:t", "paragraph"), ("w:delText", "deleted text"), ("w:instrText", "field code")):
            slots = tuple(s for s in (_text_slot(m) for m in runs) if s is not None and s.kind == kind)
            if kind == "w:instrText" and slots:
                slots = _past_keyword(xml, slots)
            if slots:
                yield "".join(html.unescape(xml[s.start : s.end]) for s in slots), slots, f"{what} {number}"
    for number, match in enumerate(_PERSON_ATTRIBUTE.finditer(xml), start=1):
        yield (
            html.unescape(match.group(2)),
            (Slot(match.start(2), match.end(2), "plain"),),
            f"{match.group(1)} {number}",
        )
    wordy = (value for tag in _WORDY_TAG.finditer(xml)
             for value in _WORDY_ATTRIBUTE.finditer(xml, tag.start(), tag.end()))
    for number, match in enumerate(wordy, start=1):
        slot = Slot(match.start(2), match.end(2), "plain")
        yield html.unescape(match.group(2)), (slot,), f"{match.group(1).removeprefix('w:').removeprefix('o:')} {number}"


def write_docx(document: Document[DocxLayout], texts: Sequence[str]) -> bytes:
    layout = document.layout
    own = len(layout.pieces)
    edits: dict[str, list[tuple[Slot, str]]] = {}
    replaced = {h.place: changed_bytes(h, t) for h, t in zip(layout.held, split_texts(layout.held, texts[own:]),
                                                                strict=True)}
    for piece, old, new in zip(layout.pieces, (s.text for s in document.segments[:own]), texts[:own], strict=True):
        if new == old:
            continue
        first, *rest = piece.slots
        edits.setdefault(piece.part, []).append((first, new))
        edits[piece.part] += [(slot, "") for slot in rest]
    source = zipfile.ZipFile(io.BytesIO(layout.raw))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for place, info in enumerate(source.infolist()):
            data = replaced.get(place) or source.read(info)
            if info.filename in edits:
                data = _apply(data.decode("utf-8"), edits[info.filename]).encode("utf-8")
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


def _past_keyword(xml: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """A field code's slots without its keyword: a name guessed in "HYPERLINK" would break
    the field, and the keyword holds nothing of anyone; its arguments stay a segment."""
    first = slots[0]
    match = _FIELD_KEYWORD.match(xml, first.start, first.end)
    if match is None:
        return slots
    rest = Slot(match.end(), first.end, first.kind)
    return (rest, *slots[1:]) if rest.end > rest.start else slots[1:]


def _apply(xml: str, edits: list[tuple[Slot, str]]) -> str:
    for slot, text in sorted(edits, key=lambda e: e[0].start, reverse=True):
        xml = xml[: slot.start] + html.escape(text) + xml[slot.end :]
        if slot.kind != "plain" and text.strip() != text:
            # Leading or trailing spaces survive only where the run says to preserve them.
            open_end = xml.rfind(">", 0, slot.start)  # a field code's slot starts past its keyword
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

    def read_within(self, path: Path, label: str, data: bytes, formats: FormatPicker) -> Document[DocxLayout]:
        return read_docx(path, label, data, formats)

    def write(self, document: Document[DocxLayout], texts: Sequence[str]) -> bytes:
        return write_docx(document, texts)

    def prepare(self, document: Document[DocxLayout], rules: Mapping[str, ColumnRule],
                detect: Detect) -> Document[DocxLayout]:
        if not document.layout.held:
            return document
        held = prepare_held(document.layout.held, rules, detect)
        own = document.segments[: len(document.layout.pieces)]
        return replace(document, segments=(*own, *held_segments(held)), layout=replace(document.layout, held=held))
