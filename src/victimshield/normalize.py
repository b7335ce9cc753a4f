"""Text projections that make written variants of one value look alike.

A projection is a normalised copy of a text plus, for each of its characters, the
index of the original character it came from, so a match found in the projection
maps back to an exact span of the original.

- ``words``: case and diacritics folded, look-alike forms folded (NFKD: full-width
  digits, ligatures), every run of other characters one space. For names,
  e-mail addresses, handles and street addresses.
- ``compact``: the same folding, with separators inside numbers dropped
  (space, ``-``, ``.``, ``/``, parentheses) and any other character a break.
  For phone numbers, IBANs, account and document numbers, dates.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

COMPACT_SEPARATORS = frozenset(" -./()\u00a0\u2009\u202f\t")
BREAK = "|"


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """Casefold, drop diacritics and compatibility forms: 'Ş' -> 's', '７' -> '7'."""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


@dataclass(frozen=True, slots=True)
class Projection:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original text of projected char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of projected ``[start, end)``."""
        return self.origin[start], self.origin[end - 1] + 1


def project_words(text: str) -> Projection:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in fold_char(char):
            if folded.isalnum():
                out.append(folded)
                origin.append(index)
            elif out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
    return Projection("".join(out), tuple(origin))


def project_compact(text: str) -> Projection:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in COMPACT_SEPARATORS:
            continue
        for folded in fold_char(char):
            if folded.isalnum():
                out.append(folded)
            else:
                out.append(BREAK)
            origin.append(index)
    return Projection("".join(out), tuple(origin))


def words_key(value: str) -> str:
    """The ``words`` form of a roster value (what the projection of its text contains)."""
    return project_words(value).text.strip()


def compact_key(value: str) -> str:
    return project_compact(value).text.strip(BREAK)
