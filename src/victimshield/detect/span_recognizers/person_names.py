"""People's names that NER misses: lower-case, alone, in chat language.

spaCy's small English model finds "Dave Morgan" but not "client dave paid" or
"ortega gareth picks u up". A word that is a known given name or surname
(``detect.gazetteer``) is a PERSON when it is not also an ordinary word; a name
that is also a word ("will", "vin", "rose") counts only after a word that
introduces a person ("client", "my sister", "tell", "with") or next to another
name. Neighbouring names form one span ("ortega gareth").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from victimshield.detect.gazetteer import (
    WordFrequencies,
    given_names,
    known_names,
    near_given_name,
    surnames,
    widely_given_names,
)
from victimshield.finding import Finding
from victimshield.normalize import fold

# A word of the text: start, end, folded (for the name lists), as written (for word frequencies).
Word = tuple[int, int, str, str]

SCORE = 0.5
GIVEN_NAME = "given_name_gazetteer"
# "ortega gareth" is a full name; "dave hurt" is a name and a verb ("hurt" is a surname too).
BESIDE_NAME_MAX_FREQUENCY = 4.5
LONE_WORD_MAX_FREQUENCY = 3.0
GIVEN_NAME_MAX_FREQUENCY = 4.5
# A given name only one country's list has ("depot", "standoff", "obese") and no surname list
# does needs context once it is this common an English word; one many countries share
# ("pedro", "nina") does not.
RARE_GIVEN_NAME_MAX_FREQUENCY = 3.0
WORD_WITH_DIACRITICS_FREQUENCY = 4.0
UNKNOWN_WORD_MAX_FREQUENCY = 1.5
MIN_UNKNOWN_NAME = 4
# Whole words only: "sender_iban", "jesus_vip78" and "kevin2" are identifiers, not names.
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:['’-][^\W\d_]+)?(?![\w])")
# Words after which the next word is a person (folded). Chats in English,
# Romanian, Spanish, Italian; kinship, roles in these cases, verbs of address.
INTRODUCERS = frozenset(
    """client clientul clienta cliente customer guy girl boy man woman driver boss sister brother mother
    father mom mum mama mamma tata cousin aunt uncle friend girlfriend boyfriend wife husband son daughter
    sora fratele frate prietena prietenul sotul sotia hermana hermano madre padre amigo amiga primo prima
    sorella fratello amica amico named called mr mrs ms miss dl dna domnul doamna senor senora sr sra
    tell ask ask call text with from to for and or by told asked met meet see saw"""
    .split()
)


def _is_name(folded: str) -> bool:
    return len(folded) >= 3 and folded in known_names()


def _unknown_word(word: str, frequencies: WordFrequencies) -> bool:
    return (
        len(word) >= MIN_UNKNOWN_NAME
        and word.isalpha()
        and frequencies.word_frequency(word) < UNKNOWN_WORD_MAX_FREQUENCY
    )


def _needs_context(word: Word, frequencies: WordFrequencies) -> bool:
    """Whether this name is also a word common enough to need context ("will", "vin").

    A given name is taken alone up to a higher frequency ("pedro", "dave" are written
    often because many people bear them); a surname that is also a word is not.
    """
    if len(word[2]) >= MIN_UNKNOWN_NAME and word[2] in given_names():  # "min", "dan", "tom": words first
        return (
            frequencies.word_frequency(word[3]) >= GIVEN_NAME_MAX_FREQUENCY
            or frequencies.accented_word_frequency(word[3]) >= WORD_WITH_DIACRITICS_FREQUENCY
            or frequencies.is_function_word(word[3])
            or (
                frequencies.english_frequency(word[3]) >= RARE_GIVEN_NAME_MAX_FREQUENCY
                and word[2] not in widely_given_names()
                and word[2] not in surnames()  # "Powell", "Conte": a surname keeps the surname rule
            )
        )
    return frequencies.is_ordinary_word(word[3])


class PersonNames:
    name = "name_gazetteer"

    def __init__(self, frequencies: WordFrequencies | None = None) -> None:
        # The shield's own memory of word frequencies (see ``WordFrequencies``).
        self._frequencies = frequencies or WordFrequencies()

    def __repr__(self) -> str:
        return "PersonNames()"

    def find(self, text: str) -> list[Finding]:
        frequencies = self._frequencies
        # (start, end, folded for name lists, as written for word frequencies)
        words = [(m.start(), m.end(), fold(m.group()), m.group()) for m in _WORD.finditer(text)]
        names = [_is_name(w[2]) for w in words]
        for i in range(len(words)):
            if names[i] or not _unknown_word(words[i][3], frequencies):
                continue
            # A word no dictionary knows right after "client", "girl", "tell"… is a name the
            # lists do not have yet ("new girl wanida comes sunday"); one a letter away
            # from a given name is that name misspelt ("cosmiina", "diteer").
            introduced = i > 0 and words[i - 1][2] in INTRODUCERS and _adjacent(text, words[i - 1], words[i])
            names[i] = introduced or near_given_name(words[i][2])
        if not any(names):
            return []
        ordinary = [
            _needs_context(w, frequencies) if is_name else True for w, is_name in zip(words, names, strict=True)
        ]
        accepted = [False] * len(words)
        for i, is_name in enumerate(names):
            if not is_name:
                continue
            if not ordinary[i]:
                # A lone word (a column header, a label) has no context: only a rare word is a name.
                accepted[i] = len(words) > 1 or frequencies.word_frequency(words[i][3]) < LONE_WORD_MAX_FREQUENCY
                continue
            if words[i][2] in INTRODUCERS or frequencies.is_function_word(words[i][3]):
                continue  # "tell", "the", "you": never a name by context alone
            introduced = i > 0 and words[i - 1][2] in INTRODUCERS and _adjacent(text, words[i - 1], words[i])
            # Beside another name: a full name. Both halves may be names that are also
            # words ("fernando morgan"), as long as neither is common in English.
            beside_name = frequencies.english_frequency(words[i][3]) < BESIDE_NAME_MAX_FREQUENCY and any(
                0 <= j < len(words)
                and names[j]
                and (not ordinary[j] or frequencies.english_frequency(words[j][3]) < BESIDE_NAME_MAX_FREQUENCY)
                and words[j][2] not in INTRODUCERS
                and not frequencies.is_function_word(words[j][3])
                and _adjacent(text, *sorted((words[i], words[j])))
                for j in (i - 1, i + 1)
            )
            accepted[i] = introduced or beside_name
        return list(self._spans(text, words, accepted))

    @staticmethod
    def _spans(text: str, words: list[Word], accepted: list[bool]) -> Iterator[Finding]:
        i = 0
        while i < len(words):
            if not accepted[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(words) and accepted[j + 1] and _adjacent(text, words[j], words[j + 1]):
                j += 1
            # A span holding a given name is strong evidence (the NER's "GPE" on "Iryna" is
            # wrong); a surname alone is weak ("Bradford" the NER reads as a place stays one).
            given = any(words[k][2] in given_names() for k in range(i, j + 1))
            yield Finding(words[i][0], words[j][1], "PERSON", SCORE, GIVEN_NAME if given else PersonNames.name)
            i = j + 1


def _adjacent(text: str, left: Word, right: Word) -> bool:
    """Only spaces between two words (no comma, no line break)."""
    gap = text[left[1] : right[0]]
    return 0 < len(gap) <= 2 and gap.strip(" ") == ""
