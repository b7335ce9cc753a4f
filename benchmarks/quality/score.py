"""Scoring one redacted file against its gold labels.

A protected value leaks when any of its keys is still in the output in any written
form: text is folded (case, diacritics, compatibility forms) and compared as words
(names, handles) or as bare letters and digits (numbers, accounts, documents, e-mail
addresses), so '0723 456 789', '+40723456789' and '0723-456-789' are one phone.
A name leaks when any of its words does: 'ioana' left beside a pseudonymised
'Popescu' names her.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from benchmarks.quality.labels import KEPT_ROLES, PROTECTED_ROLES, GoldLabel

_DIGIT_WORDS = {
    w: str(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))
}
_WORD_TYPES = {"PERSON"}
PSEUDONYM = re.compile(r"\b[A-Z][A-Z_]*-[0-9a-f]{6,32}\b")
# Several pseudonyms where one mention stood (a span that swallowed its neighbours):
# no way to tell which is the mention's, so it is left out of consistency.
UNATTRIBUTABLE = "?"


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def words_form(text: str) -> str:
    """' ' + folded words separated by single spaces + ' ', so ' key ' finds whole words."""
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def compact_form(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", fold(text)))


@dataclass(frozen=True, slots=True)
class Keys:
    words: tuple[str, ...] = ()  # each searched as a whole word sequence
    compact: tuple[str, ...] = ()  # each searched in the letters-and-digits form
    phone_tail: str | None = None  # a phone's last 8 digits, not followed by a digit

    def __bool__(self) -> bool:
        return bool(self.words or self.compact or self.phone_tail)


def label_keys(label: GoldLabel, other_side_words: frozenset[str]) -> Keys:
    """What must be gone (protected) or still there (suspect) for this label."""
    if label.entity_type in _WORD_TYPES:
        words = [w for w in words_form(label.value).split() if len(w) >= 2 and w not in other_side_words]
        return Keys(words=tuple(words))
    if label.entity_type == "PHONE_NUMBER":
        spoken = words_form(label.value).split()
        digits = "".join(_DIGIT_WORDS.get(w, w if w.isdigit() else "") for w in spoken)
        # The spelled-out run alone: '0749 five five five seven one six' still names the line without '0749'.
        spelled = [w for w in spoken if w in _DIGIT_WORDS]
        words = (" ".join(spelled),) if len(spelled) >= 6 else ()
        return Keys(words=words, phone_tail=digits[-8:] if len(digits) >= 8 else None)
    value = label.value
    if label.entity_type == "EMAIL_ADDRESS":
        value = re.split(r"@| at ", value)[0]  # the mailbox names the person, whatever the domain
    if label.entity_type == "SOCIAL_HANDLE":
        value = value.lstrip("@")
    compact = compact_form(value)
    return Keys(compact=(compact,) if len(compact) >= 5 else ())


@dataclass(frozen=True)
class Searchable:
    """A text in the forms keys are searched in."""

    words: str
    compact: str

    @classmethod
    def of(cls, text: str) -> Searchable:
        return cls(words_form(text), compact_form(text))

    def present(self, keys: Keys) -> list[bool]:
        found = [f" {w} " in self.words for w in keys.words]
        found += [c in self.compact for c in keys.compact]
        if keys.phone_tail:
            found.append(re.search(re.escape(keys.phone_tail) + r"(?!\d)", self.compact) is not None)
        return found


@dataclass
class ValueScore:
    """One distinct value of one file, with its outcome."""

    entity_type: str
    role: str
    group: str  # roster, roster-variant, unknown (protected); or the role for others
    person: str
    form: str
    outcome: str  # leaked / protected (protected roles); kept / lost (suspect); ambiguous
    value: str = field(repr=False)


def distinct_values(labels: list[GoldLabel]) -> dict[tuple[str, str, str], list[GoldLabel]]:
    by_value: dict[tuple[str, str, str], list[GoldLabel]] = {}
    for label in labels:
        key = (label.person, label.entity_type, compact_form(label.value))
        by_value.setdefault(key, []).append(label)
    return by_value


def score_values(
    labels: list[GoldLabel], background: str, output: str, words_by_role: dict[str, set[str]]
) -> list[ValueScore]:
    """Leaked or protected for protected roles, kept or lost for suspects; others are not scored."""
    source = Searchable.of(background)
    result = Searchable.of(output)
    protected_words = frozenset().union(*(words_by_role.get(r, set()) for r in PROTECTED_ROLES))
    kept_words = frozenset().union(*(words_by_role.get(r, set()) for r in (*KEPT_ROLES, "officer")))
    scores = []
    for same in distinct_values(labels).values():
        label = same[0]
        if label.role not in PROTECTED_ROLES + KEPT_ROLES:
            continue
        protected = label.role in PROTECTED_ROLES
        keys = label_keys(label, kept_words if protected else protected_words)
        if not keys or any(source.present(keys)):
            outcome = "ambiguous"  # the background holds the same words: no verdict possible
        elif protected:
            outcome = "leaked" if any(result.present(keys)) else "protected"
        else:
            outcome = "kept" if _still_there(label, keys, result) else "lost"
        group = label.group if protected else label.role
        scores.append(ValueScore(label.entity_type, label.role, group, label.person, label.form, outcome, label.value))
    return scores


def _still_there(label: GoldLabel, keys: Keys, result: Searchable) -> bool:
    """A suspect's name keeps every word; any other value keeps its written form."""
    if label.entity_type in _WORD_TYPES:
        return all(result.present(keys))
    return compact_form(label.value) in result.compact


def collateral(background: str, output: str) -> dict[str, int]:
    """Background tokens (words and numbers that identify no one) missing from the output."""
    before = Counter(words_form(background).split())
    after = Counter(words_form(output).split())
    lost = before - after
    is_word = lambda token: any(c.isalpha() for c in token)  # noqa: E731
    return {
        "words": sum(n for t, n in before.items() if is_word(t)),
        "words_lost": sum(n for t, n in lost.items() if is_word(t)),
        "numbers": sum(n for t, n in before.items() if not is_word(t)),
        "numbers_lost": sum(n for t, n in lost.items() if not is_word(t)),
    }


def pseudonyms_at_labels(text: str, output: str, labels: list[GoldLabel]) -> list[tuple[GoldLabel, str | None]]:
    """For each PERSON label: the pseudonym the output puts in its place (None: none, "?": several).

    Aligns input and output by whitespace tokens; a label's tokens map to the output
    tokens that replaced them.
    """
    source = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    target = [m.group() for m in re.finditer(r"\S+", output)]
    matcher = difflib.SequenceMatcher(None, [t for _, _, t in source], target, autojunk=False)
    aligned: dict[int, tuple[int, int]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            aligned[i] = (j1 + (i - i1), j1 + (i - i1) + 1) if tag == "equal" else (j1, j2)
    out = []
    for label in labels:
        if label.entity_type != "PERSON":
            continue
        indices = [i for i, (s, e, _) in enumerate(source) if s < label.end and label.start < e]
        spans = [aligned[i] for i in indices if i in aligned]
        tokens = " ".join(target[j] for lo, hi in spans for j in range(lo, hi))
        found = set(PSEUDONYM.findall(tokens))
        out.append((label, found.pop() if len(found) == 1 else (None if not found else UNATTRIBUTABLE)))
    return out
