"""What the command line's commands share: the console, option types, exit codes, the audit log.

Exit codes (contract): 0 done; 1 verification found something the policy does not let leave;
2 bad usage, policy, roster or key; 3 an input could not be processed safely; 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM). Nothing heavy is imported here (tests/test_startup_imports.py).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from victimshield.cli_output import error_json, write_json
from victimshield.errors import VictimShieldError

if TYPE_CHECKING:
    from victimshield.record.audit import Run
    from victimshield.shield import Options, Shield


def console(stderr: bool = False) -> Console:
    # Pipelines and log files are not terminals: give tables room instead of 80 columns.
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=None if stream.isatty() else 160)



PolicyOpt = Annotated[Path, typer.Option("--policy", help="Policy YAML (or a shipped id such as ro-to-gb).")]
ToOpt = Annotated[str, typer.Option("--to", help="Destination code; must be in the policy's `to:`.")]
RosterOpt = Annotated[Path | None, typer.Option("--roster", help="Case roster, YAML or CSV.")]
KeyOpt = Annotated[
    Path | None, typer.Option("--key-file", help="Case key (or VICTIMSHIELD_KEY_FILE / VICTIMSHIELD_KEY).")
]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy model package (default: the policy's).")]
AuditLogOpt = Annotated[
    Path | None,
    typer.Option("--audit-log", help="Append this run to this audit log (else VICTIMSHIELD_AUDIT_LOG, else "
                 "$XDG_STATE_HOME/victimshield/audit.jsonl).")
]


class Terminated(BaseException):
    """SIGTERM (a scheduler's timeout) raised where the process is, so that every
    ``finally`` runs and the staging folder is removed, as on Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the clean-up short
    raise Terminated()


@contextmanager
def exit_codes(as_json: bool = False) -> Iterator[None]:
    # Only the main thread may set handlers (a CLI run from a thread keeps the default).
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main else None
    try:
        yield
    except Terminated:
        console(stderr=True).print("[bold red]stopped[/]: terminated (SIGTERM); nothing was written", markup=True)
        raise typer.Exit(143) from None
    except KeyboardInterrupt:
        console(stderr=True).print("[bold red]stopped[/]: interrupted; nothing was written", markup=True)
        raise typer.Exit(130) from None
    except VictimShieldError as exc:
        console(stderr=True).print(f"[bold red]error[/]: {exc}", markup=True, highlight=False, soft_wrap=True)
        if as_json:  # messages name positions, key paths and types only: safe on stdout too
            write_json(error_json(exc.exit_code, str(exc), getattr(exc, "violations", ())))
        raise typer.Exit(exc.exit_code) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        console(stderr=True).print(
            f"[bold red]error[/]: internal error ({type(exc).__name__}); nothing was written", markup=True
        )
        if as_json:
            write_json(error_json(3, f"internal error ({type(exc).__name__}); nothing was written"))
        raise typer.Exit(3) from None
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


@contextmanager
def audited_run(operation: str, audit_log: Path | None) -> Iterator[Run]:
    # Inside _exit_codes: the run is logged with its exit code and its error's class.
    from victimshield.record.audit import audited

    with audited(audit_log, operation, {Terminated: 143}) as run:
        yield run


def shield_from(policy: Path, to: str, roster: Path | None, key_file: Path | None, options: Options) -> Shield:
    # One key loader for the command line and the API: the Shield reads the file itself,
    # so it also knows the file, to refuse it (or a link to it) as an input.
    from victimshield.shield import Shield
    from victimshield.transform.keys import key_given

    key, path = key_given(key_file)
    return Shield.from_files(policy, to, roster=roster, key=key, key_file=path, options=options)
