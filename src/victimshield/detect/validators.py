"""Checksum validators that recognizer specs name (``validator: luhn``).

Each takes the matched text and answers as Presidio's ``validate_result`` does:
True (a checksum proves it: score 1.0), False (not one: dropped) or None (not
ruled out: the pattern's score stands). The checks come from python-stdnum.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import bic, iban, imei, luhn


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


def _not_repeated(text: str) -> bool | None:
    # 0000000000 or 1111111111 is a placeholder, not a number someone owns. Passing
    # proves nothing, so None (True would make any ten digits score 1.0).
    digits = _digits(text)
    return None if len(set(digits)) > 1 else False


def _bic(text: str) -> bool:
    return bic.is_valid(text)


VALIDATORS: dict[str, Callable[[str], bool | None]] = {
    "luhn": _luhn,
    "imei": _imei,
    "iban": _iban,
    "not_repeated_digits": _not_repeated,
    "bic": _bic,
}
