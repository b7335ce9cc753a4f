"""Plain text is cut into pieces that redaction cannot move: verify reads the output back in
the same pieces the input was detected in (once a chunk edge moved by pseudonyms made a
second detection see new context, and verification refused the run)."""

from __future__ import annotations

from pathlib import Path

from victimshield.formats import read_document


def _pieces(path: Path) -> list[tuple[int | None, int]]:
    return [(s.locator.line, s.text.count("\n")) for s in read_document(path, "input 1").segments]


def test_text_pieces_do_not_move_when_lengths_change(tmp_path):
    lines = [f"Line {n}: Alexandru Constantinescu met Ana at the station." for n in range(700)]
    original = tmp_path / "a.txt"
    original.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shorter = tmp_path / "b.txt"
    shorter.write_text(
        "\n".join(line.replace("Alexandru Constantinescu", "P-1") for line in lines) + "\n", encoding="utf-8"
    )
    longer = tmp_path / "c.txt"
    longer.write_text("\n".join(line.replace("Ana", "[REDACTED:PERSON] [REDACTED:PERSON]") for line in lines) + "\n",
                      encoding="utf-8")
    assert len(_pieces(original)) > 1
    assert _pieces(original) == _pieces(shorter) == _pieces(longer)
