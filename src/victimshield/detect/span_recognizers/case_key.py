"""The case key itself, in any written form: a key pasted into a note never leaves.

Built from the key's written forms (as given, hex, base64, base64url; see
``KeySource.written_forms``) when a Shield has a key. Matching ignores case (hex is
written both ways), allows a separator between any two characters ("9f:3c:2a…",
a key split over lines) and invisible characters (a zero-width space), and takes
base64 padding with it. Its findings are redacted whatever the policy says: ``decide``
forces the rule for every span this recognizer took part in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from victimshield.finding import Finding
from victimshield.vocabulary import CASE_KEY, CASE_KEY_RECOGNIZER

__all__ = ["CASE_KEY", "CASE_KEY_RECOGNIZER", "CaseKeyForms"]
# Between two characters of a written key: at most two of these.
_GAP = r"[\s:.\-\u00ad\u200b-\u200f\u2060\ufeff]{0,2}"


def _pattern(form: str) -> str:
    return _GAP.join(re.escape(char) for char in form) + r"(?:=(?:" + _GAP + r"=)?)?"


class CaseKeyForms:
    """Finds the case key's written forms; its repr and its patterns' owner show no secret."""

    name = CASE_KEY_RECOGNIZER
    everywhere = True  # also in segments whose type a format declared (a table cell)

    def __init__(self, forms: Sequence[str]):
        if not forms:
            raise ValueError("no written form of the key to look for")
        self._pattern = re.compile("|".join(_pattern(f) for f in sorted(forms, key=len, reverse=True)), re.IGNORECASE)

    def __repr__(self) -> str:
        return "CaseKeyForms(<secret>)"

    def find(self, text: str) -> list[Finding]:
        return [
            Finding(match.start(), match.end(), CASE_KEY, 1.0, CASE_KEY_RECOGNIZER)
            for match in self._pattern.finditer(text)
        ]
