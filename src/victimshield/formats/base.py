"""A format's contract: ``Format`` (sniff, read, write, and an optional prepare step), the
``Document`` it reads (segments plus its own typed layout), and the limits every reader
checks before it expands or walks anything.

Each limit is checked on what a file declares or holds before a parser builds it in
memory (a 5 KB workbook can declare a sheet of a billion cells, a 1 KB JSON a nesting
deep enough to exhaust the stack); crossing one is an ``InputError`` that names it.
"""

from __future__ import annotations

import re
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from victimshield.errors import InputError
from victimshield.finding import Finding, Segment

if TYPE_CHECKING:
    from victimshield.policy.model import ColumnRule

MAX_INPUT_BYTES = 512 * 1024 * 1024  # beyond this an input is refused, not half-read
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # all parts of a zip container (XLSX), or a Parquet file's data, expanded
MAX_ZIP_RATIO = 200  # expanded / compressed size of a zip container above RATIO_FLOOR
RATIO_FLOOR = 16 * 1024 * 1024  # small containers may compress well: the ratio counts above this
MAX_ZIP_ENTRIES = 10_000
MAX_TABLE_CELLS = 20_000_000  # rows x columns of a Parquet table
# rows x columns of a workbook's sheets as openpyxl lays them out: every cell of the grid,
# empty or not, becomes an object of some 150 bytes when pandas reads the sheet.
MAX_SHEET_CELLS = 5_000_000
MAX_NESTING_DEPTH = 200  # JSON objects/arrays, Parquet nested types
# Width x height a picture may declare; checked before its pixels are decoded (a 50 KB PNG can
# declare a billion pixels). Above any phone camera of today but for the 200-megapixel ones.
MAX_IMAGE_PIXELS = 120_000_000


# Detection as the caller hands it to a format's ``prepare``: segments in, findings per
# segment out. A format never imports ``detect``; it only calls what it is given.
Detect = Callable[[Sequence[Segment]], list[list[Finding]]]
L = TypeVar("L")


@dataclass(frozen=True, slots=True)
class Document(Generic[L]):
    """One input file as segments. ``layout`` is the reading format's own record for its
    writer, of that format's own type (``Document[TextLayout]``, ``Document[PdfLayout]``)."""

    path: Path
    relative: str
    format: str  # one of the reading format's ``names``: it picks the writer, and the manifest shows it
    segments: tuple[Segment, ...]
    layout: L = field(repr=False)
    # What the output will lack or change beyond redaction (dropped attachments, flattened
    # forms), for the manifest; never a value from the file.
    notes: tuple[str, ...] = ()
    # 1-based pages with no text layer (scans): nothing in them can be checked.
    unreadable_pages: tuple[int, ...] = ()
    # sha256 of the file's bytes as read, for the manifest (the file is read once).
    sha256: str = ""
    # Files held inside this one that no format reads ("attachment 2"), left out of the
    # output (each with a note); a strict run refuses the input instead.
    dropped_parts: tuple[str, ...] = ()


_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def check_json_depth(text: str, where: object) -> None:
    """Refuse JSON nested deeper than ``MAX_NESTING_DEPTH`` before any parser recurses into it.

    Strings are blanked first (a bracket inside one is no nesting); the brackets left are
    counted, without recursion."""
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_NESTING_DEPTH:
                raise InputError(where, f"nested deeper than {MAX_NESTING_DEPTH} levels (the nesting depth limit)")
        else:
            depth -= 1


def check_zip_sizes(infos: Sequence[zipfile.ZipInfo], where: object) -> None:
    """Refuse a zip container (XLSX, DOCX) whose directory declares too many parts, too much
    expanded data, or a compression ratio only a bomb has; before any part is read."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputError(where, f"holds more than {MAX_ZIP_ENTRIES} parts (the limit on zip entries)")
    expanded = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if expanded > MAX_UNZIPPED_BYTES:
        raise InputError(where, f"expands to more than {MAX_UNZIPPED_BYTES} bytes (the limit on decompressed size)")
    if expanded > RATIO_FLOOR and expanded > MAX_ZIP_RATIO * max(packed, 1):
        raise InputError(where, f"expands more than {MAX_ZIP_RATIO} times its compressed size "
                                "(the limit on compression ratio)")


class FormatPicker(Protocol):
    """What a format whose files hold other files (an e-mail's attachments, a Word
    document's embedded files) needs of its registry: the format that reads a held file."""

    @property
    def extensions(self) -> tuple[str, ...]: ...

    def pick(self, path: Path, data: bytes) -> Format[Any]: ...


class Format(ABC, Generic[L]):
    """One file type: how to recognise it, read it, and write it back with redacted texts.

    A subclass sets ``names`` (the words its documents carry in ``Document.format``; the
    first is the format's own name) and ``extensions`` (lower-case, with the dot), and
    keeps its layout type to itself: only its own ``write`` and ``prepare`` read it.
    Instances hold no state: one may serve many runs and threads."""

    names: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.names[0]

    @abstractmethod
    def sniff(self, extension: str, head: bytes) -> float:
        """How sure this format is that a file with ``extension`` (lower case) opening with
        ``head`` (its first 64 KiB) is its own: 0 (not mine) to 1 (certainly mine)."""

    @abstractmethod
    def read(self, path: Path, label: str, data: bytes) -> Document[L]:
        """The file's segments and layout. ``label`` ("input 3") names it in every locator;
        errors are ``InputError(path, reason)`` with no value from the file in ``reason``."""

    def read_within(self, path: Path, label: str, data: bytes, formats: FormatPicker) -> Document[L]:
        """``read``, with the registry at hand: a format whose files hold other files reads
        them with ``formats`` (so a caller's format reads them too). Most formats hold none."""
        return self.read(path, label, data)

    @abstractmethod
    def write(self, document: Document[L], texts: Sequence[str]) -> bytes:
        """The file again, with ``texts[i]`` in place of segment ``i`` and all else as read."""

    def prepare(self, document: Document[L], rules: Mapping[str, ColumnRule], detect: Detect) -> Document[L]:
        """A step the caller runs after reading, before detection proper: the document with
        the policy's ``columns:`` rules applied, or its segments sifted with ``detect``
        (tables, JSON numbers). Most formats have nothing to do."""
        return document
