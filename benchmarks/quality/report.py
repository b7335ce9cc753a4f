"""Tables from a summary: built once as rows, shown with rich and written as Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.quality.harness import GROUPS


@dataclass(frozen=True)
class Rows:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _ratio(part: int | None, whole: int | None) -> str:
    if not whole:
        return "–"
    return f"{part}/{whole} ({100 * (part or 0) / whole:.1f}%)"


def _headline_cell(item: dict[str, Any], part: str, whole: str) -> str:
    return _ratio(item.get(part), item.get(whole))


HEADLINE = (
    # label, key, part, whole, target
    ("Leaked: roster values", "leak_roster", "leaked", "values", "0 in every format"),
    ("Leaked: roster parties, forms no roster lists", "leak_roster-variant", "leaked", "values", "–"),
    ("Leaked: people not in the roster (all types)", "leak_unknown", "leaked", "values", "–"),
    (
        "Leaked: unknown people's names in chats",
        "leak_unknown_person_chat",
        "leaked",
        "values",
        "≤ 2% and ≤ ½ Presidio",
    ),
    ("Suspect values kept", "suspect_kept", "kept", "values", "≥ 98%"),
    ("Collateral: ordinary words lost", "collateral_words", "lost", "tokens", "≤ 5%"),
    ("Collateral: other numbers lost (times, dates, amounts)", "collateral_numbers", "lost", "tokens", "–"),
    ("One pseudonym per roster party (parties)", "consistency_roster", "consistent", "people", "100%"),
    ("Roster-party mentions on the party's token", "consistency_roster", "mentions_on_main_token", "mentions", "100%"),
    (
        "Unknown-people mentions on one token per person",
        "consistency_unknown",
        "mentions_on_main_token",
        "mentions",
        "–",
    ),
)


def headline_rows(summary: dict[str, Any]) -> Rows:
    systems = list(summary["systems"])
    rows = []
    for label, key, part, whole, target in HEADLINE:
        cells = []
        for name in systems:
            item = summary["systems"][name]["headline"][key]
            no_pseudonyms = key.startswith("consistency") and name != "VictimShield"
            cells.append("n/a (no pseudonyms)" if no_pseudonyms else _headline_cell(item, part, whole))
        rows.append((label, target, *cells))
    refused = [str(summary["systems"][n]["headline"]["refused_files"]) if n == "VictimShield" else "–" for n in systems]
    rows.append(("Files whose export verification refused", "–", *refused))
    return Rows("Protection quality (all evaluated files)", ("Metric", "Target", *systems), rows)


def leak_rows(summary: dict[str, Any]) -> Rows:
    systems = list(summary["systems"])
    tables = {
        n: {(r["format"], r["entity_type"], r["group"]): r for r in summary["systems"][n]["leaks"]} for n in systems
    }
    keys = sorted(set().union(*tables.values()), key=lambda k: (k[0], GROUPS.index(k[2]), k[1]))
    rows = []
    for key in keys:
        first = next(tables[n][key] for n in systems if key in tables[n])
        rows.append(
            (
                key[0],
                key[2],
                key[1],
                str(first["values"]),
                *[
                    _ratio(tables[n][key]["leaked"], tables[n][key]["values"]) if key in tables[n] else "–"
                    for n in systems
                ],
            )
        )
    return Rows("Protected values leaked, by file type, group and entity type (lower is better)",
                ("File type", "Group", "Entity type", "Values", *[f"{n} leaked" for n in systems]), rows)


def kept_rows(summary: dict[str, Any]) -> Rows:
    systems = list(summary["systems"])
    tables = {n: {(r["format"], r["entity_type"]): r for r in summary["systems"][n]["suspect_kept"]} for n in systems}
    keys = sorted(set().union(*tables.values()))
    rows = [
        (
            k[0],
            k[1],
            str(next(tables[n][k]["values"] for n in systems if k in tables[n])),
            *[_ratio(tables[n][k]["kept"], tables[n][k]["values"]) if k in tables[n] else "–" for n in systems],
        )
        for k in keys
    ]
    return Rows(
        "Suspect values kept (the evidence; higher is better)",
        ("File type", "Entity type", "Values", *[f"{n} kept" for n in systems]),
        rows,
    )


def collateral_rows(summary: dict[str, Any]) -> Rows:
    systems = list(summary["systems"])
    formats = sorted(set().union(*(summary["systems"][n]["per_format"] for n in systems)))
    rows = []
    for fmt in formats:
        cells = []
        for name in systems:
            item = summary["systems"][name]["per_format"].get(fmt, {})
            words, numbers = item.get("collateral_words"), item.get("collateral_numbers")
            cells.append("–" if words is None else f"{100 * words:.1f}% / {100 * (numbers or 0):.1f}%")
        rows.append((fmt, *cells))
    return Rows("Collateral by file type: words lost / other numbers lost", ("File type", *systems), rows)


def form_rows(summary: dict[str, Any], system: str = "VictimShield", limit: int = 15) -> Rows:
    forms = summary["systems"].get(system, {}).get("leaks_by_form", [])[:limit]
    rows = [(f["entity_type"], f["form"], f["group"], str(f["leaked"])) for f in forms]
    return Rows(
        f"{system}: leaked values by how they were written (top {limit})",
        ("Entity type", "Written as", "Group", "Leaked"),
        rows,
    )


def all_tables(summary: dict[str, Any]) -> list[Rows]:
    return [
        headline_rows(summary),
        leak_rows(summary),
        kept_rows(summary),
        collateral_rows(summary),
        form_rows(summary),
    ]


def skipped_note(summary: dict[str, Any]) -> str:
    skipped = summary.get("skipped_formats") or {}
    if not skipped:
        return ""
    items = ", ".join(f"{fmt} ({ext})" for fmt, ext in sorted(skipped.items()))
    return f"Generated but not evaluated (no reader for the extension on this branch yet): {items}."


def print_tables(summary: dict[str, Any], console: Console) -> None:
    for rows in all_tables(summary):
        table = Table(title=rows.title, title_justify="left")
        for name in rows.header:
            table.add_column(name, overflow="fold")
        for row in rows.rows:
            table.add_row(*row)
        console.print(table)
    note = skipped_note(summary)
    if note:
        console.print(note)


def markdown(summary: dict[str, Any]) -> str:
    out = []
    for rows in all_tables(summary):
        out.append(f"**{rows.title}**\n")
        out.append("| " + " | ".join(rows.header) + " |")
        out.append("|" + "---|" * len(rows.header))
        out += ["| " + " | ".join(row) + " |" for row in rows.rows]
        out.append("")
    note = skipped_note(summary)
    if note:
        out.append(note + "\n")
    return "\n".join(out)
