"""Inputs to files and back: collecting inputs, staging, and moving outputs into place.

Nothing is written under ``--out`` until the whole output has been verified in a
staging folder beside it; on any failure the staging folder is removed, and a run
that died without removing its own (killed) has it removed by a later run.

Inputs are named by position in every message ("input 2" for the second INPUT given,
"input 2, file 5" for the fifth entry, in sorted order, of a folder given as input 2):
a file's or folder's own name can carry a victim's.

Symbolic links: an INPUT given on the command line is followed (the user named it). Inside
an input folder a link is followed only to a file inside the input folders; a link to a
folder (loops, duplicates) or out of the inputs is skipped and noted in the manifest.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import socket
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from victimshield.errors import InputError, UsageError

MANIFEST = "manifest.json"
STAGING_OWNER = "owner.json"  # inside a staging folder, beside the export it holds
_SCAN_BLOCK = 16 * 1024 * 1024
KEY_REFUSED = "is the case key file (or a link to it); the key is never read as evidence"


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: where it is, its path relative to the output, and its position label."""

    path: Path
    relative: str
    where: str

    def __repr__(self) -> str:
        return f"Source({self.where})"


@dataclass(frozen=True, slots=True)
class Collected:
    files: tuple[Source, ...]
    skipped: tuple[str, ...]  # "input 1, file 3: a symbolic link to a folder, not followed"


def collect(inputs: Iterable[str | Path], *, is_key: Callable[[Path], bool] | None = None) -> Collected:
    """Every input file, folders recursively; refuse the case key (exit 2) wherever it sits."""
    paths = [Path(i) for i in inputs]
    roots = [p.resolve() for p in paths if p.is_dir()]
    files: list[Source] = []
    skipped: list[str] = []
    for number, path in enumerate(paths, start=1):
        label = f"input {number}"
        if is_key is not None and is_key(path):
            raise UsageError(f"{label} {KEY_REFUSED}")
        if path.is_dir():
            for index, relative in enumerate(_entries(path), start=1):
                where, child = f"{label}, file {index}", path / relative
                if is_key is not None and is_key(child):
                    raise UsageError(f"{where} {KEY_REFUSED}")
                reason = _skip_reason(child, roots)
                if reason is None:
                    files.append(Source(child, relative, where))
                else:
                    skipped.append(f"{where}: {reason}")
        elif path.is_file():
            files.append(Source(path, path.name, label))
        else:
            raise InputError(label, "no such file or folder")
    if not files:
        raise UsageError(
            "no input files found" + (f" ({len(skipped)} skipped: links or special files)" if skipped else "")
        )
    return Collected(tuple(files), tuple(skipped))


def collect_inputs(inputs: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """(path, relative path) of every file: files as named, folders recursively."""
    return [(s.path, s.relative) for s in collect(inputs).files]


def _entries(folder: Path) -> list[str]:
    """Relative paths of everything below ``folder`` that is not a real folder, sorted.
    Links to folders are listed, never walked into (``followlinks=False``): no loops."""
    found: list[str] = []
    for here, dirs, names in os.walk(folder, followlinks=False):
        base = Path(here).relative_to(folder)
        found += [(base / n).as_posix() for n in names]
        found += [(base / d).as_posix() for d in dirs if (Path(here) / d).is_symlink()]
    return sorted(found)


def _skip_reason(child: Path, roots: Sequence[Path]) -> str | None:
    if not child.is_symlink():
        return None if child.is_file() else "not a regular file (a pipe, socket or device), skipped"
    if not child.exists():
        return "a broken symbolic link, skipped"
    if child.is_dir():
        return "a symbolic link to a folder, not followed"
    target = child.resolve()
    if not any(target.is_relative_to(root) for root in roots):
        return "a symbolic link out of the input folders, not followed"
    return None if target.is_file() else "a symbolic link to something not a regular file, skipped"


def _fold(relative: str) -> str:
    """How a case-insensitive, normalising file system (macOS, Windows) compares names."""
    return unicodedata.normalize("NFC", relative).casefold()


def _numbered(name: str, number: int) -> str:
    stem, dot, suffix = name.rpartition(".") if "." in name.strip(".") else (name, "", "")
    return f"{stem}-{number}{dot}{suffix}"


class OutputNames:
    """Output paths made unique as they are claimed: a later path that would overwrite an
    earlier one (two victims' statements both named ``VICTIM-….txt``, names differing
    only in case, a file where a folder is, ``manifest.json``) takes ``-2``, ``-3``, …"""

    def __init__(self) -> None:
        self._files: set[str] = {_fold(MANIFEST)}
        self._folders: set[str] = set()

    def _taken(self, parts: list[str], index: int) -> bool:
        prefix = _fold("/".join(parts[: index + 1]))
        last = index == len(parts) - 1
        return prefix in self._files or (last and prefix in self._folders)

    def claim(self, relative: str) -> str:
        parts = relative.split("/")
        for index, original in enumerate(list(parts)):
            number = 1
            while self._taken(parts, index):
                number += 1
                parts[index] = _numbered(original, number)
        for index in range(len(parts) - 1):
            self._folders.add(_fold("/".join(parts[: index + 1])))
        self._files.add(_fold("/".join(parts)))
        return "/".join(parts)


def check_out_dir(out: Path, inputs: Sequence[Path], overwrite: bool) -> None:
    """Refuse (exit 2, nothing touched) an --out that overlaps an input, or holds anything
    but an earlier VictimShield export; even that only with ``overwrite``."""
    resolved = out.resolve()
    for number, source in enumerate(inputs, start=1):
        src = source.resolve()
        if resolved == src or resolved in src.parents or src in resolved.parents:
            raise UsageError(
                f"--out overlaps input {number}: an export may not be written inside its inputs, nor they inside it"
            )
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_dir():
        raise UsageError("--out exists and is not a folder; nothing was changed")
    if not any(out.iterdir()):
        return
    if not overwrite:
        raise UsageError("--out exists and is not empty (use --force to replace an earlier VictimShield export)")
    problem = not_an_export(out)
    if problem is not None:
        raise UsageError(
            f"--force replaces only an earlier VictimShield export, and --out is not one ({problem}); "
            "nothing was changed"
        )


def not_an_export(folder: Path) -> str | None:
    """Why ``folder`` is not an export this tool wrote (None: it is one): its manifest.json
    must be VictimShield's, and list every file in it."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed = {str(entry["output"]) for entry in manifest["files"]}
        if manifest["tool"]["name"] != "victimshield":
            return "its manifest.json is not a VictimShield manifest"
    except FileNotFoundError:
        return "it has no manifest.json"
    except (OSError, ValueError, KeyError, TypeError):
        return "its manifest.json is not a VictimShield manifest"
    unlisted = 0
    for here, dirs, names in os.walk(folder, followlinks=False):
        base = Path(here).relative_to(folder)
        for name in names + [d for d in dirs if (Path(here) / d).is_symlink()]:
            relative = (base / name).as_posix()
            if (Path(here) / name).is_symlink() or (relative != MANIFEST and relative not in listed):
                unlisted += 1
    return f"it holds {unlisted} file(s) or link(s) its manifest does not list" if unlisted else None


@contextmanager
def staging_dir(out: Path) -> Iterator[Path]:
    """A folder beside ``out`` (same file system, so the final move is a rename).

    The yielded folder sits in a holder marked with this process's id and host, so that
    a later run can tell a dead run's staging (SIGKILL, power loss) from a live one's."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out)
    holder: Path | None = None
    try:
        # A stop that lands between creating the folder and knowing its name would leave
        # it behind: signals wait until the name is held, and are delivered inside the try.
        with _signals_held():
            holder = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        owner = {"tool": "victimshield", "pid": os.getpid(), "host": socket.gethostname()}
        (holder / STAGING_OWNER).write_text(json.dumps(owner), encoding="utf-8")
        export = holder / "export"
        export.mkdir()
        yield export
    finally:
        if holder is not None:
            shutil.rmtree(holder, ignore_errors=True)


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove staging folders for ``out`` left by runs of this tool, on this host, whose
    process is gone. A folder without our owner mark, or a live owner's, is left alone."""
    removed = []
    for holder in out.parent.glob(f".{glob.escape(out.name)}.staging-*"):
        if holder.is_symlink() or not holder.is_dir():
            continue
        try:
            owner = json.loads((holder / STAGING_OWNER).read_text(encoding="utf-8"))
            pid, host, tool = int(owner["pid"]), str(owner["host"]), owner["tool"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if tool == "victimshield" and host == socket.gethostname() and not _alive(pid):
            shutil.rmtree(holder, ignore_errors=True)
            removed.append(holder)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the export is swapped in: a stop between the two renames
    would leave neither the old export nor the new one. They are delivered right after."""
    held = {signal.SIGINT, signal.SIGTERM}
    can_hold = hasattr(signal, "pthread_sigmask")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held) if can_hold else set()
    try:
        yield
    finally:
        if can_hold:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def publish(export: Path, out: Path) -> None:
    """Move the verified export into place. An earlier export is moved aside first (and
    checked again: it may have changed since the run began), then removed."""
    with _signals_held():
        if not out.exists() and not out.is_symlink():
            os.replace(export, out)
            return
        if out.is_dir() and not out.is_symlink() and not any(out.iterdir()):
            out.rmdir()
            os.replace(export, out)
            return
        problem = not_an_export(out)
        if problem is not None:
            raise UsageError(
                f"--out changed during the run and is no longer an earlier export ({problem}); nothing was changed"
            )
        aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.replaced-", dir=out.parent))
        os.replace(out, aside / "old")
        os.replace(export, out)
        shutil.rmtree(aside, ignore_errors=True)


def holding(folder: Path, needles: Sequence[bytes]) -> list[int]:
    """Positions (1-based, sorted by path) of the files under ``folder`` whose name or bytes
    hold any of ``needles``: a last check for the case key, below every reader."""
    found = []
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    for position, path in enumerate(paths, start=1):
        name = path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape")
        if any(needle in name for needle in needles) or _holds(path, needles):
            found.append(position)
    return found


def _holds(path: Path, needles: Sequence[bytes]) -> bool:
    """Whether the file's bytes hold a needle, read a block at a time (an output may be
    bigger than memory); each block overlaps the last by a needle's length, less one."""
    overlap = max((len(n) for n in needles), default=1) - 1
    tail = b""
    with path.open("rb") as handle:
        while block := handle.read(_SCAN_BLOCK):
            window = tail + block
            if any(needle in window for needle in needles):
                return True
            tail = window[-overlap:] if overlap else b""
    return False


def write_bytes(root: Path, relative: str, data: bytes) -> Path:
    """Write a new file; never replace one (``OutputNames`` keeps names apart, this is the guard)."""
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as handle:
        handle.write(data)
    return target
