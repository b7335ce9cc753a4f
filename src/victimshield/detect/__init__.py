"""Detection stage: segments -> findings."""

from victimshield.detect.engine import Detector, SpanRecognizer
from victimshield.detect.specs import RecognizerSpec, load_specs

__all__ = ["Detector", "RecognizerSpec", "SpanRecognizer", "load_specs"]
