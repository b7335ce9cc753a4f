"""PDF Info entries keep their types (issue 9): dates stay PDF dates (kept, cut to the year,
or left out as the policy says, never turned into free text); /Trapped stays a name; the
output carries no metadata the input did not have."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, PdfObject, TextStringObject

import victimshield as vs
from victimshield.formats.pdf.info import pdf_date_to_text, text_to_pdf_date

from .conftest import KEY, ROSTER_YAML, redact_one

CREATED = "D:20230412093000+02'00'"
MODIFIED = "D:20240105"
DATE_POLICY = """\
policy: test-pdf-dates
version: 1
extends: baseline
from: RO
to: [GB]
legal_basis: "test"
handling: "TLP:AMBER"
roles:
  unknown:
    default: redact
    PERSON: pseudonymize
    DATE_TIME: {dates}
"""


def _pdf_with_info(info: dict[str, PdfObject]) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.drawString(72, 760, "Statement taken at the station.")
    pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    # Only the entries below, none of reportlab's, each of its own type (add_metadata makes text).
    writer._info = DictionaryObject({NameObject(key): value for key, value in info.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


INFO: dict[str, PdfObject] = {
    "/Title": TextStringObject("Statement of Ioana Popescu"),
    "/CreationDate": TextStringObject(CREATED),
    "/ModDate": TextStringObject(MODIFIED),
    "/Trapped": NameObject("/True"),
}


def _shield(tmp_path: Path, dates: str) -> vs.Shield:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "policy.yaml").write_text(DATE_POLICY.format(dates=dates), encoding="utf-8")
    (tmp_path / "roster.yaml").write_text(ROSTER_YAML, encoding="utf-8")
    return vs.Shield.from_files(tmp_path / "policy.yaml", "GB", roster=tmp_path / "roster.yaml", key=KEY)


def _info_of(data: bytes) -> dict[str, object]:
    """The Info entries as stored (pypdf's objects, so a name reads as a NameObject)."""
    return {str(k): v for k, v in (PdfReader(io.BytesIO(data)).metadata or {}).items()}


def _info_out(shield: vs.Shield, tmp_path: Path) -> dict[str, object]:
    out, _ = redact_one(shield, tmp_path, "statement.pdf", _pdf_with_info(INFO))
    return _info_of(out)


def test_pdf_dates_kept_by_the_policy_stay_the_same_pdf_dates(tmp_path: Path) -> None:
    info = _info_out(_shield(tmp_path, "keep"), tmp_path)
    assert info["/CreationDate"] == CREATED and info["/ModDate"] == "D:20240105"
    assert "Ioana" not in str(info["/Title"]) and "Popescu" not in str(info["/Title"])


def test_pdf_dates_generalised_to_the_year_stay_pdf_dates(tmp_path: Path) -> None:
    info = _info_out(_shield(tmp_path, "{action: generalize, to: year}"), tmp_path)
    assert info["/CreationDate"] == "D:2023" and info["/ModDate"] == "D:2024"


def test_pdf_dates_the_policy_removes_are_left_out_never_written_as_text(tmp_path: Path) -> None:
    info = _info_out(_shield(tmp_path, "redact"), tmp_path)
    assert "/CreationDate" not in info and "/ModDate" not in info
    # Nothing of reportlab's (no "anonymous", no date of 2000); the policy's handling code is ours.
    assert set(info) == {"/Title", "/Trapped", "/VictimShieldHandling"}
    assert info["/VictimShieldHandling"] == "TLP:AMBER"


def test_trapped_stays_a_pdf_name_and_an_unknown_name_is_dropped(tmp_path: Path) -> None:
    info = _info_out(_shield(tmp_path, "keep"), tmp_path)
    assert isinstance(info["/Trapped"], NameObject) and info["/Trapped"] == "/True"
    odd: dict[str, PdfObject] = {"/Trapped": NameObject("/IoanaPopescu"),
                                 "/CreationDate": TextStringObject("yesterday, Ioana")}
    shield = _shield(tmp_path / "odd", "keep")
    out, report = redact_one(shield, tmp_path / "odd", "statement.pdf", _pdf_with_info(odd))
    assert _info_of(out) == {"/VictimShieldHandling": "TLP:AMBER"}  # the policy's handling code only
    (entry,) = report.files
    assert "metadata entry 1 dropped (not one of the standard's values)" in entry.notes
    assert "metadata entry 2 dropped (not a PDF date)" in entry.notes


@pytest.mark.parametrize("pdf_date, text", [
    ("D:20230412093000+02'00'", "2023-04-12 09:30:00+02:00"),
    ("D:20230412093000Z", "2023-04-12 09:30:00Z"),
    ("D:20230412093000Z00'00'", "2023-04-12 09:30:00Z"),
    ("D:20230412093000-05'30", "2023-04-12 09:30:00-05:30"),
    ("D:2023041209", "2023-04-12 09:00:00"),
    ("D:20230412", "2023-04-12"),
    ("D:202304", "2023-04"),
    ("D:2023", "2023"),
    ("20230412", "2023-04-12"),
])
def test_a_pdf_date_reads_as_iso_text_and_writes_back_as_a_pdf_date(pdf_date: str, text: str) -> None:
    assert pdf_date_to_text(pdf_date) == text
    written = text_to_pdf_date(text)
    assert written is not None and written.startswith("D:") and pdf_date_to_text(written) == text


@pytest.mark.parametrize("value", ["D:20230231", "D:2023041225", "yesterday", "D:20230412093000+25'00'", ""])
def test_what_is_no_valid_pdf_date_is_not_read_as_one(value: str) -> None:
    assert pdf_date_to_text(value) is None


@pytest.mark.parametrize("text", ["[DATE]", "2020s", "DATE-1a2b3c4d", "2023 09:30:00", "2023-13"])
def test_what_redaction_left_that_is_no_date_is_not_written_as_one(text: str) -> None:
    assert text_to_pdf_date(text) is None
