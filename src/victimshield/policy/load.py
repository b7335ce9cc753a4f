"""Load a policy file: YAML, ``extends`` with overrides, every problem at once."""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from victimshield.errors import ArgumentError, PolicyError
from victimshield.policy.model import (
    ACTIONS_CONTEXT,
    ENTITY_TYPES_CONTEXT,
    OPEN_NAMES_CONTEXT,
    Policy,
    PolicyFile,
    Rule,
    semantic_problems,
)
from victimshield.resources import shipped_policy_path
from victimshield.safe_yaml import YamlLimitError, load_yaml
from victimshield.vocabulary import ENTITY_TYPES, Action, Role

_MERGED_MAPPINGS = ("detection", "pseudonyms", "columns")
log = logging.getLogger(__name__)


def _describe_pydantic(file: str, error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        loc = [str(part) for part in item["loc"] if part not in ("[key]",)]
        # Pydantic names the validator branch in some locations; users need the key path.
        loc = [p for p in loc if not p.startswith("function-")]
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif message.startswith("Value error, "):
            message = message[len("Value error, "):]
        elif item["type"] == "missing":
            message = "required, and not given here or in what it extends"
        if loc and loc[-1] == "action" and message.startswith("unknown action"):
            loc = loc[:-1]  # `PERSON: hide` is written without an `action:` key
        path = ".".join(loc) or "(top level)"
        problems.append(f"{file}: {path}: {message}")
    return problems


def _known_words() -> frozenset[str]:
    """Words a policy is written in: what a message may show of a file reached through ``extends``."""
    fields = {name for model in (PolicyFile, Rule) for name in model.model_fields}
    aliases = {f.alias for model in (PolicyFile, Rule) for f in model.model_fields.values() if f.alias}
    return frozenset(
        fields | aliases | set(ENTITY_TYPES) | {r.value for r in Role} | {a.value for a in Action} | {"default"}
    )


_QUOTED = re.compile(r"'[^']*'")


def _unquoted(problem: str, file: str) -> str:
    """``problem`` without the content of ``file``: its keys outside the policy vocabulary
    named by position, quoted values dropped. A file reached through ``extends`` may be
    anything (a roster, a statement); the user did not write it as a policy."""
    known = _known_words()
    where, _, message = problem[len(file) + 2 :].partition(": ")
    path = ".".join(p if p in known or p.isdigit() or p == "(top level)" else "(a key)" for p in where.split("."))
    return f"{file}: {path}: {_QUOTED.sub('(a value)', message)}"


def _read_yaml(path: Path, problems: list[str], *, quoted: bool = True) -> dict[str, Any] | None:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: file not found")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read: {type(exc).__name__}")
        return None
    except YamlLimitError as exc:
        problems.append(f"{path}: refused: {exc.reason}")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "YAML"
        # PyYAML's problem text quotes the characters it choked on: only for the user's own file.
        detail = f" ({getattr(exc, 'problem', 'syntax error')})" if quoted else ""
        problems.append(f"{path}: {where}: not valid YAML{detail}")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{path}: (top level): a policy must be a mapping")
        return None
    return raw


def _resolve_extends(name: str, base_dir: Path) -> Path:
    if name.endswith((".yaml", ".yml")) or "/" in name:
        return (base_dir / name).resolve()
    return shipped_policy_path(name)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = {k: v for k, v in parent.items() if k != "extends"}
    for key, value in child.items():
        if key == "roles" and isinstance(value, dict) and isinstance(merged.get("roles"), dict):
            roles = {r: dict(b) for r, b in merged["roles"].items() if isinstance(b, dict)}
            for role, block in value.items():
                base = roles.get(role, {})
                roles[role] = {**base, **block} if isinstance(block, dict) else block
            merged["roles"] = roles
        elif key == "keep_terms" and isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + value  # a child adds terms to its parent's
        elif key in _MERGED_MAPPINGS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _with_resolved_dirs(raw: dict[str, Any], base_dir: Path) -> dict[str, Any]:
    """``detection.recognizer_dirs`` as absolute paths: each is relative to the file naming it."""
    detection = raw.get("detection")
    if not isinstance(detection, dict):
        return raw
    dirs = detection.get("recognizer_dirs")
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        return raw  # validation reports what is wrong with it
    resolved = [str((base_dir / d).resolve()) for d in dirs]
    return {**raw, "detection": {**detection, "recognizer_dirs": resolved}}


def _load_chain(path: Path, problems: list[str], seen: tuple[Path, ...], context: dict[str, Any], *,
                quoted: bool) -> tuple[dict[str, Any], tuple[str, ...]]:
    # Only the file the user named may be quoted (``quoted``); see ``_unquoted``.
    raw = _read_yaml(path, problems, quoted=quoted)
    if raw is None:
        return {}, ()
    return _extend(raw, str(path), path.parent, problems, (*seen, path.resolve()), context, quoted=quoted)


def _extend(raw: dict[str, Any], where: str, base_dir: Path, problems: list[str], seen: tuple[Path, ...],
            context: dict[str, Any], *, quoted: bool) -> tuple[dict[str, Any], tuple[str, ...]]:
    """``raw`` checked on its own, then merged over what it ``extends`` (resolved from ``base_dir``)."""
    raw = _with_resolved_dirs(raw, base_dir)
    try:
        PolicyFile.model_validate(raw, context=context)
    except ValidationError as exc:
        found = _describe_pydantic(where, exc)
        problems.extend(found if quoted else [_unquoted(p, where) for p in found])
    parent_name = raw.get("extends")
    if not isinstance(parent_name, str):
        return raw, ()
    parent_path = _resolve_extends(parent_name, base_dir)
    shown = f"'{parent_name}'" if quoted else "(its value)"
    if parent_path in seen:
        problems.append(f"{where}: extends: {shown} extends itself (a cycle)")
        return raw, ()
    if not parent_path.is_file():
        problems.append(f"{where}: extends: no shipped policy or file named {shown}")
        return raw, ()
    parent, chain = _load_chain(parent_path, problems, seen, context, quoted=False)
    parent_id = parent.get("policy", parent_name)
    return _merge(parent, raw), (str(parent_id), *chain)


def _declared_by_dirs(merged: dict[str, Any], where: str, problems: list[str]) -> frozenset[str]:
    """Entity types the recognizer specs in the policy's own ``detection.recognizer_dirs`` declare."""
    from victimshield.errors import UsageError
    from victimshield.policy.specs import load_spec_dirs  # only when a policy names such folders

    detection = merged.get("detection")
    dirs = detection.get("recognizer_dirs") if isinstance(detection, dict) else None
    if not isinstance(dirs, list) or not dirs or not all(isinstance(d, str) for d in dirs):
        return frozenset()
    try:
        return frozenset(spec.entity for spec in load_spec_dirs([Path(d) for d in dirs], shipped=False))
    except UsageError as exc:
        problems.append(f"{where}: detection.recognizer_dirs: {exc}")
        return frozenset()


def _closed(given: frozenset[str], declared: frozenset[str], actions: Iterable[str]) -> dict[str, Any]:
    return {ENTITY_TYPES_CONTEXT: given | declared, ACTIONS_CONTEXT: frozenset(actions)}


def _validated(merged: dict[str, Any], chain: tuple[str, ...], where: str, problems: list[str],
               source: str | None, digest: str, context: dict[str, Any]) -> Policy:
    """The merged whole as a ``Policy``; every problem (the files' own and the whole's) at once."""
    merged.pop("extends", None)
    try:
        policy = Policy.model_validate({**merged, "extends_chain": chain, "source": source, "sha256": digest},
                                       context=context)
    except ValidationError as exc:
        # Each file's own errors are already listed; add what only the merged whole shows (missing keys).
        whole = [e for e in _describe_pydantic(where, exc) if e not in problems]
        if problems:
            whole = [e for e in whole if e.endswith("what it extends")]
        if chain:  # the merged whole holds what the extended files wrote
            whole = [_unquoted(e, where) for e in whole]
        raise PolicyError(f"policy {where} is invalid", problems + whole) from None
    problems += [f"{where}: {p}" for p in semantic_problems(policy.roles)]
    if problems:
        log.debug("policy %s refused: %d problem(s)", where, len(problems))
        raise PolicyError(f"policy {where} is invalid", problems)
    log.debug("policy %s v%s loaded (extends: %s)", policy.policy, policy.version, " -> ".join(chain) or "nothing")
    return policy


def load_policy(path: str | Path, *, entity_types: Iterable[str] = (), actions: Iterable[str] = ()) -> Policy:
    """Load and validate a policy; raise ``PolicyError`` listing every problem.

    ``entity_types`` and ``actions`` are names beyond the built-in ones that the policy may
    use: the types a shield's plugged-in recognizers declare and its registered operators.
    Types declared by the specs in the policy's own ``detection.recognizer_dirs`` are added."""
    if not isinstance(path, (str, PathLike)):
        raise ArgumentError(f"load_policy takes a path, not {type(path).__name__}")
    path = Path(path)
    actions = frozenset(actions)
    problems: list[str] = []
    declared: frozenset[str] = frozenset()
    if path.is_file():
        # A first reading with names left open finds the policy's own spec folders.
        opened, _ = _load_chain(path, [], (), {OPEN_NAMES_CONTEXT: True}, quoted=True)
        declared = _declared_by_dirs(opened, str(path), problems)
    context = _closed(frozenset(entity_types), declared, actions)
    merged, chain = _load_chain(path, problems, (), context, quoted=True)
    if not path.is_file():
        raise PolicyError(f"policy {path} is invalid", problems)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return _validated(merged, chain, str(path), problems, str(path), digest, context)


DICT_SOURCE = "(dict)"  # how messages name a policy given as a mapping


def policy_from_dict(data: Mapping[str, Any], base_dir: str | Path | None = None, *,
                     entity_types: Iterable[str] = (), actions: Iterable[str] = ()) -> Policy:
    """A policy from a mapping shaped like the YAML file (``Policy.from_dict``).

    ``extends`` names a shipped policy id or a file relative to ``base_dir`` (default: the
    current folder), as do ``detection.recognizer_dirs``. Every problem is raised at once as
    ``PolicyError``, each prefixed ``(dict)`` and the key path. ``data`` is never changed."""
    if not isinstance(data, Mapping):
        raise PolicyError(
            f"policy {DICT_SOURCE} is invalid", [f"{DICT_SOURCE}: (top level): a policy must be a mapping"]
        )
    if base_dir is not None and not isinstance(base_dir, (str, PathLike)):
        raise ArgumentError(f"base_dir must be a path, not {type(base_dir).__name__}")
    invalid = f"policy {DICT_SOURCE} is invalid"
    try:
        raw = copy.deepcopy(dict(data))  # merging builds new mappings, but the caller's must never be touched
        # Identify what was given, as a file's bytes identify a file: canonical JSON of the mapping.
        digest = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()
    except (ValueError, TypeError, RecursionError) as exc:  # a mapping that holds itself, keys that do not sort
        raise PolicyError(invalid, [f"{DICT_SOURCE}: (top level): not plain data ({type(exc).__name__})"]) from None
    problems: list[str] = []
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    opened, _ = _extend(copy.deepcopy(raw), DICT_SOURCE, base, [], (), {OPEN_NAMES_CONTEXT: True}, quoted=True)
    context = _closed(frozenset(entity_types), _declared_by_dirs(opened, DICT_SOURCE, problems), actions)
    merged, chain = _extend(raw, DICT_SOURCE, base, problems, (), context, quoted=True)
    return _validated(dict(merged), chain, DICT_SOURCE, problems, None, digest, context)


def effective_digest(policy: Policy) -> str:
    """sha256 of the effective policy (after ``extends``), independent of YAML layout."""
    # Unset, handling_code is left out: the digest of a policy without it stays what it was.
    unset = {"handling_code"} if policy.handling_code is None else set()
    data = policy.model_dump(mode="json", by_alias=True, exclude={"source", "sha256"} | unset)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
