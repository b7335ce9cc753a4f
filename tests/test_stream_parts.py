"""Where a big input is cut into parts (stream_parts.py): never inside a line, a message or a
quoted CSV field; never inside a UTF-8 character or a CRLF; the parts are the file again."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from victimshield import files, stream_parts
from victimshield.errors import InputError
from victimshield.formats.text import text_cut
from victimshield.formats.whatsapp import _header, message_cut
from victimshield.stream_parts import header_record, part_kind, parts, record_cut

WORDS = st.sampled_from(["Ioana", "Popescu", "ț", "Ș", "日本", "€", "a", "bb", "  ", "\t", "ok", "🙂"])
LINE = st.lists(WORDS, max_size=12).map(" ".join)
ENDING = st.sampled_from(["\n", "\r\n"])


def _parts(data: bytes, size: int, cut: stream_parts.Cut) -> list[bytes]:
    return list(parts(io.BytesIO(data), size, cut, "input 1"))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(lines=st.lists(st.tuples(LINE, ENDING, st.booleans()), min_size=1, max_size=80),
       size=st.integers(8, 200))
def test_text_parts_end_between_lines_and_are_the_file_again(lines, size):
    text = "".join(line + ending + (ending if blank else "") for line, ending, blank in lines)
    data = text.encode("utf-8")
    pieces = _parts(data, size, text_cut)
    assert b"".join(pieces) == data
    for piece in pieces[:-1]:
        assert piece.endswith(b"\n")  # so never inside a CRLF, a line or a character
        piece.decode("utf-8")


def test_text_parts_prefer_a_paragraph_break_to_a_line_break():
    paragraph = "one line of the paragraph\n" * 4
    data = ((paragraph + "\n") * 10).encode()
    for piece in _parts(data, 300, text_cut)[:-1]:
        assert piece.endswith(b"\n\n")


def _chat(messages: list[tuple[str, int]]) -> str:
    out = []
    for n, (text, continuation_lines) in enumerate(messages):
        out.append(f"12/03/2023, 14:{n % 60:02d} - Ioana Popescu: {text}\n")
        out += [f"continued {text} ț\n"] * continuation_lines
    return "".join(out)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(messages=st.lists(st.tuples(LINE, st.integers(0, 4)), min_size=1, max_size=60), size=st.integers(16, 400))
def test_chat_parts_start_only_where_a_message_starts(messages, size):
    data = _chat(messages).encode("utf-8")
    pieces = _parts(data, size, message_cut)
    assert b"".join(pieces) == data
    for piece in pieces[1:]:
        assert _header(piece.decode("utf-8").split("\n", 1)[0]) is not None


def _records(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(rows=st.lists(st.tuples(LINE, LINE, st.booleans()), min_size=1, max_size=60), size=st.integers(8, 300),
       ending=ENDING)
def test_csv_parts_end_between_records_even_with_quoted_line_breaks(rows, size, ending):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=ending)
    writer.writerow(["name", "note"])
    for name, note, broken in rows:
        writer.writerow([name, f'{note}\n"quoted" ț' if broken else note])
    data = buffer.getvalue().encode("utf-8")
    pieces = _parts(data, size, record_cut)
    assert b"".join(pieces) == data
    # Each part holds whole records: read alone, the parts give the file's records in order.
    assert [r for p in pieces for r in _records(p.decode("utf-8"))] == _records(data.decode("utf-8"))


def test_csv_header_record_skips_bom_and_blank_lines_and_keeps_its_quoted_line_break():
    data = b'\xef\xbb\xbf\r\n\r\n"na\r\nme",phone\r\nIoana,1\r\n'
    assert header_record(data, "input 1") == b'"na\r\nme",phone\r\n'


def test_a_line_longer_than_the_part_limit_is_refused_naming_the_input(monkeypatch):
    monkeypatch.setattr(stream_parts, "MAX_PART_BYTES", 4096)
    monkeypatch.setattr(stream_parts, "_BLOCK", 16)  # so the file is read in pieces, not at once
    data = b"short\n" + b"x" * 10_000 + b"\nend\n"
    with pytest.raises(InputError) as caught:
        _parts(data, 64, text_cut)
    assert "input 1" in str(caught.value)
    assert "longer than 4096 bytes" in str(caught.value)


def test_a_line_longer_than_a_part_is_one_part_of_its_own():
    data = b"short\n" + b"x" * 5000 + b"\nend\n"
    assert _parts(data, 64, text_cut) == [b"short\n", b"x" * 5000 + b"\n", b"end\n"]


@pytest.mark.parametrize(("name", "suffix", "head", "streams"), [
    ("text", ".txt", b"plain", True),
    ("whatsapp", ".txt", b"12/03/2023, 14:05 - A: b", True),
    ("table", ".csv", b"a,b\n", True),
    ("table", ".tsv", b"a\tb\n", True),
    ("table", ".xlsx", b"PK", False),
    ("table", ".parquet", b"PAR1", False),
    ("table", ".jsonl", b"{}", False),
    ("pdf", ".pdf", b"%PDF", False),
    ("text", ".txt", b"\xff\xfeU\x00T\x00F\x00", False),  # UTF-16: line breaks are not single bytes
])
def test_only_text_chat_exports_and_csv_are_cut(name, suffix, head, streams):
    assert (part_kind(name, Path("input" + suffix), head) is not None) is streams


def test_case_key_straddling_a_scan_block_is_found(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_SCAN_BLOCK", 8)
    key = b"KEY-0123456789"
    for offset in range(len(key) + 9):
        (tmp_path / "out.txt").write_bytes(b"." * offset + key + b"." * 5)
        assert files.holding(tmp_path, [key]) == [1], offset
    (tmp_path / "out.txt").write_bytes(b"." * 40)
    assert files.holding(tmp_path, [key]) == []
