"""Draws the demo case's photo: evidence/id_card_photo.jpg, as a phone would leave it.

A card with a drawn face and the printed name and phone of the roster's victim V2 (and the
suspect S1's name, which stays), and EXIF a phone writes: the GPS position where it was
taken, the camera's serial number and an owner name. Every value is invented. The output is
the same bytes on every run (same Pillow and libjpeg); run it from the repository root:

    python examples/case-demo/make_photo.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ["RESIDENCE CARD", "Name: Elena Dumitru", "Phone: +40 745 111 222", "Sponsor: Marius Stan"]


def drawn_face(size: int) -> Image.Image:
    """A grey face OpenCV's frontal cascade finds: oval, dark eyes and brows, nose, mouth."""
    image = Image.new("L", (size, size), 90)
    draw = ImageDraw.Draw(image)
    s = size / 200
    draw.ellipse([40 * s, 20 * s, 160 * s, 190 * s], fill=200)
    draw.rectangle([52 * s, 62 * s, 92 * s, 70 * s], fill=70)
    draw.rectangle([108 * s, 62 * s, 148 * s, 70 * s], fill=70)
    draw.ellipse([55 * s, 78 * s, 90 * s, 98 * s], fill=40)
    draw.ellipse([110 * s, 78 * s, 145 * s, 98 * s], fill=40)
    draw.polygon([(100 * s, 95 * s), (88 * s, 135 * s), (112 * s, 135 * s)], fill=160)
    draw.ellipse([75 * s, 148 * s, 125 * s, 165 * s], fill=80)
    return image.filter(ImageFilter.GaussianBlur(3 * s))


def main(target: Path = HERE / "evidence" / "id_card_photo.jpg") -> None:
    card = Image.new("RGB", (900, 560), (235, 240, 250))
    draw = ImageDraw.Draw(card)
    font = ImageFont.truetype(FONT, 34)
    for n, line in enumerate(LINES):
        draw.text((400, 60 + 80 * n), line, fill="black", font=font)
    card.paste(drawn_face(240).convert("RGB"), (40, 120))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DemoPhone"
    exif[ExifTags.Base.Artist] = "Elena Dumitru"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (45.0, 38.0, 52.2), 3: "E", 4: (25.0, 35.0, 18.7)}
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "DP-2231-0098"
    card.save(target, "JPEG", quality=90, exif=exif)


if __name__ == "__main__":
    main()
