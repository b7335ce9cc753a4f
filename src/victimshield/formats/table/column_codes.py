"""A column as one group code per row: cells of one (text, owner) share a code, numbered in
order of first appearance; each group's text, owner and first row are kept once.

A million-row table is read, prepared, written and verified in one run. Holding each
cell's text as a Python string, or each group's rows as a tuple of Python ints, cost more
time and memory than detecting the column's distinct values. Codes come from pandas'
hashing in C (a column of text only is never turned into Python strings cell by cell), are
computed once per column at read and reused by ``prepare``, and the way back is one take
per column (``rebuilt``). The groups are exactly ``cell_groups.group_rows``'s
(tests/formats/test_table_columns_fast.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from victimshield.formats.table.cell_groups import all_text, typed_texts
from victimshield.formats.table.cells import cell_text, column_back, typed_kind

Codes = np.ndarray[Any, np.dtype[np.intp]]


@dataclass(frozen=True, slots=True, eq=False)
class TextCodes:
    """A column's distinct cell texts (``cell_text``; None for an empty cell) and each row's index into them."""

    codes: Codes
    texts: tuple[str | None, ...] = field(repr=False)  # cell values: never in a repr
    plain: bool  # every cell a str: its text is itself, and no cell is typed
    typed: Mapping[str, str] = field(default_factory=dict, repr=False)  # texts of typed cells -> kind (``typed_texts``)
    # Texts that may count for a sampled type; None: every text.
    countable: frozenset[str] | None = field(default=None, repr=False)

    def distinct(self) -> list[str]:
        """The non-empty texts, in order of first appearance."""
        return [t for t in self.texts if t]

    def countable_texts(self) -> set[str]:
        return set(self.countable) if self.countable is not None else set(self.distinct())


def text_codes(series: pd.Series) -> TextCodes:
    if all_text(series):
        codes, uniques = pd.factorize(series)
        return TextCodes(codes.astype(np.intp, copy=False), tuple(uniques.tolist()), True)
    values = series.tolist()
    texts = [cell_text(v) for v in values]
    mixed_codes, distinct = pd.factorize(np.asarray(texts, dtype=object), use_na_sentinel=False)
    # Only text and whole numbers are sampled: amounts and timestamps read like phone numbers.
    countable = frozenset(t for v, t in zip(values, texts, strict=True) if t and typed_kind(v) in (None, "whole"))
    # factorize gives an empty cell's None back as NaN: texts are str or None, so back to None.
    texts_of_codes = tuple(t if isinstance(t, str) else None for t in distinct.tolist())
    return TextCodes(mixed_codes.astype(np.intp, copy=False), texts_of_codes, False,
                     typed_texts(values, texts), countable)


def first_rows(codes: Codes) -> Codes:
    """Each code's first row: codes number groups in order of first appearance, so a group
    first appears exactly where the running maximum of the codes rises."""
    if not len(codes):
        return np.zeros(0, dtype=np.intp)
    running = np.maximum.accumulate(codes)
    rises = np.empty(len(codes), dtype=bool)
    rises[0] = True
    np.greater(running[1:], running[:-1], out=rises[1:])
    return np.flatnonzero(rises)


@dataclass(frozen=True, slots=True, eq=False)
class ColumnGroups:
    """A column's rows grouped by (text, owner): each row's group, each group's text, owner and first row."""

    codes: Codes
    texts: tuple[str | None, ...] = field(repr=False)  # cell values and their owners: never in a repr
    owners: tuple[str | None, ...] | None = field(repr=False)
    first: Codes
    plain: bool

    def rows(self) -> list[list[int]]:
        """Each group's rows, ascending (for the cell-by-cell way back of typed columns)."""
        order = np.argsort(self.codes, kind="stable").tolist()
        bounds = [0, *np.cumsum(np.bincount(self.codes, minlength=len(self.texts))).tolist()]
        return [order[start:end] for start, end in pairwise(bounds)]


def column_groups(text: TextCodes, owner: TextCodes | None) -> ColumnGroups:
    if owner is None:
        return ColumnGroups(text.codes, text.texts, None, first_rows(text.codes), text.plain)
    key = text.codes.astype(np.int64) * max(len(owner.texts), 1) + owner.codes
    codes, _ = pd.factorize(key)
    codes = codes.astype(np.intp, copy=False)
    first = first_rows(codes)
    texts = tuple(text.texts[i] for i in text.codes[first].tolist())
    owners = tuple(owner.texts[i] for i in owner.codes[first].tolist())
    return ColumnGroups(codes, texts, owners, first, text.plain)


def rebuilt(original: pd.Series, groups: ColumnGroups, replaced: Mapping[int, str], *,
            whole_column_text: bool) -> pd.Series:
    """``original`` with each replaced group's cells holding its new text (``column_back``).

    A column of text only is rebuilt by one take: a group's cells hold one text, so all
    change or none; the column keeps its type. Others go cell by cell through ``column_back``."""
    if not groups.plain:
        group_rows = groups.rows()
        return column_back(original, {row: text for group, text in replaced.items() for row in group_rows[group]},
                           whole_column_text=whole_column_text)
    texts = list(groups.texts)
    changed = False
    for group, text in replaced.items():
        if texts[group] != text:
            texts[group] = text
            changed = True
    if not changed:
        return original
    values = np.asarray(texts, dtype=object)[groups.codes]
    return pd.Series(values, index=original.index, name=original.name, dtype=original.dtype)
