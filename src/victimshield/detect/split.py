"""One batch's detection over several processes: both cores for one big file (issue 11).

The models are loaded in this process first; each child is forked from it, so it shares
their memory (copy on write) and starts at once, and detects its share of the segments
while this process detects the first share. A segment's findings at this stage depend on
its own text alone (what depends on the other segments of a document runs afterwards, in
this process), so the result is what one process gives, in the same order.

A child hands back its findings (positions and types, never a value) through a pipe and
leaves with ``os._exit``: no exit handler, buffer flush or temporary-file cleanup of this
process runs twice. A child that fails (killed, out of memory, an exception) is not
trusted with anything: its share is detected again here, where an error is raised as
usual. Forking is used only where it is safe: on a platform that has it, and when no other
thread is running (a thread holding a lock at the moment of the fork would leave that lock
held forever in the child) except the progress bar's own refresh thread, which the child
never touches.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

log = logging.getLogger("victimshield")
T = TypeVar("T")
R = TypeVar("R")
# Below this many characters of text a share is not worth a process: a fork of a process
# holding the models costs some tens of milliseconds, and the child's first touches of
# shared pages more.
MIN_SHARE_CHARS = 20_000
_SAFE_THREADS = frozenset({"_RefreshThread"})  # rich's progress refresh: writes the bar, nothing else


MAX_DEFAULT_PROCESSES = 4  # beyond this the shared pages touched by each child cost more memory than time saved


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, e.g. a container's limit), at most
    ``MAX_DEFAULT_PROCESSES``: the command line's default ``--processes``."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_DEFAULT_PROCESSES))


def can_fork() -> bool:
    if not hasattr(os, "fork") or sys.platform == "win32":
        return False
    current = threading.current_thread()
    return all(t is current or type(t).__name__ in _SAFE_THREADS for t in threading.enumerate())


def worth_splitting(total_chars: int, processes: int) -> bool:
    return processes > 1 and total_chars >= 2 * MIN_SHARE_CHARS


def shares(weights: Sequence[int], processes: int) -> list[range]:
    """Contiguous index ranges of about equal weight, at most ``processes`` of them and no
    fewer than ``MIN_SHARE_CHARS`` each on average (so small work stays in one)."""
    total = sum(weights)
    count = max(1, min(processes, total // MIN_SHARE_CHARS, len(weights)))
    out: list[range] = []
    start, done = 0, 0
    for n in range(1, count):
        target = total * n // count
        end = start
        while end < len(weights) and done + weights[end] <= target:
            done += weights[end]
            end += 1
        end = max(end, start + 1)
        out.append(range(start, end))
        start = end
    out.append(range(start, len(weights)))
    return [r for r in out if len(r)]


def _child(compute: Callable[[Sequence[T]], list[R]], items: Sequence[T], write_end: int) -> None:
    code = 1
    try:
        data = pickle.dumps(compute(items), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _collect(pid: int, read_end: int) -> bytes | None:
    with os.fdopen(read_end, "rb") as handle:
        data = handle.read()
    _, status = os.waitpid(pid, 0)
    return data if os.waitstatus_to_exitcode(status) == 0 else None


def split_compute(items: Sequence[T], weights: Sequence[int], processes: int,
                  compute: Callable[[Sequence[T]], list[R]]) -> list[R]:
    """``compute(items)``, with shares of ``items`` computed in forked children; ``compute``
    must give one result per item, each depending on its item alone."""
    parts = shares(weights, processes) if processes > 1 and can_fork() else [range(len(items))]
    if len(parts) < 2:
        return compute(items)
    children: list[tuple[int, int, range]] = []
    try:
        for part in parts[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                _child(compute, [items[i] for i in part], write_end)
            os.close(write_end)
            children.append((pid, read_end, part))
        results = compute([items[i] for i in parts[0]])
        while children:
            pid, read_end, part = children.pop(0)
            data = _collect(pid, read_end)
            if data is None:
                log.warning("a detection process stopped before it finished; its share is detected in this one")
                results += compute([items[i] for i in part])
            else:
                found: list[R] = pickle.loads(data)  # our own child's findings, through our own pipe
                results += found
        return results
    finally:
        for pid, read_end, _ in children:  # only after an error here: stop and reap the rest
            os.close(read_end)
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
