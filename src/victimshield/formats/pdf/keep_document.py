"""A PDF written back with its layout: the input itself, each page's redacted glyphs cut out.

Pages keep their images, vector graphics, fonts and sizes (``keep``); a page whose text
cannot be mapped to its glyphs is rebuilt from its redacted text (noted when read).
Annotations stay, their text redacted in place: contents, authors, form field names and
values, link targets; what the tool cannot check in them goes (rich-text copies,
subjects, tooltips, default values, text-field appearances, actions other than links;
file attachments, sounds, movies). What cannot be checked in the document goes too, each
noted when read: XMP, embedded files, JavaScript and the rest of the name tree, page
thumbnails, piece info, the structure tree (its alternate texts). Info and outline titles
are redacted as in the rebuilt writer.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from victimshield.formats.base import Document
from victimshield.formats.pdf.content import CUT_ONLY_PROBLEMS
from victimshield.formats.pdf.info import info_and_outline
from victimshield.formats.pdf.keep import (
    PageMismatch,
    by_stream,
    cut_glyphs,
    overlay,
    plan_page,
    scrub_marked_properties,
)
from victimshield.formats.pdf.layout import PdfLayout
from victimshield.formats.pdf.read import open_with_empty_password

# Document parts that hold text the tool does not read: dropped (noted by the reader).
ROOT_DROPPED = ("/Metadata", "/Names", "/AA", "/PieceInfo", "/StructTreeRoot", "/Threads", "/SpiderInfo",
                "/Perms", "/Legal", "/PageLabels", "/Outlines", "/Collection", "/URI")
PAGE_DROPPED = ("/Thumb", "/PieceInfo", "/AA", "/Metadata", "/B", "/SeparationInfo")
ANNOTATION_DROPPED = ("/RC", "/Subj", "/NM", "/TU", "/TM", "/DV", "/RV", "/AA", "/ExData")
# Annotations whose content is a file or media the tool cannot check: removed.
SUBTYPES_DROPPED = frozenset({"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D",
                              "/Projection", "/Redact"})


def write_kept(document: Document[PdfLayout], texts: Sequence[str], rebuild: Any) -> bytes:
    """The input with each page's redacted glyphs cut out; ``rebuild(indices)`` draws pages
    from their text (for pages that cannot be kept) as a PDF of those pages."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    layout = document.layout
    assert layout.kept is not None and layout.source is not None
    source = PdfReader(io.BytesIO(layout.source))
    if source.is_encrypted:
        open_with_empty_password(source)  # read_pdf refused any other encryption
    writer = PdfWriter(clone_from=source)
    root = writer.root_object
    for key in ROOT_DROPPED:
        root.pop(NameObject(key), None)
    open_action = root.get("/OpenAction")
    if open_action is not None and hasattr(open_action.get_object(), "get"):
        root.pop(NameObject("/OpenAction"), None)  # an action (JavaScript, launch): a destination array stays
    form = root.get("/AcroForm")
    if form is not None:
        form = form.get_object()
        form.pop(NameObject("/XFA"), None)
    # A scanned page is never kept: its picture holds what OCR read, so it is always drawn
    # again as its redacted image (``scan``), like a page that cannot be cut.
    rebuilt = [p for p, page in enumerate(layout.pages)
               if page.readable and (page.scan is not None or not _as_read(layout, p, texts))]
    fields = _annotation_texts(layout, texts)
    for index, (page, text_page) in enumerate(zip(layout.pages, layout.kept, strict=True)):
        target = writer.pages[index]
        for key in PAGE_DROPPED:
            target.pop(NameObject(key), None)
        if page.readable and index not in rebuilt and page.text_segment is not None and not text_page.problem:
            try:
                _keep_page(document, target, text_page, texts[page.text_segment], page.number)
            except PageMismatch:
                rebuilt.append(index)
        elif page.readable and index not in rebuilt and text_page.marked_text and not text_page.problem:
            _keep_page(document, target, text_page, text_page.text, page.number)
        if page.readable and index not in rebuilt and text_page.unused_forms:
            _drop_unused_forms(target, text_page.unused_forms)
        if _annotations(target, fields.get(page.number, {})) and form is not None:
            form[NameObject("/NeedAppearances")] = _true()
    if form is not None and "/Fields" in form:
        _drop_orphan_fields(form, writer.pages)
    for index in sorted(rebuilt):
        _replace_with_rebuilt(writer, index, rebuild([index]))
    for index in reversed(range(len(layout.pages))):
        if not layout.pages[index].readable:
            writer.remove_page(index)  # dropped scans: the reader noted them
    info_and_outline(writer, layout, texts)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _as_read(layout: PdfLayout, index: int, texts: Sequence[str]) -> bool:
    """Whether the page can be kept: its glyphs map to its text, or it has a problem that left
    every glyph read (only not cuttable) and redaction left its text as it was."""
    assert layout.kept is not None
    page, text = layout.pages[index], layout.kept[index]
    if text.problem is None:
        return True
    unchanged = page.text_segment is None or texts[page.text_segment] == text.text
    return text.problem in CUT_ONLY_PROBLEMS and unchanged and not text.marked_text


def _cut_form(target: Any, name: str, ops: Any, cuts: dict[int, set[int]]) -> None:
    """A form the page draws, its redacted glyphs cut out, as the page's own copy: another page
    drawing the same form keeps the original (its own reading checked it)."""
    from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject, NameObject

    resources = target["/Resources"].get_object()
    xobjects = resources["/XObject"].get_object()
    form = xobjects.get(f"/{name}")
    if form is None:
        raise PageMismatch("a form the page draws is not among its resources")
    form = form.get_object()
    writer = target.indirect_reference.pdf
    edited = ContentStream(None, None)
    edited.operations = cut_glyphs(list(ContentStream(form, writer).operations), ops, cuts)
    copy = DecodedStreamObject()
    copy.set_data(edited.get_data())
    for key, value in form.items():
        if key not in ("/Length", "/Filter", "/DecodeParms"):
            copy[NameObject(key)] = value
    own = DictionaryObject(resources)
    own_xobjects = DictionaryObject(xobjects)
    own_xobjects[NameObject(f"/{name}")] = writer._add_object(copy)
    own[NameObject("/XObject")] = own_xobjects
    target[NameObject("/Resources")] = own


def _drop_unused_forms(target: Any, unused: frozenset[str]) -> None:
    """The page's own copy of its resources, without the forms it never draws (their text was
    never read); other pages sharing the resources keep theirs."""
    from pypdf.generic import DictionaryObject, NameObject

    resources = target["/Resources"].get_object()
    xobjects = resources["/XObject"].get_object()
    own = DictionaryObject(resources)
    own[NameObject("/XObject")] = DictionaryObject({k: v for k, v in xobjects.items() if str(k)[1:] not in unused})
    target[NameObject("/Resources")] = own


def reached_fields(pages: Any) -> set[int]:
    """The object numbers of every widget on a page and of the fields above it."""
    reached: set[int] = set()
    for page in pages:
        for ref in page.get("/Annots") or []:
            node = ref
            while node is not None and hasattr(node, "idnum") and node.idnum not in reached:
                obj = node.get_object()
                if obj.get("/Subtype") != "/Widget" and node is ref:
                    break
                reached.add(node.idnum)
                node = obj.raw_get("/Parent") if "/Parent" in obj else None
    return reached


def orphan_fields(form: Any, pages: Any) -> list[int]:
    """The places in /Fields of the fields no page shows (no widget): their values are never read."""
    reached = reached_fields(pages)
    fields = form.get("/Fields")
    return [n for n, ref in enumerate(fields.get_object() if fields is not None else [])
            if getattr(ref, "idnum", None) not in reached]


def _drop_orphan_fields(form: Any, pages: Any) -> None:
    from pypdf.generic import ArrayObject, NameObject

    orphans = set(orphan_fields(form, pages))
    if orphans:
        fields = form["/Fields"].get_object()
        form[NameObject("/Fields")] = ArrayObject(f for n, f in enumerate(fields) if n not in orphans)


def _true() -> Any:
    from pypdf.generic import BooleanObject

    return BooleanObject(True)


def _keep_page(document: Document[PdfLayout], target: Any, text_page: Any, redacted: str, number: int) -> None:
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    removed, labels = plan_page(text_page, redacted)
    if not removed and not labels and not text_page.marked_text:
        return
    contents = target.get_contents()
    if contents is None:
        raise PageMismatch("no content stream")
    streams = by_stream(text_page, removed)
    page_ops, page_cuts = streams.pop("")
    operations = cut_glyphs(list(contents.operations), page_ops, page_cuts)
    for name, (ops, cuts) in streams.items():
        if cuts:
            _cut_form(target, name, ops, cuts)
    stream = ContentStream(None, None)
    stream.operations = operations
    target.replace_contents(stream)
    resources = target.get("/Resources")
    scrub_marked_properties(resources.get_object() if resources is not None else None)
    if labels:
        width, height = float(target.mediabox.width), float(target.mediabox.height)
        drawn = overlay(labels, width, height, document.relative, f"page {number}")
        target.merge_page(PdfReader(io.BytesIO(drawn)).pages[0])


def _replace_with_rebuilt(writer: Any, index: int, drawn: bytes) -> None:
    """The page's drawing replaced by one rebuilt from its text; its annotations stay."""
    from pypdf import PdfReader
    from pypdf.generic import NameObject

    source = PdfReader(io.BytesIO(drawn)).pages[0]
    target = writer.pages[index]
    for key in ("/Contents", "/Resources"):
        target[NameObject(key)] = source.raw_get(key).clone(writer)
    for key in ("/Group", "/Rotate"):
        target.pop(NameObject(key), None)


def _annotation_texts(layout: PdfLayout, texts: Sequence[str]) -> dict[int, dict[tuple[int, str], str]]:
    """Page -> (annotation index, kind) -> its redacted text."""
    found: dict[int, dict[tuple[int, str], str]] = {}
    for placement, text in zip(layout.placements, texts, strict=False):
        if placement is not None and placement.page is not None and placement.index is not None:
            found.setdefault(placement.page, {})[(placement.index, placement.kind)] = text
    return found


def _annotations(page: Any, texts: dict[tuple[int, str], str]) -> bool:
    """Each annotation's text redacted in place; returns whether a text field lost its look."""
    from pypdf.generic import ArrayObject, NameObject, TextStringObject

    annotations = page.get("/Annots")
    if annotations is None:
        return False
    kept = ArrayObject()
    fields = False
    for index, ref in enumerate(annotations.get_object(), start=1):
        annotation = ref.get_object()
        subtype = annotation.get("/Subtype")
        if subtype in SUBTYPES_DROPPED:
            continue
        kept.append(ref)
        parent = annotation.get("/Parent")
        parent = parent.get_object() if parent is not None else None
        for holder in (h for h in (annotation, parent) if h is not None):
            for key in ANNOTATION_DROPPED:
                holder.pop(NameObject(key), None)
        if subtype == "/Widget":
            _field(annotation, parent, texts, index)
            fields = fields or _is_text_field(annotation, parent)
            continue
        action = annotation.get("/A")
        action = action.get_object() if action is not None else None
        if action is not None and action.get("/S") == "/URI" and (index, "link-uri") in texts:
            action[NameObject("/URI")] = TextStringObject(texts[(index, "link-uri")])
        elif action is not None and action.get("/S") not in ("/URI", "/GoTo"):
            annotation.pop(NameObject("/A"), None)
        for kind, key in (("annotation", "/Contents"), ("annotation-author", "/T")):
            if (index, kind) in texts:
                annotation[NameObject(key)] = TextStringObject(texts[(index, kind)])
            elif key in annotation and subtype != "/Link":
                annotation.pop(NameObject(key), None)  # not read (not text): not written
        if subtype not in ("/Link", "/Popup"):
            annotation.pop(NameObject("/AP"), None)  # it may draw the old text
    page[NameObject("/Annots")] = kept
    return fields


def _is_text_field(annotation: Any, parent: Any) -> bool:
    kind = annotation.get("/FT") or (parent.get("/FT") if parent is not None else None)
    return kind != "/Btn"


def _field(annotation: Any, parent: Any, texts: dict[tuple[int, str], str], index: int) -> None:
    from pypdf.generic import NameObject, TextStringObject

    for kind, key in (("field-name", "/T"), ("field-value", "/V")):
        holder = annotation if key in annotation or parent is None else parent
        if (index, kind) in texts:
            holder[NameObject(key)] = TextStringObject(texts[(index, kind)])
    if _is_text_field(annotation, parent):
        annotation.pop(NameObject("/AP"), None)  # drawn from the old value; the viewer redraws it
        annotation.pop(NameObject("/MK"), None)


def dropped_notes(reader: Any) -> list[str]:
    """What ``write_kept`` will leave out of this input, for the manifest (by kind, never by value)."""
    root = reader.trailer["/Root"].get_object()
    notes = []
    if "/Names" in root:
        notes.append("the name tree dropped (named destinations, JavaScript, embedded files)")
    if "/StructTreeRoot" in root:
        notes.append("the structure tree dropped (tags and their alternate texts)")
    if any(key in root for key in ("/AA", "/PieceInfo", "/PageLabels", "/Threads", "/SpiderInfo", "/Collection")):
        notes.append("document actions, piece info, page labels and article threads dropped")
    form = root.get("/AcroForm")
    if form is not None and "/XFA" in form.get_object():
        notes.append("XFA form data dropped (the AcroForm fields kept, redacted)")
    orphans = len(orphan_fields(form.get_object(), reader.pages)) if form is not None else 0
    if orphans:
        notes.append(f"{orphans} form field(s) that no page shows dropped (their values cannot be checked)")
    if any("/Thumb" in page or "/PieceInfo" in page for page in reader.pages):
        notes.append("page thumbnails and piece info dropped")
    return notes
