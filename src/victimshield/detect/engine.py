"""Detection: segments in, findings out. Knows nothing of file formats.

Presidio (spaCy NER, Presidio's recognizers and the YAML ones) runs over a whole
batch at once; the roster matcher and Python span recognizers run per text;
the results are merged so that each span has one finding with the right role.

Everything runs over the *visible* text (``normalize.visible``: no zero-width or
bidi characters, odd spaces plain), and findings map back to the original, so a
hidden character inside a value neither hides it nor survives its replacement.
A text longer than ``PIECE`` characters (a one-line file, a huge cell; spaCy
refuses a million) is detected in pieces that overlap by ``OVERLAP``: a value
shorter than the overlap lies whole in some piece, and the findings of all
pieces are merged back. Memory then grows with the piece, not the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Protocol

from victimshield.detect.declared import DECLARED, declared_person
from victimshield.detect.memo import MemoKey, SegmentMemo, memo_key
from victimshield.detect.merge import ROSTER, merge_findings
from victimshield.detect.native import judge_document
from victimshield.detect.numbers import drop_non_identifier_numbers
from victimshield.detect.ordinary import drop_ordinary_organizations
from victimshield.detect.presidio_adapter import (
    PluggedRecognizer,
    PresidioAdapter,
)
from victimshield.detect.relatives import RECOGNIZER as RELATIVE
from victimshield.detect.relatives import is_relative
from victimshield.detect.specs import RecognizerSpec
from victimshield.detect.split import split_compute, worth_splitting
from victimshield.disguises import Visible, visible
from victimshield.finding import Finding, Segment
from victimshield.policy.model import DetectionSettings
from victimshield.roster.matcher import RosterMatcher
from victimshield.vocabulary import most_protective

PIECE = 20_000  # characters per piece: a line or cell longer than this is detected in overlapping pieces
OVERLAP = 1_000  # longer than any name, number or address a piece edge could cut
# Characters handed to spaCy at once: its pipe holds a whole batch of documents in
# memory (64 pieces of 20,000 characters took gigabytes), so batches are cut by size.
BATCH_CHARS = 100_000
# An ASCII run this long without whitespace is a blob (base64, a hex dump), not words: the NER
# and the name lists read names into its fragments ("Dg5/Kelly+x"), differently each time
# a replacement elsewhere shifts its context, so a long file would never come out clean.
# Their guesses there are dropped; the roster and the pattern recognizers still look.
BLOB = 200
WARM_CHARS = 2_000  # detected before a batch is split over processes, to load what they share
_GUESSES = frozenset({"SpacyRecognizer", "name_gazetteer", "given_name_gazetteer", "document_names",
                      "capitalised_names", "surname_shape", "introduced_name", "name_context"})
_SPACE = re.compile(r"\s")


def pieces(text: str, size: int | None = None, overlap: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering ``text``; consecutive pieces share at least ``overlap // 2``
    characters, and are cut at whitespace where there is some near the edge."""
    size = PIECE if size is None else size
    overlap = OVERLAP if overlap is None else overlap
    if len(text) <= size:
        yield 0, text
        return
    start = 0
    while True:
        end = min(start + size, len(text))
        if end < len(text):
            cut = max(text.rfind(c, end - overlap // 2, end) for c in " \n\t")
            end = cut + 1 if cut > 0 else end
        yield start, text[start:end]
        if end >= len(text):
            return
        start = end - overlap
        after = [i for i in (text.find(c, start, start + overlap // 2) for c in " \n\t") if i >= 0]
        start = min(after) + 1 if after else start


def _batches(jobs: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive jobs, at most ``BATCH_CHARS`` characters of text per batch (at least one job)."""
    batch: list[tuple[int, int, str]] = []
    size = 0
    for job in jobs:
        if batch and size + len(job[2]) > BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(job)
        size += len(job[2])
    if batch:
        yield batch


def _cuts_a_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _shifted(findings: Iterable[Finding], offset: int, piece: str, text: str) -> list[Finding]:
    """Findings of ``piece`` (at ``offset`` in ``text``) in ``text``'s offsets. One that
    touches a piece edge cut inside a word is dropped: it saw half a word (the NER
    calls half of a long blob an organisation, the roster finds "Ioana" in half of
    "Ioanascu"), and the overlapping piece sees the whole word."""
    end = offset + len(piece)
    return [
        f if offset == 0 else replace(f, start=f.start + offset, end=f.end + offset)
        for f in findings
        if not ((f.start == 0 and _cuts_a_word(text, offset)) or (f.end == len(piece) and _cuts_a_word(text, end)))
    ]


def _in_blob(text: str, finding: Finding) -> bool:
    before = text[max(0, finding.start - BLOB) : finding.start]
    after = _SPACE.search(text, finding.end, finding.end + BLOB)
    last_space = max((m.start() for m in _SPACE.finditer(before)), default=-1)
    run_start = finding.start - len(before) + last_space + 1
    run_end = after.start() if after else min(len(text), finding.end + BLOB)
    # Thai or Chinese is written without spaces: only an ASCII run is a blob.
    return run_end - run_start >= BLOB and text[run_start:run_end].isascii()


def _without_guesses_in_blobs(text: str, findings: list[Finding]) -> list[Finding]:
    if len(text) < BLOB:
        return findings
    return [f for f in findings if not (set(f.recognizers) <= _GUESSES and _in_blob(text, f))]


def _shown(segment: Segment) -> tuple[Segment, Visible]:
    """The segment as a reader sees it (owner too), and the map back to its text."""
    shown = visible(segment.text)
    owner = visible(segment.owner).text if segment.owner else segment.owner
    if shown.text == segment.text and owner == segment.owner:
        return segment, shown
    return replace(segment, text=shown.text, owner=owner), shown


def _mapped_back(findings: list[Finding], shown: Visible) -> list[Finding]:
    if not shown.dropped_at:
        return findings
    return [replace(f, start=s, end=e) for f in findings for s, e in [shown.span(f.start, f.end)]]


class SpanRecognizer(Protocol):
    """A recognizer whose logic needs Python (checksums over normalised text, …).

    ``find`` returns findings with offsets into ``text``; set ``minor=True`` on
    a finding that shows the person is under 18. A plugged-in one may also have
    ``supported_entities`` (the types it finds, as Presidio's recognizers do): a
    policy of its shield may then name those types.
    """

    @property
    def name(self) -> str: ...

    def find(self, text: str) -> Iterable[Finding]: ...


class Detector:
    def __init__(
        self,
        settings: DetectionSettings,
        specs: Sequence[RecognizerSpec],
        roster: RosterMatcher | None = None,
        span_recognizers: Sequence[SpanRecognizer] = (),
        languages: Sequence[str] = ("en",),
        presidio_recognizers: Sequence[PluggedRecognizer] = (),
        processes: int = 1,
    ):
        self._presidio = PresidioAdapter(settings, specs, presidio_recognizers)
        self._roster = roster
        self._span_recognizers = tuple(span_recognizers)
        self._languages = tuple(languages)  # the case's: for text too short to tell its own
        self._processes = processes  # a big batch's segments may be detected in this many (detect/split.py)

    def __repr__(self) -> str:
        return f"Detector({self._presidio!r}, roster={self._roster!r})"

    def detect(self, segments: Sequence[Segment]) -> list[list[Finding]]:
        """Findings per segment (spans in its own text), in the order of ``segments``; one call per batch."""
        return self.detect_documents([segments])[0]

    def detect_documents(self, documents: Sequence[Sequence[Segment]],
                         memo: SegmentMemo | None = None) -> list[list[list[Finding]]]:
        """``detect`` for each document, with one Presidio batch for all: each document's
        findings are what ``detect`` alone gives it (names found in one document are not
        evidence in another), the models run once over them all. With a ``memo`` (a big
        input's parts, ``detect.memo``) a segment's own findings are looked up by content and
        each distinct one is detected once; its document is still judged whole, as without."""
        shown = [[_shown(s) for s in segments] for segments in documents]
        flat = [segment for document in shown for segment, _ in document]
        own = self._each_segment(flat, memo)
        out: list[list[list[Finding]]] = []
        first = 0
        for document in shown:
            segments = [segment for segment, _ in document]
            found = self._judged(segments, own[first : first + len(segments)])
            out.append([_mapped_back(f, view) for f, (_, view) in zip(found, document, strict=True)])
            first += len(segments)
        return out

    def _judged(self, segments: Sequence[Segment], own: list[list[Finding]]) -> list[list[Finding]]:
        """The document's step: each segment's own findings judged beside the others."""
        judged = judge_document(segments, own, self._languages)
        return [_without_guesses_in_blobs(s.text, f) for s, f in zip(segments, judged, strict=True)]

    def _each_segment(self, segments: Sequence[Segment], memo: SegmentMemo | None) -> list[list[Finding]]:
        """Each segment's own findings (Presidio, span recognizers, roster), before the steps
        that read a whole document. They are a function of its text, declared type and owner
        (``memo_key``): a repeated one ("ok", a column's value) is detected once, and one the
        ``memo`` holds (from an earlier part) not at all."""
        known: dict[MemoKey, list[Finding]] = {}
        missing: dict[MemoKey, Segment] = {}
        keys = [memo_key(s) for s in segments]
        for key, segment in zip(keys, segments, strict=True):
            if key in known or key in missing:
                continue
            found = memo.get(key) if memo is not None else None
            if found is None:
                missing[key] = segment
            else:
                known[key] = found
        fresh = self._distinct_segments(list(missing.values()))
        for key, found in zip(missing, fresh, strict=True):
            known[key] = found
            if memo is not None:
                memo.put(key, found)
        return [list(known[key]) for key in keys]

    def _distinct_segments(self, segments: Sequence[Segment]) -> list[list[Finding]]:
        """``_segments_alone``, a big batch in several processes."""
        if not worth_splitting(sum(len(s.text) for s in segments), self._processes):
            return self._segments_alone(segments)
        # The models, word tables and name lists load here, once, on the first segments:
        # the forked processes share them instead of loading each its own.
        warm, size = 0, 0
        while warm < len(segments) and size < WARM_CHARS:
            size += len(segments[warm].text)
            warm += 1
        first = self._segments_alone(segments[:warm])
        rest = segments[warm:]
        return first + split_compute(rest, [len(s.text) for s in rest], self._processes, self._segments_alone)

    def _segments_alone(self, segments: Sequence[Segment]) -> list[list[Finding]]:
        presidio = self._presidio_findings(segments)
        return [self._segment_findings(segment, presidio.get(index, [])) for index, segment in enumerate(segments)]

    def _presidio_findings(self, segments: Sequence[Segment]) -> dict[int, list[Finding]]:
        """Presidio over every piece of every free-text segment, in one batch."""
        jobs = [(i, offset, piece) for i, s in enumerate(segments) if s.entity_type is None and s.text.strip()
                for offset, piece in pieces(s.text)]
        out: dict[int, list[Finding]] = {}
        for batch in _batches(jobs):
            results = self._presidio.analyze_batch([piece for _, _, piece in batch])
            for (index, offset, piece), raw in zip(batch, results, strict=True):
                found = list(raw)
                out.setdefault(index, []).extend(_shifted(found, offset, piece, segments[index].text))
        return out

    def _segment_findings(self, segment: Segment, presidio: list[Finding]) -> list[Finding]:
        """One segment's own findings: a function of its text, declared type and owner alone
        (what ``detect.memo`` keys on); ``presidio``: Presidio's findings in it."""
        found: list[Finding] = []
        if segment.entity_type is not None:
            found += self._declared(segment)
            # Some recognizers look everywhere (the case key): a declared type must not hide them.
            for recognizer in self._span_recognizers:
                if getattr(recognizer, "everywhere", False):
                    found += recognizer.find(segment.text)
        else:
            found += presidio
        for offset, piece in pieces(segment.text):
            if segment.entity_type is None:
                for recognizer in self._span_recognizers:
                    found += _shifted(recognizer.find(piece), offset, piece, segment.text)
            found += _shifted(self._roster_findings(piece), offset, piece, segment.text)
        found = drop_non_identifier_numbers(segment.text, found)
        merged = drop_ordinary_organizations(segment.text, merge_findings(found, segment.text))
        if segment.entity_type is not None and segment.owner:
            merged = self._owned(merged, segment.owner)
        return merged

    def _owned(self, findings: list[Finding], owner: str) -> list[Finding]:
        # A table cell owned by another cell (an IBAN beside its holder's name) takes the
        # owner's role too; the most protective of the two wins, so an unknown account
        # next to a suspect's name stays, and a victim's stays protected whoever is beside it.
        if self._roster is None:
            return findings
        parties = tuple(p for m in self._roster.find(owner) for p in m.parties)
        if not parties:
            return findings
        owner_role, owner_party = self._roster.role_of(parties)
        out = []
        for finding in findings:
            if finding.party is None:
                out.append(finding.with_role(owner_role, owner_party))
                continue
            role = most_protective([finding.role, owner_role])
            out.append(finding if role is finding.role else finding.with_role(owner_role, owner_party))
        return out

    def _declared(self, segment: Segment) -> list[Finding]:
        # The format said what this whole segment is (a typed column, a chat author): trust it.
        text = segment.text
        stripped = text.strip()
        if not stripped:
            return []
        if segment.entity_type == "PERSON":
            return declared_person(text)
        start = text.index(stripped)
        return [Finding(start, start + len(stripped), segment.entity_type or "", 1.0, DECLARED)]

    def _roster_findings(self, text: str) -> list[Finding]:
        if self._roster is None:
            return []
        found = []
        for match in self._roster.find(text):
            if match.entity_type == "PERSON" and is_relative(
                text, match.start, match.end, match.parties, self._roster.name_words
            ):
                # Another person with the party's surname: protected as an unknown person, not linked.
                found.append(Finding(match.start, match.end, "PERSON", match.score, RELATIVE))
                continue
            role, party = self._roster.role_of(match.parties)
            found.append(
                Finding(match.start, match.end, match.entity_type, match.score, ROSTER, role=role, party=party)
            )
        return found
