"""The rest of a name the NER cut short, in text that is not English.

Measured on Romanian text, a third of the names that leaked were halves of names the
English NER found only in part: it stops at an initial ("George W" of "George W. Bush",
"Sean M" of "Sean M. Carroll"), reads a given name and not the surname beside it
("Theodor" of "Theodor Stolojan") or the surname and not the given name ("Gheorghiu"
of "Mihnea Gheorghiu"), and misses names written after initials ("A.D. Xenopol",
"I. C. Brătianu") or after Romanian's genitive article ("relațiile lui Filat", "statuia
lui Cuza").

A word joins a name only when the segment's languages do not know it as an ordinary
word where it stands (``detect.lexicon``), it is capitalised and not in capitals
("PDL"), and it is no title, function word or product of this tool. Nothing here
crosses a line break: words are joined across a single space, or across an initial's
dot and a space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from victimshield.detect.gazetteer import given_names
from victimshield.detect.lexicon import FUNCTION_WORD, closed_words, is_ordinary_in_any, zipf
from victimshield.detect.merge import merge_findings
from victimshield.detect.sentences import in_product, sentence_start
from victimshield.finding import Finding
from victimshield.normalize import fold

NEIGHBOUR = "name_neighbour"
INITIALLED = "initialled_name"
GENITIVE = "genitive_name"
SCORE = 0.6
MAX_WORDS = 3
# Opening a sentence, a given name rarer than this in every language (English too) is a name.
RARE_GIVEN_NAME = 4.0
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# One to three initials ("A.D.", "I. C.", "J.R.R"), then a space and a word.
_INITIALS = re.compile(r"(?<![^\W\d_.])((?:[^\W\d_]\.\s?){1,3}[^\W\d_]?)\s(?=[^\W\d_])")
# Abbreviations written like initials: countries, unions, company forms.
_NOT_INITIALS = frozenset(
    {"sua", "usa", "onu", "ue", "uk", "srl", "sa", "ss", "urss", "rda", "rfg", "nato", "ca", "nr", "st"}
)
# Romanian's genitive/dative article before a man's name (or a woman's written as a man's).
_GENITIVE = re.compile(r"(?i)(?<![^\W\d_])lui\s+(?=[^\W\d_])")
def _name_word(
    text: str, match: re.Match[str], languages: tuple[str, ...], titles: frozenset[str], *, after_initial: bool = False
) -> bool:
    """Capitalised, not in capitals, no title or function word, not ordinary where it stands
    (after an initial's dot is inside a sentence, not the start of one)."""
    word = match.group()
    if len(word) < 2 or not word[:1].isupper() or word.isupper() or fold(word).rstrip(".") in titles:
        return False
    if in_product(text, match.start(), match.end()):
        return False
    lower = word.casefold()
    if any(lower in closed_words(language) or zipf(word, language) >= FUNCTION_WORD for language in languages):
        return False
    first = not after_initial and sentence_start(text, match.start())
    if (
        first
        and fold(word) in given_names()
        and max(zipf(word, language) for language in (*languages, "en")) < RARE_GIVEN_NAME
    ):
        return True  # "Mihnea Gheorghiu" opening a sentence: a given name beside a surname, no common word
    return not is_ordinary_in_any(word, languages, sentence_start=first)


def _initial(text: str, start: int, end: int) -> bool:
    """A single capital letter followed by a dot ("W." of "George W. Bush")."""
    return end - start == 1 and text[start].isupper() and text[end : end + 1] == "."


def _forward(text: str, end: int, languages: tuple[str, ...], titles: frozenset[str], taken: list[Finding]) -> int:
    """Where the name ending at ``end`` really ends: across initials and name words."""
    for _ in range(MAX_WORDS):
        if text[end : end + 2] == ". " and _is_initial_end(text, end):
            gap = 2
        elif text[end : end + 1] == " ":
            gap = 1
        else:
            break
        match = _WORD.match(text, end + gap)
        if match is None or any(f.start < match.end() and match.start() < f.end for f in taken):
            break
        if _initial(text, match.start(), match.end()):
            end = match.end()
            continue
        if not _name_word(text, match, languages, titles, after_initial=gap == 2):
            break
        end = match.end()
    return end


def _is_initial_end(text: str, end: int) -> bool:
    return end >= 1 and text[end - 1].isupper() and (end == 1 or not (text[end - 2].isalpha()))


def _backward(text: str, start: int, languages: tuple[str, ...], titles: frozenset[str], taken: list[Finding]) -> int:
    """Where the name starting at ``start`` really starts: one name word before it."""
    if start < 2 or text[start - 1] != " ":
        return start
    before = list(_WORD.finditer(text, max(0, start - 40), start - 1))
    if not before or before[-1].end() != start - 1:
        return start
    match = before[-1]
    if any(f.start < match.end() and match.start() < f.end for f in taken):
        return start
    return match.start() if _name_word(text, match, languages, titles) else start


def extend_names(
    text: str, findings: Sequence[Finding], languages: tuple[str, ...], titles: frozenset[str]
) -> list[Finding]:
    """PERSON spans no roster party vouches for, grown over the rest of their name."""
    grown: list[Finding] = []
    for finding in findings:
        if finding.entity_type != "PERSON" or finding.party is not None:
            continue
        # Never into another finding: a guess grown into a roster party's name would take
        # the party's role (and escape the filters that drop guesses in a blob).
        others = [f for f in findings if f is not finding]
        start = _backward(text, finding.start, languages, titles, others)
        end = _forward(text, finding.end, languages, titles, others)
        if (start, end) != (finding.start, finding.end):
            grown.append(Finding(start, end, "PERSON", SCORE, NEIGHBOUR))
    return merge_findings([*findings, *grown]) if grown else list(findings)


def initialled_names(text: str, languages: tuple[str, ...], titles: frozenset[str]) -> list[Finding]:
    """Initials and a name word after them: "A.D. Xenopol", "I. C. Brătianu"."""
    out = []
    for match in _INITIALS.finditer(text):
        letters = fold(re.sub(r"[\s.]", "", match.group(1)))
        if letters in _NOT_INITIALS or ("." not in match.group(1) and len(letters) < 2):
            continue
        word = _WORD.match(text, match.end())
        if word is None or not _name_word(text, word, languages, titles, after_initial=True):
            continue
        end = _forward(text, word.end(), languages, titles, [])
        out.append(Finding(match.start(), end, "PERSON", SCORE, INITIALLED))
    return out


def genitive_names(text: str, languages: tuple[str, ...], titles: frozenset[str]) -> list[Finding]:
    """In Romanian, the capitalised word after "lui" ("relațiile lui Filat")."""
    if "ro" not in languages:
        return []
    out = []
    for match in _GENITIVE.finditer(text):
        word = _WORD.match(text, match.end())
        if word is None or not word.group()[:1].isupper() or not _name_word(text, word, ("ro",), titles):
            continue
        out.append(Finding(word.start(), _forward(text, word.end(), languages, titles, []), "PERSON", SCORE, GENITIVE))
    return out
