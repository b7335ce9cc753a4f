"""Typed table cells: the text a cell of any type is detected in, and the way back.

A victim's phone stored as the integer 40723456789, or a date of birth in a date
cell, is an identifier like any text: every cell, whatever its type, is read as
text, detected and verified. A cell that must change goes back as a value of its
own type where one can say what the policy left (a date of birth kept only to its
year becomes 1 January of that year); otherwise as the redacted text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

_YEAR_ONLY = re.compile(r"^(1[89]\d\d|20\d\d)$")


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(float(value))
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return False


def cell_text(value: Any) -> str | None:
    """The text a cell is detected in, or None for an empty cell or a type no text stands for.

    Numbers are written without exponent or trailing ``.0`` (a phone stored as a float
    reads ``40723456789``); a midnight datetime reads as its date (``2010-02-03``), the form
    dates of birth are written in."""
    if _missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "True" if bool(value) else "False"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isfinite(number) and number.is_integer() and abs(number) < 1e21:
            return str(int(number))
        return repr(number)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):  # pd.Timestamp too
        if value.tzinfo is None and (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, np.timedelta64):
        value = pd.Timedelta(value)
    if isinstance(value, dt.timedelta):  # pd.Timedelta too
        return str(value)
    if isinstance(value, complex):
        return str(value)
    return None


def checkable(value: Any) -> bool:
    """Whether a cell is empty or has a text form: anything else cannot be checked."""
    return _missing(value) or cell_text(value) is not None


def typed_kind(value: Any) -> str | None:
    """None for text or an empty cell; else what kind of typed value it is: "whole" (an
    integer, or a float with nothing after the point: the only numbers an identifier can
    be stored as), "fraction" (an amount, a coordinate), "time" (dates, times, durations), "bool"."""
    if isinstance(value, str) or _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "whole"
    if isinstance(value, (float, np.floating, Decimal)):
        return "whole" if math.isfinite(float(value)) and float(value).is_integer() else "fraction"
    if isinstance(value, (dt.date, dt.time, dt.timedelta, np.datetime64, np.timedelta64)):
        return "time"
    return "fraction"


def is_typed(value: Any) -> bool:
    """A non-empty cell that is not text (a number, date, duration, bool)."""
    return not isinstance(value, str) and not _missing(value)


def _typed_replacement(original: Any, text: str) -> Any:
    """A value of the original's own type for ``text``, or ``text`` itself."""
    year = _YEAR_ONLY.match(text.strip())
    if year is not None and isinstance(original, (dt.date, np.datetime64)):
        number = int(year.group(1))
        if isinstance(original, (pd.Timestamp, np.datetime64)):
            stamp = pd.Timestamp(original)
            return pd.Timestamp(year=number, month=1, day=1, tz=stamp.tz)
        if isinstance(original, dt.datetime):
            return dt.datetime(number, 1, 1, tzinfo=original.tzinfo)
        return dt.date(number, 1, 1)
    return text


def column_back(original: pd.Series, replaced: dict[int, str], *, whole_column_text: bool) -> pd.Series:
    """``original`` with its replaced cells (row position -> redacted text).

    Text cells take the text. A typed cell takes a value of its type where one says the
    same (``_typed_replacement``), else the text: the column becomes mixed (XLSX, JSONL,
    frames keep each cell's own type), or wholly text where ``whole_column_text`` (Parquet
    holds one type per column)."""
    values = original.tolist()
    changed = {row: text for row, text in replaced.items() if cell_text(values[row]) != text}
    if not changed:
        return original
    as_text = False
    for row, text in changed.items():
        old = values[row]
        new = text if isinstance(old, str) else _typed_replacement(old, text)
        values[row] = new
        as_text = as_text or (isinstance(new, str) and not isinstance(old, str))
    if as_text and whole_column_text:
        texts = [v if isinstance(v, str) else cell_text(v) for v in values]
        return pd.Series(texts, index=original.index, name=original.name, dtype=object)
    if not as_text and not isinstance(original.dtype, pd.CategoricalDtype):
        try:
            return pd.Series(values, index=original.index, name=original.name, dtype=original.dtype)
        except (TypeError, ValueError):
            pass
    if isinstance(original.dtype, pd.CategoricalDtype):
        # Its categories are the input's values: a redacted text is none of them, and
        # pandas would turn it into an empty cell. The new values make the categories.
        return pd.Series(values, index=original.index, name=original.name, dtype=object).astype("category")
    keep_text_dtype = ptypes.is_string_dtype(original) and not ptypes.is_object_dtype(original) and all(
        isinstance(v, str) or _missing(v) for v in values
    )
    dtype = original.dtype if keep_text_dtype else object
    return pd.Series(values, index=original.index, name=original.name, dtype=dtype)


def type_label(series: pd.Series) -> str:
    """A word for a column's type in a manifest note."""
    if ptypes.is_bool_dtype(series):
        return "booleans"
    if ptypes.is_numeric_dtype(series):
        return "numbers"
    if ptypes.is_datetime64_any_dtype(series):
        return "dates"
    if ptypes.is_timedelta64_dtype(series):
        return "durations"
    return "mixed values"
