"""Table and PDF libraries load only when a table or PDF is read or written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import KEY

HEAVY = ("pandas", "pyarrow", "openpyxl", "pypdf", "reportlab")
REDACT_ONE = """
import sys
from pathlib import Path
import victimshield as vs

case, source, out, kind = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
shield = vs.Shield.from_files(case / "policy.yaml", "GB", roster=case / "roster.yaml", key=bytes.fromhex(sys.argv[5]))
shield.redact_paths([source], out)
print(" ".join(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[6].split(",")))) or "-")
"""


def _loaded_after_redacting(case_dir: Path, tmp_path: Path, name: str, data: bytes) -> list[str]:
    source = tmp_path / "in"
    source.mkdir()
    (source / name).write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", REDACT_ONE, str(case_dir), str(source), str(tmp_path / "out"), name, KEY.hex(),
         ",".join(HEAVY)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / "manifest.json").is_file()
    return done.stdout.split()


def test_redacting_only_a_text_file_loads_no_table_or_pdf_library(case_dir: Path, tmp_path: Path) -> None:
    assert _loaded_after_redacting(case_dir, tmp_path, "statement.txt", b"Ioana Popescu called on Monday.\n") == ["-"]


def test_redacting_a_csv_loads_pandas_but_no_pdf_library(case_dir: Path, tmp_path: Path) -> None:
    # The other side of the same check: the probe sees a library when it is loaded.
    loaded = _loaded_after_redacting(case_dir, tmp_path, "rows.csv", b"note,amount\nIoana Popescu paid,10\n")
    assert "pandas" in loaded and "pypdf" not in loaded and "reportlab" not in loaded
