"""XLSX workbooks written so that the same input and key give the same bytes.

pandas (openpyxl) writes the cells; then sheet visibility, hidden columns and rows,
redacted comments and document properties are put back, and the zip is rebuilt with fixed timestamps and
docProps/core.xml made from the input's own dates (openpyxl stamps "now").
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import pandas as pd

from victimshield.formats.table.layout import TableLayout
from victimshield.formats.table.segments import Rebuilt

_EXCEL_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_CORE = "docProps/core.xml"


def excel_names(sheets: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name: a marker must be made to fit."""
    out: list[tuple[str, Any]] = []
    used: set[str] = set()
    for number, (name, frame) in enumerate(sheets, start=1):
        clean = _EXCEL_FORBIDDEN.sub("_", name).strip("'")[:31] or f"Sheet{number}"
        while clean.casefold() in used:
            clean = f"{clean[:27]}_{number}"
        used.add(clean.casefold())
        out.append((clean, frame))
    return out


def _output_column(layout: TableLayout, sheet: int, column: int) -> int | None:
    """Where a comment's input column (1-based) is in the output; None when it was dropped."""
    if (sheet, column - 1) in layout.dropped:
        return None
    return column - sum(1 for s, c in layout.dropped if s == sheet and c < column - 1)


def _comments(layout: TableLayout, rebuilt: Rebuilt, book: Any) -> None:
    from openpyxl.comments import Comment

    found: dict[tuple[int, int, int], dict[str, str]] = {}
    for index, extra in enumerate(layout.extras):
        if extra.what in ("comment", "comment author") and extra.sheet is not None:
            text = rebuilt.extras.get(index, extra.text)
            found.setdefault((extra.sheet, extra.row, extra.column), {})[extra.what] = text
    for (sheet, row, column), parts in sorted(found.items()):
        target = _output_column(layout, sheet, column)
        if target is None:
            continue  # the column was dropped by policy (its note says so)
        comment = Comment(parts.get("comment", ""), parts.get("comment author", ""))
        book.worksheets[sheet].cell(row=row, column=target).comment = comment


def _hide(layout: TableLayout, book: Any) -> None:
    from openpyxl.utils import get_column_letter

    for sheet, (columns, rows) in enumerate(layout.option("hidden", ())):
        target = book.worksheets[sheet]
        for column in columns:
            position = _output_column(layout, sheet, column)
            if position is not None:
                target.column_dimensions[get_column_letter(position)].hidden = True
        for row in rows:
            target.row_dimensions[row].hidden = True


def _core_xml(layout: TableLayout, rebuilt: Rebuilt) -> bytes:
    from openpyxl.packaging.core import DocumentProperties
    from openpyxl.xml.functions import tostring

    properties = DocumentProperties()
    properties.creator = None  # openpyxl's default creator is not the input's
    for index, extra in enumerate(layout.extras):
        if extra.what == "property":
            setattr(properties, extra.name, rebuilt.extras.get(index, extra.text))
    for name, value in layout.option("dates", ()):
        setattr(properties, name, value)  # the input's own dates (None when it had none): never "now"
    return bytes(tostring(properties.to_tree()))


def _reproducible(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The same zip with fixed timestamps and permissions, entries in their written order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, replaced.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def write_xlsx(layout: TableLayout, rebuilt: Rebuilt) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in excel_names(rebuilt.sheets):
            frame.to_excel(writer, sheet_name=name, index=False)
        book = writer.book
        states = layout.option("sheet_states", ())
        for sheet, state in zip(book.worksheets, states, strict=False):
            sheet.sheet_state = state
        visible = [i for i, s in enumerate(book.worksheets) if s.sheet_state == "visible"]
        if visible:  # the active (shown) sheet may not be a hidden one
            book.active = visible[0]
            for i, sheet in enumerate(book.worksheets):
                sheet.sheet_view.tabSelected = i == visible[0]
        _comments(layout, rebuilt, book)
        _hide(layout, book)
    return _reproducible(buffer.getvalue(), {_CORE: _core_xml(layout, rebuilt)})
