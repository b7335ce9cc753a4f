"""Fixtures of the property suite: the case files once per session, a Shield once per module."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

import victimshield as vs

from .case import AS_OF, KEY_HEX, POLICY_YAML, ROSTER_YAML
from .harness import Case

# Small, derandomized and unshrunk: the same examples on every run, so a strict xfail flips
# only when the code changes; a failing example is reported as drawn (no shrinking time).
PROPERTY = settings(max_examples=3, deadline=None, derandomize=True, database=None, print_blob=False,
                    phases=(Phase.explicit, Phase.generate), report_multiple_bugs=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Tables, PDFs and whole-file checks cost several times a text example: fewer of them keep the
# suite well under a minute and a half on two cores.
HEAVY = settings(PROPERTY, max_examples=2)


@pytest.fixture(scope="session")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    root = tmp_path_factory.mktemp("property-case")
    (root / "roster.yaml").write_text(ROSTER_YAML, encoding="utf-8")
    (root / "policy.yaml").write_text(POLICY_YAML, encoding="utf-8")
    key_file = root / "case.key"
    key_file.write_text(KEY_HEX + "\n", encoding="utf-8")
    key_file.chmod(0o600)  # owner-only, as `key new` writes it
    os.chmod(key_file, 0o600)
    return Case(root, root / "roster.yaml", root / "policy.yaml", key_file, bytes.fromhex(KEY_HEX))


@pytest.fixture(scope="module")
def shield(case: Case) -> vs.Shield:
    return vs.Shield.from_files(case.policy, "GB", roster=case.roster, key_file=case.key_file,
                                options=vs.Options(as_of=AS_OF))

