"""Word documents (.docx, issue 13): body, tables, headers, comments, tracked changes,
links and properties are redacted in place; every part stays well-formed XML and every
other byte as it was; images are refused. Documents built by hand for these tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

import victimshield as vs

from .conftest import assert_no_leaks, pseudonyms, redact_one

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"'
DOCUMENT = "\n".join([
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    f"<w:document {W} {R} {MC}>",
    "<w:body>",
    '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Declarație</w:t></w:r></w:p>',
    '<w:p><w:r><w:t xml:space="preserve">Subsemnata </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Io</w:t></w:r>'
    '<w:r><w:t>ana Popescu</w:t></w:r><w:r><w:t xml:space="preserve">, telefon +40 723 456 789, declar că '
    "Marius Stan m-a dus la Milano.</w:t></w:r></w:p>",
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Martor</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Mihai Georgescu</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    '<w:p><w:ins w:id="1" w:author="Ioana Popescu" w:date="2024-03-12T10:00:00Z"><w:r><w:t>Adăugat.</w:t></w:r>'
    '</w:ins><w:del w:id="2" w:author="Ioana Popescu" w:date="2024-03-12T10:00:00Z"><w:r>'
    "<w:delText>Sora mea Elena Dumitru știe.</w:delText></w:r></w:del></w:p>",
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
    '"mailto:ioana.p@example.com" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    "<w:p/>",
    "<w:sectPr/>",
    "</w:body>",
    "</w:document>",
    "",
])
HEADER = (f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}><w:p><w:r><w:t>Dosar Ioana Popescu</w:t></w:r></w:p>'
          "</w:hdr>")
COMMENTS = (f'<?xml version="1.0" encoding="UTF-8"?><w:comments {W}>'
            '<w:comment w:id="0" w:author="Mihai Georgescu" '
            'w:initials="MG"><w:p><w:r><w:t>Verificați numărul +40 745 111 222.</w:t></w:r></w:p></w:comment>'
            "</w:comments>")
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="mailto:ioana.p@example.com" TargetMode="External"/></Relationships>')
CORE = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
        '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
        'terms/"><dc:creator>Ioana Popescu</dc:creator><cp:lastModifiedBy>Mihai Georgescu</cp:lastModifiedBy>'
        '<dcterms:created>2024-03-12T10:00:00Z</dcterms:created></cp:coreProperties>')
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    parts = {
        "[Content_Types].xml": TYPES.encode(),
        "word/document.xml": DOCUMENT.encode(),
        "word/header1.xml": HEADER.encode(),
        "word/comments.xml": COMMENTS.encode(),
        "word/_rels/document.xml.rels": RELS.encode(),
        "docProps/core.xml": CORE.encode(),
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name).decode("utf-8") for name in book.namelist()}


def _text(xml: str) -> str:
    """What Word shows of a part: the text of its elements, with attribute values."""
    root = ElementTree.fromstring(xml)
    return " ".join([*(e.text or "" for e in root.iter()), *(v for e in root.iter() for v in e.attrib.values())])


def test_every_place_of_a_word_document_loses_the_victims(shield: vs.Shield, tmp_path: Path) -> None:
    data = _docx()
    assert "Popescu" in " ".join(_parts(data).values())  # the check below can fail
    out, report = redact_one(shield, tmp_path, "declaratie.docx", data)
    parts = _parts(out)
    for name, xml in parts.items():
        assert_no_leaks(xml, f"part {name}")
        assert_no_leaks(_text(xml), f"text of part {name}")
    body = _text(parts["word/document.xml"])
    assert "Marius Stan" in body and "Milano" in body, "the suspect and the place are the evidence"
    assert pseudonyms(body)
    assert report.files[0].format == "docx"


def test_the_document_keeps_its_parts_order_and_structure(shield: vs.Shield, tmp_path: Path) -> None:
    data = _docx()
    out, _ = redact_one(shield, tmp_path, "declaratie.docx", data)
    before, after = _parts(data), _parts(out)
    assert list(before) == list(after)
    for name in before:
        old, new = ElementTree.fromstring(before[name]), ElementTree.fromstring(after[name])
        assert [e.tag for e in old.iter()] == [e.tag for e in new.iter()], f"elements of {name} changed"
    assert before["[Content_Types].xml"] == after["[Content_Types].xml"]
    assert 'mc:Ignorable="w14"' in after["word/document.xml"], "prefixes and attributes are kept as written"
    assert "<w:b/>" in after["word/document.xml"]


def test_a_name_split_over_runs_is_found_whole(shield: vs.Shield, tmp_path: Path) -> None:
    out, _ = redact_one(shield, tmp_path, "declaratie.docx", _docx())
    xml = _parts(out)["word/document.xml"]
    assert ">Io<" not in xml and ">ana Popescu<" not in xml


def test_a_document_with_a_picture_is_refused_by_position(shield: vs.Shield, tmp_path: Path) -> None:
    data = _docx({"word/media/image1.jpeg": b"\xff\xd8\xff\xe0 a face"})
    with pytest.raises(vs.InputError) as caught:
        redact_one(shield, tmp_path, "Ioana Popescu.docx", data)
    assert "image" in str(caught.value) and "Ioana" not in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_a_zip_that_is_not_a_word_document_is_refused(shield: vs.Shield, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("notes.txt", "Ioana Popescu")
    with pytest.raises(vs.InputError, match="not a Word document"):
        redact_one(shield, tmp_path, "x.docx", buffer.getvalue())


def test_a_relationships_file_named_after_the_victim_never_reaches_a_locator(tmp_path: Path) -> None:
    from victimshield.formats import read_document

    path = tmp_path / "a.docx"
    path.write_bytes(_docx({"word/_rels/Ioana_Popescu.xml.rels": RELS.encode()}))
    fields = [s.locator.field or "" for s in read_document(path, "input 1").segments]
    assert any(f.startswith("links ") for f in fields)
    assert not any("ioana" in f.lower() for f in fields)
