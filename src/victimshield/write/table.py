"""Tables back to their own format, through pandas."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from victimshield.read.base import Document
from victimshield.tables import TableLayout, rebuild_sheets


_EXCEL_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _excel_names(sheets: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
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


def write_table(document: Document, texts: Sequence[str]) -> bytes:
    layout: TableLayout = document.layout
    sheets = rebuild_sheets(layout, texts)
    if layout.kind == "csv":
        frame = sheets[0][1]
        text = frame.to_csv(index=False, sep=layout.option("separator", ","), lineterminator=layout.option("line_end", "\n"),
                            quoting=csv.QUOTE_MINIMAL)
        if not layout.option("trailing_newline", True):
            text = text.rstrip("\r\n")
        return (layout.option("prefix", "") + text).encode(layout.option("encoding", "utf-8"))
    buffer = io.BytesIO()
    if layout.kind == "xlsx":
        import pandas as pd

        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            for name, frame in _excel_names(sheets):
                frame.to_excel(writer, sheet_name=name, index=False)
    elif layout.kind == "parquet":
        sheets[0][1].to_parquet(buffer, engine="pyarrow")
    elif layout.kind == "jsonl":
        text = sheets[0][1].to_json(orient="records", lines=True, force_ascii=False)
        return text.encode("utf-8")
    else:
        raise ValueError(f"no writer for table kind {layout.kind!r}")
    return buffer.getvalue()
