"""The contract's words: roles, entity types, actions.

Everything else in the package refers to these names, so a typo in a policy or
roster is caught against one list.
"""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):  # noqa: UP042 - not StrEnum: str() and format() of members must not change
    MINOR = "minor"
    VICTIM = "victim"
    WITNESS = "witness"
    UNKNOWN = "unknown"
    OTHER = "other"
    OFFICER = "officer"
    SUSPECT = "suspect"

    def __str__(self) -> str:  # so f-strings and YAML show the plain word
        return self.value


# Most protective first (contract: minor > victim > witness > unknown > other > officer > suspect).
PROTECTION_ORDER: tuple[Role, ...] = tuple(Role)


def most_protective(roles: list[Role] | tuple[Role, ...] | set[Role]) -> Role:
    """The role that protects most among ``roles`` (unknown when empty)."""
    if not roles:
        return Role.UNKNOWN
    return min(roles, key=PROTECTION_ORDER.index)


class Action(str, Enum):  # noqa: UP042 - as Role
    KEEP = "keep"
    REDACT = "redact"
    MASK = "mask"
    PSEUDONYMIZE = "pseudonymize"
    GENERALIZE = "generalize"
    ENCRYPT = "encrypt"

    def __str__(self) -> str:
        return self.value


# Presidio's names where Presidio has one, then the contract's own.
PRESIDIO_ENTITY_TYPES: frozenset[str] = frozenset(
    {
        "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "CREDIT_CARD", "CRYPTO",
        "IP_ADDRESS", "URL", "LOCATION", "DATE_TIME", "NRP", "ORGANIZATION", "US_SSN",
        "US_PASSPORT", "US_DRIVER_LICENSE", "US_ITIN", "US_BANK_NUMBER", "UK_NHS", "UK_NINO",
        "MEDICAL_LICENSE", "MAC_ADDRESS", "UUID", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE",
        "IT_DRIVER_LICENSE", "IT_VAT_CODE", "IT_PASSPORT", "IT_IDENTITY_CARD", "PL_PESEL",
        "SG_NRIC_FIN", "SG_UEN", "AU_ABN", "AU_ACN", "AU_TFN", "AU_MEDICARE", "IN_PAN",
        "IN_AADHAAR", "IN_VEHICLE_REGISTRATION", "IN_VOTER", "IN_PASSPORT", "FI_PERSONAL_IDENTITY_CODE",
        "KR_RRN", "TH_TNIN", "NG_NIN", "NG_VEHICLE_REGISTRATION",
    }
)
CONTRACT_ENTITY_TYPES: frozenset[str] = frozenset(
    {
        "ADDRESS", "PASSPORT", "NATIONAL_ID", "MRZ", "IMEI", "IMSI", "MTCN", "SWIFT_BIC",
        "ACCOUNT_NUMBER", "SOCIAL_HANDLE", "VEHICLE_PLATE", "GPS_COORDINATES",
        "DATE_OF_BIRTH", "AGE",
    }
)
# Types this library adds above Presidio's country types, so one rule covers them all.
GROUP_ENTITY_TYPES: frozenset[str] = frozenset({"DRIVER_LICENSE", "TAX_ID"})
# What a picture shows rather than says: a face the image format finds (formats/faces.py) is a
# segment of this declared type, so the policy's rules decide it like any other value.
PICTURE_ENTITY_TYPES: frozenset[str] = frozenset({"FACE"})
ENTITY_TYPES: frozenset[str] = PRESIDIO_ENTITY_TYPES | CONTRACT_ENTITY_TYPES | GROUP_ENTITY_TYPES | PICTURE_ENTITY_TYPES
# The case key written in the evidence: the entity type and the recognizer that finds it
# (``detect.span_recognizers.case_key``). Named here so that ``decide``, which forces its
# redaction, needs nothing from detection.
CASE_KEY = "CASE_KEY"
CASE_KEY_RECOGNIZER = "case_key"

# The entity-type tree (contract: a rule for a type covers every type below it; the most
# specific rule wins). Child -> parent. Only "is a kind of" goes here: DATE_OF_BIRTH is
# not put under DATE_TIME, nor ADDRESS under LOCATION, because a `keep` written for the
# general type would then let the protected one leave.
ENTITY_PARENTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "US_SSN", "UK_NINO", "UK_NHS", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE", "IT_IDENTITY_CARD",
            "PL_PESEL", "SG_NRIC_FIN", "AU_MEDICARE", "IN_AADHAAR", "IN_VOTER",
            "FI_PERSONAL_IDENTITY_CODE", "KR_RRN", "TH_TNIN", "NG_NIN",
        ),
        "NATIONAL_ID",
    ),
    # Personal tax numbers are national identifiers too; company ones (VAT, ABN) are not.
    "TAX_ID": "NATIONAL_ID",
    **dict.fromkeys(("US_ITIN", "AU_TFN", "IN_PAN"), "TAX_ID"),
    **dict.fromkeys(("US_PASSPORT", "IT_PASSPORT", "IN_PASSPORT"), "PASSPORT"),
    **dict.fromkeys(("IBAN_CODE", "US_BANK_NUMBER"), "ACCOUNT_NUMBER"),
    **dict.fromkeys(("US_DRIVER_LICENSE", "IT_DRIVER_LICENSE"), "DRIVER_LICENSE"),
    **dict.fromkeys(("IN_VEHICLE_REGISTRATION", "NG_VEHICLE_REGISTRATION"), "VEHICLE_PLATE"),
}


def lineage(entity_type: str) -> tuple[str, ...]:
    """The type and every type above it, most specific first: ``ES_NIF, NATIONAL_ID``."""
    chain = [entity_type]
    while chain[-1] in ENTITY_PARENTS:
        chain.append(ENTITY_PARENTS[chain[-1]])
    return tuple(chain)


def is_within(entity_type: str, ancestor: str) -> bool:
    """True when ``entity_type`` is ``ancestor`` or lies below it in the tree."""
    return ancestor in lineage(entity_type)


def concrete_types() -> tuple[str, ...]:
    """Every known type no other type lies below: what findings are typed with, sorted."""
    parents = set(ENTITY_PARENTS.values())
    return tuple(sorted(t for t in ENTITY_TYPES if t not in parents))

# Where a generalisation exists, what it may generalise to (first is the default).
GENERALIZATIONS: dict[str, tuple[str, ...]] = {
    "DATE_OF_BIRTH": ("year", "decade"),
    "DATE_TIME": ("year", "decade"),
    "AGE": ("band",),
    "ADDRESS": ("city", "country"),
    "LOCATION": ("country",),
    "GPS_COORDINATES": ("rounded",),
}


# The validators a recognizer spec may name (``detect.validators`` implements each; a test
# keeps the two in step): specs are validated as data, before any detection is loaded.
VALIDATOR_NAMES = frozenset({"luhn", "imei", "iban", "not_repeated_digits", "bic"})
