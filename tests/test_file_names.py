"""File names change only for roster values and validated identifiers, never for a model's guess."""

from __future__ import annotations

import victimshield as vs
from tests.conftest import AS_OF, KEY, REPO, leaked_values

KEPT = ["letter-de.txt", "gls.csv", "test_yyyymmdd_24hrs.txt", "Spooky pitch notes.txt", "Lorem ipsum.md"]
RENAMED = ["Ioana Popescu.txt", "statement_ionela.txt", "call ioana.p@example.com.txt", "GB29NWBK60161331926819.txt"]


def test_only_roster_values_and_validated_identifiers_rename_files(tmp_path, roster_file):
    source = tmp_path / "in"
    source.mkdir()
    for name in KEPT + RENAMED:
        body = "a,b\n1,2\n" if name.endswith(".csv") else "Nothing to see here.\n"
        (source / name).write_text(body, encoding="utf-8")
    shield = vs.Shield.from_files(REPO / "policies" / "examples" / "ro-to-gb.yaml", "GB", roster=roster_file, key=KEY,
                                  options=vs.Options(as_of=AS_OF))
    report = shield.redact_paths([source], tmp_path / "out")
    outputs = sorted(entry.output for entry in report.files)
    for name in KEPT:
        assert name in outputs, f"kept name {KEPT.index(name)} was renamed"
    assert len(outputs) == len(KEPT) + len(RENAMED)
    assert leaked_values(" ".join(outputs)) == [], "a file name leaked a protected value"
    assert not any("GB29NWBK" in o for o in outputs), "a validated IBAN stayed in a file name"
