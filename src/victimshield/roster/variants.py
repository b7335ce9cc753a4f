"""Roster names written in forms the roster does not list: other scripts and typos.

Two searches over the ``ascii`` projection of a text (see ``normalize``):

- exact: the roster's names transliterated the same way, so "Коваленко" is
  "Kovalenko" and "Đặng" is "Dang" (one Aho-Corasick pass, like the matcher);
- typos: a text word within a small Damerau-Levenshtein distance of a roster
  name part, after doubled letters are collapsed ("andrreea" -> "andrea"). Found
  through a symmetric deletion index (the SymSpell idea): each roster part is
  stored under every string left after deleting up to its budget of letters; a
  text word looks up its own deletions, so the cost per word does not grow
  with the roster. A candidate that is an ordinary word in the chat languages
  is not a typo ("bianco", "margin"); see ``common_words``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations

import ahocorasick

from victimshield.normalize import Projection, is_unspaced_script, project_ascii
from victimshield.roster import common_words

PERSON = "PERSON"
TYPO_SCORE = 0.8
MIN_VARIANT_PART = 3  # "Al" and "Xu" are too short to have typos worth finding
# A typo-match to a protected party costs, if wrong, one redacted word; one to a
# suspect (or officer, other) would mark a possibly different person as the
# suspect and keep her name. So the bar for the second is higher.
PROTECTED_MAX_ZIPF = 3.5  # below ~3 per million words: rare enough to be a typo of a victim's name
_WORD = re.compile(r"[a-z]+")
_WORD_CACHE = 16384

Entry = tuple[str, str]  # (entity type, party id)


def typo_budget(part: str) -> int:
    """Edits allowed on a roster name part of this length (0: only doubled letters)."""
    if len(part) >= 8:
        return 2
    if len(part) >= 5:
        return 1
    return 0


def collapse_doubles(word: str) -> str:
    """'andrreea' -> 'andrea', 'yulliia' -> 'yulia': a doubled letter is the commonest slip."""
    return re.sub(r"(.)\1+", r"\1", word)


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    for count in range(1, min(depth, len(word) - 1) + 1):
        for positions in combinations(range(len(word)), count):
            out.add("".join(c for i, c in enumerate(word) if i not in positions))
    return out


def damerau_levenshtein(a: str, b: str) -> int:
    """Optimal string alignment (restricted Damerau-Levenshtein) distance: insertions,
    deletions, substitutions, swaps of two adjacent letters (a swapped pair is not edited again)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


class NameVariants:
    """Built once per roster from ``(name, party, protected)`` triples; ``find`` as in ``RosterMatcher``."""

    def __init__(self, names: Iterable[tuple[str, str, bool]]):
        exact: dict[str, set[Entry]] = defaultdict(set)
        self._parts: dict[str, set[Entry]] = defaultdict(set)  # collapsed part -> entries
        self._budget: dict[str, int] = {}  # collapsed part -> edits allowed
        self._protected: set[str] = set()  # parties whose typo bar is the lower one
        for name, party, protected in names:
            if protected:
                self._protected.add(party)
            words = project_ascii(name).text.split()
            if not words:
                continue
            exact[" ".join(words)].add((PERSON, party))
            for word in words:
                if len(word) < 2:
                    continue  # a lone initial is not a name
                exact[word].add((PERSON, party))
                if len(word) >= MIN_VARIANT_PART and word.isalpha():
                    collapsed = collapse_doubles(word)
                    self._parts[collapsed].add((PERSON, party))
                    self._budget[collapsed] = max(self._budget.get(collapsed, 0), typo_budget(word))
        self._exact_words = frozenset(k for k in exact if " " not in k)
        self._automaton: ahocorasick.Automaton | None = None
        if exact:
            self._automaton = ahocorasick.Automaton()
            for key, entries in exact.items():
                self._automaton.add_word(key, (len(key), tuple(sorted(entries))))
            self._automaton.make_automaton()
        self._index: dict[str, set[str]] = defaultdict(set)  # deletion -> collapsed parts
        for part, budget in self._budget.items():
            for deletion in _deletions(part, budget):
                self._index[deletion].add(part)
        self._max_budget = max(self._budget.values(), default=0)
        self._typo_of = lru_cache(maxsize=_WORD_CACHE)(self._typo_entries)

    def __repr__(self) -> str:
        return f"NameVariants(parts={len(self._parts)})"

    def find(self, text: str) -> list[tuple[int, int, str, tuple[str, ...], float]]:
        """(start, end, entity type, parties, score) in ``text``'s own offsets."""
        if self._automaton is None:
            return []
        projection = project_ascii(text)
        projected = projection.text
        found = []
        for end_index, (length, entries) in self._automaton.iter(projected):
            start, end = end_index - length + 1, end_index + 1
            if _is_bounded(projection, text, start, end):
                found += _grouped(*projection.span(start, end), entries, 1.0)
        for word in _WORD.finditer(projected):
            if word.group() in self._exact_words:
                continue
            entries = self._typo_of(word.group())
            if entries and _is_bounded(projection, text, word.start(), word.end()):
                found += _grouped(*projection.span(word.start(), word.end()), entries, TYPO_SCORE)
        return found

    def _typo_entries(self, word: str) -> tuple[Entry, ...]:
        """Entries of the roster parts ``word`` is a typo of, after the ordinary-word check."""
        if len(word) < MIN_VARIANT_PART:
            return ()
        collapsed = collapse_doubles(word)
        parts = set()
        for deletion in _deletions(collapsed, self._max_budget):
            parts |= self._index.get(deletion, set())
        entries: set[Entry] = set()
        for part in parts:
            if damerau_levenshtein(collapsed, part) <= self._budget[part]:
                entries |= self._parts[part]
        if not entries:
            return ()
        frequency = common_words.zipf(word)
        if frequency >= PROTECTED_MAX_ZIPF:
            return ()
        if frequency > 0.0:  # a listed word: only a protected party's name may claim it
            entries = {e for e in entries if e[1] in self._protected}
        return tuple(sorted(entries))


def _is_bounded(projection: Projection, original: str, start: int, end: int) -> bool:
    """Whole words only, except where the script has no spaces between words."""
    text = projection.text
    before_ok = start == 0 or text[start - 1] == " " or _char_boundary_in_unspaced(projection, original, start)
    after_ok = end == len(text) or text[end] == " " or _char_boundary_in_unspaced(projection, original, end)
    return before_ok and after_ok


def _char_boundary_in_unspaced(projection: Projection, original: str, index: int) -> bool:
    left, right = projection.origin[index - 1], projection.origin[index]
    return left != right and (is_unspaced_script(original[left]) or is_unspaced_script(original[right]))


def _grouped(
    start: int, end: int, entries: tuple[Entry, ...], score: float
) -> list[tuple[int, int, str, tuple[str, ...], float]]:
    by_type: dict[str, list[str]] = defaultdict(list)
    for entity_type, party in entries:
        by_type[entity_type].append(party)
    return [(start, end, entity_type, tuple(sorted(parties)), score) for entity_type, parties in by_type.items()]
