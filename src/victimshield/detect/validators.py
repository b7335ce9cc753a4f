"""Checksum validators that recognizer specs name (``validator: luhn``).

Each takes the matched text and says whether it is a real identifier; the
checks themselves come from python-stdnum.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import iban, imei, luhn


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _luhn(text: str) -> bool:
    digits = _digits(text)
    return len(digits) >= 8 and luhn.is_valid(digits)


def _imei(text: str) -> bool:
    digits = _digits(text)
    return len(digits) == 15 and imei.is_valid(digits)


def _iban(text: str) -> bool:
    return iban.is_valid(re.sub(r"[\s\-]", "", text))


def _not_repeated(text: str) -> bool:
    # 0000000000 or 1111111111 is a placeholder, not a number someone owns.
    digits = _digits(text)
    return len(set(digits)) > 1


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": _luhn,
    "imei": _imei,
    "iban": _iban,
    "not_repeated_digits": _not_repeated,
}
