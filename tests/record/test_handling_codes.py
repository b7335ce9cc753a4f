"""Handling codes in the policy: TLP 2.0 spelt exactly, Europol H0-H3 (H3 with its text)."""

from __future__ import annotations

import pytest

from tests.conftest import write
from victimshield import PolicyError, load_policy
from victimshield.record.handling import TLP_LABELS

BASE = "policy: p\nversion: 1\nfrom: RO\nto: [GB]\nlegal_basis: x\nroles:\n  unknown: {default: redact}\n"


def _policy(tmp_path, extra: str):
    return load_policy(write(tmp_path / "p.yaml", BASE + extra))


@pytest.mark.parametrize("label", TLP_LABELS)
def test_each_tlp_2_label_is_accepted_as_written(tmp_path, label):
    assert _policy(tmp_path, f'handling: "{label}"\n').handling == label


@pytest.mark.parametrize("label", ["TLP:WHITE", "tlp:amber", "TLP: AMBER", "AMBER", "TLP:AMBER+", "secret"])
def test_a_handling_that_is_not_tlp_2_exactly_is_refused_with_its_key_path(tmp_path, label):
    with pytest.raises(PolicyError) as info:
        _policy(tmp_path, f'handling: "{label}"\n')
    assert any("handling" in p and "TLP 2.0" in p for p in info.value.problems), info.value.problems


def test_tlp_white_is_pointed_to_tlp_clear(tmp_path):
    with pytest.raises(PolicyError, match="TLP:CLEAR"):
        _policy(tmp_path, 'handling: "TLP:WHITE"\n')


@pytest.mark.parametrize("code", ["H0", "H1", "H2"])
def test_europol_codes_h0_to_h2_stand_alone(tmp_path, code):
    assert _policy(tmp_path, f'handling: "TLP:RED"\nhandling_code: {code}\n').handling_code == code


def test_europol_h3_keeps_its_free_text_in_either_spelling(tmp_path):
    short = _policy(tmp_path, 'handling: "TLP:RED"\nhandling_code: "H3: not to be passed to third states"\n')
    mapping = _policy(tmp_path, 'handling: "TLP:RED"\n'
                               'handling_code: {code: H3, text: not to be passed to third states}\n')
    assert short.handling_code == mapping.handling_code == "H3: not to be passed to third states"


@pytest.mark.parametrize(("written", "message"), [
    ("H3", "H3 needs its free text"),
    ('"H2: extra words"', "only H3 carries a text"),
    ("H4", "not a Europol handling code"),
    ("h2", "not a Europol handling code"),
])
def test_a_bad_europol_code_is_refused_with_its_key_path(tmp_path, written, message):
    with pytest.raises(PolicyError) as info:
        _policy(tmp_path, f'handling: "TLP:RED"\nhandling_code: {written}\n')
    assert any("handling_code" in p and message in p for p in info.value.problems), info.value.problems


# The effective digest of this policy before handling codes existed (a manifest of an
# earlier export names it): a policy that sets no handling_code must keep it.
DIGEST_BEFORE_HANDLING_CODES = "c21ef308f62ba1e83d0b0327f412e82a239a2df2d6e754ac39e0b7770e38b302"


def test_a_policy_without_handling_code_keeps_its_effective_digest(tmp_path):
    from victimshield.policy.load import effective_digest

    plain = _policy(tmp_path, 'handling: "TLP:RED"\n')
    assert plain.handling_code is None
    assert effective_digest(plain) == DIGEST_BEFORE_HANDLING_CODES
    coded = _policy(tmp_path, 'handling: "TLP:RED"\nhandling_code: H1\n')
    assert effective_digest(coded) != DIGEST_BEFORE_HANDLING_CODES


def test_policy_show_prints_the_europol_code_and_its_meaning(tmp_path):
    from typer.testing import CliRunner

    from victimshield.cli import app

    path = write(tmp_path / "p.yaml", BASE + 'handling: "TLP:AMBER"\nhandling_code: H2\n')
    result = CliRunner().invoke(app, ["policy", "show", str(path)])
    assert result.exit_code == 0, result.output
    assert "handling: TLP:AMBER" in result.output
    assert "handling code: H2 (not to be disseminated without the provider's permission)" in result.output
