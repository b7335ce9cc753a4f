"""Heavy libraries load only when the work needs them (docs/quality-gates.md).

Each check runs in a fresh interpreter: this test process has long since imported everything.
"""

import json
import subprocess
import sys

import pytest

import victimshield

HEAVY = ("pandas", "pyarrow", "openpyxl", "pypdf", "reportlab", "presidio_analyzer", "spacy", "wordfreq",
         "names_dataset")


def _heavy_loaded_after(code: str) -> list[str]:
    probe = code + (
        "\nimport json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    loaded: list[str] = json.loads(out.strip().splitlines()[-1])
    return loaded


def test_import_victimshield_loads_no_heavy_library():
    assert _heavy_loaded_after("import victimshield") == []


def test_catching_an_error_loads_no_heavy_library():
    assert _heavy_loaded_after("from victimshield import InputError, Role, Finding") == []


def test_cli_help_loads_no_heavy_library():
    code = (
        "import sys\n"
        "from victimshield.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='victimshield')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
    )
    assert _heavy_loaded_after(code) == []


def test_every_public_name_still_resolves_in_a_fresh_process():
    code = "import victimshield; print(' '.join(getattr(victimshield, n).__name__ for n in victimshield.__all__))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == list(victimshield.__all__)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute"):
        _ = victimshield.NoSuchThing  # type: ignore[attr-defined]
