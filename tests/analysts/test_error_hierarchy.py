"""Every error the public API raises is a ``VictimShieldError`` (found by trying bad inputs:
each test here is one way a bare Python or library error used to escape)."""

from __future__ import annotations

import errno

import pandas as pd
import pytest

from tests.analysts.conftest import POLICY, TEXT
from tests.conftest import KEY, write
from victimshield import (
    ArgumentError,
    RosterError,
    Shield,
    UsageError,
    VictimShieldError,
    load_policy,
    load_roster,
    scan_paths,
)
from victimshield.policy.load import load_policy as load_policy_file


@pytest.fixture(scope="module")
def keyed(shield):
    """The shared shield, keyed with the test key."""
    return shield


def test_destination_that_is_not_text_is_a_usage_error():
    with pytest.raises(ArgumentError, match="to must be a str, not int"):
        Shield.from_files(POLICY, to=5, key=KEY)  # was AttributeError: 'int' object has no attribute 'strip'


def test_policy_object_of_the_wrong_type_is_a_usage_error():
    with pytest.raises(ArgumentError, match="policy must be a Policy, not str"):
        Shield("ro-to-gb", "GB")  # was AttributeError deep in the constructor


def test_a_key_that_is_a_number_is_refused_not_read_as_zero_bytes():
    with pytest.raises(ArgumentError, match="key must be a bytes or bytearray or str"):
        Shield.from_files(POLICY, to="GB", key=32)  # was accepted: bytes(32), a key of 32 zero bytes


def test_policy_and_roster_paths_of_the_wrong_type_are_usage_errors():
    with pytest.raises(ArgumentError, match="policy must be a path"):
        Shield.from_files(5, to="GB")  # was TypeError from pathlib
    with pytest.raises(ArgumentError, match="roster must be a path"):
        Shield.from_files(POLICY, to="GB", roster=5, key=KEY)
    with pytest.raises(ArgumentError, match="load_policy takes a path"):
        load_policy(None)


def test_text_that_is_not_a_str_is_a_usage_error_and_a_type_error(keyed):
    for call in (keyed.redact_text, keyed.scan_text, keyed.explain):
        with pytest.raises(ArgumentError) as caught:
            call(None)  # was TypeError: argument of type 'NoneType' is not iterable
        assert isinstance(caught.value, TypeError) and caught.value.exit_code == 2
    with pytest.raises(ArgumentError):
        keyed.redact_text(b"Ioana Popescu")


def test_decrypt_of_something_not_text_is_a_usage_error(keyed):
    with pytest.raises(ArgumentError, match="token must be a str"):
        keyed.decrypt(5)  # was AttributeError


def test_decrypt_with_another_key_is_a_usage_error(keyed):
    from victimshield.transform.actions import Encryptor

    other = Shield.from_files(POLICY, to="GB", key=bytes(range(1, 33)))
    token = Encryptor(keyed._key.encryption_key).encrypt("Ioana Popescu")
    with pytest.raises(UsageError, match="not made with this key") as caught:
        other.decrypt(token)
    assert "Ioana" not in str(caught.value)


def test_redact_frame_of_something_not_a_dataframe_is_a_usage_error(keyed):
    with pytest.raises(ArgumentError, match="frame must be a DataFrame, not list"):
        keyed.redact_frame([["Ioana Popescu"]])  # was AttributeError: 'list' object has no attribute 'shape'
    assert keyed.redact_frame(pd.DataFrame({"a": ["x"]})).shape == (1, 1)


def test_out_below_a_file_is_a_usage_error_and_nothing_is_made(keyed, tmp_path):
    write(tmp_path / "in" / "a.txt", TEXT + "\n")
    blocker = write(tmp_path / "blocker", "not a folder")
    with pytest.raises(UsageError, match="a part of its path is a file") as caught:
        keyed.redact_paths([tmp_path / "in"], blocker / "out")  # was FileExistsError, quoting the path
    assert str(tmp_path) not in str(caught.value)
    assert blocker.read_text() == "not a folder"


def test_one_path_given_alone_is_one_input_not_its_letters(keyed, tmp_path):
    write(tmp_path / "in" / "a.txt", TEXT + "\n")
    report = keyed.redact_paths(str(tmp_path / "in"), tmp_path / "out")  # was: every letter an input ("/" walked)
    assert [e.output for e in report.files] == ["a.txt"]
    with pytest.raises(ArgumentError, match="inputs must be paths"):
        keyed.redact_paths(5, tmp_path / "out2")
    with pytest.raises(ArgumentError, match="out must be a path"):
        keyed.redact_paths([tmp_path / "in"], None)


def test_a_file_system_error_during_a_run_is_in_the_hierarchy_without_its_path(keyed, tmp_path, monkeypatch):
    write(tmp_path / "in" / "Ioana Popescu.txt", TEXT + "\n")

    def disk_full(root, relative, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(root / relative))

    monkeypatch.setattr("victimshield.pipeline.write_bytes", disk_full)
    with pytest.raises(VictimShieldError, match="ENOSPC") as caught:
        keyed.redact_paths([tmp_path / "in"], tmp_path / "out")  # was a bare OSError naming the file
    assert caught.value.exit_code == 3
    assert "Popescu" not in str(caught.value) and str(tmp_path) not in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_verify_of_a_folder_of_the_wrong_type_is_a_usage_error(keyed):
    with pytest.raises(ArgumentError, match="folder must be a path"):
        keyed.verify_paths(None)


def test_roster_validation_stays_in_the_hierarchy_without_values(tmp_path):
    roster = write(tmp_path / "r.yaml", "parties:\n  - id: V1\n    role: victim\n    names: [Ioana Popescu]\n"
                                        "    born: Ioana Popescu\n")
    with pytest.raises(RosterError) as caught:
        load_roster(roster)
    assert "parties.0.born" in str(caught.value) and "Popescu" not in str(caught.value)


def test_scan_paths_takes_one_path_as_one_input(tmp_path):
    write(tmp_path / "in" / "a.txt", "Ioana Popescu\n")
    found = scan_paths(str(tmp_path / "in"))  # was: each letter an input, "/" walked whole
    assert [segment.locator.file for segment, _ in found] == ["input 1, file 1"]


def test_scan_paths_with_a_missing_input_names_its_position(tmp_path):
    with pytest.raises(VictimShieldError, match="input 1: no such file"):
        scan_paths([tmp_path / "Ioana Popescu.txt"])


def test_load_policy_from_the_module_is_the_same_door():
    with pytest.raises(ArgumentError):
        load_policy_file(3.5)
