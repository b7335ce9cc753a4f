"""Word frequencies of one language from wordfreq's shipped lists, looked up on disk.

wordfreq reads a language's whole list into a dict on first use (Russian: 700,000 words):
the nine languages detection asks about cost 1.3 s and some 400 MB in every process
before the first word is judged. Here each language's list is distilled once into an
SQLite file in the cache folder (each word's frequency band; each spelling without
diacritics with its commonest word's Zipf value) and every word is looked up there, a
few pages read per word. The numbers are wordfreq's own: ``zipf`` tokenizes with
wordfreq's tokenizer and repeats ``wordfreq.zipf_frequency``'s arithmetic step for step
(tests/recognizers/test_word_table.py compares them word for word). Where the cache
cannot be written (a read-only home), wordfreq's dicts are used as before.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import sqlite3
import threading
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from victimshield import normalize
from victimshield.resources import cache_dir

CACHE_FORMAT = 1


def _cache_path(language: str) -> Path:
    # Named by wordfreq's version and a digest of the code that distils (folding included).
    code = hashlib.sha256(Path(__file__).read_bytes() + Path(normalize.__file__).read_bytes()).hexdigest()[:12]
    return cache_dir() / f"wordfreq-{version('wordfreq')}-{language}-{code}-v{CACHE_FORMAT}.sqlite"


def _bands(language: str) -> Iterator[tuple[str, int]]:
    """(word, band) as ``wordfreq.get_frequency_dict`` holds them: a word listed twice keeps its last band."""
    from wordfreq import get_frequency_list

    last: dict[str, int] = {}
    for band, words in enumerate(get_frequency_list(language, "best")):
        for word in words:
            last[word] = band
    return iter(last.items())


def _folded(bands: list[tuple[str, int]]) -> dict[str, float]:
    """Each spelling without diacritics -> the Zipf value (unrounded: log10 of its band's
    frequency) of its commonest word, as lexicon's folded table always had it."""
    from wordfreq import cB_to_freq

    table: dict[str, float] = {}
    for word, band in bands:
        frequency = cB_to_freq(-band)
        value = math.log10(frequency) + 9 if frequency > 0 else 0.0
        key = normalize.fold(word)
        if value > table.get(key, 0.0):
            table[key] = value
    return table


def _distil(language: str, path: Path) -> None:
    """Write the language's table to ``path`` (built aside, then renamed into place)."""
    part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    part.unlink(missing_ok=True)
    bands = list(_bands(language))
    folded = _folded(bands)
    connection = sqlite3.connect(part)
    try:
        with connection:
            connection.execute("CREATE TABLE words (word TEXT PRIMARY KEY, band INTEGER NOT NULL) WITHOUT ROWID")
            connection.execute("CREATE TABLE folded (word TEXT PRIMARY KEY, zipf REAL NOT NULL) WITHOUT ROWID")
            connection.executemany("INSERT INTO words VALUES (?, ?)", bands)
            connection.executemany("INSERT INTO folded VALUES (?, ?)", folded.items())
    finally:
        connection.close()
    os.replace(part, path)
    # The tables of an older wordfreq or of older code are never read again: 10-40 MB each.
    for stale in path.parent.glob(f"wordfreq-*-{language}-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)


class _Unreadable(Exception):
    """The table on disk cannot be read: wordfreq answers instead."""


class WordTable:
    """One language's frequencies. Safe to share between threads and across ``fork``:
    each process opens its own read-only connection."""

    def __init__(self, language: str, path: Path | None):
        self.language = language
        self._path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def __repr__(self) -> str:
        return f"WordTable({self.language!r}, on_disk={self._path is not None})"

    def _open(self, path: Path) -> sqlite3.Connection | None:
        if self._connection is None or self._pid != os.getpid():
            # A connection must not cross a fork: the child opens its own.
            try:
                connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                                             check_same_thread=False)
                connection.execute("SELECT 1 FROM words LIMIT 1").fetchall()
            except sqlite3.Error:
                # Removed meanwhile (a run of newer code replaced it): wordfreq's own numbers, the same.
                self._path = None
                return None
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def _row(self, query: str, word: str) -> tuple[float] | None:
        """The row found, or None; ``_Unreadable`` if the table cannot be read (then wordfreq answers)."""
        with self._lock:
            connection = self._open(self._path) if self._path is not None else None
            if connection is None:
                raise _Unreadable
            row: tuple[float] | None = connection.execute(query, (word,)).fetchone()
            return row

    def _frequency(self, token: str) -> float | None:
        from wordfreq import cB_to_freq

        row = self._row("SELECT band FROM words WHERE word = ?", token)
        return None if row is None else cB_to_freq(-int(row[0]))

    def zipf(self, word: str) -> float:
        """``wordfreq.zipf_frequency(word, language)``."""
        if self._path is not None:
            try:
                return self._zipf(word)
            except _Unreadable:
                pass
        from wordfreq import zipf_frequency

        return zipf_frequency(word, self.language)

    def _zipf(self, word: str) -> float:
        from wordfreq import freq_to_zipf, zipf_to_freq
        from wordfreq.numbers import digit_freq, smash_numbers
        from wordfreq.tokens import lossy_tokenize

        minimum = zipf_to_freq(0.0)
        tokens = lossy_tokenize(word, self.language)
        frequency = minimum
        if tokens:
            one_over_result = 0.0
            for token in tokens:
                smashed = smash_numbers(token)
                found = self._frequency(smashed)
                if found is None:
                    one_over_result = -1.0
                    break
                if smashed != token:
                    found *= digit_freq(token)
                one_over_result += 1.0 / found
            if one_over_result > 0:
                unrounded = max(1.0 / one_over_result, minimum)
                frequency = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
        return round(freq_to_zipf(frequency), 2)

    def folded_zipf(self, folded: str) -> float:
        """The Zipf value (unrounded) of the commonest word that reads ``folded`` without diacritics; 0 if none."""
        try:
            row = self._row("SELECT zipf FROM folded WHERE word = ?", folded)
        except _Unreadable:
            return _folded_in_memory(self.language).get(folded, 0.0)
        return 0.0 if row is None else float(row[0])


@functools.lru_cache(maxsize=1)
def _folded_in_memory(language: str) -> dict[str, float]:
    # Only where the cache cannot be written: the old way, a dict per process.
    return _folded(list(_bands(language)))


def _tokenized_like_ours(language: str) -> bool:
    # Chinese is segmented by jieba with a penalty per inferred break: left to wordfreq itself.
    from wordfreq.language_info import get_language_info

    return str(get_language_info(language)["tokenizer"]) != "jieba"


@functools.lru_cache(maxsize=32)
def word_table(language: str) -> WordTable:
    """The table of ``language`` (distilled into the cache on first use)."""
    path = _cache_path(language)
    if not _tokenized_like_ours(language):
        return WordTable(language, None)
    if not path.is_file():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _distil(language, path)
        except (OSError, sqlite3.Error):
            return WordTable(language, None)
    return WordTable(language, path)


def zipf(word: str, language: str) -> float:
    """``wordfreq.zipf_frequency(word, language)`` without loading the language's whole list."""
    return word_table(language).zipf(word)


def folded_zipf(folded: str, language: str) -> float:
    return word_table(language).folded_zipf(folded)

