"""Photos that cannot be checked are refused by position, never decoded blind or passed on:
a declared size past the limit (before any pixel is decoded), animations, broken files.
Metadata is dropped whatever it holds (a property test plants roster values in every field);
palette PNGs keep their mode and transparency; HEIC is not read (no permissive reader)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

import victimshield as vs
from victimshield.errors import InputError
from victimshield.formats import FormatRegistry
from victimshield.formats import image as image_format
from victimshield.formats.base import MAX_IMAGE_PIXELS
from victimshield.formats.image import ImageFormat

from .conftest import PROTECTED
from .image_drawing import exif_block, id_card, jpeg_bytes

ROSTER_VALUES = sorted({value for values in PROTECTED.values() for value in values})


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _read(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    FormatRegistry(entry_points=False).read(path, "input 4")


def test_a_declared_size_past_the_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    # A valid header declaring 20000 x 20000 pixels and no pixel data at all: a reader that
    # decoded first would fail on the missing data, not on the size.
    side = 20_000
    assert side * side > MAX_IMAGE_PIXELS
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IEND", b"")
    with pytest.raises(InputError) as refused:
        _read(tmp_path, "elena_dumitru.png", bomb)
    assert "input 4" in str(refused.value) and "image size limit" in str(refused.value)
    assert "elena" not in str(refused.value).casefold()


def test_an_animated_png_is_refused_not_checked_frame_one_only(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_format, "read_lines", lambda image: [])
    frames = [Image.new("RGB", (40, 40), colour) for colour in ("white", "black")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:])
    with pytest.raises(InputError, match="input 4: is animated"):
        _read(tmp_path, "a.png", buffer.getvalue())


def test_a_broken_jpeg_is_refused_by_position(tmp_path: Path) -> None:
    data = jpeg_bytes(Image.new("RGB", (64, 64), "white"))
    with pytest.raises(InputError) as refused:
        _read(tmp_path, "ioana_popescu.jpg", data[: len(data) // 2])
    assert str(refused.value).startswith("input 4: cannot be")
    assert "ioana" not in str(refused.value).casefold()


def test_a_heic_photo_is_skipped_as_unsupported_not_read(shield: vs.Shield, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    (source / "note.txt").write_text("Meeting at noon.\n", encoding="utf-8")
    report = shield.redact_paths([source], tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name != "manifest.json"] == ["note.txt"]
    assert "skipped" in " ".join(report.manifest.get("skipped", []))  # type: ignore[arg-type]


def test_a_palette_png_keeps_its_mode_palette_and_transparency(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_format, "read_lines", lambda image: [])
    picture = Image.new("P", (30, 20), 1)
    picture.putpalette([255, 255, 255, 200, 30, 30, 0, 0, 0] + [0] * (3 * 253))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", transparency=0)
    path = tmp_path / "p.png"
    path.write_bytes(buffer.getvalue())
    document = ImageFormat().read(path, "input 1", path.read_bytes())
    out = Image.open(io.BytesIO(ImageFormat().write(document, [s.text for s in document.segments])))
    assert (out.mode, out.size, out.info.get("transparency")) == ("P", (30, 20), 0)
    assert out.convert("RGBA").tobytes() == picture.convert("RGBA").tobytes()


_field_values = st.lists(st.sampled_from(ROSTER_VALUES), min_size=1, max_size=4)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(artist=st.sampled_from(ROSTER_VALUES), serial=st.sampled_from(ROSTER_VALUES),
       note=st.sampled_from(ROSTER_VALUES), texts=_field_values, as_png=st.booleans())
def test_roster_values_planted_in_any_metadata_field_never_reach_the_output(
        artist: str, serial: str, note: str, texts: list[str], as_png: bool, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # OCR is left out (a blank picture has no text): this is about metadata alone, which is
    # dropped by the writer whatever the plan says, so the identity texts are written.
    monkeypatch.setattr(image_format, "read_lines", lambda image: [])
    picture = Image.new("RGB", (48, 32), "white")
    thumbnail = jpeg_bytes(Image.new("RGB", (8, 8), "gray"))
    exif = exif_block(artist=artist, serial=serial, maker_note=note, thumbnail=thumbnail)
    buffer = io.BytesIO()
    if as_png:
        info = PngInfo()
        for n, text in enumerate(texts):
            info.add_text(text, text, zip=n % 2 == 1) if n % 3 else info.add_itxt(f"k{n}", text)
        picture.save(buffer, "PNG", pnginfo=info, exif=exif[6:])
    else:
        picture.save(buffer, "JPEG", exif=exif, comment=" ".join(texts).encode(),
                     xmp=f"<x>{' '.join(texts)}</x>".encode(), icc_profile=f"desc {note}".encode())
    data = buffer.getvalue()
    path = tmp_path / ("p.png" if as_png else "p.jpg")
    path.write_bytes(data)
    document = ImageFormat().read(path, "input 1", data)
    written = ImageFormat().write(document, [s.text for s in document.segments])
    planted = {artist, serial, note, *texts}
    assert all(value.encode() in data for value in planted)  # planted in the input
    left = [n for n, value in enumerate(sorted(planted)) if value.encode() in written]
    assert not left, f"planted values {left} (indexes) left in the output"
    out = Image.open(io.BytesIO(written))
    assert out.size == picture.size and len(out.getexif()) == 0 and getattr(out, "text", {}) == {}


def test_the_drawn_face_is_a_face_to_the_cascade() -> None:
    # Every face test leans on this drawing being found; hidden, it is found no more.
    from victimshield.formats.faces import find_faces, hide_faces

    card = id_card([], face=True)
    (box,) = find_faces(card)
    assert box[0] < 160 < box[2] and box[1] < 240 < box[3]  # around the drawn face's centre
    assert find_faces(hide_faces(card, [box])) == []
    assert find_faces(Image.new("RGB", (400, 300), "white")) == []


def test_the_writer_hides_a_face_it_still_finds_in_what_it_wrote(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The first hiding is made to fail (it changes nothing): only the writer's second look,
    # in the bytes it wrote, can hide the face.
    from victimshield.formats.faces import find_faces, hide_faces

    monkeypatch.setattr(image_format, "read_lines", lambda image: [])
    calls: list[int] = []

    def failing_once(picture: Image.Image, boxes: list[tuple[int, int, int, int]]) -> Image.Image:
        calls.append(len(boxes))
        return picture.copy() if len(calls) == 1 else hide_faces(picture, boxes)

    monkeypatch.setattr(image_format, "hide_faces", failing_once)
    buffer = io.BytesIO()
    id_card([], face=True).save(buffer, "PNG")
    path = tmp_path / "face.png"
    path.write_bytes(buffer.getvalue())
    document = ImageFormat().read(path, "input 1", path.read_bytes())
    assert [s.entity_type for s in document.segments] == ["FACE"]
    written = ImageFormat().write(document, ["[REDACTED:FACE]"])
    assert len(calls) == 2
    assert find_faces(Image.open(io.BytesIO(written))) == []
