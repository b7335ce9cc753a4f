"""The sender's audit log: one hash-chained JSON line per operation (who ran what, why, with
which result), append-only, so a changed, removed, inserted or reordered line shows.

Each line (schema ``victimshield audit v1``) holds:

- ``seq`` (1, 2, …), ``time`` (UTC, ISO 8601), ``operation`` (``redact``, ``verify``,
  ``key new``, ``manifest verify``, ``reidentify``, …);
- ``who``: ``user`` (the OS user name) and ``operator`` (``--operator``, or null);
- ``what``: policy id/version/sha256, destination, counts, files by position and sha256
  (never a name or a value); ``why``: ``request_ref`` and ``purpose`` if given;
- ``result``: ``exit`` (the exit code) and, for a failed run, ``error`` (the error's class
  only: a message may name what it refused);
- ``prev_hash`` (the previous line's ``hash``; 64 zeros for the first) and ``hash``, the
  sha256 of the line's canonical JSON (sorted keys, no spaces, UTF-8) without ``hash``.

The file is ``--audit-log FILE``, else ``$VICTIMSHIELD_AUDIT_LOG``, else
``$XDG_STATE_HOME/victimshield/audit.jsonl`` (``~/.local/state/…``). It is created 0600, opened
with O_APPEND, and each append holds an exclusive ``flock`` while it reads the last line and
writes the next, so two processes never interleave or fork the chain.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from victimshield.errors import UsageError

SCHEMA = "victimshield audit v1"
ENV_VAR = "VICTIMSHIELD_AUDIT_LOG"
GENESIS = "0" * 64
_TAIL = 65536


def default_log_path() -> Path:
    """``$VICTIMSHIELD_AUDIT_LOG``, else the per-user state folder."""
    given = os.environ.get(ENV_VAR)
    if given:
        return Path(given)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "victimshield" / "audit.jsonl"


def entry_hash(entry: dict[str, object]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers): say so rather than fail
        return None


def append_event(
    path: Path | str | None,
    operation: str,
    *,
    exit_code: int = 0,
    error: str | None = None,
    operator: str | None = None,
    what: dict[str, object] | None = None,
    why: dict[str, object] | None = None,
) -> dict[str, object]:
    """Append one entry to the log at ``path`` (None: ``default_log_path()``) and return it.

    ``what`` and ``why`` must hold no names or values: positions, counts, digests and the
    transfer fields the pipeline has already checked. ``error`` is an error's class name.
    """
    target = Path(path) if path is not None else default_log_path()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        seq, prev_hash = _last(target)
        entry: dict[str, object] = {
            "schema": SCHEMA,
            "seq": seq + 1,
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "operation": operation,
            "who": {"user": _user(), "operator": operator},
            "what": what or {},
            "why": why or {},
            "result": {"exit": exit_code, "error": error},
            "prev_hash": prev_hash,
        }
        entry["hash"] = entry_hash(entry)
        line = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock
    return entry


def _last(path: Path) -> tuple[int, str]:
    """The last entry's seq and hash (0 and the genesis hash for an empty log)."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        chunk = _TAIL
        while True:
            handle.seek(max(0, size - chunk))
            tail = handle.read()
            lines = tail.rstrip(b"\n").split(b"\n")
            if len(lines) > 1 or chunk >= size:
                break
            chunk *= 2
    last = lines[-1]
    if not last.strip():
        return 0, GENESIS
    try:
        entry = json.loads(last)
        return int(entry["seq"]), str(entry["hash"])
    except (ValueError, KeyError, TypeError):
        # A damaged last line: chain on from its bytes; `audit verify` names the line.
        return len(lines), hashlib.sha256(last).hexdigest()


@dataclass(frozen=True, slots=True)
class LogCheck:
    """The result of ``verify_log``: ``entries`` checked, ``problem`` (the first) or None."""

    entries: int
    problem: str | None = None
    line: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_log(path: Path | str) -> LogCheck:
    """Check the chain line by line; stop at the first line that was changed, removed,
    inserted or reordered (a seq gap, a prev_hash that is not the previous hash, or a hash
    that is not the line's). Raises UsageError (exit 2) for a file that cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"audit log: cannot read it ({type(exc).__name__})") from None
    prev_hash, seq = GENESIS, 0
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            return LogCheck(number - 1, f"line {number}: not a log entry", number)
        if entry.get("seq") != seq + 1:
            return LogCheck(number - 1, f"line {number}: seq {entry.get('seq')!r} where {seq + 1} was due "
                            "(a line was removed, inserted or moved)", number)
        if entry.get("prev_hash") != prev_hash:
            before = "the start of the log" if number == 1 else f"line {number - 1}'s hash"
            return LogCheck(number - 1, f"line {number}: prev_hash does not match {before} "
                            "(a line was removed, inserted or moved)", number)
        if entry.get("hash") != entry_hash(entry):
            return LogCheck(number - 1, f"line {number}: hash does not match its content (the line was changed)",
                            number)
        prev_hash, seq = str(entry["hash"]), seq + 1
    return LogCheck(len(lines))


def export_facts(manifest: Mapping[str, object]) -> dict[str, object]:
    """What an export sent, for the log: policy id/version/sha256, destination, handling,
    counts, and each file by its input position and sha256s (never its name)."""
    policy = manifest.get("policy")
    policy = policy if isinstance(policy, dict) else {}
    files = manifest.get("files")
    files = files if isinstance(files, list) else []
    return {
        "policy": {key: policy.get(key) for key in ("id", "version", "sha256")},
        "destination": manifest.get("destination"),
        "handling": manifest.get("handling"),
        "onward_transfer": manifest.get("onward_transfer"),
        "totals": manifest.get("totals"),
        "files": [
            {key: entry.get(key) for key in ("input", "input_sha256", "output_sha256")}
            for entry in files if isinstance(entry, dict)
        ],
    }


@dataclass
class Run:
    """One operation being logged: the command fills ``what`` and ``why`` as it learns them.
    ``why`` and ``operator`` are written only for a run that succeeded: a failed run may have
    been refused because one of them holds a protected value; then only their names are."""

    operation: str
    operator: str | None = field(default=None, repr=False)  # free text: may be refused
    what: dict[str, object] = field(default_factory=dict)
    why: dict[str, object] = field(default_factory=dict, repr=False)


def _exit_code(exc: BaseException, codes: Mapping[type[BaseException], int]) -> int:
    for kind, code in codes.items():
        if isinstance(exc, kind):
            return code
    if isinstance(exc, KeyboardInterrupt):
        return 130
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else 1
    given = getattr(exc, "exit_code", None)  # VictimShieldError, click's Exit
    return given if isinstance(given, int) else 3


@contextmanager
def audited(path: Path | str | None, operation: str,
            codes: Mapping[type[BaseException], int] | None = None) -> Iterator[Run]:
    """Log the operation in the ``with`` block when it ends, however it ends: its exit code,
    and for a failure the error's class (never its message, which may name what it refused)."""
    run = Run(operation)
    try:
        yield run
    except BaseException as exc:
        code = _exit_code(exc, codes or {})
        error = None if code == 0 else type(exc).__name__
        given = sorted(k for k, v in run.why.items() if v is not None)
        if run.operator is not None:
            given.append("operator")
        _append_or_refuse(path, run, code, error, operator=None, why={"given": given})
        raise
    _append_or_refuse(path, run, 0, None, operator=run.operator, why=run.why)


def _append_or_refuse(path: Path | str | None, run: Run, code: int, error: str | None, *,
                      operator: str | None, why: dict[str, object]) -> None:
    try:
        append_event(path, run.operation, exit_code=code, error=error, operator=operator, what=run.what, why=why)
    except OSError as exc:  # an unlogged operation is refused, naming neither the path nor the cause's text
        raise UsageError(f"audit log: cannot append to it ({type(exc).__name__})") from None
