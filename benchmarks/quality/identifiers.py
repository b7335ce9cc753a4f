"""Identifiers for synthetic people, and the many ways chats write them.

Every function takes the caller's ``random.Random``: no module-level randomness,
so a seed fixes a whole case.
"""

from __future__ import annotations

import random
import string
import unicodedata

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import luhn

from benchmarks.quality.origins import Origin

_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _fill(layout: str, rng: random.Random) -> str:
    """'A' -> a capital letter, '9' -> a digit, anything else as is."""
    out = []
    for char in layout:
        if char == "A":
            out.append(rng.choice(string.ascii_uppercase))
        elif char == "9":
            out.append(rng.choice(string.digits))
        else:
            out.append(char)
    return "".join(out)


def ascii_fold(text: str) -> str:
    return (
        "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
    )


# -- phones -------------------------------------------------------------------
def mobile_number(origin: Origin, rng: random.Random) -> phonenumbers.PhoneNumber:
    """A mobile number that libphonenumber accepts as valid for the origin country."""
    country_code = phonenumbers.country_code_for_region(origin.code)
    for _ in range(200):
        prefix = rng.choice(origin.phone_prefixes)
        nsn = prefix + "".join(rng.choice(string.digits) for _ in range(origin.phone_digits - len(prefix)))
        number = phonenumbers.parse(f"+{country_code}{nsn}")
        if phonenumbers.is_valid_number(number):
            return number
    raise RuntimeError(f"no valid mobile number for {origin.code}")  # a pool bug, not bad luck


def e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_forms(number: phonenumbers.PhoneNumber) -> dict[str, str]:
    """Written forms: the roster-style ones the contract covers, then chat-only ones."""
    fmt = phonenumbers.format_number
    intl = fmt(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = fmt(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    national_digits = "".join(c for c in national if c.isdigit())
    return {
        "international": intl,
        "e164": fmt(number, phonenumbers.PhoneNumberFormat.E164),
        "national": national,
        "national_compact": national_digits,
        "double_zero": "00" + intl.lstrip("+"),
        "dotted": ".".join(national_digits[i : i + 3] for i in range(0, len(national_digits), 3)),
        "digit_spaced": " ".join(national_digits),
        # Beyond the contract: no roster match can find these.
        "spelled": " ".join(_DIGIT_WORDS[int(d)] for d in national_digits),
        "half_spelled": national_digits[:4] + " " + " ".join(_DIGIT_WORDS[int(d)] for d in national_digits[4:]),
    }


ROSTER_PHONE_FORMS = ("international", "e164", "national", "national_compact", "double_zero", "dotted", "digit_spaced")
CHAT_ONLY_PHONE_FORMS = ("spelled", "half_spelled")


# -- money --------------------------------------------------------------------
def bank_account(origin: Origin, rng: random.Random) -> tuple[str, str]:
    """(entity type, account) — an IBAN where the country has them, else a domestic number."""
    if origin.iban_bban:
        for _ in range(50):
            bban = _fill(origin.iban_bban, rng)
            check = stdnum_iban.calc_check_digits(f"{origin.code}00{bban}")
            value = f"{origin.code}{check}{bban}"
            if stdnum_iban.is_valid(value):
                return "IBAN_CODE", value
        raise RuntimeError(f"no valid IBAN for {origin.code}")
    if origin.account_digits == 16:  # a UnionPay-style card: Luhn-valid
        body = "62" + "".join(rng.choice(string.digits) for _ in range(13))
        return "CREDIT_CARD", body + luhn.calc_check_digit(body)
    return "ACCOUNT_NUMBER", "".join(rng.choice(string.digits) for _ in range(origin.account_digits))


def gb_iban(rng: random.Random) -> str:
    bban = "".join(rng.choice("ABCDEFGHJKLMNPRSTUWXYZ") for _ in range(4)) + _fill("99999999999999", rng)
    return f"GB{stdnum_iban.calc_check_digits('GB00' + bban)}{bban}"


def account_forms(value: str) -> dict[str, str]:
    grouped = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return {"compact": value, "grouped": grouped, "lower": value.lower()}


def passport_number(origin: Origin, rng: random.Random) -> str:
    return _fill(origin.passport, rng)


# -- online -------------------------------------------------------------------
def email_address(given: str, surname: str, origin: Origin, rng: random.Random) -> str:
    local_given = ascii_fold(given.split()[-1]).lower()
    local_surname = ascii_fold(surname).lower().replace(" ", "")
    local = rng.choice(
        (f"{local_given}.{local_surname}", f"{local_given}{local_surname[:1]}", f"{local_surname}.{local_given}")
    )
    return f"{local}{rng.randint(10, 99)}@{rng.choice(origin.email_domains)}"


def email_forms(value: str) -> dict[str, str]:
    local, domain = value.split("@")
    return {"plain": value, "spoken": f"{local} at {domain.replace('.', ' dot ')}"}


def social_handle(given: str, rng: random.Random) -> str:
    base = ascii_fold(given.split()[-1]).lower()
    return f"@{base}_{rng.choice(('vip', 'love', 'xo', 'official', 'baby'))}{rng.randint(1, 99)}"
