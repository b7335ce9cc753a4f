"""A policy's ``keep_terms:``: words and patterns that are never identifiers.

A company that is not a party, a product name, an invoice-number pattern: a finding that
lies wholly inside an occurrence of one is dropped before any decision, so it stays as
written. A roster match is never dropped: a party's identifier stays protected even when a
term happens to cover it (fail closed). Terms are literal, matched case-insensitively on
word boundaries; a term written between slashes (``/INV-\\d{6}/``) is a regular expression.
"""

from __future__ import annotations

from collections.abc import Sequence

from victimshield.detect.merge import ROSTER
from victimshield.finding import Finding
from victimshield.policy.model import compile_term


class KeepTerms:
    def __init__(self, terms: Sequence[str]):
        self._patterns = tuple(compile_term(t) for t in terms if t.strip())

    def __repr__(self) -> str:
        return f"KeepTerms({len(self._patterns)} term(s))"  # the terms themselves may name a company

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def ranges(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for p in self._patterns for m in p.finditer(text) if m.end() > m.start()]

    def drop_kept(self, text: str, findings: list[Finding]) -> list[Finding]:
        if not self._patterns or not findings:
            return findings
        kept = self.ranges(text)
        if not kept:
            return findings
        return [
            f for f in findings
            if ROSTER in f.recognizers or not any(s <= f.start and f.end <= e for s, e in kept)
        ]
