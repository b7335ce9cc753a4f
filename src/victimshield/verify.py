"""The verify stage: read what was written back through the same readers, and find what
the policy would still not let leave. Nothing is published unless this finds nothing.

A document whose segments read back exactly as the texts the last redaction pass detected
clean ("proven") is not detected again; any other (a writer that changed something, a file
not written by this run) is. For a PDF this run wrote, every character meant for a page
must be on it. Below every reader, no output's bytes or name may hold the case key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from victimshield.decide import CASE_KEY_RULE
from victimshield.detect.memo import SegmentMemo
from victimshield.detect.merge import is_confident_identifier
from victimshield.engine import Accept, Leak
from victimshield.fidelity import PageTexts, lost_characters
from victimshield.files import MANIFEST, collect_inputs, holding
from victimshield.finding import Locator, Segment, output_label
from victimshield.formats import Document

# (path, label, covered scans) -> the document as its reader sees it. Covered scans: the pages
# this run wrote as scans; one whose every word was covered reads nothing, and is no photo.
ReadBack = Callable[[Path, str, Sequence[int]], Document[Any]]


class FindLeaks(Protocol):
    """(segments, accept; memo: a big output's parts' own findings, ``detect.memo``) -> leaks."""

    def __call__(self, segments: Sequence[Segment], accept: Accept | None, /, *,
                 memo: SegmentMemo | None = None) -> list[Leak]: ...


# (path, label) -> a big file's segments part by part, or None when it is read whole (stream.py)
ReadParts = Callable[[Path, str], Iterable[Sequence[Segment]] | None]


def name_parts(relative: str) -> tuple[list[str], list[str]]:
    """Each path component split into the part detected ("statement_ioana") and its
    extension (".txt"); a dot-file's leading dot is part of its name."""
    parts = relative.split("/")
    stems = [p.rsplit(".", 1)[0] if "." in p.strip(".") else p for p in parts]
    return stems, [p[len(s):] for p, s in zip(parts, stems, strict=True)]


def name_segments(relative: str, label: str) -> list[Segment]:
    stems, _ = name_parts(relative)
    return [Segment(s, Locator(label, field=f"name part {n}")) for n, s in enumerate(stems, 1)]


@dataclass
class Written:
    """What the write stage knows that verify may use: texts proven clean, PDF page texts,
    and outputs written part by part and verified part by part as written (``stream.py``):
    too big to read back whole, only their names and bytes (the case key) are checked here."""

    # Redacted texts still hold the input's other words: kept out of the repr.
    proven: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    pages: dict[str, PageTexts] = field(default_factory=dict, repr=False)
    streamed: set[str] = field(default_factory=set)
    scans: dict[str, tuple[int, ...]] = field(default_factory=dict)  # pages written as redacted scans
    scan_lines: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)  # what OCR should read


def unproven(segments: Sequence[Segment], scan_lines: Sequence[str]) -> list[Segment]:
    """``segments`` less the OCR'd lines of a scanned page (page and line set) that read exactly
    as a line the redaction left clean there: each was judged beside the words now covered, and
    alone ("tel") a model may take it for a name. A line read any other way is detected again."""
    left = Counter(scan_lines)
    kept = []
    for segment in segments:
        if segment.locator.page is not None and segment.locator.line is not None and left[segment.text] > 0:
            left[segment.text] -= 1
            continue
        kept.append(segment)
    return kept


# Where a segment stands, less its row and file label: (line, message, column, page, field, declared type)
Place = tuple[int | None, int | None, str | None, int | None, str | None, str | None]


def _place(segment: Segment) -> Place:
    at = segment.locator
    return at.line, at.message, at.column, at.page, at.field, segment.entity_type


@dataclass(frozen=True)
class CleanTexts:
    """The texts a redaction's last pass found clean, each with its place: a proof that
    survives a table's regrouping when read back.

    A table is read as each column's distinct values (with their owners), each located at its
    first row. Written and read back, values redacted alike collapse into one, so the read
    back has fewer segments, in other rows, than were redacted, and the comparison of the
    texts in order (``Written.proven``) never holds. A segment's own findings depend on its
    text, declared type and owner (``detect.memo``); so a read-back segment is proven when
    the same text, of the same declared type, at the same place (sheet and column, header,
    line, page...; its row aside) is among the texts the last pass found clean. Its owner
    is the owner's written text: proven clean itself, or a kept column's, unchanged.
    Anything else (a text written differently, moved to another column, a type sampled
    differently) is not proven, and is detected again."""

    held: frozenset[tuple[Place, str]] = field(repr=False)

    def __repr__(self) -> str:
        return f"CleanTexts({len(self.held)} texts)"

    @classmethod
    def of(cls, segments: Sequence[Segment], texts: Sequence[str]) -> CleanTexts:
        """The proof for ``segments`` redacted to ``texts`` by a run that ended clean."""
        return cls(frozenset((_place(s), t) for s, t in zip(segments, texts, strict=True)))

    def proves(self, segments: Sequence[Segment]) -> bool:
        return all((_place(s), s.text) in self.held for s in segments)


@dataclass(frozen=True)
class Verifier:
    read_back: ReadBack
    find_leaks: FindLeaks
    key_bytes: Sequence[bytes] = field(default=(), repr=False)  # the key as written: never shown
    read_parts: ReadParts | None = None

    def problems(self, folder: Path, written: Written) -> list[str]:
        """Every reason not to publish ``folder``, described without a value (empty: publish)."""
        lost: list[str] = []
        leaks = [leak.describe() for leak in self.leaks(folder, written, lost)]
        return leaks + lost + self.key_left(folder)

    def leaks(self, folder: Path, written: Written | None = None, lost: list[str] | None = None) -> list[Leak]:
        written = written or Written()
        found: list[Leak] = []
        outputs = [(path, relative) for path, relative in collect_inputs([folder]) if relative != MANIFEST]
        for position, (path, relative) in enumerate(outputs, start=1):
            # Outputs are named by position too: verify may run on a folder this tool did not write.
            label = output_label(position)
            found += self.find_leaks(name_segments(relative, label), is_confident_identifier)
            if relative in written.streamed:
                continue
            split = self.read_parts(path, label) if self.read_parts is not None else None
            if split is not None:
                memo = SegmentMemo()  # the parts of one output share their values: each detected once
                for segments in split:
                    found += self.find_leaks(segments, None, memo=memo)
                continue
            segments = self.read_back(path, label, written.scans.get(relative, ())).segments
            if lost is not None and relative in written.pages:
                lost += lost_characters(label, written.pages[relative], segments)
            if written.proven.get(relative) != tuple(s.text for s in segments):
                found += self.find_leaks(unproven(segments, written.scan_lines.get(relative, ())), None)
        return found

    def key_left(self, folder: Path) -> list[str]:
        if not self.key_bytes:
            return []
        return [f"output {n}: holds the case key (rule {CASE_KEY_RULE})" for n in holding(folder, self.key_bytes)]

