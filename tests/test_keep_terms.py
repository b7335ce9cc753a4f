"""A policy's keep_terms: words and /patterns/ that are never identifiers (contract)."""

from __future__ import annotations

import pytest

import victimshield as vs
from tests.conftest import KEY, write

TEXT = "Paid via Western Union, order 0745 123 456, to Ioana Popescu."  # an order number shaped like a phone


HEAD = """\
    policy: {id}
    version: 1
    from: RO
    to: [GB]
    legal_basis: test
    handling: TLP:AMBER
    roles:
      unknown: {{default: redact, PERSON: pseudonymize}}
      suspect: {{default: keep}}
"""


def _policy(tmp_path, terms: str):
    parent = write(tmp_path / "parent.yaml", HEAD.format(id="parent") + '    keep_terms: ["Western Union"]\n')
    return write(tmp_path / "child.yaml", f"""\
        policy: child
        version: 1
        extends: {parent.name}
        keep_terms: {terms}
        """)


def test_terms_and_patterns_are_kept_and_a_child_adds_to_its_parent(tmp_path):
    shield = vs.Shield.from_files(_policy(tmp_path, '["/0745 \\\\d{3} \\\\d{3}/"]'), "GB", key=KEY)
    assert shield.policy.keep_terms == ("Western Union", "/0745 \\d{3} \\d{3}/")
    out = shield.redact_text(TEXT).text
    assert "Western Union" in out and "0745 123 456" in out
    assert "Ioana" not in out and "Popescu" not in out


def test_without_the_terms_the_same_text_is_treated(tmp_path):
    write(tmp_path / "bare.yaml", HEAD.format(id="bare"))
    out = vs.Shield.from_files(tmp_path / "bare.yaml", "GB", key=KEY).redact_text(TEXT).text
    assert "0745 123 456" not in out and "Western Union" not in out


def test_a_keep_term_never_unprotects_a_roster_party(tmp_path, roster_file):
    shield = vs.Shield.from_files(_policy(tmp_path, '["Ioana Popescu"]'), "GB", roster=roster_file, key=KEY)
    assert "Popescu" not in shield.redact_text(TEXT).text


def test_a_bad_pattern_is_a_policy_problem(tmp_path):
    with pytest.raises(vs.PolicyError, match=r"keep_terms\.0: not a valid pattern") as info:
        vs.load_policy(_policy(tmp_path, '["/0745 (/"]'))
    assert info.value.exit_code == 2
