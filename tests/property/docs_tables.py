"""Random tables (CSV, TSV, XLSX, Parquet, JSON Lines) and PDFs with plants in a named position.

Tables carry a column of each dtype (text, int, float, date, datetime, bool), so a
plant in a typed cell sits among typed neighbours, as in a bank or phone export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from hypothesis import strategies as st

from .case import Plant
from .docs_text import SENTENCE, WORDS, Built, distinct, insert, pick, placed

COLUMNS = ("note", "ref", "amount", "day", "seen", "ok")  # text, int, float, date, datetime, bool
TYPED_COLUMN = {"text cell": 0, "int cell": 1, "float cell": 2, "date cell": 3, "datetime cell": 4}
# Never a whole number: an XLSX column of whole floats reads back as integers.
AMOUNT = st.floats(0, 999, allow_nan=False).map(lambda f: round(f, 2)).map(lambda f: f + 0.5 if f.is_integer() else f)
ROW = st.tuples(SENTENCE, st.integers(1, 999), AMOUNT,
                st.dates(dt.date(2025, 1, 1), dt.date(2026, 3, 1)),
                st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2026, 3, 1)).map(lambda d: d.replace(microsecond=0)),
                st.booleans()).map(list)


def _sheet(data: Any) -> tuple[list[str], list[list[Any]]]:
    # Copies: what hypothesis drew (and may print) must never hold a plant.
    rows = [list(row) for row in data.draw(st.lists(ROW, min_size=2, max_size=4), label="rows")]
    return list(COLUMNS), rows


def _plant_in_sheet(data: Any, position: str, plants: tuple[Plant, ...], header: list[str], rows: list[list[Any]],
                    text_only: bool) -> tuple[Plant, ...]:
    """Plants in a header or in cells of the position's column, one slot each; the plants placed."""
    if position == "header":
        # One plant: two headers that redact to one token collide, which is a refusal of its own.
        pairs = distinct(data, len(header), plants[:1], "columns")
        for column, plant in pairs:
            header[column] = plant.text
        return placed(pairs)
    column = TYPED_COLUMN[position]
    pairs = distinct(data, len(rows), plants, "rows")
    for r, plant in pairs:
        row = rows[r]
        if column == 0:
            alone = data.draw(st.booleans(), label="cell holds only the value")
            row[0] = plant.text if alone else insert(data, row[0], plant)
        else:
            row[column] = plant.text if text_only else plant.value
    return placed(pairs)


def _text_table(data: Any, position: str, plants: tuple[Plant, ...], delimiter: str, kind: str) -> Built:
    header, rows = _sheet(data)
    plants = _plant_in_sheet(data, position, plants, header, rows, text_only=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[str(v) for v in row] for row in rows])
    return Built(kind, [(f"export.{kind}", buffer.getvalue().encode())], plants)


def csv_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    return _text_table(data, position, plants, ",", "csv")


def tsv_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    return _text_table(data, position, plants, "\t", "tsv")


def xlsx_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    import openpyxl

    count = data.draw(st.integers(1, 2), label="sheets")
    titles = ["calls", "payments", "rooms"][:count]
    sheets = [_sheet(data) for _ in range(count)]
    if position == "sheet name":
        pairs = distinct(data, count, plants[:1], "sheets")
        for s, plant in pairs:
            titles[s] = plant.text
        plants = placed(pairs)
    else:
        s = pick(data, count, "sheet")
        plants = _plant_in_sheet(data, position, plants, sheets[s][0], sheets[s][1], text_only=False)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (header, rows) in zip(titles, sheets, strict=True):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return Built("xlsx", [("workbook.xlsx", buffer.getvalue())], plants)


def parquet_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    import pyarrow as pa
    import pyarrow.parquet as pq

    header, rows = _sheet(data)
    metadata = {b"exported_by": b"records unit"}
    if position == "schema metadata":
        plants = plants[:1]
        metadata[b"owner"] = plants[0].text.encode("utf-8")
    else:
        plants = _plant_in_sheet(data, position, plants, header, rows, text_only=False)
    types = [pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.timestamp("us"), pa.bool_()]
    columns = list(zip(*rows, strict=True))
    arrays = [pa.array([str(v) for v in columns[0]], pa.string()), pa.array(columns[1], types[1]),
              pa.array(columns[2], types[2]), pa.array(columns[3], types[3]), pa.array(columns[4], types[4]),
              pa.array(columns[5], types[5])]
    table = pa.table(arrays, names=header).replace_schema_metadata(metadata)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return Built("parquet", [("records.parquet", buffer.getvalue())], plants)


def jsonl_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    header, rows = _sheet(data)
    header, rows = header[:3], [row[:3] for row in rows]  # text, int, float: what JSON holds
    plants = _plant_in_sheet(data, {"string value": "text cell", "int value": "int cell", "float value": "float cell",
                                    "key": "header"}[position], plants, header, rows, text_only=False)
    lines = [json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) for row in rows]
    return Built("jsonl", [("records.jsonl", ("\n".join(lines) + "\n").encode())], plants)


# -- PDF --------------------------------------------------------------------------

def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "PropsVera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PropsVera", "Vera.ttf"))
    return "PropsVera"


def pdf_doc(data: Any, position: str, plants: tuple[Plant, ...]) -> Built:
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Text as TextNote
    from pypdf.generic import NameObject, TextStringObject
    from reportlab.pdfgen import canvas

    pages = data.draw(st.lists(st.lists(SENTENCE, min_size=1, max_size=4), min_size=1, max_size=3), label="pages")
    pages = [list(p) for p in pages]
    metadata = {"title": "interview notes", "author": "records unit", "subject": "case file", "keywords": "interview"}
    field_value = None
    extras: list[tuple[str, Plant, int]] = []
    if position in ("metadata", "form field value"):
        keys = sorted(metadata)
        pairs = distinct(data, len(keys), plants, "metadata keys")
        plants = placed(pairs)
        chosen = iter(keys[k] for k, _ in pairs)
    for plant in plants:
        page = pick(data, len(pages), "page")
        if position == "page text":
            line = pick(data, len(pages[page]), "line")
            pages[page][line] = insert(data, pages[page][line], plant)
        elif position == "metadata":
            metadata[next(chosen)] = plant.text
        elif position == "form field value":
            field_value = plant.text if field_value is None else f"{field_value} {plant.text}"
        else:
            extras.append((position, plant, page))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)  # no clock digits to mistake for a date
    pdf.setTitle(metadata["title"])
    pdf.setAuthor(metadata["author"])
    pdf.setSubject(metadata["subject"])
    pdf.setKeywords(metadata["keywords"])
    for number, lines in enumerate(pages):
        pdf.setFont(_font(), 10)
        for i, line in enumerate(lines):
            pdf.drawString(72, 760 - 16 * i, line)
        if field_value is not None and number == 0:
            pdf.acroForm.textfield(name="witness", value=field_value, x=72, y=600, width=300, height=20)
        pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for where, plant, page in extras:
        if where == "annotation text":
            writer.add_annotation(page_number=page, annotation=TextNote(rect=(400, 700, 420, 720), text=plant.text))
        elif where == "annotation author":
            note = TextNote(rect=(400, 700, 420, 720), text=" ".join(WORDS[:3]))
            note[NameObject("/T")] = TextStringObject(plant.text)
            writer.add_annotation(page_number=page, annotation=note)
        elif where == "outline title":
            writer.add_outline_item(title=plant.text, page_number=page)
        elif where == "attachment name":
            writer.add_attachment(f"{plant.text}.txt", b"records unit")
        else:
            raise ValueError(where)
    out = io.BytesIO()
    writer.write(out)
    return Built("pdf", [("interview.pdf", out.getvalue())], plants)


BUILDERS = {
    "csv": csv_doc,
    "tsv": tsv_doc,
    "xlsx": xlsx_doc,
    "parquet": parquet_doc,
    "jsonl": jsonl_doc,
    "pdf": pdf_doc,
}
