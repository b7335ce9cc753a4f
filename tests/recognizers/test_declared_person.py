"""Chat authors and name cells: the name goes, an ordinary descriptor stays, fail closed otherwise."""

import pytest

from victimshield.detect.declared import declared_person

CASES = [
    ("kateryna new", ["kateryna"]),
    ("Gareth taxi", ["Gareth taxi"]),  # "taxi" is also a surname: kept with the name
    ("Will ro", ["Will ro"]),  # "Will" capitalised is a name, whatever its frequency as a word
    ("Mama ❤", ["Mama"]),
    ("Boss Marius", ["Boss Marius"]),
    ("Ioana Popescu", ["Ioana Popescu"]),
    ("+40 723 456 789", ["+40 723 456 789"]),  # no letters: all of it
    ("me", []),  # the phone owner's own messages
]


@pytest.mark.parametrize("text,names", CASES, ids=[c[0][:12] for c in CASES])
def test_declared_person_spans(text, names):
    found = declared_person(text)
    expected = [(text.index(n), text.index(n) + len(n)) for n in names]
    assert [(f.start, f.end) for f in found] == expected
    assert all(f.entity_type == "PERSON" for f in found)


def test_a_sentence_of_only_descriptors_is_redacted_whole():
    found = declared_person("the old")
    assert [(f.start, f.end) for f in found] == [(0, 7)]
