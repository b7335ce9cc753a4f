"""National identity numbers that pass their country's check (python-stdnum).

Most are bare digit strings, so each kind says whether its check is strong
enough to stand alone (a Romanian CNP carries a valid birth date, a county and a
check digit; a Chinese resident ID a birth date and an ISO 7064 check) or needs
a context word near it (a Bulgarian EGN is ten digits, like a phone number).
The type is Presidio's name where Presidio has one (contract), else NATIONAL_ID.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stdnum.bg import egn
from stdnum.br import cpf
from stdnum.cn import ric
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.md import idno
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.ro import cnp
from stdnum.th import pin
from stdnum.ua import rntrc
from stdnum.us import ssn

from victimshield.detect.context import has_context
from victimshield.detect.span_recognizers.base import unique, views
from victimshield.finding import Finding
from victimshield.normalize import NumberReveals, Projection

_ID_WORDS = ("id", "identity", "national id", "id card", "id number", "personal number", "identification")


@dataclass(frozen=True, slots=True)
class NationalIdKind:
    key: str
    entity_type: str
    pattern: re.Pattern[str]
    is_valid: Callable[[str], bool]
    context: tuple[str, ...]
    needs_context: bool


def _digits(count: str, groups: str = "") -> re.Pattern[str]:
    body = groups or rf"\d{{{count}}}"
    return re.compile(rf"(?<![\w.\-/]){body}(?![\w]|[.\-/]\w)")


KINDS: tuple[NationalIdKind, ...] = (
    NationalIdKind("ro_cnp", "NATIONAL_ID", _digits("13"), cnp.is_valid,
                   ("cnp", "cod numeric personal", "cod personal", *_ID_WORDS), False),
    NationalIdKind("md_idnp", "NATIONAL_ID", _digits("13"), idno.is_valid,
                   ("idnp", "idno", "cod personal", "numarul de identificare", *_ID_WORDS), True),
    NationalIdKind("bg_egn", "NATIONAL_ID", _digits("10"), egn.is_valid,
                   ("egn", "егн", "единен граждански номер", "personal number", *_ID_WORDS), True),
    NationalIdKind("ua_rnokpp", "NATIONAL_ID", _digits("10"), rntrc.is_valid,
                   ("рнокпп", "rnokpp", "іпн", "ипн", "ідентифікаційний", "идентификационный", "податковий номер",
                    "tax number", "tax id", "inn", "інн", "инн", *_ID_WORDS), True),
    NationalIdKind("br_cpf_formatted", "NATIONAL_ID", _digits("", r"\d{3}\.\d{3}\.\d{3}-\d{2}"), cpf.is_valid,
                   ("cpf",), False),
    NationalIdKind("br_cpf", "NATIONAL_ID", _digits("11"), cpf.is_valid, ("cpf", *_ID_WORDS), True),
    NationalIdKind("cn_ric", "NATIONAL_ID", re.compile(r"(?<![\w])\d{17}[\dXx](?!\w)"), ric.is_valid,
                   ("身份证", "居民身份证", "resident id", *_ID_WORDS), False),
    NationalIdKind("th_pin", "TH_TNIN", _digits("", r"\d[ -]?\d{4}[ -]?\d{5}[ -]?\d{2}[ -]?\d"), pin.is_valid,
                   ("บัตรประชาชน", "เลขประจำตัวประชาชน", "thai id", "citizen id", *_ID_WORDS), True),
    NationalIdKind("es_dni", "ES_NIF", re.compile(r"(?<![\w])\d{8}-?[A-Za-z](?!\w)"), dni.is_valid,
                   ("dni", "nif", "documento nacional de identidad", *_ID_WORDS), False),
    NationalIdKind("es_nie", "ES_NIE", re.compile(r"(?<![\w])[XYZxyz]-?\d{7}-?[A-Za-z](?!\w)"), nie.is_valid,
                   ("nie", "número de identidad de extranjero", *_ID_WORDS), False),
    NationalIdKind("it_codice_fiscale", "IT_FISCAL_CODE",
                   re.compile(r"(?<![\w])[A-Za-z]{6}[\dLMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][\dLMNPQRSTUVlmnpqrstuv]{2}"
                              r"[A-Za-z][\dLMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?!\w)"),
                   codicefiscale.is_valid, ("codice fiscale", "cf", *_ID_WORDS), False),
    NationalIdKind("fr_nir", "NATIONAL_ID",
                   _digits("", r"[12][ ]?\d{2}[ ]?\d{2}[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}[ ]?\d{2}"), nir.is_valid,
                   ("nir", "sécurité sociale", "securite sociale", "numéro de sécu", "insee", "carte vitale",
                    *_ID_WORDS),
                   True),
    NationalIdKind("nl_bsn", "NATIONAL_ID", _digits("", r"\d{4}\.?\d{2}\.?\d{3}|\d{9}"), bsn.is_valid,
                   ("bsn", "burgerservicenummer", "sofinummer", *_ID_WORDS), True),
    NationalIdKind("pl_pesel", "PL_PESEL", _digits("11"), pesel.is_valid, ("pesel", *_ID_WORDS), True),
    NationalIdKind("us_ssn", "US_SSN", _digits("", r"\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9}"), ssn.is_valid,
                   ("ssn", "social security", "social security number"), True),
)

_STRONG_SCORE = 0.85
_CONTEXT_SCORE = 0.95


class NationalIds:
    name = "national_ids"

    def __init__(
        self, kinds: tuple[NationalIdKind, ...] = KINDS, reveal: Callable[[str], Projection] | None = None
    ) -> None:
        self.kinds = kinds
        # ``reveal``: shared with the shield's other number recognizers (one projection per text).
        self._reveal = reveal or NumberReveals()

    def __repr__(self) -> str:
        return f"NationalIds(kinds={[k.key for k in self.kinds]!r})"

    def find(self, text: str) -> list[Finding]:
        found = []
        for view in views(text, self._reveal):
            for kind in self.kinds:
                for match in kind.pattern.finditer(view.text):
                    if not _safe_valid(kind.is_valid, match.group()):
                        continue
                    start, end = view.original_span(*match.span())
                    near = has_context(text, start, end, kind.context)
                    if kind.needs_context and not near:
                        continue
                    score = _CONTEXT_SCORE if near else _STRONG_SCORE
                    found.append(Finding(start, end, kind.entity_type, score, f"{self.name}.{kind.key}"))
        return unique(found)


def _safe_valid(check: Callable[[str], bool], value: str) -> bool:
    # A check that raises on odd input (a date it cannot build) has not validated it.
    try:
        return bool(check(value))
    except Exception:  # stdnum raises several types; none means valid
        return False



__all__ = ["KINDS", "NationalIdKind", "NationalIds"]
