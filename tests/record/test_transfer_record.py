"""The signed transfer record (manifest.json) and `victimshield manifest verify` (issue 12)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from typer.testing import CliRunner

import victimshield as vs
from tests.conftest import KEY, REPO, ROSTER_YAML, write, write_key
from victimshield.cli import app
from victimshield.manifest import tool_version
from victimshield.record import verify_export

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
REDACT_ONLY = """\
policy: redact-only
version: 2
from: RO
to: [GB]
legal_basis: "test treaty"
handling: "TLP:GREEN"
roles:
  unknown: {default: redact}
  victim: {default: redact}
  suspect: {default: keep}
"""
TRANSFER = ["--request-ref", "MLA/RO-GB/2026/311", "--recipient", "Crown Prosecution Service",
            "--operator", "operator 17", "--purpose", "prosecution of trafficking offences"]
runner = CliRunner()


def run(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("record")
    evidence = root / "Ioana_Popescu_evidence"
    write(evidence / "a_statement.txt", "Ioana Popescu called Mihai Georgescu on +40 723 456 789.\n")
    write(evidence / "b_report.txt", "Marius Stan met Ionela at the station.\n")
    (evidence / "c_gone.txt").symlink_to(root / "nowhere.txt")  # a broken link: skipped, and recorded
    roster = write(root / "roster.yaml", ROSTER_YAML)
    key = write_key(root / "keys" / "case.key", KEY.hex())
    out = root / "out"
    result = run("redact", evidence, "--policy", POLICY, "--to", "GB", "--roster", roster, "--key-file", key,
                 "--out", out, *TRANSFER)
    assert result.exit_code == 0, result.output
    return {"root": root, "evidence": evidence, "roster": roster, "key": key, "out": out}


@pytest.fixture
def export(case, tmp_path) -> Path:
    """A fresh copy of the export to tamper with."""
    copy = tmp_path / "export"
    shutil.copytree(case["out"], copy, symlinks=True)
    return copy


def record(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


# -- what the record holds ------------------------------------------------------------
def test_record_holds_the_transfer_details_given_and_the_policys(case):
    manifest = record(case["out"])
    assert manifest["transfer"] == {
        "request_ref": "MLA/RO-GB/2026/311", "legal_basis": load_policy_basis(), "purpose":
        "prosecution of trafficking offences", "from": "RO", "recipient": "Crown Prosecution Service",
        "destination": "GB", "operator": "operator 17",
    }
    created = dt.datetime.fromisoformat(manifest["created"])
    assert created.tzinfo is not None and abs(dt.datetime.now(dt.UTC) - created) < dt.timedelta(hours=1)
    assert manifest["tool"] == {"name": "victimshield", "version": tool_version()}
    assert manifest["policy"]["id"] == "ro-to-gb" and manifest["policy"]["version"] == 3
    assert manifest["policy"]["sha256"] == sha(POLICY)
    assert manifest["handling"] == "TLP:AMBER" and manifest["handling_conditions"]["tlp"] == "TLP:AMBER"


def load_policy_basis() -> str:
    return vs.load_policy(POLICY).legal_basis


def test_record_lists_inputs_by_position_with_input_and_output_hashes(case):
    files = record(case["out"])["files"]
    assert [f["input"] for f in files] == ["input 1, file 1", "input 1, file 2"]
    sources = [case["evidence"] / "a_statement.txt", case["evidence"] / "b_report.txt"]
    for entry, source in zip(files, sources, strict=True):
        assert entry["input_sha256"] == sha(source)
        assert entry["output_sha256"] == sha(case["out"] / entry["output"])


def test_record_counts_each_role_entity_type_and_action(case):
    totals = record(case["out"])["totals"]
    keyed = {(r["role"], r["entity_type"], r["action"]): r["count"] for r in totals}
    assert keyed[("victim", "PERSON", "pseudonymize")] >= 2  # Ioana Popescu, Ionela
    assert keyed[("witness", "PERSON", "pseudonymize")] == 1
    assert keyed[("suspect", "PERSON", "keep")] == 1
    assert keyed[("victim", "PHONE_NUMBER", "pseudonymize")] == 1
    assert sum(keyed.values()) == sum(sum(r["count"] for r in f["decisions"]) for f in record(case["out"])["files"])


def test_record_names_the_parts_dropped_and_why_by_position(case):
    dropped = record(case["out"])["dropped"]
    assert {"input": "input 1, file 3", "what": "a broken symbolic link, skipped"} in dropped


def test_record_holds_no_input_name_and_no_protected_value(case):
    text = (case["out"] / "manifest.json").read_text(encoding="utf-8")
    # Outputs keep their (redacted) names; the input folder and a skipped link are named by position only.
    for value in ("Ioana", "Popescu", "Mihai", "723 456", "c_gone", "_evidence"):
        assert value not in text, value


def test_record_signature_is_hmac_sha256_under_the_hkdf_manifest_key(case):
    manifest = record(case["out"])
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"victimshield manifest v1").derive(KEY)
    body = {k: v for k, v in manifest.items() if k != "signature"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert manifest["signature"]["algorithm"] == "HMAC-SHA256"
    assert manifest["signature"]["value"] == hmac.new(derived, canonical, hashlib.sha256).hexdigest()
    assert manifest["signature"]["value"] != hmac.new(KEY, canonical, hashlib.sha256).hexdigest()


# -- manifest verify ---------------------------------------------------------------------
def test_manifest_verify_passes_an_intact_export(case):
    result = run("manifest", "verify", case["out"], "--key-file", case["key"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output and "2 file(s)" in result.output
    assert verify_export(case["out"], key=KEY).ok


def test_manifest_verify_names_a_changed_file(case, export):
    target = record(export)["files"][1]["output"]
    (export / target).write_text("something else\n", encoding="utf-8")
    result = run("manifest", "verify", export, "--key-file", case["key"])
    assert result.exit_code == 1
    assert f"output '{target}' (input 1, file 2) was changed" in result.output
    assert "record (manifest.json) was changed" not in result.output


def test_manifest_verify_names_a_missing_file(case, export):
    target = record(export)["files"][0]["output"]
    (export / target).unlink()
    result = run("manifest", "verify", export, "--key-file", case["key"])
    assert result.exit_code == 1 and f"output '{target}' (input 1, file 1) is missing" in result.output


def test_manifest_verify_names_an_added_file(case, export):
    write(export / "sub" / "extra.txt", "added later\n")
    result = run("manifest", "verify", export, "--key-file", case["key"])
    assert result.exit_code == 1 and "was added: the record does not list it" in result.output
    assert "extra" not in result.output, "an added file is named by position, never by its name"


def test_manifest_verify_finds_a_changed_record(case, export):
    manifest = record(export)
    manifest["transfer"]["recipient"] = "Someone Else"
    (export / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run("manifest", "verify", export, "--key-file", case["key"])
    assert result.exit_code == 1 and "the record (manifest.json) was changed" in result.output


def test_a_changed_file_rehashed_into_the_record_is_caught_by_the_signature(case, export):
    manifest = record(export)
    target = export / manifest["files"][0]["output"]
    target.write_text("rewritten\n", encoding="utf-8")
    manifest["files"][0]["output_sha256"] = sha(target)
    (export / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    check = verify_export(export, key_file=case["key"])
    assert check.problems == ("the record (manifest.json) was changed: its signature does not match its content",)


def test_manifest_verify_says_the_record_is_missing(case, export):
    (export / "manifest.json").unlink()
    result = run("manifest", "verify", export, "--key-file", case["key"])
    assert result.exit_code == 1 and "manifest.json is missing" in result.output


def test_manifest_verify_with_another_key_refuses_and_says_nothing_partial(case, export, tmp_path):
    (export / record(export)["files"][0]["output"]).write_text("changed too\n", encoding="utf-8")
    other = write_key(tmp_path / "other.key", bytes(range(100, 132)).hex())
    result = run("manifest", "verify", export, "--key-file", other)
    assert result.exit_code == 2
    assert "this record was not signed with this key" in result.output
    assert "changed" not in result.output.replace("nothing else was checked", "")
    with pytest.raises(vs.UsageError, match="not signed with this key"):
        verify_export(export, key=bytes(range(100, 132)))


def test_manifest_verify_refuses_a_key_file_others_can_read(case, tmp_path):
    loose = write_key(tmp_path / "loose.key", KEY.hex())
    loose.chmod(0o644)
    result = run("manifest", "verify", case["out"], "--key-file", loose)
    assert result.exit_code == 2 and "others may read or change it" in result.output


def test_manifest_verify_without_a_key_is_a_usage_error(case):
    result = run("manifest", "verify", case["out"], env={"VICTIMSHIELD_KEY": "", "VICTIMSHIELD_KEY_FILE": ""})
    assert result.exit_code == 2 and "--key-file" in result.output


# -- an unkeyed run -----------------------------------------------------------------------
def test_an_unkeyed_run_writes_an_unsigned_record_and_says_so(tmp_path):
    policy = write(tmp_path / "redact-only.yaml", REDACT_ONLY)
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200 in cash.\n")
    out = tmp_path / "out"
    result = run("redact", evidence, "--policy", policy, "--to", "GB", "--out", out,
                 env={"VICTIMSHIELD_KEY": "", "VICTIMSHIELD_KEY_FILE": ""})
    assert result.exit_code == 0, result.output
    assert "transfer record is unsigned" in result.output
    signature = record(out)["signature"]
    assert signature["algorithm"] is None and "no case key" in signature["unsigned"]
    key = write_key(tmp_path / "case.key", KEY.hex())
    checked = run("manifest", "verify", out, "--key-file", key)
    assert checked.exit_code == 2 and "this record has no signature" in checked.output


def test_a_keyed_run_of_a_keyless_policy_is_signed(tmp_path):
    policy = write(tmp_path / "redact-only.yaml", REDACT_ONLY)
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200 in cash.\n")
    key = write_key(tmp_path / "case.key", KEY.hex())
    assert run("redact", evidence, "--policy", policy, "--to", "GB", "--out", tmp_path / "out",
               "--key-file", key).exit_code == 0
    assert run("manifest", "verify", tmp_path / "out", "--key-file", key).exit_code == 0


# -- the transfer details travel with the export ----------------------------------------------
@pytest.mark.parametrize("flag", ["--request-ref", "--recipient", "--operator", "--purpose"])
def test_a_transfer_field_holding_a_roster_value_is_refused_naming_the_field(case, tmp_path, flag):
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200 in cash.\n")
    out = tmp_path / "out"
    result = run("redact", evidence, "--policy", POLICY, "--to", "GB", "--roster", case["roster"],
                 "--key-file", case["key"], "--out", out, flag, "case of Ioana Popescu")
    assert result.exit_code == 2
    field = flag.removeprefix("--").replace("-", "_")
    assert f"transfer {field}: holds a protected value" in result.output
    assert "Ioana" not in result.output and not out.exists()


def test_a_transfer_field_of_two_lines_is_refused(case, tmp_path):
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200 in cash.\n")
    result = run("redact", evidence, "--policy", POLICY, "--to", "GB", "--key-file", case["key"],
                 "--out", tmp_path / "out", "--recipient", "line one\nline two")
    assert result.exit_code == 2 and "transfer recipient: one line" in result.output


def test_the_python_api_takes_a_transfer_and_refuses_anything_else(case, tmp_path):
    from victimshield.record import Transfer

    shield = vs.Shield.from_files(POLICY, "GB", key=KEY.hex())
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200 in cash.\n")
    with pytest.raises(vs.ArgumentError, match="transfer"):
        shield.redact_paths([evidence], out=tmp_path / "bad", transfer={"recipient": "X"})  # type: ignore[arg-type]
    report = shield.redact_paths([evidence], out=tmp_path / "out", transfer=Transfer(recipient="Crown Prosecution"))
    assert report.manifest["transfer"]["recipient"] == "Crown Prosecution"  # type: ignore[index]
    assert verify_export(tmp_path / "out", key=KEY.hex()).ok
