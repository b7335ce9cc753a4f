"""The recognizer spec schema lives with the policy data (``policy.specs``); detection reads it from here."""

from victimshield.policy.specs import PatternSpec, RecognizerSpec, load_spec_dirs, load_specs

__all__ = ["PatternSpec", "RecognizerSpec", "load_spec_dirs", "load_specs"]
