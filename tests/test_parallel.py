"""Both cores (issue 11): a folder redacted in two worker processes gives the export one
process gives, byte for byte, under the same names, with a record that differs only in
its time; the key file is still refused as an input. Evidence written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import KEY, REPO, ROSTER_YAML, leaked_values, write, write_key
from victimshield.cli import app

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"


def _evidence(folder: Path) -> Path:
    for n in range(3):
        write(
            folder / f"Ioana Popescu {n}.txt", f"Ioana Popescu called +40 723 456 789 on day {n}.\nMarius Stan paid.\n"
        )
    write(folder / "sub" / "transfers.csv", "sender_name,reference\nIoana Popescu,debt Ionela\nMarius Stan,rent\n")
    write(folder / "sub" / "chat.txt", "Mihai Georgescu: call me on +40 731 222 333\n")
    return folder


def _run(folder: Path, out: Path, roster: Path, key: Path, *extra: str) -> None:
    result = CliRunner().invoke(app, ["redact", str(folder), "--policy", str(POLICY), "--to", "GB", "--roster",
                                      str(roster), "--key-file", str(key), "--out", str(out), "--quiet", *extra])
    assert result.exit_code == 0, result.output[-800:]


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_processes_give_the_export_one_process_gives(tmp_path: Path) -> None:
    folder = _evidence(tmp_path / "in")
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    key = write_key(tmp_path / "case.key", KEY.hex())
    _run(folder, tmp_path / "one", roster, key)
    _run(folder, tmp_path / "two", roster, key, "--jobs", "2")
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert any(name.endswith("-3.txt") for name in one), "three inputs redact to one name: numbered in input order"
    for name in one:
        if name != "manifest.json":
            assert one[name] == two[name], f"output {sorted(one).index(name) + 1} differs"
    records = [json.loads(files["manifest.json"]) for files in (one, two)]
    for record in records:
        record.pop("created")
        record["signature"].pop("value")  # it covers the time
    assert records[0] == records[1]
    assert leaked_values(b"".join(two.values()).decode("utf-8", "replace")) == []


def test_the_key_file_is_refused_as_an_input_with_several_jobs(tmp_path: Path) -> None:
    folder = _evidence(tmp_path / "in")
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    key = write_key(folder / "case.key", KEY.hex())
    result = CliRunner().invoke(
        app,
        [
            "redact",
            str(folder),
            "--policy",
            str(POLICY),
            "--to",
            "GB",
            "--roster",
            str(roster),
            "--key-file",
            str(key),
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "2",
        ],
    )
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", ["0", "65"])
def test_jobs_out_of_range_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    result = CliRunner().invoke(app, ["redact", str(tmp_path), "--policy", str(POLICY), "--to", "GB",
                                      "--out", str(tmp_path / "out"), "--jobs", jobs])
    assert result.exit_code == 2
