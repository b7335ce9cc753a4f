"""Every entity type of the contract is produced by at least one recognizer.

The contract's own types (``vocabulary.CONTRACT_ENTITY_TYPES``) and the Presidio
names it lists; one sample text per type, through the full Detector.
"""

from __future__ import annotations

import pytest

from victimshield.vocabulary import CONTRACT_ENTITY_TYPES

from .conftest import described, detect_one

# The Presidio names /work/shared/contract.md lists under "Entity type".
CONTRACT_PRESIDIO_TYPES = frozenset(
    {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "CREDIT_CARD", "CRYPTO", "IP_ADDRESS",
     "URL", "LOCATION", "DATE_TIME", "NRP", "ORGANIZATION", "US_SSN"}
)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"

SAMPLES = {
    "PERSON": "Yesterday John Smith came to the office.",
    "PHONE_NUMBER": "Call me on +40 766 987 654.",
    "EMAIL_ADDRESS": "write to ioana.p@example.com",
    "IBAN_CODE": "Send it to GB82WEST12345698765432 today.",
    "CREDIT_CARD": "card 4111 1111 1111 1111",
    "CRYPTO": "pay to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "IP_ADDRESS": "login from 192.168.1.10",
    "URL": "More details are on the website www.example.org today.",
    "LOCATION": "She travelled from Romania to London.",
    "DATE_TIME": "We met on 14 March 2026.",
    "NRP": "He is Romanian and Catholic.",
    "ORGANIZATION": "He works for Microsoft in Seattle.",
    "US_SSN": "SSN 536-90-4399",
    "ADDRESS": "she lives at Strada Lipscani 12, Bucuresti",
    "PASSPORT": "Passport 054123987 is mine.",
    "NATIONAL_ID": "CNP 1800101221144",
    "MRZ": TD3,
    "IMEI": "IMEI 490154203237518",
    "IMSI": "IMSI 226011234567890",
    "MTCN": "MTCN 7391046285",
    "SWIFT_BIC": "SWIFT: DEUTDEFF500",
    "ACCOUNT_NUMBER": "account number 12345678",
    "SOCIAL_HANDLE": "write @ioana_p",
    "VEHICLE_PLATE": "the car is B 123 ABC",
    "GPS_COORDINATES": "geo:51.5074,-0.1278",
    "DATE_OF_BIRTH": "born 12.04.2001",
    "AGE": "She is 16, nobody asks.",
}


def test_every_contract_type_has_a_sample() -> None:
    assert set(SAMPLES) == CONTRACT_ENTITY_TYPES | CONTRACT_PRESIDIO_TYPES


@pytest.mark.parametrize("entity_type", sorted(SAMPLES))
def test_type_is_produced(detector, entity_type: str) -> None:
    found = detect_one(detector, SAMPLES[entity_type])
    assert entity_type in {f.entity_type for f in found}, f"{entity_type}: got {described(found)}"
