"""Load a roster from YAML or CSV, every problem reported at once."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from victimshield.errors import RosterError
from victimshield.roster.model import Roster


class _PlainDatesLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: a bad ``born`` becomes a field error, not a crash."""


_PlainDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _problems(file: str, error: ValidationError) -> list[str]:
    out = []
    for item in error.errors():
        path = ".".join(str(p) for p in item["loc"])
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif message.startswith("Value error, "):
            message = message[len("Value error, "):]
        out.append(f"{file}: {path or '(top level)'}: {message}")
    return out


def _read_csv(text: str) -> dict[str, Any]:
    rows = list(csv.DictReader(io.StringIO(text)))
    case = None
    parties = []
    for row in rows:
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        case = row.pop("case", None) or case
        parties.append({k: v for k, v in row.items() if v != ""})
    return {"case": case, "parties": parties}


def load_roster(path: str | Path) -> Roster:
    """Read and validate; raise ``RosterError`` naming file and key path of each problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"roster {path} is invalid", [f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"roster {path} is invalid", [f"{path}: cannot read: {type(exc).__name__}"]) from None
    if path.suffix.lower() == ".csv":
        raw: Any = _read_csv(text)
    else:
        try:
            raw = yaml.load(text, Loader=_PlainDatesLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark is not None else "YAML"
            raise RosterError(f"roster {path} is invalid", [f"{path}: {where}: not valid YAML"]) from None
    if not isinstance(raw, dict):
        raise RosterError(f"roster {path} is invalid", [f"{path}: (top level): a roster must be a mapping"])
    problems: list[str] = []
    try:
        roster = Roster.model_validate(raw)
    except ValidationError as exc:
        raise RosterError(f"roster {path} is invalid", _problems(str(path), exc)) from None
    seen: set[str] = set()
    for index, party in enumerate(roster.parties):
        if party.id in seen:
            problems.append(f"{path}: parties.{index}.id: duplicate party id '{party.id}'")
        seen.add(party.id)
    if problems:
        raise RosterError(f"roster {path} is invalid", problems)
    return roster
