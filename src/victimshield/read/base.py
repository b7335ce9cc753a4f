"""What a reader gives: a document of segments, plus what its writer needs to rebuild it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from victimshield.finding import Segment

MAX_INPUT_BYTES = 512 * 1024 * 1024  # beyond this an input is refused, not half-read


@dataclass(frozen=True, slots=True)
class Document:
    """One input file as segments. ``layout`` is the reader's own record for its writer."""

    path: Path
    relative: str
    format: str
    segments: tuple[Segment, ...]
    layout: Any = field(default=None, repr=False)
    # What the output will lack or change beyond redaction (dropped attachments, flattened
    # forms), for the manifest; never a value from the file.
    notes: tuple[str, ...] = ()
    # 1-based pages with no text layer (scans): nothing in them can be checked.
    unreadable_pages: tuple[int, ...] = ()
    # sha256 of the file's bytes as read, for the manifest (the file is read once).
    sha256: str = ""
