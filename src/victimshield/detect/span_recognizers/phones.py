"""Phone numbers of the case's countries, written plainly, hidden, or inside chat links.

``phonenumbers.PhoneNumberMatcher`` runs once per region (the policy's ends and
the roster's numbers' countries); a number written with ``+`` or ``00`` is found
whatever the regions. ``wa.me/<digits>`` and ``t.me/+<digits>`` carry a number
in international form without its ``+``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from victimshield.detect.context import has_context
from victimshield.detect.span_recognizers.base import unique, views
from victimshield.finding import Finding
from victimshield.normalize import NumberReveals, Projection

# Used when a run names no country (``victimshield scan`` without a roster).
DEFAULT_REGIONS = ("GB", "US", "RO", "BG", "UA", "MD", "ES", "IT", "FR", "DE", "NL", "NG", "TH", "BR")
PHONE_CONTEXT = (
    "phone", "tel", "telephone", "mobile", "cell", "call", "sms", "text me", "whatsapp", "viber", "signal",
    "number", "numar", "număr", "telefon", "sună", "suna", "número", "numero", "móvil", "movil", "llama",
    "téléphone", "portable", "handy", "телефон", "номер",
)
_CHAT_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:wa\.me/|api\.whatsapp\.com/send/?\?phone=|t\.me/\+|telegram\.me/\+)(\d{7,15})(?!\d)",
    re.IGNORECASE,
)
_SCORE_INTERNATIONAL = 0.85
_SCORE_NATIONAL = 0.6
_SCORE_WITH_CONTEXT = 0.9


_DATE_OR_TIME = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:,? \d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"
)


def _inside_date_or_time(text: str, start: int, end: int) -> bool:
    """Whether the digits at start..end belong to a date or a time written around them."""
    window_start = max(0, start - 20)
    for match in _DATE_OR_TIME.finditer(text, window_start, min(len(text), end + 20)):
        if match.start() < end and start < match.end():
            return True
    return False


def usable_regions(regions: Iterable[str]) -> tuple[str, ...]:
    known = phonenumbers.SUPPORTED_REGIONS
    chosen = tuple(dict.fromkeys(r.upper() for r in regions if r and r.upper() in known))
    return chosen or DEFAULT_REGIONS


class PhoneNumbers:
    name = "phone_numbers"

    def __init__(self, regions: Sequence[str] = (), reveal: Callable[[str], Projection] | None = None) -> None:
        self.regions = usable_regions(regions)
        # ``reveal``: shared with the shield's other number recognizers (one projection per text).
        self._reveal = reveal or NumberReveals()

    def __repr__(self) -> str:
        return f"PhoneNumbers(regions={self.regions!r})"

    def find(self, text: str) -> list[Finding]:
        found = self._links(text)
        for view in views(text, self._reveal):
            for region in self.regions:
                for match in PhoneNumberMatcher(view.text, region, leniency=Leniency.POSSIBLE):
                    international = match.raw_string.lstrip().startswith(("+", "00"))
                    # A number written with its country code is one even when its
                    # range is unassigned (fail closed); a national one must be valid.
                    if not (international or phonenumbers.is_valid_number(match.number)):
                        continue
                    start, end = view.original_span(match.start, match.end)
                    if not international and _inside_date_or_time(text, start, end):
                        continue  # "2026-02-13T23:04:00" is a timestamp, whatever a region's plan allows
                    if has_context(text, start, end, PHONE_CONTEXT):
                        score = _SCORE_WITH_CONTEXT
                    else:
                        score = _SCORE_INTERNATIONAL if international else _SCORE_NATIONAL
                    found.append(Finding(start, end, "PHONE_NUMBER", score, self.name))
        return unique(found)

    def _links(self, text: str) -> list[Finding]:
        found = []
        for match in _CHAT_LINK.finditer(text):
            try:
                number = phonenumbers.parse("+" + match.group(1), None)
            except phonenumbers.NumberParseException:
                continue
            # The link says it is a phone number: possible is enough (fail closed).
            if phonenumbers.is_possible_number(number):
                found.append(Finding(match.start(1), match.end(1), "PHONE_NUMBER", _SCORE_WITH_CONTEXT, self.name))
        return found
