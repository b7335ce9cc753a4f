"""Issue 8, as properties: random tables and JSON trees with the victims' identifiers planted
in every position the format has (typed cells of every dtype, headers, sheet names, object
keys, numeric leaves). After redaction none is anywhere in the output or the manifest, and
the structure is the same; or the run is refused with exit 3 (two keys that would collide)."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import victimshield as vs

from .planted import assert_clean, assert_contains, assert_true, folder_leaks

PLANTED_TEXT = ["Ioana Popescu", "Elena Dumitru", "Mihai Georgescu", "call Ionela", "+40 723 456 789"]
PLANTED_NUMBERS = [40723456789, 40745111222, 40731222333]
NEUTRAL_WORDS = ["rent", "blue", "table", "north", "apple"]
SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Strategies draw positions in these pools, never the values: a failing example is printed
# (by hypothesis) as numbers only.
KEY_POOL: list[str] = NEUTRAL_WORDS + PLANTED_TEXT[:3]
LEAF_POOL: list[Any] = NEUTRAL_WORDS + PLANTED_TEXT + PLANTED_NUMBERS + [7, 999, 0.5, 12.25, True, False, None]
positions = st.recursive(st.integers(0, len(LEAF_POOL) - 1),
                         lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                 st.dictionaries(st.integers(0, len(KEY_POOL) - 1), inner, max_size=3)),
                         max_leaves=12)


def _tree(node: Any) -> Any:
    if isinstance(node, dict):
        return {KEY_POOL[k]: _tree(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_tree(v) for v in node]
    return LEAF_POOL[node]


def _shape(node: Any) -> Any:
    if isinstance(node, dict):
        return ("object", len(node), [_shape(v) for v in node.values()])
    if isinstance(node, list):
        return ("array", [_shape(v) for v in node])
    return "leaf"


def _redact(shield: vs.Shield, folder: Path, name: str, data: bytes) -> tuple[Path, vs.Report | None, str]:
    (folder / "in").mkdir()
    (folder / "in" / name).write_bytes(data)
    try:
        return folder / "out", shield.redact_paths([folder / "in"], folder / "out"), ""
    except vs.InputError as error:
        assert error.exit_code == 3
        return folder / "out", None, str(error)


@SETTINGS
@given(drawn=st.dictionaries(st.integers(0, len(KEY_POOL) - 1), positions, min_size=1, max_size=4))
def test_json_with_planted_keys_and_numbers_leaks_nothing(shield, drawn: dict[int, Any]) -> None:
    tree = _tree(drawn)
    with tempfile.TemporaryDirectory() as temporary:
        out, report, error = _redact(shield, Path(temporary), "d.json", json.dumps(tree).encode())
        if report is None:
            assert_contains(error, "would be the same after redaction", "error")
            assert_clean(error, "error")
            assert not out.exists()
            return
        assert not folder_leaks(out), folder_leaks(out)
        written = json.loads(next(p for p in out.glob("*.json") if p.name != "manifest.json").read_text())
    assert _shape(written) == _shape(tree)


columns = st.sampled_from(["int", "float", "date", "text", "bool"])


def _column(kind: str, planted: bool, rows: int) -> list[Any]:
    base: dict[str, list[Any]] = {
        "int": [PLANTED_NUMBERS[0], 7, 8, 9], "float": [float(PLANTED_NUMBERS[1]), 0.5, 1.25, 2.0],
        "date": [dt.datetime(2010, 2, 3), dt.datetime(1999, 1, 2), dt.datetime(2001, 5, 6), dt.datetime(2020, 1, 1)],
        "text": ["Ioana Popescu", "rent", "blue", "north"], "bool": [True, False, True, False],
    }
    values = base[kind] if planted else base[kind][1:] + base[kind][1:2]
    return values[:rows]


@SETTINGS
@given(kinds=st.lists(columns, min_size=1, max_size=4), planted=st.lists(st.booleans(), min_size=4, max_size=4),
       header_planted=st.booleans(), rows=st.integers(1, 4), form=st.sampled_from(["xlsx", "parquet", "jsonl"]))
def test_tables_with_planted_typed_cells_leak_nothing(shield, kinds, planted, header_planted, rows, form) -> None:
    headers = [f"c{i}" for i in range(len(kinds))]
    if header_planted:
        headers[0] = "Mihai Georgescu"
    frame = pd.DataFrame({h: _column(k, p, rows) for h, k, p in zip(headers, kinds, planted, strict=False)})
    buffer = io.BytesIO()
    if form == "xlsx":
        frame.to_excel(buffer, sheet_name="Elena Dumitru", index=False)
    elif form == "parquet":
        frame.to_parquet(buffer, index=False)
    else:
        # JSON has no date type: a date goes as its ISO date text. (An ISO timestamp text,
        # "2010-02-03T00:00:00", is the roster matcher's to find: see the report of this branch.)
        texts = frame.apply(lambda c: c.dt.strftime("%Y-%m-%d") if c.dtype.kind == "M" else c)
        buffer.write(texts.to_json(orient="records", lines=True).encode())
    with tempfile.TemporaryDirectory() as temporary:
        out, report, _error = _redact(shield, Path(temporary), f"t.{form}", buffer.getvalue())
        assert_true(report is not None, "a table is never refused here")
        assert not folder_leaks(out), folder_leaks(out)
        written = next(p for p in out.iterdir() if p.name != "manifest.json")
        back = {"xlsx": lambda p: pd.read_excel(p), "parquet": pd.read_parquet,
                "jsonl": lambda p: pd.read_json(p, lines=True, dtype=False)}[form](written)
    assert back.shape == frame.shape
