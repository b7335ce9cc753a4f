"""How ordinary a word is in the languages these chats are written in.

A roster name at one typo from a text word is evidence only if that word is not
an ordinary word ("bianco" is Italian for white, not a typo of "Bianca"). The
frequencies come from wordfreq's 'small' lists, which ship inside the package
(no network): every word at least once per million words (Zipf 3) in its
language. Cyrillic words are looked up in the same Latin spelling the matcher
compares names in, so "dyakuyu" typed in Latin letters is known too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from anyascii import anyascii

from victimshield.normalize import cyrillic_word_to_ascii

# English, the languages of the origin countries and the destinations, and
# Ukrainian/Russian read in Latin letters.
LANGUAGES = ("en", "ro", "es", "it", "fr", "pt", "de", "nl", "pl", "uk", "ru", "bg", "vi", "fil", "id", "tr")
_CYRILLIC_LANGUAGES = frozenset({"uk", "ru", "bg"})
ZIPF_FLOOR = 3.0  # the 'small' lists stop here: a word not listed is rarer than this


@lru_cache(maxsize=1)
def _zipf_table() -> Mapping[str, float]:
    """Latin spelling -> highest Zipf frequency in any of ``LANGUAGES`` (loaded once per process,
    ~1 s, from wordfreq's shipped lists; read-only afterwards)."""
    from wordfreq import get_frequency_dict  # heavy: only when a typo candidate first turns up

    table: dict[str, float] = {}
    for language in LANGUAGES:
        for word, frequency in get_frequency_dict(language, "small").items():
            if not word.isalpha():
                continue
            latin = cyrillic_word_to_ascii(word) if language in _CYRILLIC_LANGUAGES else word
            if not latin.isascii():
                latin = anyascii(latin).lower()
            if not latin.isalpha():
                continue
            zipf = math.log10(frequency) + 9
            if zipf > table.get(latin, 0.0):
                table[latin] = zipf
    return MappingProxyType(table)


def zipf(word: str) -> float:
    """Zipf frequency (log10 per billion words) of ``word`` (lower-case ASCII); 0 when rarer than ``ZIPF_FLOOR``."""
    return _zipf_table().get(word, 0.0)
