"""The demo case's photo is what its committed script draws, and it carries what a phone
leaves (GPS, a serial, an owner) so that `make demo` shows them dropped."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import ExifTags, Image, ImageChops

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "case-demo"


def test_the_demo_photo_is_drawn_by_its_committed_script_with_gps_serial_and_owner(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_photo", DEMO / "make_photo.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(tmp_path / "photo.jpg")
    drawn, committed = Image.open(tmp_path / "photo.jpg"), Image.open(DEMO / "evidence" / "id_card_photo.jpg")
    # Another libjpeg may encode a little differently: the pictures must match, not the bytes.
    difference = ImageChops.difference(drawn.convert("RGB"), committed.convert("RGB")).getextrema()
    assert max(high for _, high in difference) <= 8  # type: ignore[misc]
    exif = committed.getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) and exif.get(ExifTags.Base.Artist)
    assert exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.BodySerialNumber)
    assert dict(drawn.getexif()) == dict(exif)
