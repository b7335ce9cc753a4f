"""CSV output written column at a time must be byte for byte what pandas' ``to_csv`` writes
(issue 11): the fast way is taken only where it is provably the same. Tests build their own frames."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from victimshield.formats.table import csv_write
from victimshield.formats.table.csv_write import csv_text

# Every character the csv module treats specially, and some it does not.
CELLS = st.text(alphabet=st.sampled_from(list('ab ,;|\t"\r\n\x00é\'')), max_size=6)
SEPARATORS = st.sampled_from([",", ";", "\t", "|"])
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


def _pandas(frame: pd.DataFrame, separator: str, line_end: str) -> str:
    return frame.to_csv(index=False, sep=separator, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=6), SEPARATORS, LINE_ENDS,
       st.sampled_from(["str", "object"]))
def test_csv_text_equals_pandas_to_csv_for_any_text_frame(width: int, rows: list[list[str]], separator: str,
                                                          line_end: str, dtype: str) -> None:
    headers = [f"h{n}" for n in range(width)]
    frame = pd.DataFrame([row[:width] for row in rows], columns=headers, dtype=dtype)
    assert csv_text(frame, separator, line_end) == _pandas(frame, separator, line_end)


@given(st.lists(st.lists(st.text(alphabet="abé -", max_size=5), min_size=3, max_size=3), min_size=1, max_size=8),
       SEPARATORS, LINE_ENDS)
def test_plain_text_frames_take_the_column_way(rows: list[list[str]], separator: str, line_end: str) -> None:
    """Cells no csv rule quotes are written without pandas, and still the same."""
    frame = pd.DataFrame(rows, columns=["a", "b", "c"], dtype="str")
    assert csv_write._plain_columns(frame, separator) is not None
    assert csv_text(frame, separator, line_end) == _pandas(frame, separator, line_end)


def test_missing_values_and_numbers_go_to_pandas() -> None:
    frame = pd.DataFrame({"a": ["x", None, "y"], "b": [1, 2, 3]})
    assert csv_write._plain_columns(frame, ",") is None
    assert csv_text(frame, ",", "\n") == _pandas(frame, ",", "\n")


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
