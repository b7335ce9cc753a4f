"""Declarative recognizers: the YAML files in ``recognizers/``, and in folders a caller
or a policy names (``recognizer_dirs``).

A spec is patterns, context words, a validator by name and a score, like
Presidio's ``PatternRecognizer``; the Presidio adapter turns specs into recognizers.
A spec may declare an entity type of its own (``CASE_NUMBER``): policies of a shield
that loads it may then name that type.

Specs are data, like policies: the policy loader reads the types a policy's own
folders declare without importing a detection stage (``detect.specs`` re-exports this).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from victimshield.errors import UsageError
from victimshield.policy.model import ENTITY_NAME
from victimshield.resources import data_dir
from victimshield.vocabulary import VALIDATOR_NAMES


class PatternSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    regex: str
    score: float = Field(ge=0.0, le=1.0)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from None
        return value


class RecognizerSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    entity: str
    language: str = "en"
    patterns: tuple[PatternSpec, ...]
    context: tuple[str, ...] = ()
    # Drop a match unless a context word is near (Western Union numbers are just digits).
    requires_context: bool = False
    validator: str | None = None
    ignore_case: bool = True

    @field_validator("entity")
    @classmethod
    def _known_entity(cls, value: str) -> str:
        if not ENTITY_NAME.fullmatch(value):
            raise ValueError("an entity type is written in capitals, digits and '_' (CASE_NUMBER)")
        return value

    @field_validator("validator")
    @classmethod
    def _known_validator(cls, value: str | None) -> str | None:
        if value is not None and value not in VALIDATOR_NAMES:
            raise ValueError(f"unknown validator '{value}' (one of: {', '.join(sorted(VALIDATOR_NAMES))})")
        return value


class _SpecFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    recognizers: list[RecognizerSpec]


def _read_folder(folder: Path, specs: list[RecognizerSpec], problems: list[str]) -> None:
    for path in sorted(folder.glob("*.yaml")):
        try:
            specs.extend(_SpecFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).recognizers)
        except ValidationError as exc:
            problems += [f"{path.name}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        except yaml.YAMLError:
            problems.append(f"{path.name}: not valid YAML")


def load_spec_dirs(folders: Sequence[Path] = (), *, shipped: bool = True) -> tuple[RecognizerSpec, ...]:
    """Every spec of the shipped folder (unless ``shipped`` is false) and of ``folders``, in
    that order; a missing folder, a bad spec or a name used twice raises ``UsageError``."""
    specs: list[RecognizerSpec] = []
    problems: list[str] = []
    for folder in ([data_dir("recognizers")] if shipped else []) + list(folders):
        if not folder.is_dir():
            problems.append(f"recognizer folder {folder} does not exist")
            continue
        _read_folder(folder, specs, problems)
    names = [s.name for s in specs]
    problems += [f"recognizer name '{n}' is used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    if problems:
        raise UsageError("invalid recognizer specs:\n" + "\n".join(f"  - {p}" for p in problems))
    return tuple(specs)


def load_specs(folder: Path | None = None) -> tuple[RecognizerSpec, ...]:
    """Every recognizer spec in ``folder`` (default: the shipped ``recognizers/``)."""
    return load_spec_dirs([folder], shipped=False) if folder is not None else load_spec_dirs()
