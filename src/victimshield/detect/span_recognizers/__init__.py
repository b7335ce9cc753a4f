"""Recognizers whose logic needs Python (see ``SpanRecognizer`` in ``detect.engine``).

``default_span_recognizers`` builds the set a run uses; ``regions`` are the
ISO 3166 codes the policy (``from``, ``to``) and the roster's phone numbers suggest.
"""

from __future__ import annotations

from collections.abc import Sequence

from victimshield.detect.engine import SpanRecognizer


def default_span_recognizers(regions: Sequence[str]) -> list[SpanRecognizer]:
    return []
