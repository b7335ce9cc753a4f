"""SWIFT MT940 statements: free text in :86: redacted, tags, amounts and dates kept."""

from __future__ import annotations

from pathlib import Path

from victimshield.formats import read_document

from .conftest import assert_no_leaks, redact_one

STATEMENT = (
    ":20:STMT-0001\r\n"
    ":25:GB82WEST12345698765432\r\n"
    ":28C:00001/001\r\n"
    ":60F:C260301EUR1000,00\r\n"
    ":61:2603020302D200,00NTRFNONREF//B1\r\n"
    ":86:TRANSFER TO IOANA POPESCU RO49AAAA1B31007593840000\r\n"
    "REF rent Ionela +40 723 456 789\r\n"
    ":61:2603030303C150,25NTRFNONREF\r\n"
    ":86:FROM ADRIAN VLAD\r\n"
    ":62F:C260303EUR950,25\r\n"
    "-\r\n"
)


def test_mt940_segments_and_round_trip(shield, tmp_path: Path) -> None:
    path = tmp_path / "statement.sta"
    path.write_bytes(STATEMENT.encode())
    document = read_document(path, "statement.sta")
    assert document.format == "mt940"
    assert [s.locator.field for s in document.segments] == [":25:", ":86:", ":86:"]
    out, _ = redact_one(shield, tmp_path, "statement.sta", STATEMENT.encode())
    text = out.decode()
    assert_no_leaks(text, "mt940 output")
    kept = [ln for ln in STATEMENT.split("\r\n") if ln.startswith((":20:", ":28C:", ":60F:", ":61:", ":62F:", "-"))]
    for line in kept:
        assert line + "\r\n" in text
    assert ":25:GB82WEST12345698765432\r\n" in text  # the suspect's account
    assert "ADRIAN VLAD" in text


def test_mt940_in_a_txt_file_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(STATEMENT.encode())
    assert read_document(path, "export.txt").format == "mt940"
