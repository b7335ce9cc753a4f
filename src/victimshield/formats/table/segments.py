"""Tables (transactions, chat tables): a DataFrame to segments and back, column by column.

Policy ``columns:`` rules say what a column is: an entity type (owned by another
column's party), kept, dropped, or free text. Columns no rule names are sampled:
when most sampled values are wholly one entity type the column is that type,
otherwise it is free text. Every cell of every type is read: numbers, dates,
durations and bools through their text form (``cells``), so a phone stored
as an integer is found like one written as text. Cells are grouped per unique
(value, owner) pair, one batch for the whole table, and mapped back. In a column
of no declared type a typed cell is only a segment when detection finds something
in it: thousands of amounts cost one detection each, once, and no redaction pass.

Locators and notes name sheets, columns and rows by position ("sheet 2, column 4"):
a sheet name or a header may itself be a victim's name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from victimshield.finding import Locator, Segment
from victimshield.formats.base import Detect, Document
from victimshield.formats.table.cell_groups import all_text, column_texts, group_rows, typed_texts
from victimshield.formats.table.cells import cell_text, column_back, type_label, typed_kind
from victimshield.formats.table.frames import check_frame
from victimshield.formats.table.layout import Cell, Extra, TableLayout, sheet_label, where
from victimshield.formats.typed_values import with_findings
from victimshield.policy.model import ColumnRule

SAMPLE_SIZE = 30
TYPED_SHARE = 0.8  # of sampled values that must be wholly one type for the column to be that type
COVERAGE = 0.8  # of a value's characters one finding must cover to count as "wholly"


def _rule_for(rules: Mapping[str, ColumnRule], column: Any) -> ColumnRule | None:
    if not isinstance(column, str):
        return None
    if column in rules:
        return rules[column]
    folded = {k.casefold(): v for k, v in rules.items()}
    return folded.get(column.strip().casefold())


def _sampled_type(values: Sequence[str], column: str, relative: str, detect: Detect, countable: set[str]) -> str | None:
    """The entity type most sampled values wholly are, if enough are; only ``countable``
    values (text, whole numbers) can count for a type, the rest count against."""
    sample = [v for v in values if v.strip()][:SAMPLE_SIZE]
    if not sample:
        return None
    checked = [v for v in sample if v in countable]
    found = detect([Segment(v, Locator(relative, column=column)) for v in checked]) if checked else []
    wholly: Counter[str] = Counter()
    for value, findings in zip(checked, found, strict=False):
        size = len(value.strip())
        for f in findings:
            if (f.end - f.start) >= COVERAGE * size:
                wholly[f.entity_type] += 1
                break
    if not wholly:
        return None
    entity_type, hits = wholly.most_common(1)[0]
    return entity_type if hits >= TYPED_SHARE * len(sample) else None


@dataclass
class _Column:
    """One column's cells grouped by (text, owner), and what the policy or sampling says it is."""

    sheet: int
    position: int
    entity_type: str | None
    declared: bool  # a rule or sampling gave the column a type: every cell is a segment
    groups: dict[tuple[str, str | None], list[int]]
    typed: dict[str, str]  # texts of groups that came from typed cells -> their kind (table_cells.typed_kind)
    type_word: str


def _columns(relative: str, kind: str, sheets: Sequence[tuple[str, pd.DataFrame]], rules: Mapping[str, ColumnRule],
             detect: Detect | None) -> tuple[list[_Column], list[tuple[int, int]]]:
    columns: list[_Column] = []
    dropped: list[tuple[int, int]] = []
    for sheet, (_, frame) in enumerate(sheets):
        names = list(frame.columns)
        for position, name in enumerate(names):
            rule = _rule_for(rules, name)
            if rule is not None and rule.treat == "drop":
                dropped.append((sheet, position))
                continue
            if rule is not None and rule.treat == "keep":
                continue
            series = frame.iloc[:, position]
            values, texts, plain = column_texts(series)
            entity_type = rule.entity if rule is not None and rule.treat == "entity" else None
            if rule is None and detect is not None:
                # Only text and whole numbers are sampled: amounts and timestamps read like
                # phone numbers to a recognizer, and a column of them must not be declared one.
                label = f"{sheet_label(kind, sheet) or ''} #{position + 1}".strip()
                countable: set[str] = {t for t in texts if t} if plain else {
                    t for v, t in zip(values, texts, strict=False) if t and typed_kind(v) in (None, "whole")}
                distinct = list(dict.fromkeys(t for t in texts if t))
                entity_type = _sampled_type(distinct, label, relative, detect, countable)
            owners: list[str | None] | None = None
            owner_column = rule.owner if rule is not None else None
            if owner_column is not None and owner_column in names:
                owners = column_texts(frame.iloc[:, names.index(owner_column)])[1]
            groups = group_rows(texts, owners)
            typed = {} if plain else typed_texts(values, texts)
            declared = entity_type is not None
            columns.append(_Column(sheet, position, entity_type, declared, groups, typed, type_label(series)))
    return columns, dropped


def table_segments(
    relative: str,
    sheets: Sequence[tuple[str, pd.DataFrame]],
    rules: Mapping[str, ColumnRule],
    detect: Detect | None,
    *,
    kind: str = "",
    extras: Sequence[Extra] = (),
) -> tuple[list[Segment], list[Cell], list[tuple[int, int]], list[str]]:
    """Segments (sheet names, headers, unique values per column, extras), where they go back,
    dropped columns, and notes for the manifest.

    Without ``detect`` (a plain read, for scan) undeclared columns are free text and every
    typed cell is a segment."""
    segments: list[Segment] = []
    cells: list[Cell] = []
    notes: list[str] = []
    for sheet, (name, frame) in enumerate(sheets):
        label = sheet_label(kind, sheet)
        if name.strip():  # a workbook's sheet may be named after a person
            segments.append(Segment(name, Locator(relative, field=f"{label or 'sheet'} name")))
            cells.append(Cell(sheet, -1, (), "sheet"))
        for position, header in enumerate(frame.columns):
            # A header the policy names is no one's identifier, and must read back the same
            # for its rule to apply again when the output is verified. A header may be a
            # number (a phone heading a column) or a date: read through its text like a cell.
            text = cell_text(header)
            if text is not None and text.strip() and _rule_for(rules, header) is None:
                field_name = f"{label} header" if label else "header"
                segments.append(Segment(text, Locator(relative, column=str(position + 1), field=field_name)))
                cells.append(Cell(sheet, position, (), "header"))
    columns, dropped = _columns(relative, kind, sheets, rules, detect)
    candidates: dict[str, str] = {}
    for column in columns:
        if not column.declared:
            for text, value_kind in column.typed.items():
                # One text may come from a fraction in one column and a whole number in another: the stricter test.
                candidates[text] = value_kind if candidates.get(text, value_kind) == value_kind else "whole"
    flagged = with_findings(relative, candidates, detect) if detect is not None and candidates else set(candidates)
    for column in columns:
        typed_segments = 0
        typed, sift = column.typed, bool(column.typed) and not column.declared
        place_column, place_field = str(column.position + 1), sheet_label(kind, column.sheet)
        for (text, owner), rows in column.groups.items():
            if sift and text in typed and text not in flagged:
                continue  # a number or date in which nothing was found: nothing would change it
            typed_segments += text in typed
            locator = Locator(relative, row=rows[0] + 1, column=place_column, field=place_field)
            segments.append(Segment(text, locator, column.entity_type, owner))
            cells.append(Cell(column.sheet, column.position, tuple(rows)))
        if typed_segments and detect is not None:
            # Said before redaction (notes are fixed when the file is read): where a typed value
            # was found to hold an identifier, what happens if the policy changes it.
            whole = "the whole column is written as text" if kind == "parquet" else "that cell is written as text"
            place = where(kind, column.sheet, column.position)
            notes.append(f"{place} ({column.type_word}): where a value must change, {whole} "
                         "(a date kept only to its year: as 1 January of that year, keeping its type)")
    for index, extra in enumerate(extras):
        if not extra.text.strip():
            continue
        if extra.what == "property":
            locator = Locator(relative, field=f"document property {extra.name}")
        else:
            locator = Locator(relative, row=extra.row, column=str(extra.column),
                              field=f"{sheet_label(kind, extra.sheet or 0)} {extra.what}")
        segments.append(Segment(extra.text, locator))
        cells.append(Cell(extra.sheet or 0, -1, (index,), "extra"))
    notes += [f"{where(kind, s, c)}: dropped by policy" for s, c in dropped]
    return segments, cells, dropped, notes


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """Sheets with redacted cells, headers, names and drops; extras' redacted texts."""

    sheets: list[tuple[str, pd.DataFrame]]
    extras: dict[int, str]


def rebuild(layout: TableLayout, texts: Sequence[str]) -> Rebuilt:
    """New frames (the originals are never changed) with redacted cells, headers and drops."""
    replaced: dict[tuple[int, int], list[tuple[tuple[int, ...], str]]] = {}
    renamed: dict[tuple[int, int], str] = {}
    extras: dict[int, str] = {}
    for cell, text in zip(layout.cells, texts, strict=True):
        if cell.part == "extra":
            extras[cell.rows[0]] = text
        elif cell.part in ("header", "sheet"):
            renamed[(cell.sheet, cell.column)] = text
        else:
            replaced.setdefault((cell.sheet, cell.column), []).append((cell.rows, text))
    out = []
    drops = set(layout.dropped)
    for sheet, (name, frame) in enumerate(layout.sheets):
        kept = [i for i in range(frame.shape[1]) if (sheet, i) not in drops]
        new = frame.iloc[:, kept].copy()
        for place, index in enumerate(kept):
            original = frame.iloc[:, index]
            column = _column_back(original, replaced.get((sheet, index), []), layout.kind == "parquet")
            if column is not original:
                new.isetitem(place, column)  # type: ignore[arg-type]  # pandas takes a Series; its stubs omit it
        # A header changes only where its text changed: a number heading a column stays a number.
        new.columns = [_header(frame.columns[i], renamed.get((sheet, i))) for i in kept]
        out.append((renamed.get((sheet, -1), name), new))
    return Rebuilt(out, extras)


def _column_back(original: pd.Series, groups: list[tuple[tuple[int, ...], str]], whole_column_text: bool) -> pd.Series:
    """``column_back`` for a column's groups of rows. A column of text only is rebuilt a group
    at a time (a group's cells hold one text: either all change or none); others cell by cell."""
    if not all_text(original):
        return column_back(original, {row: text for rows, text in groups for row in rows},
                           whole_column_text=whole_column_text)
    values = original.to_numpy(dtype=object, copy=True)
    changed = False
    for rows, text in groups:
        if values[rows[0]] != text:
            values[list(rows)] = text
            changed = True
    if not changed:
        return original
    # As ``column_back`` builds it: text into a column of text keeps the column's type.
    return pd.Series(values.tolist(), index=original.index, name=original.name, dtype=original.dtype)


def _header(original: Any, text: str | None) -> Any:
    return original if text is None or text == cell_text(original) else text


def rebuild_sheets(layout: TableLayout, texts: Sequence[str]) -> list[tuple[str, pd.DataFrame]]:
    return rebuild(layout, texts).sheets


def prepare_table(document: Document[TableLayout], rules: Mapping[str, ColumnRule],
                  detect: Detect) -> Document[TableLayout]:
    """The document's segments again, with the policy's column rules and sampled column types."""
    layout = document.layout
    segments, cells, dropped, notes = table_segments(document.relative, layout.sheets, rules, detect,
                                                     kind=layout.kind, extras=layout.extras)
    layout = replace(layout, cells=tuple(cells), dropped=tuple(dropped))
    return replace(document, segments=tuple(segments), layout=layout,
                   notes=tuple(document.notes) + tuple(notes))


def frame_document(frame: pd.DataFrame, relative: str = "<frame>") -> Document[TableLayout]:
    """A DataFrame as an unprepared table document (for ``Shield.redact_frame``)."""
    check_frame(frame, relative)
    sheets = (("", frame),)
    segments, cells, dropped, _ = table_segments(relative, sheets, {}, None, kind="frame")
    layout = TableLayout("frame", sheets, tuple(cells), tuple(dropped))
    return Document(Path(relative), relative, "table", tuple(segments), layout)
