"""Helpers for the issue-8 format tests: values planted where a format hides them, and a
search of every byte an output holds (every part of a workbook, every Parquet value and
its metadata). Failure messages name a needle by its index, never by its value."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

# Protected values of the formats roster (V1, V2 minor, W1) in the forms typed cells take.
EXCEL_SERIAL_DOB = (dt.date(2010, 2, 3) - dt.date(1899, 12, 30)).days  # V2's date of birth as a workbook stores it
NEEDLES = [
    "ioana", "popescu", "ionela", "elena", "dumitru", "mihai", "georgescu",
    "723456789",  # V1's phone, any prefix
    "745111222",  # V2's phone
    "731222333",  # W1's phone
    "2010-02-03", "03.02.2010", f">{EXCEL_SERIAL_DOB}<",  # V2's date of birth
]
SUSPECT_PHONE = 40766987654


def output_texts(path: Path) -> str:
    """Everything in one output file a reader could see, as one text."""
    data = path.read_bytes()
    texts = [data.decode("utf-8", "ignore"), data.decode("latin-1")]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts += [archive.read(name).decode("utf-8", "ignore") for name in archive.namelist()]
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        texts += [str(table.schema), str(table.schema.metadata)]
        texts += [repr(column.to_pylist()) for column in table.columns]
        texts += [
            repr(v) for column in table.columns for v in column.to_pylist() if isinstance(v, (dt.date, dt.datetime))
        ]
        texts += [
            v.isoformat()
            for column in table.columns
            for v in column.to_pylist()
            if isinstance(v, (dt.date, dt.datetime))
        ]
    return "\n".join(texts)


def planted_in(text: str) -> list[int]:
    """Indexes (never values) of the needles found in ``text``, case-insensitively."""
    folded = text.casefold()
    return [i for i, needle in enumerate(NEEDLES) if needle in folded]


def folder_leaks(folder: Path) -> dict[str, list[int]]:
    """Needle indexes per file position (names of files are not shown either)."""
    found = {}
    for number, path in enumerate(sorted(p for p in folder.rglob("*") if p.is_file()), start=1):
        hits = planted_in(output_texts(path)) + [100 + i for i in planted_in(str(path.relative_to(folder)))]
        if hits:
            found[f"file {number}"] = hits
    return found


# Assertions whose failure messages show what was expected, never what was found: the text
# searched may hold a planted value. This module is not rewritten by pytest, and its frames
# are hidden from tracebacks (which would show the arguments).
def assert_clean(text: str, what: str) -> None:
    __tracebackhide__ = True
    hits = planted_in(text)
    assert not hits, f"{what}: planted values {hits} (indexes) found"


def assert_contains(haystack: object, needle: str, what: str) -> None:
    __tracebackhide__ = True
    found = needle in haystack  # type: ignore[operator]
    assert found, f"{what}: expected {needle!r}"


def assert_true(condition: bool, what: str) -> None:
    __tracebackhide__ = True
    assert condition, what
