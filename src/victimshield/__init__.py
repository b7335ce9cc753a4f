"""VictimShield: policy-driven, role-aware redaction of evidence shared under MLA treaties.

Suspects' identifiers stay (they are the evidence); victims', minors', witnesses'
and bystanders' identifiers leave only as the destination's policy allows.
"""

import logging

from victimshield.engine import Leak
from victimshield.errors import (
    ArgumentError,
    DestinationError,
    InputError,
    KeyRequiredError,
    ModelNotInstalledError,
    OptionalDependencyError,
    PolicyError,
    RosterError,
    UsageError,
    VerificationError,
    VictimShieldError,
)
from victimshield.finding import Finding, Locator, Segment
from victimshield.policy import Policy, load_policy
from victimshield.roster import Roster, load_roster
from victimshield.shield import Options, RedactionResult, Report, Shield, redact, scan_paths
from victimshield.vocabulary import Action, Role

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
