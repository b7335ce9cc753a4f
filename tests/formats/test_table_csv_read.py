"""CSV read by pyarrow must give exactly pandas' frame (issue 11): the fast way is taken only
where it is provably the same, and refused otherwise. Tests build their own texts."""

from __future__ import annotations

import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from victimshield.formats.table.csv_read import arrow_frame

SEPARATORS = st.sampled_from([",", ";", "\t", "|"])


def _pandas(body: str, separator: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(body), sep=separator, dtype=str, keep_default_na=False, na_filter=False,
                       skip_blank_lines=False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é,;|\t\r\n'")), max_size=40), SEPARATORS)
def test_arrow_frame_equals_pandas_read_csv_for_any_text(tail: str, separator: str) -> None:
    body = f"h1{separator}h2{separator}h3\n" + tail
    fast = arrow_frame(body, separator)
    if fast is not None:
        pd.testing.assert_frame_equal(fast, _pandas(body, separator))


@given(st.lists(st.lists(st.text(alphabet="ab é-", max_size=4), min_size=3, max_size=3), min_size=1, max_size=8),
       SEPARATORS, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_plain_csv_takes_the_arrow_way(rows: list[list[str]], separator: str, line_end: str, last_end: bool) -> None:
    """A CSV with no quotes, no blank line and rows of the header's width is read by pyarrow, the same."""
    lines = [separator.join(["x", "y", "z"]), *(separator.join(row) for row in rows)]
    body = line_end.join(lines) + (line_end if last_end else "")
    fast = arrow_frame(body, separator)
    assert fast is not None
    pd.testing.assert_frame_equal(fast, _pandas(body, separator))


def test_blank_lines_are_rows_of_empty_cells_in_both() -> None:
    body = "a,b\n1,2\n\n3,4\n\r\n"
    fast = arrow_frame(body, ",")
    assert fast is not None and fast.values.tolist() == [["1", "2"], ["", ""], ["3", "4"], ["", ""]]
    pd.testing.assert_frame_equal(fast, _pandas(body, ","))


def test_what_pandas_might_read_otherwise_is_left_to_it() -> None:
    refused = {
        "a quote": 'a,b\n"x,1",2\n',
        "a repeated header": "a,a\n1,2\n",
        "an empty header": "a,\n1,2\n",
        "one column": "a\n1\n\n2\n",
        "a short row": "a,b\n1\n",
        "a long row": "a,b\n1,2,3\n",
    }
    for what, body in refused.items():
        assert arrow_frame(body, ",") is None, what


def test_utf8_file_with_bom_and_leading_blank_lines_reads_as_pandas_reads_its_text(tmp_path: object) -> None:
    """The input's own bytes are parsed from after its BOM and leading line ends: the same frame."""
    from pathlib import Path

    from victimshield.formats.table.frames import read_frames

    body = "név,iban\r\nÁron Pál,RO49AAAA1B31007593840000\r\nIoana,x\r\n"
    for data in (("\r\n\n" + body).encode("utf-8"), b"\xef\xbb\xbf\n" + body.encode("utf-8")):
        table = read_frames(Path("t.csv"), "input 1", data)
        pd.testing.assert_frame_equal(table.sheets[0][1], _pandas(body, ","))
