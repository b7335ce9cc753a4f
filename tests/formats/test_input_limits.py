"""Issue 8: inputs built to exhaust memory or the stack are refused (exit 3) before they are
expanded, each refusal naming the input by position and the limit it crossed."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from victimshield.cli import app
from victimshield.formats.base import MAX_NESTING_DEPTH

from .conftest import KEY
from .planted import assert_clean, assert_contains, assert_true


def _small_workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Ioana Popescu"
    book.active.append(["a"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, body: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, body if info.filename == name else source.read(info.filename))
    return out.getvalue()


def grid_bomb() -> bytes:
    """A few KB that lay out 16384 x 1048576 cells: one cell in the last column of the last row."""
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
             b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
    return _with_part(_small_workbook(), "xl/worksheets/sheet1.xml", sheet)


def ratio_bomb() -> bytes:
    """A part that expands a thousand times: 32 MB of blanks inside a workbook of some 40 KB."""
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + b" " * (32 * 1024 * 1024) + b"</sheetData></worksheet>")
    return _with_part(_small_workbook(), "xl/worksheets/sheet1.xml", sheet)


def deep_parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data_type: pa.DataType = pa.int64()
    for _ in range(MAX_NESTING_DEPTH + 5):
        data_type = pa.struct([("x", data_type)])
    value: object = 40723456789
    for _ in range(MAX_NESTING_DEPTH + 5):
        value = {"x": value}
    buffer = io.BytesIO()
    pq.write_table(pa.table({"Ioana Popescu": pa.array([value], type=data_type)}), buffer)
    return buffer.getvalue()


def _redact(tmp_path: Path, case_dir: Path, name: str, data: bytes):
    source = tmp_path / "in"
    source.mkdir()
    (source / name).write_bytes(data)
    key = tmp_path / "case.key"
    key.write_bytes(KEY.hex().encode())
    key.chmod(0o600)  # owner-only, as `key new` writes it
    key.chmod(0o600)
    return CliRunner().invoke(app, ["redact", str(source), "--policy", str(case_dir / "policy.yaml"), "--to", "GB",
                                    "--roster", str(case_dir / "roster.yaml"), "--key-file", str(key),
                                    "--out", str(tmp_path / "out")])


@pytest.mark.parametrize("name, make, limit", [
    ("t.xlsx", grid_bomb, "the limit on cells per workbook"),
    ("t.xlsx", ratio_bomb, "the limit on compression ratio"),
    ("t.json", lambda: b"[" * 900 + b"]" * 900, "the nesting depth limit"),
    ("t.json", lambda: json.dumps({"a": [{"b": 1}] * 3}).encode().replace(b"1", b"[" * 300 + b"]" * 300),
     "the nesting depth limit"),
    ("t.jsonl", lambda: b'{"a": ' + b"[" * 900 + b"]" * 900 + b"}\n", "the nesting depth limit"),
    ("t.parquet", deep_parquet, "the nesting depth limit"),
])
def test_resource_attacks_are_refused_naming_the_limit(tmp_path: Path, case_dir: Path, name, make, limit) -> None:
    result = _redact(tmp_path, case_dir, name, make())
    assert result.exit_code == 3
    assert_contains(result.output, limit, "error")
    assert_true("internal error" not in result.output, "a refusal, not an internal error")
    assert_clean(result.output, "error")
    assert not (tmp_path / "out").exists()


def test_parquet_nested_columns_are_refused(tmp_path: Path, case_dir: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"who": ["a"], "phones": [[40723456789]]}), buffer)
    result = _redact(tmp_path, case_dir, "t.parquet", buffer.getvalue())
    assert result.exit_code == 3
    assert_contains(result.output, "column 2 holds nested values", "error")
    assert not (tmp_path / "out").exists()
