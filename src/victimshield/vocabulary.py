"""The contract's words: roles, entity types, actions.

Everything else in the package refers to these names, so a typo in a policy or
roster is caught against one list.
"""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
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


def most_protective(roles: "list[Role] | tuple[Role, ...] | set[Role]") -> Role:
    """The role that protects most among ``roles`` (unknown when empty)."""
    if not roles:
        return Role.UNKNOWN
    return min(roles, key=PROTECTION_ORDER.index)


class Action(str, Enum):
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
ENTITY_TYPES: frozenset[str] = PRESIDIO_ENTITY_TYPES | CONTRACT_ENTITY_TYPES

# Where a generalisation exists, what it may generalise to (first is the default).
GENERALIZATIONS: dict[str, tuple[str, ...]] = {
    "DATE_OF_BIRTH": ("year", "decade"),
    "DATE_TIME": ("year", "decade"),
    "AGE": ("band",),
    "ADDRESS": ("city", "country"),
    "LOCATION": ("country",),
    "GPS_COORDINATES": ("rounded",),
}
