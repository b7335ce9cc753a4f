"""One function per action: value in, replacement out."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

import phonenumbers
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from victimshield.errors import VictimShieldError
from victimshield.normalize import compact_key, words_key
from victimshield.vocabulary import Role

LABELS = {
    "PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL", "IBAN_CODE": "IBAN", "CREDIT_CARD": "CARD",
    "ACCOUNT_NUMBER": "ACCOUNT", "SOCIAL_HANDLE": "HANDLE", "ORGANIZATION": "ORG", "LOCATION": "PLACE",
    "IP_ADDRESS": "IP", "DATE_OF_BIRTH": "DOB", "GPS_COORDINATES": "GPS", "VEHICLE_PLATE": "PLATE",
    "NATIONAL_ID": "ID", "DATE_TIME": "DATE", "SWIFT_BIC": "BIC",
}
_WORDS_TYPES = {"PERSON", "EMAIL_ADDRESS", "SOCIAL_HANDLE", "ORGANIZATION", "LOCATION", "ADDRESS", "NRP", "URL"}


def marker(entity_type: str) -> str:
    return f"[REDACTED:{entity_type}]"


def mask(value: str, keep_last: int | None) -> str:
    """Hide letters and digits, keep separators; never show more than a third."""
    alnum = sum(c.isalnum() for c in value)
    digits = sum(c.isdigit() for c in value)
    wanted = keep_last if keep_last is not None else (4 if digits >= 7 else 0)
    visible = min(wanted, alnum // 3)
    out = []
    for char in reversed(value):
        if char.isalnum():
            out.append(char if visible > 0 else "*")
            visible -= 1
        else:
            out.append(char)
    return "".join(reversed(out))


def normalized_value(entity_type: str, value: str, region: str | None) -> str:
    """The written form that pseudonyms key on, so '+40 723…' and '0723…' give one token."""
    if entity_type == "PHONE_NUMBER":
        try:
            number = phonenumbers.parse(value, region)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return compact_key(value)
    if entity_type in _WORDS_TYPES:
        return words_key(value)
    return compact_key(value)


class Pseudonymizer:
    """Keyed, readable, stable tokens; checks that no two sources share one in a run."""

    def __init__(self, key: bytes, length: int):
        self._key = key
        self._length = length
        self._seen: dict[str, str] = {}  # token -> full digest, this run only

    def __repr__(self) -> str:
        return f"Pseudonymizer(length={self._length}, tokens={len(self._seen)})"

    def token(self, label: str, source: str) -> str:
        digest = hmac.new(self._key, source.encode(), hashlib.sha256).hexdigest()
        token = f"{label}-{digest[: self._length]}"
        earlier = self._seen.setdefault(token, digest)
        if earlier != digest:
            raise VictimShieldError(
                f"two different values share the pseudonym prefix of a {label}; raise pseudonyms.length in the policy"
            )
        return token

    def for_finding(self, entity_type: str, role: Role, party: str | None, value: str, region: str | None) -> str:
        if party is not None:
            label = role.value.upper() if entity_type == "PERSON" else LABELS.get(entity_type, entity_type)
            # Over the party id, not the text: every name and alias of one party gives one token.
            source = f"party\x1f{party}" if entity_type == "PERSON" else f"party\x1f{party}\x1f{entity_type}"
            return self.token(label, source)
        label = LABELS.get(entity_type, entity_type)
        return self.token(label, f"value\x1f{entity_type}\x1f{normalized_value(entity_type, value, region)}")


class Encryptor:
    """AES-SIV: deterministic (same value, same ciphertext) and reversible by the key holder."""

    def __init__(self, key: bytes):
        self._siv = AESSIV(key)

    def __repr__(self) -> str:
        return "Encryptor(<key>)"

    def encrypt(self, value: str) -> str:
        token = base64.urlsafe_b64encode(self._siv.encrypt(value.encode(), None)).decode().rstrip("=")
        return f"[ENC:{token}]"

    def decrypt(self, token: str) -> str:
        match = re.fullmatch(r"\[ENC:([A-Za-z0-9_\-]+)\]", token.strip())
        if match is None:
            raise VictimShieldError("not a VictimShield ciphertext")
        body = match.group(1)
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        return self._siv.decrypt(data, None).decode()


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NUMBER = re.compile(r"(?<!\d)(\d{1,3})(?!\d)")
_COORD = re.compile(r"-?\d{1,3}\.\d+")


def _age_band(age: int) -> str:
    if age < 18:
        return "under 18"
    for low, high in ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64)):
        if age <= high:
            return f"{low}-{high}"
    return "65+"


def generalize(entity_type: str, value: str, to: str | None) -> str | None:
    """The generalised form, or None when the value cannot be generalised safely."""
    if entity_type in ("DATE_OF_BIRTH", "DATE_TIME"):
        match = _YEAR.search(value)
        if match is None:
            return None
        year = int(match.group(1))
        return f"{year // 10 * 10}s" if to == "decade" else str(year)
    if entity_type == "AGE":
        match = _NUMBER.search(value)
        return _age_band(int(match.group(1))) if match else None
    if entity_type == "ADDRESS":
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if len(parts) < 2:
            return None
        city = re.sub(r"\b\d[\d\s-]*\b", "", parts[-1]).strip()  # drop a postcode
        return city or None
    if entity_type == "GPS_COORDINATES":
        numbers = _COORD.findall(value)
        return ", ".join(f"{float(n):.1f}" for n in numbers) if len(numbers) == 2 else None
    return None
