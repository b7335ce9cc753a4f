"""``victimshield``: redact, verify, scan, policy show/check, decrypt, reidentify, key new.

Exit codes (contract): 0 done; 1 verification found something the policy does
not let leave (nothing left in --out); 2 bad usage, policy, roster or key (a token
not made with this key); 3 an input could not be processed safely; 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM): the staging folder is removed, nothing written.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from victimshield.cli_common import AuditLogOpt, KeyOpt, ModelOpt, PolicyOpt, RosterOpt, ToOpt
from victimshield.cli_common import audited_run as _audited
from victimshield.cli_common import console as _console
from victimshield.cli_common import exit_codes as _exit_codes
from victimshield.cli_common import shield_from as _shield
from victimshield.cli_output import (
    LogLevelOpt,
    VersionOpt,
    counts_table,
    dry_run_json,
    redact_json,
    setup_logging,
    verify_json,
    version_callback,
    write_json,
)
from victimshield.cli_tools import audit_app, key_app, manifest_app, policy_app
from victimshield.errors import UsageError, VerificationError
from victimshield.progress import auto_progress

# The shield (readers, writers, detection) loads when a command that redacts runs: never for
# --help, `policy check` or `policy show` (tests/test_startup_imports.py).
if TYPE_CHECKING:
    from victimshield.dryrun import DryRun
    from victimshield.shield import Shield

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
app.add_typer(policy_app, name="policy")
app.add_typer(key_app, name="key")
app.add_typer(manifest_app, name="manifest")
app.add_typer(audit_app, name="audit")


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")] = False,
    log_level: LogLevelOpt = None,
) -> None:
    setup_logging(log_level)


@app.command()
def redact(
    inputs: Annotated[list[Path], typer.Argument(help="Files and folders (recursively).")],
    policy: PolicyOpt,
    to: ToOpt,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder; written only after verification (not needed with --dry-run)."),
    ] = None,
    roster: RosterOpt = None,
    key_file: KeyOpt = None,
    model: ModelOpt = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace --out if it is an earlier export (its manifest.json lists everything in it)."
        ),
    ] = False,
    drop_unreadable_pages: Annotated[
        bool,
        typer.Option(
            "--drop-unreadable-pages",
            help="Leave out PDF pages with no text layer (scans) instead of stopping; noted in the manifest.",
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, max=64,
            help="Redact the files in this many processes (each loads the models); the export is the same.",
        ),
    ] = 1,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Stop (exit 3) at an input no format reads, instead of leaving it out with a manifest note.",
        ),
    ] = False,
    processes: Annotated[
        int | None,
        typer.Option("--processes", min=1, max=64, help="Detect a big input in this many processes, forked from "
                     "this one (the models load once; the output is the same). Default: the CPUs this run may use, "
                     "at most 4; 1: this process only."),
    ] = None,
    chunk_bytes: Annotated[
        int | None,
        typer.Option("--chunk-bytes", min=0, help="Redact text, chat exports and CSV larger than this many bytes "
                     "in parts of about this size (default 8 MiB; memory bounded by the part); 0: read all whole."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="A machine-readable summary on stdout (files, counts, exit status; no values)."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would be done per input (by position); write nothing, make no --out."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary; errors only.")] = False,
    request_ref: Annotated[
        str | None, typer.Option("--request-ref", help="The request or treaty reference, for the transfer record.")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option("--recipient", help="The receiving authority, for the transfer record.")
    ] = None,
    operator: Annotated[
        str | None, typer.Option("--operator", help="Who runs this export, for the transfer record.")
    ] = None,
    purpose: Annotated[
        str | None, typer.Option("--purpose", help="What the data is sent for, for the transfer record.")
    ] = None,
    authorised_by: Annotated[
        str | None,
        typer.Option("--authorised-by", help="The authorisation to pass on an export whose record forbids "
                     "onward transfer; goes into the new record and the audit log."),
    ] = None,
    audit_log: AuditLogOpt = None,
    sender_dir: Annotated[
        Path | None,
        typer.Option("--sender-dir", help="Where the sender's records go, outside --out (default: OUT.sender): "
                                          "disclosure.json per roster party, lookup.enc for reidentify."),
    ] = None,
    log_level: LogLevelOpt = None,
    version: VersionOpt = False,
) -> None:
    """Redact INPUT files for a destination; verify; write them under --out with manifest.json,
    the transfer record (signed with the case key)."""
    from victimshield.detect.split import usable_cpus
    from victimshield.record.transfer import Transfer
    from victimshield.shield import Options

    with _exit_codes(as_json), _audited("redact", audit_log) as run:
        if not dry_run:  # a dry run does not check the transfer fields: they are not logged
            run.operator = operator
            run.why.update(request_ref=request_ref, purpose=purpose, recipient=recipient, authorised_by=authorised_by)
        run.what.update(destination=to, dry_run=dry_run)
        setup_logging(log_level)
        if out_dir is None and not dry_run:
            raise UsageError("--out is required (or --dry-run to see what would be done)")
        options = Options(model=model, drop_unreadable_pages=drop_unreadable_pages, strict=strict,
                          processes=processes if processes is not None else usable_cpus())
        if chunk_bytes is not None:  # else the library's default part size
            options = dataclasses.replace(options, chunk_bytes=chunk_bytes or None)
        shield = _shield(policy, to, roster, key_file, options)
        shield.require_ready()
        progress = auto_progress(quiet=quiet)
        sender: Path | None = None
        try:
            if dry_run:
                planned = shield.dry_run(inputs, out=out_dir, overwrite=force, progress=progress)
            else:
                assert out_dir is not None
                from victimshield.record.disclosure import default_sender_dir

                transfer = Transfer(request_ref=request_ref, recipient=recipient, operator=operator, purpose=purpose,
                                    authorised_by=authorised_by)
                sender = sender_dir if sender_dir is not None else default_sender_dir(out_dir)
                if jobs > 1:
                    from victimshield.parallel import redact_paths as redact_in_processes
                    from victimshield.transform.keys import key_given

                    key, key_path = key_given(key_file)
                    report = redact_in_processes(
                        # The policy and roster as this process loaded and checked them: not read again.
                        inputs, out_dir, policy=shield.policy, to=to, jobs=jobs, roster=shield.roster, key=key,
                        key_file=key_path,
                        options=options, overwrite=force, transfer=transfer, progress=progress, sender_dir=sender,
                    )
                else:
                    report = shield.redact_paths(inputs, out_dir, overwrite=force, progress=progress,
                                                 transfer=transfer, sender_dir=sender)
                run.what.update(_export_facts(report.manifest))
        finally:
            progress.finish()
        if dry_run:
            if as_json:
                write_json(dry_run_json(shield, planned))
            elif not quiet:
                _print_dry_run(shield, planned)
            return
        if as_json:
            write_json(redact_json(shield, report))
            return
        if quiet:
            return
        _console().print(
            f"{len(report.files)} file(s) -> {report.out}  (policy {shield.policy.policy} v{shield.policy.version}, "
            f"to {shield.destination}, {shield.policy.handling})",
            highlight=False,
        )
        _console().print(counts_table(report.totals()))
        _console().print(f"verified: nothing the policy forbids remains. manifest: {report.out / 'manifest.json'}")
        _print_record_note(report.manifest)
        _console().print(f"the sender's records (never sent; keep them apart, with the key): {sender}",
                         highlight=False)


def _export_facts(manifest: dict[str, object]) -> dict[str, object]:
    from victimshield.record.audit import export_facts

    return export_facts(manifest)


def _print_record_note(manifest: dict[str, object]) -> None:
    signature = manifest.get("signature")
    if isinstance(signature, dict) and signature.get("algorithm") is None:
        _console().print(f"note: the transfer record is unsigned ({signature.get('unsigned')})", highlight=False)
    else:
        _console().print("transfer record signed; check it with: victimshield manifest verify OUT --key-file KEY",
                         highlight=False)


def _print_dry_run(shield: Shield, planned: DryRun) -> None:
    table = Table(title=f"dry run: {len(planned.files)} file(s); nothing written")
    for column in ("input", "format", "segments", "spans"):
        table.add_column(column)
    for entry in planned.files:
        table.add_row(entry.input, entry.format, str(entry.segments), str(sum(entry.counts.values())))
    _console().print(table)
    _console().print(counts_table(planned.totals(), "what would be done (first pass)"))
    _console().print(
        f"policy {shield.policy.policy} v{shield.policy.version}, to {shield.destination}", highlight=False
    )


@app.command()
def verify(
    folder: Annotated[Path, typer.Argument(help="A folder written by `redact`.")],
    policy: PolicyOpt,
    to: ToOpt,
    roster: RosterOpt = None,
    model: ModelOpt = None,
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file",
            help="Case key (or VICTIMSHIELD_KEY_FILE / VICTIMSHIELD_KEY): if given, the key is looked for too.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A machine-readable result on stdout (no values).")] = False,
    audit_log: AuditLogOpt = None,
    log_level: LogLevelOpt = None,
    version: VersionOpt = False,
) -> None:
    """Check that FOLDER holds nothing the policy does not let leave (exit 1 if it does)."""
    from victimshield.shield import Options

    with _exit_codes(as_json), _audited("verify", audit_log) as run:
        run.what.update(destination=to)
        setup_logging(log_level)
        shield = _shield(policy, to, roster, key_file, Options(model=model))
        run.what.update(policy={"id": shield.policy.policy, "version": shield.policy.version,
                                "sha256": shield.policy.sha256})
        leaks = shield.verify_paths(folder)
        run.what.update(leaks=len(leaks))
        if leaks:
            raise VerificationError(leak.describe() for leak in leaks)
        if as_json:
            write_json(verify_json(shield))
            return
        _console().print(
            f"verified: the folder holds nothing policy {shield.policy.policy} forbids for {shield.destination}"
        )


@app.command()
def scan(
    inputs: Annotated[list[Path], typer.Argument(help="Files and folders.")],
    roster: RosterOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    model: ModelOpt = None,
    log_level: LogLevelOpt = None,
    version: VersionOpt = False,
) -> None:
    """List what is found in INPUT (types, roles, recognizers, spans), never the values."""
    from victimshield.shield import Options, scan_paths

    with _exit_codes(as_json):
        setup_logging(log_level)
        results = scan_paths(inputs, roster=roster, options=Options(model=model))
        rows = [
            {
                "locator": segment.locator.describe(),
                "start": f.start,
                "end": f.end,
                "entity_type": f.entity_type,
                "recognizer": f.recognizer,
                "score": round(f.score, 3),
                "role": f.role.value,
                "party": f.party,
            }
            for segment, findings in results
            for f in findings
        ]
        if as_json:
            sys.stdout.write(json.dumps({"findings": rows}, indent=2) + "\n")
            return
        table = Table(title=f"{len(rows)} finding(s)")
        for column in ("locator", "span", "entity type", "role", "recognizer", "score"):
            table.add_column(column)
        for r in rows:
            table.add_row(str(r["locator"]), f"{r['start']}-{r['end']}", str(r["entity_type"]), str(r["role"]),
                          str(r["recognizer"]), str(r["score"]))
        _console().print(table)


@app.command()
def decrypt(
    token: Annotated[str, typer.Argument(help="An [ENC:…] token from an output.")],
    policy: PolicyOpt,
    to: ToOpt,
    key_file: KeyOpt = None,
    version: VersionOpt = False,
) -> None:
    """For the sender, who holds the case key: the value behind an encrypted token."""
    from victimshield.shield import Options

    with _exit_codes():
        shield = _shield(policy, to, None, key_file, Options())
        _console().print(shield.decrypt(token), highlight=False)


@app.command()
def reidentify(
    tokens: Annotated[list[str], typer.Argument(help="Pseudonyms (VICTIM-3f9a1c2b) and [ENC:…] tokens.")],
    key_file: KeyOpt = None,
    roster: RosterOpt = None,
    lookup: Annotated[
        Path | None,
        typer.Option("--lookup", help="The sender lookup written beside the export (OUT.sender/lookup.enc)."),
    ] = None,
    audit_log: AuditLogOpt = None,
    version: VersionOpt = False,
) -> None:
    """For the sender, who holds the case key: the roster party, or the value, behind each token.
    Exit 0 when every token was found; 1 when any was not; 2 for a key the tokens or the
    lookup were not made with (then nothing is shown). Logged in the audit log (counts only)."""
    from victimshield.record.reidentification import reidentify as find
    from victimshield.transform.keys import key_given

    with _exit_codes(), _audited("reidentify", audit_log) as run:
        run.what.update(tokens=len(tokens))  # how many were asked for, never which
        key, path = key_given(key_file)
        found = find(tokens, key=key, key_file=path, roster=roster, lookup=lookup)
        # Values are printed for the key holder, never logged.
        for one in found:
            _console().print(one.describe(), highlight=False, markup=False, soft_wrap=True)
        missing = sum(not one.resolved for one in found)
        if missing:
            _console(stderr=True).print(f"{missing} of {len(found)} token(s) not found", highlight=False)
            raise typer.Exit(1)


def main() -> None:
    app()
