"""Checks at the public API's door: a wrong argument, or a file-system failure, becomes an
error of the documented hierarchy (``ArgumentError`` is a ``TypeError`` too) before it
can surface as a bare ``AttributeError`` or ``OSError`` deep inside a run.

Messages name the parameter and the type given, or the kind of file-system error: never
a value, never a path that came from the evidence.
"""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path
from typing import ParamSpec, TypeVar

from victimshield.errors import ArgumentError, UsageError, VictimShieldError

P = ParamSpec("P")
R = TypeVar("R")


def _kind(value: object) -> str:
    return type(value).__name__


def require_text(value: object, name: str = "text") -> str:
    if not isinstance(value, str):
        raise ArgumentError(f"{name} must be a str, not {_kind(value)}")
    return value


def require_path(value: object, name: str) -> Path:
    if not isinstance(value, (str, PathLike)):
        raise ArgumentError(f"{name} must be a path (str or os.PathLike), not {_kind(value)}")
    return Path(value)


def require_paths(values: object, name: str = "inputs") -> list[Path]:
    """A list of paths; one path given alone counts as a list of one (not as its letters)."""
    if isinstance(values, (str, PathLike)):
        return [Path(values)]
    if not isinstance(values, Iterable):
        raise ArgumentError(f"{name} must be paths (an iterable of str or os.PathLike), not {_kind(values)}")
    return [require_path(v, f"each of {name}") for v in values]


def require_out(value: object) -> Path:
    """``out`` as a path whose nearest existing ancestor is a folder (else it cannot be made)."""
    out = require_path(value, "out")
    for ancestor in out.absolute().parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise UsageError(
                    "--out cannot be made: a part of its path is a file, not a folder; nothing was changed"
                )
            break
    return out


def require_instance(value: object, kind: type | tuple[type, ...], name: str) -> None:
    if not isinstance(value, kind):
        kinds = " or ".join(
            "None" if k is type(None) else k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,))
        )
        raise ArgumentError(f"{name} must be a {kinds}, not {_kind(value)}")


MAX_PROCESSES = 64


def require_processes(value: object) -> int:
    """A count of processes: a whole number from 1 to ``MAX_PROCESSES`` (True is no count)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PROCESSES:
        raise UsageError(f"processes must be a whole number from 1 to {MAX_PROCESSES}")
    return value


def file_system_errors(function: Callable[P, R]) -> Callable[P, R]:
    """A file-system failure during a run (disk full, permission denied) as a
    ``VictimShieldError`` (exit 3) naming its kind only; ``OSError`` texts carry paths."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except VictimShieldError:
            raise
        except OSError as exc:
            code = errno.errorcode.get(exc.errno or 0, "")
            kind = f"{type(exc).__name__}{', ' + code if code else ''}"
            raise VictimShieldError(f"the run stopped on a file-system error ({kind}); nothing was published") from None

    return wrapper

