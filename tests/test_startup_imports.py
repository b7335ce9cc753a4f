"""`victimshield --help`, `policy check` and `policy show` start in well under a second because
they import only what they print: no NLP, no tables, no detection, no pipeline (issue 11).

A module check in a fresh interpreter, never a timing: each command runs in its own process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

POLICY = Path(__file__).resolve().parents[1] / "policies" / "examples" / "ro-to-gb.yaml"
HEAVY = ("spacy", "presidio_analyzer", "pandas", "wordfreq", "victimshield.detect", "victimshield.shield",
         "victimshield.pipeline")


def _loaded_after(args: list[str], modules: tuple[str, ...] = HEAVY) -> tuple[int, list[str]]:
    probe = (
        "import json, sys\n"
        "from victimshield.cli import app\n"
        "try:\n"
        f"    app({args!r}, prog_name='victimshield')\n"
        "except SystemExit as exit:\n"
        "    code = exit.code or 0\n"
        f"heavy = sorted(m for m in {list(modules)!r} if m in sys.modules)\n"
        "print(json.dumps([code, heavy]))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    code, heavy = json.loads(out.strip().splitlines()[-1])
    return code, heavy


@pytest.mark.parametrize(
    "args",
    [["--help"], ["policy", "check", str(POLICY)], ["policy", "show", str(POLICY)],
     ["policy", "show", str(POLICY), "--to", "GB"], ["policy", "check", "ro-to-gb"]],
    ids=["help", "policy check", "policy show", "policy show --to", "policy check by id"],
)
def test_quick_commands_import_no_nlp_tables_or_detection(args: list[str]) -> None:
    code, heavy = _loaded_after(args)
    assert code == 0
    assert heavy == []


def test_help_loads_no_policy_models_or_keys() -> None:
    code, loaded = _loaded_after(["--help"], ("pydantic", "victimshield.policy.model", "cryptography"))
    assert code == 0
    assert loaded == []
