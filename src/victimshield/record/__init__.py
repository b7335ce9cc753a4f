"""The sender's records of a transfer: the signed transfer record (``manifest.json``), its
handling codes, and their checks. See docs/record.md.

``verify_export`` loads on first use: the policy (pure data) reads the handling codes from
this package, and must not pull the key and file machinery in with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from victimshield.record.handling import EUROPOL_CODES, TLP_LABELS
from victimshield.record.transfer import Transfer

if TYPE_CHECKING:
    from victimshield.record.reidentification import Reidentified, reidentify
    from victimshield.record.verify import RecordCheck, verify_export

__all__ = ["EUROPOL_CODES", "TLP_LABELS", "RecordCheck", "Reidentified", "Transfer", "reidentify", "verify_export"]


def __getattr__(name: str) -> Any:
    if name in {"RecordCheck", "verify_export"}:
        from victimshield.record import verify

        return getattr(verify, name)
    if name in {"Reidentified", "reidentify"}:
        from victimshield.record import reidentification as module

        return getattr(module, name)
    raise AttributeError(f"module 'victimshield.record' has no attribute {name!r}")
