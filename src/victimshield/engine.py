"""Detect -> decide -> transform over a batch of segments, until nothing changes.

A replaced value changes its neighbours' context, and the NER may see a name
it missed before; so the result is detected again and treated again (a few
passes at most). What the last pass would still change is what ``verify`` reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from victimshield.decide import Decision, Plan, decide
from victimshield.detect.engine import Detector
from victimshield.detect.keep_terms import KeepTerms
from victimshield.detect.lines import split_at_line_breaks
from victimshield.finding import Finding, Segment
from victimshield.policy.model import Policy
from victimshield.transform.aliases import NameAliases
from victimshield.transform.apply import Transformer
from victimshield.transform.products import neutral_text, strip_products
from victimshield.vocabulary import Action

MAX_PASSES = 3
_ALWAYS_CHANGES = frozenset({Action.REDACT, Action.PSEUDONYMIZE, Action.ENCRYPT})
CountKey = tuple[str, str, str, str]  # role, entity type, action, rule
Accept = Callable[[Finding], bool]


@dataclass(frozen=True, slots=True)
class Leak:
    """A span the policy does not let leave, described without its value."""

    locator: str
    start: int
    end: int
    entity_type: str
    role: str
    action: str
    rule: str

    def describe(self) -> str:
        return (
            f"{self.locator}: chars {self.start}-{self.end}: {self.role} {self.entity_type} "
            f"(rule {self.rule}: {self.action})"
        )


@dataclass(frozen=True)
class Redaction:
    """Redacted texts, the first pass's plan, counts over all passes, and whether the
    last pass found every final text clean (then verify need not detect them again)."""

    texts: tuple[str, ...]
    plan: Plan
    counts: Counter[CountKey]
    clean: bool

    def __repr__(self) -> str:
        return f"Redaction(segments={len(self.texts)}, clean={self.clean})"


class Engine:
    def __init__(self, detector: Detector, policy: Policy, destination: str, transformer: Transformer):
        self.detector = detector
        self.policy = policy
        self.destination = destination
        self.transformer = transformer
        self.keep_terms = KeepTerms(policy.keep_terms)

    def __repr__(self) -> str:
        return f"Engine(policy={self.policy.policy!r}, to={self.destination!r})"

    def plan(self, segments: Sequence[Segment], accept: Accept | None = None) -> Plan:
        """Detect and decide; ``accept`` (when given) says which findings count at all."""
        # Keyed output (pseudonym digits, ciphertexts) is read as fixed characters: the
        # findings of a later pass, or of verify, must not depend on the case key.
        findings = self.detector.detect([replace(s, text=neutral_text(s.text)) for s in segments])
        if accept is not None:
            findings = [[f for f in found if accept(f)] for found in findings]
        if self.keep_terms:
            findings = [self.keep_terms.drop_kept(s.text, found) for s, found in zip(segments, findings, strict=True)]
        cleaned = [
            split_at_line_breaks(s.text, strip_products(s.text, f)) for s, f in zip(segments, findings, strict=True)
        ]
        return decide(cleaned, self.policy, self.destination)

    def _would_change(self, decision: Decision, text: str) -> bool:
        if decision.action is Action.KEEP:
            return False
        if decision.action in _ALWAYS_CHANGES:
            return True  # decided without the key, so verify needs none
        value = text[decision.finding.start : decision.finding.end]
        return self.transformer.replacement(decision, value) != value

    def _changing(self, texts: Sequence[str], plan: Plan) -> Plan:
        return Plan(
            tuple(
                tuple(d for d in decisions if self._would_change(d, text))
                for text, decisions in zip(texts, plan.segments, strict=True)
            )
        )

    def redact(self, segments: Sequence[Segment], accept: Accept | None = None) -> Redaction:
        """Redact a batch; re-detect only the segments a pass changed, until none changes."""
        texts = [s.text for s in segments]
        pending = list(range(len(segments)))
        first_plan: Plan | None = None
        counts: Counter[CountKey] = Counter()
        clean = False
        for pass_number in range(MAX_PASSES):
            plan = self.plan([replace(segments[i], text=texts[i]) for i in pending], accept)
            changing = self._changing([texts[i] for i in pending], plan)
            if pass_number == 0:
                first_plan = plan
                counts += plan.counts()
                aliases = NameAliases.from_plan(texts, plan)
            else:
                counts += changing.counts()
            still = [(i, decisions) for i, decisions in zip(pending, changing.segments, strict=True) if decisions]
            if not still:
                clean = True  # this pass saw every final text and would change nothing
                break
            for i, decisions in still:
                texts[i] = self.transformer.apply(texts[i], decisions, aliases)
            pending = [i for i, _ in still]
        assert first_plan is not None
        return Redaction(tuple(texts), first_plan, counts, clean)

    def leaks(self, segments: Sequence[Segment], accept: Accept | None = None) -> list[Leak]:
        """What in these segments the policy would still change: empty means clean."""
        plan = self.plan(segments, accept)
        texts = [s.text for s in segments]
        found = []
        for segment, decisions in zip(segments, self._changing(texts, plan).segments, strict=True):
            for d in decisions:
                found.append(
                    Leak(segment.locator.describe(), d.finding.start, d.finding.end, d.finding.entity_type,
                         d.finding.role.value, d.action.value, d.rule_name)
                )
        return found
