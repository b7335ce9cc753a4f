"""Given names and surnames of many countries, and whether a name is also an ordinary word.

Names come from the ``names-dataset`` package (first and last names ranked per
country, built from public social-media profiles). Loading its pickles takes
seconds and gigabytes, so the names used here (ranked in the top ``RANK_LIMIT``
of at least one country) are distilled once into a small cache file and read
from there afterwards. Nothing is downloaded: the source is an installed package.

Whether a name is also an ordinary word ("will", "may", "vin", "taxi") comes from
``wordfreq``: such names need context before they count as a person.
"""

from __future__ import annotations

import functools
import gzip
import pickle
from importlib.metadata import version
from pathlib import Path

from victimshield.normalize import fold
from victimshield.resources import cache_dir, write_cache

RANK_LIMIT = 2000
# names-dataset ranks words from profiles too ("depot", "seller", "standoff" rank in one
# country's list): a given name ranked in the top RANK_LIMIT of at least this many countries
# is a name people really bear, and may count alone even when it is also an English word.
WIDE_COUNTRIES = 2
MIN_NAME_LENGTH = 3
# A name this frequent as a word in English, or in a language of the chats, is also a word.
WORD_ZIPF_ENGLISH = 4.0
WORD_ZIPF_OTHER = 4.8
FUNCTION_WORD_ZIPF = 5.0
OTHER_LANGUAGES = ("es", "ro", "it", "fr", "pt", "de", "ru", "uk")
CACHE_FORMAT = 1


def _cache_path(kind: str, countries: int) -> Path:
    wide = f"-c{countries}" if countries > 1 else ""
    return cache_dir() / f"{kind}-{version('names-dataset')}-r{RANK_LIMIT}{wide}-v{CACHE_FORMAT}.txt.gz"


def _distil(source: str, countries: int) -> list[str]:
    import names_dataset

    path = Path(names_dataset.__file__).parent / "v3" / source
    names: set[str] = set()
    with gzip.open(path) as handle:
        table = pickle.load(handle)  # safe: the installed package's own data
    for name, info in table.items():
        ranks = (info or {}).get("rank") or {}
        ranked = sum(1 for rank in ranks.values() if rank is not None and rank <= RANK_LIMIT)
        if ranked >= countries and name.isalpha():
            folded = fold(name)
            if len(folded) >= MIN_NAME_LENGTH:
                names.add(folded)
    return sorted(names)


@functools.lru_cache(maxsize=3)
def _cached(kind: str, source: str, countries: int = 1) -> frozenset[str]:
    path = _cache_path(kind, countries)
    if path.is_file():
        return frozenset(gzip.decompress(path.read_bytes()).decode("utf-8").split("\n"))
    names = _distil(source, countries)
    write_cache(path, gzip.compress("\n".join(names).encode("utf-8")))
    return frozenset(names)


def given_names() -> frozenset[str]:
    """Folded given names (casefolded, no diacritics); built into the cache on first use."""
    return _cached("given-names", "first_names.pkl.gz")


def widely_given_names() -> frozenset[str]:
    """Given names ranked in the top ``RANK_LIMIT`` of ``WIDE_COUNTRIES`` countries or more."""
    return _cached("given-names", "first_names.pkl.gz", WIDE_COUNTRIES)


def surnames() -> frozenset[str]:
    return _cached("surnames", "last_names.pkl.gz")


MIN_MISSPELT_NAME = 5
MAX_MISSPELT_NAME = 40  # no name is longer; a 20,000-letter "word" (a blob) would cost its length squared


@functools.lru_cache(maxsize=1)
def _given_name_deletions() -> frozenset[str]:
    names = [n for n in given_names() if len(n) >= MIN_MISSPELT_NAME]
    return frozenset(n[:i] + n[i + 1 :] for n in names for i in range(len(n))) | frozenset(names)


def collapse_doubles(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


def near_given_name(folded: str) -> bool:
    """Whether ``folded`` is one edit (or doubled letters) from a given name of five
    letters or more: "cosmiina", "csomina", "diteer", "tevor"."""
    if not MIN_MISSPELT_NAME <= len(folded) <= MAX_MISSPELT_NAME:
        return False
    names, deletions = given_names(), _given_name_deletions()
    if collapse_doubles(folded) in names or folded in deletions:
        return True
    return any(folded[:i] + folded[i + 1 :] in deletions for i in range(len(folded)))


@functools.lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Given names and surnames."""
    return given_names() | surnames()


def _forms(word: str) -> tuple[str, ...]:
    # Frequency lists spell words with their diacritics ("până"), names are matched
    # without them ("pana"): look both up, so a common word is not taken for a name.
    lower = word.casefold()
    folded = fold(word)
    return (lower,) if lower == folded else (lower, folded)


def word_frequency(word: str) -> float:
    """How common ``word`` is as a word, on English's Zipf scale: the English figure,
    or another chat language's less a margin (their corpora are smaller and noisier)."""
    from victimshield.detect.word_table import zipf as zipf_frequency

    best = 0.0
    for form in _forms(word):
        other = max(zipf_frequency(form, lang) for lang in OTHER_LANGUAGES)
        best = max(best, zipf_frequency(form, "en"), other - (WORD_ZIPF_OTHER - WORD_ZIPF_ENGLISH))
    return best


def english_frequency(word: str) -> float:
    """Zipf frequency in English alone: other languages' corpora count their names as words
    ("pedro" is frequent in Spanish because many people are called Pedro)."""
    from victimshield.detect.word_table import zipf as zipf_frequency

    return max(zipf_frequency(form, "en") for form in _forms(word))


def accented_word_frequency(word: str) -> float:
    """Zipf frequency of ``word`` as written, diacritics and all, in its most frequent
    language (no margin); 0 for a word written without diacritics. "mâine" is
    Romanian for tomorrow, whatever "Maine" is as a name."""
    from victimshield.detect.word_table import zipf as zipf_frequency

    lower = word.casefold()
    if lower == fold(word):
        return 0.0
    return max(zipf_frequency(lower, lang) for lang in ("en", *OTHER_LANGUAGES))


def is_english_word(word: str) -> bool:
    return english_frequency(word) >= WORD_ZIPF_ENGLISH


def is_ordinary_word(word: str) -> bool:
    """Common enough as a word that, alone, it is probably not a name ("will", "vin")."""
    return word_frequency(word) >= WORD_ZIPF_ENGLISH


def is_function_word(word: str) -> bool:
    """So common ("the", "you", "tell", "până") that not even context makes it a name."""
    return word_frequency(word) >= FUNCTION_WORD_ZIPF


class WordFrequencies:
    """The frequencies above, remembered per word for as long as this object lives.

    A recognizer that asks about the same chat words again and again owns one
    (``PersonNames``, built once per shield): the memory of the evidence's words belongs
    to it and goes with it, never to the process. Safe to share between threads.
    """

    def __init__(self, size: int = 65536) -> None:
        self.word_frequency = functools.lru_cache(maxsize=size)(word_frequency)
        self.english_frequency = functools.lru_cache(maxsize=size)(english_frequency)
        self.accented_word_frequency = functools.lru_cache(maxsize=size)(accented_word_frequency)

    def __repr__(self) -> str:
        return f"WordFrequencies(size={self.word_frequency.cache_info().maxsize})"

    def is_english_word(self, word: str) -> bool:
        return self.english_frequency(word) >= WORD_ZIPF_ENGLISH

    def is_ordinary_word(self, word: str) -> bool:
        return self.word_frequency(word) >= WORD_ZIPF_ENGLISH

    def is_function_word(self, word: str) -> bool:
        return self.word_frequency(word) >= FUNCTION_WORD_ZIPF
