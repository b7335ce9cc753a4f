"""Read stage: files -> documents of segments. Picks the reader by extension."""

from __future__ import annotations

from pathlib import Path

from victimshield.errors import InputError
from victimshield.read.base import MAX_INPUT_BYTES, Document
from victimshield.read.text import EXTENSIONS as TEXT_EXTENSIONS
from victimshield.read.text import read_text

SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS


def read_document(path: Path, relative: str) -> Document:
    """Read one input; ``InputError`` (exit 3) names the file and reason on any failure."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise InputError(path, f"unsupported format '{suffix or '(no extension)'}' (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(path, f"too large ({size} bytes; the limit is {MAX_INPUT_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or type(exc).__name__})") from None
    return read_text(path, relative, data)


__all__ = ["Document", "SUPPORTED_EXTENSIONS", "read_document"]
