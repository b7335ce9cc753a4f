"""Span tables for the Python recognizers, called directly (no NLP).

Each positive row: recognizer, text, expected type, the value whose first
occurrence is the expected span (and, for ages/DOBs, the expected minor flag).
Each negative row: recognizer, text, a type that must not be found (checksum
failures, near misses, ordinary numbers).
"""

from __future__ import annotations

import datetime as dt

import pytest

from victimshield.detect.span_recognizers.crypto import CryptoWallets
from victimshield.detect.span_recognizers.finance import Ibans, PaymentCards
from victimshield.detect.span_recognizers.mrz import MachineReadableZones, check_digit
from victimshield.detect.span_recognizers.national_ids import NationalIds
from victimshield.detect.span_recognizers.personal import Ages, DatesOfBirth
from victimshield.detect.span_recognizers.phones import PhoneNumbers
from victimshield.detect.span_recognizers.places import Coordinates, IpAddresses
from victimshield.detect.span_recognizers.telecom import SimIdentifiers

from .conftest import described, span_of

AS_OF = dt.date(2026, 3, 14)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"

RECOGNIZERS = {
    "phone": PhoneNumbers(["RO", "GB"]),
    "mrz": MachineReadableZones(),
    "national_id": NationalIds(),
    "iban": Ibans(),
    "card": PaymentCards(),
    "crypto": CryptoWallets(),
    "sim": SimIdentifiers(),
    "dob": DatesOfBirth(as_of=AS_OF),
    "age": Ages(),
    "gps": Coordinates(),
    "ip": IpAddresses(),
}

POSITIVE = [
    # phones: plain, international, other region, hidden, in chat links
    ("phone", "Call me on +40 766 987 654.", "PHONE_NUMBER", "+40 766 987 654"),
    ("phone", "Her number is 0745 111 222.", "PHONE_NUMBER", "0745 111 222"),
    ("phone", "UK one: 07700 900123 or +44 20 7946 0958", "PHONE_NUMBER", "+44 20 7946 0958"),
    ("phone", "sun la +359 88 123 4567 (bg)", "PHONE_NUMBER", "+359 88 123 4567"),
    ("phone", "spaced 0 7 2 3 4 5 6 7 8 9 ok", "PHONE_NUMBER", "0 7 2 3 4 5 6 7 8 9"),
    (
        "phone",
        "nr: zero seven two three four five six seven eight nine!",
        "PHONE_NUMBER",
        "zero seven two three four five six seven eight nine",
    ),
    (
        "phone",
        "suna: zero şapte doi trei patru cinci şase şapte opt nouă",
        "PHONE_NUMBER",
        "zero şapte doi trei patru cinci şase şapte opt nouă",
    ),
    (
        "phone",
        "llama cero siete dos tres cuatro cinco seis siete ocho nueve",
        "PHONE_NUMBER",
        "cero siete dos tres cuatro cinco seis siete ocho nueve",
    ),
    ("phone", "tel O723 456 789", "PHONE_NUMBER", "O723 456 789"),
    ("phone", "tel ０７２３４５６７８９ now", "PHONE_NUMBER", "０７２３４５６７８９"),
    ("phone", "07🌸23🌸456🌸789", "PHONE_NUMBER", "07🌸23🌸456🌸789"),
    ("phone", "write https://wa.me/40723456789 now", "PHONE_NUMBER", "40723456789"),
    ("phone", "join t.me/+447700900123", "PHONE_NUMBER", "447700900123"),
    # MRZ: ICAO 9303 specimens
    ("mrz", f"scan:\n{TD3}\nend", "MRZ", TD3),
    ("mrz", f"{TD2}\n", "MRZ", TD2),
    ("mrz", f"card back\n{TD1}\n", "MRZ", TD1),
    # national IDs (valid checksums, synthetic)
    ("national_id", "CNP 1800101221144 confirmed", "NATIONAL_ID", "1800101221144"),
    ("national_id", "1800101221144", "NATIONAL_ID", "1800101221144"),
    ("national_id", "ЕГН 7523169263", "NATIONAL_ID", "7523169263"),
    ("national_id", "РНОКПП 1759013776", "NATIONAL_ID", "1759013776"),
    ("national_id", "IDNP 1008600038413", "NATIONAL_ID", "1008600038413"),
    ("national_id", "CPF 390.533.447-05", "NATIONAL_ID", "390.533.447-05"),
    ("national_id", "id 360426199101010071", "NATIONAL_ID", "360426199101010071"),
    ("national_id", "Thai ID 3100600445635", "TH_TNIN", "3100600445635"),
    ("national_id", "DNI 54362315K", "ES_NIF", "54362315K"),
    ("national_id", "su NIE es X2482300W", "ES_NIE", "X2482300W"),
    ("national_id", "codice fiscale RCCMNL83S18D969H", "IT_FISCAL_CODE", "RCCMNL83S18D969H"),
    ("national_id", "numéro de sécurité sociale 295109912611193", "NATIONAL_ID", "295109912611193"),
    ("national_id", "BSN 111222333", "NATIONAL_ID", "111222333"),
    ("national_id", "PESEL 44051401359", "PL_PESEL", "44051401359"),
    ("national_id", "SSN 536-90-4399", "US_SSN", "536-90-4399"),
    ("national_id", "CNP 1 8 0 0 1 0 1 2 2 1 1 4 4", "NATIONAL_ID", "1 8 0 0 1 0 1 2 2 1 1 4 4"),
    # IBAN, with and without spaces, any case; cards
    ("iban", "to RO49 AAAA 1B31 0075 9384 0000 IN CASH", "IBAN_CODE", "RO49 AAAA 1B31 0075 9384 0000"),
    ("iban", "send to gb82west12345698765432 pls", "IBAN_CODE", "gb82west12345698765432"),
    ("iban", "DE89370400440532013000", "IBAN_CODE", "DE89370400440532013000"),
    ("card", "card 4111 1111 1111 1111 exp 12/27", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("card", "amex 378282246310005", "CREDIT_CARD", "378282246310005"),
    ("card", "mc 5555-5555-5555-4444", "CREDIT_CARD", "5555-5555-5555-4444"),
    # crypto
    ("crypto", "btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "CRYPTO", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
    ("crypto", "p2sh 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.", "CRYPTO", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
    ("crypto", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "CRYPTO", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
    (
        "crypto",
        "taproot bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
        "CRYPTO",
        "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
    ),
    (
        "crypto",
        "eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "CRYPTO",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    ),
    (
        "crypto",
        "eth 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        "CRYPTO",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
    ),
    ("crypto", "usdt TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7", "CRYPTO", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"),
    # SIM identifiers
    ("sim", "IMSI 226011234567890", "IMSI", "226011234567890"),
    ("sim", "ICCID 8940012345678901236", "IMSI", "8940012345678901236"),
    # dates of birth and ages
    ("dob", "born 12.04.2001 in Iasi", "DATE_OF_BIRTH", "12.04.2001"),
    ("dob", "DOB: 2009-04-12", "DATE_OF_BIRTH", "2009-04-12"),
    ("dob", "née le 3 mars 2008", "DATE_OF_BIRTH", "3 mars 2008"),
    ("dob", "născută pe 12 aprilie 2009", "DATE_OF_BIRTH", "12 aprilie 2009"),
    ("dob", "nacida el 5 de mayo de 2010", "DATE_OF_BIRTH", "5 de mayo de 2010"),
    ("dob", "date of birth April 12, 2001", "DATE_OF_BIRTH", "April 12, 2001"),
    ("age", "She is 16, nobody asks.", "AGE", "16"),
    ("age", "Elena, aged 15, was found", "AGE", "15"),
    ("age", "a 16-year-old girl", "AGE", "16-year-old"),
    ("age", "new girl 16yo", "AGE", "16yo"),
    ("age", "she's 16 y/o", "AGE", "16 y/o"),
    ("age", "are 16 ani", "AGE", "16 ani"),
    ("age", "tiene 15 años", "AGE", "15 años"),
    ("age", "I am 24 years old", "AGE", "24 years old"),
    ("age", "she is sixteen", "AGE", "sixteen"),
    # GPS and IPs
    (
        "gps",
        "come https://maps.google.com/?q=44.4268,26.1025 now",
        "GPS_COORDINATES",
        "https://maps.google.com/?q=44.4268,26.1025",
    ),
    ("gps", "geo:51.5074,-0.1278", "GPS_COORDINATES", "geo:51.5074,-0.1278"),
    ("gps", "at 44.426767, 26.102538", "GPS_COORDINATES", "44.426767, 26.102538"),
    ("gps", "location 44.43, 26.10", "GPS_COORDINATES", "44.43, 26.10"),
    (
        "gps",
        "https://www.google.com/maps/@44.4268,26.1025,15z",
        "GPS_COORDINATES",
        "https://www.google.com/maps/@44.4268,26.1025,15z",
    ),
    ("ip", "login from 192.168.1.10 at 21:04", "IP_ADDRESS", "192.168.1.10"),
    ("ip", "v6 2001:db8::1 seen", "IP_ADDRESS", "2001:db8::1"),
]

MINOR_FLAGS = [
    ("age", "She is 16, nobody asks.", True),
    ("age", "I am 24 years old", False),
    ("age", "she is seventeen", True),
    ("dob", "DOB: 2009-04-12", True),
    ("dob", "born 12.04.2001", False),
]

NEGATIVE = [
    ("phone", "sent at 2026-02-13T23:04:00 from the flat", "PHONE_NUMBER"),
    ("phone", "13/02/2026, 23:04 - me: ok", "PHONE_NUMBER"),
    # phones: ordinary numbers, a wrong-length number, a link with too few digits
    ("phone", "I paid 200 300 and 400 lei", "PHONE_NUMBER"),
    ("phone", "order 4829173650 shipped", "PHONE_NUMBER"),
    ("phone", "see you 12/03/2026, 21:04", "PHONE_NUMBER"),
    ("phone", "wa.me/12345", "PHONE_NUMBER"),
    ("phone", "one two three four", "PHONE_NUMBER"),
    # MRZ: one check digit wrong (document number; composite)
    ("mrz", TD3.replace("L898902C36", "L898902C37"), "MRZ"),
    ("mrz", TD3[:-1] + "1", "MRZ"),
    ("mrz", TD1.replace("7408122F", "7408123F"), "MRZ"),
    # national IDs: checksum failures; weak ones without context
    ("national_id", "CNP 1800101221145", "NATIONAL_ID"),
    ("national_id", "7523169263", "NATIONAL_ID"),
    ("national_id", "ЕГН 7523169264", "NATIONAL_ID"),
    ("national_id", "CPF 390.533.447-06", "NATIONAL_ID"),
    ("national_id", "DNI 54362315X", "ES_NIF"),
    ("national_id", "codice fiscale RCCMNL83S18D969X", "IT_FISCAL_CODE"),
    ("national_id", "BSN 111222334", "NATIONAL_ID"),
    ("national_id", "111222333", "NATIONAL_ID"),
    ("national_id", "SSN 000-12-3456", "US_SSN"),
    ("national_id", "PESEL 44051401358", "PL_PESEL"),
    # IBAN and cards: mod-97 / Luhn failures, no card prefix
    ("iban", "RO49 AAAA 1B31 0075 9384 0001", "IBAN_CODE"),
    ("iban", "GB82WEST12345698765433", "IBAN_CODE"),
    ("card", "card 4111 1111 1111 1112", "CREDIT_CARD"),
    ("card", "order 1234567890123452", "CREDIT_CARD"),
    # crypto: checksum failures, bad version byte, mixed-case bech32
    ("crypto", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "CRYPTO"),
    ("crypto", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx", "CRYPTO"),
    ("crypto", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5MDQ", "CRYPTO"),
    ("crypto", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "CRYPTO"),
    ("crypto", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU8", "CRYPTO"),
    # SIM: no context for IMSI, Luhn failure for ICCID
    ("sim", "ref 226011234567890", "IMSI"),
    ("sim", "ICCID 8940012345678901237", "IMSI"),
    # DOB without a birth word, impossible date; ages that are not ages
    ("dob", "we met on 12.04.2001", "DATE_OF_BIRTH"),
    ("dob", "born 31.02.2001", "DATE_OF_BIRTH"),
    ("age", "she is 5 minutes away", "AGE"),
    ("age", "he is 20 km out", "AGE"),
    ("age", "meet at 16 tomorrow", "AGE"),
    ("age", "she is one of them", "AGE"),
    # GPS without precision or context, out of range; IPs that do not parse
    ("gps", "prices 1.5,2.5 and 3.25, 4.10", "GPS_COORDINATES"),
    ("gps", "at 95.123456, 26.102538", "GPS_COORDINATES"),
    ("ip", "version 300.1.2.4 and 21:04:05", "IP_ADDRESS"),
    ("ip", "on 12.03.2026", "IP_ADDRESS"),
]


@pytest.mark.parametrize(("key", "text", "entity_type", "value"), POSITIVE)
def test_finds_expected_span(key: str, text: str, entity_type: str, value: str) -> None:
    expected = span_of(text, value)
    found = [f for f in RECOGNIZERS[key].find(text) if f.entity_type == entity_type]
    spans = [(f.start, f.end) for f in found]
    assert expected in spans, f"{key}: expected {entity_type} at {expected}, got {described(found)}"


@pytest.mark.parametrize(("key", "text", "entity_type"), NEGATIVE)
def test_does_not_match(key: str, text: str, entity_type: str) -> None:
    found = [f for f in RECOGNIZERS[key].find(text) if f.entity_type == entity_type]
    assert found == [], f"{key}: unexpected {described(found)}"


@pytest.mark.parametrize(("key", "text", "minor"), MINOR_FLAGS)
def test_minor_flag(key: str, text: str, minor: bool) -> None:
    found = RECOGNIZERS[key].find(text)
    assert found, f"{key}: nothing found"
    assert {f.minor for f in found} == {minor}


def test_icao_check_digit_examples() -> None:
    # ICAO 9303 part 3 worked examples.
    assert check_digit("520727") == "3"
    assert check_digit("L898902C3") == "6"
    assert check_digit("AB2134<<<") == "5"


def test_findings_map_back_to_hidden_characters() -> None:
    text = "nr zero seven two three four five six seven eight nine."
    (finding,) = RECOGNIZERS["phone"].find(text)
    assert (finding.start, finding.end) == (3, len(text) - 1)
