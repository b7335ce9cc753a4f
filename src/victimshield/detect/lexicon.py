"""Ordinary words of each language: whether a word, written as it is where it is, is no one's name.

Word frequencies come from ``wordfreq`` for the segment's language alone (never
English's for a Romanian word, never a margin over all languages). Those corpora
count names as words ("ion", "paulo" are frequent in Romanian and Portuguese
because many people bear them), so frequency decides by how the word is written:

- in lower case, a word common in the language is an ordinary word ("luna", "până");
- first in a sentence, it is one unless it is also a given name ("Astfel", not "Ion");
- capitalised inside a sentence, it is one only when no name list knows it, or when
  it is one of the language's months, weekdays, currencies or document labels.

The small closed lists (months, weekdays, currency codes, labels) are here because
a frequency list cannot say that "Mai" or "Lei" is a month or a currency rather
than someone. Tables are built lazily, once, and only for the languages asked about.
"""

from __future__ import annotations

import functools

from victimshield.detect.gazetteer import given_names, known_names
from victimshield.normalize import fold

# Zipf thresholds (wordfreq's scale: 3 is once per million words).
LOWER_CASE_ORDINARY = 3.0
SENTENCE_START_ORDINARY = 3.0
CAPITALISED_ORDINARY = 4.0
# So common that even a given name spelt this way is first a word ("Din", "Pentru").
FUNCTION_WORD = 6.0

_CURRENCIES = (
    "eur euro euros usd gbp ron lei leu uah mdl pln rub chf brl dolari dólares dollari dólares"
    " гривня гривні гривень грн"
)
# Per language: months, weekdays, and labels of statements, forms and bank records.
_CLOSED = {
    "ro": """ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie
        luni marti marți miercuri joi vineri sambata sâmbătă duminica duminică nume prenume telefon adresa adresă
        data suma sumă cont beneficiar platitor plătitor detalii sold moneda monedă domiciliu cetatenie cetățenie""",
    "es": """enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
        lunes martes miércoles jueves viernes sábado domingo nombre apellido apellidos teléfono dirección fecha
        importe cuenta beneficiario saldo moneda domicilio""",
    "it": """gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
        lunedì martedì mercoledì giovedì venerdì sabato domenica nome cognome telefono indirizzo data importo
        conto beneficiario saldo valuta residenza""",
    "pt": """janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
        segunda terça quarta quinta sexta sábado domingo nome sobrenome apelido telefone endereço morada data
        valor conta beneficiário saldo moeda dje teor inteiro documento código codigo verificador""",
    "uk": """січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень
        січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня понеділок
        вівторок середа четвер п'ятниця субота неділя ім'я прізвище телефон адреса дата сума рахунок""",
    "ru": """январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь января февраля
        марта апреля мая июня июля августа сентября октября ноября декабря понедельник вторник среда четверг
        пятница суббота воскресенье имя фамилия телефон адрес дата сумма счёт счет""",
    "de": """januar februar märz april mai juni juli august september oktober november dezember montag dienstag
        mittwoch donnerstag freitag samstag sonntag name vorname nachname telefon adresse anschrift datum betrag
        konto firma personalien""",
    "fr": """janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi
        mercredi jeudi vendredi samedi dimanche nom prénom téléphone adresse date montant compte""",
}


@functools.lru_cache(maxsize=16)
def closed_words(language: str) -> frozenset[str]:
    """Months, weekdays, currencies and labels of ``language``, casefolded and folded."""
    words = set((_CLOSED.get(language, "") + " " + _CURRENCIES).split())
    return frozenset(words | {fold(w) for w in words})


def zipf(word: str, language: str) -> float:
    """Zipf frequency of ``word`` in ``language``: as written (casefolded), or of the
    language's commonest word that reads the same without diacritics."""
    from victimshield.detect.word_table import folded_zipf
    from victimshield.detect.word_table import zipf as zipf_frequency

    return max(zipf_frequency(word.casefold(), language), round(folded_zipf(fold(word), language), 2))


def is_ordinary(word: str, language: str, *, sentence_start: bool = False) -> bool:
    """Whether ``word``, written this way, is an ordinary word of ``language`` (see the module)."""
    lower = word.casefold()
    if lower in closed_words(language):
        return True
    frequency = zipf(word, language)
    if frequency >= FUNCTION_WORD:
        return True
    if not word[:1].isupper():
        return frequency >= LOWER_CASE_ORDINARY
    folded = fold(word)
    if sentence_start:
        return frequency >= SENTENCE_START_ORDINARY and folded not in given_names()
    return frequency >= CAPITALISED_ORDINARY and folded not in known_names()


def is_ordinary_in_any(word: str, languages: tuple[str, ...], *, sentence_start: bool = False) -> bool:
    return any(is_ordinary(word, language, sentence_start=sentence_start) for language in languages)
