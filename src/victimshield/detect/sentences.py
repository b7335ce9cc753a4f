"""Two facts about a place in a segment that the language rules (``native``,
``name_neighbours``) both ask: does a sentence start there, and is it inside one of the
tool's own products."""

from __future__ import annotations

import re

# A sentence ends at these marks; quotes, brackets and spaces may follow before the next.
_SENTENCE_END = re.compile(r"(?:^|[.!?…:;\"«»„“”()\[\]\n\t])[\s\"«»„“”()\[\]'-]*$")
# The tool's own pseudonyms ("PERSON-3f9a1c2b", as ``transform.products`` writes them):
# verify re-reads them, and no word of one is a name.
_PRODUCT = re.compile(r"[A-Z][A-Z_]{1,20}-[0-9a-f]{6,32}\b")


def sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 4) : start])) or not text[:start].strip()


def in_product(text: str, start: int, end: int) -> bool:
    for match in _PRODUCT.finditer(text, max(0, start - 22), min(len(text), end + 33)):
        if match.start() < end and start < match.end():
            return True
    return False
