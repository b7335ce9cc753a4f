"""Formats never import detection (it reaches ``prepare`` as a callable), nor Presidio or spaCy."""

from __future__ import annotations

import ast
from pathlib import Path

import victimshield

PACKAGE = Path(victimshield.__file__).resolve().parent
FORBIDDEN = ("victimshield.detect", "presidio_analyzer", "spacy")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # function bodies too: lazy imports count
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_format_module_imports_detection() -> None:
    modules = sorted(p for folder in ("formats", "read", "write") for p in (PACKAGE / folder).rglob("*.py"))
    modules += [PACKAGE / "tables.py", PACKAGE / "table_cells.py"]
    assert len(modules) > 15  # the walk found the format modules
    offending = sorted(f"{p.relative_to(PACKAGE)} imports {name}" for p in modules for name in _imports(p)
                       if name.startswith(FORBIDDEN))
    assert not offending, offending
