"""XLSX workbooks: checked before anything expands them, then read once with openpyxl.

The zip directory says how large every part expands; each worksheet's XML is then
streamed (never built as a tree) to learn how many rows and columns a parser would
lay out, and how many formulas it holds. Only then is the workbook loaded. Comments
and document properties are text like cells (segments); sheet visibility and the
properties' dates are kept for the writer; every other part the output cannot carry
safely is named in a note by position.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import pandas as pd

from victimshield.errors import InputError
from victimshield.formats.base import MAX_SHEET_CELLS, check_zip_sizes
from victimshield.formats.table.layout import Extra

# Text properties of docProps/core.xml, by openpyxl's attribute names (OOXML vocabulary).
TEXT_PROPERTIES = ("creator", "title", "subject", "description", "keywords", "category", "lastModifiedBy",
                   "contentStatus", "identifier", "language", "version", "revision")
DATE_PROPERTIES = ("created", "modified", "lastPrinted")
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
# Parts a rewritten workbook does not carry, by where they live in the container.
_DROPPED_PARTS = (("xl/media/", "image(s)"), ("xl/charts/chart", "chart(s)"), ("xl/pivotTables/", "pivot table(s)"),
                  ("xl/externalLinks/", "external link(s)"), ("xl/embeddings/", "embedded object(s)"),
                  ("xl/vbaProject.bin", "macro project(s)"), ("customXml/item", "custom XML part(s)"))


@dataclass(frozen=True, slots=True)
class SheetScan:
    rows: int
    columns: int
    formulas: int
    uncached: int  # formulas without a cached value
    hyperlinks: int


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _scan_sheet(stream: Any) -> SheetScan:
    """Rows and columns as openpyxl would lay them out (a cell without ``r`` follows its
    neighbour), formulas, hyperlinks; streamed, each element cleared when done."""
    rows = columns = formulas = uncached = hyperlinks = 0
    row = column = 0
    has_formula = has_value = False
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                row = int(element.get("r") or row + 1)
                column = 0
                rows = max(rows, row)
            elif name == "c":
                match = _CELL_REF.match(element.get("r") or "")
                column = _column_number(match.group(1)) if match else column + 1
                if match:
                    rows = max(rows, int(match.group(2)))
                columns = max(columns, column)
                has_formula = has_value = False
            continue
        if name == "f":
            has_formula = True
        elif name == "v":
            has_value = bool(element.text)
        elif name == "c":
            formulas += has_formula
            uncached += has_formula and not has_value
        elif name == "hyperlink":
            hyperlinks += 1
        if name in ("c", "row", "hyperlink"):
            element.clear()
        if rows * columns > MAX_SHEET_CELLS:
            break
    return SheetScan(rows, columns, formulas, uncached, hyperlinks)


def _sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The worksheet parts in the workbook's sheet order."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    parts = []
    for element in book.iter():
        if _local(element.tag) == "sheet":
            target = targets.get(element.get(_REL), "")
            inside = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            parts.append(inside)
    return parts


def check_workbook(data: bytes, where: object) -> tuple[list[SheetScan], list[str], list[str]]:
    """Refuse a workbook that would expand past a limit; per-sheet scans and notes on parts
    the output will not carry."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_zip_sizes(archive.infolist(), where)
        scans = []
        laid_out = 0
        for number, part in enumerate(_sheet_parts(archive), start=1):
            if part not in archive.namelist():
                scans.append(SheetScan(0, 0, 0, 0, 0))  # a chartsheet or missing part: the loader decides
                continue
            with archive.open(part) as stream:
                scan = _scan_sheet(stream)
            laid_out += scan.rows * scan.columns
            if laid_out > MAX_SHEET_CELLS:
                raise InputError(where, f"sheet {number} brings the cells laid out past {MAX_SHEET_CELLS} "
                                        "(the limit on cells per workbook)")
            scans.append(scan)
        names = archive.namelist()
    except InputError:
        raise
    except Exception as exc:
        raise InputError(where, f"malformed, truncated or encrypted XLSX workbook ({type(exc).__name__})") from None
    notes = []
    for prefix, what in _DROPPED_PARTS:
        count = sum(1 for n in names if n.startswith(prefix) and not n.endswith("/") and "/_rels/" not in n)
        if count:
            notes.append(f"workbook: {count} {what} dropped")
    return scans, notes, names


def _sheet_notes(number: int, scan: SheetScan, sheet: Any) -> list[str]:
    notes = []
    cached = scan.formulas - scan.uncached
    if cached:
        notes.append(f"sheet {number}: {cached} formula(s) written as their cached values")
    if scan.uncached:
        notes.append(f"sheet {number}: {scan.uncached} formula(s) without a cached value dropped (cells left empty)")
    if scan.hyperlinks:
        notes.append(f"sheet {number}: {scan.hyperlinks} hyperlink(s) dropped (their cells' text kept)")
    validations = len(sheet.data_validations.dataValidation) if sheet.data_validations else 0
    if validations:
        notes.append(f"sheet {number}: {validations} data validation rule(s) dropped")
    if sheet.merged_cells.ranges:
        notes.append(f"sheet {number}: {len(sheet.merged_cells.ranges)} merged range(s) unmerged")
    if len(sheet.conditional_formatting):
        notes.append(f"sheet {number}: {len(sheet.conditional_formatting)} conditional format(s) dropped")
    return notes


def _hidden(sheet: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Hidden columns and rows (1-based): hidden in the input, hidden in the output."""
    columns = sorted({index for dim in sheet.column_dimensions.values() if dim.hidden and dim.min
                      for index in range(dim.min, (dim.max or dim.min) + 1)})
    rows = sorted(number for number, dim in sheet.row_dimensions.items() if dim.hidden)
    return tuple(columns), tuple(rows)


def read_workbook(data: bytes, where: object) -> tuple[tuple[tuple[str, pd.DataFrame], ...], tuple[Extra, ...],
                                                       tuple[tuple[str, Any], ...], tuple[str, ...]]:
    """Sheets as frames, extras (comments, properties), writer options and notes."""
    import openpyxl

    scans, notes, parts = check_workbook(data, where)
    try:
        # Not read-only: comments are only loaded so. data_only: formulas give their cached values.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False,
                                      rich_text=False)
        frames = pd.read_excel(book, sheet_name=None, engine="openpyxl")
    except Exception as exc:
        raise InputError(where, f"malformed, truncated or encrypted XLSX workbook ({type(exc).__name__})") from None
    sheets = tuple((str(name), frame) for name, frame in frames.items())
    worksheets = [book[name] for name, _ in sheets]
    extras: list[Extra] = []
    for number, sheet in enumerate(worksheets):
        # The cells openpyxl holds (iter_rows would create every empty cell of the grid).
        for cell in sorted(sheet._cells.values(), key=lambda c: (c.row, c.column)):
            if cell.comment is not None:
                extras.append(Extra("comment", number, cell.row, cell.column, text=cell.comment.text or ""))
                extras.append(Extra("comment author", number, cell.row, cell.column, text=cell.comment.author or ""))
        scanned = len(scans) == len(book.sheetnames)
        scan = scans[book.sheetnames.index(sheet.title)] if scanned else SheetScan(0, 0, 0, 0, 0)
        notes += _sheet_notes(number + 1, scan, sheet)
    properties = book.properties
    for name in TEXT_PROPERTIES:
        value = getattr(properties, name, None)
        if isinstance(value, str) and value.strip():
            extras.append(Extra("property", None, name=name, text=value))
    custom = len(list(getattr(book, "custom_doc_props", None) or []))
    if custom:
        notes.append(f"workbook: {custom} custom document propert(y/ies) dropped")
    if len(book.defined_names):
        notes.append(f"workbook: {len(book.defined_names)} defined name(s) dropped")
    options = (
        ("sheet_states", tuple(sheet.sheet_state for sheet in worksheets)),
        ("hidden", tuple(_hidden(sheet) for sheet in worksheets)),
        # Without docProps/core.xml openpyxl makes up "now": then there are no dates to keep.
        ("dates", tuple((name, getattr(properties, name, None) if "docProps/core.xml" in parts else None)
                        for name in DATE_PROPERTIES)),
    )
    return sheets, tuple(extras), options, tuple(notes)
