"""Both cores on one machine: the files of a folder run spread over worker processes.

The same ``Pipeline.export`` as one process, with its per-file step (read, redact, write to
bytes) run in ``jobs`` worker processes; this process names the outputs in input order,
writes them, verifies and publishes, so the export equals a one-process run byte for byte
(the record differs only in its time). Each worker builds its shield once, for its share
of the files (every ``jobs``-th file), from a ``ShieldRecipe`` (``victimshield.dask``):
policy, roster and the key's bytes, never a path. Workers start with ``spawn``: nothing of
this process's state (models, locks) is copied into them.

Worth it for many files: each worker loads the models (a few seconds, some 700 MB). What
one run checks across files (that no two values share a pseudonym) is checked per worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path

from victimshield.arguments import require_out, require_path, require_paths
from victimshield.dask import ShieldRecipe, recipe
from victimshield.errors import UsageError
from victimshield.files import Source
from victimshield.pipeline import RedactedFile
from victimshield.policy.model import Policy
from victimshield.progress import ProgressReporter
from victimshield.record.transfer import Transfer
from victimshield.roster.model import Roster
from victimshield.shield import Options, Report, Shield
from victimshield.sinks import FolderSink

MAX_JOBS = 64


def _redact_share(made: ShieldRecipe, sources: list[Source]) -> list[RedactedFile | None]:
    """In a worker: one shield for this worker's share of the files."""
    pipeline = made.build()._pipeline
    return [pipeline.redact_or_skip(source) for source in sources]


def redact_paths(inputs: Iterable[str | Path] | str | Path, out: str | Path, *, policy: str | Path | Policy, to: str,
                 jobs: int, roster: str | Path | Roster | None = None, key: bytes | str | None = None,
                 key_file: str | Path | None = None, options: Options | None = None, overwrite: bool = False,
                 transfer: Transfer | None = None, progress: ProgressReporter | bool | None = None,
                 sender_dir: str | Path | None = None) -> Report:
    """``Shield.redact_paths`` with the files redacted in ``jobs`` processes (1: this one)."""
    if not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise UsageError(f"jobs must be a whole number from 1 to {MAX_JOBS}")
    # Workers detect in their own process only: the files already use the cores.
    given = options or Options()
    made = recipe(policy, to, roster=roster, key=key, key_file=key_file, options=replace(given, processes=1))
    # This process's shield checks the policy and the key (its file too: an input that is
    # the key is refused), names, verifies and publishes; a lone file is redacted here,
    # its detection split over the processes asked for.
    shield = Shield(made.policy, to, roster=made.roster, key=key, key_file=key_file,
                    options=replace(made.options, processes=given.processes))
    shield.require_ready()

    def in_processes(files: Sequence[Source]) -> list[RedactedFile | None]:
        if jobs == 1 or len(files) < 2:
            return [shield._pipeline.redact_or_skip(f) for f in files]
        workers = min(jobs, len(files))
        shares = [list(files[w::workers]) for w in range(workers)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            done = list(pool.map(_redact_share, [made] * workers, shares))
        placed: list[RedactedFile | None] = [None] * len(files)
        for w, share in enumerate(done):
            for n, one in enumerate(share):
                placed[w + n * workers] = one
        return placed

    sink = FolderSink(require_out(out), overwrite=overwrite)
    sender = Path(require_path(sender_dir, "sender_dir")) if sender_dir is not None else None
    export = shield._pipeline.export(require_paths(inputs), sink, progress=progress, transfer=transfer,
                                     redact_all=in_processes, sender=sender)
    return Report(sink.location, export.entries, export.manifest)
