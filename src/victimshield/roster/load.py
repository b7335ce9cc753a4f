"""Load a roster from YAML or CSV, every problem reported at once.

A roster holds the very values VictimShield protects, so no message here shows
one: problems name the file, a key path (unknown keys by their position), a CSV
row number, and what is wrong.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from victimshield.errors import RosterError
from victimshield.roster.model import Party, Roster
from victimshield.safe_yaml import YamlLimitError, load_yaml

_FIELDS = tuple(Party.model_fields) + tuple(Roster.model_fields)
_QUOTED = re.compile(r"'[^']*'")


def _key_position(raw: Any, loc: tuple[Any, ...]) -> str:
    """'(key 3)': an unknown key named by its place in its mapping, not by its text."""
    container = raw
    for part in loc[:-1]:
        try:
            container = container[part]
        except (KeyError, IndexError, TypeError):
            return "(a key)"
    if isinstance(container, dict):
        for position, key in enumerate(container, start=1):
            if key == loc[-1]:
                return f"(key {position})"
    return "(a key)"


def _problems(file: str, error: ValidationError, raw: Any) -> list[str]:
    out = []
    for item in error.errors():
        loc = tuple(item["loc"])
        message = item["msg"]
        if item["type"] == "extra_forbidden" and loc:
            # The key may be a name written where a field belongs ("Ioana Popescu: victim").
            guess = difflib.get_close_matches(str(loc[-1]).lower(), _FIELDS, n=1, cutoff=0.75)
            message = "unknown key" + (f" (did you mean '{guess[0]}'?)" if guess else "")
            loc = (*loc[:-1], _key_position(raw, loc))
        else:
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            message = _QUOTED.sub("(a value)", message)  # pydantic may quote what it was given
        path = ".".join(
            str(p) if not isinstance(p, str) or p in _FIELDS or p.startswith("(") else "(a key)" for p in loc
        )
        out.append(f"{file}: {path or '(top level)'}: {message}")
    return out


def _read_csv(text: str, file: str) -> dict[str, Any]:
    """Rows as parties. A row whose field count differs from the header's is refused:
    an unquoted comma would otherwise shift a name into the role or phone column."""
    rows = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(rows, [])]
    case = None
    parties = []
    problems = []
    for number, row in enumerate(rows, start=2):  # the header is row 1, as a spreadsheet shows it
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{file}: row {number}: {len(row)} fields where the header has {len(header)} "
                            "(quote a value that holds a comma)")
            continue
        fields = {k: v.strip() for k, v in zip(header, row, strict=True)}
        case = fields.pop("case", None) or case
        parties.append({k: v for k, v in fields.items() if v != ""})
    if problems:
        raise RosterError(f"roster {file} is invalid", problems)
    return {"case": case, "parties": parties}


def load_roster(path: str | Path) -> Roster:
    """Read and validate; raise ``RosterError`` naming file and key path of each problem."""
    path = Path(path)
    invalid = f"roster {path} is invalid"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(invalid, [f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(invalid, [f"{path}: cannot read: {type(exc).__name__}"]) from None
    if path.suffix.lower() == ".csv":
        try:
            raw: Any = _read_csv(text, str(path))
        except csv.Error:
            raise RosterError(invalid, [f"{path}: not valid CSV"]) from None
    else:
        try:
            raw = load_yaml(text, dates=False)
        except YamlLimitError as exc:
            raise RosterError(invalid, [f"{path}: refused: {exc.reason}"]) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark is not None else "YAML"
            raise RosterError(invalid, [f"{path}: {where}: not valid YAML"]) from None
    if not isinstance(raw, dict):
        raise RosterError(invalid, [f"{path}: (top level): a roster must be a mapping"])
    try:
        roster = Roster.model_validate(raw)
    except ValidationError as exc:
        raise RosterError(invalid, _problems(str(path), exc, raw)) from None
    first_index: dict[str, int] = {}
    problems = []
    for index, party in enumerate(roster.parties):
        if party.id in first_index:
            problems.append(f"{path}: parties.{index}.id: the same id as parties.{first_index[party.id]}.id")
        first_index.setdefault(party.id, index)
    if problems:
        raise RosterError(invalid, problems)
    return roster
