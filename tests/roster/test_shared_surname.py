"""A shared surname is not the same person: a relative who pays for a minor keeps a
pseudonym of her own, protected as an unknown person, never the child's."""

from __future__ import annotations

import re

import pytest

import victimshield as vs
from tests.conftest import KEY

ROSTER = """\
parties:
  - {id: M1, role: victim, minor: true, names: [Olena Shevchenko]}
  - {id: S1, role: suspect, names: [Marius Stan]}
"""


@pytest.fixture(scope="module")
def shield(tmp_path_factory):
    roster = tmp_path_factory.mktemp("case") / "roster.yaml"
    roster.write_text(ROSTER, encoding="utf-8")
    return vs.Shield.from_files("ro-to-gb", "GB", roster=roster, key=KEY)


@pytest.mark.parametrize("text", [
    "Iryna Shevchenko a plătit pentru Olena 200 lei.",
    "SHEVCHENKO IRYNA paid for Olena.",
])
def test_a_relative_with_the_same_surname_is_not_the_minor(shield, text):
    result = shield.redact_text(text)
    assert "Shevchenko" not in result.text and "SHEVCHENKO" not in result.text and "Iryna" not in result.text.title()
    roles = sorted(f.role.value for f in result.findings if f.entity_type == "PERSON")
    assert roles == ["minor", "unknown"], roles
    assert len(set(re.findall(r"\b[A-Z]+-[0-9a-f]{8}\b", result.text))) == 2, "the relative took the minor's token"


@pytest.mark.parametrize(
    "text", ["Olena Shevchenko met Marius Stan.", "Shevchenko called again.", "Transfer Shevchenko 200"]
)
def test_the_surname_alone_or_with_her_own_given_name_is_still_the_minor(shield, text):
    result = shield.redact_text(text)
    assert "Shevchenko" not in result.text
    assert any(f.role.value == "minor" for f in result.findings)


@pytest.mark.parametrize("text", ["Оленка плакала вночі.", "ioanuța a sunat ieri", "Olenka called again."])
def test_pet_forms_of_a_protected_partys_name_are_the_party(tmp_path, text):
    roster = tmp_path / "r.yaml"
    roster.write_text(ROSTER + "  - {id: V1, role: victim, names: [Ioana Popescu]}\n", encoding="utf-8")
    shield = vs.Shield.from_files("ro-to-gb", "GB", roster=roster, key=KEY)
    result = shield.redact_text(text)
    assert not re.search(r"(?i)olenk|оленк|ioanu", result.text)
    assert any(f.party in ("M1", "V1") for f in result.findings)
