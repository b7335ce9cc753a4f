"""A column's cells as texts and as groups of rows, column at a time instead of cell at a time.

A million-row table is read, prepared and verified several times a run: a Python call per
cell (its text, its kind, its group) cost more than detecting its distinct values. Columns
of text only (every CSV column, most others) take their values as their texts; grouping is
done by pandas' hashing in C. The results are exactly those of ``cell_text`` and
``typed_kind`` per cell, grouped in order of first appearance (tests/formats/test_table_speed.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from victimshield.formats.table.cells import cell_text, typed_kind

Groups = dict[tuple[str, str | None], list[int]]


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


def column_texts(series: pd.Series) -> tuple[list[Any], list[str | None], bool]:
    """The column's values, each cell's text (``cell_text``), and whether all are plain text."""
    values = series.tolist()
    if all_text(series):
        return values, values, True
    return values, [cell_text(v) for v in values], False


def typed_texts(values: Sequence[Any], texts: Sequence[str | None]) -> dict[str, str]:
    """Texts of typed (non-text, non-empty) cells -> their kind; a later cell's kind wins, as before."""
    typed: dict[str, str] = {}
    for value, text in zip(values, texts, strict=False):
        if text is not None and text.strip():
            value_kind = typed_kind(value)
            if value_kind is not None:
                typed[text] = value_kind
    return typed


def _codes(items: Sequence[str | None]) -> np.ndarray[Any, np.dtype[np.intp]]:
    codes, _ = pd.factorize(np.asarray(items, dtype=object), use_na_sentinel=False)
    return codes


def group_rows(texts: Sequence[str | None], owners: Sequence[str | None] | None) -> Groups:
    """Row positions per (text, owner), in order of first appearance; empty and blank texts left out."""
    if not texts:
        return {}
    codes = _codes(texts)
    if owners is not None:
        owner_codes = _codes(owners)
        codes, _ = pd.factorize(codes.astype(np.int64) * (int(owner_codes.max()) + 1) + owner_codes)
    order = np.argsort(codes, kind="stable").tolist()  # rows of one group stay ascending
    ends = np.cumsum(np.bincount(codes)).tolist()
    groups: Groups = {}
    start = 0
    for end in ends:  # codes number the groups in order of first appearance
        rows = order[start:end]
        start = end
        text = texts[rows[0]]
        if text is not None and text.strip():
            groups[(text, owners[rows[0]] if owners is not None else None)] = rows
    return groups
