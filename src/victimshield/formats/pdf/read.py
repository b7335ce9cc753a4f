"""PDF read through pypdf: page text, Info and XMP metadata, annotations, form fields, outlines.

The writer rebuilds every page from its redacted text (nothing of the original
content stream survives), so what a reader cannot see, it cannot leak. Pages
without a text layer (scans) are read by OCR, a segment per line (``scan``); one OCR
reads no text from cannot be checked: it is reported, and the run stops unless the
user asked for it to be dropped. Attachments and XMP cannot be
redacted in place and are dropped (noted for the manifest). Info dates and names keep
their types (see ``info``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from victimshield.errors import InputError, OcrUnavailableError
from victimshield.finding import Locator, Segment
from victimshield.formats.base import Document
from victimshield.formats.pdf.content import CUT_ONLY_PROBLEMS, PageText
from victimshield.formats.pdf.info import DATE_KEYS, NAME_VALUES, pdf_date_to_text
from victimshield.formats.pdf.layout import PdfLayout, PdfPage, PdfPlacement
from victimshield.formats.pdf.scan import PageRenderer, ScannedPage, read_page

FORMAT = "pdf"


def _open(data: bytes, path: Path) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise InputError(path, "not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(path, "truncated PDF (no end-of-file marker)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise InputError(path, f"malformed PDF ({type(exc).__name__})") from None
    if encrypted and not open_with_empty_password(reader):
        raise InputError(path, "encrypted PDF: decrypt it first (its contents cannot be checked)")
    return reader


def open_with_empty_password(reader: Any) -> bool:
    """Whether ``reader``'s encryption opens with the empty user password: a bank statement
    that only restricts printing or copying (an owner password) is readable by anyone, so it
    is read, redacted and written without encryption (noted). One that needs a password is
    refused."""
    from pypdf.errors import PdfReadError

    try:
        return bool(reader.decrypt(""))
    except (PdfReadError, NotImplementedError, ValueError, KeyError, TypeError, AttributeError):
        return False  # an unsupported or damaged encryption: refused like one needing a password


def _has_content(page: Any) -> bool:
    """Anything drawn: a page with images or paths but no text is a scan, not a blank page."""
    resources = page.get("/Resources") or {}
    if hasattr(resources, "get_object"):
        resources = resources.get_object()
    if resources.get("/XObject"):
        return True
    contents = page.get_contents()
    return bool(contents is not None and contents.get_data().strip())


def _rect(annotation: Any) -> tuple[float, float, float, float] | None:
    rect = annotation.get("/Rect")
    try:
        corners = [float(v) for v in rect] if rect is not None else []
    except (TypeError, ValueError):
        return None
    # A rectangle is four numbers; anything else places the note at the page's margin.
    return (corners[0], corners[1], corners[2], corners[3]) if len(corners) == 4 else None


def _text_of(value: Any) -> str | None:
    if value is None:
        return None
    from pypdf.generic import NameObject

    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, NameObject):  # /Trapped /False and the like: structure, not text
        return None
    return str(value) if isinstance(value, str) else None


# The document information keys of ISO 32000-1, 14.3.3; any other key is dropped.
_STANDARD_INFO_KEYS = frozenset(
    {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate", "/ModDate", "/Trapped"}
)


def _name_of(value: Any) -> str | None:
    from pypdf.generic import NameObject

    value = value.get_object() if hasattr(value, "get_object") else value
    return str(value) if isinstance(value, NameObject) else None


def _page_texts(data: bytes, pages: int) -> list[PageText] | None:
    """Each page's text mapped to its glyphs (``content``); None when pdfminer cannot read the
    file, and then the pages are read by pypdf and rebuilt."""
    from victimshield.formats.pdf.content import read_page_texts

    try:
        texts = read_page_texts(data)
    except Exception:
        return None
    return texts if len(texts) == pages else None


def read_pdf(path: Path, relative: str, data: bytes) -> Document[PdfLayout]:
    reader = _open(data, path)
    kept = _page_texts(data, len(reader.pages))
    segments: list[Segment] = []
    placements: list[PdfPlacement | None] = []
    pages: list[PdfPage] = []
    notes: list[str] = []
    unreadable: list[int] = []
    info_names: list[tuple[str, str]] = []
    renderer = PageRenderer(data)  # opens the PDF in pdfium only if a page needs OCR

    def add(text: str | None, placement: PdfPlacement, locator: Locator, entity_type: str | None = None) -> None:
        if text and text.strip():
            segments.append(Segment(text, locator, entity_type))
            placements.append(placement)

    try:
        for number, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            text = kept[number - 1].text if kept is not None else page.extract_text() or ""
            readable = bool(text.strip()) or not _has_content(page)
            text_segment = None
            scan = None
            if text.strip():
                text_segment = len(segments)
                segments.append(Segment(text, Locator(relative, page=number)))
                placements.append(None)
            elif not readable:
                scan = _scanned(renderer, number, data, relative, segments, placements)
                readable = scan is not None
                if scan is None:
                    unreadable.append(number)
            pages.append(PdfPage(number, float(box.width), float(box.height), text_segment, readable, scan))
            for index, ref in enumerate(page.get("/Annots") or [], start=1):
                annotation = ref.get_object()
                subtype = annotation.get("/Subtype")
                where = Locator(relative, page=number, field=f"annotation {index}")
                if subtype == "/Widget":
                    parent = annotation.get("/Parent")
                    name = _text_of(annotation.get("/T")) or _text_of(parent.get("/T") if parent else None)
                    value = _text_of(annotation.get("/V"))
                    if value is None and annotation.get("/Parent") is not None:
                        value = _text_of(annotation["/Parent"].get_object().get("/V"))
                    add(name, PdfPlacement("field-name", number, _rect(annotation), index=index), where)
                    add(value, PdfPlacement("field-value", number, _rect(annotation), index=index), where)
                    continue
                add(_text_of(annotation.get("/T")),
                    PdfPlacement("annotation-author", number, _rect(annotation), index=index), where)
                add(_text_of(annotation.get("/Contents")),
                    PdfPlacement("annotation", number, _rect(annotation), index=index), where)
                if kept is not None:  # kept in place: a link's target is read too
                    add(_uri(annotation), PdfPlacement("link-uri", number, index=index), where)
                elif subtype not in ("/Text", "/FreeText", "/Popup"):
                    kind = str(subtype).lstrip("/")
                    notes.append(f"page {number}: annotation {index} ({kind}) kept only as a note with its text")
        # Info keys are named by position: a custom key can itself be a name.
        for entry, (key, value) in enumerate((reader.metadata or {}).items(), start=1):
            if str(key) not in _STANDARD_INFO_KEYS:
                # A custom key's own name would be written back as it is: it may be a name.
                notes.append(f"metadata entry {entry} dropped (a custom key)")
                continue
            where = Locator(relative, field=f"metadata entry {entry}")
            if str(key) in NAME_VALUES:
                name = _name_of(value)
                if name in NAME_VALUES[str(key)]:
                    info_names.append((str(key), name))
                elif value is not None:
                    notes.append(f"metadata entry {entry} dropped (not one of the standard's values)")
                continue
            if str(key) in DATE_KEYS:
                raw = _text_of(value)
                date = pdf_date_to_text(raw) if raw is not None else None
                if date is None:
                    if raw is not None and raw.strip():
                        notes.append(f"metadata entry {entry} dropped (not a PDF date)")
                    continue
                # A date, for the policy to keep, generalise or remove like any date; written back as one.
                add(date, PdfPlacement("info-date", key=str(key)), where, "DATE_TIME")
                continue
            add(_text_of(value), PdfPlacement("info", key=str(key)), where)
        xmp = reader.xmp_metadata
        if xmp is not None:
            raw = xmp.stream.get_data().decode("utf-8", "replace")
            add(raw, PdfPlacement("xmp"), Locator(relative, field="xmp"))
            notes.append("XMP metadata dropped (Info metadata kept, redacted)")
        _outline(reader, reader.outline, 0, relative, add)
        attachments = reader.attachments
    except (InputError, OcrUnavailableError):
        raise
    except Exception as exc:
        raise InputError(path, f"malformed PDF ({type(exc).__name__})") from None
    finally:
        renderer.close()
    if reader.is_encrypted:
        notes.append("encryption (an owner password only; the empty user password opens it) not kept: "
                     "the output is not encrypted")
    if attachments:
        notes.append(f"{sum(len(v) for v in attachments.values())} embedded file(s) dropped (they cannot be checked)")
    if kept is not None:
        notes += _kept_notes(reader, kept, pages)
    elif reader.get_fields():
        notes.append("form fields flattened into page text")
    if kept is None:
        notes.append("pages rebuilt from their redacted text (images and layout not kept)")
    scanned = [page.number for page in pages if page.scan is not None]
    if scanned:
        notes.append(f"page(s) {', '.join(map(str, scanned))} read by OCR and written as their redacted image")
    layout = PdfLayout(tuple(pages), tuple(placements), tuple(info_names), None if kept is None else tuple(kept),
                       None if kept is None else data)
    return Document(path, relative, FORMAT, tuple(segments), layout, tuple(notes), tuple(unreadable))


def _scanned(renderer: PageRenderer, number: int, data: bytes, relative: str, segments: list[Segment],
             placements: list[PdfPlacement | None]) -> ScannedPage | None:
    """A page without a text layer, read by OCR: one segment per line (see ``scan``)."""
    lines = read_page(renderer, number)
    if lines is None:
        return None
    first = len(segments)
    for m, line in enumerate(lines, start=1):
        segments.append(Segment(line.text, Locator(relative, page=number, line=m)))
        placements.append(PdfPlacement("scan-line", number))
    return ScannedPage(lines, first, data)


def _uri(annotation: Any) -> str | None:
    action = annotation.get("/A")
    action = action.get_object() if action is not None else None
    return _text_of(action.get("/URI")) if action is not None and hasattr(action, "get") else None


def _kept_notes(reader: Any, kept: list[PageText], pages: list[PdfPage]) -> list[str]:
    from victimshield.formats.pdf.keep_document import dropped_notes

    notes = ["pages kept with their layout: redacted text cut out of the page and boxed (a page whose content "
             "stream parses differently on writing is rebuilt from its redacted text)"]
    for page, text in zip(pages, kept, strict=True):
        if text.problem and page.readable and text.problem in CUT_ONLY_PROBLEMS:
            notes.append(f"page {page.number}: {text.problem}, its glyphs cannot be cut one by one: kept as it is "
                         "if redaction leaves its text unchanged, else rebuilt from its redacted text")
        elif text.problem and page.readable:
            notes.append(f"page {page.number} rebuilt from its redacted text ({text.problem}; its images and layout "
                         "not kept)")
    unused = [page.number for page, text in zip(pages, kept, strict=True) if text.unused_forms and page.readable]
    if unused:
        notes.append(f"page(s) {', '.join(map(str, unused))}: form XObjects the page never draws dropped (unread)")
    if reader.get_fields():
        notes.append("form fields' values redacted in place (text fields are redrawn by the viewer)")
    return notes + dropped_notes(reader)


def _outline(reader: Any, items: list[Any], depth: int, relative: str, add: Any) -> None:
    for item in items:
        if isinstance(item, list):
            _outline(reader, item, depth + 1, relative, add)
            continue
        try:
            page = reader.get_destination_page_number(item) + 1
        except Exception:
            page = 1
        add(_text_of(getattr(item, "title", None)), PdfPlacement("outline", page, depth=depth),
            Locator(relative, page=page, field="outline"))
