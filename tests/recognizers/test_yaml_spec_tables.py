"""Span tables for the YAML recognizers, run through Presidio (one shared Detector).

The specs-only detector has no Python recognizers, so a row shows that the spec
itself (with the adapter's context check) finds or rejects the value.
"""

from __future__ import annotations

import pytest

from .conftest import described, detect_one, span_of

POSITIVE = [
    ("A Western Union transfer, MTCN 7391046285, was sent.", "MTCN", "7391046285"),
    ("wu control number: 739-104-6285", "MTCN", "739-104-6285"),
    ("MoneyGram ref 12345678 ok", "MTCN", "12345678"),
    ("handset IMEI 490154203237518 seized", "IMEI", "490154203237518"),
    ("Passport 054123987 is mine.", "PASSPORT", "054123987"),
    ("pașaportul meu: AB1234567", "PASSPORT", "AB1234567"),
    ("passeport 12AB34567", "PASSPORT", "12AB34567"),
    ("write @ioana_p if the phone dies", "SOCIAL_HANDLE", "@ioana_p"),
    ("see instagram.com/ioana.pop", "SOCIAL_HANDLE", "instagram.com/ioana.pop"),
    ("add https://t.me/marius_vip now", "SOCIAL_HANDLE", "https://t.me/marius_vip"),
    ("text maria_42 on insta, she knows", "SOCIAL_HANDLE", "maria_42"),  # a handle without its "@"
    ("add me on snap: bogdan.v99 ok", "SOCIAL_HANDLE", "bogdan.v99"),
    ("profile https://www.adultwork.com/ViewProfile.asp?UserID=123456", "SOCIAL_HANDLE",
     "https://www.adultwork.com/ViewProfile.asp?UserID=123456"),
    ("SWIFT: DEUTDEFF500", "SWIFT_BIC", "DEUTDEFF500"),
    ("account number 12345678 at Barclays", "ACCOUNT_NUMBER", "12345678"),
    ("sort code 20-00-00", "ACCOUNT_NUMBER", "20-00-00"),
    ("paid the tickets, send 200 e to 660538845704246322", "ACCOUNT_NUMBER", "660538845704246322"),
    ("sent 150 gbp from 1320 4829 3525 1236 25", "ACCOUNT_NUMBER", "1320 4829 3525 1236 25"),
    ("she lives at Strada Lipscani 12, Bucuresti", "ADDRESS", "Strada Lipscani 12"),
    ("flat on Calea Victoriei 25", "ADDRESS", "Calea Victoriei 25"),
    ("ul. Marszałkowska 10", "ADDRESS", "ul. Marszałkowska 10"),
    ("вул. Хрещатик 22", "ADDRESS", "вул. Хрещатик 22"),
    ("en Calle Mayor 5, Madrid", "ADDRESS", "Calle Mayor 5"),
    ("in Via Roma 12", "ADDRESS", "Via Roma 12"),
    ("au 12 rue de la Paix", "ADDRESS", "12 rue de la Paix"),
    ("Hauptstraße 5 in Berlin", "ADDRESS", "Hauptstraße 5"),
    ("at 42 Baker Street", "ADDRESS", "42 Baker Street"),
    ("postcode SL1 2AB", "ADDRESS", "SL1 2AB"),
    ("cod poștal 010011", "ADDRESS", "010011"),
    ("the car is B 123 ABC", "VEHICLE_PLATE", "B 123 ABC"),
    ("reg AB12 CDE on the van", "VEHICLE_PLATE", "AB12 CDE"),
    ("matrícula 1234 BCD", "VEHICLE_PLATE", "1234 BCD"),
]

NEGATIVE = [
    ("order 48291736501234 shipped yesterday", "ACCOUNT_NUMBER"),  # a long number with no money moving
    ("order 7391046285 shipped", "MTCN"),
    ("MTCN 0000000000", "MTCN"),
    ("invoice 12345678 paid", "MTCN"),
    ("IMEI 490154203237519", "IMEI"),
    ("card 378282246310005", "IMEI"),
    ("code AB1234567 for the locker", "PASSPORT"),
    ("mail me at ioana.p@example.com", "SOCIAL_HANDLE"),
    ("paid invoice INV_2024 from account 12", "SOCIAL_HANDLE"),  # no platform beside it
    ("room 12 at the hotel, on insta later", "SOCIAL_HANDLE"),  # digits alone are no username
    ("DEUTDEFF500 was the word", "SWIFT_BIC"),
    ("SWIFT: ABCDXXFF", "SWIFT_BIC"),
    ("paid 12345678 lei", "ACCOUNT_NUMBER"),
    ("send it via email 5 times", "ADDRESS"),
    ("I have 3 Big plans", "ADDRESS"),
    ("model AB12 CDE is new", "VEHICLE_PLATE"),
]


@pytest.mark.parametrize(("text", "entity_type", "value"), POSITIVE)
def test_spec_finds_expected_span(specs_only_detector, text: str, entity_type: str, value: str) -> None:
    expected = span_of(text, value)
    found = detect_one(specs_only_detector, text)
    hits = [f for f in found if f.entity_type == entity_type]
    assert any(f.start <= expected[0] and expected[1] <= f.end for f in hits), (
        f"expected {entity_type} covering {expected}, got {described(found)}"
    )


@pytest.mark.parametrize(("text", "entity_type"), NEGATIVE)
def test_spec_does_not_match(specs_only_detector, text: str, entity_type: str) -> None:
    found = [f for f in detect_one(specs_only_detector, text) if f.entity_type == entity_type]
    assert found == [], f"unexpected {described(found)}"


def test_every_validator_a_spec_may_name_is_implemented():
    from victimshield.detect.validators import VALIDATORS
    from victimshield.vocabulary import VALIDATOR_NAMES

    assert set(VALIDATORS) == set(VALIDATOR_NAMES)
