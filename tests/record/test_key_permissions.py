"""A case key that others may read is refused (exit 2), naming the problem, never the key."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import victimshield as vs
from tests.conftest import KEY, REPO, write, write_key
from victimshield.cli import app

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
runner = CliRunner()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620, 0o660, 0o666])
def test_a_key_file_others_may_read_or_change_is_refused_with_exit_2(tmp_path, mode):
    key = write_key(tmp_path / "k" / "secret-case-name.key", KEY.hex())
    key.chmod(mode)
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200 in cash.\n")
    result = runner.invoke(app, ["redact", str(evidence), "--policy", str(POLICY), "--to", "GB",
                                 "--key-file", str(key), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "others may read or change it" in result.output and f"{mode:04o}" in result.output
    assert "chmod 600" in result.output
    assert "secret-case-name" not in result.output and KEY.hex() not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("mode", [0o600, 0o400])
def test_an_owner_only_key_file_is_used(tmp_path, mode):
    key = write_key(tmp_path / "case.key", KEY.hex())
    key.chmod(mode)
    shield = vs.Shield.from_files(POLICY, "GB", key_file=key)
    assert repr(shield).endswith("keyed=True)")


def test_the_environment_key_file_is_checked_the_same_way(tmp_path, monkeypatch):
    key = write_key(tmp_path / "case.key", KEY.hex())
    key.chmod(0o644)
    monkeypatch.setenv("VICTIMSHIELD_KEY_FILE", str(key))
    result = runner.invoke(app, ["decrypt", "[ENC:AAAA]", "--policy", str(POLICY), "--to", "GB"])
    assert result.exit_code == 2 and "others may read or change it" in result.output


def test_the_api_refuses_it_as_a_usage_error(tmp_path):
    key = write_key(tmp_path / "case.key", KEY.hex())
    key.chmod(0o640)
    with pytest.raises(vs.UsageError, match="owner-only"):
        vs.Shield.from_files(POLICY, "GB", key_file=key)
