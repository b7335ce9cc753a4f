"""Where a planted value could survive, decoded per format, and the checker that looks there.

Every view of an output tree is a (where, text) pair: raw bytes, each XLSX part and
each cell as openpyxl reads it, Parquet rows and schema metadata, PDF text as pypdf
and pdfminer see it (pages, Info, annotations, outlines, fields, attachments, XMP),
JSON with its escapes undone (and Messenger's latin-1-read UTF-8 repaired), file and
folder names. ``where`` names a position ("output file 2, xlsx part 3"), never a name
taken from the tree, since a leaked file name would otherwise print itself.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .case import ALL_NEEDLES, fold

View = tuple[str, str]


def files_of(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _repair(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    else:
        yield str(node)


def _json_views(data: bytes) -> str:
    parts: list[str] = []
    text = data.decode("utf-8", "replace")
    lines = text.splitlines() or [text]
    for chunk in [text, *lines]:  # a whole JSON file, or JSON Lines
        try:
            tree = json.loads(chunk)
        except ValueError:
            continue
        for s in _strings(tree):
            parts += [s, _repair(s)]
    return "\n".join(parts)


def _xlsx_views(data: bytes) -> Iterator[View]:
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for number, info in enumerate(book.infolist(), start=1):
            yield f"xlsx part {number}", book.read(info).decode("utf-8", "replace")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for number, sheet in enumerate(workbook.worksheets, start=1):
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        yield f"xlsx sheet {number} (title and cells)", sheet.title + "\n" + "\n".join(cells)
    props = workbook.properties
    yield (
        "xlsx properties",
        "\n".join(
            str(getattr(props, k, ""))
            for k in ("title", "subject", "creator", "keywords", "description", "lastModifiedBy")
        ),
    )


def _parquet_views(data: bytes) -> Iterator[View]:
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(data))
    yield "parquet column names", "\n".join(table.column_names)
    meta = table.schema.metadata or {}
    yield (
        "parquet schema metadata",
        "\n".join(k.decode("utf-8", "replace") + " " + v.decode("utf-8", "replace") for k, v in meta.items()),
    )
    for field in table.schema:
        fmeta = field.metadata or {}
        yield (
            "parquet field metadata",
            "\n".join(k.decode("utf-8", "replace") + " " + v.decode("utf-8", "replace") for k, v in fmeta.items()),
        )
    yield "parquet rows", "\n".join(str(v) for row in table.to_pylist() for v in row.values())
    file_meta = pq.ParquetFile(io.BytesIO(data)).metadata.metadata or {}
    yield (
        "parquet file metadata",
        "\n".join(k.decode("utf-8", "replace") + " " + v.decode("utf-8", "replace") for k, v in file_meta.items()),
    )


def pdf_text(data: bytes) -> str:
    """Everything pypdf and pdfminer can read out of a PDF."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            parts += [str(annotation.get(k, "")) for k in ("/Contents", "/T", "/V", "/TU")]

    def outline(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                outline(item)
            else:
                parts.append(str(getattr(item, "title", "")))

    outline(reader.outline)
    parts += [f"{k} {v}" for k, v in (reader.get_fields() or {}).items()]
    for name, contents in reader.attachments.items():
        parts.append(name)
        parts += [c.decode("utf-8", "replace") for c in contents]
    if reader.xmp_metadata is not None:
        parts.append(reader.xmp_metadata.stream.get_data().decode("utf-8", "replace"))
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    parts += [str(v) for entry in document.info for v in entry.values()]
    parts.append(extract_text(io.BytesIO(data)))
    return "\n".join(parts)


def _without_deflated_data(data: bytes) -> bytes:
    """A zip container's bytes with each compressed entry's data blanked: deflated bytes are
    noise, and folded to letters they spell a five-letter name now and then (a false leak).
    Every part is searched decompressed (``_xlsx_views``); names and stored parts stay here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        return data
    out = bytearray(data)
    for info in entries:
        if info.compress_type == zipfile.ZIP_STORED:
            continue
        header = info.header_offset  # a local file header: 30 bytes, then the name and the extra field
        name_length = int.from_bytes(data[header + 26:header + 28], "little")
        extra_length = int.from_bytes(data[header + 28:header + 30], "little")
        start = header + 30 + name_length + extra_length
        out[start:start + info.compress_size] = b" " * info.compress_size
    return bytes(out)


_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def _without_filtered_streams(data: bytes) -> bytes:
    """A PDF's bytes with each compressed stream's data blanked, for the same reason as
    ``_without_deflated_data`` (an embedded font's compressed bytes spelled a given name).
    The text of every page, the Info, annotations and the rest are searched decoded
    (``pdf_text``), and each page's content stream too (``_pdf_content``)."""
    out = bytearray(data)
    for match in _PDF_STREAM.finditer(data):
        dictionary = data[data.rfind(b" obj", 0, match.start()) : match.start()]
        if b"/Filter" in dictionary:
            out[match.start(1) : match.end(1)] = b" " * (match.end(1) - match.start(1))
    return bytes(out)


def _pdf_content(data: bytes) -> str:
    from pypdf import PdfReader

    parts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        contents = page.get_contents()
        if contents is not None:
            parts.append(contents.get_data().decode("latin-1"))
    return "\n".join(parts)


def file_views(path: Path, where: str) -> Iterator[View]:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    blank = {".xlsx": _without_deflated_data, ".pdf": _without_filtered_streams}.get(suffix)
    raw = blank(data) if blank is not None else data
    yield f"{where} bytes", raw.decode("utf-8", "replace") + "\n" + raw.decode("latin-1")
    suffix = path.suffix.lower()
    try:
        if suffix in (".json", ".jsonl"):
            yield f"{where} decoded JSON", _json_views(data)
        elif suffix == ".xlsx":
            yield from ((f"{where} {w}", t) for w, t in _xlsx_views(data))
        elif suffix == ".parquet":
            yield from ((f"{where} {w}", t) for w, t in _parquet_views(data))
        elif suffix == ".pdf":
            yield f"{where} PDF text", pdf_text(data)
            yield f"{where} PDF content streams", _pdf_content(data)
    except Exception as exc:  # an output no reader opens is itself a broken structure
        yield f"{where} (cannot be decoded: {type(exc).__name__})", ""


def tree_views(root: Path, label: str) -> Iterator[View]:
    """Every view of every file under ``root``, and the relative names of files and folders."""
    names = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*"))]
    yield f"{label} file and folder names", "\n".join(names)
    for number, path in enumerate(files_of(root), start=1):
        yield from file_views(path, f"{label} file {number}")


def found_in(text: str) -> set[str]:
    """Labels (party and field, no values) of the needles that ``text`` holds in any form;
    a name also when written backwards (a right-to-left override shows it the right way)."""
    folded = fold(text)
    return {label for label, needle in ALL_NEEDLES.items()
            if needle in folded or (label.endswith("name") and needle[::-1] in folded)}


def leak_report(views: list[View]) -> list[str]:
    """``"<where>: <party field>"`` for every needle found in any view; value-free."""
    return [f"{where}: {label}" for where, text in views for label in sorted(found_in(text))]
