"""Policies: what may leave, per destination, role and entity type."""

from victimshield.policy.load import effective_digest, load_policy
from victimshield.policy.model import Policy, Rule

__all__ = ["Policy", "Rule", "effective_digest", "load_policy"]
