"""The scorer and generator themselves: a broken oracle would pass everything."""

from __future__ import annotations

from benchmarks.quality.generate import generate_case
from benchmarks.quality.labels import GoldLabel
from benchmarks.quality.score import collateral, pseudonyms_at_labels, score_values
from benchmarks.quality.thresholds import check_thresholds


def _label(value: str, entity_type: str, role: str = "victim", start: int = 0) -> GoldLabel:
    return GoldLabel(
        value, entity_type, role, "V1" if role != "unknown" else None, "P1", "x", True, start, start + len(value)
    )


def _outcome(label: GoldLabel, output: str, background: str = "said hello") -> str:
    return score_values([label], background, output, {"victim": {"ioana", "popescu"}, "suspect": {"marius"}})[0].outcome


def test_a_phone_leaks_in_any_written_form() -> None:
    label = _label("+40 723 456 789", "PHONE_NUMBER")
    assert _outcome(label, "call 0723-456-789 now") == "leaked"
    assert _outcome(label, "call 0040723456789") == "leaked"
    assert _outcome(label, "call [REDACTED:PHONE_NUMBER]") == "protected"


def test_a_spelled_out_phone_leaks_as_digits_too() -> None:
    label = _label("zero seven two three four five six seven eight nine", "PHONE_NUMBER")
    assert _outcome(label, "number 0723456789") == "leaked"
    assert _outcome(label, "number ZERO seven two three four five six seven eight nine!") == "leaked"
    assert _outcome(label, "number [REDACTED]") == "protected"


def test_one_name_word_left_is_a_leak_whatever_the_case_or_diacritics() -> None:
    label = _label("Ioana Popescu", "PERSON")
    assert _outcome(label, "VICTIM-1a2b3c4d POPESCU came") == "leaked"
    assert _outcome(label, "VICTIM-1a2b3c4d came") == "protected"
    assert _outcome(_label("Ștefan", "PERSON"), "stefan came") == "leaked"


def test_a_suspect_value_must_survive() -> None:
    label = _label("GB82 WEST 1234 5698 7654 32", "IBAN_CODE", role="suspect")
    assert _outcome(label, "to GB82WEST12345698765432") == "kept"
    assert _outcome(label, "to [REDACTED:IBAN_CODE]") == "lost"


def test_background_words_that_equal_a_key_give_no_verdict() -> None:
    assert _outcome(_label("Rose", "PERSON"), "rose", background="a rose for you") == "ambiguous"


def test_collateral_counts_lost_background_words_and_numbers() -> None:
    lost = collateral("meet at the flat at 21 04", "meet at the PERSON-12345678 at")
    assert (lost["words"], lost["words_lost"], lost["numbers"], lost["numbers_lost"]) == (5, 1, 2, 2)


def test_pseudonym_alignment_finds_the_token_that_replaced_a_mention() -> None:
    text = "ok ioana see you"
    labels = [_label("ioana", "PERSON", start=3)]
    assert pseudonyms_at_labels(text, "ok VICTIM-1a2b3c4d see you", labels)[0][1] == "VICTIM-1a2b3c4d"
    assert pseudonyms_at_labels(text, text, labels)[0][1] is None


def test_generator_repeats_per_seed_and_labels_point_at_their_values() -> None:
    first, again, other = generate_case(5, 0, scale=0.3), generate_case(5, 0, scale=0.3), generate_case(6, 0, scale=0.3)
    assert [f.text for f in first.files] == [f.text for f in again.files]
    assert [f.text for f in first.files] != [f.text for f in other.files]
    roles = set()
    for generated in first.files:
        for label in generated.labels:
            assert generated.text[label.start : label.end] == label.value
            roles.add(label.role)
    assert {"victim", "minor", "witness", "suspect", "unknown"} <= roles


def test_threshold_check_reports_breaches_by_metric_without_values() -> None:
    headline = {"leak_roster": {"values": 10, "leaked": 1, "rate": 0.1}}
    problems = check_thresholds(headline, {"max_leak_rate_roster": 0.0})
    assert problems == ["leak_roster: rate 0.1000 breaks max_leak_rate_roster=0.0 (values=10, leaked=1)"]
    assert check_thresholds(headline, {"max_leak_rate_roster": 0.1}) == []
