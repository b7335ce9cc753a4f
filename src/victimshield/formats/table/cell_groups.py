"""What a column's type alone says about its cells, column at a time instead of cell at a time.

A million-row table is read, prepared and verified in one run: a Python call per cell (its
text, its kind) cost more than detecting its distinct values. Columns of text only (every
CSV column, most others) take their values as their texts (``column_codes``). The results are
exactly those of ``cell_text`` and ``typed_kind`` per cell (tests/formats/test_table_columns_fast.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from pandas.api import types as ptypes

from victimshield.formats.table.cells import typed_kind


def all_text(series: pd.Series) -> bool:
    """Every cell a str (no empty cell, no number): its text is itself and it has no typed kind."""
    if series.hasnans:
        return False
    if isinstance(series.dtype, pd.StringDtype):
        return True
    return ptypes.is_object_dtype(series.dtype) and ptypes.infer_dtype(series, skipna=False) in ("string", "empty")


def all_checkable(series: pd.Series) -> bool:
    """Whether every cell is surely empty or has a text form, from the column's type alone."""
    if isinstance(series.dtype, pd.StringDtype) or all_text(series):
        return True
    # Numbers, bools, datetimes and durations (missing ones too) all have a text form.
    return series.dtype.kind in "biufcmM" and not isinstance(series.dtype, pd.CategoricalDtype)


def typed_texts(values: Sequence[Any], texts: Sequence[str | None]) -> dict[str, str]:
    """Texts of typed (non-text, non-empty) cells -> their kind; a later cell's kind wins, as before."""
    typed: dict[str, str] = {}
    for value, text in zip(values, texts, strict=False):
        if text is not None and text.strip():
            value_kind = typed_kind(value)
            if value_kind is not None:
                typed[text] = value_kind
    return typed
