"""Roster names in forms the roster does not list: typos, other scripts.

Failure messages show parties, spans and scores, never the matched text.
"""

from __future__ import annotations

import pytest

from tests.conftest import AS_OF
from victimshield.roster.matcher import RosterMatcher
from victimshield.roster.model import Roster
from victimshield.roster.variants import NameVariants, collapse_doubles, damerau_levenshtein, typo_budget
from victimshield.vocabulary import Role

# Invented people; roles chosen so every guard has something to protect.
ROSTER = Roster.model_validate({"parties": [
    {"id": "V1", "role": "victim", "names": ["Andreea Popescu"]},
    {"id": "V2", "role": "victim", "names": ["Yuliia Kovalenko"]},
    {"id": "V3", "role": "victim", "names": ["Viktoriia Shevchenko"]},
    {"id": "V4", "role": "victim", "names": ["Bianca Munteanu"]},
    {"id": "V5", "role": "victim", "names": ["Nguyễn Thị Hương"]},
    {"id": "V6", "role": "victim", "names": ["Ioana Stan", "Lan"]},
    {"id": "V7", "role": "victim", "names": ["Wang Xiaoling"]},
    {"id": "V8", "role": "victim", "names": ["Iryna Bondarenko", "Marin Dobre"]},
    {"id": "V9", "role": "victim", "names": ["Oksana Đặng"]},
    {"id": "W1", "role": "witness", "names": ["Elena Tkachenko"]},
    {"id": "S1", "role": "suspect", "names": ["Gareth Morgan", "Florin Vasilache"]},
]})


@pytest.fixture(scope="module")
def matcher():
    return RosterMatcher(ROSTER, as_of=AS_OF)


def _found(matcher, text):
    return [(m.start, m.end, m.entity_type, m.parties, m.score) for m in matcher.find(text)]


# (text, where the name is: (start, end), party, score)
TYPOS = [
    ("andrreea said", (0, 8), "V1", 0.8),  # doubled letter
    ("where is yulliia", (9, 16), "V2", 0.8),  # doubled letter, 6-letter name
    ("vikttoriia ok", (0, 10), "V3", 0.8),  # doubled letter twice over
    ("gaeth is here", (0, 5), "S1", 0.8),  # dropped letter: a suspect's typo keeps its role
    ("biaca come", (0, 5), "V4", 0.8),  # dropped letter
    ("huoong pls", (0, 6), "V5", 0.8),  # doubled letter of a name folded from Vietnamese
    ("iona wait", (0, 4), "V6", 0.8),  # dropped letter in a 5-letter name
    ("lann go", (0, 4), "V6", 0.8),  # a short name: doubled letters only
    ("ask Kvoalenko", (4, 13), "V2", 0.8),  # swapped letters
    ("Shevchneko paid", (0, 10), "V3", 0.8),  # swapped letters
    ("Bondarneko", (0, 10), "V8", 0.8),
    ("Vikotriaa", (0, 9), "V3", 0.8),  # 9 letters: two edits
    ("Elenna sees", (0, 6), "W1", 0.8),  # a witness
]


@pytest.mark.parametrize("text,span,party,score", TYPOS, ids=[f"typo-{t[2]}-{i}" for i, t in enumerate(TYPOS)])
def test_typo_forms_match_their_party(matcher, text, span, party, score):
    found = _found(matcher, text)
    assert (*span, "PERSON", (party,), score) in found, (
        f"expected {party} at {span}, got {[f[:2] + f[3:] for f in found]}"
    )


# Near a roster name part, but ordinary words (or too far, or too short to guess at).
NOT_TYPOS = [
    "bianco e nero",  # Italian 'white': one letter from Bianca
    "a wide margin",  # two from Marin
    "at the marina",  # one from Marin, and a word
    "I was alone",  # far from Elena
    "all of it",  # collapses to 'al'
    "stand up",  # one from Stan, but Stan has four letters
    "the star",  # Stan again
    "plan B",  # Lan: three letters, no edits
    "Florian said",  # one from Florin (a suspect), and a listed name: not the suspect
    "Morgana",  # one from Morgan (a suspect), and a listed name
]


@pytest.mark.parametrize("text", NOT_TYPOS, ids=[f"word-{i}" for i in range(len(NOT_TYPOS))])
def test_ordinary_words_near_a_name_do_not_match(matcher, text):
    found = _found(matcher, text)
    assert found == [], f"unexpected matches at {[f[:2] + f[3:] for f in found]}"


def test_a_listed_word_near_a_victims_name_is_hers_but_not_a_suspects(tmp_path):
    # 'iona' is listed (Romanian, rare): rare enough for a victim's typo, not for a suspect's.
    victim = RosterMatcher(
        Roster.model_validate({"parties": [{"id": "V", "role": "victim", "names": ["Ioana"]}]}), as_of=AS_OF
    )
    suspect = RosterMatcher(
        Roster.model_validate({"parties": [{"id": "S", "role": "suspect", "names": ["Ioana"]}]}), as_of=AS_OF
    )
    assert [m.parties for m in victim.find("iona")] == [("V",)]
    assert suspect.find("iona") == []


# (text, span, party): other scripts, compared in Latin letters.
SCRIPTS = [
    ("сказала Коваленко вчора", (8, 17), "V2"),  # Ukrainian Cyrillic surname
    ("Оксана тут", (0, 6), "V9"),  # Cyrillic given name
    ("Ірина пише", (0, 5), "V8"),  # Ukrainian romanisation: і -> i, и -> y
    ("Юлія Коваленко", (0, 14), "V2"),  # the full name: ю -> yu, я -> ia
    ("Oksana Dang", (0, 11), "V9"),  # Đ has no decomposition: transliterated, not folded
    ("王晓玲说", (1, 3), "V7"),  # Chinese: no spaces between words
    ("Nguyen Thi Huong", (0, 16), "V5"),  # already matched by diacritic folding
]


@pytest.mark.parametrize("text,span,party", SCRIPTS, ids=[f"script-{t[2]}-{i}" for i, t in enumerate(SCRIPTS)])
def test_other_scripts_match_and_map_back_to_the_original(matcher, text, span, party):
    found = _found(matcher, text)
    assert (*span, "PERSON", (party,), 1.0) in found, (
        f"expected {party} at {span}, got {[f[:2] + f[3:] for f in found]}"
    )


def test_full_name_with_a_typo_keeps_both_parts():
    m = RosterMatcher(ROSTER, as_of=AS_OF)
    found = [(x.start, x.end, x.parties, x.score) for x in m.find("Andreea Popescuu")]
    assert found == [(0, 7, ("V1",), 1.0), (8, 16, ("V1",), 0.8)], f"got {found}"


def test_exact_match_beats_typo_and_protective_role_wins_on_shared_typo():
    roster = Roster.model_validate({"parties": [
        {"id": "S", "role": "suspect", "names": ["Marian"]},
        {"id": "V", "role": "victim", "names": ["Mariana"]},
    ]})
    m = RosterMatcher(roster, as_of=AS_OF)
    assert [x.parties for x in m.find("Marian")] == [("S",)]  # written as the suspect's name
    assert [(x.parties, x.score) for x in m.find("Mariaan")] == [(("S", "V"), 0.8)]  # a typo of both
    assert m.role_of(("S", "V")) == (Role.VICTIM, "V")


def test_combining_accents_and_zero_width_characters_stay_inside_the_name(matcher):
    text = "Bia\u200bnca and Ele\u0301na"  # zero-width space; e + combining acute
    spans = [(m.start, m.end, m.parties) for m in matcher.find(text)]
    assert (0, 7, ("V4",)) in spans and (12, 18, ("W1",)) in spans, f"got {spans}"


@pytest.mark.parametrize("part,budget", [("lan", 0), ("ioan", 0), ("ioana", 1), ("yuliia", 1), ("kateryna", 2)])
def test_typo_budget_by_length(part, budget):
    assert typo_budget(part) == budget


@pytest.mark.parametrize(
    "a,b,distance",
    [
        ("biaca", "bianca", 1),
        ("kvoalenko", "kovalenko", 1),
        ("abc", "abc", 0),
        ("vikotria", "viktoria", 1),
        ("marin", "margin", 1),
        ("ca", "abc", 3),
    ],
)  # OSA: no edit of a swapped pair
def test_damerau_levenshtein(a, b, distance):
    assert damerau_levenshtein(a, b) == distance


def test_collapse_doubles():
    assert collapse_doubles("vikttoriia") == "viktoria"


def test_matcher_does_not_mutate_or_reveal_the_roster():
    before = ROSTER.model_dump()
    variants = NameVariants((n, p.id, True) for p in ROSTER.parties for n in p.names)
    variants.find("andrreea")
    assert ROSTER.model_dump() == before
    assert "Andreea" not in repr(variants) and "andreea" not in repr(variants)
