"""Protection quality must not regress: a small seeded case through the harness.

VictimShield only (the Presidio baseline belongs to ``make bench-quality``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import victimshield as vs
from benchmarks.quality.harness import evaluate
from benchmarks.quality.systems import VictimShieldSystem
from benchmarks.quality.thresholds import check_thresholds, load_thresholds
from victimshield.policy.model import Policy, Rule
from victimshield.vocabulary import Action, Role

ROOT = Path(__file__).resolve().parents[2]
THRESHOLDS = Path(__file__).with_name("thresholds.json")
SEED, CASES, SCALE = 11, 2, 0.6  # the run the thresholds were measured on


def _policy() -> Policy:
    return vs.load_policy(ROOT / "policies" / "examples" / "ro-to-gb.yaml")


def _headline(policy: Policy, workdir: Path) -> dict[str, Any]:
    summary = evaluate(SEED, CASES, [VictimShieldSystem(policy, "GB")], workdir, scale=SCALE)
    return summary["systems"]["VictimShield"]["headline"]


@pytest.fixture(scope="module")
def headline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _headline(_policy(), tmp_path_factory.mktemp("quality"))


def test_no_metric_worse_than_its_committed_threshold(headline: dict[str, Any]) -> None:
    problems = check_thresholds(headline, load_thresholds(THRESHOLDS))
    assert not problems, "quality regressed:\n" + "\n".join(problems)


def test_the_case_is_big_enough_to_measure(headline: dict[str, Any]) -> None:
    # A generator change that silently drops a group would make every rate vacuous.
    assert headline["leak_roster"]["values"] >= 30
    assert headline["leak_unknown"]["values"] >= 20
    assert headline["leak_unknown_person_chat"]["values"] >= 5
    assert headline["suspect_kept"]["values"] >= 10
    assert headline["collateral_words"]["tokens"] >= 300
    assert headline["ambiguous_values"] == 0


def test_roster_values_never_leak(headline: dict[str, Any]) -> None:
    assert headline["leak_roster"]["leaked"] == 0


def test_a_policy_that_keeps_unknown_names_fails_the_check(tmp_path: Path) -> None:
    policy = _policy()
    roles = dict(policy.roles)
    roles[Role.UNKNOWN] = {**roles[Role.UNKNOWN], "PERSON": Rule(action=Action.KEEP)}
    weakened = policy.model_copy(update={"roles": roles})
    problems = check_thresholds(_headline(weakened, tmp_path), load_thresholds(THRESHOLDS))
    assert any(p.startswith("leak_unknown:") for p in problems), problems
