"""`victimshield key new PATH` (contract): a fresh random key, owner-only, never overwritten."""

from __future__ import annotations

import stat

from typer.testing import CliRunner

from victimshield.cli import app
from victimshield.transform.keys import read_key_file


def test_key_new_writes_an_owner_only_key_the_loader_reads(tmp_path):
    path = tmp_path / "case.key"
    result = CliRunner().invoke(app, ["key", "new", str(path)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(read_key_file(path)) == 32
    other = tmp_path / "other.key"
    CliRunner().invoke(app, ["key", "new", str(other)])
    assert read_key_file(other) != read_key_file(path)
    assert path.read_text() not in result.output  # the key is never printed


def test_key_new_never_overwrites(tmp_path):
    path = tmp_path / "case.key"
    path.write_text("an existing case key, kept\n")
    result = CliRunner().invoke(app, ["key", "new", str(path)])
    assert result.exit_code == 2 and "never overwritten" in result.output
    assert path.read_text() == "an existing case key, kept\n"
