"""A segment the format declares a person's name: a chat author, a name column.

Display names carry words that are not the name ("Gareth taxi", "kateryna new",
"Boss Marius"): the analyst needs "taxi", the victim needs "kateryna" gone. The
name is every word that is not an ordinary English word (or is one that is also
a name, unless very common and in lower case); the descriptors stay.
Fail closed: when no word looks like a name ("Mama", "Boss") the whole segment
is the name, and only a bare self-reference ("me", "you") is left as it is.
"""

from __future__ import annotations

import re

from victimshield.detect.gazetteer import is_english_word, is_function_word, known_names
from victimshield.finding import Finding
from victimshield.normalize import fold

DECLARED = "declared"
# How chat exports label the phone owner's own messages.
SELF_REFERENCES = frozenset({"me", "you", "eu", "tu", "yo", "io", "ich", "moi", "я", "ja"})
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def _is_descriptor(word: str) -> bool:
    """An English word that is no one's name ("new", "taxi" is: it is a surname too)."""
    folded = fold(word)
    if any(c.isdigit() for c in word) or not is_english_word(word):
        return False
    if folded not in known_names():
        return True
    # Also a name somewhere: a descriptor only if very common and written in lower case
    # ("kateryna new"); "Will ro" is Will.
    return word.islower() and is_function_word(word)


def declared_person(text: str) -> list[Finding]:
    words = list(_WORD.finditer(text))
    if len(words) == 1 and fold(words[0].group()) in SELF_REFERENCES and text.strip() == words[0].group():
        return []
    names = [m for m in words if not _is_descriptor(m.group())]
    if not names or not any(c.isalpha() for c in text):
        stripped = text.strip()
        start = text.index(stripped)
        return [Finding(start, start + len(stripped), "PERSON", 1.0, DECLARED)]
    # Neighbouring name words ("Gareth Whitfield") make one span, so one pseudonym.
    spans: list[list[int]] = []
    for match in names:
        if spans and text[spans[-1][1] : match.start()].strip(" ") == "":
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    return [Finding(start, end, "PERSON", 1.0, DECLARED) for start, end in spans]
