"""The entity-type tree: a rule for a type covers every type below it, the most specific
rule wins, a span takes the deepest validated type, and `policy show` prints them all."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import victimshield as vs
from tests.conftest import KEY, write
from victimshield.cli import app
from victimshield.vocabulary import ENTITY_PARENTS, ENTITY_TYPES, Action, Role, concrete_types, lineage

# Checksum-valid, invented for tests: a Spanish NIF, a Polish PESEL, an Italian fiscal code.
NIF, PESEL, FISCAL = "12345678Z", "44051401359", "RSSMRA85T10A562S"
SPACED_IBAN = "GB29 NWBK 6016 1331 9268 19"


def _policy(tmp_path, unknown_rules: str):
    return write(tmp_path / "p.yaml", f"""\
        policy: tree
        version: 1
        from: ES
        to: [GB]
        legal_basis: test
        handling: TLP:AMBER
        roles:
          unknown: {{default: keep, {unknown_rules}}}
          suspect: {{default: keep}}
        """)


def test_every_parent_is_a_known_type_and_the_tree_has_no_cycles():
    for child, parent in ENTITY_PARENTS.items():
        assert child in ENTITY_TYPES and parent in ENTITY_TYPES
        chain = lineage(child)
        assert len(chain) == len(set(chain)) <= 4
    assert "NATIONAL_ID" not in concrete_types() and "ES_NIF" in concrete_types()


def test_generic_types_do_not_cover_protected_ones():
    # A `keep` for dates or places must never keep a date of birth or an address.
    assert "DATE_TIME" not in lineage("DATE_OF_BIRTH") and "LOCATION" not in lineage("ADDRESS")


@pytest.mark.parametrize("concrete,general", [
    ("ES_NIF", "NATIONAL_ID"), ("PL_PESEL", "NATIONAL_ID"), ("IT_FISCAL_CODE", "NATIONAL_ID"),
    ("US_SSN", "NATIONAL_ID"), ("US_ITIN", "NATIONAL_ID"), ("US_PASSPORT", "PASSPORT"),
    ("IT_PASSPORT", "PASSPORT"), ("IBAN_CODE", "ACCOUNT_NUMBER"), ("US_BANK_NUMBER", "ACCOUNT_NUMBER"),
])
def test_a_rule_for_a_general_type_covers_the_types_below_it(tmp_path, concrete, general):
    policy = vs.load_policy(_policy(tmp_path, f"{general}: redact"))
    rule, name = policy.rule_for(Role.UNKNOWN, concrete)
    assert rule.action is Action.REDACT and name == f"roles.unknown.{general}"


def test_the_most_specific_rule_wins(tmp_path):
    policy = vs.load_policy(_policy(tmp_path, "NATIONAL_ID: redact, ES_NIF: {action: mask, keep_last: 1}"))
    assert policy.rule_for(Role.UNKNOWN, "ES_NIF")[0].action is Action.MASK
    assert policy.rule_for(Role.UNKNOWN, "PL_PESEL")[0].action is Action.REDACT
    assert policy.rule_for(Role.UNKNOWN, "PERSON")[0].action is Action.KEEP


def test_national_ids_leave_redacted_under_a_national_id_rule(tmp_path):
    # Before the tree, `NATIONAL_ID: redact` did not cover ES_NIF or PL_PESEL: the default kept them.
    shield = vs.Shield.from_files(_policy(tmp_path, "NATIONAL_ID: redact"), "GB", key=KEY)
    text = shield.redact_text(f"DNI {NIF}; PESEL {PESEL}; codice fiscale {FISCAL}.").text
    for value in (NIF, PESEL, FISCAL):
        assert value not in text
    assert text.count("[REDACTED:") >= 3


def test_a_valid_iban_written_with_spaces_is_typed_iban(tmp_path):
    shield = vs.Shield.from_files(
        _policy(tmp_path, "ACCOUNT_NUMBER: redact, IBAN_CODE: {action: mask, keep_last: 2}"), "GB", key=KEY
    )
    types = [f.entity_type for f in shield.scan_text(f"Cont: {SPACED_IBAN}")]
    assert "IBAN_CODE" in types and "ACCOUNT_NUMBER" not in types
    out = shield.redact_text(f"Cont: {SPACED_IBAN}").text
    assert "[REDACTED" not in out and SPACED_IBAN not in out and out.rstrip().endswith("19")


def test_policy_show_prints_the_effective_action_for_every_concrete_type(tmp_path):
    path = _policy(tmp_path, "NATIONAL_ID: redact")
    result = CliRunner().invoke(app, ["policy", "show", str(path)], terminal_width=400)
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines() if line.count("│") > 3}
    missing = [t for t in concrete_types() if t not in rows]
    assert not missing, f"{len(missing)} concrete type(s) missing from policy show"
    assert "redact (via NATIONAL_ID)" in rows["ES_NIF"] and "keep" in rows["PERSON"]
