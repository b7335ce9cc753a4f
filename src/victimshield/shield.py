"""The public entry point: a Shield is a policy, a destination, a roster and a key, ready to run."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag

from victimshield.align import output_spans
from victimshield.arguments import file_system_errors, require_instance, require_out, require_path, require_paths, require_text
from victimshield.decide import CASE_KEY_RULE, Plan, check_destination
from victimshield.detect.engine import Detector
from victimshield.detect.language import languages_for_regions
from victimshield.detect.merge import is_confident_identifier
from victimshield.detect.span_recognizers import default_span_recognizers
from victimshield.detect.span_recognizers.case_key import CaseKeyForms
from victimshield.detect.specs import load_specs
from victimshield.engine import Engine, Leak
from victimshield.errors import InputError, UsageError, VerificationError, VictimShieldError
from victimshield.files import (
    MANIFEST, OutputNames, check_out_dir, collect, collect_inputs, holding, publish, staging_dir, write_bytes,
)
from victimshield.explain import Explanation, FindingList, Findings
from victimshield.fidelity import PageTexts, intended_pages, lost_characters
from victimshield.finding import Finding, Locator, Segment, output_label
from victimshield.manifest import FileEntry, build_manifest, manifest_bytes, sha256
from victimshield.policy.load import load_policy
from victimshield.policy.model import DetectionSettings, Policy
from victimshield.progress import ProgressReporter, as_reporter, finishing
from victimshield.read import Document, read_document
from victimshield.roster.load import load_roster
from victimshield.roster.matcher import RosterMatcher
from victimshield.roster.model import Roster
from victimshield.transform.actions import Encryptor
from victimshield.transform.apply import Transformer
from victimshield.transform.keys import CaseKey, KeySource, key_source, require_key
from victimshield.tables import prepare_document
from victimshield.write import render_document

log = logging.getLogger("victimshield")
NUMBERED_NOTE = "output name numbered: another input's name was redacted to the same"

if TYPE_CHECKING:
    import pandas as pd

    from victimshield.display import Html
    from victimshield.dryrun import DryRun


@dataclass(frozen=True, slots=True)
class Options:
    """Run settings that are not policy: the export day (for who is a minor), a model
    override, and whether PDF pages without a text layer are dropped instead of refused."""

    as_of: dt.date | None = None
    model: str | None = None
    drop_unreadable_pages: bool = False


@dataclass(frozen=True)
class RedactionResult:
    """``text`` is safe to share; ``findings`` carry positions and types, never values."""

    text: str = field(repr=False)
    findings: tuple[Finding, ...]
    plan: Plan = field(repr=False)
    spans: tuple[tuple[int, int], ...] | None = field(default=None, repr=False, compare=False)  # decisions' places in text

    def _repr_html_(self) -> str:
        from victimshield.display import result_html

        return result_html(self.text, self.plan.segments[0], self.spans)

    def findings_frame(self) -> pd.DataFrame:
        from victimshield.explain import findings_frame

        return findings_frame(self.plan.decisions())

    def side_by_side(self, original: str, *, show_values: bool = True) -> Html:
        """The original beside the result, for the analyst who holds it (values shown unless told not)."""
        from victimshield.display import Html, side_by_side_html

        return Html(side_by_side_html(require_text(original, "original"), self.text, self.plan.segments[0], self.spans,
                                      show_values=show_values))


@dataclass(frozen=True)
class Report:
    out: Path
    files: tuple[FileEntry, ...]
    manifest: dict[str, object] = field(repr=False)

    def totals(self) -> Counter[tuple[str, str, str, str]]:
        total: Counter[tuple[str, str, str, str]] = Counter()
        for entry in self.files:
            total += entry.counts
        return total

    def _repr_html_(self) -> str:
        from victimshield.display import report_html

        return report_html(self.files, self.totals(), f"{len(self.files)} file(s) written to {self.out}")

    def findings_frame(self) -> pd.DataFrame:
        """Spans per file, role, entity type, action and rule (a report keeps counts, not spans)."""
        from victimshield.explain import counts_frame

        return counts_frame(self.files)

    def plot_findings(self, ax: Any = None) -> Any:
        """A bar chart of spans per entity type and role (needs matplotlib)."""
        from victimshield.explain import plot_findings

        return plot_findings(self.findings_frame(), ax)


class Shield:
    def __init__(
        self,
        policy: Policy,
        to: str,
        *,
        roster: Roster | None = None,
        key: bytes | str | None = None,
        key_file: str | Path | None = None,
        options: Options | None = None,
    ):
        """``key`` is the case key as written (a key file's bytes: hex, base64, text or
        binary, decoded as the command line decodes ``--key-file``), or ``key_file`` its file."""
        options = options or Options()
        require_instance(policy, Policy, "policy")
        require_instance(key, (bytes, bytearray, str, type(None)), "key")  # key=32 is not 32 zero bytes
        self.policy = policy
        self.destination = check_destination(policy, require_text(to, "to"))
        self.roster = roster
        self._key_source: KeySource | None = key_source(key, key_file)
        self._key = CaseKey(self._key_source.secret) if self._key_source is not None else None
        settings = policy.detection
        if options.model:
            settings = settings.model_copy(update={"model": options.model})
        as_of = options.as_of or dt.date.today()
        region = policy.from_ if len(policy.from_) == 2 else None
        matcher = RosterMatcher(roster, as_of=as_of, default_region=region) if roster else None
        regions = _regions(policy, roster)
        recognizers = default_span_recognizers(regions, as_of)
        if self._key_source is not None:
            # The key is found in the evidence like a protected value, and never leaves.
            recognizers.append(CaseKeyForms(self._key_source.written_forms()))
        detector = Detector(settings, load_specs(), matcher, recognizers, languages=languages_for_regions(regions))
        transformer = Transformer(self._key, pseudonym_length=policy.pseudonyms.length, region=region)
        self._engine = Engine(detector, policy, self.destination, transformer)
        self._detector = detector
        self._options = options

    @classmethod
    def from_files(
        cls,
        policy: str | Path,
        to: str,
        *,
        roster: str | Path | None = None,
        key: bytes | str | None = None,
        key_file: str | Path | None = None,
        options: Options | None = None,
    ) -> "Shield":
        """Load policy (a path or a shipped id such as ``baseline``), roster and key; check all first."""
        roster = require_path(roster, "roster") if roster is not None else None
        loaded_policy = load_policy(_policy_path(require_path(policy, "policy")))
        loaded_roster = load_roster(roster) if roster is not None else None
        return cls(loaded_policy, to, roster=loaded_roster, key=key, key_file=key_file, options=options)

    def __repr__(self) -> str:
        return f"Shield(policy={self.policy.policy!r}, to={self.destination!r}, roster={self.roster!r}, keyed={self._key is not None})"

    def require_ready(self) -> None:
        """Raise before any input is read when the policy needs a key that was not given."""
        if self.policy.needs_key():
            require_key(self._key)

    # -- text ---------------------------------------------------------------
    def redact_text(self, text: str) -> RedactionResult:
        self.require_ready()
        done = self._engine.redact([Segment(require_text(text), Locator("<text>"))])
        decisions = done.plan.segments[0]
        return RedactionResult(done.texts[0], Findings(d.finding for d in decisions), done.plan,
                               output_spans(text, done.texts[0], decisions))

    def scan_text(self, text: str) -> list[Finding]:
        """Findings with their roles, without changing anything."""
        return FindingList(d.finding for d in self._engine.plan([Segment(require_text(text), Locator("<text>"))]).segments[0])

    def explain(self, text: str, *, show_values: bool = False) -> Explanation:
        """Why each span of ``text`` would be treated as it is: type, recognizers, score, role
        (roster party or unknown), the rule and the action. Values only with ``show_values``."""
        from victimshield.explain import explain_decisions

        plan = self._engine.plan([Segment(require_text(text), Locator("<text>"))])
        return explain_decisions(text, plan.segments[0], show_values=show_values)

    def leaks_in_text(self, text: str) -> list[Leak]:
        return self._engine.leaks([Segment(text, Locator("<text>"))])

    def decrypt(self, token: str) -> str:
        """For the key holder: the value behind an ``[ENC:…]`` token."""
        encryptor = Encryptor(require_key(self._key).encryption_key)
        require_text(token, "token")
        try:
            return encryptor.decrypt(token)
        except InvalidTag:
            raise UsageError("this token was not made with this key") from None
        except (VictimShieldError, ValueError):  # not [ENC:…], bad base64, not UTF-8 inside
            raise UsageError("this is not a VictimShield [ENC:…] token") from None

    def redact_frame(self, frame: "pd.DataFrame") -> "pd.DataFrame":
        """A redacted copy of ``frame`` (the caller's is never changed), by the policy's ``columns:``."""
        import pandas as pd

        from victimshield.tables import frame_document, prepare_table, rebuild_sheets

        require_instance(frame, pd.DataFrame, "frame")
        self.require_ready()
        document = prepare_table(frame_document(frame), self.policy.columns, self._detector.detect)
        done = self._engine.redact(document.segments)
        return rebuild_sheets(document.layout, list(done.texts))[0][1]

    # -- files --------------------------------------------------------------
    def _read(self, path: Path, label: str, *, checking: bool = False) -> Document:
        """Read one file, refuse unreadable pages unless told to drop them, apply column rules.

        ``label`` ("input 3") names the file in locators and errors, never its own name.
        When ``checking`` an output, an unreadable page is always refused: it cannot be verified."""
        document = read_document(path, label)
        if document.unreadable_pages:
            pages = ", ".join(str(n) for n in document.unreadable_pages)
            if checking or not self._options.drop_unreadable_pages:
                raise InputError(label, f"page(s) {pages} have no text layer (scans or images) and cannot be checked; "
                                       "use --drop-unreadable-pages to leave them out")
            document = replace(document, notes=document.notes + (f"page(s) {pages} dropped: no text layer",))
        return prepare_document(document, self.policy.columns, self._detector.detect)

    def _redact_name(self, relative: str, label: str) -> str:
        """File and folder names are evidence too: a statement named after its victim.
        Only roster values and validated identifiers rename a file, never a model's guess."""
        stems, suffixes = _name_parts(relative)
        done = self._engine.redact([Segment(s, Locator(label, field=f"name part {n}")) for n, s in enumerate(stems, 1)],
                                   is_confident_identifier)
        return "/".join(t + x for t, x in zip(done.texts, suffixes))

    @file_system_errors
    def redact_paths(self, inputs: Iterable[str | Path] | str | Path, out: str | Path, *, overwrite: bool = False,
                     progress: ProgressReporter | bool | None = None) -> Report:
        """Redact files and folders into ``out``; verify; only then publish. All or nothing.

        ``overwrite`` replaces ``out`` only when it is an earlier export (its manifest lists
        everything in it). Inputs are named by position ("input 2, file 5") in every message.
        ``progress``: a ``ProgressReporter``, or True for a bar in a terminal or notebook."""
        self.require_ready()
        out = require_out(out)
        sources = require_paths(inputs)
        reporter = as_reporter(progress)
        key_file = self._key_source.file if self._key_source is not None else None
        collected = collect(sources, is_key=key_file.is_same if key_file is not None else None)
        check_out_dir(out, sources, overwrite)
        entries: list[FileEntry] = []
        proven: dict[str, tuple[str, ...]] = {}
        pages: dict[str, PageTexts] = {}  # PDF outputs: the text meant for each page
        names = OutputNames()
        with staging_dir(out) as staging, finishing(reporter):
            reporter.start(len(collected.files))
            for source in collected.files:
                document = self._read(source.path, source.where)
                done = self._engine.redact(document.segments)
                data = render_document(document, done.texts)
                wanted = self._redact_name(source.relative, source.where)
                output_name = names.claim(wanted)
                notes = document.notes + (() if output_name == wanted else (NUMBERED_NOTE,))
                if done.clean:
                    proven[output_name] = done.texts
                if document.format == "pdf" and not document.unreadable_pages:
                    pages[output_name] = intended_pages(document.segments, done.texts)
                write_bytes(staging, output_name, data)
                # Inputs are logged by position: a name may carry a victim's, even once redacted.
                log.info("redacted %s (%s, %d segments)", source.where, document.format, len(document.segments))
                log.debug("%s: %d span(s) decided; last pass clean: %s", source.where, sum(done.counts.values()), done.clean)
                reporter.advance(len(document.segments))
                entries.append(
                    FileEntry(output_name, document.format, document.sha256, sha256(data), len(document.segments),
                              done.counts, notes)
                )
            lost: list[str] = []
            leaks = [leak.describe() for leak in self._verify(staging, proven, pages, lost)] + lost + self._key_left(staging)
            if leaks:
                log.error("verification failed: %d finding(s); nothing published", len(leaks))
                raise VerificationError(leaks)
            log.info("verified %d file(s)", len(entries))
            case = self.roster.case if self.roster else None
            manifest = build_manifest(self.policy, self.destination, case, entries)
            if collected.skipped:
                manifest["skipped"] = list(collected.skipped)
            write_bytes(staging, MANIFEST, manifest_bytes(manifest))
            publish(staging, out)
        return Report(out, tuple(entries), manifest)

    def _key_left(self, folder: Path) -> list[str]:
        """Below every reader: no output's bytes or name may hold the key as written."""
        if self._key_source is None:
            return []
        return [f"output {n}: holds the case key (rule {CASE_KEY_RULE})" for n in holding(folder, self._key_source.written_bytes())]

    def dry_run(self, inputs: Iterable[str | Path] | str | Path, *, out: str | Path | None = None,
                overwrite: bool = False, progress: ProgressReporter | bool | None = None) -> DryRun:
        """What ``redact_paths`` would do per input (format, segments, spans per role, type and
        action), by position; nothing is written and ``out`` (if given) is only checked."""
        from victimshield.dryrun import dry_run

        return dry_run(self, inputs, out=out, overwrite=overwrite, progress=progress)

    def verify_paths(self, folder: str | Path) -> list[Leak]:
        """Everything in ``folder`` the policy would not let leave (empty: clean)."""
        return self._verify(require_path(folder, "folder"), {})

    def _verify(self, folder: Path, proven: dict[str, tuple[str, ...]], pages: dict[str, PageTexts] | None = None,
                lost: list[str] | None = None) -> list[Leak]:
        """Re-read every output with its reader. A document whose segments read back exactly
        as the texts the last redaction pass detected clean is not detected again; any
        other (a writer that changed something, a file not written by this run) is. For a
        PDF this run wrote, every character meant for a page must be on it (into ``lost``)."""
        leaks: list[Leak] = []
        outputs = [(path, relative) for path, relative in collect_inputs([folder]) if relative != MANIFEST]
        for position, (path, relative) in enumerate(outputs, start=1):
            # Outputs are named by position too: verify may run on a folder this tool did not write.
            label = output_label(position)
            stems, _ = _name_parts(relative)
            leaks += self._engine.leaks([Segment(s, Locator(label, field=f"name part {n}")) for n, s in enumerate(stems, 1)],
                                        is_confident_identifier)
            segments = self._read(path, label, checking=True).segments
            if pages is not None and lost is not None and relative in pages:
                lost += lost_characters(label, pages[relative], segments)
            if proven.get(relative) != tuple(s.text for s in segments):
                leaks += self._engine.leaks(segments)
        return leaks


def _name_parts(relative: str) -> tuple[list[str], list[str]]:
    """Each path component split into the part detected ("statement_ioana") and its
    extension (".txt"); a dot-file's leading dot is part of its name."""
    parts = relative.split("/")
    stems = [p.rsplit(".", 1)[0] if "." in p.strip(".") else p for p in parts]
    return stems, [p[len(s):] for p, s in zip(parts, stems)]


def _regions(policy: Policy | None, roster: Roster | None) -> list[str]:
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


def _policy_path(policy: str | Path) -> Path:
    from victimshield.resources import shipped_policy_path

    path = Path(policy)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return shipped_policy_path(str(policy))


def redact(
    text: str,
    *,
    policy: str | Path | Policy,
    to: str,
    roster: str | Path | Roster | None = None,
    key: bytes | str | None = None,
    key_file: str | Path | None = None,
) -> str:
    """One line for quick use: ``victimshield.redact(text, policy="ro-to-gb", to="GB", key_file="case.key")``."""
    loaded = policy if isinstance(policy, Policy) else load_policy(_policy_path(policy))
    cast = roster if isinstance(roster, Roster) or roster is None else load_roster(roster)
    return Shield(loaded, to, roster=cast, key=key, key_file=key_file).redact_text(text).text


def scan_paths(
    inputs: Iterable[str | Path] | str | Path, *, roster: str | Path | Roster | None = None, options: Options | None = None
) -> list[tuple[Segment, list[Finding]]]:
    """Findings per segment of every input, with no policy: what ``victimshield scan`` shows."""
    options = options or Options()
    cast = roster if isinstance(roster, Roster) or roster is None else load_roster(roster)
    settings = DetectionSettings(model=options.model) if options.model else DetectionSettings()
    as_of = options.as_of or dt.date.today()
    matcher = RosterMatcher(cast, as_of=as_of) if cast else None
    regions = _regions(None, cast)
    detector = Detector(settings, load_specs(), matcher, default_span_recognizers(regions, as_of),
                        languages=languages_for_regions(regions))
    out: list[tuple[Segment, list[Finding]]] = []
    for source in collect(require_paths(inputs)).files:
        segments = read_document(source.path, source.where).segments
        out += list(zip(segments, detector.detect(segments)))
    return out
