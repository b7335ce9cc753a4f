"""Presidio's phone recognizer is skipped only where it could find nothing (detect/phone_guard.py)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from victimshield.detect.phone_guard import can_hold_phone_number, fewest_phone_digits, guard_phone_recognizer


def _phone_recognizer() -> Any:
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    return PhoneRecognizer()


def _spans(results: Any) -> list[tuple[int, int, str, float]]:
    return sorted((r.start, r.end, r.entity_type, r.score) for r in results or [])


def test_the_fewest_digits_come_from_phonenumbers_metadata() -> None:
    from phonenumbers import PhoneMetadata

    # Germany allows four-digit national numbers; no region allows fewer.
    assert fewest_phone_digits() == 4
    assert min(PhoneMetadata.metadata_for_region("DE").general_desc.possible_length) == 4


def test_a_text_with_fewer_digits_is_not_matched_at_all() -> None:
    recognizer = _phone_recognizer()
    calls: list[str] = []
    inner = recognizer.analyze

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("text", args[0] if args else ""))
        return inner(*args, **kwargs)

    recognizer.analyze = counting
    guard_phone_recognizer(recognizer)
    assert recognizer.analyze(text="see you at 9, bring 20", entities=["PHONE_NUMBER"]) == []
    assert calls == []
    found = recognizer.analyze(text="call +49 30 12345678 now", entities=["PHONE_NUMBER"])
    assert len(calls) == 1
    assert _spans(found), "a real number must still be found"


def test_unicode_digits_count_as_digits() -> None:
    # Arabic-Indic and full-width digits are digits to phonenumbers: a number written in them is looked at.
    assert can_hold_phone_number("call \u0660\u0667\u0667\u0660\u0660\u0669\u0660\u0660")
    assert can_hold_phone_number("電話 ０７７００ ９００１２３")
    assert not can_hold_phone_number("at 11:3")


_PIECES = st.sampled_from(
    ["+", "44", "49", "0", "30", "1234", "7700", "900", "123", "4567", " ", "-", "(", ")", ".", "/", "tel", "ext",
     "x", "\u0660\u0667", "０７", "call", "\n", "@", "+1", "212", "555", "0176", "98765432", "+49 30 12345678",
     "+44 20 7946 0958", "212-555-0198", "030 1234567"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_guarded_recognizer_finds_what_presidios_finds(text: str) -> None:
    plain, guarded = _phone_recognizer(), _phone_recognizer()
    guard_phone_recognizer(guarded)
    expected = _spans(plain.analyze(text=text, entities=["PHONE_NUMBER"]))
    assert _spans(guarded.analyze(text=text, entities=["PHONE_NUMBER"])) == expected
