"""``--dry-run`` reads a big text, chat export or CSV part by part, as a run does (issue 11):
its memory is bounded by the part, and it says what a whole read says. Evidence written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import KEY, REPO, ROSTER_YAML, write
from victimshield import Options, Shield, load_policy, load_roster

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
LINE = "Ioana Popescu met Marius Stan at the station, call +40 723 456 789 (line {n})\n"


def _shield(tmp_path: Path, chunk_bytes: int | None) -> Shield:
    roster = load_roster(write(tmp_path / "case" / "roster.yaml", ROSTER_YAML))
    return Shield(load_policy(POLICY), "GB", roster=roster, key=KEY, options=Options(chunk_bytes=chunk_bytes))


@pytest.mark.parametrize("name", ["notes.txt", "transfers.csv"])
def test_a_big_input_is_planned_in_parts_with_the_counts_of_a_whole_read(tmp_path: Path, name: str) -> None:
    if name.endswith(".csv"):
        text = "sender_name,reference\n" + "".join(f"Ioana Popescu,rent {n} to Marius Stan\n" for n in range(200))
    else:
        text = "".join(LINE.format(n=n) for n in range(200))
    source = write(tmp_path / "in" / name, text)
    whole = _shield(tmp_path, None).dry_run([source]).files[0]
    shield = _shield(tmp_path, 1024)

    def no_whole_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a big input was read whole")

    shield._pipeline.read = no_whole_read  # type: ignore[method-assign]
    streamed = shield.dry_run([source]).files[0]
    assert streamed.format == whole.format
    assert set(streamed.counts) == set(whole.counts)
    if name.endswith(".txt"):
        assert streamed.counts == whole.counts
    # A table's repeated cells are one segment per column (grouped), so once per part when streamed.
    assert sum(whole.counts.values()) > 0
    parts = int(streamed.notes[0].split()[2])
    assert parts > 5, streamed.notes
    assert all("Ioana" not in note for note in streamed.notes)
