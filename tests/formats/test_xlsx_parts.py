"""Issue 8: XLSX outputs are reproducible, keep sheet visibility, carry comments and document
properties redacted, and name in the manifest every part they drop, by position."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

from .planted import assert_clean, assert_contains, assert_true, folder_leaks


def workbook() -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "calls"
    first.append(["who", "note", "total"])
    first.append(["Marius Stan", "paid", 5])
    first.append(["x", "call Mihai Georgescu", 7])
    first["B2"].comment = Comment("Ioana Popescu was there", "Elena Dumitru")
    first["C4"] = '=CONCATENATE("Ioana"," Popescu")'  # a formula without a cached value
    hidden = book.create_sheet("Ioana Popescu")
    hidden.append(["a"])
    hidden.append(["b"])
    hidden.sheet_state = "hidden"
    deep = book.create_sheet("deep")
    deep.append(["c"])
    deep.sheet_state = "veryHidden"
    book.properties.creator = "Elena Dumitru"
    book.properties.title = "Statement of Mihai Georgescu"
    book.properties.keywords = "Ionela"
    book.properties.created = dt.datetime(2026, 1, 2, 3, 4, 5)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _run(shield, tmp_path: Path, data: bytes | None = None):
    source = tmp_path / "in"
    source.mkdir(parents=True, exist_ok=True)
    (source / "w.xlsx").write_bytes(data or workbook())
    report = shield.redact_paths([source], tmp_path / "out")
    return report, next((tmp_path / "out").glob("*.xlsx"))


def test_xlsx_output_is_byte_for_byte_reproducible(shield, tmp_path: Path) -> None:
    data = workbook()  # one input (openpyxl stamps its own save time in it)
    _, first = _run(shield, tmp_path / "one", data)
    _, second = _run(shield, tmp_path / "two", data)
    assert_true(first.read_bytes() == second.read_bytes(), "two runs over one input write the same bytes")
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert_contains(core, "2026-01-02T03:04:05", "the input's own creation date, not the time of the run")


def test_xlsx_hidden_sheets_columns_and_rows_stay_hidden(shield, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook()))
    book.worksheets[0].column_dimensions["C"].hidden = True
    book.worksheets[0].row_dimensions[3].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    _, output = _run(shield, tmp_path, buffer.getvalue())
    book = openpyxl.load_workbook(output)
    assert [sheet.sheet_state for sheet in book.worksheets] == ["visible", "hidden", "veryHidden"]
    assert book.worksheets[0].column_dimensions["C"].hidden and book.worksheets[0].row_dimensions[3].hidden
    assert not book.worksheets[0].column_dimensions["B"].hidden


def test_xlsx_comments_and_properties_are_kept_redacted(shield, tmp_path: Path) -> None:
    report, output = _run(shield, tmp_path)
    assert not folder_leaks(tmp_path / "out"), folder_leaks(tmp_path / "out")
    book = openpyxl.load_workbook(output)
    comment = book.worksheets[0]["B2"].comment
    assert comment is not None
    assert_true(comment.text.endswith(" was there") and comment.text.startswith("VICTIM-"), "comment kept, redacted")
    assert_true(comment.author.startswith("MINOR-"), "comment author redacted")
    assert_true(book.properties.title.startswith("Statement of WITNESS-"), "title redacted")
    assert_true(book.properties.creator.startswith("MINOR-"), "creator redacted")
    assert_contains(
        report.files[0].notes, "sheet 1: 1 formula(s) without a cached value dropped (cells left empty)", "notes"
    )
    assert_clean(json.dumps(report.manifest), "manifest")


def test_xlsx_dropped_parts_are_named_by_position(shield, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook()))
    book.worksheets[0]["A3"].hyperlink = "mailto:ioana.p@example.com"
    book.worksheets[0].merge_cells("A5:B5")
    book.worksheets[1]["A1"] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    source = tmp_path / "in"
    source.mkdir()
    (source / "w.xlsx").write_bytes(buffer.getvalue())
    report = shield.redact_paths([source], tmp_path / "out")
    notes = report.files[0].notes
    for expected in ("sheet 1: 1 hyperlink(s) dropped (their cells' text kept)", "sheet 1: 1 merged range(s) unmerged",
                     "sheet 2: 1 formula(s) without a cached value dropped (cells left empty)"):
        assert_contains(notes, expected, "notes")
    assert not folder_leaks(tmp_path / "out")
