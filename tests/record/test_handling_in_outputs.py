"""Handling codes travel in the outputs that have a place for them (PDF Info, XLSX custom
property), never as a line added to a text export, and always in the record."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

import victimshield as vs
from tests.conftest import KEY, write
from victimshield.record import verify_export
from victimshield.record.stamp import PDF_INFO_KEY, XLSX_PROPERTY

POLICY = """\
policy: coded
version: 1
extends: baseline
from: RO
to: [GB]
legal_basis: "test"
handling: "TLP:AMBER+STRICT"
handling_code: {code: H3, text: not to be passed to third states}
"""
STAMP = "TLP:AMBER+STRICT; H3: not to be passed to third states"


def _pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    for page in range(2):
        pdf.drawString(72, 760, f"{text} (page {page + 1})")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _xlsx(keywords: str | None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["note", "amount"])
    sheet.append(["cash paid at the station", 200])
    if keywords is not None:
        book.properties.keywords = keywords
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stamped")
    evidence = root / "in"
    evidence.mkdir()
    (evidence / "statement.pdf").write_bytes(_pdf("Statement taken at the station"))
    (evidence / "book.xlsx").write_bytes(_xlsx(None))
    (evidence / "labelled.xlsx").write_bytes(_xlsx("transfers"))
    write(evidence / "note.txt", "first line\nsecond line\n")
    policy = write(root / "coded.yaml", POLICY)
    shield = vs.Shield.from_files(policy, "GB", key=KEY.hex())
    shield.redact_paths([evidence], out=root / "out")
    return root / "out"


def test_pdf_output_carries_the_handling_code_in_its_info(export):
    reader = PdfReader(export / "statement.pdf")
    assert reader.metadata[PDF_INFO_KEY] == STAMP
    assert len(reader.pages) == 2  # the stamp changes no page


def test_xlsx_output_carries_the_handling_code_as_a_document_property(export):
    book = openpyxl.load_workbook(export / "book.xlsx")
    assert {p.name: p.value for p in book.custom_doc_props.props} == {XLSX_PROPERTY: STAMP}
    assert [list(r) for r in book.active.iter_rows(values_only=True)] == [["note", "amount"],
                                                                         ["cash paid at the station", 200]]


def test_xlsx_stamp_leaves_the_inputs_own_properties(export):
    book = openpyxl.load_workbook(export / "labelled.xlsx")
    assert book.properties.keywords == "transfers"
    assert {p.name: p.value for p in book.custom_doc_props.props} == {XLSX_PROPERTY: STAMP}


def test_text_output_gets_no_handling_line(export):
    assert (export / "note.txt").read_text(encoding="utf-8") == "first line\nsecond line\n"


def test_record_carries_both_handling_codes(export):
    record = json.loads((export / "manifest.json").read_text(encoding="utf-8"))
    assert record["handling"] == "TLP:AMBER+STRICT"
    assert record["handling_code"] == "H3: not to be passed to third states"
    assert record["handling_conditions"]["europol"] == {
        "code": "H3", "meaning": "other restrictions", "text": "not to be passed to third states"}


def test_stamped_outputs_still_verify_and_match_their_record(export):
    shield = vs.Shield.from_files(export.parent / "coded.yaml", "GB", key=KEY.hex())
    assert shield.verify_paths(export) == []
    assert verify_export(export, key=KEY.hex()).ok


@pytest.mark.parametrize("tlp", ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"])
@pytest.mark.parametrize("code", [None, "H0", "H1", "H2", "H3: only for this investigation"])
def test_every_handling_code_is_stamped_into_pdf_and_xlsx_as_written(tlp, code):
    from victimshield.record.handling import handling_text
    from victimshield.record.stamp import stamp_handling

    text = handling_text(tlp, code)
    assert tlp in text and (code is None or code.split(":")[0] in text)
    pdf = stamp_handling(_pdf("A page"), text)
    assert PdfReader(io.BytesIO(pdf)).metadata[PDF_INFO_KEY] == text
    book = openpyxl.load_workbook(io.BytesIO(stamp_handling(_xlsx(None), text)))
    assert {p.name: p.value for p in book.custom_doc_props.props} == {XLSX_PROPERTY: text}
