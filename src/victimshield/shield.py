"""The public entry point: a Shield is a policy, a destination, a roster, a key and the
plug-ins (recognizers, operators), assembled once into a pipeline (``pipeline.py``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag

from victimshield.align import output_spans
from victimshield.arguments import (
    file_system_errors,
    require_instance,
    require_out,
    require_path,
    require_paths,
    require_processes,
    require_text,
)
from victimshield.decide import Plan, check_destination
from victimshield.detect.plugged import Plugins, declared_types
from victimshield.detect.specs import RecognizerSpec, load_spec_dirs
from victimshield.engine import Engine, Leak, Redaction
from victimshield.errors import PolicyError, UsageError, VictimShieldError
from victimshield.explain import Explanation, FindingList, Findings
from victimshield.files import collect
from victimshield.finding import Finding, Locator, Segment
from victimshield.formats import Format, FormatRegistry, read_document
from victimshield.manifest import FileEntry
from victimshield.operators.base import Operator, OperatorRegistry, trait
from victimshield.pipeline import NUMBERED_NOTE, Pipeline, build_detector, regions_for
from victimshield.policy.load import load_policy
from victimshield.policy.model import DEFAULT_KEY, DetectionSettings, Policy
from victimshield.progress import ProgressReporter
from victimshield.record.transfer import Transfer
from victimshield.roster.load import load_roster
from victimshield.roster.model import Roster
from victimshield.sinks import FolderSink, Sink
from victimshield.stream_parts import DEFAULT_CHUNK_BYTES
from victimshield.transform.actions import Encryptor
from victimshield.transform.apply import Transformer
from victimshield.transform.keys import CaseKey, KeySource, key_source, require_key
from victimshield.vocabulary import ENTITY_TYPES

if TYPE_CHECKING:
    import pandas as pd

    from victimshield.display import Html
    from victimshield.dryrun import DryRun

__all__ = ["NUMBERED_NOTE", "Options", "RedactionResult", "Report", "Shield", "redact", "scan_paths"]
STREAM_BATCH = 32  # texts detected together by redact_stream: one model batch


@dataclass(frozen=True, slots=True)
class Options:
    """Run settings that are not policy: the export day (for who is a minor), a model
    override, whether PDF pages without a text layer are dropped instead of refused, and
    whether an input no format reads refuses the run (``strict``) instead of being skipped."""

    as_of: dt.date | None = None
    model: str | None = None
    drop_unreadable_pages: bool = False
    strict: bool = False
    # Text, chat exports and CSV larger than this are redacted in parts of about this size
    # (docs/streaming.md); None reads every input whole.
    chunk_bytes: int | None = DEFAULT_CHUNK_BYTES
    # A big input's detection in this many processes, forked from this one so the models load
    # once (detect/split.py); the output is the same. 1: this process only.
    processes: int = 1


@dataclass(frozen=True)
class RedactionResult:
    """``text`` is safe to share; ``findings`` carry positions and types, never values."""

    text: str = field(repr=False)
    findings: tuple[Finding, ...]
    plan: Plan = field(repr=False)
    spans: tuple[tuple[int, int], ...] | None = field(
        default=None, repr=False, compare=False
    )  # decisions' places in text

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


def _specs(policy: Policy | None, recognizer_dirs: Sequence[str | Path]) -> tuple[RecognizerSpec, ...]:
    """The shipped specs, the policy's folders' (resolved when it was loaded), the caller's."""
    dirs = [Path(d) for d in (policy.detection.recognizer_dirs if policy is not None else ())]
    # A folder named by both the policy and the caller is read once.
    return load_spec_dirs(list(dict.fromkeys(d.resolve() for d in dirs + [Path(d) for d in recognizer_dirs])))


def _policy_problems(policy: Policy, known_types: frozenset[str], operators: OperatorRegistry) -> list[str]:
    """What this shield cannot do of what the policy asks: fail closed, every problem at once."""
    where = policy.source or f"policy {policy.policy}"
    problems = [f"{where}: {path}: unknown entity type '{name}' (no recognizer of this shield declares it)"
                for name, path in policy.entity_types_named().items() if name not in known_types]
    for role, block in policy.roles.items():
        for key, rule in block.items():
            path = f"roles.{role}.{key}"
            if rule.action not in operators:
                problems.append(f"{where}: {path}: unknown action '{rule.action}' (no operator of this shield has it)")
                continue
            try:
                operators.get(rule.action).validate(
                    {"entity_type": key if key != DEFAULT_KEY else None, "to": rule.to, "keep_last": rule.keep_last})
            except ValueError as exc:
                problems.append(f"{where}: {path}: {exc}")
    return problems


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
        recognizers: Iterable[object] = (),
        recognizer_dirs: Sequence[str | Path] = (),
        operators: Iterable[Operator] = (),
        formats: Iterable[Format[Any]] | FormatRegistry | None = None,
    ):
        """``key`` is the case key as written (a key file's bytes: hex, base64, text or
        binary, decoded as the command line decodes ``--key-file``), or ``key_file`` its file.

        ``recognizers``: VictimShield span recognizers and ``presidio_analyzer.EntityRecognizer``
        instances; ``recognizer_dirs``: folders of YAML recognizer specs; ``operators``: actions
        beyond the built-in ones. Entity types they declare and actions they add are valid
        in ``policy``; one it names that nothing here declares is refused (``PolicyError``).
        ``formats``: the caller's own file formats, searched before installed and built-in ones
        (docs/formats.md); ``shield.formats.register_format(fmt)`` adds one later."""
        options = options or Options()
        require_instance(policy, Policy, "policy")
        require_processes(options.processes)
        require_instance(key, (bytes, bytearray, str, type(None)), "key")  # key=32 is not 32 zero bytes
        self.formats = formats if isinstance(formats, FormatRegistry) else FormatRegistry(formats or ())
        self.policy = policy
        self.destination = check_destination(policy, require_text(to, "to"))
        self.roster = roster
        plugins = Plugins.sort(recognizers)
        specs = _specs(policy, recognizer_dirs)
        self._operators = OperatorRegistry(operators)
        problems = _policy_problems(policy, ENTITY_TYPES | declared_types(specs, plugins), self._operators)
        if problems:
            raise PolicyError(f"policy '{policy.policy}' asks for what this shield cannot do", problems)
        self._key_source: KeySource | None = key_source(key, key_file)
        self._key = CaseKey(self._key_source.secret) if self._key_source is not None else None
        settings = policy.detection
        if options.model:
            settings = settings.model_copy(update={"model": options.model})
        region = policy.from_ if len(policy.from_) == 2 else None
        detector = build_detector(settings, specs, roster=roster, as_of=options.as_of or dt.date.today(),
                                  region=region, regions=regions_for(policy, roster), plugins=plugins,
                                  key_source=self._key_source, processes=options.processes)
        transformer = Transformer(self._key, pseudonym_length=policy.pseudonyms.length, region=region,
                                  operators=self._operators)
        self._pipeline = Pipeline(Engine(detector, policy, self.destination, transformer), key_source=self._key_source,
                                  case=roster.case if roster else None,
                                  drop_unreadable_pages=options.drop_unreadable_pages, strict=options.strict,
                                  formats=self.formats, roster=roster, chunk_bytes=options.chunk_bytes)
        self._engine = self._pipeline.engine

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
        recognizers: Iterable[object] = (),
        recognizer_dirs: Sequence[str | Path] = (),
        operators: Iterable[Operator] = (),
        formats: Iterable[Format[Any]] | FormatRegistry | None = None,
    ) -> Shield:
        """Load policy (a path or a shipped id such as ``baseline``), roster and key; check all first.
        The policy may name the entity types and actions the plug-ins declare."""
        roster = require_path(roster, "roster") if roster is not None else None
        recognizers, operators = list(recognizers), list(operators)
        declared = declared_types(load_spec_dirs([Path(d) for d in recognizer_dirs], shipped=False),
                                  Plugins.sort(recognizers))
        loaded_policy = load_policy(_policy_path(require_path(policy, "policy")), entity_types=declared,
                                    actions=[o.operator_name() for o in operators])
        loaded_roster = load_roster(roster) if roster is not None else None
        return cls(loaded_policy, to, roster=loaded_roster, key=key, key_file=key_file, options=options,
                   recognizers=recognizers, recognizer_dirs=recognizer_dirs, operators=operators, formats=formats)

    def __repr__(self) -> str:
        keyed = self._key is not None
        return f"Shield(policy={self.policy.policy!r}, to={self.destination!r}, roster={self.roster!r}, keyed={keyed})"

    @property
    def operators(self) -> OperatorRegistry:
        return self._operators

    def require_ready(self) -> None:
        """Raise before any input is read when the policy needs a key that was not given."""
        if any(trait(self._operators.get(a), "needs_key") for a in self.policy.actions_used()):
            require_key(self._key)

    # -- text ---------------------------------------------------------------
    def redact_text(self, text: str) -> RedactionResult:
        self.require_ready()
        done = self._pipeline.redact([Segment(require_text(text), Locator("<text>"))])
        return _result(done, output_spans(text, done.texts[0], done.plan.segments[0]))

    def redact_stream(self, texts: Iterable[str], *, batch_size: int = STREAM_BATCH) -> Iterator[RedactionResult]:
        """One result per text, in order, as ``redact_text`` gives it; texts are read lazily
        and detected ``batch_size`` at a time (one model batch), so a long stream never sits
        in memory whole. Each text is its own document: no name found in one counts in another."""
        self.require_ready()
        batch: list[str] = []
        for position, text in enumerate(texts, start=1):
            if not isinstance(text, str):
                raise UsageError(f"text {position} of the stream is a {type(text).__name__}, not a str")
            batch.append(text)
            if len(batch) >= max(1, batch_size):
                yield from self._stream_batch(batch)
                batch = []
        if batch:
            yield from self._stream_batch(batch)

    def _stream_batch(self, texts: list[str]) -> list[RedactionResult]:
        done = self._pipeline.redact_documents([[Segment(t, Locator("<text>"))] for t in texts])
        return [_result(d, output_spans(t, d.texts[0], d.plan.segments[0])) for t, d in zip(texts, done, strict=True)]

    def scan_text(self, text: str) -> list[Finding]:
        """Findings with their roles, without changing anything."""
        return FindingList(self._pipeline.plan_findings([Segment(require_text(text), Locator("<text>"))])[0])

    def explain(self, text: str, *, show_values: bool = False) -> Explanation:
        """Why each span of ``text`` would be treated as it is: type, recognizers, score, role
        (roster party or unknown), the rule and the action. Values only with ``show_values``."""
        from victimshield.explain import explain_decisions

        plan = self._pipeline.plan([Segment(require_text(text), Locator("<text>"))])
        return explain_decisions(text, plan.segments[0], show_values=show_values)

    def leaks_in_text(self, text: str) -> list[Leak]:
        return self._pipeline.leaks([Segment(text, Locator("<text>"))])

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

    def redact_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A redacted copy of ``frame`` (the caller's is never changed), by the policy's ``columns:``."""
        import pandas as pd

        require_instance(frame, pd.DataFrame, "frame")
        self.require_ready()
        return self._pipeline.redact_frame(frame)

    # -- files --------------------------------------------------------------
    @file_system_errors
    def redact_paths(self, inputs: Iterable[str | Path] | str | Path, out: str | Path | None = None, *,
                     overwrite: bool = False, sink: Sink | None = None,
                     progress: ProgressReporter | bool | None = None, transfer: Transfer | None = None,
                     sender_dir: str | Path | None = None) -> Report:
        """Redact files and folders into ``out`` (or a ``sink``); verify; only then publish. All or nothing.

        ``overwrite`` replaces ``out`` only when it is an earlier export (its manifest lists
        everything in it). Inputs are named by position ("input 2, file 5") in every message.
        ``progress``: a ``ProgressReporter``, or True for a bar in a terminal or notebook.
        ``transfer``: request reference, recipient, operator and purpose for the transfer record.
        ``sender_dir``: a folder outside ``out`` for the sender's records, written owner-only
        after the export: ``disclosure.json`` (per roster party) and, with a key, ``lookup.enc``
        (for ``victimshield.record.reidentify``); none when not given (docs/record.md)."""
        if out is not None and sink is not None:
            raise UsageError("give either out (a folder) or sink, not both")
        require_instance(transfer, (Transfer, type(None)), "transfer")
        self.require_ready()
        sources = require_paths(inputs)
        target = sink if sink is not None else FolderSink(require_out(out), overwrite=overwrite)
        sender = Path(require_path(sender_dir, "sender_dir")) if sender_dir is not None else None
        done = self._pipeline.export(sources, target, progress=progress, transfer=transfer, sender=sender)
        return Report(target.location, done.entries, done.manifest)

    def dry_run(self, inputs: Iterable[str | Path] | str | Path, *, out: str | Path | None = None,
                overwrite: bool = False, progress: ProgressReporter | bool | None = None) -> DryRun:
        """What ``redact_paths`` would do per input (format, segments, spans per role, type and
        action), by position; nothing is written and ``out`` (if given) is only checked."""
        from victimshield.dryrun import dry_run

        return dry_run(self, inputs, out=out, overwrite=overwrite, progress=progress)

    def verify_paths(self, folder: str | Path) -> list[Leak]:
        """Everything in ``folder`` the policy would not let leave (empty: clean)."""
        return self._pipeline.verifier().leaks(require_path(folder, "folder"))


def _result(done: Redaction, spans: tuple[tuple[int, int], ...] | None = None) -> RedactionResult:
    return RedactionResult(done.texts[0], Findings(d.finding for d in done.plan.segments[0]), done.plan, spans)


def _policy_path(policy: str | Path) -> Path:
    from victimshield.resources import policy_path

    return policy_path(policy)


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
    inputs: Iterable[str | Path] | str | Path,
    *,
    roster: str | Path | Roster | None = None,
    options: Options | None = None,
    recognizers: Iterable[object] = (),
    recognizer_dirs: Sequence[str | Path] = (),
) -> list[tuple[Segment, list[Finding]]]:
    """Findings per segment of every input, with no policy: what ``victimshield scan`` shows."""
    options = options or Options()
    cast = roster if isinstance(roster, Roster) or roster is None else load_roster(roster)
    settings = DetectionSettings(model=options.model) if options.model else DetectionSettings()
    detector = build_detector(
        settings,
        _specs(None, recognizer_dirs),
        roster=cast,
        as_of=options.as_of or dt.date.today(),
        region=None,
        regions=regions_for(None, cast),
        plugins=Plugins.sort(recognizers),
        processes=require_processes(options.processes),
    )
    out: list[tuple[Segment, list[Finding]]] = []
    registry = FormatRegistry()
    for source in collect(require_paths(inputs)).files:
        segments = read_document(source.path, source.where, registry).segments
        out += list(zip(segments, detector.detect(segments), strict=True))
    return out
