"""How ordinary a word is in the languages these chats are written in.

A roster name at one typo from a text word is evidence only if that word is not
an ordinary word ("bianco" is Italian for white, not a typo of "Bianca"). The
frequencies come from wordfreq's 'small' lists, which ship inside the package
(no network): every word at least once per million words (Zipf 3) in its
language. Cyrillic words are looked up in the same Latin spelling the matcher
compares names in, so "dyakuyu" typed in Latin letters is known too.
"""

from __future__ import annotations

import gzip
import hashlib
import math
import zlib
from collections.abc import Mapping
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from types import MappingProxyType

from anyascii import anyascii

from victimshield import normalize
from victimshield.normalize import cyrillic_word_to_ascii
from victimshield.resources import cache_dir, write_cache

# English, the languages of the origin countries and the destinations, and
# Ukrainian/Russian read in Latin letters.
LANGUAGES = ("en", "ro", "es", "it", "fr", "pt", "de", "nl", "pl", "uk", "ru", "bg", "vi", "fil", "id", "tr")
_CYRILLIC_LANGUAGES = frozenset({"uk", "ru", "bg"})
ZIPF_FLOOR = 3.0  # the 'small' lists stop here: a word not listed is rarer than this
CACHE_FORMAT = 1


def _distil() -> dict[str, float]:
    """Latin spelling -> highest Zipf frequency in any of ``LANGUAGES``, from wordfreq's lists."""
    from wordfreq import get_frequency_dict  # heavy: only when the table is not cached yet

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
    return table


def cache_path() -> Path:
    """The distilled table's file: named by the versions of its sources and by a digest of
    the code that distils it, so that a change to either builds a new one."""
    code = hashlib.sha256(Path(__file__).read_bytes() + Path(normalize.__file__).read_bytes()).hexdigest()[:12]
    return cache_dir() / f"word-zipf-{version('wordfreq')}-{version('anyascii')}-{code}-v{CACHE_FORMAT}.txt.gz"


def _encoded(table: Mapping[str, float]) -> bytes:
    # One line per frequency ("4.12\tword word ..."): 450 distinct values for 430,000 words,
    # read five times faster than a line per word. Words are ASCII letters; repr round-trips a float.
    by_value: dict[float, list[str]] = {}
    for word, value in table.items():
        by_value.setdefault(value, []).append(word)
    return gzip.compress("\n".join(f"{value!r}\t{' '.join(words)}" for value, words in by_value.items()).encode())


def _decoded(data: bytes) -> dict[str, float]:
    table: dict[str, float] = {}
    for line in gzip.decompress(data).decode("ascii").split("\n"):
        value, _, words = line.partition("\t")
        table.update(dict.fromkeys(words.split(" "), float(value)))
    return table


@lru_cache(maxsize=1)
def _zipf_table() -> Mapping[str, float]:
    """The table, read-only, once per process: distilled (about a second) on first use
    and kept in the cache folder, whence later runs read it in a fifth of the time."""
    path = cache_path()
    try:
        return MappingProxyType(_decoded(path.read_bytes()))
    except (OSError, ValueError, EOFError, zlib.error):  # BadGzipFile is an OSError
        pass  # none yet, or unreadable (a half-written or damaged file): distil it again
    table = _distil()
    write_cache(path, _encoded(table))
    return MappingProxyType(table)


def zipf(word: str) -> float:
    """Zipf frequency (log10 per billion words) of ``word`` (lower-case ASCII); 0 when rarer than ``ZIPF_FLOOR``."""
    return _zipf_table().get(word, 0.0)
