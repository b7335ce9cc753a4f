"""Scale-out on Dask: the same policy, roster and key over many workers.

``redact_frame`` redacts a Dask DataFrame partition by partition; ``redact_files`` spreads
files over the workers and writes one verified export with one manifest, as
``Shield.redact_paths`` does on one machine (docs/dask.md says what holds exactly).

Each worker builds its Shield once: a ``ShieldRecipe`` (policy, destination, roster, key,
options, and a digest of them) travels with every task, and the worker keeps the shields
it built in a dict on its own ``distributed.Worker`` object, keyed by the digest. Outside a
distributed worker (Dask's threaded scheduler) the recipe object itself keeps its shield.
No module-level state: a cache lives exactly as long as the worker or the recipe.

Needs the ``dask`` extra (``dask[dataframe]`` and ``distributed``), imported lazily.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import pickle
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from victimshield.arguments import file_system_errors, require_instance, require_out, require_path, require_paths
from victimshield.files import Source
from victimshield.pipeline import RedactedFile
from victimshield.policy.load import load_policy
from victimshield.policy.model import Policy
from victimshield.record.transfer import Transfer
from victimshield.roster.load import load_roster
from victimshield.roster.model import Roster
from victimshield.shield import Options, Report, Shield, _policy_path
from victimshield.sinks import FolderSink
from victimshield.transform.keys import key_source

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client

__all__ = ["ShieldRecipe", "redact_files", "redact_frame"]
log = logging.getLogger("victimshield")
WORKER_CACHE = "victimshield_shields"  # the attribute each distributed worker keeps its shields in


class ShieldRecipe:
    """What a worker needs to build the caller's Shield: sent with each task, built once per worker.

    ``digest`` names the combination (policy, destination, roster, key, options) so one
    worker can serve several cases at once without mixing them. Its repr shows no value."""

    def __init__(self, policy: Policy, to: str, *, roster: Roster | None = None, key: bytes | None = None,
                 options: Options | None = None):
        # The export day is fixed here, once: workers that start after midnight still agree.
        options = options or Options()
        self.options = replace(options, as_of=options.as_of or dt.date.today())
        self.policy = policy
        self.to = to
        self.roster = roster
        self._key = key
        self.digest = hashlib.sha256(pickle.dumps((policy, to, roster, key, self.options))).hexdigest()
        self._built: dict[str, Shield] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ShieldRecipe(policy={self.policy.policy!r}, to={self.to!r}, keyed={self._key is not None})"

    def __getstate__(self) -> dict[str, Any]:
        # A built shield (models, a lock) never travels; each process builds its own.
        state = dict(self.__dict__)
        del state["_built"], state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._built = {}
        self._lock = threading.Lock()

    def build(self) -> Shield:
        return Shield(self.policy, self.to, roster=self.roster, key=self._key, options=self.options)

    def shield(self) -> Shield:
        """This process's Shield for the recipe: built on first use, then reused."""
        cache = _worker_cache()
        with self._lock:
            if cache is None:
                cache = self._built
            shield = cache.get(self.digest)
            if shield is None:
                shield = cache[self.digest] = self.build()
            return shield


def _worker_cache() -> dict[str, Shield] | None:
    """The shields this distributed worker built, or None outside one."""
    try:
        from distributed import get_worker
    except ImportError:
        return None
    try:
        worker = get_worker()
    except ValueError:  # not running in a worker task
        return None
    cache: dict[str, Shield] | None = getattr(worker, WORKER_CACHE, None)
    if cache is None:
        cache = {}
        setattr(worker, WORKER_CACHE, cache)
    return cache


def recipe(policy: str | Path | Policy, to: str, *, roster: str | Path | Roster | None = None,
           key: bytes | str | None = None, key_file: str | Path | None = None,
           options: Options | None = None) -> ShieldRecipe:
    """Load what the caller named once, on the client; workers get objects and key bytes,
    never paths (a worker need not see the client's policy, roster or key file)."""
    loaded = policy if isinstance(policy, Policy) else load_policy(_policy_path(require_path(policy, "policy")))
    cast = roster if isinstance(roster, Roster) or roster is None else load_roster(require_path(roster, "roster"))
    source = key_source(key, key_file)
    return ShieldRecipe(loaded, to, roster=cast, key=source.material if source is not None else None,
                        options=options)


# -- data frames ----------------------------------------------------------------
def redact_frame(ddf: dd.DataFrame, *, policy: str | Path | Policy, to: str,
                 roster: str | Path | Roster | None = None, key: bytes | str | None = None,
                 key_file: str | Path | None = None, options: Options | None = None) -> dd.DataFrame:
    """A Dask DataFrame whose computed result is ``Shield.redact_frame`` of the whole frame.

    Columns the policy names no rule for are typed by a sample of their first distinct
    values (``formats/table/segments.py``); that sample is the whole frame's, found first
    (one pass over the data) and redacted with every partition, so each partition types
    every column as the whole frame does. Each partition is otherwise its own document:
    see docs/dask.md for what that means for names spread across rows."""
    import dask.dataframe as dd

    require_instance(ddf, dd.DataFrame, "ddf")
    made = recipe(policy, to, roster=roster, key=key, key_file=key_file, options=options)
    sampled = _sampled_positions(made.policy, list(ddf.columns))
    prefix = _sample_rows(ddf, sampled)
    meta = _redacted_meta(made, _empty(ddf))
    each: Callable[..., Any] = ddf.map_partitions  # dask's own signature is untyped
    return cast("dd.DataFrame", each(_redact_partition, made, prefix, meta=meta))


def _empty(ddf: dd.DataFrame) -> pd.DataFrame:
    """The frame's empty pandas model (its columns and types)."""
    return cast("pd.DataFrame", ddf._meta)


def _sampled_positions(policy: Policy, columns: Sequence[Any]) -> list[int]:
    """Columns no rule names: the ones a sample of values types."""
    from victimshield.formats.table.segments import _rule_for

    return [i for i, name in enumerate(columns) if _rule_for(policy.columns, name) is None]


def first_distinct_rows(part: pd.DataFrame, positions: Sequence[int]) -> pd.DataFrame:
    """The rows of ``part`` where each of its first SAMPLE_SIZE distinct non-blank texts of
    the ``positions`` columns first appears, in order: the sample a column is typed by."""
    from victimshield.formats.table.cells import cell_text
    from victimshield.formats.table.segments import SAMPLE_SIZE

    rows: set[int] = set()
    for position in positions:
        seen: set[str] = set()
        for row, value in enumerate(part.iloc[:, position].tolist()):
            text = cell_text(value)
            if text and text.strip() and text not in seen:
                seen.add(text)
                rows.add(row)
                if len(seen) >= SAMPLE_SIZE:
                    break
    return part.iloc[sorted(rows)]


def _sample_rows(ddf: dd.DataFrame, positions: Sequence[int]) -> pd.DataFrame:
    """The whole frame's sample rows: each partition's candidates, then the first over all.
    Partitions keep the frame's order, so the first distinct texts over their candidates are
    the first distinct texts of the whole column."""
    import pandas as pd

    if not positions:
        return _empty(ddf)
    each: Callable[..., Any] = ddf.map_partitions  # dask's own signature is untyped
    candidates = pd.DataFrame(each(first_distinct_rows, list(positions), meta=_empty(ddf)).compute())
    return first_distinct_rows(candidates, positions)


def _with_prefix(made: ShieldRecipe, prefix: pd.DataFrame, part: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    if len(prefix) == 0:
        return made.shield().redact_frame(part)
    # The sample rows go first, as in the whole frame, so sampling reads the same values;
    # their own redacted copies are cut off again.
    joined = pd.concat([prefix, part]) if len(part) else prefix
    return made.shield().redact_frame(joined).iloc[len(prefix):]


def _redact_partition(part: pd.DataFrame, made: ShieldRecipe, prefix: pd.DataFrame) -> pd.DataFrame:
    return _with_prefix(made, prefix, part)


def _redacted_meta(made: ShieldRecipe, meta: pd.DataFrame) -> pd.DataFrame:
    """The result's columns (some dropped, a header that was a name renamed), from the empty
    frame redacted where the partitions will be (on a worker when one runs): headers only,
    so it costs no detection of values. Its types are a hint: a partition where a typed
    value had to change holds text in that column."""
    from dask.delayed import delayed

    done: pd.DataFrame = delayed(_with_prefix)(made, meta, meta).compute()
    return done.iloc[:0]


# -- files ------------------------------------------------------------------------
def redact_one(made: ShieldRecipe, source: Source) -> RedactedFile | None:
    """On a worker: read, redact and write one file to bytes, as one machine does for each
    of its files (``Pipeline.redact_or_skip``); the client names, places and verifies."""
    return made.shield()._pipeline.redact_or_skip(source)


@file_system_errors
def redact_files(paths: Iterable[str | Path] | str | Path, *, out: str | Path, policy: str | Path | Policy, to: str,
                 roster: str | Path | Roster | None = None, key: bytes | str | None = None,
                 key_file: str | Path | None = None, options: Options | None = None,
                 overwrite: bool = False, client: Client | None = None, transfer: Transfer | None = None) -> Report:
    """``Shield.redact_paths`` with each file redacted on a Dask worker: one export, verified
    here and only then published, with one signed record; outputs named as one machine names
    them (the same ``Pipeline.export``, its per-file step run on the workers).

    ``client``: a ``distributed.Client`` (default: the current one). Workers read the
    inputs by path: they must see the same files."""
    from distributed import default_client

    current: Callable[[], Client] = default_client  # untyped in distributed

    made = recipe(policy, to, roster=roster, key=key, key_file=key_file, options=options)
    # The client's own shield checks the policy and key before any work, and verifies.
    shield = Shield(made.policy, to, roster=made.roster, key=key, key_file=key_file, options=made.options)
    shield.require_ready()
    sources = [Path(p).absolute() for p in require_paths(paths)]
    sink = FolderSink(require_out(out), overwrite=overwrite)
    chosen = client or current()

    def on_workers(files: Sequence[Source]) -> list[RedactedFile | None]:
        futures = chosen.map(redact_one, [made] * len(files), [replace(f, path=f.path.absolute()) for f in files],
                             pure=False)
        gather: Callable[[Any], list[RedactedFile | None]] = chosen.gather  # untyped in distributed
        return gather(futures)

    done = shield._pipeline.export(sources, sink, transfer=transfer, redact_all=on_workers)
    log.info("%d file(s) redacted on Dask workers", len(done.entries))
    return Report(sink.location, done.entries, done.manifest)
