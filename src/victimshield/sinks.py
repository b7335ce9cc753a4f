"""Where a verified export goes.

Every run writes its outputs and ``manifest.json`` into a staging folder and verifies them
there; only then does the sink receive them. A sink never sees an unverified byte, and a
run that fails leaves the sink untouched. A new place to write to is one class with the
three methods of ``Sink`` (see docs/plugins.md).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol, runtime_checkable

from victimshield.files import check_out_dir, publish, staging_dir


@runtime_checkable
class Sink(Protocol):
    """``location`` is what ``Report.out`` shows. ``check`` runs before any input is read
    (refuse with ``UsageError``); ``staging`` gives the folder the run writes into;
    ``publish`` receives that folder once it has been verified (manifest included)."""

    @property
    def location(self) -> Path: ...

    def check(self, inputs: Sequence[Path]) -> None: ...

    def staging(self) -> AbstractContextManager[Path]: ...

    def publish(self, staging: Path) -> None: ...


class FolderSink:
    """The command line's export: ``out`` is created or, with ``overwrite``, an earlier
    export there is replaced; staging sits beside it, so publishing is a rename."""

    def __init__(self, out: str | Path, *, overwrite: bool = False):
        self._out = Path(out)
        self._overwrite = overwrite

    def __repr__(self) -> str:
        return f"FolderSink(overwrite={self._overwrite})"  # the folder's name may be a victim's

    @property
    def location(self) -> Path:
        return self._out

    def check(self, inputs: Sequence[Path]) -> None:
        check_out_dir(self._out, inputs, self._overwrite)

    def staging(self) -> AbstractContextManager[Path]:
        return staging_dir(self._out)

    def publish(self, staging: Path) -> None:
        publish(staging, self._out)


@contextmanager
def temporary_staging() -> Iterator[Path]:
    """A private temporary folder, removed afterwards: staging for a sink that is not a folder."""
    with tempfile.TemporaryDirectory(prefix="victimshield-staging-") as folder:
        yield Path(folder)
