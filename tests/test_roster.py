"""Roster: loading, effective roles, and matching every value kind in its written forms."""

import pytest

from tests.conftest import AS_OF, ROSTER_YAML, write
from victimshield import RosterError, load_roster
from victimshield.roster.matcher import RosterMatcher
from victimshield.vocabulary import Role


@pytest.fixture(scope="module")
def matcher(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("roster") / "roster.yaml", ROSTER_YAML)
    return RosterMatcher(load_roster(path), as_of=AS_OF, default_region="RO")


# (text, the span expected to match, entity type, party)
FORMS = [
    ("call +40 723 456 789 now", "+40 723 456 789", "PHONE_NUMBER", "V1"),
    ("call 0723456789 now", "0723456789", "PHONE_NUMBER", "V1"),
    ("call 0723-456-789 now", "0723-456-789", "PHONE_NUMBER", "V1"),
    ("call 0040 723 456 789", "0040 723 456 789", "PHONE_NUMBER", "V1"),
    ("call (0723) 456.789", "0723) 456.789", "PHONE_NUMBER", "V1"),
    ("tel:+40723456789.", "+40723456789", "PHONE_NUMBER", "V1"),
    ("IBAN RO49 AAAA 1B31 0075 9384 0000 paid", "RO49 AAAA 1B31 0075 9384 0000", "IBAN_CODE", "V1"),
    ("iban ro49aaaa1b31007593840000", "ro49aaaa1b31007593840000", "IBAN_CODE", "V1"),
    ("passport 054-123-987", "054-123-987", "PASSPORT", "V1"),
    ("mail IOANA.P@EXAMPLE.COM", "IOANA.P@EXAMPLE.COM", "EMAIL_ADDRESS", "V1"),
    ("dm @ioana_p today", "ioana_p", "SOCIAL_HANDLE", "V1"),
    ("lives at strada lipscani 12, bucurești", "strada lipscani 12, bucurești", "ADDRESS", "V1"),
    ("born 12.04.2001 in Iasi", "12.04.2001", "DATE_OF_BIRTH", "V1"),
    ("IOANA POPESCU came", "IOANA POPESCU", "PERSON", "V1"),
    ("ioana came", "ioana", "PERSON", "V1"),
    ("Popescu came", "Popescu", "PERSON", "V1"),
    ("Ionela came", "Ionela", "PERSON", "V1"),
    ("Mihai Georgescu saw", "Mihai Georgescu", "PERSON", "W1"),
    ("Elena Dumitru, 16", "Elena Dumitru", "PERSON", "V2"),
    ("Bossu said", "Bossu", "PERSON", "S1"),
]


@pytest.mark.parametrize("text,span,entity_type,party", FORMS, ids=[f"{f[2]}-{i}" for i, f in enumerate(FORMS)])
def test_every_value_kind_in_several_forms(matcher, text, span, entity_type, party):
    start = text.index(span)
    found = [(m.start, m.end, m.entity_type, m.parties) for m in matcher.find(text)]
    assert (start, start + len(span), entity_type, (party,)) in found, (
        f"expected {entity_type} at {start}-{start + len(span)}, got spans {[f[:3] for f in found]}"
    )


def test_diacritics_are_folded_both_ways(tmp_path):
    path = write(tmp_path / "r.yaml", "parties:\n  - {id: V9, role: victim, names: ['Ștefania Bălan']}\n")
    m = RosterMatcher(load_roster(path), as_of=AS_OF)
    for text in ("Stefania Balan", "ȘTEFANIA BĂLAN", "stefania", "Bălan"):
        assert [x.parties for x in m.find(f"x {text} y")] == [("V9",)], f"form #{len(text)}"


@pytest.mark.parametrize(
    "text", ["Ioanascu", "xyPopescu", "07234567890", "40723456789000", "RO49AAAA1B310075938400001"]
)
def test_no_match_inside_longer_words_or_numbers(matcher, text):
    assert matcher.find(f"say {text} ok") == []


@pytest.mark.parametrize("text", ["Ioanas", "xPopescu"])
def test_one_letter_more_is_a_typo_of_the_whole_word_never_a_match_inside_it(matcher, text):
    # Since typos match, a name with one extra letter is found, but as the whole word.
    found = [(m.start, m.end, m.score) for m in matcher.find(f"say {text} ok")]
    assert found == [(4, 4 + len(text), 0.8)], f"spans/scores {found}"


def test_effective_roles(matcher):
    assert matcher.roles == {"V1": Role.VICTIM, "V2": Role.MINOR, "W1": Role.WITNESS, "S1": Role.SUSPECT}


def test_minor_by_flag_or_birth_date(tmp_path):
    path = write(tmp_path / "r.yaml", """\
        parties:
          - {id: A, role: witness, names: [A A], minor: true}
          - {id: B, role: victim, names: [B B], born: 2008-11-30}
          - {id: C, role: victim, names: [C C], born: 2008-11-29}
          - {id: D, role: suspect, names: [D D], born: 2012-01-01}
        """)
    roles = RosterMatcher(load_roster(path), as_of=AS_OF).roles
    assert roles == {"A": Role.MINOR, "B": Role.MINOR, "C": Role.VICTIM, "D": Role.SUSPECT}


def test_shared_first_name_takes_most_protective_role_but_full_name_wins(tmp_path):
    path = write(tmp_path / "r.yaml", """\
        parties:
          - {id: S, role: suspect, names: [Maria Ionescu]}
          - {id: V, role: victim, names: [Maria Vasile]}
        """)
    m = RosterMatcher(load_roster(path), as_of=AS_OF)
    alone = m.find("Maria called")
    assert len(alone) == 1 and set(alone[0].parties) == {"S", "V"}
    assert m.role_of(alone[0].parties) == (Role.VICTIM, "V")
    full = m.find("Maria Ionescu called")
    assert [x.parties for x in full] == [("S",)]


def test_csv_roster_same_columns(tmp_path):
    path = write(tmp_path / "r.csv", """\
        case,id,role,names,born,minor,phones,accounts
        HT-1,V1,victim,Ioana Popescu;Ionela,2001-04-12,,+40 723 456 789,RO49AAAA1B31007593840000
        HT-1,S1,suspect,Marius Stan,,,+40 766 987 654,
        """)
    roster = load_roster(path)
    assert roster.case == "HT-1"
    assert [p.id for p in roster.parties] == ["V1", "S1"]
    assert roster.parties[0].names == ["Ioana Popescu", "Ionela"]
    m = RosterMatcher(roster, as_of=AS_OF)
    assert [x.parties for x in m.find("Ionela at 0723 456 789")] == [("V1",), ("V1",)]


def test_roster_errors_are_all_listed_without_values(tmp_path):
    path = write(tmp_path / "r.yaml", """\
        parties:
          - {id: V1, role: victm, names: [Secret Name]}
          - {id: V1, role: victim, born: 2009-13-45, names: [Other Secret]}
          - {id: V3, role: victim, nickname: Hidden Alias}
        """)
    with pytest.raises(RosterError) as info:
        load_roster(path)
    text = str(info.value)
    assert "parties.0.role: unknown role (one of:" in text
    assert "parties.1.born" in text
    assert "parties.2.(key 3): unknown key" in text
    for secret in ("Secret", "Hidden", "2009-13-45", "victm", "nickname"):
        assert secret not in text, "a roster value reached the error message"


def test_duplicate_ids_and_bad_files(tmp_path):
    dup = write(tmp_path / "d.yaml", "parties:\n  - {id: V1, role: victim}\n  - {id: V1, role: witness}\n")
    with pytest.raises(RosterError, match=r"parties\.1\.id: the same id as parties\.0\.id"):
        load_roster(dup)
    with pytest.raises(RosterError, match="file not found"):
        load_roster(tmp_path / "missing.yaml")
    with pytest.raises(RosterError, match="must be a mapping"):
        load_roster(write(tmp_path / "list.yaml", "- a\n- b\n"))


def test_party_repr_hides_identifiers(tmp_path):
    path = write(tmp_path / "r.yaml", ROSTER_YAML)
    roster = load_roster(path)
    assert "Ioana" not in repr(roster.parties[0]) and "Ioana" not in repr(roster)


@pytest.mark.parametrize("text", ["zero seven two three four five six seven eight nine", "0 7 2 3 4 5 6 7 8 9",
                                  "O723 456 789", "zero 723 four five six 789"])
def test_hidden_numbers_are_matched_to_their_party(matcher, text):
    found = matcher.find(f"call {text} tonight")
    assert [(m.start, m.end, m.entity_type, m.parties) for m in found] == [(5, 5 + len(text), "PHONE_NUMBER", ("V1",))]


@pytest.mark.parametrize(
    "text", ["ioana dot p at example dot com", "ioana.p [at] example [dot] com", "IOANA.P AT EXAMPLE.COM"]
)
def test_spelled_out_email_is_matched_to_its_party(matcher, text):
    found = matcher.find(f"write to {text} today")
    assert [(m.start, m.end, m.entity_type, m.parties) for m in found] == [(9, 9 + len(text), "EMAIL_ADDRESS", ("V1",))]
