"""Organisation labels made of ordinary words are not anyone's identity.

spaCy's small model labels column headers and categories as organisations
("Transaction Date", "Running Balance", "Payment/Credit", "Western Union").
An organisation found by the NER alone whose every word is a common English
word, none of them a name, is left as it is; anything with a name-like word
("BMO Harris Bank", "Will Rose") stays a finding.
"""

from __future__ import annotations

import re

from victimshield.detect.gazetteer import english_frequency, known_names
from victimshield.finding import Finding
from victimshield.normalize import fold

NER_ONLY = "SpacyRecognizer"
COMMON_ENGLISH = 4.0
# A name that is also this common a word ("one", "bank", "western") does not make a label a name.
NAME_WORD_MAX_FREQUENCY = 5.0
MAX_LABEL_WORDS = 4
_WORD = re.compile(r"[^\W_]+")


def _name_like(word: str) -> bool:
    return fold(word) in known_names() and english_frequency(word) < NAME_WORD_MAX_FREQUENCY


def is_ordinary_label(value: str) -> bool:
    words = _WORD.findall(value)
    return bool(words) and all(
        w.isalpha() and english_frequency(w) >= COMMON_ENGLISH and not _name_like(w) for w in words
    )


# Currency codes and units the NER reads as organisations ("200 EUR"): in any text, never
# anyone's identity. A code is three capitals; the list holds the ones evidence uses.
CURRENCY_CODES = frozenset(
    "EUR USD GBP RON MDL UAH PLN RUB CHF BRL BGN HUF CZK SEK NOK DKK TRY NGN THB VND INR CNY JPY CAD AUD"
    " RSD ALL MKD BAM GEL AZN AMD KZT BYN ILS AED SAR QAR MAD EGP TND DZD XOF XAF GHS KES ZAR MXN ARS COP".split()
)


def _is_currency(value: str) -> bool:
    stripped = value.strip(" .,;:()")
    return stripped.upper() in CURRENCY_CODES and stripped.upper() == stripped


def drop_ordinary_organizations(text: str, findings: list[Finding]) -> list[Finding]:
    """A currency code is never an organisation. Other labels only where the text is a
    label (a header, a category cell: a few words): in running text the NER's reading has
    context, and "works for Microsoft" names an employer."""
    findings = [f for f in findings if not (f.entity_type == "ORGANIZATION" and f.recognizer == NER_ONLY
                                            and _is_currency(text[f.start : f.end]))]
    if len(_WORD.findall(text)) > MAX_LABEL_WORDS:
        return findings
    return [
        f
        for f in findings
        if not (
            f.entity_type == "ORGANIZATION" and f.recognizer == NER_ONLY and is_ordinary_label(text[f.start : f.end])
        )
    ]
