"""Who sends what to whom and why: the transfer details a run is given (not the policy's).

``request_ref`` (the request or treaty reference), ``recipient`` (the receiving authority),
``operator`` (who ran the export), ``purpose`` and ``authorised_by`` (the authorisation to pass on
an export whose record forbids onward transfer) go into the transfer record as given. They
travel with the export, so each is one short line, and none may hold a protected value
(the pipeline checks them as it checks a file name).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from victimshield.errors import UsageError

MAX_FIELD = 300


@dataclass(frozen=True, slots=True)
class Transfer:
    # Free text a user typed: refused when it holds a protected value, so never in a repr either.
    request_ref: str | None = field(default=None, repr=False)
    recipient: str | None = field(default=None, repr=False)
    operator: str | None = field(default=None, repr=False)
    purpose: str | None = field(default=None, repr=False)
    # Who authorised passing on an export whose record forbids onward transfer (docs/record.md).
    authorised_by: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise UsageError(f"transfer {item.name}: text expected, not {type(value).__name__}")
            if not value.strip() or len(value) > MAX_FIELD or any(ord(c) < 32 or c in "\u2028\u2029" for c in value):
                raise UsageError(f"transfer {item.name}: one line of 1 to {MAX_FIELD} characters")

    def given(self) -> dict[str, str]:
        """The fields that were given, by name (for the protected-value check)."""
        return {item.name: getattr(self, item.name) for item in fields(self) if getattr(self, item.name) is not None}
