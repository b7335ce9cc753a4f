"""The Shield as a front over one pipeline: texts in a stream, one Shield from several
threads, and a sink of one's own that receives only a verified export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

import victimshield as vs
from tests.conftest import AS_OF, KEY, REPO, ROSTER_YAML, leaked_values, write
from victimshield.sinks import Sink, temporary_staging

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
TEXTS = [
    "Ioana Popescu (tel +40 723 456 789) met Marius Stan.",
    "Dave Morgan paid 200 in cash. Later dave asked again.",
    "Nothing to see here.",
    "Elena Dumitru is 16. The witness Mihai Georgescu called from 0731 222 333.",
    "",
    "Send it to ioana.p@example.com or RO49AAAA1B31007593840000.",
    "Sarah Jenkins and Dave Morgan met in Leeds on 3 March.",
    "Marius Stan, passport 054123987, left.",
    "Dave Morgan",
    "Tell dave.",
]


@pytest.fixture(scope="module")
def shield(tmp_path_factory):
    roster = write(tmp_path_factory.mktemp("pipeline") / "roster.yaml", ROSTER_YAML)
    return vs.Shield.from_files(POLICY, "GB", roster=roster, key=KEY, options=vs.Options(as_of=AS_OF))


def _seen(result: vs.RedactionResult) -> tuple[str, tuple[vs.Finding, ...]]:
    return result.text, result.findings


def test_redact_stream_yields_what_redact_text_gives_each_text_in_order(shield):
    one_by_one = [_seen(shield.redact_text(t)) for t in TEXTS]
    streamed = [_seen(r) for r in shield.redact_stream(iter(TEXTS), batch_size=4)]
    assert streamed == one_by_one
    # Each text is its own document: "dave" in the last text is not tied to another text's "Dave Morgan".
    assert [_seen(r) for r in shield.redact_stream(TEXTS[-1:])] == one_by_one[-1:]


def test_redact_stream_reads_its_input_lazily(shield):
    taken: list[int] = []

    def texts() -> Iterator[str]:
        for n, text in enumerate(TEXTS):
            taken.append(n)
            yield text

    stream = shield.redact_stream(texts(), batch_size=3)
    first = next(stream)
    assert len(taken) == 3 and leaked_values(first.text) == []
    assert len(list(stream)) == len(TEXTS) - 1


def test_redact_stream_refuses_what_is_not_text(shield):
    with pytest.raises(vs.UsageError, match="text 2 of the stream is a bytes"):
        list(shield.redact_stream(["fine", b"not text"]))


def test_one_shield_from_four_threads_gives_what_one_thread_gives(tmp_path):
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    texts = [TEXTS[n % len(TEXTS)] + f" Ref {n}." for n in range(40)]
    alone = vs.Shield.from_files(POLICY, "GB", roster=roster, key=KEY, options=vs.Options(as_of=AS_OF))
    expected = [_seen(alone.redact_text(t)) for t in texts]
    shared = vs.Shield.from_files(POLICY, "GB", roster=roster, key=KEY, options=vs.Options(as_of=AS_OF))
    with ThreadPoolExecutor(max_workers=4) as pool:  # the shared one loads its models under the threads
        got = list(pool.map(lambda t: _seen(shared.redact_text(t)), texts))
    assert got == expected


class MemorySink:
    """A sink of one's own: keeps the verified export's files in a dict."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.checked: list[int] = []

    @property
    def location(self) -> Path:
        return Path("memory")

    def check(self, inputs: list[Path]) -> None:
        self.checked.append(len(inputs))

    def staging(self) -> AbstractContextManager[Path]:
        return temporary_staging()

    def publish(self, staging: Path) -> None:
        self.files = {
            p.relative_to(staging).as_posix(): p.read_bytes() for p in sorted(staging.rglob("*")) if p.is_file()
        }


def test_a_sink_of_ones_own_receives_the_verified_export(shield, tmp_path):
    write(tmp_path / "in" / "a.txt", TEXTS[0] + "\n" + TEXTS[3] + "\n")
    sink = MemorySink()
    assert isinstance(sink, Sink)
    report = shield.redact_paths([tmp_path / "in"], sink=sink)
    assert sink.checked == [1] and set(sink.files) == {"a.txt", "manifest.json"}
    assert leaked_values(sink.files["a.txt"].decode()) == []
    assert json.loads(sink.files["manifest.json"])["files"][0]["output"] == "a.txt"
    assert report.out == Path("memory") and len(report.files) == 1


def test_a_sink_receives_nothing_when_verification_fails(shield, tmp_path, monkeypatch):
    from victimshield.transform.apply import Transformer

    write(tmp_path / "in" / "a.txt", TEXTS[0] + "\n")
    monkeypatch.setattr(Transformer, "apply", lambda self, text, decisions, aliases=None: text)
    sink = MemorySink()
    with pytest.raises(vs.VerificationError):
        shield.redact_paths([tmp_path / "in"], sink=sink)
    assert sink.files == {}


def test_redact_paths_takes_a_folder_or_a_sink_not_both(shield, tmp_path):
    with pytest.raises(vs.UsageError):
        shield.redact_paths([tmp_path], tmp_path / "out", sink=MemorySink())
    with pytest.raises(vs.UsageError):
        shield.redact_paths([tmp_path])


def test_scan_paths_takes_the_same_plugins(tmp_path):
    from tests.test_plugins import CaseNumbers

    write(tmp_path / "in.txt", "File DOS-2024/17.\n")
    found = vs.scan_paths([tmp_path / "in.txt"], recognizers=[CaseNumbers()])
    assert [f.entity_type for _, fs in found for f in fs] == ["CASE_NUMBER"]
