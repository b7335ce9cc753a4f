"""Detection does less work for the same findings (docs/detection-speed.md).

Speed itself is measured by ``benchmarks.chat_speed``, never here: these tests defend that
each shortcut gives exactly what the longer way gives.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from victimshield.detect.presidio_adapter import PresidioAdapter
from victimshield.detect.specs import load_specs
from victimshield.finding import Finding
from victimshield.policy.model import DetectionSettings

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
