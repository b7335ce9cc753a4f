"""Table files to frames through pandas: CSV/TSV (every cell read as text, so the output
keeps the input's formatting), XLSX (every sheet, each cell's type as openpyxl gives it;
see ``xlsx_read``), Parquet (checked through its footer before any column is expanded) and
JSON Lines (types kept). Segments and the way back are in ``segments``.

Errors name the input by ``relative`` (its position label), never by its path.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from victimshield.errors import InputError
from victimshield.formats.base import MAX_NESTING_DEPTH, MAX_TABLE_CELLS, MAX_UNZIPPED_BYTES, check_json_depth
from victimshield.formats.table.cell_groups import all_checkable
from victimshield.formats.table.cells import checkable
from victimshield.formats.table.csv_read import arrow_frame
from victimshield.formats.table.layout import Extra

Sheets = tuple[tuple[str, pd.DataFrame], ...]
_SEPARATORS = ",;\t|"


def check_frame(frame: pd.DataFrame, where: object, sheet: str = "") -> None:
    """Refuse what cannot be redacted cell by cell: nested values, binary blobs, unknown types."""
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if all_checkable(series):
            continue
        values = series.cat.categories.tolist() if isinstance(series.dtype, pd.CategoricalDtype) else series.tolist()
        for value in values:
            if not checkable(value):
                raise InputError(where, f"{sheet}column {position + 1} holds nested, binary or other values "
                                        "that cannot be checked")


def _decode(data: bytes, where: object) -> tuple[str, str]:
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary content (NUL bytes), not a text table")
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        # Bank exports are often Windows-1252; anything it cannot decode is refused.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            reason = f"neither UTF-8 nor Windows-1252 text (undecodable byte at offset {exc.start})"
            raise InputError(where, reason) from None


def _read_csv(data: bytes, path: Path, where: object) -> tuple[pd.DataFrame, tuple[tuple[str, object], ...]]:
    text, encoding = _decode(data, where)
    # Some exports open with blank lines; pandas would see no header. They are written back.
    body = text.lstrip("\r\n")
    prefix = text[: len(text) - len(body)]
    head = body[:65536]
    if path.suffix.lower() == ".tsv":
        separator = "\t"
    else:
        try:
            separator = csv.Sniffer().sniff(head, delimiters=_SEPARATORS).delimiter
        except csv.Error:
            separator = ","
    line_end = "\r\n" if "\r\n" in head else ("\r" if "\r" in head and "\n" not in head else "\n")
    # UTF-8 input is parsed from its own bytes (after any BOM and the leading line ends, one byte each).
    start = (3 if encoding == "utf-8-sig" else 0) + len(prefix)
    fast = arrow_frame(body, separator, memoryview(data)[start:] if encoding != "cp1252" else None)
    try:
        frame = fast if fast is not None else pd.read_csv(io.StringIO(body), sep=separator, dtype=str,
                                                          keep_default_na=False, na_filter=False,
                                                          skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as exc:
        reason = f"malformed CSV ({type(exc).__name__}: rows with differing numbers of fields or bad quoting)"
        raise InputError(where, reason) from None
    options = (("separator", separator), ("encoding", encoding), ("line_end", line_end),
               ("trailing_newline", text.endswith(("\n", "\r"))), ("prefix", prefix))
    return frame, options


def _nesting(data_type: Any) -> int:
    """How deep a Parquet (Arrow) type nests: 0 for a plain column."""
    import pyarrow as pa

    depth, pending = 0, [(data_type, 0)]
    while pending:  # no recursion: a schema may itself be built to exhaust the stack
        current, level = pending.pop()
        depth = max(depth, level)
        if level > MAX_NESTING_DEPTH:
            break
        if isinstance(current, pa.StructType):
            pending += [(current.field(i).type, level + 1) for i in range(current.num_fields)]
        elif isinstance(current, pa.MapType):
            pending += [(current.key_type, level + 1), (current.item_type, level + 1)]
        elif pa.types.is_list(current) or pa.types.is_large_list(current) or pa.types.is_fixed_size_list(current) \
                or getattr(pa.types, "is_list_view", lambda _: False)(current):
            pending.append((current.value_type, level + 1))
        elif pa.types.is_dictionary(current):
            pending.append((current.value_type, level))
    return depth


def _read_parquet(data: bytes, where: object) -> pd.DataFrame:
    """The footer first (rows, columns, expanded size, nesting), then the columns."""
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(io.BytesIO(data))
        meta = file.metadata
        schema = file.schema_arrow
    except Exception as exc:
        if "too deeply nested" in str(exc):  # the Parquet reader's own limit (100) met first
            reason = "a column is nested deeper than the Parquet reader allows (the nesting depth limit)"
            raise InputError(where, reason) from None
        raise InputError(where, f"malformed, truncated or encrypted Parquet file ({type(exc).__name__})") from None
    if meta.num_rows * max(meta.num_columns, 1) > MAX_TABLE_CELLS:
        raise InputError(where, f"holds more than {MAX_TABLE_CELLS} cells (the limit on cells per table)")
    expanded = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if expanded > MAX_UNZIPPED_BYTES:
        raise InputError(where, f"expands to more than {MAX_UNZIPPED_BYTES} bytes (the limit on decompressed size)")
    for position, field in enumerate(schema, start=1):
        depth = _nesting(field.type)
        if depth > MAX_NESTING_DEPTH:
            raise InputError(where, f"column {position} is nested deeper than {MAX_NESTING_DEPTH} levels "
                                    "(the nesting depth limit)")
        if depth:
            raise InputError(where, f"column {position} holds nested values (lists, structs or maps), "
                                    "which cannot be checked")
    try:
        # ignore_metadata: an index pandas stored is an ordinary column here, so it is read
        # (and redacted) like any other, and written back as the column it is in the file.
        frame: pd.DataFrame = file.read().to_pandas(ignore_metadata=True)
        return frame
    except Exception as exc:
        raise InputError(where, f"malformed, truncated or encrypted Parquet file ({type(exc).__name__})") from None


def _read_jsonl(data: bytes, where: object) -> pd.DataFrame:
    text, _ = _decode(data, where)
    check_json_depth(text, where)
    try:
        # dtype=False: no type or date guessing; exact floats: what is not redacted goes back as it was.
        return pd.read_json(io.StringIO(text), lines=True, dtype=False, precise_float=True)
    except Exception as exc:
        raise InputError(where, f"malformed, truncated or encrypted JSON Lines file ({type(exc).__name__})") from None


@dataclass(frozen=True, slots=True)
class ReadTable:
    """What a table file holds before it is cut into segments."""

    kind: str  # "csv", "xlsx", "parquet", "jsonl"
    sheets: Sheets
    extras: tuple[Extra, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()
    notes: tuple[str, ...] = ()


def read_frames(path: Path, relative: str, data: bytes) -> ReadTable:
    """The file's sheets, each checked to hold only values that can be checked cell by cell."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        frame, options = _read_csv(data, path, relative)
        table = ReadTable("csv", (("", frame),), options=options)
    elif suffix == ".xlsx":
        from victimshield.formats.table.xlsx_read import read_workbook

        sheets, extras, workbook_options, notes = read_workbook(data, relative)
        table = ReadTable("xlsx", sheets, extras, workbook_options, notes)
    elif suffix == ".parquet":
        table = ReadTable("parquet", (("", _read_parquet(data, relative)),))
    elif suffix == ".jsonl":
        table = ReadTable("jsonl", (("", _read_jsonl(data, relative)),))
    else:
        raise InputError(relative, "unsupported table format")
    for number, (_, frame) in enumerate(table.sheets, start=1):
        check_frame(frame, relative, f"sheet {number}, " if table.kind == "xlsx" else "")
    return table
