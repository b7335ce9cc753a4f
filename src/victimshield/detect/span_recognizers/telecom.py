"""SIM identifiers: IMSI (15 digits, a real mobile country code, near its name) and ICCID.

An ICCID (the number printed on a SIM card: ``89``, 18-20 digits, Luhn) says
which SIM, and so which subscriber, like an IMSI: both are typed IMSI (the
contract has no ICCID type). IMEIs are in ``recognizers/devices.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import imsi, luhn

from victimshield.detect.context import has_context
from victimshield.detect.span_recognizers.base import digits_of, unique, views
from victimshield.finding import Finding
from victimshield.normalize import NumberReveals, Projection

IMSI_CONTEXT = ("imsi", "subscriber identity", "sim")
ICCID_CONTEXT = ("iccid", "sim", "sim card", "card number", "cartela", "serial")
_IMSI = re.compile(r"(?<![\w\-])\d{3}[ \-]?\d{2,3}[ \-]?\d{9,10}(?![\w]|-\d)")
_ICCID = re.compile(r"(?<![\w\-])89(?:[ \-]?\d){16,18}(?![\w]|-\d)")


class SimIdentifiers:
    name = "sim_identifiers"

    def __init__(self, reveal: Callable[[str], Projection] | None = None) -> None:
        # ``reveal``: shared with the shield's other number recognizers (one projection per text).
        self._reveal = reveal or NumberReveals()

    def __repr__(self) -> str:
        return "SimIdentifiers()"

    def find(self, text: str) -> list[Finding]:
        found = []
        for view in views(text, self._reveal):
            for match in _IMSI.finditer(view.text):
                digits = digits_of(match.group())
                if len(digits) != 15 or not imsi.is_valid(digits):
                    continue
                start, end = view.original_span(*match.span())
                if has_context(text, start, end, IMSI_CONTEXT):
                    found.append(Finding(start, end, "IMSI", 0.95, f"{self.name}.imsi"))
            for match in _ICCID.finditer(view.text):
                digits = digits_of(match.group())
                if not 18 <= len(digits) <= 20 or not luhn.is_valid(digits):
                    continue
                start, end = view.original_span(*match.span())
                score = 0.95 if has_context(text, start, end, ICCID_CONTEXT) else 0.7
                found.append(Finding(start, end, "IMSI", score, f"{self.name}.iccid"))
        return unique(found)
