"""Policies: inheritance, fail-closed rules, and every kind of error, reported together."""

from pathlib import Path

import pydantic
import pytest

from tests.conftest import REPO, write
from victimshield import PolicyError, load_policy
from victimshield.vocabulary import Action, Role

SHIPPED = sorted((REPO / "policies").rglob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_policies_load(path: Path):
    policy = load_policy(path)
    assert policy.legal_basis and policy.handling
    assert policy.rule_for(Role.SUSPECT, "PERSON")[0].action is Action.KEEP


def test_examples_have_destinations_and_extend_baseline():
    examples = sorted((REPO / "policies" / "examples").glob("*.yaml"))
    assert len(examples) >= 3
    for path in examples:
        policy = load_policy(path)
        assert policy.to, path.name
        assert policy.extends_chain == ("baseline",)


def test_extends_overrides_and_inherits(tmp_path):
    write(tmp_path / "parent.yaml", """\
        policy: parent
        version: 1
        from: RO
        to: [GB]
        legal_basis: treaty
        handling: TLP:AMBER
        roles:
          victim: {default: redact, PERSON: pseudonymize, PHONE_NUMBER: mask}
          suspect: {default: keep}
        """)
    child = write(tmp_path / "child.yaml", """\
        policy: child
        version: 2
        extends: parent.yaml
        to: [IT]
        roles:
          victim: {PHONE_NUMBER: redact}
        """)
    policy = load_policy(child)
    assert policy.policy == "child" and policy.version == 2
    assert policy.to == ("IT",)
    assert policy.legal_basis == "treaty"  # inherited
    assert policy.rule_for(Role.VICTIM, "PHONE_NUMBER")[0].action is Action.REDACT  # overridden
    assert policy.rule_for(Role.VICTIM, "PERSON")[0].action is Action.PSEUDONYMIZE  # inherited within the role
    assert policy.extends_chain == ("parent",)


def test_extends_a_shipped_policy_by_id(tmp_path):
    child = write(tmp_path / "mine.yaml", """\
        policy: mine
        version: 1
        extends: ro-to-gb
        to: [IE]
        """)
    policy = load_policy(child)
    assert policy.extends_chain == ("ro-to-gb", "baseline")
    assert policy.rule_for(Role.UNKNOWN, "LOCATION")[0].action is Action.KEEP


def test_fail_closed_for_unnamed_roles_and_types(tmp_path):
    path = write(tmp_path / "thin.yaml", """\
        policy: thin
        version: 1
        from: RO
        to: [GB]
        legal_basis: x
        handling: TLP:AMBER
        roles:
          suspect: {PERSON: keep}
        """)
    policy = load_policy(path)
    rule, name = policy.rule_for(Role.VICTIM, "PERSON")
    assert rule.action is Action.REDACT and name.startswith("fail-closed")
    rule, name = policy.rule_for(Role.SUSPECT, "PHONE_NUMBER")
    assert rule.action is Action.REDACT and name.startswith("fail-closed")
    assert policy.rule_for(Role.SUSPECT, "PERSON") [1] == "roles.suspect.PERSON"


BAD_CASES = {
    "unknown action": ("roles:\n  victim: {PERSON: hide}\n", "roles.victim.PERSON: unknown action 'hide'"),
    "unknown entity": ("roles:\n  victim: {PERSN: redact}\n", "roles.victim.PERSN: unknown entity type 'PERSN'"),
    "unknown role": ("roles:\n  victm: {PERSON: redact}\n", "roles.victm"),
    "unknown key": ("polcy_note: x\n", "polcy_note: unknown key"),
    "generalize person": ("roles:\n  victim: {PERSON: generalize}\n", "PERSON cannot be generalized"),
    "generalize target": (
        "roles:\n  victim: {DATE_OF_BIRTH: {action: generalize, to: month}}\n",
        "cannot generalize DATE_OF_BIRTH to 'month'",
    ),
    "to without generalize": (
        "roles:\n  victim: {PERSON: {action: redact, to: year}}\n",
        "'to' only goes with action generalize",
    ),
    "keep_last without mask": (
        "roles:\n  victim: {PHONE_NUMBER: {action: redact, keep_last: 2}}\n",
        "'keep_last' only goes with action mask",
    ),
    "version type": ("version: three\n", "version"),
}
BASE = "policy: p\nfrom: RO\nto: [GB]\nlegal_basis: x\nhandling: TLP:AMBER\n"


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_each_policy_error_names_file_and_key_path(tmp_path, case):
    body, expected = BAD_CASES[case]
    version = "" if body.startswith("version") else "version: 1\n"
    path = write(tmp_path / "bad.yaml", BASE + version + body)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert any(str(path) in p and expected in p for p in info.value.problems), info.value.problems


def test_all_problems_are_reported_at_once(tmp_path):
    path = write(tmp_path / "bad.yaml", """\
        policy: p
        version: 1
        from: RO
        to: [GB]
        legal_basis: x
        handling: TLP:AMBER
        colour: blue
        roles:
          victim: {PERSON: hide, PERSN: redact}
          witness: {default: obliterate}
        """)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    problems = info.value.problems
    assert len(problems) == 4, problems
    for part in ("colour", "roles.victim.PERSON", "roles.victim.PERSN", "roles.witness.default"):
        assert any(part in p for p in problems), part


def test_missing_fields_yaml_errors_and_bad_extends(tmp_path):
    missing = write(tmp_path / "missing.yaml", "policy: p\nversion: 1\n")
    with pytest.raises(PolicyError) as info:
        load_policy(missing)
    assert {p.split(": ")[1] for p in info.value.problems} >= {"from", "to", "legal_basis", "handling", "roles"}

    broken = write(tmp_path / "broken.yaml", "policy: [unclosed\n")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(broken)

    orphan = write(tmp_path / "orphan.yaml", BASE + "version: 1\nextends: no-such-policy\nroles: {}\n")
    with pytest.raises(PolicyError, match="no shipped policy or file named 'no-such-policy'"):
        load_policy(orphan)

    write(tmp_path / "a.yaml", BASE + "version: 1\nextends: b.yaml\nroles: {}\n")
    cyclic = write(tmp_path / "b.yaml", BASE + "version: 1\nextends: a.yaml\nroles: {}\n")
    with pytest.raises(PolicyError, match="cycle"):
        load_policy(cyclic)

    with pytest.raises(PolicyError, match="file not found"):
        load_policy(tmp_path / "nope.yaml")


def test_policy_objects_are_frozen(policy_file):
    policy = load_policy(policy_file)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        policy.version = 99  # type: ignore[misc]
