"""One run's stages, wired once: source -> read -> detect -> decide -> transform -> write ->
verify -> sink.

``build_detector`` is the one place detection is assembled (a Shield and ``scan_paths``
both use it); ``Pipeline`` holds a shield's parts and runs texts, batches of texts, data
frames and folders through them. A Pipeline may be shared by threads: the stages that
hold state (the models, the pseudonym table) run one call at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victimshield.decide import Plan
from victimshield.detect.engine import Detector, SpanRecognizer
from victimshield.detect.language import languages_for_regions
from victimshield.detect.memo import SegmentMemo
from victimshield.detect.merge import is_confident_identifier
from victimshield.detect.plugged import Plugins
from victimshield.detect.span_recognizers import default_span_recognizers
from victimshield.detect.span_recognizers.case_key import CaseKeyForms
from victimshield.detect.specs import RecognizerSpec
from victimshield.engine import Accept, Engine, Leak, Redaction
from victimshield.errors import InputError, UnsupportedFormatError, UsageError, VerificationError
from victimshield.fidelity import PageTexts, intended_pages
from victimshield.files import MANIFEST, OutputNames, Source, collect, write_bytes
from victimshield.finding import Finding, Locator, Segment
from victimshield.formats import Document, FormatRegistry, prepare_document, read_document, render_document
from victimshield.manifest import FileEntry, build_manifest, manifest_bytes, sha256
from victimshield.policy.model import DetectionSettings, Policy
from victimshield.progress import ProgressReporter, as_reporter, finishing
from victimshield.record.disclosure import (
    FileDisclosure,
    PartyKey,
    check_sender_dir,
    disclosure_record,
    party_counts,
    write_sender_files,
)
from victimshield.record.handling import handling_text
from victimshield.record.lookup import Lookup, merge, unknown_people
from victimshield.record.onward import check_onward, onward_record
from victimshield.record.signature import sign_record, unsigned_record
from victimshield.record.stamp import stamp_handling
from victimshield.record.transfer import Transfer
from victimshield.roster.matcher import RosterMatcher
from victimshield.roster.model import Roster
from victimshield.sinks import Sink
from victimshield.stream import StreamedFile, read_parts, redact_streamed, stream_plan
from victimshield.stream_parts import DEFAULT_CHUNK_BYTES, MIN_CHUNK_BYTES
from victimshield.transform.keys import KeySource
from victimshield.verify import Verifier, Written, name_parts, name_segments

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger("victimshield")
NUMBERED_NOTE = "output name numbered: another input's name was redacted to the same"


def regions_for(policy: Policy | None, roster: Roster | None) -> list[str]:
    """Countries whose phone formats to look for: the policy's ends and the roster's numbers."""
    import phonenumbers

    regions: list[str] = []
    if policy is not None:
        regions += [code for code in (policy.from_, *policy.to) if len(code) == 2]
    for party in roster.parties if roster else ():
        for phone in party.phones:
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(phone, None))
            except phonenumbers.NumberParseException:
                continue
            if region and region != "ZZ":
                regions.append(region)
    return list(dict.fromkeys(r.upper() for r in regions))


def build_detector(
    settings: DetectionSettings,
    specs: Sequence[RecognizerSpec],
    *,
    roster: Roster | None,
    as_of: dt.date,
    region: str | None,
    regions: Sequence[str],
    plugins: Plugins | None = None,
    key_source: KeySource | None = None,
    processes: int = 1,
) -> Detector:
    """Detection for one shield: roster, built-in and plugged-in recognizers, the case key."""
    matcher = RosterMatcher(roster, as_of=as_of, default_region=region) if roster else None
    recognizers: list[SpanRecognizer] = default_span_recognizers(regions, as_of)
    if key_source is not None:
        # The key is found in the evidence like a protected value, and never leaves.
        recognizers.append(CaseKeyForms(key_source.written_forms()))
    plugins = plugins or Plugins()
    recognizers += plugins.span
    return Detector(settings, specs, matcher, recognizers, languages=languages_for_regions(regions),
                    presidio_recognizers=plugins.presidio, processes=processes)


@dataclass(frozen=True)
class Export:
    """What a folder run hands back: one entry per output, and the manifest written."""

    entries: tuple[FileEntry, ...]
    manifest: dict[str, object]


@dataclass(frozen=True)
class RedactedFile:
    """One input read, redacted and written to bytes, not yet placed: what ``export`` (or a
    Dask worker, ``victimshield.dask``) hands to the step that names, writes and verifies."""

    data: bytes = field(repr=False)
    wanted: str = field(repr=False)  # the redacted relative name, before numbering against the others
    entry: FileEntry = field(repr=False)  # its output name still ``wanted``
    proven: tuple[str, ...] | None = field(repr=False)  # the final texts, when the last pass found them clean
    pages: PageTexts | None = field(repr=False)  # a PDF's text meant for each page
    # For the sender's records (record/disclosure.py), never the export: spans per roster
    # party, and the values behind the pseudonyms of people outside the roster.
    parties: Counter[PartyKey] = field(default_factory=Counter, repr=False)
    lookup: Lookup = field(default_factory=dict, repr=False)
    scans: tuple[int, ...] = field(default=(), repr=False)  # output pages written as redacted scans
    scan_lines: tuple[str, ...] = field(default=(), repr=False)  # what OCR should read on them, judged clean

    def __repr__(self) -> str:
        return f"RedactedFile({len(self.data)} bytes)"


# Redacts every collected input, in order: ``None`` for one no format reads (left out).
RedactAll = Callable[[Sequence[Source]], Sequence[RedactedFile | None]]


class Pipeline:
    def __init__(self, engine: Engine, *, key_source: KeySource | None, case: str | None,
                 drop_unreadable_pages: bool = False, formats: FormatRegistry | None = None, strict: bool = False,
                 roster: Roster | None = None, chunk_bytes: int | None = DEFAULT_CHUNK_BYTES):
        if chunk_bytes is not None and (not isinstance(chunk_bytes, int) or chunk_bytes < MIN_CHUNK_BYTES):
            raise UsageError(f"chunk_bytes (--chunk-bytes) must be a whole number of at least {MIN_CHUNK_BYTES} "
                             "(None, or 0 on the command line: read every input whole)")
        self.engine = engine
        # Text, chat exports and CSV larger than this are redacted in parts of about this size (stream.py).
        self.chunk_bytes = chunk_bytes
        self._roster = roster  # its party ids (and roles) head the sender's disclosure record
        self.formats = formats if formats is not None else FormatRegistry()  # reads, writes and reads back
        self.detector = engine.detector
        self.policy = engine.policy
        self.destination = engine.destination
        self._key_source = key_source
        self._case = case
        self._drop_unreadable_pages = drop_unreadable_pages
        self._strict = strict  # an input no format reads refuses the run instead of being skipped
        # Stamped into PDF and XLSX outputs (record/stamp.py); the record carries it for all.
        self._handling = handling_text(self.policy.handling, self.policy.handling_code)
        # Models load once and the pseudonym table checks collisions per run: one call at a time.
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Pipeline(policy={self.policy.policy!r}, to={self.destination!r})"

    # -- detect, decide, transform (thread-safe) ------------------------------
    def detect(self, segments: Sequence[Segment]) -> list[list[Finding]]:
        with self._lock:
            return self.detector.detect(segments)

    def plan(self, segments: Sequence[Segment]) -> Plan:
        with self._lock:
            return self.engine.plan(segments)

    def plan_findings(self, segments: Sequence[Segment]) -> list[list[Finding]]:
        with self._lock:
            plan = self.engine.plan(segments)
        return [[d.finding for d in decisions] for decisions in plan.segments]

    def redact(self, segments: Sequence[Segment], accept: Accept | None = None, *,
               earlier_names: Iterable[str] = (), memo: SegmentMemo | None = None) -> Redaction:
        with self._lock:
            return self.engine.redact(segments, accept, earlier_names=earlier_names, memo=memo)

    def redact_documents(self, documents: Sequence[Sequence[Segment]]) -> list[Redaction]:
        """Each document redacted as ``redact`` would alone, the models run once over all."""
        with self._lock:
            return self.engine.redact_documents(documents)

    def leaks(self, segments: Sequence[Segment], accept: Accept | None = None, *,
              memo: SegmentMemo | None = None) -> list[Leak]:
        with self._lock:
            return self.engine.leaks(segments, accept, memo)

    # -- sources ----------------------------------------------------------------
    def read(self, path: Path, label: str, *, checking: bool = False,
             covered_scans: Sequence[int] = ()) -> Document[Any]:
        """Read one file, refuse unreadable pages unless told to drop them, apply column rules.

        ``label`` ("input 3") names the file in locators and errors, never its own name.
        When ``checking`` an output, an unreadable page is always refused: it cannot be verified,
        unless this run wrote it as a scan (``covered_scans``) whose every word it covered."""
        document = read_document(path, label, self.formats)
        unreadable = [n for n in document.unreadable_pages if not (checking and n in covered_scans)]
        if unreadable:
            pages = ", ".join(str(n) for n in unreadable)
            if checking or not self._drop_unreadable_pages:
                raise InputError(label, f"page(s) {pages} have no text layer (scans or images) and cannot be checked; "
                                       "use --drop-unreadable-pages to leave them out")
            document = replace(document, notes=(*document.notes, f"page(s) {pages} dropped: no text layer"))
        if document.dropped_parts and self._strict:
            # Dropping what no format reads is a note by default; strict refuses the input.
            raise InputError(label, f"{', '.join(document.dropped_parts)}: no format reads this type of file, "
                                    "so it cannot be checked (refused under --strict)")
        return prepare_document(document, self.policy.columns, self.detect, self.formats)

    def redact_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        from victimshield.formats.table.segments import frame_document, prepare_table, rebuild_sheets

        document = prepare_table(frame_document(frame), self.policy.columns, self.detect)
        done = self.redact(document.segments)
        return rebuild_sheets(document.layout, list(done.texts))[0][1]

    def redact_name(self, relative: str, label: str) -> str:
        """File and folder names are evidence too: a statement named after its victim.
        Only roster values and validated identifiers rename a file, never a model's guess."""
        _, suffixes = name_parts(relative)
        done = self.redact(name_segments(relative, label), is_confident_identifier)
        return "/".join(t + x for t, x in zip(done.texts, suffixes, strict=True))

    # -- verify and sink ----------------------------------------------------------
    def verifier(self) -> Verifier:
        key_bytes = self._key_source.written_bytes() if self._key_source is not None else ()
        return Verifier(lambda path, label, scans: self.read(path, label, checking=True, covered_scans=scans),
                        self.leaks, key_bytes,
                        self._read_parts)

    def _read_parts(self, path: Path, label: str) -> Iterator[Sequence[Segment]] | None:
        """A big text, chat or CSV output's segments part by part (None: read it whole)."""
        plan = stream_plan(self, path, label, self.chunk_bytes)
        return read_parts(self, path, label, plan) if plan is not None else None

    def export(self, inputs: Iterable[str | Path], sink: Sink, *,
               progress: ProgressReporter | bool | None = None, transfer: Transfer | None = None,
               redact_all: RedactAll | None = None, sender: Path | None = None) -> Export:
        """Redact files and folders into the sink's staging; verify; only then publish. All or nothing.
        ``progress`` hears of each file (counts only, never a name); ``transfer`` goes into the
        record (refused, before any input is read, if it holds a protected value);
        ``redact_all`` redacts the inputs elsewhere (Dask workers), each as ``redact_or_skip``;
        ``sender``: the folder, outside the export, for the sender's disclosure record and lookup."""
        self.check_transfer(transfer)
        sources = [Path(i) for i in inputs]
        disclosed: list[FileDisclosure] = []
        lookup: dict[str, dict[str, None]] = {}
        reporter = as_reporter(progress)
        key_file = self._key_source.file if self._key_source is not None else None
        collected = collect(sources, is_key=key_file.is_same if key_file is not None else None)
        authorised_by = transfer.authorised_by if transfer is not None else None
        forbidding = check_onward(((s.path, s.relative, s.where) for s in collected.files), authorised_by)
        sink.check(sources)
        if sender is not None:  # after the export's own check: an --out inside an input is named first
            check_sender_dir(sender, sink.location, sources)
        entries: list[FileEntry] = []
        written = Written()
        names = OutputNames()
        with sink.staging() as staging, finishing(reporter):
            reporter.start(len(collected.files))
            # Big text, chat exports and CSV are streamed here, part by part; the rest is read whole.
            plans = [stream_plan(self, s.path, s.where, self.chunk_bytes) for s in collected.files]
            whole = [source for source, plan in zip(collected.files, plans, strict=True) if plan is None]
            done = iter(redact_all(whole)) if redact_all is not None else None
            unknown: list[str] = []
            for source, plan in zip(collected.files, plans, strict=True):
                if plan is not None:
                    wanted = self.redact_name(source.relative, source.where)
                    output = names.claim(wanted)
                    streamed = redact_streamed(self, source, plan, staging, output, written, reporter)
                    entries.append(self._numbered(streamed, wanted))
                    disclosed.append(FileDisclosure(source.where, output, streamed.parties))
                    merge(lookup, {t: tuple(v) for t, v in streamed.lookup.items()})
                    reporter.advance(streamed.entry.segments)
                    continue
                one = next(done) if done is not None else self.redact_or_skip(source)
                if one is None:
                    # Not sent, so nothing of it leaks; said in the manifest, by position.
                    unknown.append(f"{source.where}: skipped: no format reads this type of file")
                    reporter.advance(0)
                    continue
                entries.append(self._place(one, staging, names, written))
                disclosed.append(FileDisclosure(entries[-1].input, entries[-1].output, one.parties))
                merge(lookup, one.lookup)
                reporter.advance(one.entry.segments)
            problems = self.verifier().problems(staging, written)
            if problems:
                log.error("verification failed: %d finding(s); nothing published", len(problems))
                raise VerificationError(problems)
            log.info("verified %d file(s)", len(entries))
            built = build_manifest(self.policy, self.destination, self._case, entries, transfer,
                                   (*collected.skipped, *unknown))
            onward = onward_record(self.policy.onward_transfer, forbidding, authorised_by)
            if onward is not None:  # left out when unset, so earlier records keep their layout
                built["onward_transfer"] = onward
            manifest = self.record(built)
            record_bytes = manifest_bytes(manifest)
            write_bytes(staging, MANIFEST, record_bytes)
            sink.publish(staging)
        if sender is not None:
            self._write_sender(sender, manifest, sha256(record_bytes), disclosed, lookup)
        return Export(tuple(entries), manifest)

    def _write_sender(self, sender: Path, manifest: dict[str, object], manifest_sha256: str,
                      disclosed: list[FileDisclosure], lookup: dict[str, dict[str, None]]) -> None:
        """The sender's records, outside the export, after it is published (they describe it)."""
        record = disclosure_record(manifest, manifest_sha256, self._roster, disclosed)
        secret = self._key_source.secret if self._key_source is not None else None
        write_sender_files(sender, record, {t: tuple(v) for t, v in lookup.items()}, secret)
        log.info("sender's records written outside the export (%d party record(s))", len(record["parties"]))

    def redact_or_skip(self, source: Source) -> RedactedFile | None:
        """``redact_file``, or None for a file no format reads (unless ``strict``: refused)."""
        try:
            return self.redact_file(source.path, source.relative, source.where)
        except UnsupportedFormatError:
            if self._strict:
                raise
            return None

    def redact_file(self, path: Path, relative: str, where: str) -> RedactedFile:
        """Read, redact and write one input to bytes; nothing is placed or written to disk."""
        document = self.read(path, where)
        done = self.redact(document.segments)
        data = stamp_handling(render_document(document, done.texts, self.formats), self._handling)
        wanted = self.redact_name(relative, where)
        pages = None
        scans: tuple[int, ...] = ()
        scan_lines: tuple[str, ...] = ()
        if document.format == "pdf":
            if not document.unreadable_pages:
                pages = intended_pages(document.segments, done.texts)
            from victimshield.formats.pdf.scan import surviving_lines, written_scan_pages

            scans = written_scan_pages(document.layout)
            # A line the last pass left clean was judged with its covered words beside it.
            scan_lines = surviving_lines(document.layout, done.texts) if done.clean else ()
        # Inputs are logged by position: a name may carry a victim's, even once redacted.
        log.info("redacted %s (%s, %d segments)", where, document.format, len(document.segments))
        log.debug("%s: %d span(s) decided; last pass clean: %s", where, sum(done.counts.values()), done.clean)
        entry = FileEntry(wanted, document.format, document.sha256, sha256(data), len(document.segments),
                          done.counts, document.notes, input=where)
        return RedactedFile(data, wanted, entry, done.texts if done.clean else None, pages,
                            party_counts(done.plan), self.unknown_people(document.segments, done), scans,
                            scan_lines)

    @staticmethod
    def _numbered(streamed: StreamedFile, wanted: str) -> FileEntry:
        entry = streamed.entry
        return entry if entry.output == wanted else replace(entry, notes=(*entry.notes, NUMBERED_NOTE))

    def unknown_people(self, segments: Sequence[Segment], done: Redaction, earlier_names: Iterable[str] = ()) -> Lookup:
        """The first pass's pseudonyms of people outside the roster, with their values (for the
        sender lookup). The same keyed calls the transform made, with the same name aliases."""
        if self._key_source is None:
            return {}
        from victimshield.transform.aliases import NameAliases

        aliases = NameAliases.from_plan([s.text for s in segments], done.plan, earlier_names)
        transformer = self.engine.transformer
        decisions = [(i, d) for i, found in enumerate(done.plan.segments) for d in found]
        with self._lock:
            return unknown_people(segments, decisions, lambda d, value: transformer.replacement(d, value, aliases))

    @staticmethod
    def _place(one: RedactedFile, staging: Path, names: OutputNames, written: Written) -> FileEntry:
        """Name the output among the others (input order), write it, note what verify needs."""
        output_name = names.claim(one.wanted)
        notes = one.entry.notes + (() if output_name == one.wanted else (NUMBERED_NOTE,))
        if one.proven is not None:
            written.proven[output_name] = one.proven
        if one.pages is not None:
            written.pages[output_name] = one.pages
        if one.scans:
            written.scans[output_name] = one.scans
            written.scan_lines[output_name] = one.scan_lines
        write_bytes(staging, output_name, one.data)
        return replace(one.entry, output=output_name, notes=notes)

    def check_transfer(self, transfer: Transfer | None) -> None:
        """The record travels with the export: a transfer field (request reference, recipient,
        operator, purpose) that holds a roster value or a validated identifier, as a file name
        may, is refused, naming the field and never the value."""
        given = transfer.given() if transfer is not None else {}
        segments = [Segment(text, Locator(f"transfer {name}")) for name, text in given.items()]
        held = {leak.locator for leak in self.leaks(segments, is_confident_identifier)} if segments else set()
        if held:
            raise UsageError(f"{', '.join(sorted(held))}: holds a protected value (a roster party's or an "
                             "identifier); the transfer record travels with the export and may not carry it")

    def record(self, manifest: dict[str, object]) -> dict[str, object]:
        """The transfer record signed with the case key's manifest key; unsigned without a key."""
        if self._key_source is None:
            log.warning("no case key: the transfer record is written unsigned")
            return unsigned_record(manifest)
        return sign_record(manifest, self._key_source.secret)
