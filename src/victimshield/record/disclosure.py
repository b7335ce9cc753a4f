"""The per-party disclosure record: for each roster party, which categories (entity types)
of their data left in which form (kept, pseudonymized, generalized, masked, encrypted,
redacted), to whom and when, counted per output. What a victim or her lawyer may later ask
to see (Directive 2016/680, Art. 25).

Written for the sender beside the export (``OUT.sender/disclosure.json``), never inside
it, owner-only. It holds party ids, roles, entity types, forms, counts, input positions and
(already redacted) output names: never a value.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from victimshield.decide import Plan
from victimshield.errors import UsageError
from victimshield.record.lookup import LOOKUP_FILE, Lookup, lookup_bytes, write_owner_only
from victimshield.roster.model import Roster

DISCLOSURE_FILE = "disclosure.json"
DISCLOSURE_FORMAT = "victimshield disclosure record v1"
SENDER_SUFFIX = ".sender"
FORMS = {"keep": "kept", "pseudonymize": "pseudonymized", "generalize": "generalized", "mask": "masked",
         "encrypt": "encrypted", "redact": "redacted"}
PartyKey = tuple[str, str, str, str]  # party id, role as treated, entity type, action


def party_counts(plan: Plan) -> Counter[PartyKey]:
    """(party, role, entity type, action) -> spans, for the findings tied to a roster party."""
    return Counter((d.finding.party, d.finding.role.value, d.finding.entity_type, str(d.action))
                   for d in plan.decisions() if d.finding.party is not None)


@dataclass(frozen=True)
class FileDisclosure:
    """One output's party counts, by its input position and (already redacted) name."""

    input: str
    output: str
    counts: Counter[PartyKey] = field(default_factory=Counter)


def default_sender_dir(out: Path) -> Path:
    """``OUT.sender`` beside the export folder."""
    return out.with_name(out.name + SENDER_SUFFIX)


def check_sender_dir(sender: Path, out: Path, inputs: Sequence[Path]) -> None:
    """Refuse a sender folder inside the export (it would travel) or inside an input (the
    next run over that input would read it as evidence)."""
    where = sender.resolve()
    if where.is_relative_to(out.resolve()):
        raise UsageError("the sender folder is inside the export folder; the sender's records never travel with it")
    for n, source in enumerate(inputs, start=1):
        if source.is_dir() and where.is_relative_to(source.resolve()):
            raise UsageError(f"the sender folder is inside input {n}; choose a folder outside the evidence")


def disclosure_record(manifest: Mapping[str, Any], manifest_sha256: str, roster: Roster | None,
                      files: Sequence[FileDisclosure]) -> dict[str, Any]:
    """The record: every roster party (one with nothing disclosed says so by an empty list).
    ``manifest_sha256``: of the export's ``manifest.json`` as written, tying the two together."""
    parties: dict[str, dict[str, Any]] = {}
    for party in roster.parties if roster is not None else ():
        parties[party.id] = {"party": party.id, "role": party.role.value, "treated_as": [], "disclosed": []}
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for entry in files:
        for (party_id, role, entity_type, action), count in sorted(entry.counts.items()):
            held = parties.setdefault(party_id, {"party": party_id, "role": None, "treated_as": [], "disclosed": []})
            if role not in held["treated_as"]:
                held["treated_as"].append(role)
            row = rows.get((party_id, entity_type, action))
            if row is None:
                row = rows[(party_id, entity_type, action)] = {
                    "entity_type": entity_type, "form": FORMS.get(action, action), "action": action, "count": 0,
                    "files": []}
                held["disclosed"].append(row)
            row["count"] += count
            row["files"].append({"input": entry.input, "output": entry.output, "count": count})
    for held in parties.values():
        held["treated_as"].sort()
        held["disclosed"].sort(key=lambda r: (r["entity_type"], r["form"]))
    transfer = manifest.get("transfer")
    return {
        "record": DISCLOSURE_FORMAT,
        "created": manifest.get("created"),
        "case": manifest.get("case"),
        "transfer": dict(transfer) if isinstance(transfer, Mapping) else None,
        "handling": manifest.get("handling"),
        "handling_code": manifest.get("handling_code"),
        "export": {"manifest_sha256": manifest_sha256, "files": len(files)},
        "forms": "kept: left as it was; pseudonymized: a keyed token; generalized: a coarser value; "
                 "masked: partly hidden; encrypted: reversible by the key holder; redacted: removed",
        "parties": [parties[p] for p in sorted(parties)],
    }


def write_sender_files(sender: Path, record: Mapping[str, Any], lookup: Lookup | None,
                       secret: bytes | None) -> list[Path]:
    """``disclosure.json`` and (with a key) ``lookup.enc`` in ``sender``, each owner-only."""
    written = [sender / DISCLOSURE_FILE]
    write_owner_only(written[0], (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    if secret is not None and lookup is not None:
        written.append(sender / LOOKUP_FILE)
        write_owner_only(written[1], lookup_bytes(lookup, secret))
    return written
