"""Apply a plan to segment texts: the only place values are replaced."""

from __future__ import annotations

from collections.abc import Sequence

from victimshield.decide import Decision
from victimshield.normalize import words_key
from victimshield.transform.aliases import NameAliases
from victimshield.transform.actions import Encryptor, Pseudonymizer, generalize, marker, mask
from victimshield.transform.keys import CaseKey, require_key
from victimshield.vocabulary import Action


class Transformer:
    """Holds the per-run pseudonym table; build one per run, share it across files."""

    def __init__(self, key: CaseKey | None, *, pseudonym_length: int, region: str | None):
        self._key = key
        self._region = region
        self._pseudonymizer = Pseudonymizer(key.pseudonym_key, pseudonym_length) if key else None
        self._encryptor = Encryptor(key.encryption_key) if key else None

    def __repr__(self) -> str:
        return f"Transformer(keyed={self._key is not None})"

    def replacement(self, decision: Decision, value: str, aliases: NameAliases | None = None) -> str:
        finding, rule = decision.finding, decision.rule
        action = rule.action
        if action is Action.KEEP:
            return value
        if action is Action.MASK:
            return mask(value, rule.keep_last)
        if action is Action.PSEUDONYMIZE:
            if self._pseudonymizer is None:
                require_key(None)
            assert self._pseudonymizer is not None
            if aliases is not None and finding.entity_type == "PERSON" and finding.party is None:
                value = aliases.resolve(words_key(value))  # "dave" -> "dave morgan" in this document
            return self._pseudonymizer.for_finding(finding.entity_type, finding.role, finding.party, value, self._region)
        if action is Action.ENCRYPT:
            if self._encryptor is None:
                require_key(None)
            assert self._encryptor is not None
            return self._encryptor.encrypt(value)
        if action is Action.GENERALIZE:
            general = generalize(finding.entity_type, value, rule.to)
            if general is not None:
                return general
        # redact, and any generalisation that could not be made: fail closed.
        return marker(finding.entity_type)

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
