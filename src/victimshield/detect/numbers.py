"""Numbers that are not identifiers stay: amounts, parts of longer codes, timestamps.

Phone, health-service and bank-number recognizers (ours and Presidio's) read any run of
digits of the right length. Without a context word ("tel", "IBAN") and without the
roster, such a finding is dropped when the digits are plainly something else:
- an amount: ``2447.31``, ``1,000.00``, the integer part of ``179171073864111.010001``;
- a piece of a longer token: hex digests, ``U123456789``, ``TFNR52001000``;
- a date or time written around them: MT940's ``21.05.11/12.54``, ``2026-02-13T23:04``.
A number written with ``+`` or ``00`` in front is never dropped here.
"""

from __future__ import annotations

import re

from victimshield.detect.merge import ROSTER
from victimshield.finding import Finding

# Digit-run types that recognizers guess from length alone.
GUESSED_NUMBER_TYPES = frozenset({"PHONE_NUMBER", "UK_NHS", "US_BANK_NUMBER", "US_DRIVER_LICENSE", "MEDICAL_LICENSE"})
# Findings with a context word or a checksum score at or above this; they stay.
CONFIDENT = 0.9

# An amount's thousands separator differs from its decimal one: "074.532.249.16" is a phone.
_AMOUNT = re.compile(
    r"[-+]?(?:\d{1,3}(?:,\d{3})+\.\d{1,2}|\d{1,3}(?:\.\d{3})+,\d{1,2}"
    r"|\d{1,3}(?:['\u00a0 ]\d{3})+[.,]\d{1,2}|\d+[.,]\d{1,2})"
)
_MIN_DIGITS = 7  # shorter runs are extensions, PINs, amounts: never a guessed phone number
_CODE_PREFIX = re.compile(r"(?<![\w-])[A-Za-z]{1,6}[-/#]$")
_CAPITAL_PREFIX = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}$")
_LONGER_BEFORE = re.compile(r"\d[-/.]$")
_LONGER_AFTER = re.compile(r"[-/.]\d|\?\d\d")  # "?21": a SWIFT :86: subfield follows
# Reference labels of bank exports (SEPA :86: subfields, invoices, orders) before a number.
_REFERENCE_LABEL = re.compile(
    r"(?:\b(?:e|k|m)?ref(?:erence)?|\btfnr|\binv(?:oice)?|\border|\bfactura|\brechnung|\bbeleg|\bauftrag"
    r"|\bkunden(?:nr|nummer)?|\btxn|\btrans(?:action)?(?: id)?)\W{0,4}$",
    re.IGNORECASE,
)
_DECIMAL_AFTER = re.compile(r"[.,]\d")
_DECIMAL_BEFORE = re.compile(r"\d[.,]$")
_DATE_OR_TIME = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:[ /T,]+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
)


def _international(value: str) -> bool:
    # "00" opens an international number only with a country code and a subscriber number
    # after it: "000.00" (the tail of "1,000.00") is not one.
    stripped = value.lstrip()
    digits = sum(c.isdigit() for c in stripped)
    return stripped.startswith("+") or (stripped.startswith("00") and stripped[2:3] not in ("0", "") and digits >= 10)


def _inside_date_or_time(text: str, start: int, end: int) -> bool:
    for match in _DATE_OR_TIME.finditer(text, max(0, start - 20), min(len(text), end + 20)):
        if match.start() <= start and end <= match.end():
            return True
    return False


def not_an_identifier(text: str, finding: Finding) -> bool:
    """True when a guessed number is plainly an amount, part of a code, or a timestamp."""
    if finding.entity_type not in GUESSED_NUMBER_TYPES or finding.score >= CONFIDENT:
        return False
    if ROSTER in finding.recognizers:
        return False
    value = text[finding.start : finding.end]
    if _international(value) or text[max(0, finding.start - 1) : finding.start] == "+":
        return False
    if any(c.isalpha() for c in value):
        return False  # digits spelled out ("zero seven two…"): a recognizer read them as a number on purpose
    before = text[finding.start - 1] if finding.start > 0 else " "
    after = text[finding.end] if finding.end < len(text) else " "
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) < _MIN_DIGITS or len(set(digits)) == 1 or digits.startswith("00000"):
        return True  # too short, or a filler ("000000000000000", "0000005", "99999999999")
    # Letters right before the digits make a code only as a short capital prefix ("U123456789",
    # "TFNR52001000"): a phone glued to a name ("Ioana0723456789") is still a phone.
    if (
        after.isalnum()
        or before.isdigit()
        or _CAPITAL_PREFIX.search(text[max(0, finding.start - 6) : finding.start])
        or _LONGER_BEFORE.search(text[max(0, finding.start - 3) : finding.start])
        or _LONGER_AFTER.match(text, finding.end)
    ):
        return True  # a piece of a longer token or number ("112-1635210-7125801", "…00005?21")
    if _CODE_PREFIX.search(text[max(0, finding.start - 8) : finding.start]) \
            or _REFERENCE_LABEL.search(text[max(0, finding.start - 16) : finding.start]):
        return True  # the number of a code or a reference ("INV-0001", "EREF+TFNR 40005 00005")
    if (
        _AMOUNT.fullmatch(value.strip())
        or _DECIMAL_AFTER.match(text, finding.end)
        or _DECIMAL_BEFORE.search(text[: finding.start])
    ):
        return True
    return _inside_date_or_time(text, finding.start, finding.end)


def drop_non_identifier_numbers(text: str, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not not_an_identifier(text, f)]
