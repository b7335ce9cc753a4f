"""Big inputs redacted part by part (stream.py): a streamed run writes the same bytes as a
whole-file run, verifies every part, publishes nothing on failure, hashes the whole output,
carries names across parts, and logs parts by count only. A tiny ``chunk_bytes`` forces
many parts, so lines, messages, records and names sit at every part edge."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

import victimshield as vs
from tests.conftest import AS_OF, KEY, PROTECTED_VALUES, REPO, ROSTER_YAML, leaked_values, write
from victimshield import stream
from victimshield.errors import InputError, UsageError, VerificationError
from victimshield.formats import registry
from victimshield.formats.text import TextFormat
from victimshield.stream_parts import MIN_CHUNK_BYTES

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
PART = MIN_CHUNK_BYTES  # bytes: every input below makes five parts or more


def _text(ending: str) -> str:
    # A name ends and opens every line, with a multibyte character beside it: whatever line
    # a part ends on, a name, a character and a line break sit at the edge.
    lines = []
    for n in range(60):
        lines.append(f"Ioana Popescu called +40 723 456 789 on day {n}; Marius Stan answered, ț Ionela{ending}")
        if n % 7 == 6:
            lines.append(ending)
    return "".join(lines)


def _chat() -> str:
    out = []
    for n in range(50):
        out.append(f"12/03/2023, 14:{n % 60:02d} - Ioana Popescu: call me on +40 723 456 789 ș {n}\n")
        out.append(f"12/03/2023, 14:{n % 60:02d} - Marius Stan: Bossu here, ask Ionela\nand Elena Dumitru ț\n")
    return "".join(out)


def _csv(ending: str) -> str:
    rows = [f'Ioana Popescu,+40 723 456 789,"ask Ionela{ending}then Mihai Georgescu met Marius Stan ț {n}"{ending}'
            for n in range(60)]
    return f"name,phone,note{ending}" + "".join(rows)


INPUTS = {
    "text-lf.txt": _text("\n"),
    "text-crlf.txt": _text("\r\n"),
    "chat.txt": _chat(),
    "table-lf.csv": _csv("\n"),
    "table-crlf.csv": _csv("\r\n"),
    "table.tsv": _csv("\n").replace(",", "\t"),
}


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("stream-case") / "roster.yaml", ROSTER_YAML)


def _shield(roster: Path, chunk_bytes: int | None) -> vs.Shield:
    return vs.Shield.from_files(POLICY, "GB", roster=roster, key=KEY,
                                options=vs.Options(as_of=AS_OF, chunk_bytes=chunk_bytes))


@pytest.fixture(scope="module")
def runs(roster, tmp_path_factory) -> tuple[Path, Path, Path, list[str]]:
    """The same inputs redacted whole and in parts; the log lines of the streamed run."""
    root = tmp_path_factory.mktemp("stream-runs")
    inputs = root / "in"
    for name, text in INPUTS.items():
        write(inputs / name, "")
        (inputs / name).write_bytes(text.encode("utf-8"))
    (inputs / "with-bom.txt").write_bytes(b"\xef\xbb\xbf" + INPUTS["text-lf.txt"].encode("utf-8"))
    _shield(roster, None).redact_paths([inputs], root / "whole")
    handler = _Lines()
    logger = logging.getLogger("victimshield")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        _shield(roster, PART).redact_paths([inputs], root / "streamed")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return inputs, root / "whole", root / "streamed", handler.lines


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.mark.parametrize("name", [*INPUTS, "with-bom.txt"])
def test_streamed_run_writes_the_same_bytes_as_a_whole_file_run(runs, name):
    inputs, whole, streamed, _ = runs
    assert (inputs / name).stat().st_size > 4 * PART  # so it was cut, at many edges
    assert (streamed / name).read_bytes() == (whole / name).read_bytes()


@pytest.mark.parametrize("name", [*INPUTS, "with-bom.txt"])
def test_streamed_output_leaks_no_protected_value_and_keeps_every_line(runs, name):
    inputs, _, streamed, _ = runs
    out = (streamed / name).read_bytes()
    assert leaked_values(out.decode("utf-8")) == []
    assert out.count(b"\n") == (inputs / name).read_bytes().count(b"\n")
    assert b"Marius Stan" in out  # the suspect stays


def test_each_part_is_logged_by_count_and_bytes_never_by_name_or_value(runs):
    inputs, _, _, lines = runs
    part_lines = [line for line in lines if "redacted and verified" in line]
    assert len(part_lines) >= 5 * len(INPUTS)
    assert all(" bytes)" in line and line.startswith("input 1, file ") for line in part_lines)
    names = [p.stem for p in inputs.iterdir()]
    assert not [line for line in lines if any(n in line for n in names)]
    assert not [line for line in lines if leaked_values(line, PROTECTED_VALUES)]


def test_manifest_hashes_the_whole_input_and_the_whole_streamed_output(runs):
    import json

    inputs, _, streamed, _ = runs
    manifest = json.loads((streamed / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        name = entry["output"]
        assert entry["input_sha256"] == hashlib.sha256((inputs / name).read_bytes()).hexdigest()
        assert entry["output_sha256"] == hashlib.sha256((streamed / name).read_bytes()).hexdigest()


def test_csv_header_is_written_once(runs):
    _, _, streamed, _ = runs
    out = (streamed / "table-lf.csv").read_text(encoding="utf-8")
    assert out.count("name,phone,note") == 1
    assert out.startswith("name,phone,note\n")


def test_short_name_in_a_later_part_takes_the_full_name_pseudonym_from_an_earlier_part(roster, tmp_path):
    filler = "".join(f"The meeting on day {n} was about the boxes at the depot.\n" for n in range(40))
    text = "Dave Morgan paid 200 in cash.\n\n" + filler + "\nlater we told dave to wait.\n"
    write(tmp_path / "in" / "notes.txt", text)
    for name, size in (("whole", None), ("streamed", PART)):
        _shield(roster, size).redact_paths([tmp_path / "in"], tmp_path / name)
    out = (tmp_path / "streamed" / "notes.txt").read_text(encoding="utf-8")
    first, last = out.splitlines()[0], out.splitlines()[-1]
    token = first.split()[0]
    assert token.startswith("PERSON-")
    assert last == f"later we told {token} to wait."
    assert out == (tmp_path / "whole" / "notes.txt").read_text(encoding="utf-8")


def test_a_part_that_fails_verification_publishes_nothing_and_leaves_no_part_file(roster, tmp_path, monkeypatch):
    write(tmp_path / "in" / "notes.txt", INPUTS["text-lf.txt"])
    real = TextFormat.write
    calls = []

    def leaky_third_part(self, document, texts):
        calls.append(1)
        # The third part is written as read: its victim's name must stop the run.
        return real(self, document, [s.text for s in document.segments] if len(calls) == 3 else texts)

    monkeypatch.setattr(TextFormat, "write", leaky_third_part)
    with pytest.raises(VerificationError) as caught:
        _shield(roster, PART).redact_paths([tmp_path / "in"], tmp_path / "out")
    assert "part 3" in str(caught.value)
    assert leaked_values(str(caught.value)) == []
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(stream.PART_SUFFIX)]
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_streamed_formats_are_read_beyond_the_whole_file_limit(roster, tmp_path, monkeypatch):
    write(tmp_path / "in" / "notes.txt", INPUTS["text-lf.txt"])
    limit = 2 * PART
    monkeypatch.setattr(registry, "MAX_INPUT_BYTES", limit)
    with pytest.raises(InputError, match=f"the limit is {limit}"):
        _shield(roster, None).redact_paths([tmp_path / "in"], tmp_path / "whole")
    report = _shield(roster, PART).redact_paths([tmp_path / "in"], tmp_path / "streamed")
    assert [e.output for e in report.files] == ["notes.txt"]


def test_a_streamed_input_over_the_stream_limit_is_refused_by_position(roster, tmp_path, monkeypatch):
    write(tmp_path / "in" / "Ioana Popescu.txt", INPUTS["text-lf.txt"])
    monkeypatch.setattr(stream, "MAX_STREAM_BYTES", 2 * PART)
    with pytest.raises(InputError) as caught:
        _shield(roster, PART).redact_paths([tmp_path / "in"], tmp_path / "out")
    assert caught.value.exit_code == 3
    assert str(caught.value).startswith("input 1, file 1: too large")
    assert leaked_values(str(caught.value)) == []
    assert not (tmp_path / "out").exists()


def test_small_inputs_and_other_formats_are_read_whole(roster, tmp_path, monkeypatch):
    write(tmp_path / "in" / "small.txt", "Ioana Popescu called.\n")
    write(tmp_path / "in" / "data.jsonl", "".join('{"name": "Ioana Popescu"}\n' for _ in range(200)))
    planned = []
    real = stream.redact_streamed

    def spy(*args, **kwargs):
        planned.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("victimshield.pipeline.redact_streamed", spy)
    _shield(roster, PART).redact_paths([tmp_path / "in"], tmp_path / "out")
    assert planned == []


@pytest.mark.parametrize("size", [0, MIN_CHUNK_BYTES - 1, 1.5, "big"])
def test_a_chunk_size_below_the_minimum_is_refused(roster, size):
    with pytest.raises(UsageError, match="chunk_bytes"):
        _shield(roster, size)


class _Heard:
    def __init__(self) -> None:
        self.parts: list[tuple[int, int, int]] = []
        self.files = 0

    def start(self, total: int) -> None:
        pass

    def advance(self, segments: int = 0) -> None:
        self.files += 1

    def finish(self) -> None:
        pass

    def part(self, number: int, done_bytes: int, total_bytes: int) -> None:
        self.parts.append((number, done_bytes, total_bytes))


def test_progress_hears_each_part_by_number_and_bytes(roster, tmp_path):
    source = write(tmp_path / "in" / "notes.txt", INPUTS["text-lf.txt"])
    heard = _Heard()
    _shield(roster, PART).redact_paths([tmp_path / "in"], tmp_path / "out", progress=heard)
    size = source.stat().st_size
    assert [n for n, _, _ in heard.parts] == list(range(1, len(heard.parts) + 1))
    assert len(heard.parts) >= 5 and heard.files == 1
    done = [d for _, d, _ in heard.parts]
    assert done == sorted(done) and done[-1] == size
    assert {t for _, _, t in heard.parts} == {size}


def test_the_progress_bar_shows_the_part_and_bytes():
    import io

    from victimshield.progress import RichProgress

    screen = io.StringIO()
    bar = RichProgress(screen)
    bar.start(1)
    bar.part(2, 1024 * 1024, 3 * 1024 * 1024)
    bar.finish()
    assert "part 2: 1.0 MiB of 3.0 MiB" in screen.getvalue()


def test_verify_reads_a_big_output_part_by_part_and_finds_a_leak_in_a_late_part(roster, tmp_path, monkeypatch):
    clean = "".join(f"Nothing new on day {n}, the weather was fine.\n" for n in range(120))
    write(tmp_path / "export" / "notes.txt", clean + "Then Ioana Popescu called.\n")
    write(tmp_path / "clean" / "notes.txt", clean)
    monkeypatch.setattr(registry, "MAX_INPUT_BYTES", 2 * PART)
    with pytest.raises(InputError, match="too large"):
        _shield(roster, None).verify_paths(tmp_path / "export")  # read whole, it is over the limit
    shield = _shield(roster, PART)
    leaks = shield.verify_paths(tmp_path / "export")
    assert [leak.entity_type for leak in leaks] == ["PERSON"]
    assert leaks[0].locator.startswith("output 1, part ") and leaks[0].locator != "output 1, part 1"
    assert shield.verify_paths(tmp_path / "clean") == []
