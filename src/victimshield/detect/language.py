"""Which language a segment is written in, so that each language's words are judged by its own rules.

Identification uses ``py3langid`` (BSD-3-Clause; offline, its model ships in the
wheel), restricted to the languages of the evidence these cases see. On the dev sets
it was as accurate as ``lingua-language-detector`` on sentences and three-word
fragments, and ten times faster (``benchmarks/languages/identify.py``, README). A segment
too short to tell (a chat message "ok", "da") takes its document's language; a document
with no clear language takes the case's languages (the policy's ``from``/``to`` and the
roster's phone countries), never "unknown".
The detector is built once per process, lazily, on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

# ISO 639-1 codes of the languages identified: those whose word frequencies ``wordfreq``
# has (a language without them would be judged by another's words).
SUPPORTED = (
    "en", "ro", "es", "it", "pt", "uk", "ru", "de", "fr", "pl", "nl", "bg", "hu", "cs",
    "sk", "tr", "el", "vi", "sv", "da", "fi", "lt", "lv",
)
# Countries (ISO 3166) to their main languages: the fallback when text says nothing.
REGION_LANGUAGES = {
    "RO": ("ro",), "MD": ("ro",), "ES": ("es",), "MX": ("es",), "AR": ("es",), "CO": ("es",),
    "IT": ("it",), "PT": ("pt",), "BR": ("pt",), "UA": ("uk",), "RU": ("ru",), "PL": ("pl",),
    "DE": ("de",), "AT": ("de",), "CH": ("de", "fr", "it"), "FR": ("fr",), "BE": ("fr", "nl"),
    "NL": ("nl",), "BG": ("bg",), "HU": ("hu",), "CZ": ("cs",), "SK": ("sk",), "TR": ("tr",),
    "GR": ("el",), "VN": ("vi",), "SE": ("sv",),
    "DK": ("da",), "FI": ("fi",), "LT": ("lt",), "LV": ("lv",), "GB": ("en",), "IE": ("en",),
    "US": ("en",), "NG": ("en",), "CA": ("en", "fr"), "AU": ("en",),
}
# Fewer letters than this and a segment's own guess is not trusted.
MIN_LETTERS = 16
MIN_CONFIDENCE = 0.6
# A language neither the document nor the case suggests must be this clear ("ok da" is not Danish).
MIN_CONFIDENCE_UNEXPECTED = 0.95
_LETTER = re.compile(r"[^\W\d_]")
DOCUMENT_SAMPLE = 4000


def languages_for_regions(regions: Iterable[str]) -> tuple[str, ...]:
    """The case's languages, in order, from its countries; English if none is known."""
    out: list[str] = []
    for region in regions:
        out += REGION_LANGUAGES.get(region.upper(), ())
    return tuple(dict.fromkeys(out)) or ("en",)


_BLOB = re.compile(r"\S{41,}")
IDENTIFY_SAMPLE = 5_000  # characters: enough to tell a language, bounded for very long segments


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in SUPPORTED if code in identifier.nb_classes])
    return identifier


def classify(text: str) -> tuple[str, float]:
    """The identifier's best guess and its probability, however short the text."""
    code, probability = _identifier().classify(text)
    return str(code), float(probability)


def identify(text: str) -> tuple[str, float] | None:
    """The most likely language of ``text`` and its confidence; None without enough letters.

    Runs of 41 or more non-space characters (a pasted blob, a digest, a URL) are left out:
    no language has such words, and a long one outweighs the sentence around it."""
    text = _BLOB.sub(" ", text[:IDENTIFY_SAMPLE * 4])[:IDENTIFY_SAMPLE]
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return None
    return classify(text)


def segment_languages(texts: Sequence[str], fallback: Sequence[str]) -> list[tuple[str, ...]]:
    """One tuple of languages per text: its own when clear, else the document's, else ``fallback``."""
    document = identify(" ".join(texts)[:DOCUMENT_SAMPLE])
    default = (document[0],) if document and document[1] >= MIN_CONFIDENCE else tuple(fallback) or ("en",)
    expected = {*default, *fallback}
    out = []
    guesses: dict[str, tuple[str, float] | None] = {}  # a repeated text ("ok") is identified once
    for text in texts:
        if text not in guesses:
            guesses[text] = identify(text)
        guess = guesses[text]
        needed = MIN_CONFIDENCE if guess and guess[0] in expected else MIN_CONFIDENCE_UNEXPECTED
        out.append((guess[0],) if guess and guess[1] >= needed else default)
    return out
