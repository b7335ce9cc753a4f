"""The hash-chained audit log and `victimshield audit verify` (issue 12)."""

from __future__ import annotations

import json
import multiprocessing
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import KEY, PROTECTED_VALUES, REPO, ROSTER_YAML, leaked_values, write, write_key
from victimshield.cli import app
from victimshield.errors import UsageError
from victimshield.record.audit import GENESIS, append_event, default_log_path, entry_hash, verify_log

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def entries(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def three_line_log(tmp_path: Path) -> Path:
    log = tmp_path / "audit.jsonl"
    for n in range(3):
        append_event(log, "verify", what={"leaks": n})
    return log


def test_audit_chain_links_each_line_to_the_last(tmp_path: Path) -> None:
    log = three_line_log(tmp_path)
    lines = entries(log)
    assert [e["seq"] for e in lines] == [1, 2, 3]
    assert lines[0]["prev_hash"] == GENESIS
    assert lines[1]["prev_hash"] == lines[0]["hash"] and lines[2]["prev_hash"] == lines[1]["hash"]
    assert all(e["hash"] == entry_hash(e) for e in lines)
    assert verify_log(log).ok
    result = run("audit", "verify", log)
    assert result.exit_code == 0, result.output
    assert "3 entries" in result.output


def test_audit_log_is_created_owner_only(tmp_path: Path) -> None:
    log = tmp_path / "state" / "audit.jsonl"
    append_event(log, "key new")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def _rewrite(log: Path, lines: list[str]) -> None:
    log.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _edit_field(lines: list[str]) -> list[str]:
    entry = json.loads(lines[1])
    entry["result"]["exit"] = 1
    return [lines[0], json.dumps(entry), lines[2]]


def _insert_line(lines: list[str]) -> list[str]:
    forged = json.loads(lines[1])
    forged["operation"] = "redact"
    forged["hash"] = entry_hash(forged)
    return [lines[0], lines[1], json.dumps(forged), lines[2]]


@pytest.mark.parametrize(
    ("tamper", "line"),
    [
        (_edit_field, 2),
        (lambda lines: [lines[0], lines[2]], 2),  # delete a line
        (lambda lines: [lines[1], lines[0], lines[2]], 1),  # swap two lines
        (_insert_line, 3),
        (lambda lines: [lines[0], "not json", lines[2]], 2),
    ],
    ids=["edit a field", "delete a line", "swap two lines", "insert a line", "garble a line"],
)
def test_audit_verify_names_the_first_tampered_line(tmp_path: Path, tamper, line: int) -> None:
    log = three_line_log(tmp_path)
    _rewrite(log, tamper(log.read_text(encoding="utf-8").splitlines()))
    check = verify_log(log)
    assert not check.ok and check.line == line
    result = run("audit", "verify", log)
    assert result.exit_code == 1
    assert f"line {line}:" in result.output


def test_audit_verify_exits_2_for_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        verify_log(tmp_path / "missing.jsonl")
    assert run("audit", "verify", tmp_path / "missing.jsonl").exit_code == 2


def _append_many(log: str, count: int) -> None:
    for n in range(count):
        append_event(log, "verify", what={"n": n})


def test_audit_appends_from_two_processes_keep_the_chain(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_append_many, args=(str(log), 40)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [w.exitcode for w in workers] == [0, 0]
    check = verify_log(log)
    assert check.ok, check.problem
    assert check.entries == 80


def test_audit_log_defaults_to_the_env_var_then_the_state_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VICTIMSHIELD_AUDIT_LOG", str(tmp_path / "env.jsonl"))
    assert default_log_path() == tmp_path / "env.jsonl"
    monkeypatch.delenv("VICTIMSHIELD_AUDIT_LOG")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert default_log_path() == tmp_path / "state" / "victimshield" / "audit.jsonl"


@pytest.fixture
def case(tmp_path: Path) -> dict[str, Path]:
    evidence = tmp_path / "Ioana_Popescu_evidence"
    write(evidence / "Mihai_Georgescu.txt", "Ioana Popescu called Mihai Georgescu on +40 723 456 789.\n")
    write(evidence / "b.txt", "Marius Stan met Ionela at Strada Lipscani 12, Bucuresti. ioana.p@example.com\n")
    return {
        "evidence": evidence,
        "roster": write(tmp_path / "roster.yaml", ROSTER_YAML),
        "key": write_key(tmp_path / "keys" / "case.key", KEY.hex()),
        "log": tmp_path / "logs" / "audit.jsonl",
    }


def test_audit_redact_logs_who_what_why_without_values_or_names(case: dict[str, Path]) -> None:
    out = case["evidence"].parent / "out"
    result = run("redact", case["evidence"], "--policy", POLICY, "--to", "GB", "--roster", case["roster"],
                 "--key-file", case["key"], "--out", out, "--audit-log", case["log"],
                 "--request-ref", "MLA/RO-GB/2026/311", "--operator", "operator 17", "--purpose", "prosecution")
    assert result.exit_code == 0, result.output
    [entry] = entries(case["log"])
    assert entry["operation"] == "redact" and entry["result"] == {"exit": 0, "error": None}
    assert entry["who"]["operator"] == "operator 17" and entry["who"]["user"]
    assert entry["why"]["request_ref"] == "MLA/RO-GB/2026/311"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert entry["what"]["policy"]["sha256"] == manifest["policy"]["sha256"]
    assert {f["input_sha256"] for f in entry["what"]["files"]} == {f["input_sha256"] for f in manifest["files"]}
    text = case["log"].read_text(encoding="utf-8")
    assert leaked_values(text, [*PROTECTED_VALUES, "Ioana_Popescu_evidence", "Mihai_Georgescu"]) == []


def test_audit_failed_run_logs_exit_code_and_error_class_only(case: dict[str, Path]) -> None:
    # The request reference holds a victim's name: refused (exit 2), and the log keeps only
    # that the field was given, never its text.
    result = run("redact", case["evidence"], "--policy", POLICY, "--to", "GB", "--roster", case["roster"],
                 "--key-file", case["key"], "--out", case["evidence"].parent / "out", "--audit-log", case["log"],
                 "--request-ref", "case of Ioana Popescu")
    assert result.exit_code == 2
    [entry] = entries(case["log"])
    assert entry["result"] == {"exit": 2, "error": "UsageError"}
    assert entry["why"] == {"given": ["request_ref"]}
    assert leaked_values(case["log"].read_text(encoding="utf-8")) == []


def test_audit_logs_verify_key_new_and_manifest_verify(case: dict[str, Path]) -> None:
    out = case["evidence"].parent / "out"
    assert run("redact", case["evidence"], "--policy", POLICY, "--to", "GB", "--roster", case["roster"],
               "--key-file", case["key"], "--out", out, "--audit-log", case["log"]).exit_code == 0
    assert run("verify", out, "--policy", POLICY, "--to", "GB", "--roster", case["roster"],
               "--audit-log", case["log"]).exit_code == 0
    assert run("manifest", "verify", out, "--key-file", case["key"], "--audit-log", case["log"]).exit_code == 0
    assert run("key", "new", case["evidence"].parent / "keys" / "new.key", "--audit-log", case["log"]).exit_code == 0
    assert run("key", "new", case["key"], "--audit-log", case["log"]).exit_code == 2  # exists: refused, logged
    logged = entries(case["log"])
    assert [(e["operation"], e["result"]["exit"]) for e in logged] == [
        ("redact", 0), ("verify", 0), ("manifest verify", 0), ("key new", 0), ("key new", 2)]
    assert verify_log(case["log"]).ok
    assert "case.key" not in case["log"].read_text(encoding="utf-8")
