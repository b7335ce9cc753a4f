"""Kept for callers of the earlier layout: tables live in ``victimshield.formats.table``
(this module loads pandas; ``victimshield.formats.table`` itself does not)."""

from victimshield.formats.table.layout import Cell, Extra, TableLayout, sheet_label, where
from victimshield.formats.table.segments import (
    Rebuilt,
    frame_document,
    prepare_table,
    rebuild,
    rebuild_sheets,
    table_segments,
)

__all__ = [
    "Cell", "Extra", "Rebuilt", "TableLayout", "frame_document", "prepare_table", "rebuild", "rebuild_sheets",
    "sheet_label", "table_segments", "where",
]
from victimshield.formats.registry import prepare_document

__all__ += ["prepare_document"]
