"""Every notebook in examples/notebooks runs headless from top to bottom (nbclient), shows no
protected value of the demo case, and is stored without outputs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import victimshield
from tests.conftest import REPO
from tests.test_cli import protected_forms

NOTEBOOKS = sorted((REPO / "examples" / "notebooks").glob("*.ipynb"))
DEMO_ROSTER = REPO / "examples" / "case-demo" / "roster.yaml"
KERNEL = "victimshield-test"


def outputs_text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            for value in output.get("data", {}).values():
                parts.append(str(value))
            parts += [str(output.get("ename", "")), str(output.get("evalue", ""))]
    return "\n".join(parts)


def test_there_is_a_notebook_to_run():
    assert NOTEBOOKS, "examples/notebooks holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_headless_and_shows_no_protected_value(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import nbformat
    from nbclient import NotebookClient

    # The kernel is this interpreter (not whatever "python3" kernel a machine has), and it
    # imports the same victimshield as this test run (a source tree or an install).
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    source = str(Path(victimshield.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH")) if p))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name=KERNEL, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError (with the cell's traceback) if any cell fails
    shown = outputs_text(notebook).casefold()
    hits = [i for i, form in enumerate(protected_forms(DEMO_ROSTER)) if form.casefold() in shown]
    assert hits == [], f"notebook output shows protected value(s) #{hits} of the demo roster"
    assert "verified: nothing the policy forbids is left" in shown
