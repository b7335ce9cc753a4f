"""Disguises a reader does not see: invisible characters, odd spaces, look-alike letters.

``visible`` gives the text as a reader sees it, with a map back to the original;
``latin_lookalikes`` makes Cyrillic and Greek letters drawn like Latin ones Latin
inside words that mix them. Both are used before matching (see ``detect.engine``
and ``roster.matcher``); ``normalize``'s keys skip invisible characters too.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# -- the ``visible`` text: what a reader sees -----------------------------------
#
# A zero-width space inside an IBAN, a soft hyphen inside a name, a right-to-left
# override around it: invisible to a reader, but they break every pattern, the
# NER's tokens and the roster's automata. Detection runs over the text without
# them (odd spaces made plain), and each finding maps back to the original span,
# hidden characters inside it included, so the transform replaces them too.

# Invisible but not format characters (category Cf covers the rest: ZWSP, ZWNJ,
# ZWJ, word joiner, soft hyphen, BOM, bidi marks, embeddings, overrides and
# isolates, tag characters): variation selectors, the combining grapheme joiner,
# Mongolian free variation selectors, Hangul fillers.
_INVISIBLE_RANGES = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x180B, 0x180D), (0x034F, 0x034F),
                     (0x115F, 0x1160), (0x3164, 0x3164), (0xFFA0, 0xFFA0))
_LINE_BREAKS = frozenset("\u2028\u2029\u0085")


@lru_cache(maxsize=4096)
def _visible_char(char: str) -> str:
    """'' for an invisible character, ' ' for an odd space, '\\n' for a Unicode line break."""
    if char.isascii():
        return char
    if char in _LINE_BREAKS:
        return "\n"
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category == "Zs":
        return " "  # NBSP, narrow NBSP, thin, ideographic, ... spaces
    code = ord(char)
    if any(low <= code <= high for low, high in _INVISIBLE_RANGES):
        return ""
    return char


@dataclass(frozen=True, slots=True)
class Visible:
    """``text`` without invisible characters. ``dropped_at[i]`` is the position in the visible
    text before which the i-th dropped character stood (sorted; memory grows with what was
    dropped, not with the text)."""

    text: str
    dropped_at: tuple[int, ...]

    def original(self, index: int) -> int:
        """Original index of visible character ``index``."""
        return index + bisect.bisect_right(self.dropped_at, index)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of visible ``[start, end)``: hidden characters inside it included."""
        return self.original(start), self.original(end - 1) + 1


def visible(text: str) -> Visible:
    """The text as a reader sees it; the same object's text when nothing is hidden."""
    if text.isascii():
        return Visible(text, ())
    out: list[str] = []
    dropped_at: list[int] = []
    for char in text:
        shown = _visible_char(char)
        if shown:
            out.append(shown)
        else:
            dropped_at.append(len(out))
    return Visible("".join(out), tuple(dropped_at))


def is_invisible(char: str) -> bool:
    """A character a reader does not see at all (not a space: that separates words)."""
    return not char.isascii() and _visible_char(char) == ""


# -- look-alike letters: a Cyrillic 'а' inside a Latin name ----------------------

# Cyrillic and Greek letters drawn like Latin ones. Transliteration reads Cyrillic
# 'р' as "r" and 'с' as "s"; inside a word that also has Latin letters they stand
# for the Latin letter they look like ("Рoрesсu" is "Popescu" to the eye).
_LOOKALIKE_LATIN = str.maketrans(
    "аеорсухіјѕԁԛԝүӏвкмнтАВЕКМНОРСТХІЈЅУ"
    "αορνικτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwylbkmhtABEKMHOPCTXIJSY"
    "aopviktuxABEZHIKMNOPTYX",
)
_LOOKALIKE_CHARS = frozenset(chr(c) for c in _LOOKALIKE_LATIN)
# Letters and digits together: an IBAN's one-letter run ("…1В31…", a Cyrillic 'В') is part
# of a token that also has Latin letters, though the letter alone is wholly Cyrillic.
_TOKENS = re.compile(r"[^\W_]+")


def latin_lookalikes(text: str) -> str:
    """``text`` with look-alike letters made Latin in tokens (letters and digits) that mix
    them with Latin letters; the same length, so spans need no map. Tokens with no Latin
    letter ("Київ", "Київ2") are left alone."""
    if text.isascii():
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if any(c in _LOOKALIKE_CHARS for c in word) and any(c.isascii() and c.isalpha() for c in word):
            return word.translate(_LOOKALIKE_LATIN)
        return word

    return _TOKENS.sub(fix, text)
