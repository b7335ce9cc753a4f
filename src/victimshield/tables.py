"""Tables (transactions, chat tables): a DataFrame to segments and back, column by column.

Policy ``columns:`` rules say what a column is: an entity type (owned by another
column's party), kept, dropped, or free text. Columns no rule names are sampled:
when most sampled values are wholly one entity type the column is that type,
otherwise it is free text. Typed columns are redacted per unique (value, owner)
pair, one batch for the whole table, and mapped back; free-text cells go through
full detection, also one batch of unique values. Float, date, bool and duration
columns (amounts, booking dates) hold no names and are kept as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
from pandas.api import types as ptypes

from victimshield.finding import Finding, Locator, Segment
from victimshield.policy.model import ColumnRule
from victimshield.read.base import Document

SHEET_NAME = -1  # Cell.column of a sheet-name segment
SAMPLE_SIZE = 30
TYPED_SHARE = 0.8  # of sampled values that must be wholly one type for the column to be that type
COVERAGE = 0.8  # of a value's characters one finding must cover to count as "wholly"
Detect = Callable[[Sequence[Segment]], list[list[Finding]]]


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a segment's text goes back: a column's cells holding one value (and owner), or a header."""

    sheet: str
    column: int  # position: names may repeat, and a header may itself be redacted
    rows: tuple[int, ...]  # positions; empty for a header segment
    header: bool = False


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Sheets (one for CSV/Parquet/JSONL) as read, and where each segment goes back."""

    kind: str
    sheets: tuple[tuple[str, pd.DataFrame], ...]
    cells: tuple[Cell, ...]
    dropped: tuple[tuple[str, int], ...] = ()
    options: tuple[tuple[str, Any], ...] = ()  # writer settings: separator, encoding, line end

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)


def _rule_for(rules: Mapping[str, ColumnRule], column: Any) -> ColumnRule | None:
    if not isinstance(column, str):
        return None
    if column in rules:
        return rules[column]
    folded = {k.casefold(): v for k, v in rules.items()}
    return folded.get(column.strip().casefold())


def _kept_dtype(series: pd.Series) -> bool:
    return bool(
        ptypes.is_float_dtype(series) or ptypes.is_bool_dtype(series)
        or ptypes.is_datetime64_any_dtype(series) or ptypes.is_timedelta64_dtype(series)
    )


def _as_text(value: Any) -> str | None:
    if value is None or (not isinstance(value, (list, dict, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) or hasattr(value, "isoformat"):
        return str(value)
    return None  # nested or binary values: the reader refuses those before we get here


def _sampled_type(values: Sequence[str], column: Any, relative: str, detect: Detect) -> str | None:
    sample = [v for v in values if v.strip()][:SAMPLE_SIZE]
    if not sample:
        return None
    found = detect([Segment(v, Locator(relative, column=str(column))) for v in sample])
    wholly: Counter[str] = Counter()
    for value, findings in zip(sample, found):
        size = len(value.strip())
        for f in findings:
            if (f.end - f.start) >= COVERAGE * size:
                wholly[f.entity_type] += 1
                break
    if not wholly:
        return None
    entity_type, hits = wholly.most_common(1)[0]
    return entity_type if hits >= TYPED_SHARE * len(sample) else None


def table_segments(
    relative: str,
    sheets: Sequence[tuple[str, pd.DataFrame]],
    rules: Mapping[str, ColumnRule],
    detect: Detect | None,
) -> tuple[list[Segment], list[Cell], list[tuple[str, int]]]:
    """Segments (headers, then unique values per column), where they go back, and dropped columns.

    Without ``detect`` (a plain read, for scan) undeclared columns are free text.
    """
    segments: list[Segment] = []
    cells: list[Cell] = []
    dropped: list[tuple[str, int]] = []
    for sheet_number, (sheet, frame) in enumerate(sheets, start=1):
        # Locators name a sheet by number: its name may be a person's (and reach an error message).
        sheet_label = f"sheet {sheet_number}" if len(sheets) > 1 else None
        if sheet.strip():  # a workbook's sheet may be named after a person
            segments.append(Segment(sheet, Locator(relative, field="sheet name")))
            cells.append(Cell(sheet, SHEET_NAME, (), header=True))
        for position, column in enumerate(frame.columns):
            # A header the policy names is no one's identifier, and must read back the same
            # for its rule to apply again when the output is verified.
            if isinstance(column, str) and column.strip() and _rule_for(rules, column) is None:
                segments.append(Segment(column, Locator(relative, field=f"header {position + 1} {sheet_label or ''}".strip())))
                cells.append(Cell(sheet, position, (), header=True))
        for position, column in enumerate(frame.columns):
            rule = _rule_for(rules, column)
            series = frame.iloc[:, position]
            if rule is not None and rule.treat == "drop":
                dropped.append((sheet, position))
                continue
            if (rule is not None and rule.treat == "keep") or (rule is None and _kept_dtype(series)):
                continue
            texts = [_as_text(v) for v in series.tolist()]
            entity_type = rule.entity if rule is not None and rule.treat == "entity" else None
            owner_column = rule.owner if rule is not None else None
            if rule is None and detect is not None:
                entity_type = _sampled_type(list(dict.fromkeys(t for t in texts if t)), f"#{position + 1}", relative, detect)
            owners: list[str | None] = [None] * len(texts)
            if owner_column is not None and owner_column in frame.columns:
                owners = [_as_text(v) for v in frame.iloc[:, list(frame.columns).index(owner_column)].tolist()]
            groups: dict[tuple[str, str | None], list[int]] = {}
            for row, (text, owner) in enumerate(zip(texts, owners)):
                if text is not None and text.strip():
                    groups.setdefault((text, owner), []).append(row)
            label = column if rule is not None else f"#{position + 1}"  # a header may be a name
            for (text, owner), rows in groups.items():
                locator = Locator(relative, row=rows[0] + 1, column=str(label), field=sheet_label)
                segments.append(Segment(text, locator, entity_type, owner))
                cells.append(Cell(sheet, position, tuple(rows)))
    return segments, cells, dropped


def _typed_back(original: pd.Series, replaced: dict[int, str]) -> pd.Series:
    """The column with its replaced cells; the dtype stays unless a replacement needs text."""
    if not replaced:
        return original
    values = original.tolist()
    changed = False
    for position, text in replaced.items():
        if _as_text(values[position]) != text:
            values[position] = text
            changed = True
    if not changed:
        return original
    dtype = original.dtype if ptypes.is_object_dtype(original) or ptypes.is_string_dtype(original) else object
    return pd.Series(values, index=original.index, name=original.name, dtype=dtype)


def rebuild_sheets(layout: TableLayout, texts: Sequence[str]) -> list[tuple[str, pd.DataFrame]]:
    """New frames (the originals are never changed) with redacted cells, headers and drops."""
    replaced: dict[tuple[str, int], dict[int, str]] = {}
    renamed: dict[tuple[str, int], str] = {}
    for cell, text in zip(layout.cells, texts, strict=True):
        if cell.header:
            renamed[(cell.sheet, cell.column)] = text
            continue
        target = replaced.setdefault((cell.sheet, cell.column), {})
        for position in cell.rows:
            target[position] = text
    out = []
    drops = set(layout.dropped)
    for sheet, frame in layout.sheets:
        kept = [i for i in range(frame.shape[1]) if (sheet, i) not in drops]
        new = frame.iloc[:, kept].copy()
        for target, index in enumerate(kept):
            original = frame.iloc[:, index]
            column = _typed_back(original, replaced.get((sheet, index), {}))
            if column is not original:
                new.isetitem(target, column)
        new.columns = [renamed.get((sheet, i), frame.columns[i]) for i in kept]
        out.append((renamed.get((sheet, SHEET_NAME), sheet), new))
    return out


def prepare_table(document: Document, rules: Mapping[str, ColumnRule], detect: Detect) -> Document:
    """The document's segments again, with the policy's column rules and sampled column types."""
    layout: TableLayout = document.layout
    segments, cells, dropped = table_segments(document.relative, layout.sheets, rules, detect)
    notes = tuple(document.notes) + tuple(f"column dropped by policy: sheet {s or '-'} column {i}" for s, i in _positions(layout, dropped))
    return replace(document, segments=tuple(segments), layout=replace(layout, cells=tuple(cells), dropped=tuple(dropped)), notes=notes)


def _positions(layout: TableLayout, dropped: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    # Column positions, not names: a header may itself be a protected value.
    return [(sheet, index + 1) for sheet, index in dropped]


def prepare_document(document: Document, rules: Mapping[str, ColumnRule], detect: Detect) -> Document:
    """Tables get their column rules; other documents pass through as they are."""
    return prepare_table(document, rules, detect) if isinstance(document.layout, TableLayout) else document


def frame_document(frame: pd.DataFrame, relative: str = "<frame>") -> Document:
    """A DataFrame as an unprepared table document (for ``Shield.redact_frame``)."""
    from victimshield.read.table import check_frame

    check_frame(frame, relative)
    sheets = (("", frame),)
    segments, cells, dropped = table_segments(relative, sheets, {}, None)
    return Document(Path(relative), relative, "table", tuple(segments), TableLayout("frame", sheets, tuple(cells), tuple(dropped)))


