"""Where each decision of a redaction landed in the redacted text (for highlighting).

A plan's offsets point into the original text, which a result never keeps. While the
original is still at hand, the redacted text is aligned with it: the text between two
decided spans is unchanged by their pass, a kept span is unchanged, and a replaced span
is whatever lies between the unchanged pieces around it. Only positions are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from victimshield.decide import Decision
from victimshield.transform.products import PRODUCT_RE
from victimshield.vocabulary import Action

Span = tuple[int, int]
_BUDGET = 20_000  # alignment steps before giving up on the exact walk
_DIFF_LIMIT = 20_000  # characters: beyond this, difflib's quadratic worst case is not worth it
_ANCHOR = 3  # unchanged characters in a row that count as the same place in both texts


def output_spans(original: str, redacted: str, decisions: Sequence[Decision]) -> tuple[Span, ...] | None:
    """One (start, end) in ``redacted`` per decision, in the order given; None if unknown."""
    order = sorted(range(len(decisions)), key=lambda i: decisions[i].finding.start)
    ordered = [decisions[i] for i in order]
    found = _walk(original, redacted, ordered) or _by_diff(original, redacted, ordered)
    if found is None:
        return None
    spans: list[Span] = [(0, 0)] * len(decisions)
    for i, span in zip(order, found, strict=True):
        spans[i] = span
    return tuple(spans)


def _walk(original: str, redacted: str, ordered: Sequence[Decision]) -> list[Span] | None:
    """Exact alignment when only these decisions changed the text (one pass); a depth-first
    search over where each replacement ends, without recursion (a file may hold thousands)."""
    if any(d.finding.start < (ordered[i - 1].finding.end if i else 0) for i, d in enumerate(ordered)):
        return None  # overlapping spans: not a plan the transform applied
    bounds = [0] + [d.finding.end for d in ordered]  # where the unchanged text before each one begins
    nexts = [d.finding.start for d in ordered[1:]] + [len(original)]
    choices: list[tuple[int, list[int]]] = []  # per placed decision: its start, its untried ends
    pos, budget = 0, _BUDGET
    while budget > 0:
        budget -= 1
        index = len(choices)
        if index == len(ordered) and redacted[pos:] == original[bounds[index]:]:
            return [(start, ends[0]) for start, ends in choices]
        candidates: list[int] = []
        if index < len(ordered):
            decision = ordered[index]
            gap = original[bounds[index] : decision.finding.start]
            if redacted.startswith(gap, pos):
                start = pos + len(gap)
                value = original[decision.finding.start : decision.finding.end]
                candidates = _candidate_ends(
                    decision, value, redacted, start, original[decision.finding.end : nexts[index]]
                )
        if candidates:
            choices.append((start, candidates))
            pos = candidates[0]
            continue
        # Dead end: try the previous decision's next possible end.
        while choices and len(choices[-1][1]) == 1:
            choices.pop()
        if not choices:
            return None
        start, ends = choices[-1]
        choices[-1] = (start, ends[1:])
        pos = ends[1]
    return None


def _candidate_ends(decision: Decision, value: str, redacted: str, pos: int, after: str) -> list[int]:
    if decision.action is Action.KEEP:
        return [pos + len(value)] if redacted.startswith(value, pos) else []
    ends: list[int] = []
    product = PRODUCT_RE.match(redacted, pos)
    if product is not None and product.end() > pos:
        ends.append(product.end())
    # Otherwise (a generalisation, a long mask): wherever the unchanged text after it resumes.
    stop = redacted.find(after, pos + 1) if after else -1
    while stop != -1 and len(ends) < 50:
        ends.append(stop)
        stop = redacted.find(after, stop + 1)
    if not after:
        ends += list(range(pos + 1, min(len(redacted), pos + 200) + 1))
    return list(dict.fromkeys(ends))


def _by_diff(original: str, redacted: str, ordered: Sequence[Decision]) -> list[Span] | None:
    """Approximate alignment when a later pass changed text between the decisions: anchored
    on runs of at least three unchanged characters (shorter ones are coincidence, an 'a' of
    a name matching an 'a' of its pseudonym), then widened to the tool's output it touches."""
    if len(original) > _DIFF_LIMIT or len(redacted) > _DIFF_LIMIT:
        return None
    matcher = SequenceMatcher(None, original, redacted, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= _ANCHOR] + [(len(original), len(redacted), 0)]
    products = [m.span() for m in PRODUCT_RE.finditer(redacted)]

    def at(i: int, *, closing: bool) -> int:
        previous_end = 0
        for a, b, size in blocks:
            inside = a < i <= a + size if closing else a <= i < a + size
            if inside:
                return b + (i - a)
            if i < a + (1 if closing else 0):
                return b if closing else previous_end
            previous_end = b + size
        return len(redacted)

    spans = []
    for decision in ordered:
        start, end = at(decision.finding.start, closing=False), at(decision.finding.end, closing=True)
        end = max(start, end)
        if decision.action is not Action.KEEP:
            for p_start, p_end in products:
                if p_start < end and start < p_end:
                    start, end = min(start, p_start), max(end, p_end)
        while start < end and redacted[start].isspace():  # a replacement never starts or ends with space
            start += 1
        while end > start and redacted[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans
