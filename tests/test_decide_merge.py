"""decide is pure; merge keeps one finding per span with the most protective role."""

import pytest

from tests.conftest import REPO
from victimshield import DestinationError, load_policy
from victimshield.decide import decide
from victimshield.detect.merge import merge_findings
from victimshield.finding import Finding
from victimshield.vocabulary import Action, Role

POLICY = load_policy(REPO / "policies" / "examples" / "ro-to-gb.yaml")


def f(start, end, etype="PERSON", recognizer="SpacyRecognizer", role=Role.UNKNOWN, party=None, score=0.85, minor=False):
    return Finding(start, end, etype, score, recognizer, role=role, party=party, minor=minor)


def test_decide_names_the_rule_and_does_not_touch_its_input():
    findings = [[f(0, 5, role=Role.VICTIM, party="V1"), f(6, 10, "PHONE_NUMBER", role=Role.SUSPECT, party="S1")],
                [f(0, 3, "IMEI")]]
    before = [list(x) for x in findings]
    plan = decide(findings, POLICY, "gb")
    assert findings == before
    rows = [(d.finding.start, d.action, d.rule_name) for seg in plan.segments for d in seg]
    assert rows == [(0, Action.PSEUDONYMIZE, "roles.victim.PERSON"), (6, Action.KEEP, "roles.suspect.default"),
                    (0, Action.REDACT, "roles.unknown.default")]
    assert plan == decide(findings, POLICY, "GB")  # same input, same plan


def test_destination_must_be_in_the_policy():
    with pytest.raises(DestinationError, match="'NG'"):
        decide([[]], POLICY, "NG")


def test_roster_role_wins_over_unknown_and_most_protective_among_parties():
    merged = merge_findings([
        f(0, 13),  # NER: "Marius Stan X"
        f(0, 11, recognizer="roster", role=Role.SUSPECT, party="S1"),
    ])
    assert [(m.start, m.end, m.role, m.party) for m in merged] == [(0, 13, Role.SUSPECT, "S1")]
    merged = merge_findings([
        f(0, 20),
        f(0, 6, recognizer="roster", role=Role.SUSPECT, party="S1"),
        f(7, 20, recognizer="roster", role=Role.MINOR, party="V2"),
    ])
    assert [(m.start, m.end, m.role, m.party) for m in merged] == [(0, 20, Role.MINOR, "V2")]


def test_adjacent_findings_stay_separate_and_overlaps_merge():
    merged = merge_findings([f(0, 10), f(10, 20), f(15, 25, "LOCATION")])
    assert [(m.start, m.end) for m in merged] == [(0, 10), (10, 25)]


def test_specific_type_beats_generic_ner_label_and_minor_flag_applies():
    merged = merge_findings([f(0, 24, "ORGANIZATION"), f(0, 24, "IBAN_CODE", recognizer="IbanRecognizer", score=0.6)])
    assert merged[0].entity_type == "IBAN_CODE" and "IbanRecognizer" in merged[0].recognizer
    merged = merge_findings([f(0, 12, "AGE", recognizer="age", minor=True)])
    assert merged[0].role is Role.MINOR


def test_a_given_name_beats_the_ner_reading_but_a_lone_surname_does_not():
    place = f(0, 6, "LOCATION")
    assert (
        merge_findings([place, f(0, 6, "PERSON", recognizer="given_name_gazetteer", score=0.5)])[0].entity_type
        == "PERSON"
    )
    assert (
        merge_findings([place, f(0, 6, "PERSON", recognizer="name_gazetteer", score=0.5)])[0].entity_type == "LOCATION"
    )
    assert (
        merge_findings([place, f(0, 6, "PERSON", recognizer="document_names", score=0.5)])[0].entity_type == "LOCATION"
    )


def test_a_name_span_over_two_parties_gives_each_its_own_role():
    from victimshield.detect.merge import ROSTER, merge_findings
    from victimshield.finding import Finding
    from victimshield.vocabulary import Role

    text = "MET IOANA POPESCU MARIUS STAN TODAY"
    ner = Finding(4, 29, "PERSON", 0.85, "SpacyRecognizer")
    victim = Finding(4, 17, "PERSON", 1.0, ROSTER, role=Role.VICTIM, party="V1")
    suspect = Finding(18, 29, "PERSON", 1.0, ROSTER, role=Role.SUSPECT, party="S1")
    merged = merge_findings([ner, victim, suspect], text)
    assert [(text[f.start : f.end], f.role) for f in merged] == [
        ("IOANA POPESCU", Role.VICTIM),
        ("MARIUS STAN", Role.SUSPECT),
    ]
