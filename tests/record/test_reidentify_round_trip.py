"""Round trip: redact a case, then re-identify every pseudonym and [ENC:…] token of the
output with the sender's records written beside (never inside) the export."""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import AS_OF, KEY, ROSTER_YAML, leaked_values, write, write_key
from victimshield.cli import app
from victimshield.errors import UsageError
from victimshield.record import verify_export
from victimshield.record.reidentification import reidentify
from victimshield.shield import Options, Shield

POLICY = textwrap.dedent("""\
    policy: sender-records
    version: 1
    extends: ro-to-gb
    to: [GB]
    roles:
      victim:
        IBAN_CODE: encrypt
        EMAIL_ADDRESS: mask
    """)
EVIDENCE = (
    "Ioana Popescu (ioana.p@example.com) called +40 723 456 789 on Monday.\n"
    "Her account is RO49AAAA1B31007593840000.\n"
    "Elena Dumitru and Mihai Georgescu were in the flat.\n"
    "Dana Lupu drove them; later Radu Ionescu met Dana Lupu at the station.\n"
    "Marius Stan paid for everything.\n"
)
TOKENS = re.compile(r"\b[A-Z][A-Z_]{1,20}-[0-9a-f]{6,32}\b|\[ENC:[A-Za-z0-9_\-]+\]")
OTHER_KEY = bytes(range(100, 132))


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("case")
    write(root / "evidence" / "statement.txt", EVIDENCE)
    write(root / "roster.yaml", ROSTER_YAML)
    write(root / "policy.yaml", POLICY)
    shield = Shield.from_files(root / "policy.yaml", "GB", roster=root / "roster.yaml", key=KEY,
                               options=Options(as_of=AS_OF))
    shield.redact_paths([root / "evidence"], root / "out", sender_dir=root / "out.sender")
    return root


def _output_tokens(case: Path) -> list[str]:
    text = (case / "out" / "statement.txt").read_text(encoding="utf-8")
    return list(dict.fromkeys(TOKENS.findall(text)))


def test_every_pseudonym_and_ciphertext_of_the_export_is_reidentified(case: Path) -> None:
    tokens = _output_tokens(case)
    found = reidentify(tokens, key=KEY, roster=case / "roster.yaml", lookup=case / "out.sender" / "lookup.enc")
    assert all(r.resolved for r in found), [r.describe().split("\t")[0] for r in found if not r.resolved]
    parties = {(r.party, r.role, r.entity_type) for r in found if r.found == "party"}
    assert {("V1", "victim", "PERSON"), ("V1", "victim", "PHONE_NUMBER"), ("V2", "victim", "PERSON"),
            ("W1", "witness", "PERSON")} <= parties
    values = {v for r in found if r.found in ("value", "decrypted") for v in r.values}
    assert "RO49AAAA1B31007593840000" in values
    assert {"Dana Lupu", "Radu Ionescu"} <= values


def test_a_minors_pseudonym_maps_back_to_her_party_id(case: Path) -> None:
    minor = [t for t in _output_tokens(case) if t.startswith("MINOR-")]
    assert minor
    assert reidentify(minor, key=KEY, roster=case / "roster.yaml")[0].party == "V2"


def test_reidentify_of_the_export_with_another_key_refuses(case: Path) -> None:
    with pytest.raises(UsageError, match="not made with this key"):
        reidentify(_output_tokens(case), key=OTHER_KEY, roster=case / "roster.yaml",
                   lookup=case / "out.sender" / "lookup.enc")


def test_sender_files_are_outside_the_export_owner_only_and_the_export_still_verifies(case: Path) -> None:
    sender = case / "out.sender"
    assert sorted(p.name for p in sender.iterdir()) == ["disclosure.json", "lookup.enc"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in sender.iterdir())
    assert not list((case / "out").rglob("lookup.enc")) and not list((case / "out").rglob("disclosure.json"))
    assert verify_export(case / "out", key=KEY).ok


def test_sender_lookup_holds_no_readable_value(case: Path) -> None:
    raw = (case / "out.sender" / "lookup.enc").read_bytes().decode("ascii")
    assert "Dana" not in raw and "Radu" not in raw


def _disclosed(case: Path) -> dict[str, set[tuple[str, str]]]:
    record = json.loads((case / "out.sender" / "disclosure.json").read_text(encoding="utf-8"))
    return {p["party"]: {(d["entity_type"], d["form"]) for d in p["disclosed"]} for p in record["parties"]}


def test_disclosure_record_lists_each_partys_categories_and_forms(case: Path) -> None:
    disclosed = _disclosed(case)
    assert {("PERSON", "pseudonymized"), ("PHONE_NUMBER", "pseudonymized"), ("IBAN_CODE", "encrypted"),
            ("EMAIL_ADDRESS", "masked")} <= disclosed["V1"]
    assert ("PERSON", "pseudonymized") in disclosed["V2"]
    assert ("PERSON", "pseudonymized") in disclosed["W1"]
    assert ("PERSON", "kept") in disclosed["S1"]


def test_disclosure_record_says_when_to_whom_and_in_which_output(case: Path) -> None:
    record = json.loads((case / "out.sender" / "disclosure.json").read_text(encoding="utf-8"))
    manifest = json.loads((case / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert record["created"] == manifest["created"]
    written = (case / "out" / "manifest.json").read_bytes()
    assert record["export"]["manifest_sha256"] == hashlib.sha256(written).hexdigest()
    assert record["transfer"]["destination"] == "GB"
    v1 = next(p for p in record["parties"] if p["party"] == "V1")
    person = next(d for d in v1["disclosed"] if d["entity_type"] == "PERSON")
    assert person["files"] == [{"input": "input 1, file 1", "output": "statement.txt", "count": person["count"]}]
    v2 = next(p for p in record["parties"] if p["party"] == "V2")
    assert v2["treated_as"] == ["minor"]


def test_disclosure_record_holds_no_value_but_party_ids(case: Path) -> None:
    text = (case / "out.sender" / "disclosure.json").read_text(encoding="utf-8")
    assert leaked_values(text) == []
    assert "Marius" not in text and "Dana" not in text and "Radu" not in text


def test_a_sender_folder_inside_the_export_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "evidence" / "a.txt", "Ioana Popescu called.\n")
    shield = Shield.from_files("ro-to-gb", "GB", roster=write(tmp_path / "roster.yaml", ROSTER_YAML), key=KEY,
                               options=Options(as_of=AS_OF))
    with pytest.raises(UsageError, match="inside the export"):
        shield.redact_paths([tmp_path / "evidence"], tmp_path / "out", sender_dir=tmp_path / "out" / "mine")
    assert not (tmp_path / "out").exists()


def test_cli_redact_writes_the_sender_records_beside_the_export_and_reidentify_reads_them(tmp_path: Path) -> None:
    write(tmp_path / "evidence" / "a.txt", "Ioana Popescu met Dana Lupu in the flat.\n")
    roster = write(tmp_path / "roster.yaml", ROSTER_YAML)
    key = write_key(tmp_path / "keys" / "case.key", KEY.hex())
    out = tmp_path / "out"
    done = CliRunner().invoke(app, ["redact", str(tmp_path / "evidence"), "--policy", "ro-to-gb", "--to", "GB",
                                    "--roster", str(roster), "--key-file", str(key), "--out", str(out)])
    assert done.exit_code == 0, done.output
    lookup = tmp_path / "out.sender" / "lookup.enc"
    assert lookup.is_file() and (tmp_path / "out.sender" / "disclosure.json").is_file()
    tokens = TOKENS.findall((out / "a.txt").read_text(encoding="utf-8"))
    again = CliRunner().invoke(app, ["reidentify", *tokens, "--key-file", str(key), "--roster", str(roster),
                                     "--lookup", str(lookup)])
    assert again.exit_code == 0, again.output
    assert "party V1" in again.output and "Dana Lupu" in again.output


def test_a_sender_folder_inside_an_input_folder_is_refused_naming_it_by_position(tmp_path: Path) -> None:
    write(tmp_path / "Ioana_Popescu" / "a.txt", "Ioana Popescu called.\n")
    shield = Shield.from_files("ro-to-gb", "GB", roster=write(tmp_path / "roster.yaml", ROSTER_YAML), key=KEY,
                               options=Options(as_of=AS_OF))
    with pytest.raises(UsageError, match="inside input 1") as refused:
        shield.redact_paths([tmp_path / "Ioana_Popescu"], tmp_path / "out",
                            sender_dir=tmp_path / "Ioana_Popescu" / "records")
    assert leaked_values(str(refused.value)) == []
    assert not (tmp_path / "out").exists() and not (tmp_path / "Ioana_Popescu" / "records").exists()
