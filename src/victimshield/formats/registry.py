"""Which format reads a file, and which writes a document back: the only dispatch there is.

A registry holds formats in three groups, searched in this order:

1. the caller's (``FormatRegistry(formats=[...])``, ``Shield(..., formats=[...])``,
   ``registry.register_format(fmt)``), in the order given;
2. formats installed as entry points in the group ``victimshield.formats`` (each entry a
   ``Format`` subclass or instance), in the order ``importlib.metadata`` lists them;
3. the built-in formats.

A file is offered to every format that lists its extension; each sniffs the file's first
64 KiB and says how sure it is (0 to 1). The surest wins; on a tie the earlier group wins
(the caller over entry points over built-ins), then the earlier format in its group. A
format whose sniff says 0 never reads the file; a file no format claims is refused.
A document is written by the format whose ``names`` hold its ``Document.format``, so by the
format that read it (and verify reads it back with the same). Names are therefore unique: a
format with a name of one in a later group replaces that format whole (a caller's ``text``
format replaces the built-in one, for reading and writing); two formats of one group with a
name in common are refused.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victimshield.errors import InputError, UnsupportedFormatError, UsageError
from victimshield.formats.base import MAX_INPUT_BYTES, Detect, Document, Format
from victimshield.formats.chat_json import JsonFormat
from victimshield.formats.docx import DocxFormat
from victimshield.formats.email import EmailFormat, MboxFormat
from victimshield.formats.image import ImageFormat
from victimshield.formats.mt940 import Mt940Format
from victimshield.formats.pdf import PdfFormat
from victimshield.formats.table import TableFormat
from victimshield.formats.text import TextFormat
from victimshield.formats.whatsapp import WhatsAppFormat

if TYPE_CHECKING:
    from victimshield.policy.model import ColumnRule

ENTRY_POINT_GROUP = "victimshield.formats"
SNIFF_BYTES = 65536
# Stateless instances: one set serves every registry.
BUILTIN_FORMATS: tuple[Format[Any], ...] = (
    TextFormat(), WhatsAppFormat(), Mt940Format(), JsonFormat(), TableFormat(), PdfFormat(), EmailFormat(),
    MboxFormat(),
    DocxFormat(),
    ImageFormat(),
)
SUPPORTED_EXTENSIONS = tuple(dict.fromkeys(ext for fmt in BUILTIN_FORMATS for ext in fmt.extensions))


def _as_format(loaded: object, name: str) -> Format[Any]:
    """An entry point's object as a format: an instance, or a class made with no arguments."""
    if isinstance(loaded, type) and issubclass(loaded, Format):
        loaded = loaded()
    if not isinstance(loaded, Format):
        raise UsageError(f"format entry point {name!r} is not a victimshield.formats.Format")
    return loaded


def entry_point_formats() -> tuple[Format[Any], ...]:
    """The formats installed packages declare in the ``victimshield.formats`` group."""
    found = []
    for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = point.load()
        except Exception as exc:
            raise UsageError(f"format entry point {point.name!r} could not be loaded ({type(exc).__name__})") from None
        found.append(_as_format(loaded, point.name))
    return tuple(found)


def _check(fmt: object) -> Format[Any]:
    if not isinstance(fmt, Format):
        raise UsageError(f"{type(fmt).__name__} is not a victimshield.formats.Format")
    if not fmt.names or not fmt.extensions or any(not e.startswith(".") or e != e.lower() for e in fmt.extensions):
        raise UsageError(f"format {type(fmt).__name__} needs names and lower-case extensions that start with a dot")
    return fmt


def _unclaimed(fmt: object, group: Sequence[Format[Any]]) -> Format[Any]:
    """``fmt`` as a format none of ``group`` (its own group) has a name of: a document's format
    names its one writer, so formats may share extensions, never a name within a group."""
    checked = _check(fmt)
    clash = sorted({name for other in group for name in other.names} & set(checked.names))
    if clash:
        raise UsageError(f"format {type(checked).__name__} takes the name(s) {', '.join(clash)} of another format")
    return checked


class FormatRegistry:
    """The formats one Shield (or one call) reads and writes with; see the module's docstring."""

    def __init__(self, formats: Iterable[Format[Any]] = (), *, entry_points: bool = True) -> None:
        self._callers: list[Format[Any]] = []
        installed: list[Format[Any]] = []
        for fmt in entry_point_formats() if entry_points else ():
            installed.append(_unclaimed(fmt, installed))
        self._installed = tuple(installed)
        for fmt in formats:
            self.register_format(fmt)

    def register_format(self, fmt: Format[Any]) -> None:
        """Add a caller's format, after those the caller gave before (so before every other)."""
        self._callers.append(_unclaimed(fmt, self._callers))

    @property
    def formats(self) -> tuple[Format[Any], ...]:
        """Every format in search order: the caller's, entry points', built-ins; a format that
        has a name of one searched before it is replaced by that one, whole."""
        found: list[Format[Any]] = []
        taken: set[str] = set()
        for fmt in (*self._callers, *self._installed, *BUILTIN_FORMATS):
            if taken.isdisjoint(fmt.names):
                found.append(fmt)
                taken.update(fmt.names)
        return tuple(found)

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ext for fmt in self.formats for ext in fmt.extensions))

    def pick(self, path: Path, data: bytes) -> Format[Any]:
        """The format that reads this file: the surest sniff among those claiming its extension."""
        extension = path.suffix.lower()
        head = data[:SNIFF_BYTES]
        best: Format[Any] | None = None
        best_score = 0.0
        for fmt in self.formats:
            if extension in fmt.extensions:
                score = fmt.sniff(extension, head)
                if score > best_score:  # strictly: on a tie the earlier format stays
                    best, best_score = fmt, score
        if best is None:
            # The extension is not repeated: "statement.Popescu" would put a name in the message.
            known = ", ".join(self.extensions)
            raise UnsupportedFormatError(path, f"unsupported format: the file's extension is not one of {known}")
        return best

    def format_of(self, document: Document[Any]) -> Format[Any]:
        """The format that writes ``document`` back: the one whose names hold its format."""
        for fmt in self.formats:
            if document.format in fmt.names:
                return fmt
        raise ValueError("no format writes this document")  # a document no registered format read

    def read(self, path: Path, label: str) -> Document[Any]:
        """Read one input; ``InputError`` (exit 3) names it by ``label`` and gives the reason.

        ``label`` names the input in every locator and error ("input 3"): a file's own name
        can carry a victim's, so it never reaches a message. Readers raise with the path;
        the error is re-raised here under the label."""
        try:
            try:
                size = path.stat().st_size
                if size > MAX_INPUT_BYTES:
                    raise InputError(path, f"too large ({size} bytes; the limit is {MAX_INPUT_BYTES})")
                data = path.read_bytes()
            except OSError as exc:
                raise InputError(path, f"cannot read ({exc.strerror or type(exc).__name__})") from None
            document = self.pick(path, data).read_within(path, label, data, self)
        except InputError as exc:
            raise type(exc)(label, exc.reason) from None
        return replace(document, sha256=hashlib.sha256(data).hexdigest())

    def prepare(self, document: Document[Any], rules: Mapping[str, ColumnRule], detect: Detect) -> Document[Any]:
        """The document's own format's step after reading (column rules, sifted numbers)."""
        return self.format_of(document).prepare(document, rules, detect)

    def render(self, document: Document[Any], texts: Sequence[str]) -> bytes:
        if len(texts) != len(document.segments):
            raise ValueError("one text per segment is needed")
        return self.format_of(document).write(document, texts)


def _registry(registry: FormatRegistry | None) -> FormatRegistry:
    return registry if registry is not None else FormatRegistry()


def read_document(path: Path, label: str, registry: FormatRegistry | None = None) -> Document[Any]:
    """Read one input with ``registry`` (built-ins and installed formats when None)."""
    return _registry(registry).read(path, label)


def render_document(document: Document[Any], texts: Sequence[str], registry: FormatRegistry | None = None) -> bytes:
    """The output file's bytes: ``texts[i]`` in place of segment ``i``."""
    return _registry(registry).render(document, texts)


def prepare_document(document: Document[Any], rules: Mapping[str, ColumnRule], detect: Detect,
                     registry: FormatRegistry | None = None) -> Document[Any]:
    """Tables get their column rules; JSON its numbers sifted; other documents pass through."""
    return _registry(registry).prepare(document, rules, detect)
