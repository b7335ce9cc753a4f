"""Roster and policy files as a careless user or an attacker writes them (issue 8).

Every message is checked for the values the file holds: a roster error shows
file, key path or row number and the reason, never a name or number from it.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, write
from victimshield import PolicyError, RosterError, load_roster
from victimshield.cli import app
from victimshield.policy.load import load_policy

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
SECRETS = ("Popescu", "Ioana", "723", "Stan", "Marius")


def _bomb(levels: int = 9) -> str:
    """A YAML alias bomb: nine aliases of nine aliases of ... (9**9 values once expanded)."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    return "\n".join(lines) + "\n"


def _no_secret(text: str) -> list[int]:
    return [i for i, s in enumerate(SECRETS) if s.casefold() in text.casefold()]


def test_csv_roster_row_with_an_unquoted_comma_is_refused_by_row_number(tmp_path):
    # "Popescu, Ioana" unquoted: the surname lands in `names`, the given name in `role`.
    path = write(tmp_path / "r.csv", """\
        id,role,names,phones
        V1,victim,Popescu, Ioana,+40 723 456 789
        S1,suspect,Marius Stan,
        """)
    with pytest.raises(RosterError) as info:
        load_roster(path)
    assert info.value.exit_code == 2
    assert len(info.value.problems) == 1 and "row 2: 5 fields where the header has 4" in info.value.problems[0]
    assert _no_secret(str(info.value)) == [], "a roster value reached the error message"


def test_csv_roster_with_the_comma_quoted_loads(tmp_path):
    path = write(tmp_path / "r.csv", 'id,role,names,phones\nV1,victim,"Popescu, Ioana",+40 723 456 789\n')
    assert load_roster(path).parties[0].names == ["Popescu, Ioana"]


def test_csv_roster_shifted_row_is_exit_2_on_the_command_line_without_values(tmp_path):
    roster = write(tmp_path / "r.csv", "id,role,names\nV1,Ioana Popescu,victim,extra\n")
    evidence = write(tmp_path / "in" / "a.txt", "nothing here\n")
    result = CliRunner().invoke(app, ["scan", str(evidence), "--roster", str(roster)])
    assert result.exit_code == 2
    assert "row 2" in result.output
    assert _no_secret(result.output) == [], "a roster value reached the CLI output"


@pytest.mark.parametrize("yaml_text", [
    "parties:\n  - {id: V1, role: Ioana Popescu}\n",                     # a name in the role field
    "parties:\n  - {id: V1, role: victim, Ioana Popescu: victim}\n",     # a name written as a key
    "parties:\n  - {id: V1, role: victim, born: 'Marius Stan'}\n",       # a name where a date belongs
    "parties:\n  - {id: Ioana Popescu, role: victim}\n  - {id: Ioana Popescu, role: witness}\n",  # duplicate ids
    "parties:\n  - {id: V1, role: victim, minor: Popescu}\n",
    "parties:\n  - {id: V1, role: victim, names: {Ioana: Popescu}}\n",
    "case: {Ioana: Popescu}\nparties: []\n",
])
def test_roster_error_messages_never_echo_field_values(tmp_path, yaml_text):
    with pytest.raises(RosterError) as info:
        load_roster(write(tmp_path / "r.yaml", yaml_text))
    assert info.value.problems, "expected at least one problem"
    assert _no_secret(str(info.value)) == [], (
        f"a roster value reached the error message: secret #{_no_secret(str(info.value))}"
    )


def test_unknown_roster_key_is_named_by_position_with_a_hint(tmp_path):
    with pytest.raises(RosterError) as info:
        load_roster(write(tmp_path / "r.yaml", "parties:\n  - {id: V1, role: victim, phone: '+40 723 456 789'}\n"))
    assert info.value.problems == (f"{tmp_path / 'r.yaml'}: parties.0.(key 3): unknown key (did you mean 'phones'?)",)


def test_roster_alias_bomb_is_refused(tmp_path):
    path = write(tmp_path / "r.yaml", _bomb() + "parties:\n  - {id: V1, role: victim, names: *a8}\n")
    with pytest.raises(RosterError) as info:
        load_roster(path)
    assert "refused: expands (through aliases) to more than" in str(info.value)


def test_roster_alias_bomb_is_exit_2_on_the_command_line(tmp_path):
    roster = write(tmp_path / "r.yaml", _bomb() + "parties:\n  - {id: V1, role: victim, names: *a8}\n")
    evidence = write(tmp_path / "in" / "a.txt", "nothing here\n")
    result = CliRunner().invoke(app, ["scan", str(evidence), "--roster", str(roster)])
    assert result.exit_code == 2 and "refused" in result.output


def test_policy_alias_bomb_is_refused_by_the_same_loader(tmp_path):
    with pytest.raises(PolicyError, match="refused: expands"):
        load_policy(write(tmp_path / "p.yaml", _bomb()))


def test_deeply_nested_yaml_is_refused_not_a_recursion_error(tmp_path):
    path = write(tmp_path / "r.yaml", "parties: " + "[" * 1000 + "]" * 1000 + "\n")
    with pytest.raises(RosterError, match="refused: nested more than"):
        load_roster(path)


def test_small_anchors_and_aliases_still_work(tmp_path):
    path = write(tmp_path / "r.yaml", "parties:\n  - {id: V1, role: victim, names: &n [Ioana Popescu]}\n"
                                      "  - {id: V2, role: witness, names: *n}\n")
    assert [p.names for p in load_roster(path).parties] == [["Ioana Popescu"], ["Ioana Popescu"]]


@pytest.mark.parametrize("parent_text", [
    # A roster reached through `extends` (say by a wrong relative path): its keys and values are evidence.
    "parties:\n  - {id: V1, role: victim, names: [Ioana Popescu], phones: ['+40 723 456 789']}\n",
    "Ioana Popescu: victim\nroles: {victim: {PERSON: Marius Stan}}\n",
    "policy: [Ioana Popescu\n",                      # broken YAML: PyYAML quotes what it choked on
    "\tIoana Popescu: 1\n",
    "extends: Popescu-Ioana.yaml\n",                  # its own extends names a file that does not exist
])
def test_errors_in_a_file_reached_through_extends_do_not_quote_it(tmp_path, parent_text):
    write(tmp_path / "parent.yaml", parent_text)
    child = write(
        tmp_path / "child.yaml", "extends: parent.yaml\n" + POLICY.read_text().split("extends:", 1)[1].split("\n", 1)[1]
    )
    with pytest.raises(PolicyError) as info:
        load_policy(child)
    assert any("parent.yaml" in p for p in info.value.problems), "the extended file is named"
    assert _no_secret(str(info.value)) == [], (
        f"content of the extended file reached the message: #{_no_secret(str(info.value))}"
    )


def test_errors_in_the_users_own_policy_still_quote_it(tmp_path):
    path = write(tmp_path / "p.yaml", POLICY.read_text().replace("PERSON: pseudonymize", "PERSON: hide", 1))
    with pytest.raises(PolicyError, match="unknown action 'hide'"):
        load_policy(path)


def test_errors_only_the_merged_policy_shows_do_not_quote_an_extended_file(tmp_path):
    # Each file passes alone; the merged policy fails on a key the extended file wrote.
    write(tmp_path / "parent.yaml", "detection: {Ioana Popescu: 1}\n")
    child = write(
        tmp_path / "child.yaml", "extends: parent.yaml\n" + POLICY.read_text().split("extends:", 1)[1].split("\n", 1)[1]
    )
    with pytest.raises(PolicyError) as info:
        load_policy(child)
    assert any("detection" in p for p in info.value.problems)
    assert _no_secret(str(info.value)) == [], "content of the extended file reached the message"
