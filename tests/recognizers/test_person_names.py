"""Names the NER misses: the gazetteer recognizer, and a document's names spread to all its segments."""

from __future__ import annotations

import pytest

from tests.recognizers.conftest import described, span_of
from victimshield.detect.propagate import propagate_names
from victimshield.detect.span_recognizers.person_names import PersonNames
from victimshield.finding import Finding, Locator, Segment

NAMES = PersonNames()

# (text, the spans that must be PERSON)
POSITIVE = [
    ("client dave paid already", ["dave"]),
    ("ortega gareth picks u up at 8", ["ortega gareth"]),
    ("tell kateryna to wait", ["kateryna"]),
    ("dieter wants her again on friday", ["dieter"]),
    ("my sister rose is here", ["rose"]),  # "rose" is a word: the introducer makes it a name
    ("vin acum andriy... i am tired", ["andriy"]),
    ("client dave hurt me", ["dave"]),  # "hurt" is a surname too, but a common verb
    ("pedro said no", ["pedro"]),  # a given name frequent in Spanish text because people bear it
    ("new girl wanida comes sunday", ["wanida"]),  # no list knows her: no dictionary knows the word
    ("cosmiina is outside", ["cosmiina"]),  # a given name misspelt
    ("diteer wants her again", ["diteer"]),
    ("nina took the money", ["nina"]),  # a common word in no language, a name in many countries
    ("client depot paid", ["depot"]),  # even a one-country name counts after an introducer
]
NEGATIVE = [
    "i will call you on friday",
    "the witness saw the van near the station",
    "Payments went to the account and were withdrawn the next day",
    "sender_iban",  # an identifier, not a name
    "sender",  # a lone common word (a header)
    "traffic, 20 min. tell her",  # "Min" is a given name; "min" is a word first
    "dă-mi banii până mâine",  # Romanian "tomorrow", not the name Maine
    # Words one country's list of given names has (names-dataset ranks profile words too):
    # alone they stay words; a name many countries share ("nina", "pedro") still counts.
    "we waited at the depot",
    "a standoff at the border",
    "the feud with the obese neighbour",
]


@pytest.mark.parametrize("text,names", POSITIVE, ids=[p[0][:20] for p in POSITIVE])
def test_names_found(text, names):
    found = [(f.start, f.end) for f in NAMES.find(text) if f.entity_type == "PERSON"]
    assert found == [span_of(text, n) for n in names], f"got {described(NAMES.find(text))}"


@pytest.mark.parametrize("text", NEGATIVE, ids=[n[:20] for n in NEGATIVE])
def test_ordinary_words_are_not_names(text):
    found = NAMES.find(text)
    assert found == [], f"got {described(found)}"


def test_a_name_found_once_is_found_everywhere_in_the_document_with_its_misspellings():
    texts = ["Client Gareth Whitfield paid already.", "tell gareth to wait", "garreth is outside", "the garden is big"]
    segments = [Segment(t, Locator("chat.txt", message=i)) for i, t in enumerate(texts)]
    first = [[Finding(7, 23, "PERSON", 0.85, "SpacyRecognizer")], [], [], []]
    out = propagate_names(segments, first)
    assert [(f.start, f.end) for f in out[1]] == [span_of(texts[1], "gareth")]
    assert [(f.start, f.end) for f in out[2]] == [span_of(texts[2], "garreth")]
    assert out[3] == [], "an ordinary word one edit away is not a misspelled name"


def test_roster_names_and_typed_cells_are_not_spread():
    texts = ["Marius Stan called", "marius again"]
    segments = [Segment(t, Locator("a.txt")) for t in texts]
    party = Finding(0, 11, "PERSON", 1.0, "roster", party="S1")
    assert propagate_names(segments, [[party], []]) == [[party], []]  # the roster already finds its own
