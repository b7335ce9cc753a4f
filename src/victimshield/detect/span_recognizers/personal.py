"""Dates of birth and ages; an age under 18 marks its finding ``minor``.

A date is a date of birth only near a birth word ("born", "DOB", "né(e)",
"nacido/a", "născut(ă)", "geboren", "народився", …). An age is a number with an
age phrase ("16 years old", "aged 15", "she is 16", "16yo", "16 y/o", "16 ani",
"16 años", "16 anni", "16 ans", "16 Jahre"), digits or an English, Spanish or
Romanian number word. The policy's ``minor`` rules then apply to the span.
"""

from __future__ import annotations

import datetime as dt
import re

from victimshield.detect.context import has_context
from victimshield.finding import Finding
from victimshield.normalize import fold

ADULT_AGE = 18
MAX_AGE = 110
BIRTH_CONTEXT = (
    "born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday", "b.",
    "né", "nee", "née", "date de naissance", "nacido", "nacida", "fecha de nacimiento", "f. nac",
    "născut", "nascut", "născută", "nascuta", "data nașterii", "data nasterii", "data de nastere",
    "nato", "nata", "data di nascita", "geboren", "geb.", "geburtsdatum", "urodzony", "urodzona",
    "data urodzenia", "народився", "народилася", "дата народження", "родился", "родилась",
    "дата рождения", "роден", "родена", "дата на раждане", "doğum", "出生",
)
_MONTHS = {
    # English, Romanian, Spanish, Italian, French, German (folded; first letters are enough for most)
    "jan": 1, "ian": 1, "ene": 1, "gen": 1, "janv": 1, "feb": 2, "febr": 2, "fev": 2, "fevr": 2,
    "mar": 3, "mart": 3, "marz": 3, "apr": 4, "abr": 4, "avr": 4, "aprilie": 4, "may": 5, "mai": 5,
    "mayo": 5, "mag": 5, "jun": 6, "iun": 6, "giu": 6, "juin": 6, "jul": 7, "iul": 7, "lug": 7,
    "juil": 7, "aug": 8, "ago": 8, "aout": 8, "sep": 9, "sept": 9, "set": 9, "oct": 10, "okt": 10,
    "ott": 10, "nov": 11, "noi": 11, "dec": 12, "dic": 12, "dez": 12,
}
_MONTH_WORD = r"[A-Za-zÀ-ÿăâîșşțţ]{3,10}\.?"
_NUMERIC_DMY = re.compile(r"(?<![\d.\-/])(\d{1,2})[./\-](\d{1,2})[./\-](\d{4}|\d{2})(?![\d]|[./\-]\d)")
_NUMERIC_YMD = re.compile(r"(?<![\d.\-/])(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})(?![\d]|[./\-]\d)")
_WORDY_DMY = re.compile(
    rf"(?<!\w)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?({_MONTH_WORD})\s+(?:de\s+)?(\d{{4}})(?!\d)"
)
_WORDY_MDY = re.compile(rf"(?<!\w)({_MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)")

_TEEN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "doisprezece": 12, "treisprezece": 13, "paisprezece": 14, "cincisprezece": 15, "saisprezece": 16,
    "saptesprezece": 17, "optsprezece": 18,
}
_NUM = r"(\d{1,3}|[A-Za-zăâîșşțţé]{3,14})"
_AGE_PATTERNS = (
    # number first: "16 years old", "16-year-old", "16yo", "16 y/o", "16 y.o.", "16 ani", "16 años"
    re.compile(rf"(?<![\w.,])(?P<n>{_NUM[1:-1]})[\s\-]?(?:years?[\s\-]old|yrs?[\s\-]old|y/o|y\.o\.?|yo|"
               r"(?:de\s+)?ani|años|anos|anni|ans|jahre(?:\s+alt)?|лет|років|роки|години|yaşında)(?![\w])",
               re.IGNORECASE),
    # phrase first: "aged 15", "age: 15", "she is 16", "he's 15", "tiene 16", "are 16 ani" (above)
    re.compile(rf"(?<!\w)(?:aged|age[:\s]|ages|she\s+is|he\s+is|she's|he's|is\s+only|tiene|edad[:\s]|vârsta|varsta|"
               rf"âge|età|alter)\s*(?P<n>{_NUM[1:-1]})(?![\w]|[.,:]\d|\s*(?:%|min|hour|h\b|km|m\b|kg|cm|€|£|\$|lei|"
               r"euro|eur|pounds|quid|o'clock|am\b|pm\b|minutes|hours|days|weeks|months|times|x\b|of\b))",
               re.IGNORECASE),
)


# Words around "N years" that make it a span of time (a sentence, "ago", "for") rather
# than someone's age, in the case's languages.
_DURATION_BEFORE = re.compile(
    r"(?:condannat\w*|condamnat\w*|sentenced|sentence\s+of|pena\s+de|prisi[oó]n|reclusione|carcere|[iî]nchisoare|"
    r"durante|timp\s+de|\bper\b|\bfor\b|\bafter\b|\bdopo\b|dup[aă]|\bhace\b|\bwithin\b|\bentro\b|\bhá\b|"
    r"протягом|через|\bза\b)\W*(?:\w+\W+)?$",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"^\W*(?:fa\b|ago\b|[iî]n\s+urm[aă]|de\s+[iî]nchisoare|di\s+(?:reclusione|carcere)|de\s+(?:prisi[oó]n|c[aá]rcel|pris[aã]o)|"
    r"in\s+prison|of\s+prison|тому|позбавлення)",
    re.IGNORECASE,
)


def _is_duration(text: str, start: int, end: int) -> bool:
    return bool(
        _DURATION_BEFORE.search(text[max(0, start - 30) : start]) or _DURATION_AFTER.match(text[end : end + 30])
    )


def _age_value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _TEEN_WORDS.get(fold(token))


def _month_number(word: str) -> int | None:
    key = fold(word).rstrip(".")
    for length in (len(key), 5, 4, 3):
        if key[:length] in _MONTHS:
            return _MONTHS[key[:length]]
    return None


def _build_date(year: str, month: int | str, day: str) -> dt.date | None:
    full_year = int(year)
    if len(year) == 2:
        full_year += 1900 if full_year > 30 else 2000
    try:
        return dt.date(full_year, int(month), int(day))
    except ValueError:
        return None


def _dates(text: str) -> list[tuple[int, int, dt.date]]:
    out = []
    for match in _NUMERIC_DMY.finditer(text):
        day, month, year = match.groups()
        date = _build_date(year, month, day) or _build_date(year, day, month)  # US order as fallback
        if date:
            out.append((match.start(), match.end(), date))
    for match in _NUMERIC_YMD.finditer(text):
        year, month, day = match.groups()
        if date := _build_date(year, month, day):
            out.append((match.start(), match.end(), date))
    for pattern, order in ((_WORDY_DMY, "dmy"), (_WORDY_MDY, "mdy")):
        for match in pattern.finditer(text):
            first, second, year = match.groups()
            day, word = (first, second) if order == "dmy" else (second, first)
            month = _month_number(word)
            if month and (date := _build_date(year, month, day)):
                out.append((match.start(), match.end(), date))
    return out


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class DatesOfBirth:
    """``as_of`` is the day ages are counted on (the export day; today when not given)."""

    name = "date_of_birth"

    def __init__(self, as_of: dt.date | None = None):
        self.as_of = as_of

    def __repr__(self) -> str:
        return f"DatesOfBirth(as_of={self.as_of!r})"

    def find(self, text: str) -> list[Finding]:
        as_of = self.as_of or dt.date.today()
        found = []
        for start, end, born in _dates(text):
            if born > as_of or not has_context(text, start, end, BIRTH_CONTEXT, before=40, after=0):
                continue
            minor = age_on(born, as_of) < ADULT_AGE
            found.append(Finding(start, end, "DATE_OF_BIRTH", 0.95, self.name, minor=minor))
        return found


class Ages:
    name = "age"

    def __repr__(self) -> str:
        return "Ages()"

    def find(self, text: str) -> list[Finding]:
        found = []
        for pattern in _AGE_PATTERNS:
            for match in pattern.finditer(text):
                age = _age_value(match.group("n"))
                if age is None or not 0 < age <= MAX_AGE:
                    continue
                if _is_duration(text, match.start(), match.end()):
                    continue  # "condannato a 4 anni", "hace 3 años", "5 years ago": a time, not an age
                # "aged 15": the number alone; "15 years old": number and unit.
                start = match.start("n")
                found.append(Finding(start, match.end(), "AGE", 0.85, self.name, minor=age < ADULT_AGE))
        return found
