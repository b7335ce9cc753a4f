"""A shared surname is not the same person.

The roster finds a party's surname on its own ("Shevchenko" for the minor Olena
Shevchenko). Written beside another given name ("Iryna Shevchenko", "SHEVCHENKO
IRYNA"), it is a relative: linking her to the minor would give the mother's payment the
child's pseudonym and misstate the evidence. Such a match becomes an unknown person of
its own (still protected under the unknown role), not the party.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from victimshield.detect.gazetteer import given_names
from victimshield.normalize import words_key

RECOGNIZER = "shared_surname"
_WORD_BEFORE = re.compile(r"([^\W\d_]{2,})[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]{2,})")


def _surname_only(word: str, names: Sequence[tuple[str, ...]]) -> bool:
    """The word is a later part of a party's name and never its first (given) part."""
    return any(word in n[1:] for n in names) and not any(n and n[0] == word for n in names)


def _another_given_name(word: str, names: Sequence[tuple[str, ...]]) -> bool:
    folded = words_key(word)
    in_party = any(folded in n for n in names)
    return word[:1].isupper() and not in_party and folded in given_names()


def is_relative(text: str, start: int, end: int, parties: Sequence[str],
                name_words: Mapping[str, Sequence[tuple[str, ...]]]) -> bool:
    """Whether the roster's one-word name match at start..end is another person's surname."""
    word = words_key(text[start:end])
    if not word or " " in word:
        return False
    names = [n for p in parties for n in name_words.get(p, ())]
    if not names or not _surname_only(word, names):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    return any(m is not None and _another_given_name(m.group(1), names) for m in (before, after))
