"""Gold labels, and a text builder that records where each labelled value went."""

from __future__ import annotations

from dataclasses import asdict, dataclass

PROTECTED_ROLES = ("minor", "victim", "witness", "unknown")
KEPT_ROLES = ("suspect",)

# How a protected value relates to the roster: the contract's promise covers only ROSTER.
ROSTER = "roster"  # a party's value in a form the roster lists (any case, diacritics, separators)
ROSTER_VARIANT = "roster-variant"  # a party's value in a form the roster cannot know (typo, nickname, spelled out)
UNKNOWN = "unknown"  # a person who is in no roster


@dataclass(frozen=True, slots=True)
class Mention:
    """A value to insert: what is written, and what it is."""

    value: str  # as written in the file
    entity_type: str
    person: str  # the generator's id for the person (stable across files)
    form: str  # how it is written: 'first_lower', 'spelled', ...
    roster_form: bool  # True when the roster lists this form of the value


@dataclass(frozen=True, slots=True)
class GoldLabel:
    value: str
    entity_type: str
    role: str  # victim, minor, witness, suspect, officer, unknown
    party: str | None  # roster id, None for people not in the roster
    person: str
    form: str
    roster_form: bool
    start: int
    end: int

    @property
    def group(self) -> str:
        if self.party is None:
            return UNKNOWN
        return ROSTER if self.roster_form else ROSTER_VARIANT

    def to_json(self) -> dict[str, object]:
        return asdict(self)


Piece = str | Mention


class LabelledText:
    """Appends background text and mentions; knows the span of every mention."""

    def __init__(self, roles: dict[str, tuple[str, str | None]]):
        self._roles = roles  # person id -> (role, roster party id or None)
        self._parts: list[str] = []
        self._background: list[str] = []
        self._length = 0
        self.labels: list[GoldLabel] = []

    def add(self, *pieces: Piece) -> LabelledText:
        for piece in pieces:
            if isinstance(piece, Mention):
                role, party = self._roles[piece.person]
                start = self._length
                self._append(piece.value)
                self._background.append(" ")  # a gap, so background words do not fuse
                self.labels.append(
                    GoldLabel(
                        piece.value,
                        piece.entity_type,
                        role,
                        party,
                        piece.person,
                        piece.form,
                        piece.roster_form,
                        start,
                        self._length,
                    )
                )
            else:
                self._append(piece)
                self._background.append(piece)
        return self

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def background(self) -> str:
        """The text with every labelled value taken out: what must survive redaction."""
        return "".join(self._background)
