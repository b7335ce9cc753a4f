"""``--dry-run``: what a redaction would do, per input by position; nothing is written.

Each input is read and detected and the policy decides, as in a real run (its first pass):
the format, the number of segments (lines, messages, cells), and how many spans of each
role and entity type would get each action. No output folder is made or touched.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from victimshield.arguments import require_out, require_paths
from victimshield.files import check_out_dir, collect
from victimshield.progress import ProgressReporter, as_reporter, finishing

if TYPE_CHECKING:
    from victimshield.shield import Shield

CountKey = tuple[str, str, str, str]  # role, entity type, action, rule
log = logging.getLogger(__name__)


def count_rows(counts: Counter[CountKey]) -> list[dict[str, object]]:
    return [{"role": role, "entity_type": etype, "action": action, "rule": rule, "count": n}
            for (role, etype, action, rule), n in sorted(counts.items())]


@dataclass(frozen=True)
class PlannedFile:
    """One input as a run would treat it; named by position only."""

    input: str
    format: str
    segments: int
    counts: Counter[CountKey] = field(default_factory=Counter)
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"input": self.input, "format": self.format, "segments": self.segments,
                "decisions": count_rows(self.counts), "notes": list(self.notes)}


@dataclass(frozen=True)
class DryRun:
    files: tuple[PlannedFile, ...]
    skipped: tuple[str, ...] = ()

    def totals(self) -> Counter[CountKey]:
        total: Counter[CountKey] = Counter()
        for planned in self.files:
            total += planned.counts
        return total

    def as_json(self) -> dict[str, object]:
        return {"dry_run": True, "files": [f.as_json() for f in self.files], "skipped": list(self.skipped),
                "totals": count_rows(self.totals())}

    def _repr_html_(self) -> str:
        from victimshield.display import counts_table, table

        rows = [(f.input, f.format, f.segments, sum(f.counts.values()), "; ".join(f.notes)) for f in self.files]
        return ("<div>" + table(("input", "format", "segments", "spans", "notes"), rows, "dry run: nothing written")
                + counts_table(self.totals(), "totals (first pass)") + "</div>")


def dry_run(shield: Shield, inputs: Iterable[str | Path] | str | Path, *, out: str | Path | None = None,
            overwrite: bool = False, progress: ProgressReporter | bool | None = None) -> DryRun:
    """Read, detect and decide every input as ``redact_paths`` would; write nothing.
    With ``out``, it is checked as a real run checks it (refused the same way), not made."""
    shield.require_ready()
    sources = require_paths(inputs)
    key_source = shield._key_source
    key_file = key_source.file if key_source is not None else None
    collected = collect(sources, is_key=key_file.is_same if key_file is not None else None)
    if out is not None:
        check_out_dir(require_out(out), sources, overwrite)
    reporter = as_reporter(progress)
    planned: list[PlannedFile] = []
    with finishing(reporter):
        reporter.start(len(collected.files))
        for source in collected.files:
            one = _planned(shield, source.path, source.where)
            planned.append(one)
            log.info("dry run: %s (%s, %d segments, %d span(s))", source.where, one.format, one.segments,
                     sum(one.counts.values()))
            reporter.advance(one.segments)
    return DryRun(tuple(planned), collected.skipped)


def _planned(shield: Shield, path: Path, where: str) -> PlannedFile:
    """One input as a run would treat it; a big text, chat export or CSV part by part, as a
    run reads it, so a dry run's memory is bounded by the part too (docs/streaming.md)."""
    from victimshield.stream import read_parts, stream_plan

    pipeline = shield._pipeline
    plan = stream_plan(pipeline, path, where, pipeline.chunk_bytes)
    if plan is None:
        document = pipeline.read(path, where)
        counts = pipeline.plan(document.segments).counts()
        return PlannedFile(where, document.format, len(document.segments), counts, document.notes)
    counts, segments, parts = Counter[CountKey](), 0, 0
    for part in read_parts(pipeline, path, where, plan):
        counts += pipeline.plan(part).counts()
        segments += len(part)
        parts += 1
    return PlannedFile(where, plan.format.name, segments, counts, (f"read in {parts} part(s)",))
