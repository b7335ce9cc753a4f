"""Table columns are cut into segments and rebuilt a column at a time, through one group code
per row (issue 11): the result must be exactly what the cell-by-cell way gave. Each test
builds its own tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimshield.formats.table.cell_groups import all_checkable
from victimshield.formats.table.cells import cell_text, checkable, column_back, typed_kind
from victimshield.formats.table.column_codes import ColumnGroups, column_groups, first_rows, rebuilt, text_codes

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


def _groups_of(grouped: ColumnGroups) -> dict[tuple[str, str | None], list[int]]:
    """The (text, owner) -> rows view of a column's codes, blank groups left out (they make no segment)."""
    rows = grouped.rows()
    owners = grouped.owners or (None,) * len(grouped.texts)
    return {(text, owners[n]): rows[n] for n, text in enumerate(grouped.texts) if text is not None and text.strip()}


@pytest.mark.parametrize("name", sorted(COLUMNS))
@pytest.mark.parametrize("owned", [False, True])
def test_column_groups_equal_cell_by_cell_grouping(name: str, owned: bool) -> None:
    series = COLUMNS[name]
    owner_series = pd.Series(["P", "Q", "Q", "P", None, "P", "Q"], dtype=object) if owned else None
    expected_groups, expected_typed = _cell_by_cell(series.tolist(),
                                                    owner_series.tolist() if owner_series is not None else None)
    text = text_codes(series)
    grouped = column_groups(text, text_codes(owner_series) if owner_series is not None else None)
    assert list(_groups_of(grouped).items()) == list(expected_groups.items())  # same groups, order and rows
    assert dict(text.typed) == expected_typed
    for group, first in enumerate(grouped.first.tolist()):
        assert grouped.rows()[group][0] == first  # the locator's row is the group's first


@given(st.lists(st.sampled_from(["Ana", "Bob", "", " ", "Cy", "40723456789"]), max_size=40),
       st.lists(st.sampled_from(["P", "Q", ""]), min_size=40, max_size=40))
def test_owned_text_groups_equal_cell_by_cell_for_any_column(values: list[str], owners: list[str]) -> None:
    series, owner_series = pd.Series(values, dtype="str"), pd.Series(owners[:len(values)], dtype="str")
    expected, _ = _cell_by_cell(values, owners[:len(values)])
    grouped = column_groups(text_codes(series), text_codes(owner_series))
    assert list(_groups_of(grouped).items()) == list(expected.items())


@given(st.lists(st.integers(0, 5), max_size=60))
def test_first_rows_are_where_each_code_first_appears(raw: list[int]) -> None:
    codes = pd.factorize(np.asarray(raw, dtype=np.int64))[0]  # numbered in order of first appearance
    assert first_rows(codes).tolist() == [raw.index(v) for v in dict.fromkeys(raw)]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_column_checked_by_type_only_when_every_cell_is_checkable(name: str) -> None:
    series = COLUMNS[name]
    if all_checkable(series):
        assert all(checkable(v) for v in series.tolist())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_column_rebuilt_by_groups_equals_cell_by_cell(name: str) -> None:
    series = COLUMNS[name]
    grouped = column_groups(text_codes(series), None)
    rows = grouped.rows()
    redacted = {n: t if t in ("Bob", "x") else f"P-{t.strip()}"
                for n, t in enumerate(grouped.texts) if t is not None and t.strip()}
    by_cell = column_back(series, {row: text for n, text in redacted.items() for row in rows[n]},
                          whole_column_text=False)
    pd.testing.assert_series_equal(rebuilt(series, grouped, redacted, whole_column_text=False), by_cell)
    unchanged = {n: t for n, t in enumerate(grouped.texts) if t is not None and t.strip()}
    assert rebuilt(series, grouped, unchanged, whole_column_text=False) is series  # the column as it was


def test_categorical_column_keeps_its_redacted_texts() -> None:
    """A dictionary-encoded Parquet column reads as categories: a redacted text is none of
    them, and must not become an empty cell."""
    series = pd.Series(["Ana", "Bob", "Ana", None], dtype="category")
    back = column_back(series, {0: "P-1", 2: "P-1"}, whole_column_text=False)
    assert back.tolist()[:3] == ["P-1", "Bob", "P-1"] and pd.isna(back.tolist()[3])
    assert isinstance(back.dtype, pd.CategoricalDtype)


def test_prepare_reuses_the_reads_column_codes(shield: Any, tmp_path: Path) -> None:
    """Each column is hashed once per read: ``prepare`` takes the read's codes, not new ones."""
    from victimshield.formats import prepare_document, read_document

    source = tmp_path / "t.csv"
    source.write_text("sender_name,sender_iban,reference\nIoana Popescu,RO49AAAA1B31007593840000,rent\n",
                      encoding="utf-8")
    document = read_document(source, "input 1")
    prepared = prepare_document(document, shield.policy.columns, lambda segments: [[] for _ in segments])
    assert prepared.layout.texts, "the prepared layout lost its column codes"
    for place, codes in prepared.layout.texts.items():
        assert codes is document.layout.texts[place], f"column {place[1] + 1} was hashed again"


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
