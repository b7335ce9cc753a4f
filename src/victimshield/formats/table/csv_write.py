"""CSV files written column at a time (pyarrow compute), where that is provably what
pandas' ``to_csv`` (the csv module, minimal quoting) writes; else pandas itself.

Writing a million-row table with pandas took longer than cutting, redacting and rebuilding
it. The csv module quotes a field only when it holds the separator, the quote character or
a line-end character (and a row's only field when it is empty); NUL is left to it too. So
where no cell of a frame of text holds any of these, each row is its cells joined by the
separator, and the file is its header (written by the csv module itself) and its rows, each
followed by the line end (an empty cell among others is written as nothing by both).
Anything else (a cell to quote, a number or missing value, a single-column table, a header
that is not text) goes to pandas (tests/formats/test_table_csv_write.py).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pandas as pd

from victimshield.formats.table.cell_groups import all_text

# With the separator: what makes the csv module quote (or refuse) a field. Separators are
# one of ,;\t| (frames.py), each itself inside an RE2 character class.
_QUOTED = r'"\r\n\x00'


def _pandas_csv(frame: pd.DataFrame, separator: str, line_end: str) -> str:
    return frame.to_csv(index=False, sep=separator, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)


def _plain_columns(frame: pd.DataFrame, separator: str) -> list[Any] | None:
    """The columns as Arrow strings of one type, or None if any cell is not text or would be quoted."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if not all_text(series):
            return None
        # A column of pandas' "str" type gives its own Arrow chunks, not a copy; they stay chunks.
        column = pa.chunked_array(pa.array(series))
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            column = column.cast(pa.large_string())
        if pc.any(pc.match_substring_regex(column, f"[{re.escape(separator)}{_QUOTED}]")).as_py():
            return None
        columns.append(column)
    if len({column.type for column in columns}) > 1:
        columns = [column.cast(pa.large_string()) for column in columns]
    return columns


def _rows(columns: list[Any], separator: str, line_end: str) -> list[memoryview]:
    """The rows' UTF-8 bytes, each row its cells joined by the separator and followed by the
    line end: Arrow arrays of rows, whose data, chunk after chunk, is the whole body in order."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = columns[0].type
    last = pc.binary_join_element_wise(columns[-1], pa.scalar("", kind), pa.scalar(line_end, kind))
    rows = pc.binary_join_element_wise(*columns[:-1], last, pa.scalar(separator, kind))
    pieces = []
    for chunk in rows.chunks:
        _, offsets, data = chunk.buffers()
        bounds = np.frombuffer(offsets, dtype=np.int64 if pa.types.is_large_string(kind) else np.int32)
        pieces.append(memoryview(data)[int(bounds[chunk.offset]):int(bounds[chunk.offset + len(chunk)])])
    return pieces


def csv_bytes(frame: pd.DataFrame, separator: str, line_end: str, *, encoding: str = "utf-8", prefix: str = "",
              trailing_newline: bool = True) -> bytes:
    """``frame`` as a CSV file: ``prefix``, a header row and the rows, encoded; exactly the
    bytes of pandas' ``to_csv`` text so prefixed (and without its last line end where
    ``trailing_newline`` is false)."""
    import pyarrow as pa

    body: list[memoryview] | None = None
    if frame.shape[1] >= 2 and all(isinstance(name, str) for name in frame.columns):
        # (A lone empty field is quoted, and headers of other types are pandas' to write.)
        columns = _plain_columns(frame, separator)
        if columns is not None:
            try:
                body = _rows(columns, separator, line_end) if len(frame) else []
            except pa.ArrowException:  # beyond what one Arrow array holds: pandas writes it
                body = None
    if body is None:
        text = _pandas_csv(frame, separator, line_end)
        return (prefix + (text if trailing_newline else text.rstrip("\r\n"))).encode(encoding)
    header = io.StringIO()
    csv.writer(header, delimiter=separator, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL).writerow(
        list(frame.columns))
    head = prefix + header.getvalue()
    if encoding in ("utf-8", "utf-8-sig"):  # the rows are UTF-8 already (a BOM only ever opens the file)
        data = b"".join((head.encode(encoding), *body))
    else:
        data = (head + b"".join(body).decode("utf-8")).encode(encoding)
    # Line ends are single bytes in UTF-8 and Windows-1252: stripping bytes strips the same characters.
    return data if trailing_newline else data.rstrip(b"\r\n")
