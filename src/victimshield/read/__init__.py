"""Read stage: files -> documents of segments. Picks the reader by extension (and content)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from victimshield.errors import InputError
from victimshield.read.base import MAX_INPUT_BYTES, Document
from victimshield.read.chat_json import is_messenger, is_telegram, read_generic_json, read_messenger, read_telegram
from victimshield.read.json_tree import parse_json
from victimshield.read.mt940 import EXTENSIONS as MT940_EXTENSIONS
from victimshield.read.mt940 import looks_like_swift, read_mt940
from victimshield.read.pdf import EXTENSIONS as PDF_EXTENSIONS
from victimshield.read.pdf import read_pdf
from victimshield.read.table import EXTENSIONS as TABLE_EXTENSIONS
from victimshield.read.table import read_table
from victimshield.read.text import EXTENSIONS as TEXT_EXTENSIONS
from victimshield.read.text import read_text
from victimshield.read.whatsapp import looks_like_whatsapp, read_whatsapp

Reader = Callable[[Path, str, bytes], Document]


def _read_json(path: Path, relative: str, data: bytes) -> Document:
    # Telegram and Messenger both write .json; the content says which.
    tree = parse_json(data, path)
    if is_telegram(tree):
        return read_telegram(path, relative, data)
    if is_messenger(tree):
        return read_messenger(path, relative, data)
    return read_generic_json(path, relative, data)


READERS: dict[str, Reader] = {
    **{ext: read_text for ext in TEXT_EXTENSIONS},
    ".json": _read_json,
    **{ext: read_table for ext in TABLE_EXTENSIONS},
    **{ext: read_pdf for ext in PDF_EXTENSIONS},
    **{ext: read_mt940 for ext in MT940_EXTENSIONS},
}
SUPPORTED_EXTENSIONS = tuple(READERS)


def _sniff_text(data: bytes) -> str:
    return data[:65536].decode("utf-8-sig", "replace")


def pick_reader(path: Path, data: bytes) -> Reader:
    """The reader for this file; content decides where the extension is ambiguous."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        # The extension is not repeated: "statement.Popescu" would put a name in the message.
        raise InputError(path, f"unsupported format: the file's extension is not one of {', '.join(SUPPORTED_EXTENSIONS)}")
    if reader is read_text:
        head = _sniff_text(data)
        if looks_like_whatsapp(head):
            return read_whatsapp
        if looks_like_swift(head):
            return read_mt940
    return reader


def read_document(path: Path, label: str) -> Document:
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
        document = pick_reader(path, data)(path, label, data)
    except InputError as exc:
        raise InputError(label, exc.reason) from None
    return replace(document, sha256=hashlib.sha256(data).hexdigest())


__all__ = ["Document", "READERS", "SUPPORTED_EXTENSIONS", "pick_reader", "read_document"]
