"""The redaction passes: a document that settles in its last pass is proven clean, so verify
need not detect it again (docs/detection-speed.md).

A stand-in detector makes the passes needed exact: the k-th name of ``CHAIN`` is found only
once k pseudonyms stand in the text (a neighbour's replacement changing the context).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from victimshield import Shield
from victimshield.detect.memo import SegmentMemo, memo_key
from victimshield.engine import MAX_PASSES, Engine
from victimshield.finding import Finding, Locator, Segment

POLICY = Path(__file__).resolve().parents[1] / "policies" / "examples" / "ro-to-gb.yaml"
CHAIN = ("Alice", "Bruno", "Carla", "Dorin", "Emil")


class ChainDetector:
    """Finds the k-th name of the chain once k pseudonyms precede it; counts what it is asked."""

    def __init__(self) -> None:
        self.segments_detected = 0

    def detect_documents(self, documents: Sequence[Sequence[Segment]],
                         memo: SegmentMemo | None = None) -> list[list[list[Finding]]]:
        # As the real Detector: a segment whose own findings the memo holds is not read again.
        out = []
        for segments in documents:
            found = []
            for segment in segments:
                known = memo.get(memo_key(segment)) if memo is not None else None
                if known is None:
                    self.segments_detected += 1
                    known = self._find(segment.text)
                    if memo is not None:
                        memo.put(memo_key(segment), known)
                found.append(known)
            out.append(found)
        return out

    @staticmethod
    def _find(text: str) -> list[Finding]:
        products = text.count("PERSON-")
        found = []
        for k, name in enumerate(CHAIN):
            at = text.find(name)
            if at >= 0 and k <= products:
                found.append(Finding(at, at + len(name), "PERSON", 0.9, "chain"))
        return found


@pytest.fixture(scope="module")
def real_engine() -> Engine:
    shield = Shield.from_files(POLICY, "GB", key=bytes(32))
    engine: Engine = shield._engine
    return engine


def _engine(real: Engine, detector: ChainDetector) -> Engine:
    return Engine(detector, real.policy, real.destination, real.transformer)  # type: ignore[arg-type]


def _segment(names: int) -> Segment:
    return Segment(" and ".join(CHAIN[:names]) + " met.", Locator("input 1"))


def test_a_document_that_settles_in_the_last_pass_is_proven_clean(real_engine: Engine) -> None:
    detector = ChainDetector()
    done = _engine(real_engine, detector).redact([_segment(MAX_PASSES), Segment("nobody here", Locator("input 1"))])
    assert done.clean
    assert not any(name in done.texts[0] for name in CHAIN[:MAX_PASSES])
    # Passes 1..3 and the check: the check detected only the one segment the last pass changed.
    assert detector.segments_detected == 2 + 1 + 1 + 1


def test_a_document_still_changing_after_the_last_pass_is_not_proven_and_keeps_what_is_left(
    real_engine: Engine,
) -> None:
    done = _engine(real_engine, ChainDetector()).redact([_segment(MAX_PASSES + 1)])
    assert not done.clean  # verify detects it again and reports what is left
    assert CHAIN[MAX_PASSES] in done.texts[0]
    assert not any(name in done.texts[0] for name in CHAIN[:MAX_PASSES])
