"""The shape of a file, per format, with no value in it: lines, rows, columns, sheets,
JSON shape, pages, tags. Input and output must have the same shape."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any


def _json_shape(node: Any) -> Any:
    # Keys may be rewritten and an identifier in a number slot may become text: the shape is
    # how many members where, and which are containers.
    if isinstance(node, dict):
        return ("object", tuple(_json_shape(v) for v in node.values()))
    if isinstance(node, list):
        return ("array", tuple(_json_shape(v) for v in node))
    return "leaf"


def _text_shape(data: bytes) -> Any:
    text = data.decode("utf-8-sig")
    return ("lines", text.count("\n"), "paragraph breaks", text.count("\n\n"))


def _whatsapp_shape(data: bytes) -> Any:
    from victimshield.read.whatsapp import message_count

    return (*_text_shape(data), "messages", message_count(data))


def _mt940_shape(data: bytes) -> Any:
    lines = data.decode("utf-8").splitlines()
    return ("lines", len(lines), "tags", tuple(line.split(":")[1] for line in lines if line.startswith(":")))


def _csv_shape(data: bytes, delimiter: str) -> Any:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))
    return ("rows", tuple(len(r) for r in rows))


def _xlsx_shape(data: bytes) -> Any:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return ("sheets", tuple((s.max_row, s.max_column, s.sheet_state) for s in book.worksheets))


def _parquet_shape(data: bytes) -> Any:
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(data))
    return ("rows", table.num_rows, "columns", table.num_columns)


def _jsonl_shape(data: bytes) -> Any:
    lines = [ln for ln in data.decode("utf-8").splitlines() if ln.strip()]
    return ("lines", tuple(_json_shape(json.loads(ln)) for ln in lines))


def _pdf_shape(data: bytes) -> Any:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return (
        "pages",
        len(reader.pages),
        "sizes",
        tuple((round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages),
    )


def _email_shape(data: bytes) -> Any:
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    return ("headers", tuple(k.lower() for k in message), "parts", tuple(p.get_content_type() for p in message.walk()))


def _docx_shape(data: bytes) -> Any:
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = book.namelist()
        tags = tuple(
            tuple(e.tag for e in ElementTree.fromstring(book.read(n)).iter()) for n in names if n.endswith(".xml")
        )
    return ("parts", tuple(names), "elements", tags)


def shape(path: Path, kind: str) -> Any:
    """``kind`` is the builder's format name (the extension alone does not tell WhatsApp from text)."""
    data = path.read_bytes()
    if kind == "text":
        return _text_shape(data)
    if kind == "whatsapp":
        return _whatsapp_shape(data)
    if kind == "mt940":
        return _mt940_shape(data)
    if kind in ("telegram", "messenger", "json"):
        return _json_shape(json.loads(data.decode("utf-8")))
    if kind in ("csv", "tsv"):
        return _csv_shape(data, "," if kind == "csv" else "\t")
    if kind == "xlsx":
        return _xlsx_shape(data)
    if kind == "parquet":
        return _parquet_shape(data)
    if kind == "jsonl":
        return _jsonl_shape(data)
    if kind == "pdf":
        return _pdf_shape(data)
    if kind == "email":
        return _email_shape(data)
    if kind == "docx":
        return _docx_shape(data)
    raise ValueError(kind)
