"""CSV text parsed by pyarrow where that provably gives pandas' own frame; else None (the
caller then reads it with pandas, as before).

pandas' C parser took a third of the time a million-row table spends outside detection, and
a run parses twice (the input, then the output for verification). Without a quote character
a CSV has no quoting rules to disagree on: each line ending (\\r, \\n, \\r\\n) ends a row, each
separator ends a field, in both parsers. What is left to disagree on is refused to pyarrow and
left to pandas: a header pandas would rename (an empty or repeated name), a single column,
and any row with a missing or extra field (pyarrow refuses them where pandas pads them or
makes an index). A blank line is a row of empty cells in both. Equality is tested against
pandas on generated texts (tests/formats/test_table_csv_read.py).
"""

from __future__ import annotations

import re

import pandas as pd

_LINE_END = re.compile(r"\r\n|\r|\n")


def arrow_frame(body: str, separator: str, utf8: memoryview | None = None) -> pd.DataFrame | None:
    """``body`` (the CSV text after any leading blank lines) as pandas would read it with
    every cell as text, or None where pyarrow might read it otherwise. ``utf8``: ``body``'s
    own UTF-8 bytes, when the caller has them (no copy is made)."""
    import pyarrow as pa
    import pyarrow.csv as pv

    if '"' in body:
        return None
    first = _LINE_END.search(body)
    names = (body[: first.start()] if first else body).split(separator)
    if len(names) < 2 or "" in names or len(set(names)) != len(names):
        return None
    read = pv.ReadOptions(column_names=names, skip_rows=1)
    parse = pv.ParseOptions(delimiter=separator, quote_char=False, escape_char=False, ignore_empty_lines=False)
    convert = pv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()), null_values=[],
                                strings_can_be_null=False, quoted_strings_can_be_null=False)
    try:
        source = pa.py_buffer(utf8 if utf8 is not None else body.encode("utf-8"))
        table = pv.read_csv(pa.BufferReader(source), read_options=read, parse_options=parse,
                            convert_options=convert)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a row of another width (or a blank line): pandas decides what it is
    text = pd.Series([""], dtype=str).dtype  # what pandas' dtype=str gives: "str", or object before pandas 3
    columns = {name: pd.Series(table.column(i).to_pandas(), dtype=text) for i, name in enumerate(names)}
    return pd.DataFrame(columns, columns=pd.Index(names, dtype=text))
