"""Photos (JPEG, PNG): the text in them read by OCR and covered where the plan changes it,
faces hidden unless the policy keeps them, and every piece of metadata dropped.

Segments are the picture's OCR lines ("line n"), then one segment per face the cascades find
("face n"), declared ``FACE``: a face belongs to no roster party the tool can tell, so the
policy's rule for ``FACE`` in the role ``unknown`` decides it (``keep`` keeps it; any other
action hides it; the shipped baseline's ``unknown: default: redact`` hides it, fail closed).

The writer writes pixels only, re-encoded in the format read, at the same size and mode: no
EXIF (GPS, serials, owner, maker notes, the thumbnail that shows the unredacted photo), XMP,
IPTC, ICC profile, comment, other application segment or PNG text chunk survives; the manifest
says which kinds there were. An EXIF orientation is applied to the pixels when reading, so the
output shows the picture as the input did without any EXIF, and OCR and faces see it upright.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.base import MAX_IMAGE_PIXELS, Document, Format
from victimshield.formats.faces import find_faces, hide_faces, overlaps
from victimshield.formats.image_meta import dropped_metadata
from victimshield.formats.ocr import Box, OcrLine, boxes_to_cover, cover, read_lines

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["FACE", "ImageFormat", "ImageLayout"]

FACE = "FACE"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Modes drawn on as they are; any other is worked on in RGB(A) and turned back when written.
DRAWABLE_MODES = frozenset({"L", "RGB", "RGBA", "CMYK"})
FACE_RECHECKS = 3  # the writer looks for faces again in what it wrote, this often at most


@dataclass(frozen=True)
class ImageLayout:
    kind: str  # "JPEG" or "PNG": what is written back
    pixels: Image  # upright (orientation applied), in the input's mode
    lines: tuple[OcrLine, ...]
    faces: tuple[Box, ...]
    save_options: tuple[tuple[str, Any], ...]  # the encoder's settings kept from the input (tables, transparency)


def _kind(head: bytes) -> str | None:
    if head.startswith(JPEG_MAGIC):
        return "JPEG"
    if head.startswith(PNG_MAGIC):
        return "PNG"
    return None


def _opened(data: bytes, where: object) -> Image:
    """The image opened, its declared size checked before any pixel is decoded."""
    from PIL import Image as PilImage

    try:
        with warnings.catch_warnings():
            # Pillow's own warning limit is below ours; its hard limit (twice that) is above it.
            warnings.simplefilter("ignore", PilImage.DecompressionBombWarning)
            image = PilImage.open(io.BytesIO(data))
    except PilImage.DecompressionBombError:
        raise InputError(where, f"declares more than {MAX_IMAGE_PIXELS} pixels (the image size limit)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(where, f"cannot be read as an image ({type(exc).__name__})") from None
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise InputError(where, f"declares {width} x {height} pixels, more than {MAX_IMAGE_PIXELS} "
                                "(the image size limit)")
    return image


def _decoded(image: Image, where: object) -> tuple[Image, list[str]]:
    """The first frame's pixels, upright, and notes on what else the file held."""
    from PIL import ImageOps

    notes: list[str] = []
    frames = getattr(image, "n_frames", 1)
    if frames > 1 and image.format != "MPO":
        raise InputError(where, f"is animated ({frames} frames): only single pictures can be checked")
    try:
        image.load()
        kinds = dropped_metadata(image)
        orientation = image.getexif().get(0x0112, 1)
        upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(where, f"cannot be decoded ({type(exc).__name__})") from None
    if frames > 1:  # a phone's MPO: depth maps and previews of the same, unredacted scene
        notes.append(f"{frames - 1} further embedded picture(s) dropped")
    if kinds:
        notes.append("metadata dropped (the output holds pixels only): " + ", ".join(kinds))
    if orientation != 1:
        notes.append("EXIF orientation applied to the pixels")
    return upright, notes


def _save_options(image: Image, kind: str) -> tuple[tuple[str, Any], ...]:
    if kind == "JPEG":
        from PIL import JpegImagePlugin

        tables = getattr(image, "quantization", None)
        if tables:  # the input's own tables: re-encoding loses as little as it can
            return (("qtables", tables), ("subsampling", JpegImagePlugin.get_sampling(image)))
        return (("quality", 95),)
    transparency = image.info.get("transparency")
    return (("transparency", transparency),) if transparency is not None else ()


def _encode(pixels: Image, layout: ImageLayout) -> bytes:
    out = io.BytesIO()
    # Pillow's encoders fall back on the image's own info for a comment or an ICC profile:
    # the copy written has none, so only what ``save_options`` names is written.
    bare = pixels.copy()
    bare.info = {}
    options = dict(layout.save_options)
    if options.get("subsampling") == -1:
        options.pop("subsampling")
    bare.save(out, layout.kind, **options)
    return out.getvalue()


def _workable(image: Image) -> Image:
    if image.mode in DRAWABLE_MODES:
        return image.copy()
    return image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")


def _as_input_mode(image: Image, original: Image) -> Image:
    from PIL import Image as PilImage

    if image.mode == original.mode:
        return image
    if original.mode == "P":  # back onto the input's own palette, so its transparency index holds
        return image.convert("RGB").quantize(palette=original, dither=PilImage.Dither.NONE)
    return image.convert(original.mode)


class ImageFormat(Format[ImageLayout]):
    names = ("image", "jpeg", "png")
    extensions = (".jpg", ".jpeg", ".png")

    def sniff(self, extension: str, head: bytes) -> float:
        return 1.0 if extension in self.extensions and _kind(head) is not None else 0.0

    def read(self, path: Path, label: str, data: bytes) -> Document[ImageLayout]:
        kind = _kind(data)
        if kind is None:
            raise InputError(path, "is not a JPEG or PNG picture")
        image = _opened(data, path)
        upright, notes = _decoded(image, path)
        lines = tuple(read_lines(upright))
        faces = tuple(find_faces(upright))
        segments = [Segment(line.text, Locator(label, line=n)) for n, line in enumerate(lines, start=1)]
        segments += [Segment(f"face {n}", Locator(label, field=f"face {n}"), FACE) for n in range(1, len(faces) + 1)]
        layout = ImageLayout(kind, upright, lines, faces, _save_options(image, kind))
        return Document(path, label, kind.lower(), tuple(segments), layout, notes=tuple(notes))

    def write(self, document: Document[ImageLayout], texts: Sequence[str]) -> bytes:
        layout = document.layout
        n_lines = len(layout.lines)
        boxes = [box for line, text in zip(layout.lines, texts[:n_lines], strict=True) if text != line.text
                 for box in boxes_to_cover(line, text)]
        face_texts = zip(layout.faces, document.segments[n_lines:], texts[n_lines:], strict=True)
        hidden = [box for box, segment, text in face_texts if text != segment.text]
        kept = [box for box in layout.faces if box not in hidden]
        pixels = _workable(layout.pixels)
        if hidden:
            pixels = hide_faces(pixels, hidden)
        pixels = cover(pixels, boxes) if boxes else pixels
        data = _encode(_as_input_mode(pixels, layout.pixels), layout)
        for _ in range(FACE_RECHECKS if hidden else 0):
            # What verify will decode may show a face the first pass missed (a hidden face's
            # neighbour, an encoder's artefact): hide it too, so the output is a fixed point.
            from PIL import Image as PilImage

            again = [box for box in find_faces(PilImage.open(io.BytesIO(data)))
                     if not any(overlaps(box, k) for k in kept)]
            if not again:
                break
            pixels = hide_faces(pixels, again)
            data = _encode(_as_input_mode(pixels, layout.pixels), layout)
        return data
