"""Read stage: files -> documents of segments. Picks the reader by extension (and content)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from victimshield.errors import InputError
from victimshield.read.base import MAX_INPUT_BYTES, Document
from victimshield.read.text import EXTENSIONS as TEXT_EXTENSIONS
from victimshield.read.text import read_text

Reader = Callable[[Path, str, bytes], Document]

READERS: dict[str, Reader] = {ext: read_text for ext in TEXT_EXTENSIONS}
SUPPORTED_EXTENSIONS = tuple(READERS)


def pick_reader(path: Path, data: bytes) -> Reader:
    """The reader for this file; content decides where the extension is ambiguous."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(path, f"unsupported format '{suffix or '(no extension)'}' (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
    return reader


def read_document(path: Path, relative: str) -> Document:
    """Read one input; ``InputError`` (exit 3) names the file and reason on any failure."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(path, f"too large ({size} bytes; the limit is {MAX_INPUT_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or type(exc).__name__})") from None
    return pick_reader(path, data)(path, relative, data)


__all__ = ["Document", "READERS", "SUPPORTED_EXTENSIONS", "pick_reader", "read_document"]
