"""A CSV streamed in parts detects each distinct cell text once (a bounded memo), and a part
read back regrouped is proven clean by place without being detected again (issue 11;
docs/streaming.md). Output stays byte for byte a whole-file run's; a changed part is caught."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, ROSTER_YAML, leaked_values, write
from tests.test_stream import _shield
from victimshield import stream
from victimshield.detect.memo import SegmentMemo, memo_key
from victimshield.errors import VerificationError
from victimshield.finding import Locator, Segment
from victimshield.formats.table import TableFormat
from victimshield.pipeline import Pipeline
from victimshield.stream_parts import MIN_CHUNK_BYTES
from victimshield.verify import CleanTexts

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
PART = MIN_CHUNK_BYTES
PEOPLE = ["Ioana Popescu", "Marius Stan", "Elena Dumitru", "Mihai Georgescu", "Dave Morgan"]
ACCOUNTS = ["RO49AAAA1B31007593840000", "GB82WEST12345698765432"]



@contextmanager
def _counted(detector: Any) -> Iterator[list[Segment]]:
    """The segments whose own findings ``detector`` computes (not looks up) while inside."""
    calls: list[Segment] = []
    real = detector._segment_findings

    def counting(segment: Segment, presidio: list[Any]) -> Any:
        calls.append(segment)
        return real(segment, presidio)

    detector._segment_findings = counting
    try:
        yield calls
    finally:
        del detector._segment_findings

def _statement(rows: int, distinct_notes: bool = False) -> str:
    """Columns the policy names (a name, an account it owns) and free text. A roster name
    opens and closes every record, so every part edge has one beside it; the same people
    repeat in every part."""
    lines = ["sender_name,sender_iban,amount,reference"]
    for n in range(rows):
        person = PEOPLE[n % len(PEOPLE)]
        note = f"paid {n} to Ionela for Ioana Popescu" if distinct_notes else f"rent for {PEOPLE[(n + 2) % 5]}"
        lines.append(f"{person},{ACCOUNTS[n % 2]},{n}.50,{note}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("memo-case") / "roster.yaml", ROSTER_YAML)


class _Memos:
    """Every memo a stream makes, kept for the test to look into (optionally small)."""

    def __init__(self, max_entries: int | None = None) -> None:
        self.made: list[SegmentMemo] = []
        self.max_entries = max_entries

    def __call__(self) -> SegmentMemo:
        memo = SegmentMemo() if self.max_entries is None else SegmentMemo(max_entries=self.max_entries)
        self.made.append(memo)
        return memo


def _whole_and_streamed(roster: Path, root: Path, text: str) -> tuple[bytes, bytes]:
    write(root / "in" / "statement.csv", text)
    assert len(text.encode("utf-8")) > 5 * PART  # cut into many parts
    _shield(roster, None).redact_paths([root / "in"], root / "whole")
    _shield(roster, PART).redact_paths([root / "in"], root / "streamed")
    return (root / "whole" / "statement.csv").read_bytes(), (root / "streamed" / "statement.csv").read_bytes()


def test_streamed_csv_with_the_memo_writes_the_same_bytes_as_a_whole_run(roster, tmp_path, monkeypatch):
    memos = _Memos()
    monkeypatch.setattr(stream, "SegmentMemo", memos)
    whole, streamed = _whole_and_streamed(roster, tmp_path, _statement(120))
    assert streamed == whole
    assert leaked_values(streamed.decode("utf-8")) == []
    assert b"Marius Stan" in streamed  # the suspect stays
    # One memo for the one streamed input, and later parts found their repeated values in it.
    assert len(memos.made) == 1 and memos.made[0].hits > 0


def test_a_memo_smaller_than_the_distinct_values_stays_bounded_and_changes_no_byte(roster, tmp_path, monkeypatch):
    memos = _Memos(max_entries=4)
    monkeypatch.setattr(stream, "SegmentMemo", memos)
    whole, streamed = _whole_and_streamed(roster, tmp_path, _statement(120, distinct_notes=True))
    assert streamed == whole
    assert leaked_values(streamed.decode("utf-8")) == []
    memo = memos.made[0]
    assert memo.misses > 120  # every distinct note was looked up, and most were not there
    assert len(memo) == 4


def test_memo_holds_no_more_entries_than_its_bound():
    memo = SegmentMemo(max_entries=10)
    for n in range(1000):
        memo.put((f"value {n}", None, None), [])
    assert len(memo) == 10
    assert memo.get(("value 999", None, None)) == []  # the latest stay
    assert memo.get(("value 0", None, None)) is None  # the oldest went


def test_memo_holds_no_more_characters_than_its_bound_and_skips_a_text_too_long():
    memo = SegmentMemo(max_entries=1000, max_chars=6400)
    for n in range(1000):
        memo.put((f"{n:010d}", None, None), [])
    assert memo.chars <= 6400 and len(memo) == 640
    memo.put(("x" * 200, None, None), [])  # over a 64th of the bound: not worth what it pushes out
    assert memo.get(("x" * 200, None, None)) is None
    assert "0000000999" not in repr(memo)  # counts only


def test_detector_with_a_memo_finds_what_it_finds_without_and_detects_each_distinct_segment_once(roster):
    detector = _shield(roster, None)._pipeline.detector
    texts = ["Ioana Popescu paid rent", "call Ionela on +40 723 456 789", "rent", "Marius Stan"]
    documents = [
        [Segment(t, Locator("input 1", row=n), None) for n, t in enumerate(texts * 2)],
        [Segment("Ioana Popescu", Locator("input 1"), "PERSON"),
         Segment(ACCOUNTS[0], Locator("input 1"), "IBAN_CODE", "Ioana Popescu"),
         Segment(ACCOUNTS[0], Locator("input 1"), "IBAN_CODE", "Marius Stan")],
    ]
    plain = detector.detect_documents(documents)
    memo = SegmentMemo()
    with _counted(detector) as calls:
        first = detector.detect_documents(documents, memo)
        once = len(calls)
        again = detector.detect_documents(documents, memo)
    assert first == plain and again == plain
    # Four distinct free texts, one name, one account under two owners: seven keys, each detected once.
    assert once == len({memo_key(s) for d in documents for s in d}) == 7
    assert len(calls) == once  # the second call detected nothing of its own


def test_clean_texts_prove_a_regrouped_read_back_and_nothing_else():
    def cell(text: str, row: int, column: str = "1", entity_type: str | None = None) -> Segment:
        return Segment(text, Locator("input 1", row=row, column=column), entity_type)

    redacted = [cell("Ioana Popescu", 1, entity_type="PERSON"), cell("Elena Dumitru", 2, entity_type="PERSON"),
                cell("rent", 1, "2")]
    proof = CleanTexts.of(redacted, ["[PERSON]", "[PERSON]", "rent"])
    # Both names read back as one value, at the first row: proven.
    assert proof.proves([cell("[PERSON]", 1, entity_type="PERSON"), cell("rent", 4, "2")])
    assert not proof.proves([cell("Ioana Popescu", 1, entity_type="PERSON")])  # not what was written
    assert not proof.proves([cell("rent", 1, "1", "PERSON")])  # another column's clean text
    assert not proof.proves([cell("[PERSON]", 1)])  # a type sampled differently
    assert "PERSON" not in repr(proof)


def _part_detections(monkeypatch) -> list[int]:
    """Sizes of the detections of parts read back (labelled "..., part N")."""
    seen: list[int] = []
    real = Pipeline.leaks

    def leaks(self, segments, accept=None, **kwargs):
        if segments and ", part " in segments[0].locator.file:
            seen.append(len(segments))
        return real(self, segments, accept, **kwargs)

    monkeypatch.setattr(Pipeline, "leaks", leaks)
    return seen


def test_a_redacted_part_read_back_regrouped_is_proven_without_being_detected_again(roster, tmp_path, monkeypatch):
    seen = _part_detections(monkeypatch)
    write(tmp_path / "in" / "statement.csv", _statement(120))
    _shield(roster, PART).redact_paths([tmp_path / "in"], tmp_path / "out")
    assert (tmp_path / "out" / "statement.csv").exists()
    assert seen == []


def test_a_part_changed_after_redaction_is_still_caught_by_verify(roster, tmp_path, monkeypatch):
    seen = _part_detections(monkeypatch)
    write(tmp_path / "in" / "statement.csv", _statement(120))
    real = TableFormat.write
    calls: list[int] = []

    def one_cell_put_back_in_part_3(self, document, texts):
        calls.append(1)
        if len(calls) == 3:
            # One redacted cell written as it was read: the proof must not cover it.
            changed = next(i for i, (s, t) in enumerate(zip(document.segments, texts, strict=True)) if s.text != t)
            texts = [s.text if i == changed else t for i, (s, t) in enumerate(zip(document.segments, texts,
                                                                                     strict=True))]
        return real(self, document, texts)

    monkeypatch.setattr(TableFormat, "write", one_cell_put_back_in_part_3)
    with pytest.raises(VerificationError) as caught:
        _shield(roster, PART).redact_paths([tmp_path / "in"], tmp_path / "out")
    assert "part 3" in str(caught.value)
    assert leaked_values(str(caught.value)) == []
    assert len(seen) == 1  # parts 1 and 2 were proven; part 3 was detected, and failed
    assert not (tmp_path / "out").exists()


def test_verify_of_a_big_csv_export_detects_each_distinct_value_once_and_still_finds_a_leak(roster, tmp_path,
                                                                                              monkeypatch):
    write(tmp_path / "in" / "statement.csv", _statement(120))
    shield = _shield(roster, PART)
    shield.redact_paths([tmp_path / "in"], tmp_path / "out")
    seen = _part_detections(monkeypatch)
    detector = shield._pipeline.detector
    with _counted(detector) as calls:
        assert shield.verify_paths(tmp_path / "out") == []
        assert len(seen) > 5  # read and detected part by part
        assert len(calls) < sum(seen) / 3  # what repeats across parts was detected once
        # A victim's name appended to the last part is still found there.
        with (tmp_path / "out" / "statement.csv").open("a", encoding="utf-8") as out:
            out.write("Marius Stan,GB82WEST12345698765432,1.00,sent to Ioana Popescu\n")
        leaks = shield.verify_paths(tmp_path / "out")
    assert leaks and all(", part " in leak.locator for leak in leaks)
