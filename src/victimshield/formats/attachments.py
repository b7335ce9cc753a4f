"""Files held inside a file (an e-mail's attachments, a Word document's embedded files),
read, prepared and written back by their own formats through the registry.

A holder hands each held file's bytes, with the extension its name gives (or its declared
media type's), to ``read_held``: the registry's formats sniff it like an input, so a format
a caller registers (an image format) reads held files too. The held document's segments
join the holder's, their locators naming the holder and the held file by position
("input 2, attachment 1, row 3"); its writer gives the bytes the holder puts back.

A held file no format reads comes back as ``None``: the holder drops it with a note, or
refuses it where it cannot drop. Nesting is limited (an e-mail holding an e-mail holding ...):
deeper than ``MAX_DEPTH``, more than ``MAX_HELD`` files, or more than ``MAX_HELD_BYTES``
held in one input is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from victimshield.errors import InputError, UnsupportedFormatError
from victimshield.finding import Segment
from victimshield.formats.base import MAX_UNZIPPED_BYTES, Detect, Document, Format, FormatPicker

if TYPE_CHECKING:
    from victimshield.policy.model import ColumnRule

MAX_DEPTH = 3  # an input's attachment's attachment's attachment; one more level is refused
MAX_HELD = 500  # held files in one input, at every depth
MAX_HELD_BYTES = MAX_UNZIPPED_BYTES  # their bytes together
# Declared media types to the extension a format claims, for a held file whose name has none
# a format knows (an attachment named without one, or a forwarded message).
DECLARED_EXTENSIONS = MappingProxyType({
    "text/plain": ".txt",
    "text/csv": ".csv",
    "text/tab-separated-values": ".tsv",
    "application/json": ".json",
    "application/pdf": ".pdf",
    "message/rfc822": ".eml",
    "application/mbox": ".mbox",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tiff",
})


@dataclass(slots=True)
class _Budget:
    """What one input's held files have used so far (shared by every level of one read)."""

    files: int = 0
    bytes: int = 0


@dataclass(frozen=True, slots=True)
class Nesting:
    """The registry, and how deep inside the input a reader is. A ``FormatPicker`` itself,
    so a holder passes it on as the ``formats`` of what it holds."""

    formats: FormatPicker
    depth: int = 0
    budget: _Budget = field(default_factory=_Budget, repr=False)

    @property
    def extensions(self) -> tuple[str, ...]:
        return self.formats.extensions

    def pick(self, path: Path, data: bytes) -> Format[Any]:
        return self.formats.pick(path, data)


def nesting_of(formats: FormatPicker | None) -> Nesting:
    """``formats`` as a nesting: the one a holder was given, or a new one at the input's level."""
    if isinstance(formats, Nesting):
        return formats
    if formats is None:
        from victimshield.formats.registry import FormatRegistry  # the registry imports the holders

        formats = FormatRegistry()
    return Nesting(formats)


@dataclass(frozen=True, slots=True)
class Held:
    """One held file read by its own format: where it goes back in its holder, and what it holds."""

    name: str  # by position, as its locators and notes name it: "attachment 2", "embedded file 1"
    place: int  # where it sits in the holder (a MIME part's number, a zip entry's position)
    format: Format[Any] = field(repr=False)
    document: Document[Any] = field(repr=False)


def extension_of(filename: str | None, declared: str, known: Sequence[str]) -> str:
    """The extension a held file is offered to formats with: its name's, when a format claims
    it, else its declared media type's, else none (no format will read it)."""
    if filename:
        suffix = PurePath(filename.replace("\\", "/")).suffix.lower()
        if suffix in known:
            return suffix
    fallback = DECLARED_EXTENSIONS.get(declared.lower(), "")
    return fallback if fallback in known else ""


def read_held(nesting: Nesting, data: bytes, extension: str, where: object, what: str, place: int,
              label: str) -> Held | str:
    """The held file read by its own format, its locators naming it "``label``, ``what``"
    (``what`` names it by position: "attachment 2"); or why it cannot be read (no format
    reads it, pages with no text layer). Errors name the holder (``where``) and ``what``."""
    label = f"{label}, {what}"
    if nesting.depth + 1 > MAX_DEPTH:
        raise InputError(where, f"{what}: files nested more than {MAX_DEPTH} levels deep (the nesting limit)")
    nesting.budget.files += 1
    nesting.budget.bytes += len(data)
    if nesting.budget.files > MAX_HELD:
        raise InputError(where, f"holds more than {MAX_HELD} attachments or embedded files (the limit)")
    if nesting.budget.bytes > MAX_HELD_BYTES:
        raise InputError(where, f"its attachments or embedded files hold more than {MAX_HELD_BYTES} bytes (the limit)")
    # Only the position and a known extension name the held file: its own name is evidence.
    path = Path(what.replace(" ", "-") + extension)
    try:
        fmt = nesting.pick(path, data)
    except UnsupportedFormatError:
        return "no format reads this type of file"
    try:
        document = fmt.read_within(path, label, data, Nesting(nesting.formats, nesting.depth + 1, nesting.budget))
    except InputError as exc:
        raise InputError(where, f"{what}: {exc.reason}") from None
    if document.unreadable_pages:
        pages = ", ".join(str(n) for n in document.unreadable_pages)
        return f"page(s) {pages} have no text layer and cannot be checked"
    return Held(what, place, fmt, document)


def held_notes(held: Sequence[Held]) -> tuple[list[str], list[str]]:
    """The held documents' own notes and dropped parts, named inside their holder."""
    notes = [f"{h.name}: {note}" for h in held for note in h.document.notes]
    dropped = [f"{h.name}, {part}" for h in held for part in h.document.dropped_parts]
    return notes, dropped


def held_segments(held: Sequence[Held]) -> list[Segment]:
    return [segment for h in held for segment in h.document.segments]


def split_texts(held: Sequence[Held], texts: Sequence[str]) -> list[Sequence[str]]:
    """``texts`` (one per segment of ``held_segments``) cut into each held file's own."""
    out: list[Sequence[str]] = []
    cursor = 0
    for h in held:
        count = len(h.document.segments)
        out.append(texts[cursor : cursor + count])
        cursor += count
    if cursor != len(texts):
        raise ValueError("one text per held segment is needed")
    return out


def changed_bytes(h: Held, texts: Sequence[str]) -> bytes | None:
    """The held file written again by its own format, or None when none of its texts changed."""
    if tuple(texts) == tuple(s.text for s in h.document.segments):
        return None
    return h.format.write(h.document, texts)


def prepare_held(held: Sequence[Held], rules: Mapping[str, ColumnRule], detect: Detect) -> tuple[Held, ...]:
    """Each held document through its own format's step after reading (column rules, numbers)."""
    return tuple(replace(h, document=h.format.prepare(h.document, rules, detect)) for h in held)
