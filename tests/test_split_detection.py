"""One input's detection over two processes (issue 11, detect/split.py): the same findings,
redactions and output as one process, a failed child's share detected again here, and no
fork where it is not safe. Evidence written for the test; no timings (benchmarks only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import KEY, REPO, ROSTER_YAML, write, write_key
from tests.split_probe import chat, detected
from victimshield import Options, Shield, load_policy
from victimshield.cli import app
from victimshield.detect import split
from victimshield.errors import UsageError

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"


def _probe(mode: str, folder: Path) -> dict[str, object]:
    """tests/split_probe.py in a fresh process: threads other tests leave behind (a Dask
    cluster's) rightly keep a process from forking."""
    done = subprocess.run([sys.executable, "-m", "tests.split_probe", mode, str(folder)], cwd=REPO,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_two_processes_find_what_one_finds(tmp_path: Path) -> None:
    result = _probe("same", tmp_path)
    assert result["forks_with_one"] == 0
    assert result["forks_with_two"], "the detection was never split: the test would prove nothing"
    assert result["same_findings"] is True
    assert result["same_texts"] is True
    assert result["leaked"] == []
    assert result["warned"] is False


def test_a_failed_process_has_its_share_detected_here(tmp_path: Path) -> None:
    result = _probe("failing-child", tmp_path)
    assert result["forks_with_two"]
    assert result["still_parent"] is True
    assert result["same_findings"] is True
    assert result["same_texts"] is True
    assert result["warned"] is True
    assert result["values_in_log"] is False


def test_no_fork_while_another_thread_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(split, "MIN_SHARE_CHARS", 2_000)
    forks: list[int] = []
    fork = os.fork
    monkeypatch.setattr(split.os, "fork", lambda: forks.append(1) or fork())
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not split.can_fork()
        findings, texts = detected(tmp_path, 2)
    finally:
        stop.set()
        other.join()
    assert forks == []
    assert len(texts) >= 120 and any(findings)


@given(st.lists(st.integers(min_value=0, max_value=30_000), max_size=60), st.integers(min_value=1, max_value=8))
def test_shares_are_contiguous_and_cover_every_item(weights: list[int], processes: int) -> None:
    parts = split.shares(weights, processes)
    covered = [i for part in parts for i in part]
    assert covered == list(range(len(weights)))
    assert len(parts) <= max(1, processes)
    if sum(weights) < 2 * split.MIN_SHARE_CHARS:
        assert len(parts) <= 1


def test_processes_out_of_range_are_refused() -> None:
    for bad in (0, -1, 65, True, 1.5):
        with pytest.raises(UsageError):
            Shield(load_policy(POLICY), "GB", key=KEY, options=Options(processes=bad))  # type: ignore[arg-type]


def test_the_command_line_gives_the_same_output_with_one_or_two_processes(tmp_path: Path) -> None:
    # A fresh process, as a pipeline runs it: 500 messages are enough to be split.
    chat_file = write(tmp_path / "in" / "chat.txt", chat(500))
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    key = write_key(tmp_path / "case.key", KEY)
    outputs = {}
    for processes in ("1", "2"):
        out = tmp_path / f"out{processes}"
        done = subprocess.run([sys.executable, "-c", "from victimshield.cli import main; main()", "redact",
                               str(chat_file), "--policy", str(POLICY), "--to", "GB", "--roster", str(roster),
                               "--key-file", str(key), "--out", str(out), "--quiet", "--processes", processes],
                              capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr[-800:]
        outputs[processes] = (out / "chat.txt").read_bytes()
    assert outputs["1"] == outputs["2"]
    assert outputs["1"].count(b"\n") == 500
    assert b"Ioana" not in outputs["2"]


def test_processes_flag_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    chat_file = write(tmp_path / "in" / "chat.txt", chat(3))
    result = CliRunner().invoke(app, ["redact", str(chat_file), "--policy", str(POLICY), "--to", "GB",
                                      "--out", str(tmp_path / "out"), "--processes", "0"])
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()
