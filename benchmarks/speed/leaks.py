"""Leak rate of planted values: how many of their occurrences in the input remain in an output."""

from __future__ import annotations

import re
from collections.abc import Iterable


def _occurrences(value: str, text: str) -> int:
    # Whole words only: "Ana" inside "Anastasia" or a pseudonym's letters is not a leak.
    return len(re.findall(rf"(?<!\w){re.escape(value)}(?!\w)", text))


def leak_rate(values: Iterable[str], source: str, output: str) -> tuple[int, int]:
    """(occurrences left in the output, occurrences in the input), over every planted value.

    A value that is part of a longer planted value (a first name inside a full name) counts
    once per place it stands alone and once inside each full name: both must go."""
    left = planted = 0
    for value in set(values):
        planted += _occurrences(value, source)
        left += min(_occurrences(value, output), _occurrences(value, source))
    return left, planted


def kind_of(value: str) -> str:
    """The generator's three kinds: phones start with "+", handles hold "_", the rest are names."""
    return "phone" if value.startswith("+") else ("handle" if "_" in value else "name")


def leaks_by_kind(values: Iterable[str], source: str, output: str) -> dict[str, list[int]]:
    """Per kind: [occurrences left, occurrences planted]."""
    kinds: dict[str, list[int]] = {}
    for value in set(values):
        left, planted = leak_rate([value], source, output)
        entry = kinds.setdefault(kind_of(value), [0, 0])
        entry[0] += left
        entry[1] += planted
    return dict(sorted(kinds.items()))
