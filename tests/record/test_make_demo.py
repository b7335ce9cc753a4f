"""`make demo` runs with an owner-only copy of the tracked demo key, and ends by printing where
the transfer record is and checking the export against it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import victimshield as vs
from tests.conftest import REPO

PACKAGE_ROOT = str(Path(vs.__file__).resolve().parents[1])


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_demo_uses_an_owner_only_key_and_ends_by_verifying_the_record(tmp_path):
    # The package under test, wherever it was imported from, in place of the venv's command.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    command = bin_dir / "victimshield"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "from victimshield.cli import main; main()" "$@"\n')
    command.chmod(0o755)
    tracked = REPO / "examples" / "case-demo" / "demo.key"
    tracked_mode = stat.S_IMODE(tracked.stat().st_mode)
    out, key = tmp_path / "demo-out", tmp_path / "keys" / "demo.key"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "install", "-o", "system-packages", "demo",
         f"BIN={bin_dir}", f"DEMO_OUT={out}", f"DEMO_KEY={key}"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": PACKAGE_ROOT},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(tracked.stat().st_mode) == tracked_mode  # the checkout is left as it was
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert f"transfer record (signed, for sender and recipient): {out}/manifest.json" in lines
    assert lines[-1].startswith("intact: the record's signature and all")
    assert (out / "manifest.json").is_file()
