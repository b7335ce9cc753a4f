"""Tables (transactions, chat tables): a DataFrame to segments and back, column by column.

Policy ``columns:`` rules say what a column is: an entity type (owned by another
column's party), kept, dropped, or free text. Columns no rule names are sampled:
when most sampled values are wholly one entity type the column is that type,
otherwise it is free text. Every cell of every type is read: numbers, dates,
durations and bools through their text form (``table_cells``), so a phone stored
as an integer is found like one written as text. Cells are grouped per unique
(value, owner) pair, one batch for the whole table, and mapped back. In a column
of no declared type a typed cell is only a segment when detection finds something
in it: thousands of amounts cost one detection each, once, and no redaction pass.

Locators and notes name sheets, columns and rows by position ("sheet 2, column 4"):
a sheet name or a header may itself be a victim's name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from victimshield.finding import Finding, Locator, Segment
from victimshield.policy.model import ColumnRule
from victimshield.read.base import Document
from victimshield.table_cells import cell_text, column_back, type_label, typed_kind

SAMPLE_SIZE = 30
TYPED_SHARE = 0.8  # of sampled values that must be wholly one type for the column to be that type
COVERAGE = 0.8  # of a value's characters one finding must cover to count as "wholly"
CHUNK_CHARS = 2000  # typed values detected together (see _with_findings)
CHUNK_SEPARATOR = "\n\n"
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d[ T]")
Detect = Callable[[Sequence[Segment]], list[list[Finding]]]


@dataclass(frozen=True, slots=True)
class Extra:
    """Workbook text that is no cell: a comment, its author, a document property."""

    what: str  # "comment", "comment author", "property"
    sheet: int | None = None  # position in the layout's sheets; None for the workbook
    row: int = 0  # a comment's cell in its input sheet, 1-based
    column: int = 0
    name: str = ""  # a property's OOXML name (creator, title, ...): the format's word, not evidence
    text: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a segment's text goes back: a column's cells holding one value (and owner), a
    header, a sheet's name, or an extra (``rows`` then holds its index in the layout's extras)."""

    sheet: int  # position in the layout's sheets: names may be redacted, and repeat
    column: int  # position: names may repeat, and a header may itself be redacted
    rows: tuple[int, ...]  # positions
    part: str = "cell"  # "cell", "header", "sheet", "extra"


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Sheets (one for CSV/Parquet/JSONL) as read, and where each segment goes back."""

    kind: str
    sheets: tuple[tuple[str, pd.DataFrame], ...]
    cells: tuple[Cell, ...]
    dropped: tuple[tuple[int, int], ...] = ()  # (sheet position, column position)
    options: tuple[tuple[str, Any], ...] = ()  # writer settings: separator, encoding, sheet states, ...
    extras: tuple[Extra, ...] = ()

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)


def sheet_label(kind: str, sheet: int) -> str | None:
    """"sheet 2" in a workbook; nothing for formats of one table."""
    return f"sheet {sheet + 1}" if kind == "xlsx" else None


def where(kind: str, sheet: int, column: int | None = None) -> str:
    parts = [p for p in (sheet_label(kind, sheet), f"column {column + 1}" if column is not None else None) if p]
    return ", ".join(parts) or "table"


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
    for value, findings in zip(checked, found):
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
            values = series.tolist()
            texts = [cell_text(v) for v in values]
            entity_type = rule.entity if rule is not None and rule.treat == "entity" else None
            if rule is None and detect is not None:
                # Only text and whole numbers are sampled: amounts and timestamps read like
                # phone numbers to a recognizer, and a column of them must not be declared one.
                label = f"{sheet_label(kind, sheet) or ''} #{position + 1}".strip()
                countable = {t for v, t in zip(values, texts) if t and typed_kind(v) in (None, "whole")}
                entity_type = _sampled_type(list(dict.fromkeys(t for t in texts if t)), label, relative, detect, countable)
            owners: list[str | None] = [None] * len(texts)
            owner_column = rule.owner if rule is not None else None
            if owner_column is not None and owner_column in names:
                owners = [cell_text(v) for v in frame.iloc[:, names.index(owner_column)].tolist()]
            groups: dict[tuple[str, str | None], list[int]] = {}
            typed: dict[str, str] = {}
            for row, (value, text, owner) in enumerate(zip(values, texts, owners)):
                if text is not None and text.strip():
                    groups.setdefault((text, owner), []).append(row)
                    value_kind = typed_kind(value)
                    if value_kind is not None:
                        typed[text] = value_kind
            columns.append(_Column(sheet, position, entity_type, entity_type is not None, groups, typed, type_label(series)))
    return columns, dropped


def _counts(finding: Finding, value_kind: str) -> bool:
    """Whether a finding in a typed value says it may identify someone.

    A roster match always does. Otherwise any type but DATE_TIME (a date cell is a date:
    saying so identifies no one) in a whole number, date or bool; in a fraction (an amount,
    a coordinate) only the roster's own values: no recognizer can tell an identifier from a
    fraction's digits, and the phone recognizers read amounts such as 3118.32 as phones."""
    if finding.party is not None:
        return True
    return value_kind != "fraction" and finding.entity_type != "DATE_TIME"


def _with_findings(relative: str, texts: dict[str, str], detect: Detect) -> set[str]:
    """The typed texts detection finds anything in: each distinct text once, many to a chunk.

    Detection costs milliseconds per segment however short, and a table holds thousands of
    distinct amounts and timestamps: so they are detected as chunks of lines, a blank line
    between two values (every recognizer's boundary), and a finding flags every value it
    touches. A flagged value then goes through redaction on its own, like any cell; the
    chunks only choose which ones need it."""
    # A timestamp is detected by its date: its time of day identifies no one, and a table's
    # timestamps are mostly distinct while their days are few.
    probes: dict[str, list[str]] = {}
    for text, value_kind in texts.items():
        probe = text[:10] if value_kind == "time" and _TIMESTAMP.match(text) else text
        probes.setdefault(probe, []).append(text)
    kinds = {probe: ("whole" if any(texts[t] != "fraction" for t in group) else "fraction") for probe, group in probes.items()}
    ordered = sorted(probes)
    chunks: list[tuple[str, list[int], list[str]]] = []
    pieces: list[str] = []
    starts: list[int] = []
    size = 0
    for text in ordered:
        starts.append(size)
        pieces.append(text)
        size += len(text) + len(CHUNK_SEPARATOR)
        if size >= CHUNK_CHARS:
            chunks.append((CHUNK_SEPARATOR.join(pieces), starts, pieces))
            pieces, starts, size = [], [], 0
    if pieces:
        chunks.append((CHUNK_SEPARATOR.join(pieces), starts, pieces))
    found = detect([Segment(chunk, Locator(relative, field=f"typed values {n}")) for n, (chunk, _, _) in enumerate(chunks, 1)])
    flagged: set[str] = set()
    for (_, chunk_starts, chunk_texts), findings in zip(chunks, found):
        for finding in findings:
            first = max(bisect_right(chunk_starts, finding.start) - 1, 0)
            for index in range(first, len(chunk_texts)):
                if chunk_starts[index] >= finding.end:
                    break
                if _counts(finding, kinds[chunk_texts[index]]):
                    flagged.update(probes[chunk_texts[index]])
    return flagged


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
        for position, column in enumerate(frame.columns):
            # A header the policy names is no one's identifier, and must read back the same
            # for its rule to apply again when the output is verified. A header may be a
            # number (a phone heading a column) or a date: read through its text like a cell.
            text = cell_text(column)
            if text is not None and text.strip() and _rule_for(rules, column) is None:
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
    flagged = _with_findings(relative, candidates, detect) if detect is not None and candidates else set(candidates)
    for column in columns:
        typed_segments = 0
        for (text, owner), rows in column.groups.items():
            if text in column.typed and not column.declared and text not in flagged:
                continue  # a number or date in which nothing was found: nothing would change it
            typed_segments += text in column.typed
            locator = Locator(relative, row=rows[0] + 1, column=str(column.position + 1), field=sheet_label(kind, column.sheet))
            segments.append(Segment(text, locator, column.entity_type, owner))
            cells.append(Cell(column.sheet, column.position, tuple(rows)))
        if typed_segments and detect is not None:
            # Said before redaction (notes are fixed when the file is read): where a typed value
            # was found to hold an identifier, what happens if the policy changes it.
            whole = "the whole column is written as text" if kind == "parquet" else "that cell is written as text"
            notes.append(f"{where(kind, column.sheet, column.position)} ({column.type_word}): where a value must change, {whole} "
                         "(a date kept only to its year: as 1 January of that year, keeping its type)")
    for index, extra in enumerate(extras):
        if not extra.text.strip():
            continue
        if extra.what == "property":
            locator = Locator(relative, field=f"document property {extra.name}")
        else:
            locator = Locator(relative, row=extra.row, column=str(extra.column), field=f"{sheet_label(kind, extra.sheet or 0)} {extra.what}")
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
    replaced: dict[tuple[int, int], dict[int, str]] = {}
    renamed: dict[tuple[int, int], str] = {}
    extras: dict[int, str] = {}
    for cell, text in zip(layout.cells, texts, strict=True):
        if cell.part == "extra":
            extras[cell.rows[0]] = text
        elif cell.part in ("header", "sheet"):
            renamed[(cell.sheet, cell.column)] = text
        else:
            target = replaced.setdefault((cell.sheet, cell.column), {})
            for position in cell.rows:
                target[position] = text
    out = []
    drops = set(layout.dropped)
    for sheet, (name, frame) in enumerate(layout.sheets):
        kept = [i for i in range(frame.shape[1]) if (sheet, i) not in drops]
        new = frame.iloc[:, kept].copy()
        for target, index in enumerate(kept):
            original = frame.iloc[:, index]
            column = column_back(original, replaced.get((sheet, index), {}), whole_column_text=layout.kind == "parquet")
            if column is not original:
                new.isetitem(target, column)
        # A header changes only where its text changed: a number heading a column stays a number.
        new.columns = [_header(frame.columns[i], renamed.get((sheet, i))) for i in kept]
        out.append((renamed.get((sheet, -1), name), new))
    return Rebuilt(out, extras)


def _header(original: Any, text: str | None) -> Any:
    return original if text is None or text == cell_text(original) else text


def rebuild_sheets(layout: TableLayout, texts: Sequence[str]) -> list[tuple[str, pd.DataFrame]]:
    return rebuild(layout, texts).sheets


def prepare_table(document: Document, rules: Mapping[str, ColumnRule], detect: Detect) -> Document:
    """The document's segments again, with the policy's column rules and sampled column types."""
    layout: TableLayout = document.layout
    segments, cells, dropped, notes = table_segments(document.relative, layout.sheets, rules, detect,
                                                     kind=layout.kind, extras=layout.extras)
    return replace(document, segments=tuple(segments), layout=replace(layout, cells=tuple(cells), dropped=tuple(dropped)),
                   notes=tuple(document.notes) + tuple(notes))


def _prepare_json(document: Document, detect: Detect) -> Document:
    """JSON numbers are leaves like table cells: each distinct one detected once (in chunks),
    and only those detection finds something in stay segments (see ``_with_findings``)."""
    from victimshield.read.json_tree import keep_segments

    targets = document.layout.targets
    numbers = {i for i, (segment, target) in enumerate(zip(document.segments, targets))
               if target.number and segment.entity_type is None}
    if not numbers:
        return document
    kinds = {document.segments[i].text: ("whole" if document.segments[i].text.lstrip("-").isdigit() else "fraction")
             for i in numbers}
    flagged = _with_findings(document.relative, kinds, detect)
    return keep_segments(document, {i for i in range(len(document.segments)) if i not in numbers or document.segments[i].text in flagged})


def prepare_document(document: Document, rules: Mapping[str, ColumnRule], detect: Detect) -> Document:
    """Tables get their column rules; JSON its numbers sifted; other documents pass through."""
    from victimshield.read.json_tree import JsonLayout

    if isinstance(document.layout, TableLayout):
        return prepare_table(document, rules, detect)
    if isinstance(document.layout, JsonLayout):
        return _prepare_json(document, detect)
    return document


def frame_document(frame: pd.DataFrame, relative: str = "<frame>") -> Document:
    """A DataFrame as an unprepared table document (for ``Shield.redact_frame``)."""
    from victimshield.read.table import check_frame

    check_frame(frame, relative)
    sheets = (("", frame),)
    segments, cells, dropped, _ = table_segments(relative, sheets, {}, None, kind="frame")
    return Document(Path(relative), relative, "table", tuple(segments), TableLayout("frame", sheets, tuple(cells), tuple(dropped)))
