"""Transaction tables: CSV, XLSX, Parquet, JSONL files and DataFrames, with policy column rules."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import victimshield as vs

from .conftest import assert_no_leaks, pseudonyms, redact_one

UNKNOWN_IBAN = "DE89370400440532013000"  # valid checksum, in no roster


def transactions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "booking_date": pd.to_datetime(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]),
            "sender_name": ["Ioana Popescu", "Marius Stan", "Marius Stan", "Mihai Georgescu"],
            "sender_iban": [
                "RO49AAAA1B31007593840000",
                "GB82WEST12345698765432",
                UNKNOWN_IBAN,
                "RO09BCYP0000001234567890",
            ],
            "receiver_name": ["Marius Stan", "Ioana Popescu", "Adrian Vlad", "Marius Stan"],
            "receiver_iban": [
                "GB82WEST12345698765432",
                "RO49 AAAA 1B31 0075 9384 0000",
                "GB33BUKB20201555555555",
                "GB82WEST12345698765432",
            ],
            "amount": [200.0, -3000.5, 150.25, 99.0],
            "count": [1, 2, 3, 4],
            "reference": ["debt Ionela", "rent", "car for Adrian", "call +40 731 222 333"],
            "contact": ["+40 723 456 789", "+40 766 987 654", "+40 745 111 222", "+44 7700 900123"],
            "internal_note": ["x", "y", "z", "w"],
        }
    )


def test_redact_frame_applies_column_rules_and_owners(shield) -> None:
    frame = transactions()
    before = frame.copy(deep=True)
    out = shield.redact_frame(frame)
    pd.testing.assert_frame_equal(frame, before)  # the caller's frame is untouched
    assert list(out.columns) == [c for c in frame.columns if c != "internal_note"]
    assert len(out) == len(frame)
    for column in ("booking_date", "amount", "count"):
        assert out[column].dtype == frame[column].dtype
        assert out[column].tolist() == frame[column].tolist()
    assert_no_leaks(out.to_csv(index=False), "redacted frame")
    # a suspect's account stays beside a victim's that goes
    assert out.loc[0, "receiver_iban"] == "GB82WEST12345698765432"
    assert out.loc[0, "sender_iban"] != "RO49AAAA1B31007593840000"
    # an account no roster knows goes the way its holder (owner column) goes
    assert out.loc[2, "sender_iban"] == UNKNOWN_IBAN
    assert out.loc[3, "sender_iban"] != "RO09BCYP0000001234567890"
    assert out.loc[1, "sender_name"] == "Marius Stan" and out.loc[0, "sender_name"].startswith("VICTIM-")
    assert out.loc[0, "sender_name"] == out.loc[1, "receiver_name"]
    assert out.loc[1, "contact"] == "+40 766 987 654"  # sampled as phone numbers; the suspect's stays


def test_column_rules_merge_through_extends(case_dir: Path, tmp_path: Path) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {case_dir / 'policy.yaml'}\npolicy: child\ncolumns:\n  amount: text\n  memo: drop\n")
    policy = vs.load_policy(child)
    assert policy.columns["amount"].treat == "text"
    assert policy.columns["memo"].treat == "drop"
    assert policy.columns["sender_iban"].owner == "sender_name"


def test_bad_column_rule_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("extends: baseline\npolicy: bad\nfrom: RO\nto: [GB]\nlegal_basis: x\nhandling: TLP:AMBER\n"
                    "columns:\n  a: NOT_A_TYPE\n  b: {treat: keep, owner: a}\n")
    with pytest.raises(vs.PolicyError) as caught:
        vs.load_policy(path)
    assert "columns.a" in str(caught.value) and "columns.b" in str(caught.value)


def _csv_bytes() -> bytes:
    frame = transactions()
    frame["booking_date"] = frame["booking_date"].dt.strftime("%d.%m.%Y")
    return frame.to_csv(index=False, sep=";").encode("utf-8")


def test_csv_file_round_trip(shield, tmp_path: Path) -> None:
    data = _csv_bytes()
    out, report = redact_one(shield, tmp_path, "statement.csv", data)
    original = pd.read_csv(io.BytesIO(data), sep=";", dtype=str)
    redacted = pd.read_csv(io.BytesIO(out), sep=";", dtype=str)
    assert len(redacted) == len(original)
    assert list(redacted.columns) == [c for c in original.columns if c != "internal_note"]
    assert redacted["amount"].tolist() == original["amount"].tolist()  # text kept exactly ("-3000.5")
    assert redacted["booking_date"].tolist() == original["booking_date"].tolist()
    assert_no_leaks(out.decode(), "csv output")
    assert "column 10: dropped by policy" in report.files[0].notes  # by position, not by header


def test_xlsx_and_parquet_keep_dtypes(shield, tmp_path: Path) -> None:
    frame = transactions()
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="March", index=False)
        frame.head(1).to_excel(writer, sheet_name="Ioana Popescu", index=False)
    out, _ = redact_one(shield, tmp_path / "x", "book.xlsx", buffer.getvalue())
    sheets = pd.read_excel(io.BytesIO(out), sheet_name=None, engine="openpyxl")
    assert len(sheets) == 2 and "March" in sheets
    march = sheets["March"]
    assert march["amount"].dtype == frame["amount"].dtype and march["amount"].tolist() == frame["amount"].tolist()
    assert_no_leaks(march.to_csv(index=False), "xlsx sheet")
    parquet = io.BytesIO()
    frame.to_parquet(parquet, engine="pyarrow")
    out, _ = redact_one(shield, tmp_path / "p", "tx.parquet", parquet.getvalue())
    back = pd.read_parquet(io.BytesIO(out), engine="pyarrow")
    assert len(back) == len(frame)
    for column in ("booking_date", "amount", "count"):
        assert back[column].dtype == frame[column].dtype
    assert_no_leaks(back.to_csv(index=False), "parquet output")


def test_xlsx_sheet_names_are_redacted(shield, tmp_path: Path) -> None:
    frame = transactions().head(1)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Ioana Popescu", index=False)
    out, _ = redact_one(shield, tmp_path, "book.xlsx", buffer.getvalue())
    names = list(pd.read_excel(io.BytesIO(out), sheet_name=None))
    assert_no_leaks(" ".join(names), "sheet names")


def test_chat_table_jsonl(shield, tmp_path: Path) -> None:
    frame = pd.DataFrame({"timestamp": ["2026-03-12T21:04:00", "2026-03-12T21:05:00"],
                          "sender": ["Ioana Popescu", "Bossu"],
                          "text": ["help me, call Mihai Georgescu", "pay GB82WEST12345698765432"]})
    data = frame.to_json(orient="records", lines=True).encode()
    out, _ = redact_one(shield, tmp_path, "chat.jsonl", data)
    back = pd.read_json(io.BytesIO(out), lines=True, dtype=False)
    assert back["timestamp"].tolist() == frame["timestamp"].tolist()
    assert back.loc[1, "sender"] == "Bossu"
    assert_no_leaks(out.decode(), "jsonl output")
    assert pseudonyms(back.loc[0, "sender"])


@pytest.mark.parametrize("name, data", [
    ("broken.xlsx", b"PK\x03\x04 not really a workbook"),
    ("broken.parquet", b"PAR1 truncated"),
    ("ragged.csv", b'a,b\n1,2\n"unterminated,3\n'),
])
def test_malformed_tables_are_refused(shield, tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(vs.InputError):
        redact_one(shield, tmp_path, name, data)
    assert not (tmp_path / "out").exists()


def test_csv_with_blank_lead_lines_cr_endings_and_cp1252(shield, tmp_path: Path) -> None:
    data = "\r\r\rDate,Name,Amount\r12/03/26,Ioana Popescu,\"1,000.00\"\r13/03/26,Marius Stan,5.00\r".encode("cp1252")
    data = data.replace(b"Ioana", "Ioána".encode("cp1252")).replace(b"5.00", "5.00 \x80".encode("latin-1"))
    out, _ = redact_one(shield, tmp_path, "export.csv", data)
    assert out.startswith(b"\r\r\rDate,Name,Amount\r")
    text = out.decode("cp1252")
    assert text.count("\r") == data.decode("cp1252").count("\r") and "\n" not in text
    assert '"1,000.00"' in text and "Marius Stan" in text
    assert_no_leaks(text, "cp1252 csv")


def test_locators_never_carry_sheet_names() -> None:
    from victimshield.formats.table.segments import table_segments

    sheets = [("Ioana Popescu", pd.DataFrame({"who": ["x"]})), ("Elena Dumitru", pd.DataFrame({"who": ["y"]}))]
    segments, _, _, _ = table_segments("input 1", sheets, {}, None, kind="xlsx")
    described = " ".join(s.locator.describe() for s in segments)
    assert "Ioana" not in described and "Elena" not in described, "a sheet name reached a locator"
    assert "sheet 2" in described
