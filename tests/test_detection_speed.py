"""Detection does less work for the same findings (docs/detection-speed.md).

Speed itself is measured by ``benchmarks.chat_speed``, never here: these tests defend that
each shortcut gives exactly what the longer way gives.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from victimshield.detect.presidio_adapter import PresidioAdapter, lemma_pipes, likely_needs_lemmas
from victimshield.detect.specs import load_specs
from victimshield.finding import Finding
from victimshield.policy.model import DetectionSettings
from victimshield.roster import common_words

WORDS = ["my", "phone", "number", "is", "card", "credit", "account", "social", "security", "call", "me", "on",
         "passport", "driver", "license", "bank", "routing", "the", "and", "or", "send", "to", "tel", "ssn",
         "visa", "iban", "mobile", "date", "birth", "ip", "address", "ok", "at", "from", "id", ",", ".", ":"]


def _number(rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(16))
    shapes = [
        digits[:9], digits[:10], digits[:12], digits[:16],
        f"{digits[:3]}-{digits[3:5]}-{digits[5:9]}", f"+44 {digits[:4]} {digits[4:10]}",
        f"07{digits[:3]} {digits[3:9]}", f"{rng.randint(1, 254)}.{rng.randint(0, 254)}.{rng.randint(0, 254)}.9",
        f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/19{rng.randint(50, 99)}", "4111 1111 1111 1111",
        f"A{digits[:8]}", f"GB82WEST{digits[:14]}",
    ]
    return rng.choice(shapes)


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [_number(rng) if rng.random() < 0.25 else rng.choice(WORDS) for _ in range(rng.randint(5, 160))]
        texts.append(" ".join(words))
    return texts


def _described(findings: list[list[Finding]]) -> list[list[tuple[str, int, int, float, tuple[str, ...]]]]:
    # Types, spans, scores and recognizers: what a failure may show (the texts are generated).
    return [[(f.entity_type, f.start, f.end, f.score, f.recognizers) for f in found] for found in findings]


@pytest.fixture(scope="module")
def adapter() -> PresidioAdapter:
    return PresidioAdapter(DetectionSettings(), load_specs())


def test_indexed_context_enhancer_gives_the_scores_presidios_own_gives(adapter: PresidioAdapter) -> None:
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    texts = _texts(seed=11, count=60)
    ours = adapter.analyze_batch(texts)
    analyzer: Any = adapter._analyzer
    indexed = analyzer.context_aware_enhancer
    assert type(indexed) is not LemmaContextAwareEnhancer  # the adapter runs the indexed one
    try:
        analyzer.context_aware_enhancer = LemmaContextAwareEnhancer()
        presidios = adapter.analyze_batch(texts)
        # The texts must hold results that context words change, or the comparison says little.
        analyzer.context_aware_enhancer = LemmaContextAwareEnhancer(0.0, 0.0)
        unboosted = adapter.analyze_batch(texts)
    finally:
        analyzer.context_aware_enhancer = indexed
    assert _described(ours) == _described(presidios)
    assert _described(ours) != _described(unboosted)


def test_a_text_repeated_in_a_batch_is_analysed_once_with_the_findings_it_gets_alone(
    adapter: PresidioAdapter,
) -> None:
    first, second = _texts(seed=12, count=2)
    alone = [adapter.analyze_batch([first])[0], adapter.analyze_batch([second])[0]]
    analyzer: Any = adapter._analyzer
    analyze = analyzer.analyze
    calls: list[int] = []

    def counted(**kwargs: Any) -> Any:
        calls.append(1)
        return analyze(**kwargs)

    analyzer.analyze = counted
    try:
        batch = adapter.analyze_batch([first, second, first, first, second])
    finally:
        del analyzer.analyze  # the instance attribute goes; the class's method is back
    assert len(calls) == 2
    assert _described(batch) == _described([alone[0], alone[1], alone[0], alone[0], alone[1]])
    assert batch[0] is not batch[2]  # each segment gets its own list to extend


def _artifacts_described(artifacts: Any) -> list[tuple[Any, ...]]:
    return [
        (text, [(e.start_char, e.end_char, e.label_) for e in a.entities], a.scores, a.tokens_indices, a.lemmas,
         a.keywords)
        for text, a in artifacts
    ]


def test_lemma_pipes_run_after_the_ner_give_the_artifacts_the_whole_pipeline_gives(adapter: PresidioAdapter) -> None:
    texts = [*_texts(seed=13, count=30), "call Ioana Popescu tomorrow in London", "ok", "", "date of birth 1/2/60"]
    assert any(not likely_needs_lemmas(t) for t in texts) and any(likely_needs_lemmas(t) for t in texts)
    adapter.analyze_batch(texts[:1])  # loads the models
    assert adapter._later  # the shipped model's tagger and lemmatizer can wait for the NER
    engine: Any = adapter._engine
    whole = list(engine.process_batch(texts, "en", batch_size=8))
    assert _artifacts_described(adapter._artifacts(texts, 8)) == _artifacts_described(whole)


def test_findings_are_the_same_whether_the_lemma_pipes_wait_or_not(adapter: PresidioAdapter) -> None:
    # Texts the batch guess misses and that still need lemmas (a date near "birth", an IP
    # address near "ip") get them on their own: the findings must not change.
    texts = [*_texts(seed=14, count=40), "date of birth 1/2/60", "my ip address 10.1.1.9", "call me"]
    missed = [t for t in texts if not likely_needs_lemmas(t)]
    analyzer: Any = adapter._analyzer
    asked = []
    for text, artifacts in adapter._artifacts(missed, 8):
        analyzer.analyze(text=text, language="en", nlp_artifacts=artifacts)
        asked.append(artifacts._lemmas is not None)
    assert any(asked)  # some text the guess missed did need its lemmas
    later = adapter._later
    lazily = adapter.analyze_batch(texts)
    adapter._later = ()
    try:
        at_once = adapter.analyze_batch(texts)
    finally:
        adapter._later = later
    assert _described(lazily) == _described(at_once)
    assert any(f.recognizers for found in lazily for f in found)


class _Pipe:
    def __init__(self, listening: tuple[str, ...] = (), patterns: tuple[dict[str, Any], ...] = ()):
        self.listening_components = listening
        self.patterns = patterns


class _Pipeline:
    def __init__(self, *pipes: tuple[str, _Pipe]):
        self.pipeline = list(pipes)
        self.pipe_names = [name for name, _ in pipes]


def test_lemma_pipes_wait_only_when_the_ner_cannot_depend_on_them() -> None:
    ruler = _Pipe(patterns=({"attrs": {"POS": "X", "LEMMA": "x"}},))
    tagging = [("tok2vec", _Pipe()), ("tagger", _Pipe()), ("attribute_ruler", ruler), ("lemmatizer", _Pipe())]
    assert lemma_pipes(_Pipeline(*tagging, ("ner", _Pipe()))) == ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
    # The NER listens to the shared tok2vec: it needs it first.
    assert lemma_pipes(_Pipeline(("tok2vec", _Pipe(listening=("tagger", "ner"))), *tagging[1:], ("ner", _Pipe()))) == ()
    # An attribute ruler that sets what the NER reads.
    norm = ("attribute_ruler", _Pipe(patterns=({"attrs": {"NORM": "x"}},)))
    assert lemma_pipes(_Pipeline(*tagging[:2], norm, tagging[3], ("ner", _Pipe()))) == ()
    # A pipe after the NER (it may change the entities), or one this module does not know.
    assert lemma_pipes(_Pipeline(*tagging, ("ner", _Pipe()), ("entity_ruler", _Pipe()))) == ()
    assert lemma_pipes(_Pipeline(("parser", _Pipe()), ("ner", _Pipe()))) == ()


@pytest.fixture
def word_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("VICTIMSHIELD_CACHE", str(tmp_path))
    common_words._zipf_table.cache_clear()
    yield tmp_path
    common_words._zipf_table.cache_clear()  # the next user reads the real cache's table again


def _no_distilling() -> dict[str, float]:
    raise AssertionError("distilled again although the cache holds the table")


def test_the_word_table_read_from_the_cache_is_the_one_distilled(
    word_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distilled = common_words._distil()
    first = dict(common_words._zipf_table())  # no cache file yet: distils and writes one
    assert first == distilled
    assert common_words.cache_path().parent == word_cache and common_words.cache_path().is_file()
    common_words._zipf_table.cache_clear()
    monkeypatch.setattr(common_words, "_distil", _no_distilling)
    assert dict(common_words._zipf_table()) == distilled
    assert common_words.zipf("the") == distilled["the"] > 6


@pytest.mark.parametrize("damage", [b"", b"not gzip at all", b"\x1f\x8b\x08\x00garbled"])
def test_a_damaged_word_table_cache_is_distilled_again(word_cache: Path, damage: bytes) -> None:
    path = common_words.cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(damage)
    assert dict(common_words._zipf_table()) == common_words._distil()
    common_words._zipf_table.cache_clear()
    assert dict(common_words._zipf_table()) == common_words._distil()  # rewritten whole
