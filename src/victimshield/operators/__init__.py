"""Operators: one per action (its replacement, how it recognises its own output, whether it
needs the key, the options it takes), and the registry a shield looks actions up in.

Add an action by writing an ``OperatorBase`` subclass and giving it to
``Shield(..., operators=[...])``; a policy of that shield may then name it (docs/plugins.md).
"""

from victimshield.operators.base import (
    ANONYMIZE,
    Operator,
    OperatorBase,
    OperatorRegistry,
)

__all__ = ["ANONYMIZE", "Operator", "OperatorBase", "OperatorRegistry"]
