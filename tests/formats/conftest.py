"""Shared synthetic case for the format tests: roster, policy with column rules, a keyed Shield.

Every person, number and account here is invented. Leak checks search outputs for
each protected value in several written forms and report type and position only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

import victimshield as vs

KEY = bytes(range(32))
ROSTER_YAML = """\
case: HT-TEST-0001
parties:
  - id: V1
    role: victim
    names: ["Ioana Popescu", "Ionela"]
    phones: ["+40 723 456 789"]
    emails: ["ioana.p@example.com"]
    handles: ["@ioana_p"]
    accounts: ["RO49AAAA1B31007593840000"]
    documents: ["054123987"]
  - id: V2
    role: victim
    names: ["Elena Dumitru"]
    born: 2010-02-03
    phones: ["+40 745 111 222"]
  - id: W1
    role: witness
    names: ["Mihai Georgescu"]
    phones: ["+40 731 222 333"]
  - id: S1
    role: suspect
    names: ["Marius Stan", "Bossu"]
    phones: ["+40 766 987 654"]
    handles: ["@marius_vip"]
    accounts: ["GB82WEST12345698765432"]
  - id: S2
    role: suspect
    names: ["Adrian Vlad"]
    phones: ["+44 7700 900123"]
"""
POLICY_YAML = """\
policy: test-ro-gb
version: 1
extends: baseline
from: RO
to: [GB]
legal_basis: "test"
handling: "TLP:AMBER"
roles:
  victim:
    default: redact
    PERSON: pseudonymize
    PHONE_NUMBER: pseudonymize
  minor:
    default: redact
    PERSON: pseudonymize
  witness:
    default: redact
    PERSON: pseudonymize
  suspect:
    default: keep
  unknown:
    default: redact
    PERSON: pseudonymize
    LOCATION: keep
columns:
  sender_name: PERSON
  sender_iban: {entity: IBAN_CODE, owner: sender_name}
  receiver_name: PERSON
  receiver_iban: {entity: IBAN_CODE, owner: receiver_name}
  amount: keep
  booking_date: keep
  reference: text
  internal_note: drop
"""

# What must never leave, by party and type; what must stay (suspects' identifiers).
PROTECTED = {
    ("V1", "PERSON"): ["Ioana Popescu", "Ionela", "Popescu"],
    ("V1", "PHONE_NUMBER"): ["+40 723 456 789"],
    ("V1", "EMAIL_ADDRESS"): ["ioana.p@example.com"],
    ("V1", "SOCIAL_HANDLE"): ["@ioana_p"],
    ("V1", "IBAN_CODE"): ["RO49AAAA1B31007593840000"],
    ("V1", "PASSPORT"): ["054123987"],
    ("V2", "PERSON"): ["Elena Dumitru", "Dumitru"],
    ("V2", "PHONE_NUMBER"): ["+40 745 111 222"],
    ("W1", "PERSON"): ["Mihai Georgescu", "Georgescu"],
    ("W1", "PHONE_NUMBER"): ["+40 731 222 333"],
}
SUSPECT_KEPT = {"S1 IBAN": "GB82WEST12345698765432", "S1 PERSON": "Marius Stan"}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _digits_forms(value: str) -> list[str]:
    digits = re.sub(r"\D", "", value)
    forms = [digits]
    if value.startswith("+40"):
        forms.append("0" + digits[2:])  # national form
    return forms


def written_forms(entity_type: str, value: str) -> list[str]:
    if entity_type in ("PHONE_NUMBER", "PASSPORT"):
        return _digits_forms(value)
    if entity_type == "IBAN_CODE":
        compact = value.replace(" ", "").casefold()
        return [compact, " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))]
    return [_fold(value)]


def find_leaks(text: str) -> list[str]:
    """Descriptions (party, type, form number, offset) of protected values found in ``text``."""
    folded = _fold(text)
    digits_only = re.sub(r"(?<=\d)[\s\-./()+]+(?=\d)", "", text)  # numbers written with separators
    compact = re.sub(r"[\s\-.]", "", folded)
    found = []
    for (party, entity_type), values in PROTECTED.items():
        for value in values:
            for number, form in enumerate(written_forms(entity_type, value)):
                haystack = digits_only if form.isdigit() else (compact if entity_type == "IBAN_CODE" else folded)
                needle = form.replace(" ", "") if entity_type == "IBAN_CODE" else form
                at = haystack.find(needle)
                if at >= 0:
                    found.append(f"{party} {entity_type} (form {number}) at offset {at}")
    return found


def assert_no_leaks(text: str, where: str) -> None:
    leaks = find_leaks(text)
    assert not leaks, f"{where}: protected values found: {leaks}"


@pytest.fixture(scope="session")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("case")
    (folder / "roster.yaml").write_text(ROSTER_YAML, encoding="utf-8")
    (folder / "policy.yaml").write_text(POLICY_YAML, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def shield(case_dir: Path) -> vs.Shield:
    return vs.Shield.from_files(case_dir / "policy.yaml", "GB", roster=case_dir / "roster.yaml", key=KEY,
                                options=vs.Options(as_of=dt.date(2026, 3, 20)))


@pytest.fixture(scope="session")
def dropping_shield(case_dir: Path) -> vs.Shield:
    return vs.Shield.from_files(case_dir / "policy.yaml", "GB", roster=case_dir / "roster.yaml", key=KEY,
                                options=vs.Options(as_of=dt.date(2026, 3, 20), drop_unreadable_pages=True))


def pseudonyms(text: str) -> set[str]:
    return set(re.findall(r"\b(?:VICTIM|MINOR|WITNESS)-[0-9a-f]{8}\b", text))


def redact_one(shield: vs.Shield, tmp_path: Path, name: str, data: bytes) -> tuple[bytes, vs.Report]:
    """Redact one file through the whole pipeline (read, redact, write, verify, publish)."""
    source = tmp_path / "in"
    source.mkdir(parents=True, exist_ok=True)
    (source / name).write_bytes(data)
    report = shield.redact_paths([source], tmp_path / "out")
    outputs: Iterator[Path] = (p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != "manifest.json")
    (output,) = list(outputs)
    return output.read_bytes(), report
