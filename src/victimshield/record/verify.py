"""``manifest verify``: is this export what its signed transfer record says it is?

A refusal (``UsageError``, exit 2) when the record cannot be checked with this key: no
signature (an unkeyed run), or signed under another key; nothing else is said then.
Otherwise every difference is listed (exit 1 when any): a changed record, and each changed,
missing or added file, by the record's input position and (already redacted) output name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from victimshield.errors import UsageError, VerificationError, VictimShieldError
from victimshield.files import MANIFEST
from victimshield.record.signature import ALGORITHM, SIGNATURE, key_id, signature_value
from victimshield.transform.keys import derive_manifest_key, key_source

NOT_THIS_KEY = "this record was not signed with this key (nothing else was checked)"
UNSIGNED = ("this record has no signature: the export was made without a case key, so nothing "
            "can prove it unchanged (run redact with --key-file to get a signed record)")


class RecordChangedError(VerificationError):
    """The export is not what its signed record says: exit code 1, each difference listed."""

    def __init__(self, differences: tuple[str, ...]):
        self.violations = differences
        lines = [f"the export does not match its signed record: {len(differences)} difference(s)"]
        VictimShieldError.__init__(self, "\n".join(lines + [f"  - {d}" for d in differences]))


@dataclass(frozen=True, slots=True)
class RecordCheck:
    """What ``verify_export`` found: ``problems`` empty means the export is intact."""

    files: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_changed(self) -> None:
        if self.problems:
            raise RecordChangedError(self.problems)


def verify_export(out: str | Path, *, key: bytes | str | None = None,
                  key_file: str | Path | None = None) -> RecordCheck:
    """Check the export in ``out`` against its signed ``manifest.json`` with the case key
    (``key`` as written, or ``key_file``). Raises ``UsageError`` when no key is given, the
    record is unsigned or signed under another key; else lists every difference."""
    source = key_source(key, key_file)
    if source is None:
        raise UsageError("manifest verify needs the case key the export was made with (--key-file)")
    folder = Path(out)
    if not folder.is_dir():
        raise UsageError("the export folder does not exist or is not a folder")
    try:
        record = json.loads((folder / MANIFEST).read_bytes())
    except FileNotFoundError:
        return RecordCheck(0, (f"{MANIFEST} is missing: there is no record to check the export against",))
    except (OSError, ValueError):
        return RecordCheck(0, (f"the record ({MANIFEST}) was changed: it is no longer valid JSON",))
    if not isinstance(record, dict):
        return RecordCheck(0, (f"the record ({MANIFEST}) was changed: it is not a record",))
    manifest_key = derive_manifest_key(source.secret)
    _check_key(record.get(SIGNATURE), manifest_key)
    problems: list[str] = []
    if not hmac.compare_digest(str(record[SIGNATURE].get("value", "")), signature_value(manifest_key, record)):
        problems.append(f"the record ({MANIFEST}) was changed: its signature does not match its content")
    listed = _listed(record)
    if listed is None:
        problems.append(f"the record ({MANIFEST}) was changed: its file list is not one this tool writes")
        return RecordCheck(0, tuple(problems))
    problems += _file_problems(folder, listed)
    return RecordCheck(len(listed), tuple(problems))


def _check_key(signature: Any, manifest_key: bytes) -> None:
    if not isinstance(signature, Mapping):
        raise UsageError(UNSIGNED)
    if signature.get("algorithm") is None and "unsigned" in signature:
        raise UsageError(UNSIGNED)
    if signature.get("algorithm") != ALGORITHM:
        raise UsageError(f"this record's signature is not {ALGORITHM}: it cannot be checked")
    if not hmac.compare_digest(str(signature.get("key_id", "")), key_id(manifest_key)):
        raise UsageError(NOT_THIS_KEY)


def _listed(record: Mapping[str, Any]) -> dict[str, tuple[str, str]] | None:
    """Output name -> (input position, sha256), as the record lists them; None if malformed."""
    files = record.get("files")
    if not isinstance(files, list):
        return None
    listed: dict[str, tuple[str, str]] = {}
    for entry in files:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("output"), str):
            return None
        listed[entry["output"]] = (str(entry.get("input") or "an input"), str(entry.get("output_sha256", "")))
    return listed


def _file_problems(folder: Path, listed: Mapping[str, tuple[str, str]]) -> list[str]:
    problems: list[str] = []
    root = folder.resolve()
    for output, (position, expected) in listed.items():
        path = folder / output
        named = f"output '{output}' ({position})"
        if not path.resolve().is_relative_to(root) or path.is_symlink():
            problems.append(f"{named} is not a plain file inside the export")
        elif not path.is_file():
            problems.append(f"{named} is missing")
        elif not hmac.compare_digest(_sha256(path), expected):
            problems.append(f"{named} was changed: its sha256 is not the record's")
    for number, relative in enumerate(_present(folder), start=1):
        if relative != MANIFEST and relative not in listed:
            # Named by position, not by name: whoever added it chose the name (an original
            # evidence file dropped in by mistake would be named after a victim).
            problems.append(f"file {number} of the export (in path order) was added: the record does not list it")
    return problems


def _present(folder: Path) -> list[str]:
    """Every file and link under ``folder``, as relative paths with '/' (links are not followed)."""
    found = []
    for here, dirs, names in os.walk(folder):
        base = Path(here)
        found += [(base / n).relative_to(folder).as_posix() for n in names]
        found += [(base / d).relative_to(folder).as_posix() for d in dirs if (base / d).is_symlink()]
    return sorted(found)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
