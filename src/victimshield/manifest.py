"""manifest.json: what was sent, under which policy, and what was done to it.

Counts and hashes of whole files only; no value, and no hash of a value.
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

CountKey = tuple[str, str, str, str]


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

    def as_json(self) -> dict[str, object]:
        return {
            "output": self.output,
            "format": self.format,
            "input_sha256": self.input_sha256,
            "output_sha256": self.output_sha256,
            "segments": self.segments,
            "decisions": _rows(self.counts),
            "notes": list(self.notes),
        }


def build_manifest(policy: Policy, destination: str, case: str | None, files: list[FileEntry]) -> dict[str, object]:
    total: Counter[CountKey] = Counter()
    for entry in files:
        total += entry.counts
    return {
        "tool": {"name": "victimshield", "version": tool_version()},
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
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
        "case": case,
        "files": [entry.as_json() for entry in files],
        "totals": _rows(total),
    }


def manifest_bytes(manifest: dict[str, object]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
