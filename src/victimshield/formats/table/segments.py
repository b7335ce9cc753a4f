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
from victimshield.formats.table.cells import cell_text, type_label
from victimshield.formats.table.column_codes import ColumnGroups, TextCodes, column_groups, rebuilt, text_codes
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
    groups: ColumnGroups
    typed: Mapping[str, str]  # texts of groups that came from typed cells -> their kind (table_cells.typed_kind)
    type_word: str


@dataclass(frozen=True, slots=True)
class CutTable:
    """A table cut into segments: where each goes back, dropped columns, notes, and each
    column's codes (``column_codes``) for the layout."""

    segments: list[Segment]
    cells: list[Cell]
    dropped: list[tuple[int, int]]
    notes: list[str]
    texts: dict[tuple[int, int], TextCodes]
    groups: dict[tuple[int, int], ColumnGroups]


def _columns(relative: str, kind: str, sheets: Sequence[tuple[str, pd.DataFrame]], rules: Mapping[str, ColumnRule],
             detect: Detect | None, known: Mapping[tuple[int, int], TextCodes],
             coded: dict[tuple[int, int], TextCodes]) -> tuple[list[_Column], list[tuple[int, int]]]:
    """The columns to cut; ``coded`` gathers every column's text codes (``known`` ones reused)."""
    columns: list[_Column] = []
    dropped: list[tuple[int, int]] = []

    def codes_of(sheet: int, position: int, frame: pd.DataFrame) -> TextCodes:
        place = (sheet, position)
        if place not in coded:
            coded[place] = known[place] if place in known else text_codes(frame.iloc[:, position])
        return coded[place]

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
            text = codes_of(sheet, position, frame)
            entity_type = rule.entity if rule is not None and rule.treat == "entity" else None
            if rule is None and detect is not None:
                label = f"{sheet_label(kind, sheet) or ''} #{position + 1}".strip()
                entity_type = _sampled_type(text.distinct(), label, relative, detect, text.countable_texts())
            owner: TextCodes | None = None
            owner_column = rule.owner if rule is not None else None
            if owner_column is not None and owner_column in names:
                owner = codes_of(sheet, names.index(owner_column), frame)
            groups = column_groups(text, owner)
            declared = entity_type is not None
            columns.append(_Column(sheet, position, entity_type, declared, groups, text.typed, type_label(series)))
    return columns, dropped


def cut_table(
    relative: str,
    sheets: Sequence[tuple[str, pd.DataFrame]],
    rules: Mapping[str, ColumnRule],
    detect: Detect | None,
    *,
    kind: str = "",
    extras: Sequence[Extra] = (),
    known: Mapping[tuple[int, int], TextCodes] | None = None,
) -> CutTable:
    """Segments (sheet names, headers, unique values per column, extras), where they go back,
    dropped columns, and notes for the manifest.

    Without ``detect`` (a plain read, for scan) undeclared columns are free text and every
    typed cell is a segment. ``known``: columns' text codes from an earlier cut of the same sheets."""
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
    coded: dict[tuple[int, int], TextCodes] = {}
    columns, dropped = _columns(relative, kind, sheets, rules, detect, known or {}, coded)
    candidates: dict[str, str] = {}
    for column in columns:
        if not column.declared:
            for text, value_kind in column.typed.items():
                # One text may come from a fraction in one column and a whole number in another: the stricter test.
                candidates[text] = value_kind if candidates.get(text, value_kind) == value_kind else "whole"
    flagged = with_findings(relative, candidates, detect) if detect is not None and candidates else set(candidates)
    groups: dict[tuple[int, int], ColumnGroups] = {}
    for column in columns:
        typed_segments = 0
        typed, sift = column.typed, bool(column.typed) and not column.declared
        place_column, place_field = str(column.position + 1), sheet_label(kind, column.sheet)
        grouped = column.groups
        groups[(column.sheet, column.position)] = grouped
        owners = grouped.owners
        for group, (text, first) in enumerate(zip(grouped.texts, grouped.first.tolist(), strict=True)):
            if text is None or not text.strip():
                continue  # an empty or blank cell holds no one's identifier
            if sift and text in typed and text not in flagged:
                continue  # a number or date in which nothing was found: nothing would change it
            typed_segments += text in typed
            locator = Locator(relative, row=first + 1, column=place_column, field=place_field)
            segments.append(Segment(text, locator, column.entity_type, owners[group] if owners is not None else None))
            cells.append(Cell(column.sheet, column.position, (), group=group))
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
    return CutTable(segments, cells, dropped, notes, coded, groups)


def table_segments(
    relative: str,
    sheets: Sequence[tuple[str, pd.DataFrame]],
    rules: Mapping[str, ColumnRule],
    detect: Detect | None,
    *,
    kind: str = "",
    extras: Sequence[Extra] = (),
) -> tuple[list[Segment], list[Cell], list[tuple[int, int]], list[str]]:
    """``cut_table`` without the codes: segments, where they go back, dropped columns, notes."""
    cut = cut_table(relative, sheets, rules, detect, kind=kind, extras=extras)
    return cut.segments, cut.cells, cut.dropped, cut.notes


def table_layout(kind: str, sheets: tuple[tuple[str, pd.DataFrame], ...], cut: CutTable,
                 options: tuple[tuple[str, Any], ...] = (), extras: tuple[Extra, ...] = ()) -> TableLayout:
    return TableLayout(kind, sheets, tuple(cut.cells), tuple(cut.dropped), options, extras, cut.texts, cut.groups)


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """Sheets with redacted cells, headers, names and drops; extras' redacted texts."""

    sheets: list[tuple[str, pd.DataFrame]]
    extras: dict[int, str]


def rebuild(layout: TableLayout, texts: Sequence[str]) -> Rebuilt:
    """New frames (the originals are never changed) with redacted cells, headers and drops."""
    replaced: dict[tuple[int, int], dict[int, str]] = {}
    renamed: dict[tuple[int, int], str] = {}
    extras: dict[int, str] = {}
    for cell, text in zip(layout.cells, texts, strict=True):
        if cell.part == "extra":
            extras[cell.rows[0]] = text
        elif cell.part in ("header", "sheet"):
            renamed[(cell.sheet, cell.column)] = text
        else:
            replaced.setdefault((cell.sheet, cell.column), {})[cell.group] = text
    out = []
    drops = set(layout.dropped)
    for sheet, (name, frame) in enumerate(layout.sheets):
        kept = [i for i in range(frame.shape[1]) if (sheet, i) not in drops]
        # A new frame (iloc with a list takes a copy, lazily under copy-on-write): columns
        # are replaced in it whole, so the input's frame never changes.
        new = frame.iloc[:, kept]
        for place, index in enumerate(kept):
            if (sheet, index) not in replaced:
                continue
            original = frame.iloc[:, index]
            column = rebuilt(original, layout.groups[(sheet, index)], replaced[(sheet, index)],
                             whole_column_text=layout.kind == "parquet")
            if column is not original:
                new.isetitem(place, column)  # type: ignore[arg-type]  # pandas takes a Series; its stubs omit it
        # A header changes only where its text changed: a number heading a column stays a number.
        new.columns = [_header(frame.columns[i], renamed.get((sheet, i))) for i in kept]
        out.append((renamed.get((sheet, -1), name), new))
    return Rebuilt(out, extras)


def _header(original: Any, text: str | None) -> Any:
    return original if text is None or text == cell_text(original) else text


def rebuild_sheets(layout: TableLayout, texts: Sequence[str]) -> list[tuple[str, pd.DataFrame]]:
    return rebuild(layout, texts).sheets


def prepare_table(document: Document[TableLayout], rules: Mapping[str, ColumnRule],
                  detect: Detect) -> Document[TableLayout]:
    """The document's segments again, with the policy's column rules and sampled column types."""
    layout = document.layout
    # The read's text codes are reused: each column is hashed once per read.
    cut = cut_table(document.relative, layout.sheets, rules, detect, kind=layout.kind, extras=layout.extras,
                    known=layout.texts)
    layout = replace(layout, cells=tuple(cut.cells), dropped=tuple(cut.dropped), texts=cut.texts, groups=cut.groups)
    return replace(document, segments=tuple(cut.segments), layout=layout,
                   notes=tuple(document.notes) + tuple(cut.notes))


def frame_document(frame: pd.DataFrame, relative: str = "<frame>") -> Document[TableLayout]:
    """A DataFrame as an unprepared table document (for ``Shield.redact_frame``)."""
    check_frame(frame, relative)
    sheets = (("", frame),)
    cut = cut_table(relative, sheets, {}, None, kind="frame")
    return Document(Path(relative), relative, "table", tuple(cut.segments), table_layout("frame", sheets, cut))
