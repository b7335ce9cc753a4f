"""CSV output written column at a time must be byte for byte what pandas' ``to_csv`` writes
(issue 11): the fast way is taken only where it is provably the same. Tests build their own frames."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from victimshield.formats.table import csv_write
from victimshield.formats.table.csv_write import csv_bytes

# Every character the csv module treats specially, and some it does not.
CELLS = st.text(alphabet=st.sampled_from(list('ab ,;|\t"\r\n\x00é\'')), max_size=6)
SEPARATORS = st.sampled_from([",", ";", "\t", "|"])
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
FILES = st.tuples(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]), st.sampled_from(["", "\n", "\r\n\r\n"]),
                  st.booleans())  # encoding, blank lines before the header, a last line end


def _pandas(frame: pd.DataFrame, separator: str, line_end: str) -> str:
    return frame.to_csv(index=False, sep=separator, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)


def _pandas_file(frame: pd.DataFrame, separator: str, line_end: str, file: tuple[str, str, bool]) -> bytes:
    """The file as the table writer made it before (pandas' text, prefixed, stripped, encoded)."""
    encoding, prefix, trailing_newline = file
    text = _pandas(frame, separator, line_end)
    return (prefix + (text if trailing_newline else text.rstrip("\r\n"))).encode(encoding)


def _fast(frame: pd.DataFrame, separator: str, line_end: str, file: tuple[str, str, bool]) -> bytes:
    encoding, prefix, trailing_newline = file
    return csv_bytes(frame, separator, line_end, encoding=encoding, prefix=prefix, trailing_newline=trailing_newline)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=6), SEPARATORS, LINE_ENDS,
       st.sampled_from(["str", "object"]), FILES)
def test_csv_bytes_equal_pandas_to_csv_for_any_text_frame(width: int, rows: list[list[str]], separator: str,
                                                          line_end: str, dtype: str,
                                                          file: tuple[str, str, bool]) -> None:
    headers = [f"h{n}" for n in range(width)]
    frame = pd.DataFrame([row[:width] for row in rows], columns=headers, dtype=dtype)
    assert _fast(frame, separator, line_end, file) == _pandas_file(frame, separator, line_end, file)


@given(st.lists(st.lists(st.text(alphabet="abé -", max_size=5), min_size=3, max_size=3), min_size=1, max_size=8),
       SEPARATORS, LINE_ENDS, FILES)
def test_plain_text_frames_take_the_column_way(rows: list[list[str]], separator: str, line_end: str,
                                               file: tuple[str, str, bool]) -> None:
    """Cells no csv rule quotes are written without pandas, and still the same."""
    frame = pd.DataFrame(rows, columns=["a", "b", "c"], dtype="str")
    assert csv_write._plain_columns(frame, separator) is not None
    assert _fast(frame, separator, line_end, file) == _pandas_file(frame, separator, line_end, file)


def test_columns_of_text_of_two_arrow_types_are_joined() -> None:
    """A rebuilt column and an untouched one may differ in Arrow type; the join takes both."""
    frame = pd.DataFrame({"a": pd.Series(["x", "y"], dtype="str"), "b": pd.Series(["1", "2"], dtype=object)})
    assert csv_write._plain_columns(frame, ",") is not None
    assert csv_bytes(frame, ",", "\n") == _pandas(frame, ",", "\n").encode()


def test_columns_in_several_arrow_chunks_are_written_in_order() -> None:
    """pyarrow reads a large CSV in blocks: a column arrives as chunks, written without joining them first."""
    import pyarrow as pa

    text = pd.Series(["x"], dtype="str").dtype
    chunked = pa.chunked_array([pa.array(chunk, pa.large_string()) for chunk in (["a1", "a2"], ["a3"],
                                                                                ["a4", "a5", "a6"])])
    frame = pd.DataFrame({"a": pd.Series(pd.array(chunked, dtype=text)),
                          "b": pd.Series([f"b{n}" for n in range(1, 7)], dtype="str")})
    columns = csv_write._plain_columns(frame, ",")
    assert columns is not None and columns[0].num_chunks == 3
    assert csv_bytes(frame, ",", "\r\n") == _pandas(frame, ",", "\r\n").encode()


def test_missing_values_and_numbers_go_to_pandas() -> None:
    frame = pd.DataFrame({"a": ["x", None, "y"], "b": [1, 2, 3]})
    assert csv_write._plain_columns(frame, ",") is None
    assert csv_bytes(frame, ",", "\n") == _pandas(frame, ",", "\n").encode()


def test_redacted_csv_equals_pandas_written(shield: object, tmp_path: object) -> None:
    """Through the format: a redacted CSV with quoted cells, an empty cell and a separator in
    a name reads back as pandas would have written it."""
    from pathlib import Path

    from .conftest import redact_one

    data = (b'sender_name,reference,note\nIoana Popescu,"rent, March",\nMarius Stan,"say ""hi""",x\n'
            b"Elena Dumitru,plain,y\n")
    out, _ = redact_one(shield, Path(str(tmp_path)), "t.csv", data)
    frame = pd.read_csv(io.BytesIO(out), dtype=str, keep_default_na=False, na_filter=False)
    assert out.decode() == _pandas(frame, ",", "\n")
    assert "Ioana" not in out.decode()
