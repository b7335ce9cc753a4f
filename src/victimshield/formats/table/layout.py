"""A table's layout: its sheets as read and where each segment's text goes back.

Kept apart from the code that builds it so the registry can name the type without
loading pandas (a text-only run never imports it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from victimshield.formats.table.column_codes import ColumnGroups, TextCodes


@dataclass(frozen=True, slots=True)
class Extra:
    """Workbook text that is no cell: a comment, its author, a document property."""

    what: str  # "comment", "comment author", "property"
    sheet: int | None = None  # position in the layout's sheets; None for the workbook
    row: int = 0  # a comment's cell in its input sheet, 1-based
    column: int = 0
    name: str = ""  # a property's OOXML name (creator, title, ...): the format's word, not evidence
    text: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a segment's text goes back: a column's cells holding one value (and owner), a
    header, a sheet's name, or an extra (``rows`` then holds its index in the layout's extras)."""

    sheet: int  # position in the layout's sheets: names may be redacted, and repeat
    column: int  # position: names may repeat, and a header may itself be redacted
    rows: tuple[int, ...]  # positions (an extra's index); a cell's rows are its ``group``'s
    part: str = "cell"  # "cell", "header", "sheet", "extra"
    group: int = -1  # a cell: its group in the layout's ``groups`` of its column


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Sheets (one for CSV/Parquet/JSONL) as read, and where each segment goes back."""

    kind: str
    sheets: tuple[tuple[str, pd.DataFrame], ...]
    cells: tuple[Cell, ...]
    dropped: tuple[tuple[int, int], ...] = ()  # (sheet position, column position)
    options: tuple[tuple[str, Any], ...] = ()  # writer settings: separator, encoding, sheet states, ...
    extras: tuple[Extra, ...] = ()
    # Per (sheet, column): each row's code for its text (computed once at read, reused by
    # ``prepare``) and for its (text, owner) group, which ``Cell.group`` names.
    texts: Mapping[tuple[int, int], TextCodes] = field(default_factory=dict, compare=False)
    groups: Mapping[tuple[int, int], ColumnGroups] = field(default_factory=dict, compare=False)

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)


def sheet_label(kind: str, sheet: int) -> str | None:
    """"sheet 2" in a workbook; nothing for formats of one table."""
    return f"sheet {sheet + 1}" if kind == "xlsx" else None


def where(kind: str, sheet: int, column: int | None = None) -> str:
    parts = [p for p in (sheet_label(kind, sheet), f"column {column + 1}" if column is not None else None) if p]
    return ", ".join(parts) or "table"
