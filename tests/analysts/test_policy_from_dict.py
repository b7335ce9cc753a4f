"""``Policy.from_dict``: a policy from a mapping, ``extends`` resolved, every problem at once."""

from __future__ import annotations

import copy

import pytest
import yaml

from tests.conftest import REPO, write
from victimshield import ArgumentError, Policy, PolicyError, load_policy
from victimshield.policy.load import effective_digest
from victimshield.vocabulary import Action, Role

BASE = {"policy": "mine", "version": 1, "from": "RO", "to": ["GB"], "legal_basis": "treaty", "handling": "TLP:AMBER",
        "roles": {"victim": {"default": "redact", "PERSON": "pseudonymize"}, "suspect": {"default": "keep"}}}


def test_a_dict_gives_the_same_policy_as_its_yaml_file(tmp_path):
    path = write(tmp_path / "mine.yaml", yaml.safe_dump(BASE))
    from_dict, from_file = Policy.from_dict(BASE), load_policy(path)
    assert effective_digest(from_dict) == effective_digest(from_file)
    assert from_dict.source is None and from_dict.sha256


def test_extends_a_shipped_policy_by_id():
    policy = Policy.from_dict({"policy": "ie", "version": 1, "extends": "ro-to-gb", "to": ["IE"]})
    assert policy.extends_chain == ("ro-to-gb", "baseline") and policy.to == ("IE",)
    assert policy.rule_for(Role.UNKNOWN, "LOCATION")[0].action is Action.KEEP


def test_extends_a_file_relative_to_base_dir(tmp_path):
    write(tmp_path / "policies" / "parent.yaml", yaml.safe_dump(BASE))
    child = {"policy": "child", "version": 2, "extends": "parent.yaml", "roles": {"victim": {"PERSON": "redact"}}}
    policy = Policy.from_dict(child, base_dir=tmp_path / "policies")
    assert policy.extends_chain == ("mine",)
    assert policy.rule_for(Role.VICTIM, "PERSON")[0].action is Action.REDACT
    assert policy.rule_for(Role.SUSPECT, "PERSON")[0].action is Action.KEEP
    with pytest.raises(PolicyError, match=r"extends: no shipped policy or file named 'parent\.yaml'"):
        Policy.from_dict(child, base_dir=tmp_path)  # not there: resolved from base_dir, not from anywhere else


def test_every_problem_is_listed_at_once():
    bad = {"policy": "bad", "extends": "no-such-policy", "to": "GB", "roles": {"victim": {"PERSON": "hide"}},
           "colour": "red"}
    with pytest.raises(PolicyError) as caught:
        Policy.from_dict(bad)
    problems = caught.value.problems
    assert "(dict): roles.victim.PERSON: unknown action 'hide'" in problems
    assert "(dict): extends: no shipped policy or file named 'no-such-policy'" in problems
    assert "(dict): colour: unknown key" in problems
    assert any(p.startswith("(dict): version: required") for p in problems)
    assert len(problems) >= 5


def test_the_callers_dict_is_never_changed():
    given = {"policy": "ie", "version": 1, "extends": "ro-to-gb", "to": ["IE"],
             "roles": {"victim": {"PERSON": "redact"}}, "keep_terms": ["Acme"]}
    before = copy.deepcopy(given)
    Policy.from_dict(given)
    assert given == before


def test_not_a_mapping_is_a_policy_error():
    with pytest.raises(PolicyError, match="a policy must be a mapping"):
        Policy.from_dict(["policy", "mine"])  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="base_dir must be a path"):
        Policy.from_dict(BASE, base_dir=5)  # type: ignore[arg-type]


def test_a_mapping_that_holds_itself_is_a_policy_error():
    cyclic: dict[str, object] = {"policy": "loop"}
    cyclic["self"] = cyclic
    with pytest.raises(PolicyError, match="not plain data"):
        Policy.from_dict(cyclic)  # was ValueError: Circular reference detected
    with pytest.raises(PolicyError, match="not plain data"):
        Policy.from_dict({"policy": "p", 1: "one"})  # keys that cannot be sorted together: was TypeError


def test_shipped_policies_load_from_their_dicts_alike():
    for path in sorted((REPO / "policies").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert effective_digest(Policy.from_dict(data, base_dir=path.parent)) == effective_digest(load_policy(path))
