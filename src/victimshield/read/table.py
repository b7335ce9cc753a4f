"""Tables through pandas: CSV/TSV (every cell read as text, so the output keeps the
input's formatting), XLSX (every sheet, dtypes as openpyxl gives them), Parquet and
JSON Lines (dtypes kept). Segments and the way back are in ``victimshield.tables``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from victimshield.errors import InputError
from victimshield.read.base import Document
from victimshield.tables import TableLayout, table_segments

FORMAT = "table"
EXTENSIONS = (".csv", ".tsv", ".xlsx", ".parquet", ".jsonl")
_SEPARATORS = ",;\t|"


def check_frame(frame: pd.DataFrame, where: object) -> None:
    """Refuse what cannot be redacted cell by cell: nested values and binary blobs."""
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if series.dtype != object:
            continue
        for value in series.tolist():
            if isinstance(value, (dict, list, tuple, bytes, bytearray)):
                raise InputError(where, f"column {position + 1} holds nested or binary values, which cannot be checked")


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary content (NUL bytes), not a text table")
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        # Bank exports are often Windows-1252; anything it cannot decode is refused.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"neither UTF-8 nor Windows-1252 text (undecodable byte at offset {exc.start})") from None


def _read_csv(data: bytes, path: Path) -> tuple[pd.DataFrame, tuple[tuple[str, object], ...]]:
    text, encoding = _decode(data, path)
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
    try:
        frame = pd.read_csv(io.StringIO(body), sep=separator, dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as exc:
        raise InputError(path, f"malformed CSV ({type(exc).__name__}: rows with differing numbers of fields or bad quoting)") from None
    options = (("separator", separator), ("encoding", encoding), ("line_end", line_end), ("trailing_newline", text.endswith(("\n", "\r"))), ("prefix", prefix))
    return frame, options


def _read_binary(reader, data: bytes, path: Path, what: str):  # type: ignore[no-untyped-def]
    try:
        return reader(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - parser messages may quote cell values
        raise InputError(path, f"malformed, truncated or encrypted {what} ({type(exc).__name__})") from None


def read_table(path: Path, relative: str, data: bytes) -> Document:
    suffix = path.suffix.lower()
    options: tuple[tuple[str, object], ...] = ()
    if suffix in (".csv", ".tsv"):
        frame, options = _read_csv(data, path)
        sheets = (("", frame),)
        kind = "csv"
    elif suffix == ".xlsx":
        book = _read_binary(lambda b: pd.read_excel(b, sheet_name=None, engine="openpyxl"), data, path, "XLSX workbook")
        sheets = tuple((str(name), frame) for name, frame in book.items())
        kind = "xlsx"
    elif suffix == ".parquet":
        sheets = (("", _read_binary(lambda b: pd.read_parquet(b, engine="pyarrow"), data, path, "Parquet file")),)
        kind = "parquet"
    elif suffix == ".jsonl":
        text, _ = _decode(data, path)
        frame = _read_binary(lambda b: pd.read_json(io.StringIO(text), lines=True, dtype=False), data, path, "JSON Lines file")
        sheets = (("", frame),)
        kind = "jsonl"
    else:
        raise InputError(path, f"unsupported table format '{suffix}'")
    for _, frame in sheets:
        check_frame(frame, path)
    segments, cells, dropped = table_segments(relative, sheets, {}, None)
    layout = TableLayout(kind, sheets, tuple(cells), tuple(dropped), options)
    return Document(path, relative, FORMAT, tuple(segments), layout)
