"""Bank identifiers whose check needs code: IBANs in any country format, payment card numbers.

An IBAN is found with or without spaces, in upper or lower case, and only when
python-stdnum accepts it (mod-97 and the country's length and format). A card
number is 13-19 digits with a card network's prefix and a valid Luhn digit.
SWIFT/BIC codes and plain account numbers are context-bound patterns: see
``recognizers/banking.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import iban, luhn

from victimshield.detect.span_recognizers.base import digits_of, unique, views
from victimshield.finding import Finding
from victimshield.normalize import NumberReveals, Projection

_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]){11,30}")
_CARD = re.compile(r"(?<![\d\-.,])\d(?:[ \-]?\d){12,18}(?![\d]|[.,]\d)")
# Prefixes of the networks in use (Visa, Mastercard, Amex, Discover, JCB, Diners,
# Maestro, UnionPay, Mir, RuPay, Verve): a Luhn-valid order number rarely has one.
_CARD_PREFIX = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|3[0689]|6|50|5[6-9])")
_IBAN_SCORE = 1.0
_CARD_SCORE = 0.9


def _iban_at(text: str, start: int, end: int) -> int | None:
    """End of the longest valid IBAN starting at ``start`` within ``[start, end)``.

    The pattern may run on into the next word ("…0000 IN CASH"), so shorter
    prefixes ending on a character are tried too.
    """
    for stop in range(end, start + 14, -1):
        if not text[stop - 1].isalnum():
            continue
        compact = re.sub(r"[\s\-]", "", text[start:stop]).upper()
        if iban.is_valid(compact):
            return stop
    return None


def card_number_is_valid(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and bool(_CARD_PREFIX.match(digits)) and luhn.is_valid(digits)


class Ibans:
    name = "iban"

    def __init__(self, reveal: Callable[[str], Projection] | None = None) -> None:
        # ``reveal``: shared with the shield's other number recognizers (one projection per text).
        self._reveal = reveal or NumberReveals()

    def __repr__(self) -> str:
        return "Ibans()"

    def find(self, text: str) -> list[Finding]:
        found = []
        for view in views(text, self._reveal):
            position = 0
            # Not finditer: a failed candidate that ran on into the next IBAN must
            # not swallow it, so the search resumes right after each candidate's start
            # (or after the IBAN found).
            while (match := _IBAN.search(view.text, position)) is not None:
                stop = _iban_at(view.text, match.start(), match.end())
                if stop is None:
                    position = match.start() + 1
                    continue
                start, end = view.original_span(match.start(), stop)
                found.append(Finding(start, end, "IBAN_CODE", _IBAN_SCORE, self.name))
                position = stop
        return unique(found)


class PaymentCards:
    name = "payment_card"

    def __init__(self, reveal: Callable[[str], Projection] | None = None) -> None:
        # ``reveal``: shared with the shield's other number recognizers (one projection per text).
        self._reveal = reveal or NumberReveals()

    def __repr__(self) -> str:
        return "PaymentCards()"

    def find(self, text: str) -> list[Finding]:
        found = []
        for view in views(text, self._reveal):
            for match in _CARD.finditer(view.text):
                if card_number_is_valid(digits_of(match.group())):
                    start, end = view.original_span(*match.span())
                    found.append(Finding(start, end, "CREDIT_CARD", _CARD_SCORE, self.name))
        return unique(found)
