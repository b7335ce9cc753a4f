"""The command line for pipelines and people: --json, --dry-run, --quiet, --log-level, --version."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import PROTECTED_VALUES, REPO, ROSTER_YAML, leaked_values, write
from victimshield.cli import app
from victimshield.manifest import tool_version

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
TEXT = "Ioana Popescu paid Marius Stan. Call +40 723 456 789 or ioana.p@example.com.\n"
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def case(tmp_path):
    write(tmp_path / "Ioana Popescu" / "Ioana Popescu.txt", TEXT)
    write(tmp_path / "Ioana Popescu" / "notes.txt", "Marius Stan\nIonela\n")
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    key = tmp_path / "case.key"
    key.write_bytes(bytes(range(32)).hex().encode())
    key.chmod(0o600)  # owner-only, as `key new` writes it
    key.chmod(0o600)
    return tmp_path / "Ioana Popescu", roster, key


def redact(case, *extra: object):
    inputs, roster, key = case
    return run("redact", inputs, "--policy", POLICY, "--to", "GB", "--roster", roster, "--key-file", key, *extra)


@pytest.mark.parametrize("command", [[], ["redact"], ["verify"], ["scan"], ["decrypt"], ["policy"], ["policy", "show"],
                                     ["policy", "check"], ["key"], ["key", "new"]])
def test_every_command_takes_version(command):
    result = run(*command, "--version")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"victimshield {tool_version()}"


def test_json_summary_on_stdout_without_values_or_input_names(case, tmp_path):
    result = redact(case, "--out", tmp_path / "out", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)  # stdout holds the JSON document and nothing else
    assert (summary["status"], summary["exit_code"]) == ("ok", 0)
    assert summary["policy"] == {"id": "ro-to-gb", "version": 3} and summary["destination"] == "GB"
    assert [f["file"] for f in summary["files"]] == [1, 2]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [f["output"] for f in summary["files"]] == [f["output"] for f in manifest["files"]]
    assert summary["totals"] == manifest["totals"]
    assert leaked_values(result.stdout, PROTECTED_VALUES) == []


def test_json_summary_says_whether_the_record_is_signed_and_who_receives_it(case, tmp_path):
    result = redact(case, "--out", tmp_path / "out", "--json", "--recipient", "Receiving authority (GB)")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)["record"]
    assert record["signed"] is True and record["handling"] == "TLP:AMBER"
    assert record["transfer"]["recipient"] == "Receiving authority (GB)"


def test_json_reports_an_error_with_its_exit_code(case, tmp_path):
    inputs, _, _ = case
    result = run("redact", inputs, "--policy", POLICY, "--to", "XX", "--out", tmp_path / "out", "--json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert (document["status"], document["exit_code"]) == ("error", 2)
    assert "destination 'XX'" in document["error"]
    assert not (tmp_path / "out").exists()


def test_json_lists_every_policy_problem(case, tmp_path):
    bad = write(tmp_path / "bad.yaml", "policy: bad\nroles:\n  victim: {PERSON: hide}\n")
    inputs, _, _ = case
    result = run("redact", inputs, "--policy", bad, "--to", "GB", "--out", tmp_path / "out", "--json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert any("unknown action 'hide'" in p for p in document["problems"]) and len(document["problems"]) > 2


def test_dry_run_writes_nothing_and_says_what_would_be_done_by_position(case, tmp_path):
    out = tmp_path / "out"
    result = redact(case, "--out", out, "--dry-run")
    assert result.exit_code == 0, result.output
    assert not out.exists() and not list(tmp_path.glob(".out*"))
    assert "input 1, file 1" in result.stdout and "input 1, file 2" in result.stdout
    assert "pseudonymize" in result.stdout and "nothing written" in result.stdout
    assert leaked_values(result.output, PROTECTED_VALUES) == []


def test_dry_run_json_gives_formats_segments_and_counts(case):
    result = redact(case, "--dry-run", "--json")  # --out is not needed to look
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["dry_run"] is True
    files = {f["input"]: f for f in document["files"]}
    assert set(files) == {"input 1, file 1", "input 1, file 2"}
    assert all(f["format"] == "text" for f in files.values())
    assert files["input 1, file 2"]["segments"] >= 1
    kinds = {(d["role"], d["entity_type"], d["action"]) for d in document["totals"]}
    assert ("victim", "PERSON", "pseudonymize") in kinds and ("suspect", "PERSON", "keep") in kinds
    assert leaked_values(result.stdout, PROTECTED_VALUES) == []


def test_dry_run_refuses_an_out_a_real_run_would_refuse(case, tmp_path):
    out = write(tmp_path / "out" / "something.txt", "not an export").parent
    result = redact(case, "--out", out, "--dry-run")
    assert result.exit_code == 2 and "not empty" in result.output
    assert [p.name for p in out.iterdir()] == ["something.txt"]


def test_out_is_still_required_without_dry_run(case):
    result = redact(case)
    assert result.exit_code == 2 and "--out is required" in result.output


def test_quiet_prints_nothing_on_success_and_still_reports_errors(case, tmp_path):
    result = redact(case, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "out" / "manifest.json").is_file()
    failed = redact(case, "--out", tmp_path / "out", "--quiet")  # not empty now, no --force
    assert failed.exit_code == 2 and "not empty" in failed.stderr


def test_log_level_writes_records_on_stderr_without_values(case, tmp_path):
    result = redact(case, "--out", tmp_path / "out", "--log-level", "debug", "--json")
    assert result.exit_code == 0, result.output
    assert "victimshield: INFO: redacted input 1, file 1" in result.stderr
    json.loads(result.stdout)  # records never reach stdout
    assert leaked_values(result.stderr, PROTECTED_VALUES) == []


def test_log_level_is_also_a_global_option_and_checked(case, tmp_path):
    inputs, roster, _ = case
    ok = run("--log-level", "INFO", "scan", inputs, "--roster", roster, "--json")
    assert ok.exit_code == 0, ok.output
    assert leaked_values(ok.stderr, PROTECTED_VALUES) == []
    bad = redact(case, "--out", tmp_path / "out", "--log-level", "loud")
    assert bad.exit_code == 2 and not (tmp_path / "out").exists()



def test_verify_json_says_ok_or_lists_violations_by_position(case, tmp_path):
    _, roster, _ = case
    assert redact(case, "--out", tmp_path / "out", "--quiet").exit_code == 0
    ok = run("verify", tmp_path / "out", "--policy", POLICY, "--to", "GB", "--roster", roster, "--json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["verified"] is True
    write(tmp_path / "out" / "added.txt", "Ioana Popescu was here.\n")
    bad = run("verify", tmp_path / "out", "--policy", POLICY, "--to", "GB", "--roster", roster, "--json")
    assert bad.exit_code == 1
    document = json.loads(bad.stdout)
    assert (document["status"], document["exit_code"]) == ("error", 1)
    assert any(v.startswith("output ") and "victim PERSON" in v for v in document["violations"])
    assert leaked_values(bad.stdout, PROTECTED_VALUES) == []
