"""Decide: findings + policy + destination -> a plan. Pure: no I/O, no key, no text.

One decision per finding, naming the policy rule that made it; the transform
stage applies the plan and the manifest reports it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from victimshield.errors import DestinationError
from victimshield.finding import Finding
from victimshield.policy.model import Policy, Rule
from victimshield.vocabulary import CASE_KEY, CASE_KEY_RECOGNIZER, Action

# The case key is never evidence: no policy rule may keep, mask or pseudonymize it.
CASE_KEY_RULE = "built-in: the case key never leaves"
_REDACT = Rule(action=Action.REDACT)


@dataclass(frozen=True, slots=True)
class Decision:
    finding: Finding
    rule: Rule
    rule_name: str

    @property
    def action(self) -> Action | str:
        return self.rule.action


@dataclass(frozen=True, slots=True)
class Plan:
    """Decisions per segment, aligned with the segments they were made for."""

    segments: tuple[tuple[Decision, ...], ...]

    def decisions(self) -> Iterable[Decision]:
        for decisions in self.segments:
            yield from decisions

    def counts(self) -> Counter[tuple[str, str, str, str]]:
        """(role, entity type, action, rule) -> how many spans."""
        return Counter(
            (d.finding.role.value, d.finding.entity_type, str(d.action), d.rule_name) for d in self.decisions()
        )


def check_destination(policy: Policy, destination: str) -> str:
    code = destination.strip().upper()
    if code not in {d.upper() for d in policy.to}:
        allowed = ", ".join(policy.to) or "none: this policy is only a base to extend"
        raise DestinationError(
            f"policy '{policy.policy}' is not written for destination '{destination}' (its `to:` lists {allowed})"
        )
    return code


def decide(findings: Sequence[Sequence[Finding]], policy: Policy, destination: str) -> Plan:
    check_destination(policy, destination)
    segments = []
    for segment_findings in findings:
        decisions = []
        for finding in segment_findings:
            if CASE_KEY_RECOGNIZER in finding.recognizers:
                # Whatever else the span was read as, it holds the key: say so in the plan.
                decisions.append(Decision(replace(finding, entity_type=CASE_KEY), _REDACT, CASE_KEY_RULE))
                continue
            rule, name = policy.rule_for(finding.role, finding.entity_type)
            decisions.append(Decision(finding, rule, name))
        segments.append(tuple(decisions))
    return Plan(tuple(segments))
