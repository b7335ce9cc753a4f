"""CSV text written column at a time (pyarrow compute), where that is provably what
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
    """The columns as Arrow strings, or None if any cell is not text or would be quoted."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if not all_text(series):
            return None
        column = pa.array(series, type=pa.large_string())
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        if pc.any(pc.match_substring_regex(column, f"[{re.escape(separator)}{_QUOTED}]")).as_py():
            return None
        columns.append(column)
    return columns


def csv_text(frame: pd.DataFrame, separator: str, line_end: str) -> str:
    """``frame`` as CSV text with a header row, exactly as pandas' ``to_csv`` writes it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if frame.shape[1] < 2 or not all(isinstance(name, str) for name in frame.columns):
        return _pandas_csv(frame, separator, line_end)  # a lone empty field is quoted; odd headers: pandas decides
    columns = _plain_columns(frame, separator)
    if columns is None:
        return _pandas_csv(frame, separator, line_end)
    header = io.StringIO()
    csv.writer(header, delimiter=separator, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL).writerow(
        list(frame.columns))
    if not len(frame):
        return header.getvalue()
    rows = pc.binary_join_element_wise(*columns, pa.scalar(separator, pa.large_string()))
    # One list holding every row, joined by the line end: the whole body as one string, in C.
    every_row = pa.LargeListArray.from_arrays(pa.array([0, len(rows)], pa.int64()), rows)
    body = pc.binary_join(every_row, pa.scalar(line_end, pa.large_string()))
    return header.getvalue() + str(body[0].as_py()) + line_end
