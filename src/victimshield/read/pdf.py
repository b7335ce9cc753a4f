"""PDF through pypdf: page text, Info and XMP metadata, annotations, form fields, outlines.

The writer rebuilds every page from its redacted text (nothing of the original
content stream survives), so what a reader cannot see, it cannot leak. Pages
without a text layer (scans) cannot be checked: they are reported, and the run
stops unless the user asked for them to be dropped. Attachments and XMP cannot be
redacted in place and are dropped (noted for the manifest).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.read.base import Document

FORMAT = "pdf"
EXTENSIONS = (".pdf",)


@dataclass(frozen=True, slots=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    text_segment: int | None  # None: no text layer
    readable: bool


@dataclass(frozen=True, slots=True)
class PdfPlacement:
    """Where a non-page segment goes back: metadata key, annotation, form field or outline."""

    kind: str  # "info", "annotation", "annotation-author", "field-name", "field-value", "outline", "xmp"
    page: int | None = None
    rect: tuple[float, float, float, float] | None = None
    key: str | None = None
    depth: int = 0


@dataclass(frozen=True, slots=True)
class PdfLayout:
    pages: tuple[PdfPage, ...]
    placements: tuple[PdfPlacement | None, ...]  # per segment; None for page text


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
    if encrypted:
        raise InputError(path, "encrypted PDF: decrypt it first (its contents cannot be checked)")
    return reader


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
        return tuple(float(v) for v in rect) if rect is not None else None  # type: ignore[return-value]
    except (TypeError, ValueError):
        return None


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


def read_pdf(path: Path, relative: str, data: bytes) -> Document:
    reader = _open(data, path)
    segments: list[Segment] = []
    placements: list[PdfPlacement | None] = []
    pages: list[PdfPage] = []
    notes: list[str] = []
    unreadable: list[int] = []

    def add(text: str | None, placement: PdfPlacement, locator: Locator) -> None:
        if text and text.strip():
            segments.append(Segment(text, locator))
            placements.append(placement)

    try:
        for number, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            text = page.extract_text() or ""
            readable = bool(text.strip()) or not _has_content(page)
            text_segment = None
            if text.strip():
                text_segment = len(segments)
                segments.append(Segment(text, Locator(relative, page=number)))
                placements.append(None)
            elif not readable:
                unreadable.append(number)
            pages.append(PdfPage(number, float(box.width), float(box.height), text_segment, readable))
            for index, ref in enumerate(page.get("/Annots") or [], start=1):
                annotation = ref.get_object()
                subtype = annotation.get("/Subtype")
                where = Locator(relative, page=number, field=f"annotation {index}")
                if subtype == "/Widget":
                    name = _text_of(annotation.get("/T")) or _text_of((annotation.get("/Parent") or {}).get("/T") if annotation.get("/Parent") else None)
                    value = _text_of(annotation.get("/V"))
                    if value is None and annotation.get("/Parent") is not None:
                        value = _text_of(annotation["/Parent"].get_object().get("/V"))
                    add(name, PdfPlacement("field-name", number, _rect(annotation)), where)
                    add(value, PdfPlacement("field-value", number, _rect(annotation)), where)
                    continue
                add(_text_of(annotation.get("/T")), PdfPlacement("annotation-author", number, _rect(annotation)), where)
                add(_text_of(annotation.get("/Contents")), PdfPlacement("annotation", number, _rect(annotation)), where)
                if subtype not in ("/Text", "/FreeText", "/Popup"):
                    notes.append(f"page {number}: annotation {index} ({str(subtype).lstrip('/')}) kept only as a note with its text")
        # Info keys are named by position: a custom key can itself be a name.
        for entry, (key, value) in enumerate((reader.metadata or {}).items(), start=1):
            if str(key) not in _STANDARD_INFO_KEYS:
                # A custom key's own name would be written back as it is: it may be a name.
                notes.append(f"metadata entry {entry} dropped (a custom key)")
                continue
            add(_text_of(value), PdfPlacement("info", key=str(key)), Locator(relative, field=f"metadata entry {entry}"))
        xmp = reader.xmp_metadata
        if xmp is not None:
            raw = xmp.stream.get_data().decode("utf-8", "replace")
            add(raw, PdfPlacement("xmp"), Locator(relative, field="xmp"))
            notes.append("XMP metadata dropped (Info metadata kept, redacted)")
        _outline(reader, reader.outline, 0, relative, add)
        attachments = reader.attachments
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf's messages may quote document text
        raise InputError(path, f"malformed PDF ({type(exc).__name__})") from None
    if attachments:
        notes.append(f"{sum(len(v) for v in attachments.values())} embedded file(s) dropped (they cannot be checked)")
    if reader.get_fields():
        notes.append("form fields flattened into page text")
    notes.append("pages rebuilt from their redacted text (images and layout not kept)")
    layout = PdfLayout(tuple(pages), tuple(placements))
    return Document(path, relative, FORMAT, tuple(segments), layout, tuple(notes), tuple(unreadable))


def _outline(reader: Any, items: list[Any], depth: int, relative: str, add: Any) -> None:
    for item in items:
        if isinstance(item, list):
            _outline(reader, item, depth + 1, relative, add)
            continue
        try:
            page = reader.get_destination_page_number(item) + 1
        except Exception:  # noqa: BLE001 - a broken destination: the title still goes, to page 1
            page = 1
        add(_text_of(getattr(item, "title", None)), PdfPlacement("outline", page, depth=depth), Locator(relative, page=page, field="outline"))
