"""Detect -> decide -> transform over a batch of segments, until nothing changes.

A replaced value changes its neighbours' context, and the NER may see a name
it missed before; so the result is detected again and treated again (a few
passes at most). What the last pass would still change is what ``verify`` reports;
a document whose last pass left nothing to change is proven clean and verify does
not detect it again (docs/detection-speed.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from victimshield.decide import Decision, Plan, decide
from victimshield.detect.engine import Detector
from victimshield.detect.keep_terms import KeepTerms
from victimshield.detect.lines import split_at_line_breaks
from victimshield.detect.memo import SegmentMemo
from victimshield.finding import Finding, Segment
from victimshield.operators.base import trait
from victimshield.policy.model import Policy
from victimshield.transform.aliases import NameAliases
from victimshield.transform.apply import Transformer
from victimshield.vocabulary import Action

MAX_PASSES = 3
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


class _Run:
    """One document's state across redaction passes."""

    def __init__(self, segments: Sequence[Segment], earlier_names: Iterable[str] = ()):
        self.segments = segments
        self.earlier_names = earlier_names  # of the parts before, for a big input redacted in parts
        self.texts = [s.text for s in segments]
        self.pending = list(range(len(segments)))
        self.first_plan: Plan | None = None
        self.counts: Counter[CountKey] = Counter()
        self.aliases: NameAliases | None = None
        self.clean = False

    def __repr__(self) -> str:
        return f"_Run(segments={len(self.texts)}, pending={len(self.pending)})"

    def current_segments(self) -> list[Segment]:
        return [replace(segment, text=text) for segment, text in zip(self.segments, self.texts, strict=True)]

    def result(self) -> Redaction:
        if self.first_plan is None:  # no segments at all: nothing to plan
            self.first_plan = Plan(())
            self.clean = True
        return Redaction(tuple(self.texts), self.first_plan, self.counts, self.clean)


class Engine:
    def __init__(self, detector: Detector, policy: Policy, destination: str, transformer: Transformer):
        self.detector = detector
        self.policy = policy
        self.destination = destination
        self.transformer = transformer
        self.keep_terms = KeepTerms(policy.keep_terms)

    def __repr__(self) -> str:
        return f"Engine(policy={self.policy.policy!r}, to={self.destination!r})"

    def plan(self, segments: Sequence[Segment], accept: Accept | None = None, memo: SegmentMemo | None = None) -> Plan:
        """Detect and decide; ``accept`` (when given) says which findings count at all."""
        return self.plan_documents([segments], accept, memo)[0]

    def plan_documents(self, documents: Sequence[Sequence[Segment]], accept: Accept | None = None,
                       memo: SegmentMemo | None = None) -> list[Plan]:
        """``plan`` for each document, detected in one batch (``memo``: see ``detect.memo``)."""
        # Keyed output (pseudonym digits, ciphertexts) is read as fixed characters: the
        # findings of a later pass, or of verify, must not depend on the case key.
        neutral = [[replace(s, text=self.transformer.neutral_text(s.text)) for s in segments] for segments in documents]
        detected = self.detector.detect_documents(neutral, memo)
        return [
            self._decided(segments, findings, accept) for segments, findings in zip(documents, detected, strict=True)
        ]

    def _decided(self, segments: Sequence[Segment], findings: list[list[Finding]], accept: Accept | None) -> Plan:
        if accept is not None:
            findings = [[f for f in found if accept(f)] for found in findings]
        if self.keep_terms:
            findings = [self.keep_terms.drop_kept(s.text, found) for s, found in zip(segments, findings, strict=True)]
        strip = self.transformer.strip_products
        cleaned = [split_at_line_breaks(s.text, strip(s.text, f)) for s, f in zip(segments, findings, strict=True)]
        return decide(cleaned, self.policy, self.destination)

    def _would_change(self, decision: Decision, text: str) -> bool:
        operator = self.transformer.operator(decision.action)
        if operator.operator_name() == Action.KEEP.value:
            return False
        if trait(operator, "always_changes"):
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

    def redact(self, segments: Sequence[Segment], accept: Accept | None = None, *,
               earlier_names: Iterable[str] = (), memo: SegmentMemo | None = None) -> Redaction:
        """Redact a batch; re-detect only the segments a pass changed, until none changes.
        ``earlier_names``: names of people outside the roster found in the earlier parts of
        the same input (``stream.py``), so a short name here can take a full name's pseudonym;
        ``memo``: segments' own findings remembered across those parts (``detect.memo``)."""
        runs = [_Run(segments, earlier_names)]
        self._redact_runs(runs, accept, memo)
        return runs[0].result()

    def redact_documents(self, documents: Sequence[Sequence[Segment]], accept: Accept | None = None) -> list[Redaction]:
        """``redact`` for each document; each pass reads the changed segments of all in one batch."""
        runs = [_Run(segments) for segments in documents]
        self._redact_runs(runs, accept)
        return [run.result() for run in runs]

    def _redact_runs(self, runs: Sequence[_Run], accept: Accept | None, memo: SegmentMemo | None = None) -> None:
        # Every pass judges each whole document, as verify will: a name is spread, and a
        # language told, over all of its segments, so a pass that saw only the changed ones
        # could call clean what verify then refuses. Only the segments a pass changed are
        # read again by the models; the others' own findings come from the memo.
        # After the last pass that may change texts, one more proves the result clean:
        # otherwise a document that settles in its last pass would go unproven and verify
        # would detect all of its segments again.
        memo = memo if memo is not None else SegmentMemo()
        for pass_number in range(MAX_PASSES + 1):
            active = [run for run in runs if run.pending]
            if not active:
                break
            plans = self.plan_documents([run.current_segments() for run in active], accept, memo)
            for run, plan in zip(active, plans, strict=True):
                if pass_number < MAX_PASSES:
                    self._pass(run, plan, pass_number)
                else:
                    self._check(run, plan)

    def _check(self, run: _Run, plan: Plan) -> None:
        """Mark the run clean if its last pass left nothing to change; change nothing (what
        would still change is verify's to report)."""
        changing = self._changing(run.texts, plan)
        run.clean = not any(changing.segments)

    def _pass(self, run: _Run, plan: Plan, pass_number: int) -> None:
        changing = self._changing(run.texts, plan)
        if pass_number == 0:
            run.first_plan = plan
            run.counts += plan.counts()
            run.aliases = NameAliases.from_plan(run.texts, plan, run.earlier_names)
        else:
            run.counts += changing.counts()
        still = [(i, decisions) for i, decisions in enumerate(changing.segments) if decisions]
        if not still:
            run.clean = True  # this pass saw every final text and would change nothing
            run.pending = []
            return
        for i, decisions in still:
            run.texts[i] = self.transformer.apply(run.texts[i], decisions, run.aliases)
        run.pending = [i for i, _ in still]

    def leaks(self, segments: Sequence[Segment], accept: Accept | None = None,
              memo: SegmentMemo | None = None) -> list[Leak]:
        """What in these segments the policy would still change: empty means clean."""
        plan = self.plan(segments, accept, memo)
        texts = [s.text for s in segments]
        found = []
        for segment, decisions in zip(segments, self._changing(texts, plan).segments, strict=True):
            for d in decisions:
                found.append(
                    Leak(segment.locator.describe(), d.finding.start, d.finding.end, d.finding.entity_type,
                         d.finding.role.value, str(d.action), d.rule_name)
                )
        return found
