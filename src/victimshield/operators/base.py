"""What an operator is, and the registry a shield looks its actions up in.

An operator turns one found value into what leaves in its place. The protocol mirrors
presidio-anonymizer's ``Operator`` (``operate``/``validate``/``operator_name``/
``operator_type``), so a Presidio operator's shape fits; it is not Presidio's class because
importing ``presidio_anonymizer.operators`` loads the whole Presidio analyzer with it
(measured: about 0.7-0.9 s and ~950 modules, for an abstract base class), and Presidio's
model lacks what VictimShield needs from an operator (see ``OperatorBase``).

``params`` given to ``operate`` and ``validate``: ``entity_type``, ``role``, ``party`` (the
roster id or None), ``region`` (the sender's country), the rule's options (``to``,
``keep_last``) when the policy sets them, ``pseudonym_length``, ``aliases`` (short names
tied to full names in this document) and, for an operator that ``needs_key``, ``key`` (a
``CaseKey``: use ``key.operator_key(name)`` for a key of the operator's own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from victimshield.errors import UsageError

ANONYMIZE = "anonymize"  # presidio-anonymizer's OperatorType.Anonymize, as a word


@runtime_checkable
class Operator(Protocol):
    """The four methods of presidio-anonymizer's ``Operator``."""

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str: ...

    def validate(self, params: dict[str, Any] | None = None) -> None: ...

    def operator_name(self) -> str: ...

    def operator_type(self) -> str: ...


class OperatorBase:
    """A convenient base for an operator; every attribute below has this default when an
    operator (a plain Presidio-shaped one) does not set it.

    - ``needs_key``: it reads ``params["key"]``; a shield refuses to run it without a key.
    - ``always_changes``: its output differs from every input whatever the key, so a later
      pass (and verify) need not compute it to know the span would still change.
    - ``products``: a regular expression matching its output, so a later pass and verify
      read that output as the tool's own and never as new evidence. None: nothing to tell.
    - ``keyed``: its output depends on the key; detection then reads each match of
      ``products`` through ``neutral`` (fixed characters) so findings never depend on the key.
    - ``options``: the rule options it takes (``to``, ``keep_last``).
    """

    needs_key: bool = False
    always_changes: bool = False
    products: str | None = None
    keyed: bool = False
    options: frozenset[str] = frozenset()

    def operator_name(self) -> str:
        raise NotImplementedError

    def operator_type(self) -> str:
        return ANONYMIZE

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        raise NotImplementedError

    def validate(self, params: dict[str, Any] | None = None) -> None:
        """Raise ``ValueError`` for an option this operator does not take."""
        for option in ("to", "keep_last"):
            if (params or {}).get(option) is not None and option not in self.options:
                raise ValueError(f"'{option}' does not go with action {self.operator_name()}")

    def neutral(self, found: str) -> str:
        """A keyed product as fixed characters of the same length (letters, never digits)."""
        return re.sub(r"[0-9A-Za-z]", "x", found)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def trait(operator: Operator, name: str) -> Any:
    """An ``OperatorBase`` attribute of ``operator``, or its default when it has none."""
    return getattr(operator, name, getattr(OperatorBase, name))


class OperatorRegistry:
    """Operators by action name. Each shield has its own (operators may hold per-run state,
    such as the pseudonym collision table), built-ins first."""

    def __init__(self, operators: Iterable[Operator] = (), *, builtin: bool = True):
        self._operators: dict[str, Operator] = {}
        if builtin:
            from victimshield.operators.builtin import builtin_operators

            for builtin_operator in builtin_operators():
                self.register(builtin_operator)
        for operator in operators:
            self.register(operator)

    def __repr__(self) -> str:
        return f"OperatorRegistry({', '.join(self._operators)})"

    def register(self, operator: Operator) -> None:
        if not all(
            callable(getattr(operator, m, None)) for m in ("operate", "validate", "operator_name", "operator_type")
        ):
            raise UsageError("an operator needs operate, validate, operator_name and operator_type")
        name = operator.operator_name()
        if not name.isidentifier():
            raise UsageError("an operator's name is one word of letters, digits and '_'")
        if name in self._operators:
            raise UsageError(f"an operator named '{name}' is registered already")
        products = trait(operator, "products")
        if products is not None:
            try:
                re.compile(products)
            except (re.error, TypeError):
                raise UsageError(f"operator '{name}': its products pattern does not compile") from None
        self._operators[name] = operator

    def get(self, name: str) -> Operator:
        try:
            return self._operators[str(name)]
        except KeyError:
            raise UsageError(f"no operator for action '{name}'") from None

    def __contains__(self, name: object) -> bool:
        return str(name) in self._operators

    def __iter__(self) -> Iterator[Operator]:
        return iter(self._operators.values())

    def names(self) -> frozenset[str]:
        return frozenset(self._operators)
