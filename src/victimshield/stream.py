"""A big input redacted part by part (issue 11; docs/streaming.md).

A text, WhatsApp export or CSV/TSV larger than the pipeline's ``chunk_bytes`` is not read
whole: ``stream_parts`` cuts it at safe places and each part is read, detected, decided,
transformed, written (appended to a part file inside the staging folder) and verified
before the next is read. The part file takes the output's name only after its last part
is verified; on any failure it is removed, and the staging folder with it (nothing is
half-written). Hashes for the record are taken over the whole input and output as they pass.

Pseudonyms are keyed, so a value gets the same one in every part. Names of people outside
the roster found in earlier parts are handed to later ones, so "dave" in part 3 takes the
pseudonym of "Dave Morgan" from part 1. What differs from a whole-file run is listed in
docs/streaming.md.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victimshield.detect.memo import SegmentMemo
from victimshield.errors import InputError, UnsupportedFormatError, VerificationError
from victimshield.files import Source
from victimshield.finding import Segment
from victimshield.formats import Document, Format, prepare_document
from victimshield.formats.base import MAX_INPUT_BYTES
from victimshield.formats.registry import SNIFF_BYTES
from victimshield.formats.table import TableFormat
from victimshield.formats.text import TextFormat
from victimshield.formats.whatsapp import WhatsAppFormat
from victimshield.manifest import FileEntry
from victimshield.record.disclosure import PartyKey, party_counts
from victimshield.record.lookup import merge
from victimshield.stream_parts import MAX_STREAM_BYTES, PartKind, header_record, part_kind, parts
from victimshield.transform.aliases import NameAliases
from victimshield.verify import CleanTexts, Written

if TYPE_CHECKING:
    from victimshield.pipeline import Pipeline

log = logging.getLogger("victimshield")
PART_SUFFIX = ".victimshield-part"  # the output being written, until its last part is verified
# Only the built-in readers are cut: a caller's format of the same name may read differently.
_CUTTABLE = (TextFormat, WhatsAppFormat, TableFormat)


@dataclass(frozen=True)
class StreamPlan:
    """How one input is streamed: the format that reads every part, and where parts end."""

    format: Format[Any]
    kind: PartKind
    size: int  # the input's, in bytes
    part_bytes: int  # about this many bytes a part

    def __repr__(self) -> str:
        return f"StreamPlan({self.format.name}, {self.size} bytes)"


@dataclass
class StreamedFile:
    """What a streamed input adds to the record: its entry, and for the sender's records the
    spans per roster party and the values behind pseudonyms of people outside the roster."""

    entry: FileEntry = field(repr=False)
    parties: Counter[PartyKey] = field(default_factory=Counter, repr=False)
    lookup: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)


def stream_plan(pipeline: Pipeline, path: Path, where: str, chunk_bytes: int | None) -> StreamPlan | None:
    """How to stream the file at ``path`` (named ``where``), or None when it is read whole
    (small, or a format not cut). A streamable input over ``MAX_STREAM_BYTES`` is refused;
    others keep ``MAX_INPUT_BYTES``."""
    try:
        size = path.stat().st_size
        if chunk_bytes is None or size <= chunk_bytes:
            return None
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None  # the whole-file reader says why it cannot be read
    try:
        fmt = pipeline.formats.pick(path, head)
    except UnsupportedFormatError:
        return None  # skipped or refused as any other such input
    kind = part_kind(fmt.name, path, head) if type(fmt) in _CUTTABLE else None
    if kind is None:
        return None
    if size > MAX_STREAM_BYTES:
        raise InputError(where, f"too large ({size} bytes; the limit is {MAX_STREAM_BYTES} for text, "
                                       f"chat exports and CSV, {MAX_INPUT_BYTES} for other formats)")
    return StreamPlan(fmt, kind, size, chunk_bytes)


def _read(pipeline: Pipeline, fmt: Format[Any], path: Path, label: str, data: bytes) -> Document[Any]:
    try:
        if isinstance(fmt, TableFormat):  # read and prepared in one cut: the same document
            return fmt.read_prepared(path, label, data, pipeline.policy.columns, pipeline.detect)
        document = fmt.read(path, label, data)
    except InputError as exc:
        raise type(exc)(label, exc.reason) from None
    return prepare_document(document, pipeline.policy.columns, pipeline.detect, pipeline.formats)


def read_parts(pipeline: Pipeline, path: Path, label: str, plan: StreamPlan) -> Iterator[tuple[Segment, ...]]:
    """A big file's segments part by part, each part read as ``redact_streamed`` reads it:
    for ``verify`` of an export folder, whose outputs may be too big to read whole."""
    header = b""
    with path.open("rb") as handle:
        for number, raw in enumerate(parts(handle, plan.part_bytes, plan.kind.cut, label), start=1):
            if plan.kind.header and number == 1:
                header = header_record(raw, label)
            yield _read(pipeline, plan.format, path, f"{label}, part {number}",
                        raw if number == 1 else header + raw).segments


def _verify_part(pipeline: Pipeline, plan: StreamPlan, source: Source, number: int, data: bytes,
                 proof: CleanTexts | None, memo: SegmentMemo) -> None:
    """The part as written, read back through its format: what the policy would still change
    fails the run, as ``verify`` would for a whole file. Read-back texts the last redaction
    pass proved clean at the same place (``proof``; None: not every text ended clean) are
    not detected again; any other part is detected whole."""
    label = f"output of {source.where}, part {number}"
    segments = _read(pipeline, plan.format, source.path, label, data).segments
    if proof is not None and proof.proves(segments):
        return
    leaks = pipeline.leaks(segments, memo=memo)
    if leaks:
        log.error("verification failed: %d finding(s) in %s; nothing published", len(leaks), label)
        raise VerificationError([leak.describe() for leak in leaks])


def _header_once(data: bytes, number: int, first: bytes | None, where: str) -> tuple[bytes, bytes]:
    """A CSV part's output without the header record every part's reader was handed (kept in
    part 1), and the header as part 1 wrote it. A header redacted differently in another part
    (detection that depends on the rows) is refused: the output would not be one table."""
    written = header_record(data, where)
    if first is None:
        return data, written
    if written != first or not data.startswith(written):
        raise InputError(where, "its header record is redacted differently in different parts; "
                                "it cannot be streamed (raise chunk_bytes above its size)")
    return data[len(written):], first


def redact_streamed(pipeline: Pipeline, source: Source, plan: StreamPlan, staging: Path, output: str,
                    written: Written, reporter: object = None) -> StreamedFile:
    """Redact ``source`` part by part into ``staging/output``; see the module's docstring."""
    where = source.where
    target = staging / output
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PART_SUFFIX)
    read_hash, write_hash = hashlib.sha256(), hashlib.sha256()
    streamed = StreamedFile(FileEntry(output, plan.format.name, "", "", 0, input=where))
    counts: Counter[Any] = Counter()
    notes: dict[str, None] = {}
    names: set[str] = set()
    header = b""
    first_header: bytes | None = None
    done_bytes = segments = 0
    # The parts of one input share their people and accounts: each distinct cell text's own
    # findings are detected once (bounded; each part is still judged whole: detect.memo).
    memo = SegmentMemo()
    try:
        with source.path.open("rb") as handle, partial.open("xb") as out:
            for number, raw in enumerate(parts(handle, plan.part_bytes, plan.kind.cut, where), start=1):
                read_hash.update(raw)
                if plan.kind.header and number == 1:
                    header = header_record(raw, where)
                document = _read(pipeline, plan.format, source.path, where, raw if number == 1 else header + raw)
                done = pipeline.redact(document.segments, earlier_names=frozenset(names), memo=memo)
                data = plan.format.write(document, done.texts)
                proof = CleanTexts.of(document.segments, done.texts) if done.clean else None
                _verify_part(pipeline, plan, source, number, data, proof, memo)
                if plan.kind.header:
                    data, first_header = _header_once(data, number, first_header, where)
                out.write(data)
                write_hash.update(data)
                counts += done.counts
                notes.update(dict.fromkeys(document.notes))
                streamed.parties += party_counts(done.plan)
                merge(streamed.lookup, pipeline.unknown_people(document.segments, done, frozenset(names)))
                names |= NameAliases.names_in([s.text for s in document.segments], done.plan)
                segments += len(document.segments)
                done_bytes += len(raw)
                log.info("%s: part %d redacted and verified (%d of %d bytes)", where, number, done_bytes, plan.size)
                on_part = getattr(reporter, "part", None)  # optional: see progress.py
                if callable(on_part):
                    on_part(number, done_bytes, plan.size)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    written.streamed.add(output)
    streamed.entry = FileEntry(output, plan.format.name, read_hash.hexdigest(), write_hash.hexdigest(),
                               segments, counts, tuple(notes), input=where)
    return streamed
