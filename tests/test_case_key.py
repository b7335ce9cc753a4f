"""The case key never leaves: not as a file among the inputs, nor written inside one (issue 8)."""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
from pathlib import Path

import pytest
from typer.testing import CliRunner

import victimshield as vs
from tests.conftest import AS_OF, write
from victimshield.cli import app

runner = CliRunner()
# A policy that keeps everything it can: only the built-in rule stands between the key and the export.
KEEP_ALL = """\
policy: keep-all
version: 1
from: RO
to: [GB]
legal_basis: "test"
handling: "TLP:AMBER"
roles:
  unknown: {default: keep}
  suspect: {default: keep}
  victim: {default: keep}
columns:
  token: {entity: ACCOUNT_NUMBER}
"""
FORCED = ("unknown", "CASE_KEY", "redact", "built-in: the case key never leaves")


def run(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def secret() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def case(tmp_path: Path, secret: bytes) -> dict[str, Path]:
    key_file = tmp_path / "case" / "case.key"
    key_file.parent.mkdir()
    key_file.write_text(secret.hex() + "\n")
    key_file.chmod(0o600)  # owner-only, as `key new` writes it
    policy = write(tmp_path / "case" / "keep-all.yaml", KEEP_ALL)
    evidence = write(tmp_path / "in" / "a_report.txt", "Dave Morgan paid 200 in cash on Friday.\n")
    return {"key": key_file, "policy": policy, "in": evidence.parent, "out": tmp_path / "out"}


def written_forms(secret: bytes) -> list[str]:
    b64, url = base64.b64encode(secret).decode(), base64.urlsafe_b64encode(secret).decode()
    return [secret.hex(), secret.hex().upper(), b64, b64.rstrip("="), url, url.rstrip("=")]


def everything_written(out: Path) -> str:
    parts = []
    for path in sorted(out.rglob("*")):
        parts.append(path.relative_to(out).as_posix())
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "ignore"))
    return "\n".join(parts)


def assert_key_absent(text: str, secret: bytes) -> None:
    # Only the forms' numbers may reach a failure message, never the text around them.
    # Separators and invisible characters squeezed out: "9f:3c:…" and a zero-width space count too.
    folded = re.sub(r"[^0-9a-z+/_\-]", "", text.casefold())
    left = [n for n, form in enumerate(written_forms(secret), start=1) if form.casefold() in folded]
    assert left == [], "these written forms of the key left"


@pytest.mark.parametrize("how", ["itself", "symlink", "hardlink"])
def test_key_file_inside_an_input_folder_is_refused_by_position(case, how):
    inside = case["in"] / "zz_notes.txt"
    if how == "itself":
        case["key"].rename(inside)
        case["key"] = inside
    elif how == "symlink":
        inside.symlink_to(case["key"])
    else:
        os.link(case["key"], inside)
    result = run(
        "redact", case["in"], "--policy", case["policy"], "--to", "GB", "--key-file", case["key"], "--out", case["out"]
    )
    assert result.exit_code == 2, result.output
    assert "input 1, file 2" in result.output and "case key" in result.output
    assert "zz_notes" not in result.output and "a_report" not in result.output
    assert not case["out"].exists()


def test_key_file_given_as_an_input_is_refused_and_the_environment_key_file_counts_too(case):
    env = {"VICTIMSHIELD_KEY_FILE": str(case["key"])}
    result = run(
        "redact", case["in"], case["key"], "--policy", case["policy"], "--to", "GB", "--out", case["out"], env=env
    )
    assert result.exit_code == 2 and "input 2 is the case key file" in result.output
    assert "case.key" not in result.output and not case["out"].exists()


@pytest.mark.parametrize("form", range(6))
def test_key_written_in_a_note_is_redacted_whatever_the_policy_says(case, secret, form):
    written = written_forms(secret)[form]
    write(case["in"] / "note.txt", f"backup of the key: {written} keep it safe\n")
    shield = vs.Shield.from_files(case["policy"], "GB", key_file=case["key"], options=vs.Options(as_of=AS_OF))
    report = shield.redact_paths([case["in"]], case["out"])
    assert_key_absent(everything_written(case["out"]), secret)
    assert report.totals()[FORCED] == 1
    assert "keep it safe" in (case["out"] / "note.txt").read_text()


@pytest.mark.parametrize("dressing", ["colons", "zero-width", "raw-text", "file-name"])
def test_key_in_disguise_or_in_a_file_name_never_leaves(case, secret, dressing):
    hexed = secret.hex()
    if dressing == "colons":
        write(case["in"] / "note.txt", "key " + ":".join(hexed[i:i + 2] for i in range(0, len(hexed), 2)) + "\n")
    elif dressing == "zero-width":
        write(case["in"] / "note.txt", f"key {hexed[:20]}\u200b{hexed[20:]}\n")
    elif dressing == "raw-text":
        case["key"].write_text("  correct horse battery staple, twice over  \n")  # a text key, used as written
        write(case["in"] / "note.txt", "the phrase was correct horse battery staple, twice over.\n")
    else:
        write(case["in"] / f"{hexed}.txt", "nothing here\n")
    shield = vs.Shield.from_files(case["policy"], "GB", key_file=case["key"], options=vs.Options(as_of=AS_OF))
    shield.redact_paths([case["in"]], case["out"])
    written = everything_written(case["out"])
    assert_key_absent(written, secret)
    assert ("horse battery" in written) is False


def test_key_in_a_declared_table_column_is_redacted(case, secret):
    rows = "token,amount\n" + f"{secret.hex()},200\n" + "RO49AAAA1B31007593840000,300\n"
    (case["in"] / "t.csv").write_text(rows)
    shield = vs.Shield.from_files(case["policy"], "GB", key_file=case["key"], options=vs.Options(as_of=AS_OF))
    report = shield.redact_paths([case["in"]], case["out"])
    assert_key_absent(everything_written(case["out"]), secret)
    assert report.totals()[FORCED] == 1


def test_key_in_a_kept_column_fails_verification_and_nothing_is_left(case, secret):
    # A `keep` column is never detected; the byte check below every reader still stops it.
    write(case["policy"], KEEP_ALL.replace("token: {entity: ACCOUNT_NUMBER}", "token: keep"))
    (case["in"] / "t.csv").write_text(f"token,amount\n{secret.hex()},200\n")
    shield = vs.Shield.from_files(case["policy"], "GB", key_file=case["key"], options=vs.Options(as_of=AS_OF))
    with pytest.raises(vs.VerificationError, match="holds the case key") as info:
        shield.redact_paths([case["in"]], case["out"])
    assert_key_absent(str(info.value), secret)
    assert not case["out"].exists() and sorted(p.name for p in case["out"].parent.iterdir()) == ["case", "in"]


def test_verify_finds_the_key_in_a_folder(case, secret):
    write(case["in"] / "note.txt", f"key: {base64.b64encode(secret).decode()}\n")
    result = run("verify", case["in"], "--policy", case["policy"], "--to", "GB", "--key-file", case["key"])
    assert result.exit_code == 1, result.output
    assert "CASE_KEY" in result.output and "the case key never leaves" in result.output
    assert_key_absent(result.output, secret)


def test_manifest_names_the_forced_rule(case, secret):
    write(case["in"] / "note.txt", f"key {secret.hex()}\n")
    result = run(
        "redact", case["in"], "--policy", case["policy"], "--to", "GB", "--key-file", case["key"], "--out", case["out"]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((case["out"] / "manifest.json").read_text())
    assert {"role": "unknown", "entity_type": "CASE_KEY", "action": "redact",
            "rule": "built-in: the case key never leaves", "count": 1} in manifest["totals"]
    assert_key_absent(everything_written(case["out"]) + result.output, secret)
