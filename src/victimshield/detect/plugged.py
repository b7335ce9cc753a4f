"""Recognizers a caller plugs into a Shield: VictimShield span recognizers and Presidio's.

A Presidio ``EntityRecognizer`` runs inside the Presidio analyzer with the built-in ones
(wrapped by ``presidio_adapter``, the only module that touches Presidio); anything with a
``name`` and a ``find(text)`` runs as a span recognizer. The entity types they declare
(``supported_entities``) are the names a policy of that shield may use beyond the built-in ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from victimshield.detect.engine import SpanRecognizer
from victimshield.detect.presidio_adapter import (
    PluggedRecognizer,
    is_presidio_recognizer,
)
from victimshield.detect.specs import RecognizerSpec
from victimshield.errors import UsageError
from victimshield.policy.model import ENTITY_NAME


@dataclass(frozen=True)
class Plugins:
    """A shield's own recognizers, sorted by how they run."""

    span: tuple[SpanRecognizer, ...] = ()
    presidio: tuple[PluggedRecognizer, ...] = ()

    @classmethod
    def sort(cls, recognizers: Iterable[object]) -> Plugins:
        span: list[SpanRecognizer] = []
        presidio: list[PluggedRecognizer] = []
        for position, recognizer in enumerate(recognizers, start=1):
            if is_presidio_recognizer(recognizer):
                presidio.append(PluggedRecognizer(recognizer))
            elif callable(getattr(recognizer, "find", None)) and isinstance(getattr(recognizer, "name", None), str):
                span.append(cast(SpanRecognizer, recognizer))
            else:
                raise UsageError(f"recognizer {position} is neither a presidio_analyzer.EntityRecognizer nor "
                                 "a span recognizer (a `name` and a `find(text)` method)")
        plugins = cls(tuple(span), tuple(presidio))
        bad = sorted(t for t in plugins.entity_types() if not ENTITY_NAME.fullmatch(t))
        if bad:
            raise UsageError(f"{len(bad)} declared entity type(s) are not written in capitals, digits and '_'")
        return plugins

    def entity_types(self) -> frozenset[str]:
        declared = {t for r in self.presidio for t in r.supported_entities}
        for recognizer in self.span:
            declared.update(str(t) for t in getattr(recognizer, "supported_entities", ()))
        return frozenset(declared)


def declared_types(specs: Sequence[RecognizerSpec], plugins: Plugins) -> frozenset[str]:
    """Every entity type the specs and the plugged-in recognizers of one shield declare."""
    return frozenset(s.entity for s in specs) | plugins.entity_types()
