"""Kept for callers of the earlier layout: see ``victimshield.formats.base``."""

from victimshield.formats.base import (
    MAX_INPUT_BYTES,
    MAX_NESTING_DEPTH,
    MAX_SHEET_CELLS,
    MAX_TABLE_CELLS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_RATIO,
    RATIO_FLOOR,
    Document,
    check_json_depth,
)

__all__ = [
    "MAX_INPUT_BYTES", "MAX_NESTING_DEPTH", "MAX_SHEET_CELLS", "MAX_TABLE_CELLS", "MAX_UNZIPPED_BYTES",
    "MAX_ZIP_ENTRIES", "MAX_ZIP_RATIO", "RATIO_FLOOR", "Document", "check_json_depth",
]
