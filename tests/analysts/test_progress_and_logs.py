"""Progress (files, segments, rate, ETA) and logging: counts and positions only, never a value
or a file name; silent when not a terminal."""

from __future__ import annotations

import io
import logging

import pytest

from tests.analysts.conftest import TEXT, shown
from tests.conftest import write
from victimshield.progress import (
    NoProgress,
    NotebookProgress,
    ProgressReporter,
    RichProgress,
    auto_progress,
)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    def start(self, total: int) -> None:
        self.calls.append(("start", (total,)))

    def advance(self, segments: int = 0) -> None:
        self.calls.append(("advance", (segments,)))

    def finish(self) -> None:
        self.calls.append(("finish", ()))


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def victim_named_inputs(tmp_path):
    folder = tmp_path / "Ioana Popescu"
    write(folder / "Ioana Popescu.txt", TEXT + "\n")
    write(folder / "ioana.p@example.com.txt", "one\ntwo\n" + TEXT + "\n")
    return folder


def test_a_run_reports_files_and_segments_to_its_reporter(shield, tmp_path):
    recorder = Recorder()
    assert isinstance(recorder, ProgressReporter)
    shield.redact_paths([victim_named_inputs(tmp_path)], tmp_path / "out", progress=recorder)
    names = [name for name, _ in recorder.calls]
    assert names == ["start", "advance", "advance", "finish"]
    assert recorder.calls[0][1] == (2,)
    assert all(isinstance(arg, int) for _, args in recorder.calls for arg in args)  # counts only


def test_a_dry_run_reports_progress_too_and_writes_nothing(shield, tmp_path):
    recorder = Recorder()
    planned = shield.dry_run([victim_named_inputs(tmp_path)], out=tmp_path / "out", progress=recorder)
    assert [name for name, _ in recorder.calls] == ["start", "advance", "advance", "finish"]
    assert [f.input for f in planned.files] == ["input 1, file 1", "input 1, file 2"]
    assert not (tmp_path / "out").exists()


def test_the_terminal_bar_shows_counts_and_no_name(shield, tmp_path):
    terminal = FakeTerminal()
    shield.redact_paths([victim_named_inputs(tmp_path)], tmp_path / "out", progress=RichProgress(terminal))
    drawn = terminal.getvalue()
    assert "redacting" in drawn and "2/2" in drawn and "segments" in drawn
    assert shown(drawn) == []


def test_the_notebook_bar_shows_counts_and_no_name(shield, tmp_path, capsys):
    shield.redact_paths([victim_named_inputs(tmp_path)], tmp_path / "out", progress=NotebookProgress())
    drawn = capsys.readouterr().err  # outside a notebook tqdm.auto draws text on stderr
    assert "redacting" in drawn and "2/2" in drawn
    assert shown(drawn) == []


def test_progress_is_silent_when_not_a_terminal_or_quiet():
    assert isinstance(auto_progress(stream=io.StringIO()), NoProgress)
    assert isinstance(auto_progress(quiet=True, stream=FakeTerminal()), NoProgress)
    assert isinstance(auto_progress(stream=FakeTerminal()), RichProgress)


def test_debug_logs_of_a_whole_run_hold_no_value_and_no_name(shield, tmp_path, monkeypatch):
    # Our own handler, alone on the root logger: every record of every library at DEBUG
    # (Presidio's included), and none copied into pytest's report should this fail.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    monkeypatch.setattr(logging.root, "handlers", [handler])
    level = logging.root.level
    logging.root.setLevel(logging.DEBUG)  # setLevel, not an attribute: loggers cache their levels
    try:
        shield.redact_paths([victim_named_inputs(tmp_path)], tmp_path / "out")
        shield.redact_text(TEXT)
        shield.explain(TEXT)
    finally:
        logging.root.setLevel(level)
    logged = stream.getvalue()
    assert "victimshield INFO redacted input 1, file 2" in logged  # files are logged, by position
    assert shown(logged) == [], "a log record carries a protected value or an input name"


def test_a_failed_run_still_finishes_its_reporter(shield, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a writer broke")

    monkeypatch.setattr("victimshield.pipeline.render_document", broken)
    recorder = Recorder()
    with pytest.raises(RuntimeError):
        shield.redact_paths([victim_named_inputs(tmp_path)], tmp_path / "out", progress=recorder)
    assert [name for name, _ in recorder.calls] == ["start", "finish"]  # no bar left drawing
