"""Numbers that are not identifiers stay: amounts, pieces of codes, references, timestamps.
Real phone numbers, with or without a context word, are still found."""

from __future__ import annotations

import pytest

import victimshield as vs
from tests.conftest import AS_OF, KEY, REPO


@pytest.fixture(scope="module")
def shield(tmp_path_factory):
    roster = tmp_path_factory.mktemp("case") / "roster.yaml"
    roster.write_text("parties:\n  - {id: V1, role: victim, names: [Ioana Popescu], phones: ['+40 723 456 789']}\n")
    return vs.Shield.from_files(REPO / "policies" / "examples" / "ro-to-gb.yaml", "GB", roster=roster, key=KEY,
                                options=vs.Options(as_of=AS_OF))


def _types(shield, text: str) -> list[str]:
    return [f.entity_type for f in shield.scan_text(text)]


@pytest.mark.parametrize("text", [
    "Balance 1,000.00 EUR",
    "Amount: 2447.31",
    "TNR: 179171073864111.010001",
    "digest ff388c16e4ed0b29da271188dd9a975f",
    "ID U123456789 issued",
    "Invoice INV-0001 paid",
    "order 112-1635210-7125801 shipped",
    "EREF+TFNR 40005 00005?21MTLG",
    "booked 21.05.11/12.54 at the branch",
    "placeholder 000000000000000 and 0000005",
])
def test_numbers_that_are_not_identifiers_are_not_phones(shield, text):
    types = _types(shield, text)
    assert "PHONE_NUMBER" not in types and "UK_NHS" not in types, f"case {text.split()[0]!r}: {types}"


@pytest.mark.parametrize("text", [
    "Call me on 0745 111 222 tomorrow.",
    "Her number is +44 7700 900123.",
    "sună la 0745111222",
    "Number 0040745111222 written with 00.",
    "write to him on 074.532.249.16 now",  # dotted like an amount, but one separator throughout
    "my nr is zero seven four five one one one two two two",
])
def test_real_phone_numbers_are_still_found(shield, text):
    assert "PHONE_NUMBER" in _types(shield, text)


def test_a_roster_phone_glued_to_a_word_is_still_found(shield):
    out = shield.redact_text("contact:Ioana0723456789 now").text
    assert "723456789" not in out
