"""``TableFormat.read_prepared`` (what a streamed CSV's every part is read with, twice) gives
the document ``read`` then ``prepare`` gives, without cutting every column as free text first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from victimshield.formats import prepare_document
from victimshield.formats.table import TableFormat

# Columns the policy names (a name, an account it owns, kept, dropped, free text) and two it
# does not: phones (sampled as a type) and notes (free text); a value repeats, a cell is empty.
CSV = (
    "sender_name,sender_iban,amount,internal_note,reference,contact,remark\n"
    "Ioana Popescu,RO49AAAA1B31007593840000,10.50,seen by Ionela,rent,+40 723 456 789,met Marius Stan\n"
    "Marius Stan,GB82WEST12345698765432,99.00,,food,+40 766 987 654,\n"
    "Ioana Popescu,RO49AAAA1B31007593840000,10.50,x,rent,+40 723 456 789,call Ionela\n"
)


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_read_prepared_is_read_then_prepare(shield: Any, tmp_path: Path, suffix: str) -> None:
    data = (CSV if suffix == ".csv" else CSV.replace(",", "\t")).encode("utf-8")
    path = tmp_path / f"statement{suffix}"
    path.write_bytes(data)
    fmt = TableFormat()
    detect = shield._pipeline.detect
    rules = shield.policy.columns
    expected = prepare_document(fmt.read(path, "input 1", data), rules, detect)
    got = fmt.read_prepared(path, "input 1", data, rules, detect)
    assert got.segments == expected.segments
    assert got.notes == expected.notes
    assert (got.layout.cells, got.layout.dropped, got.layout.options) == (
        expected.layout.cells, expected.layout.dropped, expected.layout.options)
    assert got.layout.texts.keys() == expected.layout.texts.keys()
    assert got.layout.groups.keys() == expected.layout.groups.keys()
    texts = [s.text[::-1] for s in got.segments]  # any change, written back alike
    assert fmt.write(got, texts) == fmt.write(expected, texts)
