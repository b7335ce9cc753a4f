"""What the command line prints besides its tables: ``--json`` documents, ``--version``,
``--log-level``. JSON documents hold positions, formats, types, roles, actions, rules and
counts; output names as the manifest lists them (already redacted); never a value.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from victimshield.errors import UsageError
from victimshield.logs import LEVELS, log_to_stderr

if TYPE_CHECKING:
    from victimshield.dryrun import DryRun
    from victimshield.shield import Report, Shield

CountKey = tuple[str, str, str, str]
JSON_FORMAT = 1  # the version of the --json documents; grows with new keys, never breaks old ones


def tool_version() -> str:
    # The manifest module (and the policy models it loads) only when a version is printed.
    from victimshield.manifest import tool_version as version

    return version()


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"victimshield {tool_version()}")
        raise typer.Exit(0)


def _check_level(value: str | None) -> str | None:
    if value is not None and value.upper() not in LEVELS:
        raise typer.BadParameter(f"one of {', '.join(LEVELS)}")
    return value


VersionOpt = Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")]
LogLevelOpt = Annotated[
    str | None,
    typer.Option(
        "--log-level",
        callback=_check_level,
        help=f"Log records on stderr from this level ({', '.join(LEVELS)}); never values.",
    ),
]


def setup_logging(level: str | None) -> None:
    if level is not None:
        if level.upper() not in LEVELS:
            raise UsageError(f"--log-level: one of {', '.join(LEVELS)}")
        log_to_stderr(level)


def write_json(document: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def counts_table(counts: Counter[CountKey], title: str | None = None) -> Table:
    table = Table(title=title)
    for column in ("role", "entity type", "action", "spans"):
        table.add_column(column, justify="right" if column == "spans" else "left")
    summary: Counter[tuple[str, str, str]] = Counter()
    for (role, etype, action, _rule), n in counts.items():
        summary[(role, etype, action)] += n
    for (role, etype, action), n in sorted(summary.items()):
        table.add_row(role, etype, action, str(n))
    return table


def _about(shield: Shield) -> dict[str, object]:
    return {"json_format": JSON_FORMAT, "tool": {"name": "victimshield", "version": tool_version()},
            "policy": {"id": shield.policy.policy, "version": shield.policy.version},
            "destination": shield.destination, "handling": shield.policy.handling}


def redact_json(shield: Shield, report: Report) -> dict[str, object]:
    from victimshield.dryrun import count_rows

    files = [{"file": n, "output": e.output, "format": e.format, "segments": e.segments,
              "decisions": count_rows(e.counts), "notes": list(e.notes)} for n, e in enumerate(report.files, start=1)]
    skipped = report.manifest.get("skipped", [])
    signature = report.manifest.get("signature")
    signed = isinstance(signature, dict) and signature.get("value") is not None
    return {"status": "ok", "exit_code": 0, **_about(shield), "out": str(report.out),
            "manifest": str(report.out / "manifest.json"), "files": files, "skipped": skipped,
            "totals": count_rows(report.totals()),
            # The transfer record: who asked and who receives (given by the operator, checked
            # to hold no protected value), and whether it is signed with the case key.
            "record": {"transfer": report.manifest.get("transfer"), "signed": signed,
                       "handling": report.manifest.get("handling")}}


def verify_json(shield: Shield) -> dict[str, object]:
    return {"status": "ok", "exit_code": 0, **_about(shield), "verified": True}


def dry_run_json(shield: Shield, planned: DryRun) -> dict[str, object]:
    return {"status": "ok", "exit_code": 0, **_about(shield), **planned.as_json()}


def error_json(exit_code: int, message: str, violations: tuple[str, ...] | list[str] = ()) -> dict[str, object]:
    document: dict[str, object] = {"json_format": JSON_FORMAT, "status": "error", "exit_code": exit_code,
                                   "error": message.splitlines()[0] if message else ""}
    lines = [line.strip()[2:] for line in message.splitlines()[1:] if line.strip().startswith("- ")]
    if violations:
        document["violations"] = list(violations)
    elif lines:
        document["problems"] = lines
    return document
