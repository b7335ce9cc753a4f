"""The command line end to end: exit codes, the verify gate, and leak scans of everything written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, leaked_values, write
from victimshield.cli import app
from victimshield.roster.load import load_roster

DEMO = REPO / "examples" / "case-demo"
POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def protected_forms(roster_path: Path) -> list[str]:
    """Every protected value of a roster in the forms a leak would take (names by part, phones by digits)."""
    roster = load_roster(roster_path)
    forms: list[str] = []
    for party in roster.parties:
        if party.role.value in ("suspect", "officer"):
            continue
        for name in party.names:
            forms += [part for part in re.split(r"\W+", name) if len(part) > 2]
        forms += [re.sub(r"\D", "", p)[-9:] for p in party.phones]
        forms += party.emails + [h.lstrip("@") for h in party.handles] + party.accounts + party.documents
        forms += [a.split(",")[0] for a in party.addresses]
    return forms


def digits_and_words(text: str) -> str:
    return text.casefold() + "\n" + re.sub(r"\D", "", text)


def searchable(path: Path) -> str:
    """Everything a reader of ``path`` could see: its raw bytes as text, and what the
    format's reader extracts (PDF text layers, repaired Messenger encoding, cells)."""
    from victimshield.read import read_document

    raw = path.read_bytes()
    texts = [raw.decode("utf-8", errors="ignore"), raw.decode("latin-1")]
    if path.name != "manifest.json":
        texts += [segment.text for segment in read_document(path, path.name).segments]
    return "\n".join(texts)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, demo_key):
    out = tmp_path_factory.mktemp("demo") / "out"
    result = run("redact", DEMO / "evidence", "--policy", POLICY, "--to", "GB", "--roster", DEMO / "roster.yaml",
                 "--key-file", demo_key, "--out", out)
    return result, out


def test_demo_redacts_and_nothing_protected_is_anywhere(demo_run):
    result, out = demo_run
    assert result.exit_code == 0, result.output[-2000:]
    forms = protected_forms(DEMO / "roster.yaml")
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"manifest.json", "chat_export.txt", "police_report.txt"}
    assert {p.suffix for p in written} >= {".json", ".txt", ".csv", ".pdf", ".sta", ".xlsx", ".parquet", ".jpg"}
    for path in written:
        hits = leaked_values(digits_and_words(searchable(path)), forms)
        assert hits == [], f"{path.name}: protected value #{hits} leaked"
    assert leaked_values(digits_and_words(result.output), forms) == [], "the command's output leaks"


def test_demo_keeps_the_suspects_evidence(demo_run):
    _, out = demo_run
    text = (out / "chat_export.txt").read_text() + (out / "police_report.txt").read_text()
    for kept in ("Marius Stan", "Bossu", "Adrian Vlad", "GB82WEST12345698765432", "+40 766 987 654", "+44 7700 900123"):
        assert kept in text, f"suspect value #{len(kept)} chars was removed"
    assert "VICTIM-" in text and "MINOR-" in text and "WITNESS-" in text


def test_manifest_reports_the_plan_without_values(demo_run):
    _, out = demo_run
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["policy"]["id"] == "ro-to-gb" and manifest["policy"]["version"] == 3
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["policy"]["sha256"])
    assert manifest["destination"] == "GB" and manifest["handling"] == "TLP:AMBER"
    assert "Convention" in manifest["legal_basis"]
    for entry in manifest["files"]:
        assert re.fullmatch(r"[0-9a-f]{64}", entry["input_sha256"]) and re.fullmatch(
            r"[0-9a-f]{64}", entry["output_sha256"]
        )
        assert entry["output_sha256"] == __import__("hashlib").sha256((out / entry["output"]).read_bytes()).hexdigest()
    actions = {(r["role"], r["entity_type"], r["action"]) for r in manifest["totals"]}
    assert ("victim", "PERSON", "pseudonymize") in actions and ("suspect", "PERSON", "keep") in actions
    assert all(r["rule"] for r in manifest["totals"])


def test_pseudonyms_are_stable_across_files_and_runs(demo_run, tmp_path, demo_key):
    _, first = demo_run
    second = tmp_path / "again"
    result = run("redact", DEMO / "evidence", "--policy", POLICY, "--to", "GB", "--roster", DEMO / "roster.yaml",
                 "--key-file", demo_key, "--out", second)
    assert result.exit_code == 0
    for name in ("chat_export.txt", "police_report.txt"):
        assert (first / name).read_text() == (second / name).read_text()
    chat, report = (first / "chat_export.txt").read_text(), (first / "police_report.txt").read_text()
    victim_tokens = set(re.findall(r"VICTIM-[0-9a-f]{8}", chat)) | set(re.findall(r"VICTIM-[0-9a-f]{8}", report))
    assert len(victim_tokens) == 1, "one victim, one token, in every file"
    assert set(re.findall(r"MINOR-[0-9a-f]{8}", chat)) == set(re.findall(r"MINOR-[0-9a-f]{8}", report))


def _break_transform(monkeypatch):
    from victimshield.transform.apply import Transformer

    monkeypatch.setattr(Transformer, "apply", lambda self, text, decisions, aliases=None: text)


def _break_writer(monkeypatch):
    from victimshield.formats.text import TextFormat

    # A writer that ignores the redacted texts and writes the original: only verify can catch it.
    monkeypatch.setattr(TextFormat, "write", lambda self, document, texts: document.path.read_bytes())


@pytest.mark.parametrize("breakage", [_break_transform, _break_writer], ids=["transform", "writer"])
def test_verify_gate_leaves_nothing_when_output_is_not_clean(tmp_path, monkeypatch, breakage, demo_key):
    breakage(monkeypatch)
    out = tmp_path / "out"
    result = run("redact", DEMO / "evidence", "--policy", POLICY, "--to", "GB", "--roster", DEMO / "roster.yaml",
                 "--key-file", demo_key, "--out", out)
    assert result.exit_code == 1, result.output[-500:]
    assert "verification failed" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [], "staging folder left behind"
    assert leaked_values(digits_and_words(result.output), protected_forms(DEMO / "roster.yaml")) == []


def test_verify_command(demo_run):
    _, out = demo_run
    ok = run("verify", out, "--policy", POLICY, "--to", "GB", "--roster", DEMO / "roster.yaml")
    assert ok.exit_code == 0, ok.output
    raw = run("verify", DEMO / "evidence", "--policy", POLICY, "--to", "GB", "--roster", DEMO / "roster.yaml")
    assert raw.exit_code == 1
    assert "victim PERSON" in raw.output
    assert leaked_values(digits_and_words(raw.output), protected_forms(DEMO / "roster.yaml")) == []


def test_bad_policy_is_refused_before_any_input_is_read(tmp_path):
    bad = write(tmp_path / "bad.yaml", "policy: p\nversion: 1\nroles: {victim: {PERSON: hide}}\n")
    result = run("redact", tmp_path / "does-not-exist", "--policy", bad, "--to", "GB", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "unknown action 'hide'" in result.output and "legal_basis" in result.output
    assert not (tmp_path / "o").exists()


def test_usage_errors_exit_2(tmp_path, demo_key):
    evidence = write(tmp_path / "in" / "a.txt", "Ioana Popescu called.\n")
    wrong_to = run(
        "redact", evidence, "--policy", POLICY, "--to", "NG", "--key-file", demo_key, "--out", tmp_path / "o"
    )
    assert wrong_to.exit_code == 2 and "destination 'NG'" in wrong_to.output
    no_key = run("redact", evidence, "--policy", POLICY, "--to", "GB", "--out", tmp_path / "o")
    assert no_key.exit_code == 2 and "--key-file" in no_key.output
    bad_roster = write(tmp_path / "r.yaml", "parties:\n  - {id: V1, role: hostage}\n")
    result = run(
        "redact",
        evidence,
        "--policy",
        POLICY,
        "--to",
        "GB",
        "--roster",
        bad_roster,
        "--key-file",
        demo_key,
        "--out",
        tmp_path / "o",
    )
    assert result.exit_code == 2 and "parties.0.role" in result.output
    assert not (tmp_path / "o").exists()


def test_an_unsupported_input_is_left_out_unless_strict(tmp_path, demo_key):
    folder = tmp_path / "in"
    write(folder / "good.txt", "Ioana Popescu called.\n")
    (folder / "scan_Ioana.png").write_bytes(b"\x89PNG\r\n")
    args = ("redact", folder, "--policy", POLICY, "--to", "GB", "--key-file", demo_key)
    result = run(*args, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["skipped"] == ["input 1, file 2: skipped: no format reads this type of file"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.txt", "manifest.json"]
    strict = run(*args, "--out", tmp_path / "strict", "--strict")
    assert strict.exit_code == 3 and "input 1, file 2: unsupported format" in strict.output
    assert "Ioana" not in strict.output and not (tmp_path / "strict").exists()


@pytest.mark.parametrize("name,content,label,reason", [
    ("latin.txt", "Ioana Popescu a sunat. \u00e9".encode("latin-1"), "input 1, file 2", "not valid UTF-8"),
    ("aa_nul.log", b"abc\x00\x01\x02", "input 1, file 1", "binary content"),
])
def test_unprocessable_inputs_exit_3_and_write_nothing(tmp_path, name, content, label, reason, demo_key):
    folder = tmp_path / "in"
    write(folder / "good.txt", "Ioana Popescu called.\n")
    (folder / name).write_bytes(content)
    out = tmp_path / "out"
    result = run("redact", folder, "--policy", POLICY, "--to", "GB", "--key-file", demo_key, "--out", out)
    assert result.exit_code == 3
    # Named by position in the sorted input list, never by its own name.
    assert f"{label}: {reason}" in result.output and name.split(".")[0] not in result.output
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_existing_output_is_not_overwritten_without_force(demo_run, demo_key):
    _, out = demo_run
    result = run(
        "redact", DEMO / "evidence", "--policy", POLICY, "--to", "GB", "--key-file", demo_key, "--out", out
    )
    assert result.exit_code == 2 and "--force" in result.output


def test_scan_json_shows_types_spans_and_no_values(tmp_path):
    evidence = write(tmp_path / "a.txt", "Ioana Popescu called +40 723 456 789 and wrote to ioana.p@example.com\n")
    result = run("scan", evidence, "--roster", DEMO / "roster.yaml", "--json")
    assert result.exit_code == 0
    findings = json.loads(result.output)["findings"]
    kinds = {(f["entity_type"], f["role"]) for f in findings}
    assert {("PERSON", "victim"), ("PHONE_NUMBER", "victim"), ("EMAIL_ADDRESS", "victim")} <= kinds
    assert all({"start", "end", "recognizer", "score", "locator"} <= set(f) for f in findings)
    assert "Ioana" not in result.output and "723" not in result.output


def test_policy_show_and_check(tmp_path):
    shown = run("policy", "show", POLICY, "--to", "GB")
    assert shown.exit_code == 0 and "pseudonymize" in shown.output and "TLP:AMBER" in shown.output
    assert run("policy", "show", POLICY, "--to", "NG").exit_code == 2
    good = run("policy", "check", *sorted((REPO / "policies").rglob("*.yaml")))
    assert good.exit_code == 0 and good.output.count("ok:") == 4
    bad = write(tmp_path / "bad.yaml", "policy: p\nversion: x\n")
    checked = run("policy", "check", POLICY, bad)
    assert checked.exit_code == 2 and "bad.yaml: version" in checked.output


def test_decrypt_round_trip_for_the_key_holder(tmp_path, demo_key):
    policy = REPO / "policies" / "examples" / "ua-to-pl.yaml"
    roster = write(tmp_path / "r.yaml", "parties:\n  - {id: W1, role: witness, names: [Mihai Georgescu]}\n")
    evidence = write(tmp_path / "in" / "a.txt", "The witness Mihai Georgescu saw it.\n")
    out = tmp_path / "out"
    assert (
        run(
            "redact",
            evidence,
            "--policy",
            policy,
            "--to",
            "PL",
            "--roster",
            roster,
            "--key-file",
            demo_key,
            "--out",
            out,
        ).exit_code
        == 0
    )
    token = re.search(r"\[ENC:[\w-]+\]", (out / "a.txt").read_text()).group(0)
    shown = run("decrypt", token, "--policy", policy, "--to", "PL", "--key-file", demo_key)
    assert shown.exit_code == 0 and "Mihai Georgescu" in shown.output


NETWORK_BLOCKED = """
import socket, sys
def refuse(*args, **kwargs):
    raise RuntimeError("network used")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import victimshield as vs
text = vs.redact("Write to dave.morgan@example.org or visit www.example.net, said Dave Morgan.",
                 policy=sys.argv[1], to="GB", key=bytes(32))
print("dave.morgan@example.org" in text, "Dave Morgan" in text)
"""


def test_redaction_works_with_the_network_blocked():
    done = subprocess.run(
        [sys.executable, "-c", NETWORK_BLOCKED, str(POLICY)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False"]


def test_an_input_over_the_size_limit_is_refused_whole(tmp_path, monkeypatch, demo_key):
    import victimshield.formats.registry as registry

    monkeypatch.setattr(registry, "MAX_INPUT_BYTES", 100)
    evidence = write(tmp_path / "in" / "big.txt", "Ioana Popescu called. " * 10)
    out = tmp_path / "out"
    result = run(
        "redact", evidence.parent, "--policy", POLICY, "--to", "GB", "--key-file", demo_key, "--out", out
    )
    assert result.exit_code == 3 and "input 1, file 1: too large" in result.output and "big" not in result.output
    assert not out.exists()
