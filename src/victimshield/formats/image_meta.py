"""What a photo carries besides its pixels, told as kinds and counts for the manifest.

Every kind listed here is dropped by the image writer (it writes pixels only); this module
only says what there was, so that the manifest can tell the recipient what the output lacks.
Nothing here returns a value from the file: a GPS position, a serial number or an owner's
name is said to have been there, never what it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["dropped_metadata"]

MAKER_NOTE_TAG = 0x927C
# APP0 (JFIF) and APP14 (Adobe) only say how to decode the pixels; the writer makes its own.
DECODING_MARKERS = frozenset({"APP0", "APP14"})
XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _exif_kinds(image: Image) -> list[str]:
    from PIL import ExifTags

    exif = image.getexif()
    if not len(exif):
        return []
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    kinds = [f"EXIF ({_count(len(exif) + len(sub), 'entry', 'entries')})"]
    if exif.get_ifd(ExifTags.IFD.GPSInfo) or ExifTags.IFD.GPSInfo in exif:
        kinds.append("GPS position")
    if MAKER_NOTE_TAG in sub:
        kinds.append("maker note")
    if exif.get_ifd(ExifTags.IFD.IFD1):
        kinds.append("thumbnail")
    return kinds


def dropped_metadata(image: Image) -> list[str]:
    """The kinds of metadata ``image`` (as opened, before decoding) holds, with counts."""
    kinds = _exif_kinds(image)
    applist: list[tuple[str, bytes]] = list(getattr(image, "applist", []))
    if image.info.get("xmp") or any(data.startswith(XMP_SIGNATURE) for _, data in applist) \
            or any("xmp" in key.lower() for key in getattr(image, "text", {}) if image.format == "PNG"):
        kinds.append("XMP")
    if image.info.get("icc_profile"):
        kinds.append("ICC profile")
    comments = sum(1 for marker, _ in applist if marker == "COM") or int("comment" in image.info)
    if comments:
        kinds.append(_count(comments, "comment", "comments"))
    others = [m for m, data in applist if m.startswith("APP") and m not in DECODING_MARKERS
              and not data.startswith((b"Exif\x00", XMP_SIGNATURE, b"ICC_PROFILE\x00"))]
    if others:
        kinds.append(_count(len(others), "other application segment", "other application segments"))
    if image.format == "PNG":
        texts = len(getattr(image, "text", {}))
        if texts:
            kinds.append(_count(texts, "PNG text chunk", "PNG text chunks"))
    return kinds
