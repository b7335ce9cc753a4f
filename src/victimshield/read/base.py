"""What a reader gives: a document of segments, plus what its writer needs to rebuild it;
and the limits every reader checks before it expands or walks anything.

Each limit is checked on what a file declares or holds before a parser builds it in
memory (a 5 KB workbook can declare a sheet of a billion cells, a 1 KB JSON a nesting
deep enough to exhaust the stack); crossing one is an ``InputError`` that names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from victimshield.errors import InputError
from victimshield.finding import Segment

MAX_INPUT_BYTES = 512 * 1024 * 1024  # beyond this an input is refused, not half-read
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # all parts of a zip container (XLSX), or a Parquet file's data, expanded
MAX_ZIP_RATIO = 200  # expanded / compressed size of a zip container above RATIO_FLOOR
RATIO_FLOOR = 16 * 1024 * 1024  # small containers may compress well: the ratio counts above this
MAX_ZIP_ENTRIES = 10_000
MAX_TABLE_CELLS = 20_000_000  # rows x columns of a Parquet table
# rows x columns of a workbook's sheets as openpyxl lays them out: every cell of the grid,
# empty or not, becomes an object of some 150 bytes when pandas reads the sheet.
MAX_SHEET_CELLS = 5_000_000
MAX_NESTING_DEPTH = 200  # JSON objects/arrays, Parquet nested types


@dataclass(frozen=True, slots=True)
class Document:
    """One input file as segments. ``layout`` is the reader's own record for its writer."""

    path: Path
    relative: str
    format: str
    segments: tuple[Segment, ...]
    layout: Any = field(default=None, repr=False)
    # What the output will lack or change beyond redaction (dropped attachments, flattened
    # forms), for the manifest; never a value from the file.
    notes: tuple[str, ...] = ()
    # 1-based pages with no text layer (scans): nothing in them can be checked.
    unreadable_pages: tuple[int, ...] = ()
    # sha256 of the file's bytes as read, for the manifest (the file is read once).
    sha256: str = ""


_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def check_json_depth(text: str, where: object) -> None:
    """Refuse JSON nested deeper than ``MAX_NESTING_DEPTH`` before any parser recurses into it.

    Strings are blanked first (a bracket inside one is no nesting); the brackets left are
    counted, without recursion."""
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_NESTING_DEPTH:
                raise InputError(where, f"nested deeper than {MAX_NESTING_DEPTH} levels (the nesting depth limit)")
        else:
            depth -= 1
