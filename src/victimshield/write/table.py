"""Tables back to their own format, through pandas."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from victimshield.read.base import Document
from victimshield.tables import TableLayout, rebuild_sheets


def write_table(document: Document, texts: Sequence[str]) -> bytes:
    layout: TableLayout = document.layout
    sheets = rebuild_sheets(layout, texts)
    if layout.kind == "csv":
        frame = sheets[0][1]
        text = frame.to_csv(index=False, sep=layout.option("separator", ","), lineterminator=layout.option("line_end", "\n"),
                            quoting=csv.QUOTE_MINIMAL)
        if not layout.option("trailing_newline", True):
            text = text.rstrip("\r\n")
        return text.encode(layout.option("encoding", "utf-8"))
    buffer = io.BytesIO()
    if layout.kind == "xlsx":
        import pandas as pd

        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            for name, frame in sheets:
                frame.to_excel(writer, sheet_name=name, index=False)
    elif layout.kind == "parquet":
        sheets[0][1].to_parquet(buffer, engine="pyarrow")
    elif layout.kind == "jsonl":
        text = sheets[0][1].to_json(orient="records", lines=True, force_ascii=False)
        return text.encode("utf-8")
    else:
        raise ValueError(f"no writer for table kind {layout.kind!r}")
    return buffer.getvalue()
