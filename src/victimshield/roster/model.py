"""The case roster: parties, their roles and their identifiers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from victimshield.vocabulary import Role

PARTY_ROLES = (Role.VICTIM, Role.WITNESS, Role.SUSPECT, Role.OFFICER, Role.OTHER)


def _role(value: Any) -> Any:
    allowed = {r.value for r in PARTY_ROLES}
    if isinstance(value, str) and value.strip().lower() not in allowed:
        # Never the value itself: a shifted CSV row puts a name here.
        raise ValueError(f"unknown role (one of: {', '.join(sorted(allowed))})")
    return value.strip().lower() if isinstance(value, str) else value


def _string_list(value: Any) -> Any:
    # CSV rosters give "a;b"; YAML gives a list or a lone string.
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, (int, float)):
        return [str(value)]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return value


StrList = Annotated[list[str], BeforeValidator(_string_list)]


class Party(BaseModel):
    # Values are evidence: hide the whole input from pydantic's error text.
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    id: str = Field(min_length=1)
    role: Annotated[Role, BeforeValidator(_role)]
    names: StrList = []
    born: dt.date | None = None
    minor: bool = False
    phones: StrList = []
    emails: StrList = []
    handles: StrList = []
    accounts: StrList = []
    documents: StrList = []
    addresses: StrList = []

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return str(value).strip() if isinstance(value, (int, str)) else value

    @field_validator("born", mode="before")
    @classmethod
    def _empty_born(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    @field_validator("minor", mode="before")
    @classmethod
    def _empty_minor(cls, value: Any) -> Any:
        return False if value in ("", None) else value

    def effective_role(self, as_of: dt.date) -> Role:
        """Victims and witnesses under 18 on ``as_of`` (or marked minor) are ``minor``."""
        if self.role in (Role.VICTIM, Role.WITNESS) and (self.minor or self._under_18(as_of)):
            return Role.MINOR
        return self.role

    def _under_18(self, as_of: dt.date) -> bool:
        if self.born is None:
            return False
        years = as_of.year - self.born.year - ((as_of.month, as_of.day) < (self.born.month, self.born.day))
        return years < 18

    def __repr__(self) -> str:  # the default repr would print every identifier
        return f"Party(id={self.id!r}, role={self.role.value!r})"

    __str__ = __repr__


class Roster(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    case: str | None = None
    parties: list[Party] = []

    def __repr__(self) -> str:
        return f"Roster(case={self.case!r}, parties={len(self.parties)})"

    __str__ = __repr__
