"""Apply a plan to segment texts: the only place values are replaced.

Each decision's action names an operator in the shield's registry (``victimshield.operators``);
the operators also say what their output looks like, so the later passes and verify
read it as the tool's own (``strip_products``, ``neutral_text``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from victimshield.decide import Decision
from victimshield.finding import Finding
from victimshield.transform import products
from victimshield.transform.aliases import NameAliases
from victimshield.transform.keys import CaseKey, require_key

if TYPE_CHECKING:
    from victimshield.operators.base import Operator, OperatorRegistry


class Transformer:
    """Holds the per-run pseudonym table (in its operators); build one per run, share it across files."""

    def __init__(self, key: CaseKey | None, *, pseudonym_length: int, region: str | None,
                 operators: OperatorRegistry | None = None):
        from victimshield.operators.base import OperatorRegistry, trait

        self._key = key
        self._region = region
        self._length = pseudonym_length
        self._operators = operators if operators is not None else OperatorRegistry()
        custom = [o for o in self._operators if o.operator_name() not in _BUILTIN_NAMES]
        with_products = [o for o in custom if trait(o, "products")]
        # The built-in products keep their pattern (and its order); a registered operator's come after.
        self._products = (
            re.compile("|".join([products.PRODUCT_RE.pattern] + [f"(?:{trait(o, 'products')})" for o in with_products]))
            if with_products
            else products.PRODUCT_RE
        )
        self._keyed = [(re.compile(trait(o, "products")), o) for o in with_products if trait(o, "keyed")]

    def __repr__(self) -> str:
        return f"Transformer(keyed={self._key is not None})"

    @property
    def operators(self) -> OperatorRegistry:
        return self._operators

    def operator(self, action: str) -> Operator:
        return self._operators.get(action)

    def params(self, decision: Decision, aliases: NameAliases | None = None) -> dict[str, Any]:
        """What an operator is told about the span it replaces (never the span's neighbours)."""
        finding, rule = decision.finding, decision.rule
        params: dict[str, Any] = {
            "entity_type": finding.entity_type, "role": finding.role.value, "party": finding.party,
            "region": self._region, "pseudonym_length": self._length, "aliases": aliases,
        }
        if rule.to is not None:
            params["to"] = rule.to
        if rule.keep_last is not None:
            params["keep_last"] = rule.keep_last
        return params

    def replacement(self, decision: Decision, value: str, aliases: NameAliases | None = None) -> str:
        from victimshield.operators.base import trait

        operator = self.operator(decision.action)
        params = self.params(decision, aliases)
        if trait(operator, "needs_key"):
            params["key"] = require_key(self._key)
        return operator.operate(value, params)

    def apply(self, text: str, decisions: Sequence[Decision], aliases: NameAliases | None = None) -> str:
        """Replace each decided span; spans never overlap (detection merged them)."""
        pieces = []
        cursor = 0
        for decision in sorted(decisions, key=lambda d: d.finding.start):
            finding = decision.finding
            if finding.start < cursor:
                raise AssertionError("overlapping decisions reached the transform")
            pieces.append(text[cursor : finding.start])
            pieces.append(self.replacement(decision, text[finding.start : finding.end], aliases))
            cursor = finding.end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def neutral_text(self, text: str) -> str:
        """``products.neutral_text``, and each keyed product of a registered operator read
        through that operator's ``neutral``: detection never depends on the key."""
        text = products.neutral_text(text)
        for pattern, operator in self._keyed:
            neutral: Callable[[str], str] | None = getattr(operator, "neutral", None)
            if neutral is not None:
                text = pattern.sub(functools.partial(_neutral_match, neutral), text)
        return text

    def strip_products(self, text: str, findings: list[Finding]) -> list[Finding]:
        return products.strip_products(text, findings, self._products)


def _neutral_match(neutral: Callable[[str], str], match: re.Match[str]) -> str:
    return str(neutral(match.group()))


_BUILTIN_NAMES = frozenset({"keep", "redact", "mask", "pseudonymize", "generalize", "encrypt"})
