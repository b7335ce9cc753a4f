"""Typed table columns are cut into segments and rebuilt a column at a time (issue 11): the
result must be exactly what the cell-by-cell way gave. Each test builds its own tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from victimshield.formats.table.cell_groups import all_checkable, column_texts, group_rows, typed_texts
from victimshield.formats.table.cells import cell_text, checkable, column_back, typed_kind
from victimshield.formats.table.segments import _column_back

from .conftest import redact_one


def _cell_by_cell(values: list[Any], owners: list[Any] | None) -> tuple[dict[tuple[str, str | None], list[int]],
                                                                         dict[str, str]]:
    """The grouping from first principles: each cell's text and kind, grouped in order of first appearance."""
    owner_texts = [cell_text(o) for o in owners] if owners is not None else [None] * len(values)
    groups: dict[tuple[str, str | None], list[int]] = {}
    typed: dict[str, str] = {}
    for row, value in enumerate(values):
        text = cell_text(value)
        if text is not None and text.strip():
            groups.setdefault((text, owner_texts[row]), []).append(row)
            if typed_kind(value) is not None:
                typed[text] = str(typed_kind(value))
    return groups, typed


COLUMNS = {
    "text": pd.Series(["Ana", "Bob", "Ana", " ", "", "Bob", "Cy"], dtype=object),
    "string dtype with gaps": pd.Series(["Ana", None, "Ana", "Bob", None, "Ana", "x"], dtype="string"),
    "str dtype": pd.Series(["a", "b", "a", "c", "b", "a", "a"], dtype="str"),
    "mixed": pd.Series(["Ana", 40723456789, 5.0, 5, None, dt.date(2010, 2, 3), 3.25], dtype=object),
    "integers": pd.Series([40723456789, 1, 40723456789, 2, 1, 3, 3], dtype="int64"),
    "floats with gaps": pd.Series([1.5, np.nan, 2.0, 1.5, np.nan, 7.0, 2.0]),
    "timestamps": pd.Series(pd.to_datetime(pd.Series(["2010-02-03", None, "2010-02-03 10:00", "2011-01-01", None,
                                            "2010-02-03", "2012-05-06"]), format="ISO8601")),
    "categories": pd.Series(["x", "y", "x", None, "y", "z", "x"], dtype="category"),
    "bools": pd.Series([True, False, True, True, False, False, True]),
}


@pytest.mark.parametrize("name", sorted(COLUMNS))
@pytest.mark.parametrize("owned", [False, True])
def test_column_groups_equal_cell_by_cell_grouping(name: str, owned: bool) -> None:
    series = COLUMNS[name]
    owner_series = pd.Series(["P", "Q", "Q", "P", None, "P", "Q"], dtype=object) if owned else None
    values, texts, _ = column_texts(series)
    owners = column_texts(owner_series)[1] if owner_series is not None else None
    expected_groups, expected_typed = _cell_by_cell(series.tolist(),
                                                    owner_series.tolist() if owner_series is not None else None)
    groups = group_rows(texts, owners)
    assert list(groups.items()) == list(expected_groups.items())  # same groups, same order, same rows
    assert typed_texts(values, texts) == expected_typed


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_column_checked_by_type_only_when_every_cell_is_checkable(name: str) -> None:
    series = COLUMNS[name]
    if all_checkable(series):
        assert all(checkable(v) for v in series.tolist())


def test_text_column_rebuilt_by_groups_equals_cell_by_cell() -> None:
    for series in (COLUMNS["text"], COLUMNS["str dtype"]):
        groups = group_rows(column_texts(series)[1], None)
        redacted = [(tuple(rows), text if text == "Bob" else f"P-{text.strip()}") for (text, _), rows in groups.items()]
        by_cell = column_back(series, {row: text for rows, text in redacted for row in rows}, whole_column_text=False)
        pd.testing.assert_series_equal(_column_back(series, redacted, False), by_cell)
        unchanged = [(tuple(rows), text) for (text, _), rows in groups.items()]
        assert _column_back(series, unchanged, False) is series  # nothing changed: the column as it was


def test_redacted_table_equals_each_row_redacted_alone(shield: Any, tmp_path: Path) -> None:
    """Byte for byte, the whole table's output is its rows' outputs redacted one at a time:
    grouping cells across rows changes nothing."""
    people = [("Ioana Popescu", "RO49AAAA1B31007593840000"), ("Marius Stan", "GB82WEST12345698765432"),
              ("Elena Dumitru", "DE89370400440532013000"), ("Mihai Georgescu", "GB33BUKB20201555555555")]
    references = ["rent", "invoice 12", "call +40 731 222 333", "rent", "transfer"]
    header = "sender_name,sender_iban,receiver_name,receiver_iban,amount,booking_date,reference,internal_note"
    rows = []
    for n in range(14):
        sender, receiver = people[n % 4], people[(n * 3 + 1) % 4]
        rows.append(f"{sender[0]},{sender[1]},{receiver[0]},{receiver[1]},{n * 7.5:.2f},2026-03-{1 + n:02d},"
                    f"{references[n % 5]},note {n}")
    whole, _ = redact_one(shield, tmp_path / "whole", "t.csv", ("\n".join([header, *rows]) + "\n").encode())
    alone = [redact_one(shield, tmp_path / f"row{n}", "t.csv", f"{header}\n{row}\n".encode())[0]
             for n, row in enumerate(rows)]
    lines = whole.decode().splitlines()
    assert len(lines) == len(rows) + 1
    for n, single in enumerate(alone):
        assert lines[n + 1] == single.decode().splitlines()[1], f"row {n + 1} differs"
