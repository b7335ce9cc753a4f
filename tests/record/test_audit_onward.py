"""The onward-transfer guard: a policy's `onward_transfer: forbidden`, its record, and the
refusal to re-export such a record without `--authorised-by` (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import KEY, REPO, ROSTER_YAML, leaked_values, write, write_key
from victimshield.cli import app
from victimshield.errors import PolicyError
from victimshield.policy.load import effective_digest, load_policy

runner = CliRunner()
FORBIDDEN_POLICY = f"""\
extends: {REPO / "policies" / "examples" / "ro-to-gb.yaml"}
policy: ro-to-gb-no-onward
version: 1
onward_transfer: forbidden
"""


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def case(tmp_path: Path) -> dict[str, Path]:
    return {
        "evidence": write(tmp_path / "evidence" / "a.txt", "Ioana Popescu called Marius Stan.\n").parent,
        "roster": write(tmp_path / "roster.yaml", ROSTER_YAML),
        "key": write_key(tmp_path / "keys" / "case.key", KEY.hex()),
        "policy": write(tmp_path / "no-onward.yaml", FORBIDDEN_POLICY),
        "log": tmp_path / "audit.jsonl",
        "root": tmp_path,
    }


def export(case: dict[str, Path], inputs: Path, out: Path, *extra: object):
    return run("redact", inputs, "--policy", case["policy"], "--to", "GB", "--roster", case["roster"],
               "--key-file", case["key"], "--out", out, "--audit-log", case["log"], *extra)


def test_onward_transfer_is_validated_and_unset_keeps_the_digest(tmp_path: Path) -> None:
    base = REPO / "policies" / "examples" / "ro-to-gb.yaml"
    plain = write(tmp_path / "plain.yaml", f"extends: {base}\npolicy: p\nversion: 1\n")
    allowed = write(tmp_path / "allowed.yaml", f"extends: {base}\npolicy: p\nversion: 1\nonward_transfer: allowed\n")
    assert load_policy(plain).onward_transfer is None
    assert effective_digest(load_policy(plain)) != effective_digest(load_policy(allowed))
    assert "onward_transfer" not in load_policy(plain).model_dump()
    with pytest.raises(PolicyError):
        load_policy(write(tmp_path / "bad.yaml", f"extends: {base}\npolicy: p\nversion: 1\nonward_transfer: maybe\n"))


def test_onward_forbidden_policy_says_so_in_the_record(case: dict[str, Path]) -> None:
    out = case["root"] / "out"
    assert export(case, case["evidence"], out).exit_code == 0
    record = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert record["onward_transfer"] == {"policy": "forbidden", "authorised_by": None, "inputs_forbidding": []}
    assert run("manifest", "verify", out, "--key-file", case["key"]).exit_code == 0  # signed with it


def test_onward_redact_refuses_a_forbidding_record_without_authorisation(case: dict[str, Path]) -> None:
    first = case["root"] / "received"
    assert export(case, case["evidence"], first).exit_code == 0
    again = case["root"] / "onward"
    result = export(case, first, again)
    assert result.exit_code == 2
    assert "forbids onward transfer" in result.output and "--authorised-by" in result.output
    assert not again.exists()
    last = json.loads(case["log"].read_text(encoding="utf-8").splitlines()[-1])
    assert last["result"] == {"exit": 2, "error": "UsageError"}


def test_onward_authorised_pass_is_recorded_in_record_and_log(case: dict[str, Path]) -> None:
    first = case["root"] / "received"
    assert export(case, case["evidence"], first).exit_code == 0
    again = case["root"] / "onward"
    result = export(case, first, again, "--authorised-by", "Order 12/2026 of the Bucharest Tribunal")
    assert result.exit_code == 0, result.output
    record = json.loads((again / "manifest.json").read_text(encoding="utf-8"))
    assert record["onward_transfer"]["authorised_by"] == "Order 12/2026 of the Bucharest Tribunal"
    assert record["onward_transfer"]["inputs_forbidding"] == ["input 1, file 2"]
    last = json.loads(case["log"].read_text(encoding="utf-8").splitlines()[-1])
    assert last["why"]["authorised_by"] == "Order 12/2026 of the Bucharest Tribunal"


def test_onward_authorisation_holding_a_protected_value_is_refused(case: dict[str, Path]) -> None:
    first = case["root"] / "received"
    assert export(case, case["evidence"], first).exit_code == 0
    result = export(case, first, case["root"] / "onward", "--authorised-by", "consent of Ioana Popescu")
    assert result.exit_code == 2
    assert "transfer authorised_by" in result.output
    assert leaked_values(result.output) == []
    assert leaked_values(case["log"].read_text(encoding="utf-8")) == []


def test_onward_other_manifest_json_is_plain_evidence(case: dict[str, Path]) -> None:
    other = '{"record": "something else", "onward_transfer": {"policy": "forbidden"}}'
    write(case["evidence"] / "manifest.json", other)
    assert export(case, case["evidence"], case["root"] / "out").exit_code == 0
