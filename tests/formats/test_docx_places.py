"""Every place of a Word document that can hold words is read and redacted (issue 13): a
roster victim planted in each is gone from every part, the suspect stays, and the parts,
their elements and (where nothing is redacted) their bytes stay as they were. Documents
built by ``docx_places``; hypothesis plants random words in each place for the read and
write round trip, the roster's victim for the whole run."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import victimshield as vs
from victimshield.formats import FormatRegistry, read_document, render_document

from .conftest import assert_no_leaks, redact_one
from .docx_places import PLACES, build, everything, zipped
from .stand_in_pictures import StandInPictures

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=12).map(lambda w: "Zq" + w)


def _texts(xml: str) -> str:
    root = ElementTree.fromstring(xml)
    return " ".join([*(e.text or "" for e in root.iter()), *(v for e in root.iter() for v in e.attrib.values())])


@SETTINGS
@given(place=st.sampled_from(PLACES), word=words)
def test_a_word_planted_in_any_place_is_a_segment_and_leaves_when_replaced(tmp_path: Path, place: str,
                                                                           word: str) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(build(place, word, f"{word}@example.com"))
    document = read_document(path, "input 1")
    assert any(word in s.text for s in document.segments), f"{place}: the planted word is read"
    out = render_document(document, [s.text.replace(word, "Qx") for s in document.segments])
    parts = everything(out)
    assert list(parts) == list(everything(path.read_bytes())), f"{place}: the same parts"
    assert not [name for name, xml in parts.items() if word in xml], f"{place}: the word left every part"


@pytest.mark.parametrize("place", PLACES)
def test_a_roster_victim_in_this_place_is_gone_and_the_suspect_stays(shield: vs.Shield, tmp_path: Path,
                                                                     place: str) -> None:
    data = build(place, "Ioana Popescu", "ioana.p@example.com")
    before = everything(data)
    assert any("Ioana Popescu" in x or "ioana.p@example.com" in x for x in before.values()), "the check can fail"
    out, _ = redact_one(shield, tmp_path, "declaratie.docx", data)
    after = everything(out)
    assert list(after) == list(before), "the same parts in the same order"
    for name, xml in after.items():
        assert_no_leaks(xml, f"{place}: a part")
        assert_no_leaks(_texts(xml), f"{place}: a part's text")
        old, new = ElementTree.fromstring(before[name]), ElementTree.fromstring(xml)
        assert [e.tag for e in old.iter()] == [e.tag for e in new.iter()], f"{place}: elements changed"
    assert "Marius Stan a primit banii" in after["word/document.xml"], "the suspect's sentence stays"


def test_a_document_with_nothing_to_redact_comes_back_byte_for_byte(shield: vs.Shield, tmp_path: Path) -> None:
    data = build("table cell", "Marius Stan", "marius@example.org")
    out, _ = redact_one(shield, tmp_path, "declaratie.docx", data)
    assert everything(out) == everything(data), "styles, runs and paragraphs as they were"


def _with_picture(picture: bytes, name: str = "word/media/image1.jpeg") -> bytes:
    return zipped({**_body_only(), name: picture})


def _body_only() -> dict[str, str | bytes]:
    with zipfile.ZipFile(io.BytesIO(build("body", "Marius Stan", "m@example.org"))) as book:
        return {n: book.read(n).decode() for n in book.namelist() if n != "[Content_Types].xml"}


def test_once_a_format_reads_pictures_a_picture_in_the_document_goes_through_it(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(_with_picture(b"\xff\xd8|Ioana Popescu"))
    registry = FormatRegistry([StandInPictures()], entry_points=False)
    document = registry.read(path, "input 1")
    (caption,) = [s for s in document.segments if s.locator.file == "input 1, embedded file 1"]
    assert caption.text == "Ioana Popescu"
    out = registry.render(document, [s.text.replace("Ioana Popescu", "VICTIM-1") for s in document.segments])
    with zipfile.ZipFile(io.BytesIO(out)) as book:
        assert book.read("word/media/image1.jpeg") == b"\xff\xd8|VICTIM-1"


def test_an_embedded_object_no_format_reads_is_refused_by_position(tmp_path: Path) -> None:
    path = tmp_path / "Ioana Popescu.docx"
    path.write_bytes(_with_picture(b"\xd0\xcf\x11\xe0 Ioana", "word/embeddings/oleObject_Ioana.bin"))
    with pytest.raises(vs.InputError) as caught:
        read_document(path, "input 4")
    message = str(caught.value)
    assert message.startswith("input 4") and "embedded file 1" in message and "ioana" not in message.lower()


def test_revision_ids_in_the_settings_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(build("document variable", "Zqword", "zq@example.com"))
    fields = [s.locator.field or "" for s in read_document(path, "input 1").segments if s.locator.field]
    settings_fields = [f for f in fields if f.startswith("settings")]
    assert settings_fields == ["settings name 1", "settings val 2"], "the variable is read, the rsids are not"


def test_a_field_keyword_stays_and_only_its_arguments_are_read(shield: vs.Shield, tmp_path: Path) -> None:
    data = build("field code", "Ioana Popescu", "ioana.p@example.com")
    path = tmp_path / "a.docx"
    path.write_bytes(data)
    (field,) = [s for s in read_document(path, "input 1").segments if (s.locator.field or "").startswith("document "
                                                                                                            "field")]
    assert "HYPERLINK" not in field.text and "mailto:" in field.text
    out, _ = redact_one(shield, tmp_path, "a.docx", data)
    xml = everything(out)["word/document.xml"]
    assert '<w:instrText xml:space="preserve"> HYPERLINK ' in xml, "the field still is a link"
    assert_no_leaks(xml, "field code")
