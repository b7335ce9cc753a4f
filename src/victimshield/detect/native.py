"""Names in evidence that is not English: ordinary words stay, names go.

The only NER installed is English; on Romanian or Ukrainian text it reads
capitalised nouns, whole clauses and common words as people, and the names
gazetteer (every country's names) knows "Luna", "Pace" and "Lei". In a segment
whose language is not English (``detect.language``), a PERSON that no roster
party or declared field vouches for keeps only its words that are not ordinary
words of that language (``detect.lexicon``), and a span the NER alone found is
kept only with corroboration: a given name from the gazetteer, a surname of the
language's shape, a word that introduces a person just before it, or a name the
document already uses. A strong context ("numele meu este …", "меня зовут …")
makes the next word a name whatever it is. English segments are left to the
English rules, which never judge other languages' words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from victimshield.detect.capitalised import RECOGNIZER as CAPITALISED
from victimshield.detect.capitalised import capitalised_names
from victimshield.detect.gazetteer import given_names
from victimshield.detect.language import segment_languages
from victimshield.detect.lexicon import FUNCTION_WORD, closed_words, is_ordinary_in_any, zipf
from victimshield.detect.merge import merge_findings
from victimshield.detect.name_neighbours import GENITIVE, INITIALLED, extend_names, genitive_names, initialled_names
from victimshield.detect.propagate import propagate_names
from victimshield.detect.sentences import in_product, sentence_start
from victimshield.finding import Finding, Segment
from victimshield.normalize import fold

NER = "SpacyRecognizer"
GAZETTEER = frozenset({"name_gazetteer", "given_name_gazetteer"})
VOUCHED = frozenset({"roster", "declared"})
CONTEXT = "name_context"
CONTEXT_SCORE = 0.6
# A capitalised word this rare in the segment's language is no word of it ("Tilbrook").
RARE_IN_LANGUAGE = 2.5
RARE_AT_SENTENCE_START = 2.0
# In lower-case chats, a known name this common in the language is its word first ("din").
CASUAL_NAME_MAX = 4.7
# A document whose sentences start in lower case this often is written casually.
CASUAL_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Surname shapes (folded, lower case) that say "person" in the evidence's languages.
SURNAME_ENDINGS = (
    "escu", "eanu", "enko", "chuk", "czuk", "yshyn", "ovych", "ovich", "evych", "ivna", "ovna", "evna", "ska", "ski",
    "sky", "skyi", "skyy", "ova", "eva", "ov", "ev", "ovic", "evic", "ez", "elli", "etti", "ini", "ucci", "enco", "uk",
    "yuk", "iuk", "ich", "енко", "чук", "ович", "евич", "івна", "овна", "евна", "ський", "цький", "ська", "цька", "ов",
    "ова", "ев", "ук", "юк",
)
# Endings so particular to surnames that a capitalised word bearing one is a name on
# its own ("Popescu", "Шевченко"), not just a corroboration of the NER.
SURNAME_ONLY_ENDINGS = (
    "escu", "eanu", "ianu", "enko", "chuk", "ovych", "yshyn", "енко", "чук", "ович", "евич", "івна", "овна",
)
SURNAME_SHAPE = "surname_shape"
# Words that announce a person's name right after them (folded), per language: kinship,
# roles in these cases, and titles. They introduce a name and are never one themselves.
INTRODUCERS = frozenset(
    """dl dna domnul doamna domnului doamnei numitul numita inculpatul inculpata victima martorul martora
    minorul minora fiul fiica sotul sotia mama tata fratele sora presedintele presedinta ministrul premierul
    primarul judecatorul procurorul avocatul doctorul dr prof profesorul colonelul generalul comisarul
    agentul inspectorul lord lordul sir regele regina printul printesa senor senora sr sra don dona hijo hija
    presidente ministro ministra juez jueza fiscal
    doctor doctora dra profesor general coronel alcalde signor signora sig giudice procuratore dottor
    dottore dottoressa dott professore generale colonnello sindaco papa onorevole primo figlio figlia
    senhor senhora relator relatora juiz juiza desembargador desembargadora doutor doutora exmo exma sgt
    gen cel promotor secretario secretaria filho filha rel min des desa impte impdo reqte reqdo agte agdo
    adv advogado advogada recte recdo embte embdo embargante embargado embargada apte apdo pan pani пан пані
    панові громадянин громадянка гр
    потерпілий потерпіла свідок підозрюваний підозрювана міністр президент суддя прокурор лікар професор
    генерал полковник господин госпожа гражданин гражданка herr frau monsieur madame mme""".split()
)
# "My name is …", "I am called …": the next word is a name, however ordinary.
_STRONG = re.compile(
    r"(?i)(?<![^\W_])(?:numele meu (?:este|e)|ma numesc|mă numesc|me llamo|mi nombre es|mi chiamo|il mio nome [eè]|"
    r"chamo-me|me chamo|meu nome [eé]|меня зовут|мене звати|моє ім'я|моє ім’я|ich heiße|ich heisse|mein name ist|"
    r"je m'appelle|je m’appelle|my name is)\s+"
)


def _foreign(languages: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(language for language in languages if language != "en")


def _surname_shaped(word: str) -> bool:
    folded = fold(word)
    return word[:1].isupper() and len(folded) >= 5 and folded.endswith(SURNAME_ENDINGS)


INTRODUCED = "introduced_name"


def introduced_names(text: str, languages: tuple[str, ...]) -> list[Finding]:
    """Capitalised words right after a title or role ("premierul Tony Blair", "lordul Butler")."""
    out: list[Finding] = []
    words = list(_WORD.finditer(text))
    i = 1
    while i < len(words):
        previous, word = words[i - 1], words[i]
        if (
            fold(previous.group()).rstrip(".") in INTRODUCERS
            and text[previous.end() : word.start()].strip(" .") == ""
            and word.group()[:1].isupper()
            and not _closed_or_title(word.group(), languages)
            and not in_product(text, word.start(), word.end())
        ):
            j = i
            while (
                j + 1 < len(words)
                and text[words[j].end() : words[j + 1].start()] == " "
                and words[j + 1].group()[:1].isupper()
                and not _closed_or_title(words[j + 1].group(), languages)
                and not in_product(text, words[j + 1].start(), words[j + 1].end())
            ):
                j += 1
            out.append(Finding(word.start(), words[j].end(), "PERSON", CONTEXT_SCORE, INTRODUCED))
            i = j + 1
            continue
        i += 1
    return out


def surname_shaped_names(text: str, languages: tuple[str, ...]) -> list[Finding]:
    """Capitalised words with a surname-only ending that are no ordinary word of the languages."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        folded = fold(word)
        if (
            word[:1].isupper()
            and len(folded) >= 6
            and folded.endswith(SURNAME_ONLY_ENDINGS)
            and not is_ordinary_in_any(word, languages, sentence_start=sentence_start(text, match.start()))
            and not in_product(text, match.start(), match.end())
        ):
            out.append(Finding(match.start(), match.end(), "PERSON", CONTEXT_SCORE, SURNAME_SHAPE))
    return out


def _introduced(text: str, start: int) -> bool:
    before = _WORD.findall(text[max(0, start - 24) : start])
    return bool(before) and fold(before[-1]).rstrip(".") in INTRODUCERS


def strong_context_names(text: str, languages: tuple[str, ...]) -> list[Finding]:
    """The word (or two capitalised words) after "my name is" in any of the languages."""
    out = []
    for match in _STRONG.finditer(text):
        words = list(_WORD.finditer(text, match.end()))[:2]
        if not words or words[0].start() != match.end():
            continue
        end = words[0].end()
        second = words[1] if len(words) > 1 else None
        if (
            second is not None
            and text[end : second.start()] == " "
            and second.group()[:1].isupper()
            and words[0].group()[:1].isupper()
        ):
            end = second.end()
        out.append(Finding(words[0].start(), end, "PERSON", CONTEXT_SCORE, CONTEXT))
    del languages  # the phrases are specific enough in any of them
    return out


def _closed_or_title(word: str, languages: tuple[str, ...]) -> bool:
    lower = word.casefold()
    return fold(word).rstrip(".") in INTRODUCERS or any(
        lower in closed_words(language) or zipf(word, language) >= FUNCTION_WORD for language in languages
    )


def _name_like(
    text: str, start: int, word: str, languages: tuple[str, ...], trusted: frozenset[str], casual: bool
) -> bool:
    """Whether a word of a PERSON span is a name here, not an ordinary word of the languages.

    ``trusted``: folded words already vouched for as names (the document's names, or
    the words of a span the NER found and a given name or surname corroborates);
    capitalised inside a sentence, they stay names even when the language's corpora
    count them often ("Dumitrescu"). In text that capitalises its sentences, a lower-case
    word is a name only after a word that introduces a person; in a casual document
    (chats in lower case) also when a name list knows it and it is not among the
    language's commonest words. The English typo rules ("cosmiina") never judge
    other languages' words.
    """
    folded = fold(word)
    if folded.rstrip(".") in INTRODUCERS or in_product(text, start, start + len(word)):
        return False  # "Ministro", "Relatora", "Domnul": the title, not the name
    first = sentence_start(text, start)
    if word[:1].isupper():
        if any(
            word.casefold() in closed_words(language) or zipf(word, language) >= FUNCTION_WORD for language in languages
        ):
            return False
        if _surname_shaped(word) or (folded in trusted and not first):
            return True
        return not is_ordinary_in_any(word, languages, sentence_start=first)
    if any(word.casefold() in closed_words(language) for language in languages):
        return False
    if casual and folded in given_names() and all(zipf(word, language) < CASUAL_NAME_MAX for language in languages):
        # Chats written in lower case: a known name is a name unless the language uses
        # it as one of its commonest words ("din", "luna" stays, "ioana" goes).
        return True
    return _introduced(text, start) and not is_ordinary_in_any(word, languages)


def _name_words(
    text: str, finding: Finding, languages: tuple[str, ...], trusted: frozenset[str], casual: bool
) -> list[tuple[int, int]]:
    """The words of a PERSON span that are names, not ordinary words of the segment's languages."""
    return [
        (m.start(), m.end())
        for m in _WORD.finditer(text, finding.start, finding.end)
        if _name_like(text, m.start(), m.group(), languages, trusted, casual)
    ]


def _corroborated(text: str, finding: Finding, languages: tuple[str, ...], document_names: frozenset[str]) -> bool:
    """A span the NER alone found holds a given name, a surname's shape, a name the
    document already uses, a word the language does not know (capitalised inside a
    sentence: "Tilbrook"), is two or more capitalised words none of which is an ordinary
    word, or follows a word that introduces a person."""
    if _introduced(text, finding.start):
        return True
    words = list(_WORD.finditer(text, finding.start, finding.end))
    if (
        len(words) >= 2
        and all(
            w.group()[:1].isupper() and not w.group().isupper() and not _closed_or_title(w.group(), languages)
            for w in words
        )
        and any(_name_like(text, w.start(), w.group(), languages, frozenset(), False) for w in words)
    ):
        return True  # "Dana Whitfield": capitalised words, no title or month among them, one a name
    for match in words:
        word = match.group()
        folded = fold(word)
        if (
            not word[:1].isupper()
            or word.isupper()
            or not _name_like(text, match.start(), word, languages, frozenset(), False)
        ):
            continue
        if folded in given_names() or _surname_shaped(word) or folded in document_names:
            return True
        rare = RARE_IN_LANGUAGE if not sentence_start(text, match.start()) else RARE_AT_SENTENCE_START
        if all(zipf(word, language) < rare for language in (*languages, "en")):
            return True
    return False


def _runs(text: str, words: list[tuple[int, int]], template: Finding) -> list[Finding]:
    """Neighbouring kept words (spaces or a hyphen between them) form one span."""
    out: list[list[int]] = []
    for start, end in words:
        if out and text[out[-1][1] : start] in (" ", "-", " - "):
            out[-1][1] = end
        else:
            out.append([start, end])
    return [Finding(s, e, template.entity_type, template.score, template.recognizer) for s, e in out]


def judge_segment(
    text: str,
    findings: Sequence[Finding],
    languages: tuple[str, ...],
    document_names: frozenset[str] = frozenset(),
    casual: bool = False,
) -> list[Finding]:
    """``findings`` with the PERSON spans of a non-English segment judged as the module says."""
    foreign = _foreign(languages)
    if not foreign:
        return list(findings)
    out = []
    for finding in findings:
        recognizers = set(finding.recognizers)
        if (
            finding.party is not None
            or recognizers & VOUCHED
            or recognizers & {CONTEXT, SURNAME_SHAPE, CAPITALISED, INTRODUCED, INITIALLED, GENITIVE}
        ):
            out.append(finding)
            continue
        if finding.entity_type == "NRP" and recognizers == {NER}:
            words = [m.group() for m in _WORD.finditer(text, finding.start, finding.end)]
            if words and all(is_ordinary_in_any(w.casefold(), foreign) for w in words):
                continue  # "români", "católicos": the English NER's nationality guess on our words
            out.append(finding)
            continue
        if finding.entity_type in ("LOCATION", "ORGANIZATION") and recognizers & {"document_names", *GAZETTEER} \
                and recognizers <= {NER, "document_names", *GAZETTEER}:
            # A name (the gazetteer's, or one the document uses for a person) that the English
            # NER reads as a place or company here: on a language it does not know its guess
            # is weaker than the name, and where its guess changes with the context around
            # the word, the name would leak where it guessed (and verify would differ).
            named = [
                m
                for m in _WORD.finditer(text, finding.start, finding.end)
                if m.group()[:1].isupper() and _name_like(text, m.start(), m.group(), foreign, document_names, casual)
            ]
            if named:
                out += [Finding(m.start(), m.end(), "PERSON", finding.score, finding.recognizer) for m in named]
                continue
        if finding.entity_type != "PERSON":
            out.append(finding)
            continue
        trusted = document_names
        if NER in recognizers:
            if (
                not recognizers & GAZETTEER
                and "document_names" not in recognizers
                and not _corroborated(text, finding, foreign, document_names)
            ):
                continue  # the English NER alone, on a language it does not know
            trusted = trusted | {fold(w) for w in _WORD.findall(text[finding.start : finding.end])}
        name_spans = _name_words(text, finding, foreign, trusted, casual)
        if name_spans:
            out += _runs(text, name_spans, finding)
    return out


def name_words_of(texts: Sequence[str], findings: Sequence[Sequence[Finding]]) -> frozenset[str]:
    """Folded words of the PERSON spans kept in a document: corroboration for its other segments."""
    words: set[str] = set()
    for text, found in zip(texts, findings, strict=True):
        for finding in found:
            if finding.entity_type == "PERSON":
                words.update(
                    fold(m.group())
                    for m in _WORD.finditer(text, finding.start, finding.end)
                    if m.group()[:1].isupper() and not in_product(text, m.start(), m.end())
                )
    return frozenset(words)


def _unclaimed(own: list[Finding], found: list[Finding]) -> list[Finding]:
    """Our name findings where no pattern recognizer read an identifier (an IBAN's
    "AAAA" group) and nothing read a date. The English NER's places and organisations
    in other languages are guesses as weak as its persons ("Urquieta" an organisation),
    so they do not hold back a name the language's own evidence shows."""
    other = [
        f for f in found
        if f.entity_type != "PERSON" and (f.entity_type == "DATE_TIME" or set(f.recognizers) != {NER})
    ]
    return [o for o in own if o.recognizer == CONTEXT or not any(o.overlaps(f) for f in other)]


def _with_own(found: list[Finding], own: list[Finding]) -> list[Finding]:
    """Own names in; an NER place or organisation over the same words gives way to them
    rather than merging into one span ("el Urquieta de la" would take its neighbours)."""
    kept = [
        f for f in found if f.entity_type == "PERSON" or NER not in f.recognizers or not any(f.overlaps(o) for o in own)
    ]
    return merge_findings([*kept, *own])


_SENTENCE_FIRST = re.compile(r"(?:^|[.!?…]\s+)[^\w]*([^\W\d_])", re.MULTILINE)


def is_casual(texts: Sequence[str]) -> bool:
    """Whether most sentences of the document start in lower case (a chat, not a statement)."""
    firsts = [m.group(1) for text in texts for m in _SENTENCE_FIRST.finditer(text)]
    return bool(firsts) and sum(c.islower() for c in firsts) >= CASUAL_SHARE * len(firsts)


def judge_document(
    segments: Sequence[Segment], findings: list[list[Finding]], fallback: Sequence[str]
) -> list[list[Finding]]:
    """A document's findings judged in each segment's language, then its names spread.

    Typed segments (a name column, a chat author) are the format's word and are left
    alone. Names are spread (``propagate_names``) only after judging, so a common word
    the English NER took for a name in one sentence is not hunted for in all the others;
    the spread occurrences are judged again (a lower-case "luna" is the month).
    """
    free = [i for i, s in enumerate(segments) if s.entity_type is None and s.text.strip()]
    languages: dict[int, tuple[str, ...]] = dict(
        zip(free, segment_languages([segments[i].text for i in free], fallback), strict=True)
    )

    casual = is_casual([segments[i].text for i in free])

    def judged(found: list[list[Finding]], names: frozenset[str]) -> list[list[Finding]]:
        return [
            judge_segment(s.text, f, languages[i], names, casual) if i in languages else f
            for i, (s, f) in enumerate(zip(segments, found, strict=True))
        ]

    # Our own name recognizers are added after the NER's spans are judged, so that a
    # name they find does not vouch for the clause the NER read around it.
    own = [
        [
            *strong_context_names(s.text, languages[i]),
            *surname_shaped_names(s.text, _foreign(languages[i])),
            *introduced_names(s.text, _foreign(languages[i])),
            *[
                f
                for f in capitalised_names(s.text, _foreign(languages[i]), INTRODUCERS)
                if not in_product(s.text, f.start, f.end)
            ],
            *initialled_names(s.text, languages[i], INTRODUCERS),
            *genitive_names(s.text, languages[i], INTRODUCERS),
        ]
        if i in languages and _foreign(languages[i])
        else []
        for i, s in enumerate(segments)
    ]
    first = judged(findings, frozenset())
    names = name_words_of([s.text for s in segments], [[*f, *o] for f, o in zip(first, own, strict=True)])
    seeded = [_with_own(f, _unclaimed(o, f)) if o else f for f, o in zip(judged(findings, names), own, strict=True)]
    final = judged(propagate_names(segments, seeded), names)
    # Last, the names the NER cut short grow over the rest of their words; not judged
    # again, as each word added was judged a name where it stands.
    return [
        extend_names(s.text, f, languages[i], INTRODUCERS) if i in languages and _foreign(languages[i]) else f
        for i, (s, f) in enumerate(zip(segments, final, strict=True))
    ]
