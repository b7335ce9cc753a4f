"""Tables: CSV/TSV, XLSX, Parquet and JSON Lines, one format for all four.

Reading gives every sheet's headers, sheet names, workbook extras and each column's
distinct values as segments (every typed cell through its text, see ``cells``); the
caller then runs ``prepare`` with the policy's ``columns:`` rules and its detection,
which declares, keeps or drops columns and sifts typed cells. Writing puts the redacted
texts back cell for cell in the input's own format.

pandas, pyarrow and openpyxl are imported by the modules of this package that need them,
and those only when a table is read or written: this module names none of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from victimshield.formats.base import Detect, Document, Format
from victimshield.formats.table.layout import Cell, Extra, TableLayout

if TYPE_CHECKING:
    from victimshield.policy.model import ColumnRule

FORMAT = "table"
EXTENSIONS = (".csv", ".tsv", ".xlsx", ".parquet", ".jsonl")


class TableFormat(Format[TableLayout]):
    names = (FORMAT,)
    extensions = EXTENSIONS

    def sniff(self, extension: str, head: bytes) -> float:
        return 1.0 if extension in EXTENSIONS else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[TableLayout]:
        # No rules and no detection yet: every column is free text until ``prepare``.
        return self._cut(path, label, data, {}, None)

    def read_prepared(self, path: Path, label: str, data: bytes, rules: Mapping[str, ColumnRule],
                      detect: Detect) -> Document[TableLayout]:
        """``read`` then ``prepare``, cut once: the same document, without first cutting every
        column as free text (every distinct amount a segment) for ``prepare`` to throw away.
        A big CSV's every part is read so, twice (``stream.py``: redacted, then verified)."""
        return self._cut(path, label, data, rules, detect)

    @staticmethod
    def _cut(path: Path, label: str, data: bytes, rules: Mapping[str, ColumnRule],
             detect: Detect | None) -> Document[TableLayout]:
        from victimshield.formats.table.frames import read_frames
        from victimshield.formats.table.segments import cut_table, table_layout

        table = read_frames(path, label, data)
        cut = cut_table(label, table.sheets, rules, detect, kind=table.kind, extras=table.extras)
        layout = table_layout(table.kind, table.sheets, cut, table.options, table.extras)
        return Document(path, label, FORMAT, tuple(cut.segments), layout, notes=(*table.notes, *cut.notes))

    def write(self, document: Document[TableLayout], texts: Sequence[str]) -> bytes:
        from victimshield.formats.table.write import write_table

        return write_table(document, texts)

    def prepare(self, document: Document[TableLayout], rules: Mapping[str, ColumnRule],
                detect: Detect) -> Document[TableLayout]:
        from victimshield.formats.table.segments import prepare_table

        return prepare_table(document, rules, detect)


__all__ = ["EXTENSIONS", "FORMAT", "Cell", "Extra", "TableFormat", "TableLayout"]
