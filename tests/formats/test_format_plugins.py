"""A format from outside the package: given by the caller, or installed as an entry point,
it reads, writes and verifies a folder end to end like a built-in one; conflicts on an
extension are settled by the documented order (the caller's, entry points', built-ins)."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import victimshield as vs
from victimshield.finding import Locator, Segment
from victimshield.formats import Document, Format, FormatRegistry
from victimshield.formats.text import TextFormat
from victimshield.formats.whatsapp import WhatsAppFormat

from .conftest import KEY, assert_no_leaks

NOTE = "title: Visit\nbody: Ioana Popescu met Marius Stan at the station.\nphone: +40 723 456 789\n"


@dataclass(frozen=True)
class NoteLayout:
    """A .note file: ``key: value`` lines; each value is a segment, each key is kept."""

    keys: tuple[str, ...]


class NoteFormat(Format[NoteLayout]):
    names = ("note",)
    extensions = (".note",)

    def sniff(self, extension: str, head: bytes) -> float:
        return 1.0 if extension == ".note" else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[NoteLayout]:
        keys, segments = [], []
        for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
            key, _, value = line.partition(": ")
            keys.append(key)
            segments.append(Segment(value, Locator(label, line=number)))  # by position: a key may be a name
        return Document(path, label, "note", tuple(segments), NoteLayout(tuple(keys)))

    def write(self, document: Document[NoteLayout], texts: Sequence[str]) -> bytes:
        lines = zip(document.layout.keys, texts, strict=True)
        return "".join(f"{key}: {text}\n" for key, text in lines).encode("utf-8")


class LeakyNoteFormat(NoteFormat):
    """Writes the values as they were read: only verify, reading back through it, can tell."""

    def write(self, document: Document[NoteLayout], texts: Sequence[str]) -> bytes:
        return super().write(document, [segment.text for segment in document.segments])


class EverythingTxt(TextFormat):
    """A plain-text format as sure as the built-in one (installed as an entry point below)."""

    names = ("everything-txt",)


class CallersTxt(TextFormat):
    """The same, given by the caller."""

    names = ("callers-txt",)


def _case(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "visit.note").write_text(NOTE, encoding="utf-8")
    (folder / "statement.txt").write_text("Ioana Popescu called.\n", encoding="utf-8")
    return folder


def _shield(case_dir: Path, formats: Sequence[Format[Any]] | FormatRegistry | None = None) -> vs.Shield:
    return vs.Shield.from_files(case_dir / "policy.yaml", "GB", roster=case_dir / "roster.yaml", key=KEY,
                                formats=formats)


def _fake_entry_points(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    point = importlib.metadata.EntryPoint(name="note", value=value, group="victimshield.formats")

    def entry_points(**selection: str) -> list[importlib.metadata.EntryPoint]:
        return [point] if selection.get("group") == "victimshield.formats" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


def _redacted_note(tmp_path: Path, report: vs.Report) -> str:
    (entry,) = [e for e in report.files if e.format == "note"]
    return (tmp_path / "out" / entry.output).read_text(encoding="utf-8")


def test_a_callers_format_redacts_a_folder_end_to_end(case_dir: Path, tmp_path: Path) -> None:
    shield = _shield(case_dir, [NoteFormat()])
    report = shield.redact_paths([_case(tmp_path)], tmp_path / "out")
    note = _redacted_note(tmp_path, report)
    assert_no_leaks(note, "redacted .note")
    assert note.splitlines()[0] == "title: Visit" and "Marius Stan" in note  # keys and the suspect stay
    assert sorted(e.format for e in report.files) == ["note", "text"]


def test_a_format_registered_later_by_the_api_is_used(case_dir: Path, tmp_path: Path) -> None:
    shield = _shield(case_dir)
    source = _case(tmp_path)
    before = shield.redact_paths([source], tmp_path / "before")
    assert [e.format for e in before.files] == ["text"], "no format read .note yet: it was left out"
    shield.formats.register_format(NoteFormat())
    report = shield.redact_paths([source], tmp_path / "out")
    assert_no_leaks(_redacted_note(tmp_path, report), "redacted .note")


def test_an_entry_point_format_redacts_a_folder_end_to_end(case_dir: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, f"{__name__}:NoteFormat")
    report = _shield(case_dir).redact_paths([_case(tmp_path)], tmp_path / "out")
    assert_no_leaks(_redacted_note(tmp_path, report), "redacted .note")


def test_verify_reads_a_plugin_output_back_through_the_plugin(case_dir: Path, tmp_path: Path) -> None:
    # The writer leaves the victim's name; verify re-reads the .note with the same format and fails.
    with pytest.raises(vs.VerificationError) as info:
        _shield(case_dir, [LeakyNoteFormat()]).redact_paths([_case(tmp_path)], tmp_path / "out")
    assert info.value.exit_code == 1 and not (tmp_path / "out").exists()
    assert "Ioana" not in str(info.value)


def test_on_a_tie_the_callers_format_wins_then_entry_points_then_built_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = Path("statement.txt")
    data = b"Statement of the witness.\n"
    assert type(FormatRegistry(entry_points=False).pick(plain, data)) is TextFormat
    _fake_entry_points(monkeypatch, f"{__name__}:EverythingTxt")
    assert type(FormatRegistry().pick(plain, data)) is EverythingTxt  # an entry point over the built-in
    caller = CallersTxt()
    assert FormatRegistry([caller]).pick(plain, data) is caller  # the caller's over the entry point's
    # A surer sniff still wins whatever the group: a WhatsApp export stays a chat.
    chat = b"12/03/2026, 21:04 - Bossu: hello\n12/03/2026, 21:05 - Ionela: hi\n"
    assert isinstance(FormatRegistry([caller]).pick(plain, chat), WhatsAppFormat)


def test_a_document_is_written_by_the_format_that_read_it(tmp_path: Path) -> None:
    path = tmp_path / "visit.note"
    path.write_text(NOTE, encoding="utf-8")
    registry = FormatRegistry([NoteFormat()], entry_points=False)
    document = registry.read(path, "input 1")
    assert registry.format_of(document).name == "note"
    assert registry.render(document, [s.text for s in document.segments]) == NOTE.encode("utf-8")


def test_a_broken_entry_point_is_refused_by_name_not_half_used(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(monkeypatch, f"{__name__}:NOTE")  # a string, not a format
    with pytest.raises(vs.UsageError, match=r"format entry point 'note' is not a victimshield\.formats\.Format"):
        FormatRegistry()


def test_a_format_named_like_a_later_groups_replaces_it_whole_and_one_group_cannot_share_a_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A document's format names its one writer: two "text" formats would write documents the other read.
    class AnotherText(TextFormat):
        pass

    replacement = AnotherText()
    registry = FormatRegistry([replacement], entry_points=False)
    assert [f for f in registry.formats if "text" in f.names] == [replacement]
    _fake_entry_points(monkeypatch, f"{__name__}:NoteFormat")
    caller = LeakyNoteFormat()  # named "note" too: the caller's replaces the entry point's
    assert [f for f in FormatRegistry([caller]).formats if "note" in f.names] == [caller]
    with pytest.raises(vs.UsageError, match="takes the name"):
        FormatRegistry([NoteFormat(), LeakyNoteFormat()])
