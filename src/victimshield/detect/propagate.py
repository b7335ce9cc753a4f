"""A name found once in a document is a name everywhere in it.

The NER finds "Gareth Ortega" in a well-formed sentence and misses "gareth" in
"tell gareth to wait"; a chat author's display name says who "andeea" is. After
every segment of a document has been detected, the words of the names found
without a roster party (NER, gazetteer, declared authors and name columns) are
searched for across all its free-text segments, in any case and without
diacritics, as whole words, and so are their misspellings in the same document
("dvae", "ferrnando": one edit away, for words of four letters or more). Words
that are also ordinary English or very common words in any language are
neither spread nor taken for misspellings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

import ahocorasick

from victimshield.detect.gazetteer import english_frequency, is_function_word
from victimshield.detect.merge import merge_findings
from victimshield.finding import Finding, Segment
from victimshield.normalize import fold, project_words, words_key

RECOGNIZER = "document_names"
SCORE = 0.5
MIN_WORD = 3
MIN_SOURCE_SCORE = 0.5
MIN_TYPO_WORD = 4
MAX_TYPO_WORD = 40  # no name is longer; a blob-long "word" would cost its length squared
SPREAD_MAX_ENGLISH_FREQUENCY = 4.7  # "dve" for "dave" is too short to tell from other words
_WORD = re.compile(r"[^\W\d_]+")


def _is_word(folded: str) -> bool:
    # The document already uses it as a name, so only common English words (the
    # NER's language, where "Will", "Mark" and "Rose" are taken for names) and
    # function words in any language are held back; "dave" and "pedro" are spread.
    return english_frequency(folded) >= SPREAD_MAX_ENGLISH_FREQUENCY or is_function_word(folded)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class _Misspellings:
    """Words one edit (insertion, deletion, substitution, transposition) from a name word."""

    def __init__(self, words: set[str], is_word: Callable[[str], bool]):
        self._words = words
        self._is_word = is_word
        self._by_deletion: dict[str, str] = {}
        for word in words:
            if len(word) >= MIN_TYPO_WORD:
                for variant in _deletions(word) | {word}:
                    self._by_deletion.setdefault(variant, word)

    def matches(self, word: str) -> bool:
        folded = fold(word)
        if folded in self._words or not MIN_TYPO_WORD <= len(folded) <= MAX_TYPO_WORD:
            return False
        if folded in self._by_deletion or any(v in self._by_deletion for v in _deletions(folded)):
            return not self._is_word(word)
        return False


def _name_words(segments: Sequence[Segment], findings: Sequence[Sequence[Finding]],
                is_word: Callable[[str], bool]) -> set[str]:
    words: set[str] = set()
    for segment, found in zip(segments, findings, strict=True):
        for finding in found:
            if finding.entity_type != "PERSON" or finding.party is not None or finding.score < MIN_SOURCE_SCORE:
                continue
            for word in words_key(segment.text[finding.start : finding.end]).split():
                # No name is longer than MAX_TYPO_WORD: a blob-long capitalised "word" is no
                # name to spread (and its deletions would cost its length squared).
                if MIN_WORD <= len(word) <= MAX_TYPO_WORD and word.isalpha() and not is_word(word):
                    words.add(word)
    return words


def propagate_names(segments: Sequence[Segment], findings: list[list[Finding]]) -> list[list[Finding]]:
    """``findings`` plus every other occurrence of the document's name words, merged."""
    # A document repeats its names: each word is looked up once (the memory goes with the call).
    is_word = functools.lru_cache(maxsize=None)(_is_word)
    words = _name_words(segments, findings, is_word)
    if not words:
        return findings
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    misspellings = _Misspellings(words, is_word)
    out = []
    for segment, found in zip(segments, findings, strict=True):
        if segment.entity_type is not None:
            out.append(found)  # a typed cell is already whole
            continue
        projection = project_words(segment.text)
        text = projection.text
        extra = []
        for end_index, length in automaton.iter(text):
            start, end = end_index - length + 1, end_index + 1
            if (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " "):
                o_start, o_end = projection.span(start, end)
                extra.append(Finding(o_start, o_end, "PERSON", SCORE, RECOGNIZER))
        for match in _WORD.finditer(segment.text):
            if misspellings.matches(match.group()):
                extra.append(Finding(match.start(), match.end(), "PERSON", SCORE, RECOGNIZER))
        out.append(merge_findings([*found, *extra]) if extra else found)
    return out
