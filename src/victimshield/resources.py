"""Find the shipped ``policies/`` and ``recognizers/`` folders.

In a wheel they are package data under ``victimshield/_data``; in a source
checkout (editable install) they are the top-level folders of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where tables distilled from installed packages are kept between runs (never evidence)."""
    configured = os.environ.get("VICTIMSHIELD_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "victimshield"


def write_cache(path: Path, data: bytes) -> None:
    """Keep ``data`` at ``path`` in the cache folder, atomically (a concurrent run reads either
    nothing or all); a cache that cannot be written is never a reason to fail a run."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home: distil again next time


def data_dir(name: str) -> Path:
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    source_tree = _PACKAGE_DIR.parent.parent / name
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"shipped folder '{name}' is missing from this installation")


def shipped_policy_path(policy_id: str) -> Path:
    """``baseline`` -> policies/baseline.yaml; also looks in policies/examples/."""
    root = data_dir("policies")
    for candidate in (root / f"{policy_id}.yaml", root / "examples" / f"{policy_id}.yaml"):
        if candidate.is_file():
            return candidate
    return root / f"{policy_id}.yaml"


def policy_path(policy: str | Path) -> Path:
    """A policy file as given (a ``.yaml`` path, or any file that exists), else a shipped id."""
    path = Path(policy)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return shipped_policy_path(str(policy))
