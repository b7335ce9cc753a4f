"""Roster values in every written form they are searched in."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from stdnum import iban, luhn

from victimshield.normalize import compact_key, words_key
from victimshield.roster.model import Party

WORDS = "words"
COMPACT = "compact"
_MIN_NAME_PART = 2  # a lone initial is not a name


@dataclass(frozen=True, slots=True)
class SearchKey:
    projection: str  # WORDS or COMPACT
    key: str
    entity_type: str
    party: str


def account_type(value: str) -> str:
    compact = re.sub(r"[\s\-.]", "", value)
    if iban.is_valid(compact):
        return "IBAN_CODE"
    if compact.isdigit() and 13 <= len(compact) <= 19 and luhn.is_valid(compact):
        return "CREDIT_CARD"
    if re.fullmatch(r"(0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33}|(bc1|[13])[0-9A-Za-z]{25,59})", compact):
        return "CRYPTO"
    return "ACCOUNT_NUMBER"


def phone_forms(value: str, default_region: str | None = None) -> set[str]:
    """Digit strings a phone number may be written as: with country code, ``00``, trunk, bare."""
    digits = re.sub(r"\D", "", value)
    forms = {digits} if len(digits) >= 6 else set()
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        return forms
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
    national = re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    significant = phonenumbers.national_significant_number(number)
    forms |= {e164, "00" + e164, national, significant}
    return {f for f in forms if len(f) >= 6}


def date_forms(day: dt.date) -> set[str]:
    d, m, y = f"{day.day:02d}", f"{day.month:02d}", f"{day.year:04d}"
    return {y + m + d, d + m + y, m + d + y}


_MAX_SPOKEN_DOTS = 4


def spoken_email_forms(email: str) -> set[str]:
    """An e-mail address as written, and as chats spell it out to dodge filters:
    "ioana dot p at example dot com", "ioana.p [at] example [dot] com"."""
    _local, _, domain = email.partition("@")
    forms = {words_key(email)}
    if not domain:
        return forms
    parts = re.split(r"(\.)", email.replace("@", " at "))
    dots = [i for i, p in enumerate(parts) if p == "."]
    if len(dots) > _MAX_SPOKEN_DOTS:
        dots = dots[-_MAX_SPOKEN_DOTS:]
    for mask in range(2 ** len(dots)):
        spelled = list(parts)
        for bit, index in enumerate(dots):
            if mask >> bit & 1:
                spelled[index] = " dot "
        forms.add(words_key("".join(spelled)))
    return forms


def name_keys(name: str) -> set[str]:
    full = words_key(name)
    keys = {full} if full else set()
    keys |= {part for part in full.split() if len(part) >= _MIN_NAME_PART}
    return keys


MIN_REVERSED_PART = 4  # "Ana" backwards is "ana"; "Ion" is "noi" (Romanian "we")
MIN_SPELLED_PART = 3


def reversed_name_keys(name: str, parts: bool) -> set[str]:
    """A name stored backwards ("ucsepop anaoi", shown as "Ioana Popescu" inside a
    right-to-left override): the full name, and with ``parts`` each long part on its own."""
    full = words_key(name)
    keys = {full[::-1]} if " " in full else set()
    if parts:
        keys |= {part[::-1] for part in full.split() if len(part) >= MIN_REVERSED_PART}
    return {key for key in keys if key != key[::-1]}  # a palindrome is found as written


def spelled_name_keys(name: str) -> set[str]:
    """A name as letters with no spaces ("ioanapopescu"), the way ``spelled_runs`` joins
    a name spelled letter by letter; and each part alone."""
    full = words_key(name)
    keys = {full.replace(" ", "")} | set(full.split())
    return {key for key in keys if len(key) >= MIN_SPELLED_PART and key.isalpha()}


# Pet forms of a given name, in Latin letters (other scripts are compared through their
# Latin form): Romanian -uța/-ucă/-ica, Spanish -ita/-ito, Ukrainian and Russian
# -ka/-ochka/-en'ka/-usia/-ushka ("Ioanuța" for Ioana, "Оленка" for Олена).
DIMINUTIVE_SUFFIXES = ("uta", "uca", "ica", "ita", "ito", "ka", "ochka", "enka", "usia", "usya", "ushka")
_FINAL_VOWELS = "aeiouy"
MIN_DIMINUTIVE_STEM = 3


def diminutive_names(name: str) -> set[str]:
    """Pet forms of the name's first (given) word; the caller keeps those that are no
    ordinary word. Only protected parties get them: a wrong match only protects a word."""
    from victimshield.normalize import project_ascii

    words = project_ascii(name).text.split()
    if not words or not words[0].isalpha():
        return set()
    given = words[0]
    stem = given.rstrip(_FINAL_VOWELS) if given[-1] in _FINAL_VOWELS else given
    if len(stem) < MIN_DIMINUTIVE_STEM:
        return set()
    return {stem + suffix for suffix in DIMINUTIVE_SUFFIXES} - {given}


def party_keys(party: Party, default_region: str | None) -> Iterator[SearchKey]:
    pid = party.id
    for name in party.names:
        for key in name_keys(name):
            yield SearchKey(WORDS, key, "PERSON", pid)
    for phone in party.phones:
        for key in phone_forms(phone, default_region):
            yield SearchKey(COMPACT, key, "PHONE_NUMBER", pid)
    for email in party.emails:
        for form in spoken_email_forms(email):
            yield SearchKey(WORDS, form, "EMAIL_ADDRESS", pid)
    for handle in party.handles:
        yield SearchKey(WORDS, words_key(handle.lstrip("@")), "SOCIAL_HANDLE", pid)
    for account in party.accounts:
        yield SearchKey(COMPACT, compact_key(account), account_type(account), pid)
    for document in party.documents:
        yield SearchKey(COMPACT, compact_key(document), "PASSPORT", pid)
    for address in party.addresses:
        yield SearchKey(WORDS, words_key(address), "ADDRESS", pid)
    if party.born is not None:
        for key in date_forms(party.born):
            yield SearchKey(COMPACT, key, "DATE_OF_BIRTH", pid)
