"""One whole process, measured: wall seconds, CPU seconds and peak resident memory.

Peak RSS comes from ``os.wait4`` on that one child (the kernel's ``ru_maxrss``, what
``/usr/bin/time -v`` prints), so runs do not mix; it includes grandchildren the child waited for.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    exit_code: int

    def as_json(self) -> dict[str, float | int]:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), str(REPO), env.get("PYTHONPATH", "")) if p)
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    return env


def run(args: list[str]) -> Run:
    """Run ``python args...`` with this interpreter; stdout and stderr are discarded (no values shown)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env=_env(), cwd=REPO)
    assert child.stderr is not None
    error = child.stderr.read()  # drained, or a chatty child would block on a full pipe
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        # The last line only: it names the error's kind; inputs here are synthetic anyway.
        last = error.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        print(f"  (exit {child.returncode}: {last[0][:200]})", file=sys.stderr)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode)


def victimshield(inputs: list[Path], out: Path, key: Path, policy: str = "policies/examples/ro-to-gb.yaml",
                 extra: tuple[str, ...] = ()) -> Run:
    cli = ["-c", "import sys; from victimshield.cli import main; sys.argv[0] = 'victimshield'; main()"]
    return run([*cli, "redact", *map(str, inputs), "--policy", policy, "--to", "GB", "--key-file", str(key),
                "--out", str(out), "--force", "--quiet", *extra])


def output_text(out: Path) -> str:
    """The redacted files of an export folder (everything but its manifest), concatenated."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "manifest.json")
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
