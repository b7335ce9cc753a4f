"""Run systems over generated cases and aggregate the scores (counts only, never values)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from benchmarks.quality.generate import Case, generate_cases, write_case
from benchmarks.quality.labels import PROTECTED_ROLES, ROSTER, ROSTER_VARIANT, UNKNOWN
from benchmarks.quality.score import (
    UNATTRIBUTABLE,
    ValueScore,
    collateral,
    pseudonyms_at_labels,
    score_values,
    words_form,
)
from victimshield.read import SUPPORTED_EXTENSIONS
from victimshield.roster.model import Roster

GROUPS = (ROSTER, ROSTER_VARIANT, UNKNOWN)
CHAT_FORMATS = ("whatsapp", "telegram")  # social-media-style text


class System(Protocol):
    name: str

    def redact_case(self, roster: Roster, as_of: dt.date, files: dict[str, Path]) -> Any: ...


@dataclass
class SystemResult:
    values: list[tuple[str, ValueScore]] = field(default_factory=list)  # (format, score)
    collateral: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    tokens: dict[tuple[str, str], list[str | None]] = field(
        default_factory=lambda: defaultdict(list)
    )  # (group, person)
    refused: int = 0


def _words_by_role(case: Case) -> dict[str, set[str]]:
    words: dict[str, set[str]] = defaultdict(set)
    for generated in case.files:
        for label in generated.labels:
            if label.entity_type == "PERSON":
                words[label.role] |= set(words_form(label.value).split())
    return words


def run_systems(
    cases: Sequence[Case], systems: Sequence[System], workdir: Path
) -> tuple[dict[str, SystemResult], dict[str, str]]:
    """Redact every evaluable file of every case with every system; score it."""
    results = {s.name: SystemResult() for s in systems}
    skipped: dict[str, str] = {}
    for case in cases:
        evidence = write_case(case, workdir / case.name)
        evaluable = [f for f in case.files if f.extension in SUPPORTED_EXTENSIONS]
        for generated in case.files:
            if generated not in evaluable:
                skipped[generated.format] = generated.extension
        if not evaluable:
            continue
        paths = {f.name: evidence / f.name for f in evaluable}
        words_by_role = _words_by_role(case)
        roster = case.cast.roster()
        for system in systems:
            redacted = system.redact_case(roster, case.cast.as_of, paths)
            result = results[system.name]
            result.refused += redacted.refused
            for generated in evaluable:
                output = redacted.outputs[generated.name]
                labels = list(generated.labels)
                result.values += [
                    (generated.format, s) for s in score_values(labels, generated.background, output, words_by_role)
                ]
                result.collateral[generated.format] += Counter(collateral(generated.background, output))
                for label, token in pseudonyms_at_labels(generated.text, output, labels):
                    if label.role in PROTECTED_ROLES:
                        group = ROSTER if label.party else UNKNOWN
                        result.tokens[(group, f"{case.name}/{label.person}")].append(token)
    return results, skipped


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarize(result: SystemResult) -> dict[str, Any]:
    """Counts and rates: per format x entity type x group, and the headline numbers."""
    protected: Counter[tuple[str, str, str, str]] = Counter()
    suspect: Counter[tuple[str, str, str]] = Counter()
    by_form: Counter[tuple[str, str, str]] = Counter()
    ambiguous = 0
    for fmt, score in result.values:
        if score.outcome == "ambiguous":
            ambiguous += 1
        elif score.role in PROTECTED_ROLES:
            protected[(fmt, score.entity_type, score.group, score.outcome)] += 1
            if score.outcome == "leaked":
                by_form[(score.entity_type, score.form, score.group)] += 1
        else:
            suspect[(fmt, score.entity_type, score.outcome)] += 1
    leaks = []
    for fmt, etype, group in sorted({k[:3] for k in protected}):
        n = protected[(fmt, etype, group, "leaked")] + protected[(fmt, etype, group, "protected")]
        leaks.append(
            {
                "format": fmt,
                "entity_type": etype,
                "group": group,
                "values": n,
                "leaked": protected[(fmt, etype, group, "leaked")],
                "leak_rate": _rate(protected[(fmt, etype, group, "leaked")], n),
            }
        )
    kept = []
    for fmt, etype in sorted({k[:2] for k in suspect}):
        n = suspect[(fmt, etype, "kept")] + suspect[(fmt, etype, "lost")]
        kept.append({"format": fmt, "entity_type": etype, "values": n, "kept": suspect[(fmt, etype, "kept")],
                     "kept_rate": _rate(suspect[(fmt, etype, "kept")], n)})

    def leak_rate(group: str, formats: tuple[str, ...] | None = None, etype: str | None = None) -> dict[str, Any]:
        rows = [
            r
            for r in leaks
            if r["group"] == group
            and (formats is None or r["format"] in formats)
            and (etype is None or r["entity_type"] == etype)
        ]
        n, leaked = sum(r["values"] for r in rows), sum(r["leaked"] for r in rows)
        return {"values": n, "leaked": leaked, "rate": _rate(leaked, n)}

    coll_total = sum(result.collateral.values(), Counter())
    headline = {
        **{f"leak_{g}": leak_rate(g) for g in GROUPS},
        "leak_unknown_person_chat": leak_rate(UNKNOWN, CHAT_FORMATS, "PERSON"),
        "suspect_kept": {
            "values": sum(r["values"] for r in kept),
            "kept": sum(r["kept"] for r in kept),
            "rate": _rate(sum(r["kept"] for r in kept), sum(r["values"] for r in kept)),
        },
        "collateral_words": {
            "tokens": coll_total["words"],
            "lost": coll_total["words_lost"],
            "rate": _rate(coll_total["words_lost"], coll_total["words"]),
        },
        "collateral_numbers": {
            "tokens": coll_total["numbers"],
            "lost": coll_total["numbers_lost"],
            "rate": _rate(coll_total["numbers_lost"], coll_total["numbers"]),
        },
        **{f"consistency_{g}": consistency(result, g) for g in (ROSTER, UNKNOWN)},
        "ambiguous_values": ambiguous,
        "refused_files": result.refused,
    }
    per_format = {
        fmt: {
            **{f"leak_{g}": leak_rate(g, (fmt,)) for g in GROUPS},
            "collateral_words": _rate(c["words_lost"], c["words"]),
            "collateral_numbers": _rate(c["numbers_lost"], c["numbers"]),
        }
        for fmt, c in sorted(result.collateral.items())
    }
    forms = [
        {"entity_type": e, "form": f, "group": g, "leaked": n}
        for (e, f, g), n in sorted(by_form.items(), key=lambda kv: -kv[1])
    ]
    return {
        "headline": headline,
        "per_format": per_format,
        "leaks": leaks,
        "suspect_kept": kept,
        "leaks_by_form": forms,
    }


def consistency(result: SystemResult, group: str) -> dict[str, Any]:
    """Parties (or unknown people) whose name mentions all carry one and the same pseudonym."""
    people = consistent = mentions = on_main = unattributable = 0
    for (g, _), all_tokens in result.tokens.items():
        tokens = [t for t in all_tokens if t != UNATTRIBUTABLE]
        if g != group or not tokens:
            continue
        unattributable += len(all_tokens) - len(tokens)
        people += 1
        mentions += len(tokens)
        main, n = Counter(tokens).most_common(1)[0]
        on_main += n if main is not None else 0
        consistent += int(main is not None and n == len(tokens))  # a mention left bare breaks it too
    return {
        "people": people,
        "consistent": consistent,
        "rate": _rate(consistent, people),
        "mentions": mentions,
        "mentions_on_main_token": on_main,
        "mention_rate": _rate(on_main, mentions),
        "unattributable_mentions": unattributable,
    }


def evaluate(seed: int, count: int, systems: Sequence[System], workdir: Path, scale: float = 1.0) -> dict[str, Any]:
    cases = generate_cases(seed, count, scale=scale)
    results, skipped = run_systems(cases, systems, workdir)
    return {
        "seed": seed, "cases": count, "scale": scale,
        "skipped_formats": skipped,
        "systems": {name: summarize(r) for name, r in results.items()},
        "_raw": results,  # for --show-leaks; dropped before writing JSON
    }
