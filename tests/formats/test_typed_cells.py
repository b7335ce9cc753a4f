"""Issue 8: typed cells (numbers, dates, datetimes, durations, bools) in XLSX, Parquet, JSONL
and JSON are read, redacted and verified like text; nothing from the evidence names a
sheet, column or field in a locator or a note."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from victimshield.formats import read_document

from .planted import SUSPECT_PHONE, assert_clean, assert_contains, assert_true, folder_leaks


def _redact_folder(shield, tmp_path: Path, name: str, data: bytes):
    source = tmp_path / "in"
    source.mkdir(parents=True, exist_ok=True)
    (source / name).write_bytes(data)
    report = shield.redact_paths([source], tmp_path / "out")
    return report, tmp_path / "out"


def roster_workbook() -> bytes:
    """A roster with the victims' identifiers as typed cells, in a sheet named after one, under
    headers that are names and numbers."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ioana Popescu"
    sheet.append(["who", "Elena Dumitru", "born", 40731222333, "amount"])
    sheet.append(["a", 40723456789, dt.datetime(2010, 2, 3), 1.5, 200.25])
    sheet.append(["b", 40745111222.0, dt.date(1990, 5, 6), True, -3000.5])
    sheet.append(["c", SUSPECT_PHONE, dt.datetime(2026, 3, 1, 10, 30), False, 12.0])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_typed_xlsx_cells_sheet_names_and_headers_do_not_leave(shield, tmp_path: Path) -> None:
    report, out = _redact_folder(shield, tmp_path, "roster.xlsx", roster_workbook())
    assert not folder_leaks(out), folder_leaks(out)
    (output,) = [p for p in out.iterdir() if p.suffix == ".xlsx"]
    frame = pd.read_excel(output, sheet_name=0)
    assert frame.shape == (3, 5), "rows and columns kept"
    assert frame.iloc[2, 1] == SUSPECT_PHONE, "a suspect's number stays, as a number"
    assert frame.iloc[:, 4].tolist() == [200.25, -3000.5, 12.0], "amounts stay numbers"
    notes = " ".join(report.files[0].notes)
    assert_contains(
        notes, "sheet 1, column 2 (numbers): where a value must change, that cell is written as text", "notes"
    )
    assert_clean(json.dumps(report.manifest), "manifest")


def test_typed_parquet_cells_do_not_leave_and_keep_one_type_per_column(shield, tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "who": ["a", "b", "c"],
        "phone": [40723456789, 40745111222, SUSPECT_PHONE],
        "phone_f": [40731222333.0, 1.5, 2.0],
        "born": pd.to_datetime(["2010-02-03", "1990-05-06", "1985-01-01"]),
        "day": [dt.date(2010, 2, 3), dt.date(2020, 1, 1), dt.date(2020, 1, 2)],
        "amount": [1.25, 2.5, 3.75],
    })
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow", index=False)
    report, out = _redact_folder(shield, tmp_path, "t.parquet", buffer.getvalue())
    assert not folder_leaks(out), folder_leaks(out)
    back = pd.read_parquet(next(out.glob("*.parquet")))
    assert back.shape == frame.shape
    assert back["amount"].tolist() == frame["amount"].tolist() and back["amount"].dtype == frame["amount"].dtype
    assert back["phone"].tolist()[2] == str(SUSPECT_PHONE), "the column turned to text keeps the suspect's number"
    assert any("column 2 (numbers):" in n and "whole column is written as text" in n for n in report.files[0].notes)


def test_typed_jsonl_values_do_not_leave(shield, tmp_path: Path) -> None:
    rows = [
        {"who": "a", "phone": 40723456789, "score": 0.5},
        {"who": "b", "phone": SUSPECT_PHONE, "score": 40745111222.0},
        {"who": "c", "phone": 1, "score": 2.5},
    ]
    data = "\n".join(json.dumps(r) for r in rows).encode() + b"\n"
    _, out = _redact_folder(shield, tmp_path, "t.jsonl", data)
    assert not folder_leaks(out), folder_leaks(out)
    back = [json.loads(line) for line in next(out.glob("*.jsonl")).read_text().splitlines()]
    assert len(back) == 3 and back[1]["phone"] == SUSPECT_PHONE and back[2]["score"] == 2.5


def test_date_of_birth_generalised_to_year_keeps_the_date_type(case_dir: Path, tmp_path: Path) -> None:
    import victimshield as vs

    from .conftest import KEY

    policy = tmp_path / "dob.yaml"
    policy.write_text(f"extends: {case_dir / 'policy.yaml'}\npolicy: dob\nroles:\n  minor:\n    default: redact\n"
                      "    PERSON: pseudonymize\n    DATE_OF_BIRTH: {action: generalize, to: year}\n")
    shield = vs.Shield.from_files(policy, "GB", roster=case_dir / "roster.yaml", key=KEY,
                                  options=vs.Options(as_of=dt.date(2026, 3, 20)))
    frame = pd.DataFrame({"who": ["a", "b"], "born": pd.to_datetime(["2010-02-03", "1990-05-06"])})
    out = shield.redact_frame(frame)
    assert out["born"].dtype == frame["born"].dtype
    assert_true(out["born"].tolist() == [pd.Timestamp("2010-01-01"), pd.Timestamp("1990-05-06")],
                "a date of birth kept to its year is 1 January of that year; other dates stay")


def test_verify_checks_typed_cells(shield, tmp_path: Path) -> None:
    """An output whose float and date cells still hold a victim's phone and date of birth fails verification."""
    folder = tmp_path / "claimed-clean"
    folder.mkdir()
    frame = pd.DataFrame({"who": ["a", "b"], "phone": [40723456789.0, 2.5],
                          "born": pd.to_datetime(["2010-02-03", "1999-09-09"])})
    frame.to_parquet(folder / "t.parquet", index=False)
    leaks = shield.verify_paths(folder)
    kinds = {(leak.entity_type, leak.role) for leak in leaks}
    assert ("DATE_OF_BIRTH", "minor") in kinds, kinds
    assert any(leak.entity_type == "PHONE_NUMBER" for leak in leaks), kinds
    assert_clean(" ".join(leak.describe() for leak in leaks), "verification findings")


def test_generic_json_numbers_are_leaves(shield, tmp_path: Path) -> None:
    data = json.dumps({"case": {"victim_phone": 40723456789, "suspect_phone": SUSPECT_PHONE, "count": 3,
                                "ratio": 0.25, "flag": True}}).encode()
    _, out = _redact_folder(shield, tmp_path, "c.json", data)
    assert not folder_leaks(out), folder_leaks(out)
    back = json.loads(next(p for p in out.glob("*.json") if p.name != "manifest.json").read_text())
    assert back["case"]["suspect_phone"] == SUSPECT_PHONE and back["case"]["count"] == 3
    assert back["case"]["ratio"] == 0.25 and back["case"]["flag"] is True
    assert isinstance(back["case"]["victim_phone"], str)


def test_json_keys_are_redacted_and_verified(shield, tmp_path: Path) -> None:
    source = {"contacts": {"Ioana Popescu": {"phone": "+40 723 456 789"}, "Marius Stan": {"phone": "+40 766 987 654"},
                           "Mihai Georgescu": {"phone": "x"}}}
    _report, out = _redact_folder(shield, tmp_path, "c.json", json.dumps(source, indent=1).encode())
    assert not folder_leaks(out), folder_leaks(out)
    back = json.loads(next(p for p in out.glob("*.json") if p.name != "manifest.json").read_text())
    keys = list(back["contacts"])
    assert len(keys) == 3 and keys[1] == "Marius Stan", "order kept, the suspect's name stays"
    assert_true(keys[0].startswith("VICTIM-") and keys[2].startswith("WITNESS-"), "keys pseudonymized by role")
    assert back["contacts"]["Marius Stan"] == {"phone": "+40 766 987 654"}
    # verify reads keys too: the input itself, as an output, fails
    leaks = shield.verify_paths(tmp_path / "in")
    assert {leak.entity_type for leak in leaks} >= {"PERSON"}
    described = " ".join(leak.describe() for leak in leaks)
    assert_contains(described, "field 1.1 (key)", "verification findings")
    assert_clean(described, "verification findings")


def test_telegram_contacts_keyed_by_name(shield, tmp_path: Path) -> None:
    source = {"contacts": {"Ioana Popescu": {"phone_number": "x"}}, "chats": {"list": []}}
    _, out = _redact_folder(shield, tmp_path, "result.json", json.dumps(source).encode())
    assert not folder_leaks(out), folder_leaks(out)
    assert list(json.loads(next(p for p in out.glob("*.json") if p.name != "manifest.json").read_text())) == [
        "contacts",
        "chats",
    ]


def test_json_keys_that_would_collide_are_refused(tmp_path: Path, case_dir: Path) -> None:
    from typer.testing import CliRunner

    from victimshield.cli import app

    from .conftest import KEY

    source = tmp_path / "in"
    source.mkdir()
    (source / "c.json").write_text(json.dumps({"people": {"Ioana Popescu": 1, "Ionela": 2}}))
    key = tmp_path / "case.key"
    key.write_bytes(KEY.hex().encode())
    key.chmod(0o600)  # owner-only, as `key new` writes it
    key.chmod(0o600)
    result = CliRunner().invoke(app, ["redact", str(source), "--policy", str(case_dir / "policy.yaml"), "--to", "GB",
                                      "--roster", str(case_dir / "roster.yaml"), "--key-file", str(key),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert_contains(result.output, "keys 1 and 2", "error")
    assert_clean(result.output, "error")
    assert not (tmp_path / "out").exists()


def test_locators_name_json_fields_by_index_path(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"meta": 1, "Ioana Popescu": {"Elena Dumitru": "x", "list": ["y", 40723456789]}}))
    described = [s.locator.describe() for s in read_document(path, "input 1").segments]
    for expected in ("input 1, field 2.1", "input 1, field 2.2.2", "input 1, field 2 (key)"):
        assert_contains(described, expected, "locators")
    assert_clean(" ".join(described), "locators")
    assert_true("meta" not in " ".join(described), "no key in a locator")


def test_table_locators_and_notes_name_positions_only(shield, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Mihai Georgescu"
    book.active.append(["Elena Dumitru", "internal_note"])
    book.active.append(["x", "y"])
    buffer = io.BytesIO()
    book.save(buffer)
    report, _out = _redact_folder(shield, tmp_path, "b.xlsx", buffer.getvalue())
    assert_contains(report.files[0].notes, "sheet 1, column 2: dropped by policy", "notes")
    assert_clean(json.dumps(report.manifest), "manifest")
    document = read_document(tmp_path / "in" / "b.xlsx", "input 1")
    described = " ".join(s.locator.describe() for s in document.segments)
    assert_contains(described, "sheet 1 name", "locators")
    assert_contains(described, "sheet 1 header", "locators")
    assert_clean(described, "locators")


def test_jsonl_keys_that_would_collide_are_refused(shield, tmp_path: Path) -> None:
    import victimshield as vs

    data = b'{"Ioana Popescu": 1, "Ionela": 2}\n'
    with pytest.raises(vs.InputError) as caught:
        _redact_folder(shield, tmp_path, "t.jsonl", data)
    assert caught.value.exit_code == 3
    assert_contains(str(caught.value), "columns 1 and 2", "error")
    assert_clean(str(caught.value), "error")
    assert not (tmp_path / "out").exists()
