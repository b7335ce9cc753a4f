"""Pictures the image tests draw for themselves: a face OpenCV's cascade finds, an ID card
with printed names, and metadata blocks built byte by byte (EXIF with GPS, a serial number,
an owner and a thumbnail; IPTC) where Pillow cannot write them.

The face is drawn, not photographed: a light oval with dark eyes and brows, a lighter nose
and a dark mouth, softened. OpenCV's frontal Haar cascade finds it (``test_the_drawn_face_is_a_face_to_the_cascade``
in test_image_limits.py checks that)."""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ASCII, SHORT, LONG, RATIONAL, UNDEFINED = 2, 3, 4, 5, 7


def drawn_face(size: int = 240, background: int = 90) -> Image.Image:
    """A grey face on a plain background, ``size`` pixels square."""
    image = Image.new("L", (size, size), background)
    draw = ImageDraw.Draw(image)
    s = size / 200

    def oval(box: tuple[int, int, int, int], fill: int) -> None:
        draw.ellipse([v * s for v in box], fill=fill)

    oval((40, 20, 160, 190), 200)  # the face
    draw.rectangle([52 * s, 62 * s, 92 * s, 70 * s], fill=70)  # brows
    draw.rectangle([108 * s, 62 * s, 148 * s, 70 * s], fill=70)
    oval((55, 78, 90, 98), 40)  # eyes
    oval((110, 78, 145, 98), 40)
    draw.polygon([(100 * s, 95 * s), (88 * s, 135 * s), (112 * s, 135 * s)], fill=160)  # nose
    oval((75, 148, 125, 165), 80)  # mouth
    return image.filter(ImageFilter.GaussianBlur(3 * s))


def id_card(lines: list[str], *, face: bool = True, size: tuple[int, int] = (900, 560)) -> Image.Image:
    """An RGB card: a face on the left (when ``face``), the text lines on the right."""
    card = Image.new("RGB", size, (235, 240, 250))
    draw = ImageDraw.Draw(card)
    font = ImageFont.truetype(FONT, 34)
    for n, line in enumerate(lines):
        draw.text((400, 60 + 80 * n), line, fill="black", font=font)
    if face:
        card.paste(drawn_face().convert("RGB"), (40, 120))
    return card


def text_picture(lines: list[str], size: tuple[int, int] = (900, 300)) -> Image.Image:
    """Black text on white, no face."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    for n, line in enumerate(lines):
        draw.text((30, 30 + 80 * n), line, fill="black", font=font)
    return image


def _ascii(text: str) -> bytes:
    return text.encode("utf-8") + b"\x00"


def _rationals(*values: tuple[int, int]) -> bytes:
    return b"".join(struct.pack("<II", a, b) for a, b in values)


Entry = tuple[int, int, int, bytes]  # tag, type, count, value bytes


def _ifd_size(entries: list[Entry]) -> int:
    return 2 + 12 * len(entries) + 4 + sum(len(v) + len(v) % 2 for *_, v in entries if len(v) > 4)


def _ifd(entries: list[Entry], at: int, next_ifd: int) -> bytes:
    data_at = at + 2 + 12 * len(entries) + 4
    head, data = struct.pack("<H", len(entries)), b""
    for tag, kind, count, value in sorted(entries):
        if len(value) <= 4:
            field = value.ljust(4, b"\x00")
        else:
            field = struct.pack("<I", data_at + len(data))
            data += value + b"\x00" * (len(value) % 2)
        head += struct.pack("<HHI", tag, kind, count) + field
    return head + struct.pack("<I", next_ifd) + data


def exif_block(*, artist: str, serial: str, maker_note: str, thumbnail: bytes | None,
               orientation: int = 1, gps: bool = True) -> bytes:
    """An APP1 EXIF payload ("Exif\\0\\0" + TIFF): IFD0 (artist, orientation), the Exif IFD
    (body serial, maker note), a GPS IFD (a position), and IFD1 holding a JPEG thumbnail."""
    exif = [(0xA431, ASCII, len(_ascii(serial)), _ascii(serial)),
            (0x927C, UNDEFINED, len(maker_note.encode()), maker_note.encode())]
    gps_entries = [(1, ASCII, 2, b"N\x00"), (2, RATIONAL, 3, _rationals((44, 1), (25, 1), (3612, 100))),
                   (3, ASCII, 2, b"E\x00"), (4, RATIONAL, 3, _rationals((26, 1), (6, 1), (930, 100)))]
    placeholder = struct.pack("<I", 0)
    ifd0 = [(0x013B, ASCII, len(_ascii(artist)), _ascii(artist)), (0x0112, SHORT, 1, struct.pack("<H", orientation)),
            (0x8769, LONG, 1, placeholder)] + ([(0x8825, LONG, 1, placeholder)] if gps else [])
    ifd1 = [(0x0201, LONG, 1, placeholder), (0x0202, LONG, 1, struct.pack("<I", len(thumbnail or b"")))]
    at0 = 8
    at_exif = at0 + _ifd_size(ifd0)
    at_gps = at_exif + _ifd_size(exif)
    at_ifd1 = at_gps + (_ifd_size(gps_entries) if gps else 0)
    at_thumb = at_ifd1 + _ifd_size(ifd1)
    ifd0 = [(t, k, c, struct.pack("<I", at_exif) if t == 0x8769 else struct.pack("<I", at_gps) if t == 0x8825 else v)
            for t, k, c, v in ifd0]
    ifd1 = [(t, k, c, struct.pack("<I", at_thumb) if t == 0x0201 else v) for t, k, c, v in ifd1]
    tiff = b"II*\x00" + struct.pack("<I", at0)
    tiff += _ifd(ifd0, at0, at_ifd1 if thumbnail else 0) + _ifd(exif, at_exif, 0)
    tiff += _ifd(gps_entries, at_gps, 0) if gps else b""
    if thumbnail:
        tiff += _ifd(ifd1, at_ifd1, 0) + thumbnail
    return b"Exif\x00\x00" + tiff


def jpeg_bytes(image: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, **options)
    return out.getvalue()


def with_segment(jpeg: bytes, marker: int, payload: bytes) -> bytes:
    """``jpeg`` with one more marker segment (APP13 IPTC, a comment) right after its SOI."""
    return jpeg[:2] + struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload + jpeg[2:]


def iptc_block(by_line: str) -> bytes:
    """A Photoshop APP13 payload holding one IPTC by-line (the photographer's name)."""
    record = b"\x1c\x02\x50" + struct.pack(">H", len(by_line.encode())) + by_line.encode()
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(record)) + record
    return b"Photoshop 3.0\x00" + resource + b"\x00" * (len(record) % 2)
