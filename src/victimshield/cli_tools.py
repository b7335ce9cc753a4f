"""The command line's smaller command groups: ``policy show|check``, ``key new``,
``manifest verify``, ``audit verify``. None of them loads the shield (detection, formats)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from victimshield.cli_common import AuditLogOpt, KeyOpt
from victimshield.cli_common import audited_run as _audited
from victimshield.cli_common import console as _console
from victimshield.cli_common import exit_codes as _exit_codes
from victimshield.cli_output import VersionOpt
from victimshield.errors import VictimShieldError
from victimshield.resources import policy_path

policy_app = typer.Typer(no_args_is_help=True, help="Inspect and check policy files.")
key_app = typer.Typer(no_args_is_help=True, help="Make case keys.")
manifest_app = typer.Typer(no_args_is_help=True, help="Check an export against its signed transfer record.")
audit_app = typer.Typer(no_args_is_help=True, help="Check the audit log of runs.")


@policy_app.callback()
def _policy(version: VersionOpt = False) -> None:
    """Inspect and check policy files."""


@key_app.callback()
def _key(version: VersionOpt = False) -> None:
    """Make case keys."""


@policy_app.command("show")
def policy_show(
    file: Annotated[Path, typer.Argument(help="Policy YAML or a shipped id such as ro-to-gb.")],
    to: Annotated[str | None, typer.Option("--to", help="Check the destination too.")] = None,
    version: VersionOpt = False,
) -> None:
    """What may leave: role x entity type."""
    with _exit_codes():
        from victimshield.decide import check_destination
        from victimshield.policy.load import load_policy
        from victimshield.policy.show import leave_table

        loaded = load_policy(policy_path(file))
        if to is not None:
            check_destination(loaded, to)
        title, columns, rows = leave_table(loaded)
        table = Table(title=title)
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        _console().print(table)
        _console().print(
            f"legal basis: {loaded.legal_basis}\nhandling: {loaded.handling}\n"
            f"handling code: {_handling_code(loaded.handling_code)}\n"
            f"destinations: {', '.join(loaded.to) or '(none)'}",
            highlight=False,
        )


def _handling_code(code: str | None) -> str:
    from victimshield.record.handling import EUROPOL_CODES

    return "(none)" if code is None else f"{code} ({EUROPOL_CODES[code.partition(':')[0]]})"


@policy_app.command("check")
def policy_check(
    files: Annotated[list[Path], typer.Argument(help="Policy YAML files or shipped ids.")],
    version: VersionOpt = False,
) -> None:
    """Validate policies; every problem of every file is listed (exit 2 if any)."""
    from victimshield.policy.load import load_policy

    with _exit_codes():
        failed = False
        for file in files:
            try:
                loaded = load_policy(policy_path(file))
                _console().print(
                    f"ok: {file} ({loaded.policy} v{loaded.version}, to {', '.join(loaded.to) or '-'})", highlight=False
                )
            except VictimShieldError as exc:
                failed = True
                _console(stderr=True).print(str(exc), highlight=False, markup=False)
        if failed:
            raise typer.Exit(2)


@key_app.command("new")
def key_new(
    path: Annotated[Path, typer.Argument(help="Where to write the new key; must not exist.")],
    audit_log: AuditLogOpt = None,
    version: VersionOpt = False,
) -> None:
    """Write a fresh random case key, readable by its owner only; never overwrites (exit 2)."""
    from victimshield.transform.keys import write_new_key

    with _exit_codes(), _audited("key new", audit_log):
        write_new_key(path)
        _console().print("new case key written (owner-only); keep it apart from the export", highlight=False)


@manifest_app.callback()
def _manifest(version: VersionOpt = False) -> None:
    """Check an export against its signed transfer record."""


@manifest_app.command("verify")
def manifest_verify(
    folder: Annotated[Path, typer.Argument(help="A folder written by `redact`.")],
    key_file: KeyOpt = None,
    audit_log: AuditLogOpt = None,
    version: VersionOpt = False,
) -> None:
    """Exit 0 if FOLDER is what its signed record says; 1 naming each changed, added or missing
    file or a changed record; 2 if the record is unsigned or was signed with another key."""
    from victimshield.record.verify import verify_export
    from victimshield.transform.keys import key_given

    with _exit_codes(), _audited("manifest verify", audit_log) as run:
        key, path = key_given(key_file)
        check = verify_export(folder, key=key, key_file=path)
        run.what.update(files=check.files, problems=len(check.problems))
        check.raise_if_changed()
        _console().print(f"intact: the record's signature and all {check.files} file(s) match", highlight=False)


@audit_app.callback()
def _audit(version: VersionOpt = False) -> None:
    """Check the audit log of runs."""


@audit_app.command("verify")
def audit_verify(
    file: Annotated[Path, typer.Argument(help="An audit log (JSON lines).")],
    version: VersionOpt = False,
) -> None:
    """Exit 0 if FILE's hash chain is intact; 1 naming the first changed, removed, inserted or
    reordered line; 2 if FILE cannot be read."""
    from victimshield.record.audit import verify_log

    with _exit_codes():
        check = verify_log(file)
        if not check.ok:
            _console(stderr=True).print(f"changed: {check.problem}", highlight=False, markup=False)
            raise typer.Exit(1)
        _console().print(f"intact: the chain of all {check.entries} entries holds", highlight=False)
