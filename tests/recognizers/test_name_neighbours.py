"""The rest of a name the English NER cut short (issue 9, Romanian names leaked).

Sentences and names written for these tests. Each name must be covered whole by
PERSON findings, every ordinary word must stay outside them, and no finding may
cross a line break. Failures show positions only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import victimshield as vs
from victimshield.policy.load import load_policy

from .test_native_languages import POLICY  # the same: no roster, unknown persons pseudonymized

# (sentence, the whole name in it)
NAMED = [
    # The NER stops at the initial's dot.
    ("La ședință a venit și Robert M. Pascu, șeful firmei.", "Robert M. Pascu"),
    ("La ședință a venit și Mircea V. Tudose, șeful firmei.", "Mircea V. Tudose"),
    # Initials, then a surname no list knows.
    ("Profesorii ieșeni A.D. Pârvulescu și I. C. Tănăsache au mobilizat studenții.", "A.D. Pârvulescu"),
    ("Profesorii ieșeni A.D. Pârvulescu și I. C. Tănăsache au mobilizat studenții.", "I. C. Tănăsache"),
    # Romanian's genitive article before a man's name.
    ("Vecinii îi spun „vila lui Tudose“ de mulți ani.", "Tudose"),
]

# Sentences whose capitalised words after "lui" or after an initial-like abbreviation are ordinary.
ORDINARY = [
    "Au mers la biserică în ziua lui Dumnezeu, apoi acasă.",
    "Delegația a plecat în S.U.A. Luni se întoarce la Iași.",
]


@pytest.fixture(scope="module")
def shield(tmp_path_factory: pytest.TempPathFactory) -> vs.Shield:
    path: Path = tmp_path_factory.mktemp("policy") / "ro.yaml"
    path.write_text(POLICY.format(region="RO"), encoding="utf-8")
    return vs.Shield(load_policy(path), "GB", key=b"name-neighbours-test-key-0001")


def _persons(shield: vs.Shield, text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in shield.scan_text(text) if f.entity_type == "PERSON"]


@pytest.mark.parametrize("text,name", NAMED, ids=[f"named-{i}" for i in range(len(NAMED))])
def test_whole_name_goes_when_the_ner_cut_it_short(shield, text, name):
    start = text.index(name)
    covered = {i for s, e in _persons(shield, text) for i in range(s, e)}
    letters = {i for i in range(start, start + len(name)) if text[i].isalpha()}
    missing = sorted(letters - covered)
    assert not missing, f"name at {start}-{start + len(name)}: {len(missing)} letters not covered"


@pytest.mark.parametrize("text", ORDINARY, ids=[f"ordinary-{i}" for i in range(len(ORDINARY))])
def test_ordinary_capitalised_words_beside_cues_stay(shield, text):
    assert _persons(shield, text) == []


def test_a_name_is_not_grown_across_a_line_break(shield):
    text = "Raportul a fost semnat de Robert M.\nPascu a confirmat primirea."
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    crossing = [(s, e) for s, e in _persons(shield, text) if any(s <= b < e for b in breaks)]
    assert crossing == []


def test_redacted_text_keeps_the_words_around_a_grown_name(shield):
    text = "Ieri, Robert M. Pascu a plătit chiria pentru luna trecută."
    out = shield.redact_text(text).text
    assert "Pascu" not in out and "Robert" not in out, "part of the name survived"
    lost = [w for w in ("Ieri", "plătit", "chiria", "pentru", "luna", "trecută") if w not in out]
    assert lost == [], f"{len(lost)} ordinary words lost"


def test_a_guess_is_never_grown_into_a_roster_partys_name():
    from victimshield.detect.name_neighbours import extend_names
    from victimshield.detect.native import INTRODUCERS
    from victimshield.finding import Finding

    text = "Raportul Zăvoianu Ioana Popescu a semnat."
    guess = Finding(9, 17, "PERSON", 0.6, "capitalised_names")
    party = Finding(18, 31, "PERSON", 1.0, "roster", party="victim-1")
    grown = extend_names(text, [guess, party], ("ro",), INTRODUCERS)
    assert sorted((f.start, f.end, f.party) for f in grown) == [(9, 17, None), (18, 31, "victim-1")]
