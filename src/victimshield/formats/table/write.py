"""Tables back to their own format, through pandas (XLSX through ``xlsx_write``)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from victimshield.errors import InputError
from victimshield.formats.base import Document
from victimshield.formats.table.csv_write import csv_bytes
from victimshield.formats.table.layout import TableLayout
from victimshield.formats.table.segments import rebuild
from victimshield.formats.table.xlsx_write import excel_names, write_xlsx

__all__ = ["excel_names", "write_table"]


def _unique_headers(relative: str, headers: Iterable[object]) -> None:
    """A Parquet schema or a JSON object holds a name once: two headers (keys) that become the
    same after redaction (two names of one victim, one pseudonym) are refused, never merged."""
    seen: dict[object, int] = {}
    for number, header in enumerate(headers, start=1):
        if header in seen:
            raise InputError(relative, f"columns {seen[header]} and {number} would have the same header "
                                       "after redaction (a column name can only be used once)")
        seen[header] = number


def write_table(document: Document[TableLayout], texts: Sequence[str]) -> bytes:
    layout = document.layout
    rebuilt = rebuild(layout, texts)
    sheets = rebuilt.sheets
    if layout.kind == "csv":
        frame = sheets[0][1]
        return csv_bytes(frame, layout.option("separator", ","), layout.option("line_end", "\n"),
                         encoding=layout.option("encoding", "utf-8"), prefix=layout.option("prefix", ""),
                         trailing_newline=layout.option("trailing_newline", True))
    if layout.kind == "xlsx":
        return write_xlsx(layout, rebuilt)
    if layout.kind in ("parquet", "jsonl"):
        _unique_headers(document.relative, sheets[0][1].columns)
    if layout.kind == "parquet":
        buffer = io.BytesIO()
        sheets[0][1].to_parquet(buffer, engine="pyarrow", index=False)
        return buffer.getvalue()
    if layout.kind == "jsonl":
        text = sheets[0][1].to_json(orient="records", lines=True, force_ascii=False, double_precision=15)
        return text.encode("utf-8")
    raise ValueError(f"no writer for table kind {layout.kind!r}")
