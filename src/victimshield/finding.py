"""The types every stage shares: where text came from, and what was found in it.

A ``Finding`` never holds the value it points at; the value stays in its segment.
So findings can be printed, logged, put in a manifest or a test failure message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from victimshield.vocabulary import Role


def output_label(position: int) -> str:
    """How ``verify`` names the n-th file of a folder it checks (sorted by path). Inputs are
    named "input 2, file 5" (the 5th file of the 2nd input folder) by ``files.collect``."""
    return f"output {position}"


@dataclass(frozen=True, slots=True)
class Locator:
    """Where a segment sits in its file: only the fields that fit the format are set.

    ``file`` is a label by position ("input 3"), and every other field is a number or a
    word of the format's own structure, never a name taken from the evidence."""

    file: str
    line: int | None = None
    message: int | None = None
    row: int | None = None
    column: str | None = None
    page: int | None = None
    field: str | None = None

    def describe(self) -> str:
        parts = [self.file]
        for name in ("page", "line", "message", "row", "column", "field"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name} {value}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text to detect in, with its locator.

    ``entity_type`` is set when the format already says what the whole segment is
    (a table column declared ``PERSON``); ``owner`` is the text of the cell that names
    the party this one belongs to (the name beside an IBAN in the same row): the
    segment then takes that party's role when the roster knows it.
    """

    text: str = field(repr=False)
    locator: Locator
    entity_type: str | None = None
    owner: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """One span of one segment that holds an identifier.

    ``start``/``end`` are character offsets into the segment's text. ``role`` is the
    role of the person the value belongs to (``unknown`` when no roster party
    matches); ``party`` the roster id when one does. ``recognizers`` names every
    recognizer that found the span (sorted when merged); ``recognizer`` is the same as
    one string joined by ``+``, as earlier versions had it (and as it may be passed in).
    """

    start: int
    end: int
    entity_type: str
    score: float
    recognizers: tuple[str, ...]
    role: Role
    party: str | None
    minor: bool

    def __init__(
        self,
        start: int,
        end: int,
        entity_type: str,
        score: float,
        recognizers: str | Iterable[str] = (),
        role: Role = Role.UNKNOWN,
        party: str | None = None,
        minor: bool = False,
        *,
        recognizer: str | None = None,
    ):
        if not 0 <= start < end:
            raise ValueError(f"bad span {start}..{end}")
        names = recognizer if recognizer is not None else recognizers
        setter = object.__setattr__  # frozen: set once, here
        setter(self, "start", start)
        setter(self, "end", end)
        setter(self, "entity_type", entity_type)
        setter(self, "score", score)
        setter(self, "recognizers", tuple(names.split("+")) if isinstance(names, str) else tuple(names))
        setter(self, "role", role)
        setter(self, "party", party)
        setter(self, "minor", minor)

    @property
    def recognizer(self) -> str:
        """The recognizers as one string, ``+``-joined (the manifest's and ``scan --json``'s form)."""
        return "+".join(self.recognizers)

    def found_by(self, recognizer: str) -> bool:
        return recognizer in self.recognizers

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end

    def with_role(self, role: Role, party: str | None) -> Finding:
        return replace(self, role=role, party=party)
