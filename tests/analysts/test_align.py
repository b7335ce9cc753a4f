"""Placing a plan's decisions in the redacted text (for highlighting), from positions only."""

from __future__ import annotations

from victimshield.align import output_spans
from victimshield.decide import Decision
from victimshield.finding import Finding
from victimshield.policy.model import Rule
from victimshield.vocabulary import Action

ORIGINAL = "Ana met Bob at 5 Main St, Springfield when she was 16 years old."


def decision(start: int, end: int, entity_type: str, action: Action) -> Decision:
    return Decision(Finding(start, end, entity_type, 1.0, "test"), Rule(action=action), f"rule for {entity_type}")


def spans_of(*pieces: str) -> list[tuple[int, int]]:
    text = ORIGINAL
    return [(text.index(p), text.index(p) + len(p)) for p in pieces]


DECISIONS = [
    decision(*spans_of("Ana")[0], "PERSON", Action.PSEUDONYMIZE),
    decision(*spans_of("Bob")[0], "PERSON", Action.KEEP),
    decision(*spans_of("5 Main St, Springfield")[0], "ADDRESS", Action.GENERALIZE),
    decision(*spans_of("16")[0], "AGE", Action.GENERALIZE),
]


def placed(redacted: str) -> list[str]:
    spans = output_spans(ORIGINAL, redacted, DECISIONS)
    assert spans is not None
    return [redacted[start:end] for start, end in spans]


def test_each_decision_lands_on_its_replacement_even_with_spaces_inside():
    redacted = "PERSON-0a1b2c3d met Bob at Springfield when she was under 18 years old."
    assert placed(redacted) == ["PERSON-0a1b2c3d", "Bob", "Springfield", "under 18"]


def test_decisions_given_out_of_order_keep_their_order():
    redacted = "PERSON-0a1b2c3d met Bob at Springfield when she was under 18 years old."
    spans = output_spans(ORIGINAL, redacted, list(reversed(DECISIONS)))
    assert spans is not None
    assert [redacted[s:e] for s, e in spans] == ["under 18", "Springfield", "Bob", "PERSON-0a1b2c3d"]


def test_a_later_pass_that_changed_text_between_decisions_is_still_placed():
    # "Bob" was kept by the first pass's rule, then replaced by a later pass: the gap changed.
    redacted = "PERSON-0a1b2c3d met [REDACTED:PERSON] at Springfield when she was under 18 years old."
    found = placed(redacted)
    assert found[0] == "PERSON-0a1b2c3d" and found[2] == "Springfield" and found[3] == "under 18"


def test_nothing_to_place_is_an_empty_answer():
    assert output_spans("no findings here", "no findings here", []) == ()
