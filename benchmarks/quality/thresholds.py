"""Regression thresholds: which headline numbers may not get worse, and the check itself.

Messages name metrics, counts and rates only, never a value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# threshold key -> (headline key, rate field, direction)
CHECKS: dict[str, tuple[str, str, str]] = {
    "max_leak_rate_roster": ("leak_roster", "rate", "max"),
    "max_leak_rate_roster_variant": ("leak_roster-variant", "rate", "max"),
    "max_leak_rate_unknown": ("leak_unknown", "rate", "max"),
    "max_leak_rate_unknown_person_chat": ("leak_unknown_person_chat", "rate", "max"),
    "min_suspect_kept_rate": ("suspect_kept", "rate", "min"),
    "max_collateral_words_rate": ("collateral_words", "rate", "max"),
    "max_collateral_numbers_rate": ("collateral_numbers", "rate", "max"),
    "min_roster_mention_consistency": ("consistency_roster", "mention_rate", "min"),
}


def load_thresholds(path: Path) -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - set(CHECKS) - {"_comment", "_measured"}
    if unknown:
        raise ValueError(f"{path}: unknown threshold keys: {sorted(unknown)}")
    return {k: float(v) for k, v in data.items() if k in CHECKS}


def check_thresholds(headline: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    """Every threshold the headline breaks; empty means no regression."""
    problems = []
    for key, limit in thresholds.items():
        metric, field, direction = CHECKS[key]
        item = headline[metric]
        rate = item.get(field)
        if rate is None:
            problems.append(f"{metric}: nothing measured (0 values), cannot check {key}")
            continue
        if (direction == "max" and rate > limit) or (direction == "min" and rate < limit):
            counts = ", ".join(f"{k}={v}" for k, v in item.items() if isinstance(v, int))
            problems.append(f"{metric}: {field} {rate:.4f} breaks {key}={limit} ({counts})")
    return problems
