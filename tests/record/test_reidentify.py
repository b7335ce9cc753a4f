"""Re-identification by the sender: roster pseudonyms recomputed, [ENC:…] decrypted, other
people through the sender lookup; a wrong key refuses everything (docs/record.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import KEY, ROSTER_YAML, write, write_key
from victimshield.cli import app
from victimshield.errors import UsageError
from victimshield.record.lookup import lookup_bytes, read_lookup, write_owner_only
from victimshield.record.reidentification import reidentify
from victimshield.transform.actions import Encryptor, Pseudonymizer
from victimshield.transform.keys import CaseKey
from victimshield.vocabulary import Role

OTHER_KEY = bytes(range(100, 132))


def _tokens(length: int = 8) -> dict[str, str]:
    key = CaseKey(KEY)
    made = Pseudonymizer(key.pseudonym_key, length)
    return {
        "victim": made.for_finding("PERSON", Role.VICTIM, "V1", "Ioana Popescu", "RO"),
        "phone": made.for_finding("PHONE_NUMBER", Role.VICTIM, "V1", "+40 723 456 789", "RO"),
        "witness": made.for_finding("PERSON", Role.WITNESS, "W1", "Mihai Georgescu", "RO"),
        "stranger": made.for_finding("PERSON", Role.UNKNOWN, None, "Dana Lupu", "RO"),
        "encrypted": Encryptor(key.encryption_key).encrypt("054123987"),
    }


def test_reidentify_maps_roster_pseudonyms_to_party_ids_by_recomputing_them(tmp_path: Path) -> None:
    tokens = _tokens()
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    found = reidentify([tokens["victim"], tokens["phone"], tokens["witness"]], key=KEY, roster=roster)
    assert [(r.found, r.party, r.entity_type) for r in found] == [
        ("party", "V1", "PERSON"), ("party", "V1", "PHONE_NUMBER"), ("party", "W1", "PERSON")]


def test_reidentify_matches_whatever_pseudonym_length_the_policy_set(tmp_path: Path) -> None:
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    long_token = _tokens(length=16)["victim"]
    assert reidentify([long_token], key=KEY, roster=roster)[0].party == "V1"


def test_reidentify_decrypts_encrypted_tokens() -> None:
    found = reidentify([_tokens()["encrypted"]], key=KEY)
    assert (found[0].found, found[0].values) == ("decrypted", ("054123987",))


def test_reidentify_reads_people_outside_the_roster_from_the_sender_lookup(tmp_path: Path) -> None:
    stranger = _tokens()["stranger"]
    lookup = tmp_path / "lookup.enc"
    write_owner_only(lookup, lookup_bytes({stranger: ["Dana Lupu", "Dana"]}, KEY))
    found = reidentify([stranger], key=KEY, lookup=lookup)
    assert (found[0].found, found[0].values) == ("value", ("Dana Lupu", "Dana"))
    assert "Dana" not in repr(found[0])


def test_sender_lookup_is_encrypted_and_owner_only(tmp_path: Path) -> None:
    lookup = tmp_path / "lookup.enc"
    write_owner_only(lookup, lookup_bytes({"PERSON-0123abcd": ["Dana Lupu"]}, KEY))
    assert lookup.stat().st_mode & 0o777 == 0o600
    assert b"Dana" not in lookup.read_bytes()
    assert read_lookup(lookup, KEY) == {"PERSON-0123abcd": ("Dana Lupu",)}


def test_reidentify_with_a_lookup_of_another_key_refuses_everything(tmp_path: Path) -> None:
    lookup = tmp_path / "lookup.enc"
    write_owner_only(lookup, lookup_bytes({"PERSON-0123abcd": ["Dana Lupu"]}, KEY))
    with pytest.raises(UsageError, match="not made with this key"):
        reidentify(["PERSON-0123abcd"], key=OTHER_KEY, lookup=lookup)


def test_reidentify_refuses_an_encrypted_token_of_another_key_with_nothing_partial(tmp_path: Path) -> None:
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    tokens = _tokens()
    with pytest.raises(UsageError, match="not made with this key"):
        reidentify([tokens["victim"], tokens["encrypted"]], key=OTHER_KEY, roster=roster)


def test_reidentify_reports_unknown_tokens_as_not_found(tmp_path: Path) -> None:
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    found = reidentify([_tokens()["stranger"], "hello"], key=KEY, roster=roster)
    assert [r.found for r in found] == ["not found", "not found"]


def _cli(tmp_path: Path, key: bytes, *tokens: str) -> tuple[int, str]:
    key_file = write_key(tmp_path / "keys" / f"{key[0]}.key", key.hex())
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    result = CliRunner().invoke(app, ["reidentify", *tokens, "--key-file", str(key_file), "--roster", str(roster)])
    return result.exit_code, result.output


def test_cli_reidentify_prints_party_ids_and_values_and_exits_0(tmp_path: Path) -> None:
    tokens = _tokens()
    code, output = _cli(tmp_path, KEY, tokens["victim"], tokens["encrypted"])
    assert code == 0, output
    assert "party V1 (victim, PERSON)" in output and "decrypted: 054123987" in output


def test_cli_reidentify_exits_1_when_a_token_is_not_found(tmp_path: Path) -> None:
    tokens = _tokens()
    code, output = _cli(tmp_path, KEY, tokens["victim"], tokens["stranger"])
    assert code == 1
    assert "party V1" in output and "not found" in output


def test_cli_reidentify_with_a_wrong_key_exits_2_and_shows_nothing(tmp_path: Path) -> None:
    tokens = _tokens()
    code, output = _cli(tmp_path, OTHER_KEY, tokens["victim"], tokens["encrypted"])
    assert code == 2
    assert "V1" not in output and "054123987" not in output


def test_reidentify_is_callable_as_victimshield_record_reidentify() -> None:
    import victimshield.record

    found = victimshield.record.reidentify([_tokens()["encrypted"]], key=KEY)
    assert isinstance(found[0], victimshield.record.Reidentified) and found[0].values == ("054123987",)


def test_reidentify_writes_no_value_to_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    tokens = _tokens()
    lookup = tmp_path / "lookup.enc"
    write_owner_only(lookup, lookup_bytes({tokens["stranger"]: ["Dana Lupu"]}, KEY))
    caplog.set_level("DEBUG")
    found = reidentify([tokens["stranger"], tokens["encrypted"]], key=KEY, lookup=lookup)
    assert [r.found for r in found] == ["value", "decrypted"]
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "Dana" not in logged and "054123987" not in logged


def test_reidentify_is_written_to_the_audit_log_with_counts_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from victimshield.record.audit import verify_log

    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("VICTIMSHIELD_AUDIT_LOG", str(log))
    tokens = _tokens()
    code, _ = _cli(tmp_path, KEY, tokens["victim"], tokens["encrypted"])
    assert code == 0
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [line["operation"] for line in lines] == ["reidentify"]
    assert lines[0]["what"]["tokens"] == 2 and lines[0]["result"] == {"exit": 0, "error": None}
    written = log.read_text(encoding="utf-8")
    assert "054123987" not in written and tokens["victim"] not in written and "V1" not in written
    assert verify_log(log).ok
