"""manifest.json, the transfer record: what was sent, to whom, why, under which policy and
handling conditions, and what was done to it (docs/record.md).

Counts and hashes of whole files only; no value, and no hash of a value. Inputs are named by
position ("input 1, file 3"), outputs by their (already redacted) names. The pipeline signs
the record (``record/signature.py``) when it has a case key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from victimshield.policy.load import effective_digest
from victimshield.policy.model import Policy
from victimshield.record.handling import handling_record
from victimshield.record.transfer import Transfer

CountKey = tuple[str, str, str, str]
RECORD_FORMAT = "victimshield transfer record v1"


def tool_version() -> str:
    try:
        return version("victimshield")
    except PackageNotFoundError:
        return "unknown"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rows(counts: Counter[CountKey]) -> list[dict[str, object]]:
    return [
        {"role": role, "entity_type": etype, "action": action, "rule": rule, "count": n}
        for (role, etype, action, rule), n in sorted(counts.items())
    ]


@dataclass
class FileEntry:
    output: str
    format: str
    input_sha256: str
    output_sha256: str
    segments: int
    counts: Counter[CountKey] = field(default_factory=Counter)
    notes: tuple[str, ...] = ()  # what the output lacks or changes beyond redaction (dropped pages, …)
    input: str = ""  # the input's position ("input 1, file 3"), never its name

    def as_json(self) -> dict[str, object]:
        return {
            "input": self.input,
            "output": self.output,
            "format": self.format,
            "input_sha256": self.input_sha256,
            "output_sha256": self.output_sha256,
            "segments": self.segments,
            "decisions": _rows(self.counts),
            "notes": list(self.notes),
        }


def build_manifest(policy: Policy, destination: str, case: str | None, files: list[FileEntry],
                   transfer: Transfer | None = None, skipped: tuple[str, ...] = ()) -> dict[str, object]:
    transfer = transfer or Transfer()
    total: Counter[CountKey] = Counter()
    for entry in files:
        total += entry.counts
    manifest: dict[str, object] = {
        "record": RECORD_FORMAT,
        "tool": {"name": "victimshield", "version": tool_version()},
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "transfer": {
            "request_ref": transfer.request_ref,
            "legal_basis": policy.legal_basis,
            "purpose": transfer.purpose,
            "from": policy.from_,
            "recipient": transfer.recipient,
            "destination": destination,
            "operator": transfer.operator,
        },
        "policy": {
            "id": policy.policy,
            "version": policy.version,
            "sha256": policy.sha256,
            "effective_sha256": effective_digest(policy),
            "extends": list(policy.extends_chain),
        },
        "from": policy.from_,
        "destination": destination,
        "legal_basis": policy.legal_basis,
        "handling": policy.handling,
        "handling_code": policy.handling_code,
        "handling_conditions": handling_record(policy.handling, policy.handling_code),
        "case": case,
        "files": [entry.as_json() for entry in files],
        "totals": _rows(total),
        "dropped": _dropped(files, skipped),
    }
    if skipped:
        manifest["skipped"] = list(skipped)
    return manifest


def _dropped(files: list[FileEntry], skipped: tuple[str, ...]) -> list[dict[str, str]]:
    """What did not go, or went changed beyond redaction, and why, by input position:
    inputs skipped whole (links, special files), and each output's notes (pages, parts)."""
    parts = [{"input": where, "what": reason} for where, _, reason in (s.partition(": ") for s in skipped)]
    parts += [{"input": entry.input, "what": note} for entry in files for note in entry.notes]
    return parts


def manifest_bytes(manifest: dict[str, object]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
