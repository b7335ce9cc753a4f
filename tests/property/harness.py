"""One example of a property: write the inputs, redact (CLI or API), and list what is wrong.

Problems are value-free sentences ("output file 1 bytes: minor phone", "structure of
file 1 changed"); the caller asserts there are none. An exception from the product is
turned into its type and exit code outside the ``except`` block, so that neither its
message nor its chained traceback can print a planted file name.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from typer.testing import CliRunner

import victimshield as vs
from victimshield.cli import app

from .case import SUSPECT_NAME, Plant
from .docs_tables import BUILDERS as TABLE_BUILDERS
from .docs_text import BUILDERS as TEXT_BUILDERS
from .docs_text import Built
from .leaks import View, found_in, leak_report, tree_views
from .structure import shape

BUILDERS = {**TEXT_BUILDERS, **TABLE_BUILDERS}
VIA = st.sampled_from(("api", "cli"))


@dataclass(frozen=True)
class Case:
    """What the test files live beside: roster, policy, key file (outside every input tree)."""

    root: Path
    roster: Path
    policy: Path
    key_file: Path
    key: bytes = field(repr=False)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("Case(...)")


@dataclass
class Outcome:
    exit_code: int
    error: str  # exception type only
    channels: list[View]  # stdout, stderr, log, error message, manifest from the API


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def _product_log() -> Iterator[_Records]:
    """The product's log records, to the checker only: pytest prints the records it captured
    for a failed test, and a leaked output name would print itself there."""
    logger = logging.getLogger("victimshield")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    records = _Records()
    logger.handlers[:] = [records]
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.handlers[:], logger.propagate = saved[0], saved[2]
        logger.setLevel(saved[1])


def _via_api(shield: vs.Shield, source: Path, out: Path) -> Outcome:
    report: Any = None
    message, error, code = "", "", 0
    with _product_log() as records:
        try:
            report = shield.redact_paths([source], out)
        except Exception as exc:  # recorded by type and exit code, outside this block
            message, error, code = f"{exc}\n{exc!r}", type(exc).__name__, int(getattr(exc, "exit_code", 99))
    channels: list[View] = [("API log", "\n".join(records.lines)), ("API error message", message)]
    if report is not None:
        channels.append(("API report manifest", json.dumps(report.manifest, default=str, ensure_ascii=False)))
        channels.append(("API report files", repr(report.files)))
    return Outcome(code, error, channels)


def _via_cli(case: Case, source: Path, out: Path) -> Outcome:
    args = ["redact", str(source), "--policy", str(case.policy), "--to", "GB", "--out", str(out),
            "--roster", str(case.roster), "--key-file", str(case.key_file)]
    with _product_log() as records:
        result = CliRunner().invoke(app, args)
    unexpected = result.exception if not isinstance(result.exception, SystemExit) else None
    error = type(unexpected).__name__ if unexpected is not None else ""
    channels = [("CLI stdout", result.stdout), ("CLI stderr", result.stderr), ("CLI log", "\n".join(records.lines))]
    return Outcome(result.exit_code, error, channels)


def write_inputs(root: Path, built: Built) -> Path:
    source = root / "in"
    for relative, data in built.files:
        target = source / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return source


def _shapes(root: Path, kind: str, problems: list[str], label: str) -> Counter[str]:
    shapes: Counter[str] = Counter()
    for number, path in enumerate(
        sorted(p for p in root.rglob("*") if p.is_file() and p.name != "manifest.json"), start=1
    ):
        try:
            shapes[repr(shape(path, kind))] += 1
        except Exception as exc:  # a file its own format cannot open is broken
            problems.append(f"{label} file {number} does not open as {kind} ({type(exc).__name__})")
    return shapes


def problems_of(shield: vs.Shield, case: Case, built: Built, via: str) -> list[str]:
    """Everything wrong with one redaction of ``built``: leaks anywhere, a changed structure,
    a refused run, a suspect's name gone. Value-free."""
    problems: list[str] = []
    work = Path(tempfile.mkdtemp(dir=case.root, prefix="ex"))
    try:
        source = write_inputs(work, built)
        # The check must be able to fail: every plant is visible in the input, in its position.
        seen = set().union(*(found_in(text) for _, text in tree_views(source, "input")))
        missing = sorted({label for plant in built.plants for label in plant.labels} - seen)
        assert not missing, f"test bug: the checker cannot see planted {missing} in the input"
        out = work / "out"
        outcome = _via_api(shield, source, out) if via == "api" else _via_cli(case, source, out)
        if outcome.exit_code != 0 or outcome.error:
            problems.append(f"redact ({via}) exited {outcome.exit_code} {outcome.error}".rstrip())
        problems += leak_report(outcome.channels)
        if out.is_dir():
            problems += leak_report(list(tree_views(out, "output")))
            before = _shapes(source, built.kind, problems, "input")
            after = _shapes(out, built.kind, problems, "output")
            if before != after:
                problems.append(f"structure changed: {sum(before.values())} input file(s) -> {sum(after.values())} "
                                f"output file(s), {len(before - after)} input shape(s) not found in the output")
            if built.suspect and not _suspect_kept(out):
                problems.append("the suspect's name did not survive (over-redaction)")
        elif outcome.exit_code == 0:
            problems.append("no output folder although redact succeeded")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems


def _suspect_kept(out: Path) -> bool:
    texts = [p.read_text("utf-8", "replace") for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"]
    return all(SUSPECT_NAME in t for t in texts)


def draw_plants(data: Any, pool: tuple[Plant, ...], most: int = 2) -> tuple[Plant, ...]:
    return tuple(data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=most, unique_by=repr), label="plants"))


def property_problems(shield: vs.Shield, case: Case, data: Any, kind: str, position: str,
                      pool: tuple[Plant, ...]) -> list[str]:
    """Build a random document of ``kind`` with plants from ``pool`` in ``position``; redact;
    what went wrong (positions and kinds, never values). Empty: the property holds."""
    plants = draw_plants(data, pool)
    built = BUILDERS[kind](data, position, plants)
    via = data.draw(VIA, label="via")
    return problems_of(shield, case, built, via)


def params(pairs: Iterable[tuple[str, str]], xfail: Mapping[tuple[str, str], str]) -> list[Any]:
    """One pytest param per (a, b) pair, id "a:b"; a pair in ``xfail`` is marked a strict
    expected failure, so a fix that makes it pass must also remove the mark."""
    out = []
    for a, b in pairs:
        reason = xfail.get((a, b))
        marks = [pytest.mark.xfail(strict=True, reason=f"issue 8: {reason}")] if reason else []
        out.append(pytest.param(a, b, id=f"{a.replace(' ', '-')}:{b.replace(' ', '-')}", marks=marks))
    return out
