"""Capitalised names the English NER cannot read or misses, in text that is not English.

In Latin script the NER reads most names; what it misses is a capitalised word inside
a sentence that neither the segment's language nor English knows ("Tilbrook", "Urquieta"),
and names written in capitals as legal documents do ("MENDONÇA"). In Cyrillic it reads
almost none: names there are capitalised and inflected ("Івана", "Миколи", "Андрію"), and the names
gazetteer holds most of them in Latin letters. A capitalised Cyrillic word is a
PERSON when one of its nominative forms (the case ending taken off, a nominative one
put back), written in Latin letters (``anyascii``), is a known given name; when it
bears an inflected surname ending ("-енка", "-овича"); or, inside a sentence, when
the segment's language does not know it at all ("Гарбузюк"). Ordinary words of the
language (``detect.lexicon``), months, titles and words the language uses very often
("України", "Київ") are never taken.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from victimshield.detect.gazetteer import given_names, surnames
from victimshield.detect.lexicon import closed_words, is_ordinary, zipf
from victimshield.finding import Finding
from victimshield.normalize import fold

RECOGNIZER = "capitalised_names"
SCORE = 0.6
MIN_LENGTH = 3
# A word this common as written is the language's own (a place, an institution), name or not.
COMMON_AS_WRITTEN = 5.0
# Capitalised inside a sentence and this rare in the language: no word of it, so a name.
UNKNOWN_WORD = 2.0
SENTENCE_START_NAME_MAX = 4.5
# In Latin script: rarer than this in the language (and in English, less a margin, as
# English corpora count famous foreign names) a capitalised word inside a sentence is a name.
UNKNOWN_LATIN_WORD = 3.0
ENGLISH_MARGIN = 1.0
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CASE_ENDINGS = (
    "ові", "еві", "ою", "ею", "ом", "ем", "ої", "ого", "ому", "ій", "а", "у", "ю", "і", "и", "я", "е", "о", "ь",
)
_NOMINATIVE = ("", "а", "я", "о", "й", "ій", "ь")
SURNAME_FORMS = (
    "енко", "енка", "енку", "енком", "чук", "чука", "чуку", "чуком", "ович", "овича", "овичу", "овичем",
    "евич", "евича", "евичу", "івна", "івни", "івну", "івною", "овна", "овни", "овну", "евна", "евни",
)
_SENTENCE_END = re.compile(r"(?:^|[.!?…:;\"«»„“”()\[\]\n\t—–-])[\s\"«»„“”()\[\]']*$")


def _latin(word: str) -> str:
    return anyascii(word).casefold().replace("'", "")


def is_inflected_given_name(word: str) -> bool:
    lower = word.casefold()
    stems = {lower} | {
        lower[: -len(e)] for e in _CASE_ENDINGS if lower.endswith(e) and len(lower) - len(e) >= MIN_LENGTH
    }
    names = given_names()
    return any(
        (stem + ending) in names or _latin(stem + ending) in names for stem in stems for ending in _NOMINATIVE
    )


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 4) : start]))


def _is_name(text: str, start: int, word: str, languages: tuple[str, ...], titles: frozenset[str]) -> bool:
    lower = word.casefold()
    if lower in titles or any(lower in closed_words(language) for language in languages):
        return False
    first = _sentence_start(text, start)
    if word.endswith(SURNAME_FORMS) or lower.endswith(SURNAME_FORMS):
        return not any(is_ordinary(word, language, sentence_start=first) for language in languages)
    common = max(zipf(word, language) for language in languages)
    known = lower in given_names() or lower in surnames()
    if common >= COMMON_AS_WRITTEN and not known:
        return False
    if is_inflected_given_name(word):
        # First in a sentence, only a name the language rarely uses as a word ("Ірма", not "Слава").
        return not first or common < SENTENCE_START_NAME_MAX
    return not first and common < UNKNOWN_WORD


def _unknown_capitalised(text: str, start: int, word: str, languages: tuple[str, ...], titles: frozenset[str]) -> bool:
    """In Latin script the NER reads names; what it misses is a capitalised word inside a
    sentence that the segment's language does not know at all ("Tilbrook", "Urquieta")."""
    lower = word.casefold()
    if lower in titles or any(lower in closed_words(language) for language in languages):
        return False
    # English words count as known too: English titles inside Romanian text ("Air Traffic").
    known = max(max(zipf(word, language) for language in languages), zipf(word, "en") - ENGLISH_MARGIN)
    return not _sentence_start(text, start) and known < UNKNOWN_LATIN_WORD


MIN_CAPITALS_NAME = 4


def _capitals_name(text: str, start: int, word: str, languages: tuple[str, ...], titles: frozenset[str]) -> bool:
    """"MENDONÇA", "BIANCHINI": a word in capitals that a name list knows, or that neither the
    language nor English knows, and that is not an ordinary word written in capitals."""
    if len(word) < MIN_CAPITALS_NAME:
        return False  # acronyms: "OAB", "CEP"
    title = word[:1] + word[1:].lower()
    lower = word.casefold()
    if lower in titles or any(lower in closed_words(language) for language in languages):
        return False
    if any(is_ordinary(title, language) or zipf(title, language) >= COMMON_AS_WRITTEN - 1 for language in languages):
        return False
    known = fold(word) in given_names() or fold(word) in surnames()
    rare = (
        max(max(zipf(title, language) for language in languages), zipf(title, "en") - ENGLISH_MARGIN)
        < UNKNOWN_LATIN_WORD
    )
    return known or (rare and not _CYRILLIC.search(word))


def capitalised_names(text: str, languages: tuple[str, ...], titles: frozenset[str] = frozenset()) -> list[Finding]:
    """PERSON findings for the capitalised words that are names (see the module); in
    Latin script only those the language does not know."""
    out: list[Finding] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < MIN_LENGTH or not word[:1].isupper():
            continue
        if word.isupper():
            judge = _capitals_name  # a name in capitals, as legal documents write them
        else:
            judge = _is_name if _CYRILLIC.search(word) else _unknown_capitalised
        if judge(text, match.start(), word, languages, titles):
            if out and text[out[-1].end : match.start()] == " ":
                out[-1] = Finding(out[-1].start, match.end(), "PERSON", SCORE, RECOGNIZER)  # "Тарас Коваленко"
            else:
                out.append(Finding(match.start(), match.end(), "PERSON", SCORE, RECOGNIZER))
    return out
