"""The onward-transfer guard: a policy may say ``onward_transfer: forbidden``; the record of an
export under it says so, and this tool refuses (exit 2) to redact again an input that holds
such a record (a recipient re-exporting what it was sent) unless the run names its
authorisation (``--authorised-by``), which then goes into the new record and the audit log.

The earlier record is read, not verified: its signature needs the sender's key. A record is
recognised by its ``record`` layout name; any other ``manifest.json`` is evidence like any file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from victimshield.errors import UsageError

MANIFEST_NAME = "manifest.json"
RECORD_PREFIX = "victimshield transfer record"
FORBIDDEN = "forbidden"


def forbids_onward(path: Path) -> bool:
    """Whether the file at ``path`` is a VictimShield record that forbids onward transfer."""
    try:
        record = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or not str(record.get("record", "")).startswith(RECORD_PREFIX):
        return False
    onward = record.get("onward_transfer")
    return isinstance(onward, dict) and onward.get("policy") == FORBIDDEN


def check_onward(inputs: Iterable[tuple[Path, str, str]], authorised_by: str | None) -> tuple[str, ...]:
    """The positions of inputs (path, relative name, position) holding a record that forbids
    onward transfer. Refused (exit 2, by position) unless ``authorised_by`` is given."""
    forbidding = tuple(where for path, relative, where in inputs
                       if Path(relative).name == MANIFEST_NAME and forbids_onward(path))
    if forbidding and authorised_by is None:
        raise UsageError(f"{', '.join(forbidding)}: an earlier export's record forbids onward transfer; "
                         "name the authorisation to pass it on with --authorised-by")
    return forbidding


def onward_record(policy_setting: str | None, forbidding: tuple[str, ...],
                  authorised_by: str | None) -> dict[str, object] | None:
    """The record's ``onward_transfer`` block, or None (left out) when nothing is to be said."""
    if policy_setting is None and not forbidding and authorised_by is None:
        return None
    return {"policy": policy_setting or "allowed", "authorised_by": authorised_by,
            "inputs_forbidding": list(forbidding)}
