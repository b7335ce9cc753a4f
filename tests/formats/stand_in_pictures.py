"""A stand-in picture format for tests of files inside files: a picture's "caption" (its
bytes after a marker) is its text, so a test sees exactly what the holder hands it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import victimshield as vs
from victimshield.finding import Segment
from victimshield.formats import Document, Format


class StandInPictures(Format[bytes]):
    names = ("test-picture",)
    extensions = (".jpg", ".jpeg")

    def sniff(self, extension: str, head: bytes) -> float:
        return 1.0 if head.startswith(b"\xff\xd8") else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[bytes]:
        caption = data.split(b"|", 1)[1].decode()
        return Document(path, label, self.name, (Segment(caption, vs.Locator(label, field="caption")),), data)

    def write(self, document: Document[bytes], texts: Sequence[str]) -> bytes:
        return document.layout.split(b"|", 1)[0] + b"|" + texts[0].encode()
