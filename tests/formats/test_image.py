"""Photos (issue 13): an ID card photographed with a phone comes out with the victim's printed
name and phone covered, the suspect's name readable, the face hidden, and no metadata at all
(EXIF GPS, serial, owner, maker note, thumbnail, XMP, IPTC, comment). Every picture is drawn
by the tests themselves (tests/formats/image_drawing.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import ExifTags, Image

import victimshield as vs
from victimshield.formats.faces import find_faces
from victimshield.formats.ocr import read_lines

from .conftest import KEY, assert_no_leaks, redact_one
from .image_drawing import exif_block, id_card, iptc_block, jpeg_bytes, text_picture, with_segment

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract not installed")

SERIAL = "SN99887766"
MAKER_NOTE = "owner-unit-4471"
CARD_LINES = ["Name: Elena Dumitru", "Phone: +40 745 111 222", "Contact: Marius Stan"]
# Each planted value as raw bytes: none of them may be anywhere in an output file.
PLANTED_BYTES = [b"Elena", b"Dumitru", SERIAL.encode(), MAKER_NOTE.encode(), b"745111222", b"745 111 222"]


def _card_jpeg() -> bytes:
    card = id_card(CARD_LINES)
    thumbnail = jpeg_bytes(card.resize((160, 100)))
    exif = exif_block(artist="Elena Dumitru", serial=SERIAL, maker_note=MAKER_NOTE, thumbnail=thumbnail)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Elena Dumitru</dc:creator></x:xmpmeta>'
    data = jpeg_bytes(card, exif=exif, comment=b"photo of Elena Dumitru", xmp=xmp)
    return with_segment(data, 0xED, iptc_block("Elena Dumitru"))


def _ocr(data: bytes) -> str:
    return "\n".join(line.text for line in read_lines(Image.open(io.BytesIO(data)), ["eng"]))


@pytest.fixture(scope="module")
def card(shield: vs.Shield, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, dict[str, object]]:
    """The card photo, its redacted output and its manifest entry: redacted once for the module."""
    data = _card_jpeg()
    folder = tmp_path_factory.mktemp("card")
    output, _ = redact_one(shield, folder, "card.jpg", data)
    manifest = json.loads((folder / "out" / "manifest.json").read_text(encoding="utf-8"))
    return data, output, {**manifest["files"][0], "folder": str(folder / "out")}


def test_the_redacted_photo_is_a_fixed_point_verify_accepts(shield: vs.Shield,
                                                            card: tuple[bytes, bytes, dict[str, object]]) -> None:
    # Verified from scratch: re-OCR'd and faces looked for again, nothing taken as proven.
    _, _, entry = card
    assert shield.verify_paths(str(entry["folder"])) == []


def test_the_planted_card_carries_every_kind_of_metadata(card: tuple[bytes, bytes, dict[str, object]]) -> None:
    # The input really holds what the next tests say is gone.
    data, _, _ = card
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) and exif.get_ifd(ExifTags.IFD.IFD1)
    assert exif.get_ifd(ExifTags.IFD.Exif).get(0xA431) == SERIAL
    assert {marker for marker, _ in image.applist} >= {"APP1", "APP13", "COM"}
    assert all(needle in data for needle in PLANTED_BYTES[:4])


def test_jpeg_output_holds_no_exif_gps_serial_owner_thumbnail_xmp_iptc_or_comment(
        card: tuple[bytes, bytes, dict[str, object]]) -> None:
    _, output, _ = card
    image = Image.open(io.BytesIO(output))
    assert len(image.getexif()) == 0
    assert [marker for marker, _ in image.applist] == ["APP0"]  # JFIF only: how to decode, nothing more
    assert "comment" not in image.info and "xmp" not in image.info and "icc_profile" not in image.info
    found = [n for n, needle in enumerate(PLANTED_BYTES) if needle in output]
    assert not found, f"planted values {found} (indexes) in the output's bytes"
    assert output.count(b"\xff\xd8") == 1, "a second JPEG (a thumbnail) is embedded"


def test_jpeg_output_keeps_size_mode_and_format(card: tuple[bytes, bytes, dict[str, object]]) -> None:
    data, output, entry = card
    before, after = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(output))
    assert (after.format, after.size, after.mode) == (before.format, before.size, before.mode)
    assert entry["format"] == "jpeg"


def test_manifest_says_which_kinds_of_metadata_were_dropped_never_their_values(
        card: tuple[bytes, bytes, dict[str, object]]) -> None:
    _, _, entry = card
    notes = " ".join(str(n) for n in entry["notes"])  # type: ignore[attr-defined]
    for kind in ("EXIF", "GPS position", "maker note", "thumbnail", "XMP", "1 comment", "other application segment"):
        assert kind in notes, f"the manifest does not say {kind!r} was dropped"
    assert_no_leaks(notes, "manifest notes")
    assert SERIAL not in notes and MAKER_NOTE not in notes


def test_id_card_victim_name_and_phone_are_covered_and_the_suspect_name_stays_readable(
        card: tuple[bytes, bytes, dict[str, object]]) -> None:
    data, output, _ = card
    read_before = _ocr(data)
    assert "Dumitru" in read_before and "745" in read_before  # OCR reads the printed values at all
    read_after = _ocr(output)
    assert_no_leaks(read_after, "OCR of the output")
    assert "Marius Stan" in read_after


def test_a_drawn_face_on_the_card_comes_out_hidden(card: tuple[bytes, bytes, dict[str, object]]) -> None:
    data, output, entry = card
    assert find_faces(Image.open(io.BytesIO(data))), "the cascade finds no face in the input"
    assert not find_faces(Image.open(io.BytesIO(output)))
    decisions = {(d["role"], d["entity_type"], d["action"]) for d in entry["decisions"]}  # type: ignore[attr-defined]
    assert ("unknown", "FACE", "redact") in decisions
    # The face's region is flattened: little of its contrast is left.
    face = (60, 150, 250, 330)
    extrema = Image.open(io.BytesIO(output)).crop(face).getextrema()
    assert max(high - low for low, high in extrema) < 120  # type: ignore[misc, operator]


def test_png_text_chunks_holding_roster_names_are_dropped(shield: vs.Shield, tmp_path: Path) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Elena Dumitru")
    info.add_text("Comment", "phone +40 745 111 222", zip=True)  # zTXt
    info.add_itxt("Description", "Elena Dumitru photographed", lang="ro", tkey="Descriere")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>Dumitru</x:xmpmeta>")
    buffer = io.BytesIO()
    text_picture(["Meeting notes"]).save(buffer, "PNG", pnginfo=info)
    data = buffer.getvalue()
    assert b"zTXt" in data and b"iTXt" in data and b"tEXt" in data
    output, _ = redact_one(shield, tmp_path, "notes.png", data)
    image = Image.open(io.BytesIO(output))
    assert image.format == "PNG" and image.text == {}
    assert not any(chunk in output for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf"))
    assert_no_leaks(output.decode("latin-1"), "PNG bytes")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert "4 PNG text chunks" in " ".join(manifest["files"][0]["notes"])


def test_a_policy_that_keeps_faces_keeps_them_pixel_for_pixel(case_dir: Path, tmp_path: Path) -> None:
    policy = case_dir / "keep-faces.yaml"
    policy.write_text("policy: keep-faces\nversion: 1\nextends: policy.yaml\nroles:\n  unknown:\n"
                      "    default: redact\n    PERSON: pseudonymize\n    FACE: keep\n", encoding="utf-8")
    keeping = vs.Shield.from_files(policy, "GB", roster=case_dir / "roster.yaml", key=KEY,
                                   options=vs.Options(as_of=dt.date(2026, 3, 20)))
    picture = id_card([], face=True)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    output, _ = redact_one(keeping, tmp_path, "face.png", buffer.getvalue())
    assert Image.open(io.BytesIO(output)).tobytes() == picture.tobytes()
    assert find_faces(Image.open(io.BytesIO(output)))


def test_an_exif_orientation_is_applied_to_the_pixels_and_not_kept(shield: vs.Shield, tmp_path: Path) -> None:
    picture = text_picture(["Meeting notes"], size=(600, 200)).rotate(90, expand=True)  # stored on its side
    exif = exif_block(artist="Elena Dumitru", serial=SERIAL, maker_note=MAKER_NOTE, thumbnail=None,
                      orientation=6, gps=False)  # 6: turn 90 degrees clockwise to show it
    output, _ = redact_one(shield, tmp_path, "turned.jpg", jpeg_bytes(picture, exif=exif))
    image = Image.open(io.BytesIO(output))
    assert image.size == (600, 200) and len(image.getexif()) == 0
    assert "Meeting notes" in _ocr(output)
