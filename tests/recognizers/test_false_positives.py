"""Ordinary chat text (prices, times, dates, order numbers, amounts) yields no identifiers.

Two measures: the VictimShield recognizers (Python span recognizers and YAML
specs) must find nothing of their types; Presidio's predefined recognizers are
measured too, with a bound (they are not ours to tune here).
"""

from __future__ import annotations

from collections import Counter

import pytest

from victimshield.detect.span_recognizers import default_span_recognizers
from victimshield.detect.specs import load_specs

from .conftest import REGIONS, detect_one

OUR_TYPES = frozenset(
    {"PHONE_NUMBER", "SOCIAL_HANDLE", "PASSPORT", "MRZ", "NATIONAL_ID", "TH_TNIN", "ES_NIF", "ES_NIE",
     "IT_FISCAL_CODE", "PL_PESEL", "US_SSN", "IBAN_CODE", "SWIFT_BIC", "ACCOUNT_NUMBER", "CREDIT_CARD",
     "CRYPTO", "MTCN", "IMEI", "IMSI", "DATE_OF_BIRTH", "AGE", "ADDRESS", "GPS_COORDINATES", "IP_ADDRESS",
     "VEHICLE_PLATE"}
)
_SPEC_NAMES = frozenset(s.name for s in load_specs())

PLAIN_MESSAGES = [
    "ok see you at 9",
    "the pizza was 12.50, I paid 25 with a tip",
    "order #483920 shipped today, arrives 14/03",
    "meeting moved to 15:30 tomorrow",
    "can you bring 2 bottles of water and 3 bananas",
    "train leaves at 07:45 from platform 4",
    "rent is 1200 euro per month, 2 months deposit",
    "I have 3 kids and 2 dogs",
    "the bill came to 87.40 lei",
    "sale: 30% off everything until Sunday",
    "we need 500 grams of flour and 2 eggs",
    "she said it will take 10 to 15 minutes",
    "call you back in 5",
    "room 204 on the 2nd floor",
    "flight W6 3181 lands at 22:10",
    "my score was 4582 points",
    "order number 7734215 is delayed",
    "invoice 2026-0147 paid on 03.03.2026",
    "the match ended 3-1",
    "it costs 1,299.99 on the website",
    "I ran 5.2 km in 31 minutes",
    "temperature is 23.5 degrees today",
    "bus 783 goes to the airport",
    "we met on 12.04.2021 at the party",
    "the package weighs 2.4 kg",
    "tracking: delivered at 10:32 AM",
    "new phone cost 899, old one 450",
    "password reset code expires in 30 minutes",
    "version 2.3.1 fixes the bug",
    "I owe you 40, will send Friday",
    "the shop opens 8 to 20 every day",
    "between 2019 and 2023 I lived abroad",
    "2 coffees and 1 tea please",
    "total 3 450 lei for the car repair",
    "she is happy with the new job",
    "he is at work until 6",
    "lottery numbers 4 8 15 16 23 42",
    "page 212 of the book",
    "I slept 7 hours last night",
    "the parcel is 40 x 30 x 20 cm",
    "battery at 15 percent",
    "see you on March 3rd",
    "pay 200 now and 300 later",
    "12 people came to the meeting",
    "the code for the gate is 1234",
    "we drove 350 km yesterday",
    "salary 2500 net, 3800 gross",
    "chapter 11, verse 3",
    "discount code SUMMER2026",
    "I bought 6 eggs for 9.60",
    "score 21:19 in the last set",
    "the year 1989 changed everything",
    "ticket 00123 for the queue",
    "we have 24 hours to decide",
    "your appointment is at 10.30 on 17/05",
    "table for 4 at 8 pm",
    "add 2 spoons of sugar",
    "it was about 3000 people",
    "the meeting is in room B12",
    "see you at 18:00, bring 50 for the tickets",
]


def test_corpus_size() -> None:
    assert len(PLAIN_MESSAGES) >= 60


def test_victimshield_recognizers_find_nothing_in_plain_chat(detector) -> None:
    span_recognizers = default_span_recognizers(REGIONS)
    hits: Counter[str] = Counter()
    for index, message in enumerate(PLAIN_MESSAGES):
        for recognizer in span_recognizers:
            for finding in recognizer.find(message):
                hits[f"{finding.entity_type} by {finding.recognizer} in message {index}"] += 1
        for finding in detect_one(detector, message):
            ours = any(part in _SPEC_NAMES for part in finding.recognizer.split("+"))
            if ours and finding.entity_type in OUR_TYPES:
                hits[f"{finding.entity_type} by {finding.recognizer} in message {index}"] += 1
    assert not hits, f"false positives: {sorted(hits)}"


# Measured: Presidio's PhoneRecognizer takes "2026-0147" (an invoice number) and
# "4 8 15 16 23 42" (lottery numbers) for phone numbers; nothing else fires.
PRESIDIO_FALSE_POSITIVE_BOUND = 2


def test_full_detector_on_plain_chat(detector) -> None:
    """Everything the detector reports of these types, Presidio's recognizers included."""
    hits = []
    for index, message in enumerate(PLAIN_MESSAGES):
        for finding in detect_one(detector, message):
            if finding.entity_type in OUR_TYPES:
                hits.append((index, finding.entity_type, finding.recognizer))
    ours = [h for h in hits if any(part in _SPEC_NAMES for part in h[2].split("+"))]
    assert ours == [], f"false positives from VictimShield specs: {ours}"
    assert len(hits) <= PRESIDIO_FALSE_POSITIVE_BOUND, f"false positives: {hits}"


@pytest.mark.parametrize("text,code", [
    ("Iryna a plătit 200 EUR pentru cazare.", "EUR"),
    ("He sent 300 GBP to the driver.", "GBP"),
    ("Transfer 1500 UAH, then 20 USD more.", "UAH"),
])
def test_currency_codes_are_not_organisations(text, code):
    import victimshield as vs

    shield = vs.Shield.from_files("ro-to-gb", "GB", key=bytes(range(32)))
    assert code in shield.redact_text(text).text
