"""One input's detection over two processes (issue 11, detect/split.py): the same findings,
redactions and output as one process, a failed child's share detected again here, and no
fork where it is not safe. Evidence written for the test; no timings (benchmarks only)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import KEY, REPO, ROSTER_YAML, leaked_values, write, write_key
from victimshield import Options, Shield, load_policy, load_roster
from victimshield.cli import app
from victimshield.detect import split
from victimshield.errors import UsageError

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
LINES = [
    "Ioana Popescu said Marius Stan took her passport, call +40 723 456 789",
    "ok see you at the station at 11:30",
    "Chinedu Okafor paid 300 eur to GB82WEST12345698765432 for Elena",
    "tell Mihai Georgescu nothing, he talks to the police",
    "the boss Bossu wants the money tonight, write to @ioana_p",
    "Svetlana Petrova is new, she came on the bus with Tomasz Nowak",
]


def _chat(lines: int) -> str:
    return "\n".join(f"[01/03/2026, 10:{n % 60:02d}:00] Marius Stan: {LINES[n % len(LINES)]} #{n}"
                     for n in range(lines)) + "\n"


def _shield(tmp_path: Path, processes: int) -> Shield:
    roster = load_roster(write(tmp_path / "roster.yaml", ROSTER_YAML))
    return Shield(load_policy(POLICY), "GB", roster=roster, key=KEY, options=Options(processes=processes))


@pytest.fixture
def small_shares(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Shares of 2,000 characters (not 20,000), so a small text is split; the forks are counted."""
    monkeypatch.setattr(split, "MIN_SHARE_CHARS", 2_000)
    forks: list[int] = []
    fork = os.fork
    parent = os.getpid()

    def counted() -> int:
        pid = fork()
        if pid != 0 and os.getpid() == parent:
            forks.append(pid)
        return pid

    monkeypatch.setattr(split.os, "fork", counted)
    return forks


def _detected(tmp_path: Path, processes: int, text: str) -> tuple[list[list[object]], tuple[str, ...]]:
    """Findings per segment of a chat file, and its redacted texts, with this many processes."""
    chat = write(tmp_path / "in" / "chat.txt", text)
    pipeline = _shield(tmp_path, processes)._pipeline
    segments = pipeline.read(chat, "input 1").segments
    return pipeline.detect(segments), pipeline.redact(segments).texts


def test_two_processes_find_what_one_finds(tmp_path: Path, small_shares: list[int]) -> None:
    text = _chat(120)
    one = _detected(tmp_path, 1, text)
    assert small_shares == []
    two = _detected(tmp_path, 2, text)
    assert small_shares, "the detection was never split: the test would prove nothing"
    assert two[0] == one[0]
    assert two[1] == one[1]
    assert not leaked_values("\n".join(two[1]))


def test_a_failed_process_has_its_share_detected_here(tmp_path: Path, small_shares: list[int],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    text = _chat(120)
    expected = _detected(tmp_path, 1, text)
    parent = os.getpid()
    real = split._child

    def failing(compute: object, items: Sequence[object], write_end: int) -> None:
        def broken(share: Sequence[object]) -> list[object]:
            raise MemoryError("out of memory in the child")

        real(broken, items, write_end)

    monkeypatch.setattr(split, "_child", failing)
    with caplog.at_level(logging.WARNING, logger="victimshield"):
        result = _detected(tmp_path, 2, text)
    assert os.getpid() == parent
    assert small_shares
    assert result == expected
    assert any("detected in this one" in r.getMessage() for r in caplog.records)
    assert not any(leaked_values(r.getMessage()) for r in caplog.records)


def test_no_fork_while_another_thread_runs(tmp_path: Path, small_shares: list[int]) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not split.can_fork()
        findings, texts = _detected(tmp_path, 2, _chat(120))
    finally:
        stop.set()
        other.join()
    assert small_shares == []
    assert len(texts) >= 120 and any(findings)
    assert split.can_fork()


@given(st.lists(st.integers(min_value=0, max_value=30_000), max_size=60), st.integers(min_value=1, max_value=8))
def test_shares_are_contiguous_and_cover_every_item(weights: list[int], processes: int) -> None:
    parts = split.shares(weights, processes)
    covered = [i for part in parts for i in part]
    assert covered == list(range(len(weights)))
    assert len(parts) <= max(1, processes)
    if sum(weights) < 2 * split.MIN_SHARE_CHARS:
        assert len(parts) <= 1


def test_processes_out_of_range_are_refused(tmp_path: Path) -> None:
    for bad in (0, -1, 65, True, 1.5):
        with pytest.raises(UsageError):
            _shield(tmp_path, bad)  # type: ignore[arg-type]


def test_the_command_line_splits_a_big_chat_with_the_same_output(tmp_path: Path, small_shares: list[int]) -> None:
    chat = write(tmp_path / "in" / "chat.txt", _chat(150))
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    key = write_key(tmp_path / "case.key", KEY)
    outputs = {}
    for processes in ("1", "2"):
        out = tmp_path / f"out{processes}"
        result = CliRunner().invoke(app, ["redact", str(chat), "--policy", str(POLICY), "--to", "GB", "--roster",
                                          str(roster), "--key-file", str(key), "--out", str(out), "--quiet",
                                          "--processes", processes])
        assert result.exit_code == 0, result.output[-800:]
        outputs[processes] = (out / "chat.txt").read_bytes()
    assert small_shares
    assert outputs["1"] == outputs["2"]
    assert outputs["1"].count(b"\n") == 150
