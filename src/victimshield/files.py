"""Inputs to files and back: collecting inputs, staging, and moving outputs into place.

Nothing is written under ``--out`` until the whole output has been verified in a
staging folder beside it; on any failure the staging folder is removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from victimshield.errors import InputError, UsageError

MANIFEST = "manifest.json"


def collect_inputs(inputs: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """(path, relative path) of every file: files as named, folders recursively."""
    found: list[tuple[Path, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                found.append((child, child.relative_to(path).as_posix()))
        elif path.is_file():
            found.append((path, path.name))
        else:
            raise InputError(path, "no such file or folder")
    relatives = [rel for _, rel in found]
    clashes = sorted({rel for rel in relatives if relatives.count(rel) > 1})
    if clashes:
        raise UsageError(f"{len(clashes)} input(s) would be written to the same output path; give them in separate runs")
    if not found:
        raise UsageError("no input files found")
    return found


def check_out_dir(out: Path, inputs: Iterable[Path], overwrite: bool) -> None:
    resolved = out.resolve()
    for source in inputs:
        src = source.resolve()
        if resolved == src or resolved in src.parents or src in resolved.parents:
            raise UsageError(f"--out {out} overlaps the input {source}")
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not overwrite:
        raise UsageError(f"--out {out} exists and is not empty (use --force to replace it)")


@contextmanager
def staging_dir(out: Path) -> Iterator[Path]:
    """A folder beside ``out`` (same file system, so the final move is a rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out) if out.is_dir() else out.unlink()
    os.replace(staging, out)


def write_bytes(root: Path, relative: str, data: bytes) -> Path:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target
