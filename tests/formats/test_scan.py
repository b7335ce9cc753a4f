"""Scanned PDF pages: read by OCR, a segment per line, written back as the redacted image.

Each test draws its own page image with Pillow (no capital I: Tesseract reads it as l) and
wraps it in a PDF with reportlab; the output is read back by rendering and OCR, as a
recipient's tools would, never through the writer's own records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import victimshield as vs
from victimshield.formats import ocr
from victimshield.formats.pdf import scan

from .conftest import KEY, POLICY_YAML, redact_one

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")

ROSTER = """\
case: HT-TEST-0013
parties:
  - id: V1
    role: victim
    names: ["Maria Popescu"]
    phones: ["+40 722 123 456"]
    emails: ["maria.p@example.com"]
    accounts: ["RO49AAAA1B31007593840000"]
    documents: ["054123987"]
  - id: S1
    role: suspect
    names: ["Marius Stan"]
"""
VICTIM_LINE = "Victim Maria Popescu tel +40 722 123 456"
SUSPECT_LINE = "The suspect Marius Stan paid for the room."
PAGE = (360.0, 160.0)  # points: small, so OCR at 300 dpi stays quick


def text_image(lines: Sequence[str], size: tuple[int, int] = (1500, 666)) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", size, "white")
    font = ImageFont.truetype("DejaVuSans.ttf", 36)
    for n, line in enumerate(lines):
        ImageDraw.Draw(image).text((40, 60 + 90 * n), line, fill="black", font=font)
    return image


def photo_image(seed: int = 7, size: tuple[int, int] = (600, 266)) -> Any:
    """Gradients and coloured shapes: pixels, and no text at all."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(20):
        x, y, r = rnd.randrange(size[0]), rnd.randrange(size[1]), rnd.randrange(10, 90)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    return image


def scan_pdf(*pages: Any) -> bytes:
    """One PDF page per item: a Pillow image drawn over the whole page, or a str drawn as text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE, invariant=1)
    for page in pages:
        if isinstance(page, str):
            pdf.drawString(20, 120, page)
        else:
            pdf.drawImage(ImageReader(page), 0, 0, *PAGE)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def ocr_text(data: bytes, number: int) -> str:
    """What Tesseract reads on a page of ``data`` rendered as any viewer would."""
    renderer = scan.PageRenderer(data)
    try:
        return " ".join(line.text for line in ocr.read_lines(renderer.render(number)))
    finally:
        renderer.close()


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scan-case")
    (folder / "roster.yaml").write_text(ROSTER, encoding="utf-8")
    (folder / "policy.yaml").write_text(POLICY_YAML, encoding="utf-8")
    return folder


def _shield(case: Path, drop: bool = False) -> vs.Shield:
    return vs.Shield.from_files(case / "policy.yaml", "GB", roster=case / "roster.yaml", key=KEY,
                                options=vs.Options(as_of=dt.date(2026, 3, 20), drop_unreadable_pages=drop))


@pytest.fixture(scope="module")
def shield(case: Path) -> vs.Shield:
    return _shield(case)


@pytest.fixture(scope="module")
def dropping(case: Path) -> vs.Shield:
    return _shield(case, drop=True)


@needs_tesseract
def test_a_scanned_victims_name_and_phone_are_covered_and_the_suspects_name_kept(shield: vs.Shield,
                                                                                 tmp_path: Path) -> None:
    data = scan_pdf(text_image([VICTIM_LINE, SUSPECT_LINE]))
    assert "Popescu" in ocr_text(data, 1)  # the test's own page reads as written
    out, report = redact_one(shield, tmp_path, "scan.pdf", data)
    read = ocr_text(out, 1)
    for value in ("Maria", "Popescu", "722", "123 456"):
        assert value not in read, "a covered value is read again on the output page"
    assert "Marius Stan" in read
    pages = PdfReader(io.BytesIO(out)).pages
    assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages] == [PAGE]
    assert any("read by OCR" in note for note in report.files[0].notes)


@needs_tesseract
def test_the_scanned_page_carries_neither_the_original_image_nor_a_text_layer(shield: vs.Shield,
                                                                               tmp_path: Path) -> None:
    data = scan_pdf(text_image([VICTIM_LINE, SUSPECT_LINE]))
    out, _ = redact_one(shield, tmp_path, "scan.pdf", data)

    def images(pdf: bytes) -> set[str]:
        return {hashlib.sha256(image.data).hexdigest() for page in PdfReader(io.BytesIO(pdf)).pages
                for image in page.images}

    assert images(out) and not images(out) & images(data)
    assert not (PdfReader(io.BytesIO(out)).pages[0].extract_text() or "").strip()


@needs_tesseract
def test_each_ocr_line_is_a_segment_located_by_page_and_line(tmp_path: Path) -> None:
    from victimshield.formats.pdf.read import read_pdf

    data = scan_pdf("A text page about the weather.", text_image([VICTIM_LINE, SUSPECT_LINE]))
    document = read_pdf(tmp_path / "x.pdf", "input 1", data)
    lines = [s for s in document.segments if s.locator.line is not None]
    assert [(s.locator.page, s.locator.line) for s in lines] == [(2, 1), (2, 2)]
    assert "Popescu" in lines[0].text and "Marius" in lines[1].text
    assert [s.locator.describe() for s in lines] == ["input 1, page 2, line 1", "input 1, page 2, line 2"]
    assert document.unreadable_pages == ()


@needs_tesseract
def test_a_mixed_pdf_redacts_its_text_page_and_its_scanned_page(shield: vs.Shield, tmp_path: Path) -> None:
    data = scan_pdf("Maria Popescu called Marius Stan.", text_image([VICTIM_LINE, SUSPECT_LINE]))
    out, _ = redact_one(shield, tmp_path, "mixed.pdf", data)
    pages = PdfReader(io.BytesIO(out)).pages
    assert len(pages) == 2
    text_page = pages[0].extract_text()
    assert "Popescu" not in text_page and "Marius Stan" in text_page
    read = ocr_text(out, 2)
    assert "Popescu" not in read and "722" not in read and "Marius Stan" in read


@needs_tesseract
def test_redacting_the_output_again_changes_nothing(shield: vs.Shield, tmp_path: Path) -> None:
    out, _ = redact_one(shield, tmp_path / "first", "scan.pdf", scan_pdf(text_image([VICTIM_LINE, SUSPECT_LINE])))
    assert shield.verify_paths(tmp_path / "first" / "out") == []
    again, report = redact_one(shield, tmp_path / "second", "scan.pdf", out)
    assert {action for _, _, action, _ in report.files[0].counts} == {"keep"}  # the suspect's name and the like
    assert ocr_text(again, 1) == ocr_text(out, 1)


@needs_tesseract
def test_verify_ocrs_the_written_page_and_refuses_a_name_left_uncovered(shield: vs.Shield, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "boxes_to_cover", lambda line, redacted: [])  # a writer that covers nothing
    with pytest.raises(vs.VerificationError) as caught:
        redact_one(shield, tmp_path, "scan.pdf", scan_pdf(text_image([VICTIM_LINE, SUSPECT_LINE])))
    assert "page 1, line 1" in str(caught.value) and "Popescu" not in str(caught.value)
    assert not (tmp_path / "out").exists()


@needs_tesseract
def test_a_photo_page_with_no_text_is_refused_by_default(shield: vs.Shield, tmp_path: Path) -> None:
    with pytest.raises(vs.InputError) as caught:
        redact_one(shield, tmp_path, "photo.pdf", scan_pdf(text_image([SUSPECT_LINE]), photo_image()))
    assert "page(s) 2" in str(caught.value) and "photo" not in str(caught.value)
    assert not (tmp_path / "out").exists()


@needs_tesseract
def test_a_photo_page_with_no_text_is_dropped_with_the_flag(dropping: vs.Shield, tmp_path: Path) -> None:
    out, report = redact_one(dropping, tmp_path, "photo.pdf", scan_pdf(text_image([SUSPECT_LINE]), photo_image()))
    assert len(PdfReader(io.BytesIO(out)).pages) == 1
    assert "Marius Stan" in ocr_text(out, 1)
    assert any("page(s) 2 dropped" in note for note in report.files[0].notes)


@needs_tesseract
def test_each_scanned_page_is_ocrd_once_to_read_and_once_to_verify(shield: vs.Shield, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real: Callable[..., list[ocr.OcrLine]] = scan.read_lines

    def counting(image: Any, languages: Sequence[str] | None = None) -> list[ocr.OcrLine]:
        calls.append(1)
        return real(image, languages)

    monkeypatch.setattr(scan, "read_lines", counting)
    redact_one(shield, tmp_path, "two.pdf", scan_pdf(text_image([VICTIM_LINE]), text_image([SUSPECT_LINE])))
    assert len(calls) == 4  # two pages: each read once, each verified once


def test_missing_tesseract_refuses_a_scan_with_exit_2(case: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from victimshield.cli import app

    monkeypatch.setattr(ocr, "installed_languages", lambda: ())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(scan_pdf(text_image([VICTIM_LINE])))
    key = tmp_path / "case.key"
    key.write_text(KEY.hex())
    key.chmod(0o600)
    args = ["redact", str(tmp_path / "in"), "--policy", str(case / "policy.yaml"), "--to", "GB",
            "--roster", str(case / "roster.yaml"), "--key-file", str(key)]
    for extra in ([], ["--drop-unreadable-pages"]):
        result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / f"out{len(extra)}"), *extra])
        assert result.exit_code == 2, result.output
        assert "Tesseract" in result.output and "Popescu" not in result.output
        assert not (tmp_path / f"out{len(extra)}").exists()


@needs_tesseract
def test_a_scanned_page_whose_every_word_is_covered_is_kept_and_verified(shield: vs.Shield, tmp_path: Path) -> None:
    out, _ = redact_one(shield, tmp_path, "victim.pdf", scan_pdf(text_image([VICTIM_LINE])))
    assert len(PdfReader(io.BytesIO(out)).pages) == 1
    assert ocr_text(out, 1) == ""  # all of it covered: this run's verify accepts the page it wrote so


@needs_tesseract
def test_ocr_is_not_shown_solid_boxes_but_is_shown_white_text_on_a_dark_banner() -> None:
    from PIL import ImageDraw, ImageFont

    image = text_image(["Seen by", "", ""])
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 55, 700, 110), fill="black")  # an earlier redaction box, beside "Seen by"
    draw.rectangle((30, 230, 900, 330), fill="black")  # a banner with white text in it
    draw.text((60, 255), "Maria Popescu", fill="white", font=ImageFont.truetype("DejaVuSans.ttf", 36))
    shown = scan.without_solid_boxes(image).convert("L")
    assert shown.getpixel((450, 80)) == 255, "the solid box is still shown to OCR"
    banner = (30, 230, 901, 331)
    assert shown.crop(banner).tobytes() == image.convert("L").crop(banner).tobytes(), "the banner was changed"
    assert [line.text for line in ocr.read_lines(shown)] == ["Seen by"]  # not "Seen by NNE" or the like


def test_verify_detects_again_every_line_but_those_a_scan_left_clean() -> None:
    from victimshield.finding import Locator, Segment
    from victimshield.verify import unproven

    scanned = [Segment("tel", Locator("output 1", page=1, line=m)) for m in (1, 2)]
    text_file_line = Segment("tel", Locator("output 1", line=3))  # a text file's line: no page
    other = Segment("Seen by", Locator("output 1", page=1, line=4))
    assert unproven([*scanned, text_file_line, other], ["tel"]) == [scanned[1], text_file_line, other]
    assert unproven(scanned, []) == scanned


@needs_tesseract
def test_every_kind_of_roster_value_planted_on_a_scanned_page_is_covered(shield: vs.Shield, tmp_path: Path) -> None:
    planted = {"email": "maria.p@example.com", "account": "RO49AAAA1B31007593840000", "document": "054123987",
               "phone": "0722 123 456", "name": "Maria Popescu"}
    lines = [f"Her {kind}: {value} (Marius Stan)" for kind, value in planted.items()]
    out, _ = redact_one(shield, tmp_path, "planted.pdf", scan_pdf(text_image(lines, (1500, 666))))
    read = ocr_text(out, 1)
    assert [kind for kind, value in planted.items() if value.split()[-1] in read] == []
    assert read.count("Marius Stan") == len(planted)
