"""Handling codes stamped into outputs whose format has a place for them, without changing
any page, line, row or cell:

- PDF: the Info entry ``/VictimShieldHandling`` (a custom key, documented in docs/record.md);
- XLSX: the custom document property ``VictimShield handling`` (docProps/custom.xml).

Both are parts a reader of this tool leaves out (custom keys and properties are never
evidence it carries over), so verification reads the same segments as before the stamp.
Text, CSV, JSON, chats and statements get no stamp: a first line would shift every line
(see docs/record.md); the record carries their handling.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

PDF_INFO_KEY = "/VictimShieldHandling"
XLSX_PROPERTY = "VictimShield handling"
_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
    "<vt:lpwstr>{value}</vt:lpwstr></property></Properties>"
)
_EPOCH = (1980, 1, 1, 0, 0, 0)


def stamp_handling(data: bytes, handling: str) -> bytes:
    """``data`` with the handling stamped where its format allows; other formats unchanged."""
    if data.startswith(b"%PDF-"):
        return _stamp_pdf(data, handling)
    if data.startswith(b"PK\x03\x04") and _is_workbook(data):
        return _stamp_xlsx(data, handling)
    return data


def _stamp_pdf(data: bytes, handling: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    # Into the Info dictionary as it is: add_metadata would also stamp a producer and dates.
    info = writer._info
    if info is None:
        info = DictionaryObject()
        writer._info = info
    info[NameObject(PDF_INFO_KEY)] = TextStringObject(handling)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "xl/workbook.xml" in book.namelist()
    except zipfile.BadZipFile:
        return False


def _stamp_xlsx(data: bytes, handling: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    if _CUSTOM_PART in names:  # never written by this tool's writer; left alone if it is there
        return data
    custom = _CUSTOM_XML.format(name=escape(XLSX_PROPERTY, {'"': "&quot;"}), value=escape(handling)).encode("utf-8")
    replaced = {
        "[Content_Types].xml": _insert(source.read("[Content_Types].xml"), b"</Types>",
                                       f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'),
        "_rels/.rels": _insert(source.read("_rels/.rels"), b"</Relationships>",
                               f'<Relationship Id="{_free_id(source.read("_rels/.rels"))}" Type="{_CUSTOM_REL}" '
                               f'Target="{_CUSTOM_PART}"/>'),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, replaced.get(info.filename, source.read(info.filename)))
        entry = zipfile.ZipInfo(_CUSTOM_PART, date_time=_EPOCH)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        target.writestr(entry, custom)
    return out.getvalue()


def _insert(xml: bytes, closing: bytes, element: str) -> bytes:
    at = xml.rindex(closing)
    return xml[:at] + element.encode("utf-8") + xml[at:]


def _free_id(rels: bytes) -> str:
    taken = set(re.findall(rb'Id="([^"]+)"', rels))
    number = 1
    while f"rIdVS{number}".encode() in taken:
        number += 1
    return f"rIdVS{number}"
