"""Is a context word near a match? One answer for YAML specs and Python recognizers.

Presidio's context enhancer compares single lemmatised tokens, only before the
match, and (in the version we use) does not mark the results it boosted; it
cannot see "western union" or "date of birth", and a digit string next to its
label after it ("7391046285 (MTCN)") gets nothing. So the recognizers that need
context ask here instead: case and diacritics folded, each context word a word
(a word of six letters or more may take an ending of up to two: "passports",
"pașaportul"), within a window of characters on either side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from victimshield.normalize import fold

WINDOW_BEFORE = 48
WINDOW_AFTER = 24


@lru_cache(maxsize=512)
def context_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a set of context words: each starts at a word boundary.

    A multi-word entry matches across any run of spaces or punctuation.
    """
    parts = []
    for word in words:
        pieces = [re.escape(p) for p in re.split(r"[\s\-_]+", fold(word).strip()) if p]
        if pieces:
            # Words of six letters or more may take a short ending ("passports",
            # "pașaportul", "născută"); shorter ones only as they are, since a
            # prefix rule makes "cont" (ro: account) match "control", "wu" "wuhan".
            ending = r"[^\W_]{0,2}" if len(pieces[-1]) >= 6 else ""
            parts.append(r"[\W_]+".join(pieces) + ending + r"(?![^\W_])")
    if not parts:
        return None
    # The lookbehind makes "dob" not match inside "adobe".
    return re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")")


def has_context(
    text: str,
    start: int,
    end: int,
    words: Iterable[str],
    *,
    before: int = WINDOW_BEFORE,
    after: int = WINDOW_AFTER,
) -> bool:
    """Whether one of ``words`` starts within ``before`` chars before ``start`` or ``after`` chars after ``end``."""
    pattern = context_pattern(tuple(words))
    if pattern is None:
        return False
    # A window is read with what lies beyond its edge, so that a piece of a word the edge
    # cuts is not taken for a word of its own: the tail of "phone" is no "né", the head of
    # "needle" no "nee". A context word must still lie inside the window.
    low, high = max(0, start - before), min(len(text), end + after)
    ahead = fold(text[low - 1]) if low > 0 else ""  # enough for the pattern's look-behind
    if pattern.search(ahead + fold(text[low:start]), len(ahead)):
        return True
    window_after = fold(text[end:high])
    beyond = fold(text[high : min(len(text), high + 1)])  # enough for the pattern's look-ahead
    found = pattern.search(window_after + beyond)
    return found is not None and found.end() <= len(window_after)
