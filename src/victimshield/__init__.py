"""VictimShield: policy-driven, role-aware redaction of evidence shared under MLA treaties.

Suspects' identifiers stay (they are the evidence); victims', minors', witnesses'
and bystanders' identifiers leave only as the destination's policy allows.

``import victimshield`` is cheap: the errors and the small value types load at once;
everything that pulls in pydantic, the readers (pandas, pyarrow, openpyxl, the PDF
stack) or detection (Presidio, spaCy, word lists) loads on first use of its name
(PEP 562), so a tool that only catches ``victimshield.InputError`` pays for nothing else.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from victimshield.errors import (
    ArgumentError,
    DestinationError,
    InputError,
    KeyRequiredError,
    ModelNotInstalledError,
    OcrUnavailableError,
    OptionalDependencyError,
    PolicyError,
    RosterError,
    UsageError,
    VerificationError,
    VictimShieldError,
)
from victimshield.finding import Finding, Locator, Segment
from victimshield.vocabulary import Action, Role

if TYPE_CHECKING:  # the lazy names, for type checkers and editors
    from victimshield.engine import Leak
    from victimshield.policy import Policy, load_policy
    from victimshield.roster import Roster as Roster  # importable, though not in __all__ (as before)
    from victimshield.roster import load_roster
    from victimshield.shield import Options, RedactionResult, Report, Shield, redact, scan_paths

# Public name -> the module that defines it, imported on first access.
_LAZY_MODULES = {
    "Leak": "victimshield.engine",
    "Policy": "victimshield.policy",
    "load_policy": "victimshield.policy",
    "Roster": "victimshield.roster",
    "load_roster": "victimshield.roster",
    "Options": "victimshield.shield",
    "RedactionResult": "victimshield.shield",
    "Report": "victimshield.shield",
    "Shield": "victimshield.shield",
    "redact": "victimshield.shield",
    "scan_paths": "victimshield.shield",
}

# A library adds no handler but this one: where records go is the application's choice.
logging.getLogger("victimshield").addHandler(logging.NullHandler())

__all__ = [
    "Action",
    "ArgumentError",
    "DestinationError",
    "Finding",
    "InputError",
    "KeyRequiredError",
    "Leak",
    "Locator",
    "ModelNotInstalledError",
    "OcrUnavailableError",
    "OptionalDependencyError",
    "Options",
    "Policy",
    "PolicyError",
    "RedactionResult",
    "Report",
    "Role",
    "RosterError",
    "Segment",
    "Shield",
    "UsageError",
    "VerificationError",
    "VictimShieldError",
    "load_policy",
    "load_roster",
    "redact",
    "scan_paths",
]


def __getattr__(name: str) -> Any:
    module = _LAZY_MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'victimshield' has no attribute {name!r}")
    # Not stored in this module's globals: the import system already keeps the module once.
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
