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
- ``revealed`` (``reveal_numbers``): the text as written, except numbers hidden
  on purpose (spaced digits, digits spelled out in English, Spanish or Romanian,
  look-alike letters, full-width digits, emoji between digits) written as plain
  digits. For the pattern and checksum recognizers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from victimshield.disguises import is_invisible

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
    # ends[i]: where the original of projected char i ends, when that is not
    # origin[i] + 1 (a spelled-out digit: "seven" -> "7" covers five characters).
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of projected ``[start, end)``."""
        last = self.ends[end - 1] if self.ends is not None else self.origin[end - 1] + 1
        return self.origin[start], last


def project_words(text: str) -> Projection:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if is_invisible(char):
            continue  # "Gar\u200beth" is one word (and one pseudonym) with "Gareth"
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
        if char in COMPACT_SEPARATORS or is_invisible(char):
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


# -- revealing hidden numbers ---------------------------------------------------

# Folded (casefold, no diacritics) digit words. Romanian "opt", Spanish "dos" and
# English "one" are ordinary words too, which is why a run needs six digits.
NUMBER_WORDS: dict[str, str] = {
    # English
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    # Spanish
    "cero": "0", "uno": "1", "una": "1", "dos": "2", "tres": "3", "cuatro": "4",
    "cinco": "5", "seis": "6", "siete": "7", "ocho": "8", "nueve": "9",
    # Romanian ("zero" as in English)
    "unu": "1", "doi": "2", "doua": "2", "trei": "3", "patru": "4", "cinci": "5",
    "sase": "6", "sapte": "7", "opt": "8", "noua": "9",
}
# Letters written for digits inside a number ("O723 l23"); alone only where no
# language uses them as a word (Spanish "o" is "or", English "I").
_LOOKALIKE_IN_NUMBER = {"O": "0", "o": "0", "l": "1", "I": "1"}
_LOOKALIKE_ALONE = {"O": "0", "l": "1"}
_TOKEN = re.compile(r"[^\W_]+")
_GAP_PUNCTUATION = frozenset(" -._*~·•/\\()[]\u00a0\u2009\u202f\u200b\u200d\ufe0f")
_GAP_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Sm", "Cf", "Mn", "Me", "Cs"})
_MAX_GAP = 6
MIN_REVEALED_DIGITS = 6


def _digit_of(char: str) -> str | None:
    value = unicodedata.decimal(char, None)
    return None if value is None else str(value)


def _token_digits(token: str, alone: bool) -> tuple[str, bool] | None:
    """The digits a token stands for, and whether it was disguised; None if not a number."""
    word = NUMBER_WORDS.get(fold(token))
    if word is not None:
        return word, True
    if alone and token in _LOOKALIKE_ALONE:
        return _LOOKALIKE_ALONE[token], True
    digits, disguised, real = [], False, False
    for char in token:
        digit = _digit_of(char)
        if digit is not None:
            real = True
            disguised = disguised or not char.isascii()
            digits.append(digit)
        elif char in _LOOKALIKE_IN_NUMBER:
            disguised = True
            digits.append(_LOOKALIKE_IN_NUMBER[char])
        else:
            return None
    return ("".join(digits), disguised) if real else None


def _gap_kind(gap: str) -> str | None:
    """'plain' (spaces, dashes), 'symbol' (an emoji or sign between digits) or None (a break)."""
    if len(gap) > _MAX_GAP or "\n" in gap:
        return None
    kind = "plain"
    for char in gap:
        if char in _GAP_PUNCTUATION:
            continue
        if unicodedata.category(char) in _GAP_SYMBOL_CATEGORIES:
            kind = "symbol"
            continue
        return None
    return kind


def _runs(text: str) -> list[list[tuple[re.Match[str], str]]]:
    """Maximal runs of number-like tokens joined only by separators that hide digits."""
    runs: list[list[tuple[re.Match[str], str]]] = []
    current: list[tuple[re.Match[str], str]] = []
    disguised = False
    previous_end = -1

    def close() -> None:
        nonlocal current, disguised
        digits = sum(len(d) for _, d in current)
        singles = sum(1 for _, d in current if len(d) == 1)
        if digits >= MIN_REVEALED_DIGITS and (disguised or singles >= 3):
            runs.append(current)
        current, disguised = [], False

    for match in _TOKEN.finditer(text):
        parsed = _token_digits(match.group(), alone=True)
        gap = _gap_kind(text[previous_end : match.start()]) if current else None
        if parsed is None or (current and gap is None):
            close()
        if parsed is None:
            continue
        digits, token_disguised = parsed
        if current and gap == "symbol":
            disguised = True
        current.append((match, digits))
        disguised = disguised or token_disguised
        previous_end = match.end()
    close()
    return runs


def reveal_numbers(text: str) -> Projection:
    """``text`` with each hidden number written as plain digits; spans map back.

    "0 7 2 3 4 5 6 7 8 9", "zero seven two three ...", "O723 456 789" with an
    emoji between groups and "０７２３..." all become "0723456789" (a "+" right
    before the run is kept). Text without hidden numbers comes back unchanged.
    """
    runs = _runs(text)
    if not runs:
        return Projection(text, tuple(range(len(text))))
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    position = 0
    for run in runs:
        run_start = run[0][0].start()
        for index in range(position, run_start):
            out.append(text[index])
            origin.append(index)
            ends.append(index + 1)
        for match, digits in run:
            if len(digits) == len(match.group()):
                for offset, digit in enumerate(digits):
                    out.append(digit)
                    origin.append(match.start() + offset)
                    ends.append(match.start() + offset + 1)
            else:  # a spelled-out digit: the whole word stands for it
                for digit in digits:
                    out.append(digit)
                    origin.append(match.start())
                    ends.append(match.end())
        position = run[-1][0].end()
    for index in range(position, len(text)):
        out.append(text[index])
        origin.append(index)
        ends.append(index + 1)
    return Projection("".join(out), tuple(origin), tuple(ends))


class NumberReveals:
    """``reveal_numbers`` remembered for the last few texts.

    Every number recognizer of one text asks for the same projection. The recognizers of
    one shield share one of these (``default_span_recognizers``), so the memory belongs
    to them and goes with them: no text of one case stays behind in the process.
    """

    def __init__(self, size: int = 8) -> None:
        self._reveal = lru_cache(maxsize=size)(reveal_numbers)

    def __repr__(self) -> str:
        return f"NumberReveals(size={self._reveal.cache_info().maxsize})"

    def __call__(self, text: str) -> Projection:
        return self._reveal(text)


# -- the ``ascii`` projection: names written in other scripts -------------------
#
# ``words`` folds diacritics, but "Коваленко", "Đặng" and "晓玲" keep letters
# no roster written in Latin letters has. ``ascii`` transliterates them: Cyrillic
# by Ukraine's national romanisation (KMU 2010, what Ukrainian passports print:
# "Юлія" -> "yuliia", "Ірина" -> "iryna"; applied to Russian spellings too),
# everything else by anyascii (ISC licence; "Đ" -> "d", "晓玲" -> "xiaoling").

# Letters that are written differently at the start of a word (KMU 2010).
_CYRILLIC_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    # Russian and Belarusian letters Ukrainian lacks
    "ё": "e", "ъ": "", "ы": "y", "э": "e", "ў": "u",
}
_CYRILLIC_WORD = str.maketrans(_CYRILLIC)
# Scripts written without spaces between words: a name may start or end at any
# character boundary there ("王晓玲说" holds "Wang" and "Xiaoling").
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F),  # CJK ideographs
)


def is_unspaced_script(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED_RANGES)


@lru_cache(maxsize=8192)
def _ascii_of(char: str, word_initial: bool) -> str:
    """Lower-case ASCII letters and digits for ``char``; '' for marks and invisible
    characters (they stay inside the word); ' ' for anything that separates words."""
    if char.isascii():
        return char.lower() if char.isalnum() else " "
    lower = char.lower()
    if lower in _CYRILLIC:
        return _CYRILLIC_INITIAL.get(lower, _CYRILLIC[lower]) if word_initial else _CYRILLIC[lower]
    latin = "".join(c for c in anyascii(char).lower() if c.isascii() and c.isalnum())
    if latin:
        return latin  # Thai vowel signs are marks with a sound: they land here
    if unicodedata.category(char)[0] == "M" or unicodedata.category(char) == "Cf":
        return ""  # a combining accent or a zero-width character inside a word
    return " "


def project_ascii(text: str) -> Projection:
    """Lower-case ASCII transliteration, every run of other characters one space."""
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    previous_is_letter = False
    for index, char in enumerate(text):
        latin = _ascii_of(char, not previous_is_letter)
        if latin == "":
            if out and out[-1] != " ":
                ends[-1] = index + 1  # the accent belongs to the letter before it
            continue
        previous_is_letter = latin != " "
        if latin == " ":
            if out and out[-1] != " ":
                out.append(" ")
                origin.append(index)
                ends.append(index + 1)
            continue
        for letter in latin:
            out.append(letter)
            origin.append(index)
            ends.append(index + 1)
    return Projection("".join(out), tuple(origin), tuple(ends))


def ascii_key(value: str) -> str:
    """The ``ascii`` form of a roster value (what ``project_ascii`` of its text contains)."""
    return project_ascii(value).text.strip()


def cyrillic_word_to_ascii(word: str) -> str:
    """Fast ``ascii_key`` of one lower-case Cyrillic word (for word lists)."""
    if not word:
        return word
    return _CYRILLIC_INITIAL.get(word[0], word[0].translate(_CYRILLIC_WORD)) + word[1:].translate(_CYRILLIC_WORD)


# -- names spelled letter by letter: "I.o.a.n.a", "I o a n a", "I-o-a-n-a" -------

_SPELLED_RUN = re.compile(r"(?<![^ ])[^\W\d_](?: [^\W\d_]){2,}(?![^ ])")
_MAX_SPELLED_GAP = 3  # ". ", " - ": a wider gap (or a line break) ends the run


def spelled_runs(words: Projection, original: str) -> Iterator[Projection]:
    """Runs of three or more single letters in a ``words`` projection, joined: "I.o.a.n.a
    P.o.p.e.s.c.u" -> "ioanapopescu", whose ``origin`` maps each letter back to ``original``.
    Two letters ("I. P.", initials) are never a run."""
    for match in _SPELLED_RUN.finditer(words.text):
        letters = range(match.start(), match.end(), 2)
        run: list[int] = []
        for index in letters:
            here = words.origin[index]
            if run:
                gap = original[words.origin[run[-1]] + 1 : here]
                if len(gap) > _MAX_SPELLED_GAP or "\n" in gap:
                    if len(run) >= 3:
                        yield Projection("".join(words.text[i] for i in run), tuple(words.origin[i] for i in run))
                    run = []
            run.append(index)
        if len(run) >= 3:
            yield Projection("".join(words.text[i] for i in run), tuple(words.origin[i] for i in run))
