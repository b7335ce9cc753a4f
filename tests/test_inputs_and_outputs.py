"""What goes in and what comes out (issue 8): links, colliding names, --force, signals, decrypt, policy ids."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import victimshield as vs
from tests.conftest import AS_OF, KEY, REPO, ROSTER_YAML, leaked_values, owner_only_copy, write, write_key
from victimshield.cli import app

runner = CliRunner()
POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
DEMO = REPO / "examples" / "case-demo"
# Subprocesses run the package under test, wherever it was imported from.
PACKAGE_ROOT = str(Path(vs.__file__).resolve().parents[1])


def run(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return write_key(tmp_path / "keys" / "case.key", KEY.hex() + "\n")


@pytest.fixture
def shield(roster_file: Path, key_file: Path) -> vs.Shield:
    return vs.Shield.from_files(POLICY, "GB", roster=roster_file, key_file=key_file, options=vs.Options(as_of=AS_OF))


# -- links ---------------------------------------------------------------------------
def test_symlinks_out_of_the_inputs_are_skipped_and_noted_by_position(shield, tmp_path):
    outside = write(tmp_path / "elsewhere" / "private.txt", "Ioana Popescu lives at Strada Lipscani 12.\n")
    folder = tmp_path / "in"
    write(folder / "a.txt", "Dave Morgan paid 200.\n")
    (folder / "b_link.txt").symlink_to(outside)           # a file out of the inputs
    (folder / "c_folder").symlink_to(outside.parent)      # a folder out of the inputs
    (folder / "d_loop").symlink_to(folder)                # a folder that loops
    (folder / "e_inside.txt").symlink_to(folder / "a.txt")  # a file inside: followed
    report = shield.redact_paths([folder], tmp_path / "out")
    outputs = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert outputs == ["a.txt", "e_inside.txt", "manifest.json"]
    assert report.manifest["skipped"] == [
        "input 1, file 2: a symbolic link out of the input folders, not followed",
        "input 1, file 3: a symbolic link to a folder, not followed",
        "input 1, file 4: a symbolic link to a folder, not followed",
    ]
    manifest = (tmp_path / "out" / "manifest.json").read_text()
    assert "private" not in manifest and "c_folder" not in manifest and "elsewhere" not in manifest


def test_a_missing_input_is_named_by_position_not_by_name(tmp_path, key_file):
    write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200.\n")
    result = run("redact", tmp_path / "in", tmp_path / "Ioana_Popescu.txt", "--policy", POLICY, "--to", "GB",
                 "--key-file", key_file, "--out", tmp_path / "out")
    assert result.exit_code == 3 and "input 2: no such file or folder" in result.output
    assert leaked_values(result.output) == []


def test_out_overlapping_an_input_is_named_by_position(tmp_path, key_file):
    folder = write(tmp_path / "Ioana_Popescu" / "a.txt", "Dave Morgan paid 200.\n").parent
    result = run("redact", folder, "--policy", POLICY, "--to", "GB", "--key-file", key_file, "--out", folder / "out")
    assert result.exit_code == 2 and "--out overlaps input 1" in result.output
    assert leaked_values(result.output) == []


# -- output names ----------------------------------------------------------------------
def test_two_inputs_whose_names_redact_alike_both_survive(shield, tmp_path):
    folder = tmp_path / "in"
    write(folder / "Ioana Popescu.txt", "First statement, about the flat.\n")
    write(folder / "Ionela.txt", "Second statement, about the car.\n")
    report = shield.redact_paths([folder], tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != "manifest.json")
    assert len(names) == 2 and leaked_values(" ".join(names)) == []
    texts = sorted((tmp_path / "out" / n).read_text() for n in names)
    assert texts == ["First statement, about the flat.\n", "Second statement, about the car.\n"]
    first, second = (e.output for e in report.files)
    assert second == first[: -len(".txt")] + "-2.txt"
    assert any("numbered" in note for note in report.files[1].notes)


@pytest.mark.parametrize("claims,expected", [
    (["VICTIM-1a.txt", "VICTIM-1a.txt", "VICTIM-1a.txt"], ["VICTIM-1a.txt", "VICTIM-1a-2.txt", "VICTIM-1a-3.txt"]),
    (["Report.TXT", "report.txt"], ["Report.TXT", "report-2.txt"]),          # case-insensitive file systems
    (["caf\u00e9.txt", "cafe\u0301.txt"], ["caf\u00e9.txt", "cafe\u0301-2.txt"]),  # NFC and NFD alike (macOS)
    (["manifest.json"], ["manifest-2.json"]),                                  # never over the manifest
    (["x", "x/y.txt", "x/z.txt"], ["x", "x-2/y.txt", "x-2/z.txt"]),            # a file where a folder would go
    (["x/y.txt", "x"], ["x/y.txt", "x-2"]),
    ([".env", ".env"], [".env", ".env-2"]),
])
def test_output_names_never_collide(claims, expected):
    from victimshield.files import OutputNames

    names = OutputNames()
    assert [names.claim(c) for c in claims] == expected


# -- --force ---------------------------------------------------------------------------
def _redact(inputs: list[Path], out: Path, key_file: Path, *extra: object):
    return run("redact", *inputs, "--policy", POLICY, "--to", "GB", "--key-file", key_file, "--out", out, *extra)


def test_force_never_deletes_a_folder_that_is_not_an_export(tmp_path, key_file):
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200.\n")
    out = tmp_path / "case"
    write(out / "roster.yaml", ROSTER_YAML)
    (out / "case.key").write_bytes(KEY)
    result = _redact([evidence], out, key_file, "--force")
    assert result.exit_code == 2 and "not one (it has no manifest.json)" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["case.key", "roster.yaml"]
    assert (out / "case.key").read_bytes() == KEY


def test_force_replaces_an_earlier_export_but_not_one_with_other_files_in_it(tmp_path, key_file):
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200.\n")
    out = tmp_path / "out"
    assert _redact([evidence], out, key_file).exit_code == 0
    assert _redact([evidence], out, key_file, "--force").exit_code == 0
    (out / "case.key").write_bytes(KEY)  # someone kept the key beside the export
    result = _redact([evidence], out, key_file, "--force")
    assert result.exit_code == 2 and "1 file(s) or link(s) its manifest does not list" in result.output
    assert (out / "case.key").read_bytes() == KEY and (out / "a.txt").exists()
    # OUT.sender holds the sender's records (docs/record.md); no staging folder is left.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "keys", "out", "out.sender"], "staging left"


def test_force_refuses_a_forged_manifest(tmp_path, key_file):
    evidence = write(tmp_path / "in" / "a.txt", "Dave Morgan paid 200.\n")
    out = tmp_path / "out"
    write(out / "manifest.json", json.dumps({"files": []}))
    write(out / "notes.txt", "mine\n")
    result = _redact([evidence], out, key_file, "--force")
    assert result.exit_code == 2 and "not a VictimShield manifest" in result.output
    assert (out / "notes.txt").read_text() == "mine\n"


# -- staging and signals -----------------------------------------------------------------
def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_later_run_removes_only_stale_staging_of_its_own(tmp_path):
    from victimshield.files import remove_stale_staging, staging_dir

    out = tmp_path / "out"

    def holder(name: str, owner: dict[str, object] | None) -> Path:
        folder = tmp_path / f".out.staging-{name}"
        write(folder / "export" / "a.txt", "unverified\n")
        if owner is not None:
            (folder / "owner.json").write_text(json.dumps(owner))
        return folder

    import socket

    host = socket.gethostname()
    dead = holder("dead", {"tool": "victimshield", "pid": _dead_pid(), "host": host})
    alive = holder("alive", {"tool": "victimshield", "pid": os.getpid(), "host": host})
    unmarked = holder("unmarked", None)
    other_host = holder("elsewhere", {"tool": "victimshield", "pid": _dead_pid(), "host": host + "-other"})
    with staging_dir(out) as staging:
        assert staging.is_dir() and (staging.parent / "owner.json").exists()
    assert not dead.exists()
    assert alive.exists() and unmarked.exists() and other_host.exists()
    assert remove_stale_staging(out) == []


def test_sigterm_removes_the_staging_folder_and_exits_143(tmp_path, key_file):
    folder = tmp_path / "in"
    for n in range(40):
        write(folder / f"r{n:02}.txt", "Ioana Popescu met Dave Morgan in Leeds on Friday.\n" * 20)
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from victimshield.cli import main; main()", "redact", str(folder),
               "--policy", str(POLICY), "--to", "GB", "--key-file", str(key_file), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": PACKAGE_ROOT}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait (without a clock) until the run has a staging folder, then stop it as a scheduler would.
    deadline = time.monotonic() + 300  # a guard against a hung run, not a measurement
    while not list(tmp_path.glob(".out.staging-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be stopped"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate()
    exit_code = process.returncode
    assert exit_code == 143, stderr[-500:]
    assert "terminated" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "keys"], "staging or output left behind"


# -- decrypt -----------------------------------------------------------------------------
def test_decrypt_with_another_key_or_a_malformed_token_is_a_usage_error(tmp_path, key_file):
    from victimshield.transform.actions import Encryptor
    from victimshield.transform.keys import CaseKey

    token = Encryptor(CaseKey(bytes(range(100, 132))).encryption_key).encrypt("RO49AAAA1B31007593840000")
    wrong = run("decrypt", token, "--policy", "ua-to-pl", "--to", "PL", "--key-file", key_file)
    assert wrong.exit_code == 2 and "this token was not made with this key" in wrong.output
    for malformed in ("[ENC:!!!]", "[ENC:abc]", "plain words"):
        result = run("decrypt", malformed, "--policy", "ua-to-pl", "--to", "PL", "--key-file", key_file)
        assert result.exit_code == 2 and "internal error" not in result.output
    with pytest.raises(vs.UsageError, match="not made with this key"):
        vs.Shield.from_files("ua-to-pl", "PL", key_file=key_file).decrypt(token)


# -- policies by id ----------------------------------------------------------------------
def test_policy_check_and_show_take_shipped_ids():
    checked = run("policy", "check", "ro-to-gb", "baseline")
    assert checked.exit_code == 0, checked.output
    assert "ok: ro-to-gb" in checked.output and "ok: baseline" in checked.output
    assert run("policy", "show", "it-to-ng").exit_code == 0
    assert run("policy", "check", "no-such-policy").exit_code == 2


# -- one key loader ----------------------------------------------------------------------
@pytest.mark.parametrize("written", ["hex", "base64", "text", "binary"])
def test_a_key_files_bytes_as_key_give_the_cli_pseudonyms(tmp_path, written, roster_file):
    secret = bytes(range(7, 39))
    material = {
        "hex": secret.hex().encode() + b"\n",
        "base64": base64.b64encode(secret) + b"\n",
        "text": b"a long pass phrase for the case, not hex\n",
        "binary": bytes([0x80]) + secret,
    }[written]
    key_file = write(tmp_path / "k" / "case.key", "")
    key_file.write_bytes(material)
    key_file.chmod(0o600)  # owner-only, as `key new` writes it
    evidence = write(tmp_path / "in" / "a.txt", "Ioana Popescu called Mihai Georgescu.\n")
    result = run("redact", evidence, "--policy", POLICY, "--to", "GB", "--roster", roster_file,
                 "--key-file", key_file, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    by_cli = (tmp_path / "out" / "a.txt").read_text()
    by_bytes = (
        vs.Shield.from_files(POLICY, "GB", roster=roster_file, key=material).redact_text(evidence.read_text()).text
    )
    by_file = (
        vs.Shield.from_files(POLICY, "GB", roster=roster_file, key_file=key_file).redact_text(evidence.read_text()).text
    )
    one_line = vs.redact(evidence.read_text(), policy="ro-to-gb", to="GB", roster=roster_file, key=material)
    assert by_cli == by_bytes == by_file == one_line
    assert "VICTIM-" in by_cli and leaked_values(by_cli) == []


def test_readme_python_example_runs_as_written(tmp_path):
    readme = (REPO / "README.md").read_text()
    block = readme.split("## Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    # The example's paths are the repository's: run it from a copy whose paths point there,
    # so that what it writes goes to a temporary folder.
    # `make demo` leaves an owner-only copy of the demo key at build/demo.key; here a copy of our own.
    key = owner_only_copy(REPO / "examples" / "case-demo" / "demo.key", tmp_path)
    assert '"build/demo.key"' in block, "the example uses the key make demo leaves"
    code = block.replace('"build/demo.key"', f'"{key}"').replace('"examples/', f'"{REPO}/examples/')
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": PACKAGE_ROOT})
    exit_code, stdout = result.returncode, result.stdout  # not the process's repr: it holds the code
    assert exit_code == 0, result.stderr[-2000:]
    assert "VICTIM-" in stdout
    assert (tmp_path / "build" / "readme-out" / "manifest.json").is_file()
