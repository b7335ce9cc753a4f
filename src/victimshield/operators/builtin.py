"""The six actions of the contract, one operator each (the value functions stay in
``transform.actions``). Listed in the order their products are tried: pseudonym, marker,
ciphertext, mask."""

from __future__ import annotations

from typing import Any

from victimshield.normalize import words_key
from victimshield.operators.base import OperatorBase
from victimshield.transform.actions import (
    Encryptor,
    Pseudonymizer,
    generalize,
    marker,
    mask,
)
from victimshield.transform.keys import CaseKey, require_key
from victimshield.transform.products import (
    CIPHERTEXT,
    MARKER,
    MASK,
    PSEUDONYM,
)
from victimshield.vocabulary import Action, Role


def _params(params: dict[str, Any] | None) -> dict[str, Any]:
    return params or {}


class Keep(OperatorBase):
    def operator_name(self) -> str:
        return Action.KEEP.value

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        return text


class Redact(OperatorBase):
    always_changes = True
    products = MARKER

    def operator_name(self) -> str:
        return Action.REDACT.value

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        return marker(str(_params(params)["entity_type"]))


class Pseudonymize(OperatorBase):
    """Keyed, stable tokens; holds the collision table of its shield's run."""

    needs_key = True
    always_changes = True
    products = PSEUDONYM
    keyed = True

    def __init__(self) -> None:
        self._tables: dict[tuple[int, int], tuple[CaseKey, Pseudonymizer]] = {}

    def operator_name(self) -> str:
        return Action.PSEUDONYMIZE.value

    def _table(self, key: CaseKey, length: int) -> Pseudonymizer:
        # One table per key and length; a shield has one of each, so one table per run.
        # The key is held beside its table, so its id cannot be reused by another key.
        held = self._tables.get((id(key), length))
        if held is None:
            held = self._tables[(id(key), length)] = (key, Pseudonymizer(key.pseudonym_key, length))
        return held[1]

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        p = _params(params)
        key = require_key(p.get("key"))
        entity_type, party, aliases = str(p["entity_type"]), p.get("party"), p.get("aliases")
        if aliases is not None and entity_type == "PERSON" and party is None:
            text = aliases.resolve(words_key(text))  # "dave" -> "dave morgan" in this document
        table = self._table(key, int(p.get("pseudonym_length", 8)))
        return table.for_finding(entity_type, Role(p.get("role", Role.UNKNOWN)), party, text, p.get("region"))


class Encrypt(OperatorBase):
    needs_key = True
    always_changes = True
    products = CIPHERTEXT
    keyed = True

    def __init__(self) -> None:
        self._encryptors: dict[int, tuple[CaseKey, Encryptor]] = {}

    def operator_name(self) -> str:
        return Action.ENCRYPT.value

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        key = require_key(_params(params).get("key"))
        held = self._encryptors.get(id(key))
        if held is None:
            held = self._encryptors[id(key)] = (key, Encryptor(key.encryption_key))
        return held[1].encrypt(text)


class Mask(OperatorBase):
    products = MASK
    options = frozenset({"keep_last"})

    def operator_name(self) -> str:
        return Action.MASK.value

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        return mask(text, _params(params).get("keep_last"))


class Generalize(OperatorBase):
    options = frozenset({"to"})

    def operator_name(self) -> str:
        return Action.GENERALIZE.value

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        p = _params(params)
        general = generalize(str(p["entity_type"]), text, p.get("to"))
        # A value that cannot be generalised safely is redacted: fail closed.
        return general if general is not None else marker(str(p["entity_type"]))


def builtin_operators() -> list[OperatorBase]:
    """Fresh instances (the pseudonym table is per shield)."""
    return [Keep(), Pseudonymize(), Redact(), Encrypt(), Mask(), Generalize()]
