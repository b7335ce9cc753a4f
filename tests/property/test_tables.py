"""Issue 8 properties: CSV, TSV, XLSX, Parquet and JSON Lines, every position.

Cells of every dtype (text, int, float, date, datetime; a bool column rides along),
headers, sheet names and Parquet schema metadata; one test per (format, position).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .case import ANY_FIELD, pool, typed_plants
from .conftest import HEAVY
from .harness import params, property_problems

CASES = {
    ("csv", "text cell"): pool(*ANY_FIELD),
    ("csv", "header"): pool(*ANY_FIELD),
    ("tsv", "text cell"): pool(*ANY_FIELD),
    ("tsv", "header"): pool(*ANY_FIELD),
    ("xlsx", "text cell"): pool(*ANY_FIELD),
    ("xlsx", "int cell"): typed_plants("int"),
    ("xlsx", "float cell"): typed_plants("float"),
    ("xlsx", "date cell"): typed_plants("date"),
    ("xlsx", "datetime cell"): typed_plants("datetime"),
    ("xlsx", "header"): pool(*ANY_FIELD),
    ("xlsx", "sheet name"): pool(*ANY_FIELD, name_safe=True),
    ("parquet", "text cell"): pool(*ANY_FIELD),
    ("parquet", "int cell"): typed_plants("int"),
    ("parquet", "float cell"): typed_plants("float"),
    ("parquet", "date cell"): typed_plants("date"),
    ("parquet", "datetime cell"): typed_plants("datetime"),
    ("parquet", "header"): pool(*ANY_FIELD),
    ("parquet", "schema metadata"): pool(*ANY_FIELD),
    ("jsonl", "string value"): pool(*ANY_FIELD),
    ("jsonl", "int value"): typed_plants("int"),
    ("jsonl", "float value"): typed_plants("float"),
    ("jsonl", "key"): pool(*ANY_FIELD),
}
XFAIL: dict[tuple[str, str], str] = {}  # every position holds since issue 8's fixes



@pytest.mark.parametrize(("kind", "position"), params(CASES, XFAIL))
@HEAVY
@given(data=st.data())
def test_no_victim_value_survives_and_structure_holds(shield, case, kind: str, position: str, data) -> None:
    problems = property_problems(shield, case, data, kind, position, CASES[(kind, position)])
    assert not problems, "; ".join(problems)
