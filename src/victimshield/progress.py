"""Progress on long runs: files done, segments (messages, rows, lines) read, rate and ETA.

A run calls a ``ProgressReporter``: ``start`` with how many files, ``advance`` after each
file with its segment count, ``finish`` at the end (also after a failure; twice is fine).
A reporter may also have ``part(number, done_bytes, total_bytes)``, called after each part
of a big input redacted in parts (stream.py); the ones here show it.
Progress lines name nothing but counts: no file name, no value. ``rich`` draws it in a
terminal (on stderr), ``tqdm.auto`` in a notebook when installed; elsewhere (a pipe, a
log file, ``--quiet``) nothing is shown.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TextIO, runtime_checkable


@runtime_checkable
class ProgressReporter(Protocol):
    def start(self, total: int) -> None:
        """``total`` files are about to be processed."""

    def advance(self, segments: int = 0) -> None:
        """One more file is done; it held ``segments`` segments."""

    def finish(self) -> None:
        """The run ended (done or failed); may be called more than once."""


class NoProgress:
    """Shows nothing: the default for the library, pipes and ``--quiet``."""

    def start(self, total: int) -> None:
        pass

    def advance(self, segments: int = 0) -> None:
        pass

    def finish(self) -> None:
        pass


def _mib(count: int) -> str:
    return f"{count / 1024 / 1024:,.1f} MiB"


def _rate(count: int, started: float) -> str:
    elapsed = time.monotonic() - started
    return f"{count / elapsed:.1f}/s" if elapsed > 0 and count else "-"


class RichProgress:
    """A bar on stderr: files done of total, segments and their rate, time left."""

    def __init__(self, stream: TextIO | None = None):
        self._stream = stream
        self._progress: Any = None
        self._task: Any = None
        self._segments = 0
        self._started = 0.0

    def start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.finish()
        console = Console(file=self._stream or sys.stderr)
        self._progress = Progress(
            TextColumn("redacting"), BarColumn(), MofNCompleteColumn(), TextColumn("files ·"),
            TextColumn("{task.fields[segments]} segments ({task.fields[rate]}) ·{task.fields[part]}"),
            TimeElapsedColumn(),
            TextColumn("elapsed ·"), TimeRemainingColumn(), TextColumn("left"), console=console, transient=False,
        )
        self._segments, self._started = 0, time.monotonic()
        self._task = self._progress.add_task("redact", total=total, segments=0, rate="-", part="")
        self._progress.start()

    def advance(self, segments: int = 0) -> None:
        if self._progress is None:
            return
        self._segments += segments
        self._progress.update(self._task, advance=1, segments=self._segments, rate=_rate(self._segments, self._started),
                              part="")

    def part(self, number: int, done_bytes: int, total_bytes: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, part=f" part {number}: {_mib(done_bytes)} of {_mib(total_bytes)} ·")

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


class NotebookProgress:
    """A ``tqdm.auto`` bar (a widget in Jupyter, text elsewhere)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._segments = 0

    def start(self, total: int) -> None:
        with warnings.catch_warnings():
            # Without ipywidgets tqdm.auto warns once and draws text: text is fine here.
            warnings.simplefilter("ignore")
            tqdm = importlib.import_module("tqdm.auto").tqdm  # optional: a notebook nicety

        self.finish()
        self._segments = 0
        self._bar = tqdm(total=total, desc="redacting", unit="file")

    def advance(self, segments: int = 0) -> None:
        if self._bar is None:
            return
        self._segments += segments
        self._bar.set_postfix(segments=self._segments, refresh=False)
        self._bar.update(1)

    def part(self, number: int, done_bytes: int, total_bytes: int) -> None:
        if self._bar is not None:
            self._bar.set_postfix(segments=self._segments, part=number, done=f"{_mib(done_bytes)}/{_mib(total_bytes)}")

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def in_notebook() -> bool:
    """True inside a Jupyter kernel (IPython's ZMQ shell), without importing IPython."""
    shell = sys.modules.get("IPython")
    get_ipython = getattr(shell, "get_ipython", None)
    return get_ipython is not None and type(get_ipython()).__name__ == "ZMQInteractiveShell"


def _has_tqdm() -> bool:
    return importlib.util.find_spec("tqdm") is not None


def auto_progress(*, quiet: bool = False, stream: TextIO | None = None) -> ProgressReporter:
    """What suits where we run: nothing when ``quiet`` or not a terminal, tqdm in a notebook."""
    if quiet:
        return NoProgress()
    if in_notebook() and _has_tqdm():
        return NotebookProgress()
    target = stream or sys.stderr
    isatty = getattr(target, "isatty", None)
    if callable(isatty) and isatty():
        return RichProgress(target)
    return NoProgress()


@contextmanager
def finishing(reporter: ProgressReporter) -> Iterator[ProgressReporter]:
    """``reporter.finish()`` however the block ends: a bar left running would keep drawing
    (and holding the terminal) after an error."""
    try:
        yield reporter
    finally:
        reporter.finish()


def as_reporter(progress: ProgressReporter | bool | None) -> ProgressReporter:
    """``redact_paths(progress=...)``: a reporter as given, ``True`` for the automatic one,
    ``None`` or ``False`` for none."""
    if progress is None or progress is False:
        return NoProgress()
    if progress is True:
        return auto_progress()
    return progress
