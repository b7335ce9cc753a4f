"""Shared fixtures: one Detector (spaCy + Presidio + YAML specs + span recognizers) per session.

Helpers describe findings by type and span only, never by the text they cover,
so a failure message holds no value (a habit: the test data is synthetic).
"""

from __future__ import annotations

import pytest

from victimshield.detect.engine import Detector
from victimshield.detect.span_recognizers import default_span_recognizers
from victimshield.detect.specs import load_specs
from victimshield.finding import Finding, Locator, Segment
from victimshield.policy.model import DetectionSettings

REGIONS = ("RO", "GB")


def span_of(text: str, value: str) -> tuple[int, int]:
    start = text.index(value)
    return start, start + len(value)


def described(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """What a failure message may show: type and span."""
    return [(f.entity_type, f.start, f.end) for f in findings]


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(DetectionSettings(), load_specs(), None, default_span_recognizers(REGIONS))


@pytest.fixture(scope="session")
def specs_only_detector() -> Detector:
    """Presidio and the YAML specs, without the Python recognizers: to test specs alone."""
    return Detector(DetectionSettings(), load_specs())


def detect_one(detector: Detector, text: str) -> list[Finding]:
    return detector.detect([Segment(text, Locator("test"))])[0]
