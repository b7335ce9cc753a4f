"""Text in pictures: Tesseract's words with their boxes, grouped into lines, and the boxes a
redaction must cover.

Photos and scanned pages both reach detection as lines of OCR'd text (one segment per line);
what the plan changes in a line is mapped back to the words it touches, and those words'
boxes are painted over. The mapping errs wide: a word that shares one character with a
changed range is covered whole.

Tesseract is a system program, run as a child process (Debian ``tesseract-ocr`` plus one
``tesseract-ocr-LANG`` per language; the Makefile installs them). Without it, a picture with text cannot be checked:
callers refuse or drop it, never pass it on unread.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from victimshield.errors import OcrUnavailableError

if TYPE_CHECKING:
    from PIL.Image import Image

# The languages the Makefile installs; OCR runs with those of them present on the machine.
WANTED_LANGUAGES = ("eng", "ron", "ukr", "rus", "spa", "ita", "por", "fra", "deu", "vie")
OCR_TIMEOUT_S = 600  # one picture; a page that takes longer is refused, not waited for forever
_TSV_COLUMNS = ("page_num", "block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")
MIN_CONFIDENCE = 0.0  # Tesseract's -1 marks layout rows, not words; any real word counts
Box = tuple[int, int, int, int]  # left, top, right, bottom, in pixels
__all__ = [
    "Box", "OcrLine", "OcrUnavailableError", "OcrWord",
    "boxes_to_cover", "changed_ranges", "changed_words", "cover", "installed_languages", "read_lines",
]


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str = field(repr=False)  # a word read in a picture: never in a repr
    box: Box
    confidence: float


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line as Tesseract read it: its words, joined by single spaces into ``text``."""

    words: tuple[OcrWord, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def word_ranges(self) -> list[tuple[int, int]]:
        """Each word's [start, end) in ``text``."""
        ranges, at = [], 0
        for word in self.words:
            ranges.append((at, at + len(word.text)))
            at += len(word.text) + 1
        return ranges


def _tesseract(args: Sequence[str], stdin: bytes = b"") -> str:
    """Tesseract's stdout for ``args``. One thread each: its OpenMP threads fight over the
    cores for no gain (a page costs about three times the CPU with them), and a run may
    already use every core with ``--jobs``."""
    import shutil
    import subprocess

    program = shutil.which("tesseract")
    if program is None:
        raise OcrUnavailableError("Tesseract OCR is not installed: text in images cannot be checked")
    try:
        done = subprocess.run(  # a fixed program with our own arguments, no shell
            [program, *args], input=stdin, capture_output=True, check=False, timeout=OCR_TIMEOUT_S,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrUnavailableError(f"Tesseract OCR failed ({type(exc).__name__})") from None
    if done.returncode != 0:
        # Its stderr may quote the image's text or a path: only the exit status is shown.
        raise OcrUnavailableError(f"Tesseract OCR failed (exit status {done.returncode})")
    return done.stdout.decode("utf-8", "replace")


@functools.lru_cache(maxsize=1)
def installed_languages() -> tuple[str, ...]:
    """Those of ``WANTED_LANGUAGES`` Tesseract has here, in that order; () without Tesseract.
    Asked once per process: every picture and page would otherwise start one more Tesseract."""
    try:
        listing = _tesseract(["--list-langs"])
    except OcrUnavailableError:
        return ()
    have = {line.strip() for line in listing.splitlines()[1:]}
    return tuple(code for code in WANTED_LANGUAGES if code in have)


def read_lines(image: Image, languages: Sequence[str] | None = None) -> list[OcrLine]:
    """The image's text lines, top to bottom as Tesseract orders them.

    ``languages`` defaults to every installed one of ``WANTED_LANGUAGES``: a slower read, but
    a Romanian or Cyrillic name read as Latin garble would pass detection unseen."""
    import io

    langs = tuple(languages) if languages is not None else installed_languages()
    if not langs:
        raise OcrUnavailableError("Tesseract OCR is not installed: text in images cannot be checked")
    png = io.BytesIO()
    image.convert("RGB").save(png, format="PNG", compress_level=1)
    tsv = _tesseract(["stdin", "stdout", "-l", "+".join(langs), "tsv"], png.getvalue())
    return _lines(_columns(tsv))


def _columns(tsv: str) -> dict[str, list[str]]:
    """Tesseract's TSV (a header row, then one row per page, block, paragraph, line and word)
    as columns; a word's text is the last column and may itself hold no tab."""
    rows = tsv.splitlines()
    if not rows:
        return {name: [] for name in _TSV_COLUMNS}
    header = rows[0].split("\t")
    columns: dict[str, list[str]] = {name: [] for name in header}
    for row in rows[1:]:
        cells = row.split("\t", len(header) - 1)
        cells += [""] * (len(header) - len(cells))
        for name, cell in zip(header, cells, strict=True):
            columns[name].append(cell)
    return columns


def _lines(data: dict[str, list[str]]) -> list[OcrLine]:
    lines: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    for i, raw in enumerate(data["text"]):
        text = str(raw).strip()
        confidence = float(data["conf"][i])
        if not text or confidence < MIN_CONFIDENCE:
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        box = (left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        key = (int(data["page_num"][i]), int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        # A word never holds a space (Tesseract splits on them), so line text maps back exactly.
        lines.setdefault(key, []).extend(OcrWord(part, box, confidence) for part in text.split())
    return [OcrLine(tuple(words)) for _, words in sorted(lines.items())]


def changed_ranges(original: str, redacted: str) -> list[tuple[int, int]]:
    """The [start, end) ranges of ``original`` that ``redacted`` replaced or deleted."""
    matcher = difflib.SequenceMatcher(None, original, redacted, autojunk=False)
    ranges = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        # An insertion between two characters touches both neighbours' words.
        ranges.append((i1, i2) if i2 > i1 else (max(i1 - 1, 0), min(i1 + 1, len(original))))
    return ranges


def changed_words(line: OcrLine, redacted: str) -> list[bool]:
    """For each word of ``line``, whether the redacted text changed it, in whole or part."""
    changes = changed_ranges(line.text, redacted)
    return [any(c_start < end and start < c_end for c_start, c_end in changes) for start, end in line.word_ranges()]


def boxes_to_cover(line: OcrLine, redacted: str) -> list[Box]:
    """The boxes of every word of ``line`` that the redacted text changed, in whole or part."""
    return [word.box for word, changed in zip(line.words, changed_words(line, redacted), strict=True) if changed]


def cover(image: Image, boxes: Iterable[Box], margin: int = 2) -> Image:
    """A copy of ``image`` with each box (grown by ``margin`` pixels) painted solid black."""
    from PIL import ImageDraw

    # A palette's index 0 need not be black, nor a 1-bit image's 0 stay 0 when saved: draw on RGB(A).
    if image.mode in ("P", "1", "LA", "PA"):
        out = image.convert("RGBA" if "A" in image.getbands() or image.mode == "PA" else "RGB")
    else:
        out = image.copy()
    draw = ImageDraw.Draw(out)
    fill: Any = 0 if out.mode in ("L", "I", "F") else (0, 0, 0, 255)[: len(out.getbands())]
    for left, top, right, bottom in boxes:
        draw.rectangle((left - margin, top - margin, right + margin, bottom + margin), fill=fill)
    return out
