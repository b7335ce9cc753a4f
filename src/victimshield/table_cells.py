"""Kept for callers of the earlier layout: see ``victimshield.formats.table.cells``."""

from victimshield.formats.table.cells import cell_text, checkable, column_back, is_typed, type_label, typed_kind

__all__ = ["cell_text", "checkable", "column_back", "is_typed", "type_label", "typed_kind"]
