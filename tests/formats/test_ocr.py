"""OCR: Tesseract's words come back as lines with boxes, and a redaction covers exactly the
words it touched."""

from __future__ import annotations

import shutil

import pytest

from victimshield.formats import ocr

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")


def _line(*words: str) -> ocr.OcrLine:
    return ocr.OcrLine(tuple(ocr.OcrWord(w, (10 * i, 0, 10 * i + 8, 10), 90.0) for i, w in enumerate(words)))


def test_a_changed_word_and_only_it_is_covered() -> None:
    line = _line("Call", "Ioana", "Popescu", "today")
    boxes = ocr.boxes_to_cover(line, "Call PERSON-7f3a today")
    assert boxes == [line.words[1].box, line.words[2].box]


def test_a_word_sharing_one_changed_character_is_covered_whole() -> None:
    line = _line("tel:0722123456", "ok")
    assert ocr.boxes_to_cover(line, "tel:07221XXXXX ok") == [line.words[0].box]


def test_an_unchanged_line_covers_nothing() -> None:
    line = _line("nothing", "here")
    assert ocr.boxes_to_cover(line, line.text) == []


def test_cover_paints_black_even_on_palette_and_alpha_images() -> None:
    from PIL import Image

    for mode in ("P", "RGBA", "L", "RGB", "1"):
        image = Image.new("RGB", (40, 20), "white").convert(mode)
        out = ocr.cover(image, [(10, 5, 20, 10)], margin=0).convert("RGBA")
        assert out.getpixel((15, 7)) == (0, 0, 0, 255), mode
        assert out.getpixel((2, 2)) != (0, 0, 0, 255), mode
        assert image.convert("RGBA").getpixel((15, 7)) != (0, 0, 0, 255), "the caller's image was changed"


@needs_tesseract
def test_tesseract_reads_a_drawn_line_with_word_boxes() -> None:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (900, 120), "white")
    font = ImageFont.truetype("DejaVuSans.ttf", 40) if shutil.which("fc-list") else ImageFont.load_default(40)
    ImageDraw.Draw(image).text((20, 30), "Contact Maria Popescu now", fill="black", font=font)
    lines = ocr.read_lines(image, ["eng"])
    assert [line.text for line in lines] == ["Contact Maria Popescu now"]
    boxes = ocr.boxes_to_cover(lines[0], "Contact PERSON-1 now")
    covered = ocr.cover(image, boxes)
    assert "Maria" not in " ".join(line.text for line in ocr.read_lines(covered, ["eng"]))


def test_missing_tesseract_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    monkeypatch.setattr(ocr, "installed_languages", lambda: ())
    with pytest.raises(ocr.OcrUnavailableError, match="not installed"):
        ocr.read_lines(Image.new("RGB", (10, 10)))
