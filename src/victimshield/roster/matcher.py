"""Find every roster value in a text, in any written form, in one pass per projection.

Aho-Corasick automata (pyahocorasick) over the ``words`` and ``compact``
projections: the cost does not grow with the number of roster values. Names
are also looked for in other scripts and with typos (``variants``), spelled
letter by letter ("I.o.a.n.a", "I o a n a": ``normalize.spelled_runs``) and
stored backwards ("ucsepoP anaoI", which a right-to-left override shows as the
name). A backwards single name part counts only for a protected party and only
when it is not an ordinary word: a wrong match then costs one redacted word,
never a stranger's word kept as a suspect's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick

from victimshield.disguises import latin_lookalikes
from victimshield.normalize import (
    BREAK,
    Projection,
    project_compact,
    project_words,
    reveal_numbers,
    spelled_runs,
    words_key,
)
from victimshield.roster import common_words
from victimshield.roster.model import Roster
from victimshield.roster.values import (
    COMPACT,
    WORDS,
    SearchKey,
    diminutive_names,
    party_keys,
    reversed_name_keys,
    spelled_name_keys,
)
from victimshield.roster.variants import PROTECTED_MAX_ZIPF, NameVariants
from victimshield.vocabulary import PROTECTION_ORDER, Role, most_protective


@dataclass(frozen=True, slots=True)
class RosterMatch:
    start: int
    end: int
    entity_type: str
    parties: tuple[str, ...]
    score: float = 1.0  # lower for a name found only as a typo of a roster name


def _is_word_bounded(projected: str, start: int, end: int) -> bool:
    before_ok = start == 0 or projected[start - 1] == " "
    after_ok = end == len(projected) or projected[end] == " "
    return before_ok and after_ok


def _same_class(a: str, b: str) -> bool:
    return (a.isdigit() and b.isdigit()) or (a.isalpha() and b.isalpha())


def _is_token_bounded(original: str, start: int, end: int) -> bool:
    """A number or code is bounded where the run of its own kind of character ends: a
    digit next to a letter is a boundary, so a phone glued to a name ("Ioana0723456789")
    and a date of birth in a timestamp ("2010-02-03T00:00:00") are still found, while
    "10723456789" does not hold "0723456789"."""
    before_ok = start == 0 or not _same_class(original[start - 1], original[start])
    after_ok = end == len(original) or not _same_class(original[end - 1], original[end])
    return before_ok and after_ok


PERSON = "PERSON"
MIN_SPELLED_INSIDE = 4  # a spelled run "xioanay" ("x I-o-a-n-a y") holds "ioana"; three letters only as the whole run


def _automaton(keys: dict[str, set[tuple[str, str]]]) -> ahocorasick.Automaton | None:
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, (len(key), tuple(sorted(entries))))
    automaton.make_automaton()
    return automaton


class RosterMatcher:
    """Built once per roster; ``find`` is safe to call from any stage, any number of times."""

    def __init__(self, roster: Roster, *, as_of: dt.date, default_region: str | None = None):
        self.roles: dict[str, Role] = {p.id: p.effective_role(as_of) for p in roster.parties}
        self._automata: dict[str, ahocorasick.Automaton] = {}
        grouped: dict[str, dict[str, set[tuple[str, str]]]] = {WORDS: defaultdict(set), COMPACT: defaultdict(set)}
        for party in roster.parties:
            for key in party_keys(party, default_region):
                if key.key and BREAK not in key.key:
                    grouped[key.projection][key.key].add((key.entity_type, key.party))
        # More protective than "unknown": a wrong typo-match to them only redacts a word.
        protected = {
            p for p, role in self.roles.items() if PROTECTION_ORDER.index(role) < PROTECTION_ORDER.index(Role.UNKNOWN)
        }
        spelled: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for party in roster.parties:
            for name in party.names:
                for name_key in reversed_name_keys(name, parts=party.id in protected):
                    if " " in name_key or common_words.zipf(name_key) < PROTECTED_MAX_ZIPF:
                        grouped[WORDS][name_key].add((PERSON, party.id))
                for spelled_key in spelled_name_keys(name):
                    spelled[spelled_key].add((PERSON, party.id))
        for projection, keys in grouped.items():
            automaton = _automaton(keys)
            if automaton is not None:
                self._automata[projection] = automaton
        self._spelled = _automaton(spelled)
        pet_forms = [
            (form, p.id, True) for p in roster.parties if p.id in protected for name in p.names
            for form in diminutive_names(name) if common_words.zipf(form) < PROTECTED_MAX_ZIPF
        ]
        self._variants = NameVariants(
            [*((name, p.id, p.id in protected) for p in roster.parties for name in p.names), *pet_forms]
        )
        # Each party's names as folded word tuples: which word of a match is a given name.
        self.name_words: dict[str, tuple[tuple[str, ...], ...]] = {
            p.id: tuple(tuple(words_key(n).split()) for n in p.names) for p in roster.parties
        }

    def __repr__(self) -> str:
        return f"RosterMatcher(parties={len(self.roles)})"

    def role_of(self, parties: tuple[str, ...]) -> tuple[Role, str | None]:
        """Most protective role among ``parties``, and the party that has it."""
        if not parties:
            return Role.UNKNOWN, None
        role = most_protective([self.roles[p] for p in parties])
        return role, min(p for p in parties if self.roles[p] is role)

    def find(self, text: str) -> list[RosterMatch]:
        text = latin_lookalikes(text)  # "Iоana" with a Cyrillic 'о'; the same length, so spans hold
        raw: list[RosterMatch] = []
        words = self._automata.get(WORDS)
        if words is not None:
            projection = project_words(text)
            for p_start, p_end, entries in self._hits(words, projection.text):
                if _is_word_bounded(projection.text, p_start, p_end):
                    raw += _matches(*projection.span(p_start, p_end), entries)
            raw += self._spelled_matches(projection, text)
        compact = self._automata.get(COMPACT)
        if compact is not None:
            raw += self._compact_matches(compact, text)
            revealed = reveal_numbers(text)
            if revealed.text != text:
                # "zero seven two three…", "0 7 2 3…", "O723…": the same numbers, hidden.
                for match in self._compact_matches(compact, revealed.text):
                    start, end = revealed.span(match.start, match.end)
                    raw.append(RosterMatch(start, end, match.entity_type, match.parties))
        raw += [RosterMatch(*found) for found in self._variants.find(text)]
        return _drop_contained(_merge_same_span(raw))

    @staticmethod
    def _hits(
        automaton: ahocorasick.Automaton, projected: str
    ) -> Iterator[tuple[int, int, tuple[tuple[str, str], ...]]]:
        for end_index, (length, entries) in automaton.iter(projected):
            yield end_index - length + 1, end_index + 1, entries

    def _spelled_matches(self, words: Projection, text: str) -> list[RosterMatch]:
        """Names spelled letter by letter; see ``normalize.spelled_runs``."""
        if self._spelled is None:
            return []
        found = []
        for run in spelled_runs(words, text):
            for start, end, entries in self._hits(self._spelled, run.text):
                if end - start >= MIN_SPELLED_INSIDE or (start == 0 and end == len(run.text)):
                    found += _matches(*run.span(start, end), entries)
        return found

    def _compact_matches(self, automaton: ahocorasick.Automaton, text: str) -> list[RosterMatch]:
        projection = project_compact(text)
        found = []
        for p_start, p_end, entries in self._hits(automaton, projection.text):
            start, end = projection.span(p_start, p_end)
            if not _is_token_bounded(text, start, end):
                continue
            if start > 0 and text[start - 1] == "+":
                start -= 1  # the '+' of an international number belongs to it
            found += _matches(start, end, entries)
        return found


def _matches(start: int, end: int, entries: tuple[tuple[str, str], ...]) -> list[RosterMatch]:
    by_type: dict[str, list[str]] = defaultdict(list)
    for entity_type, party in entries:
        by_type[entity_type].append(party)
    return [RosterMatch(start, end, entity_type, tuple(sorted(parties))) for entity_type, parties in by_type.items()]


def _merge_same_span(matches: list[RosterMatch]) -> list[RosterMatch]:
    """One match per span and type: every party found there (the most protective
    role then wins) and the best score (an exact match over a typo)."""
    by_span: dict[tuple[int, int, str], tuple[set[str], float]] = {}
    for match in matches:
        parties, score = by_span.get((match.start, match.end, match.entity_type), (set(), 0.0))
        by_span[(match.start, match.end, match.entity_type)] = (parties | set(match.parties), max(score, match.score))
    return [
        RosterMatch(start, end, kind, tuple(sorted(parties)), score)
        for (start, end, kind), (parties, score) in by_span.items()
    ]


def _drop_contained(matches: list[RosterMatch]) -> list[RosterMatch]:
    """A full name wins over the given name inside it: 'Maria Ionescu' is one party,
    even if another party is also called 'Maria'."""
    kept = []
    for match in matches:
        inside_longer = any(
            other.start <= match.start
            and match.end <= other.end
            and (other.end - other.start) > (match.end - match.start)
            for other in matches
        )
        if not inside_longer:
            kept.append(match)
    return sorted(set(kept), key=lambda m: (m.start, m.end, m.entity_type))


__all__ = ["RosterMatch", "RosterMatcher", "SearchKey"]
