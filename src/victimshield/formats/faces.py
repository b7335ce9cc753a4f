"""Faces in photos: found with OpenCV's bundled Haar cascades, hidden by pixelating and blurring.

The cascades ship inside the ``opencv-python-headless`` wheel (``cv2.data.haarcascades``;
OpenCV 5 no longer has them, hence the ``<5`` bound): nothing is downloaded. They find
frontal faces and profiles (a profile facing the other way is found in the mirrored image).
Detection errs wide: a face box is grown by a margin before it is hidden, since the cascade's
box stops at the eyebrows and the chin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from victimshield.formats.ocr import Box

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["FACE_CASCADES", "find_faces", "hide_faces"]

FACE_CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")
MIN_FACE_SHARE = 40  # the smallest face looked for is 1/40 of the picture's shorter side
MIN_FACE_PIXELS = 20
MIN_NEIGHBOURS = 5  # the cascade's own vote count: lower finds more, and more that are no face
MARGIN_SHARE = 0.1  # each side of a face box grows by this share of its size
PIXEL_BLOCKS = 8  # a hidden face is at most this many blocks across before it is blurred


def _cascade(name: str) -> Any:
    import cv2
    from cv2.data import haarcascades  # the folder of cascades inside the wheel

    classifier = cv2.CascadeClassifier(haarcascades + name)
    if classifier.empty():  # a broken install must not read as "no faces"
        raise RuntimeError("OpenCV's face cascade could not be loaded")
    return classifier


def find_faces(image: Image) -> list[Box]:
    """Every face the cascades find in ``image``, as boxes grown by the margin, clipped to it."""
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    # As it is and with its contrast stretched: a dim face shows only in the one, a face on a
    # plain background may drown in the other's noise.
    views = (gray, cv2.equalizeHist(gray))
    width, height = image.size
    smallest = max(MIN_FACE_PIXELS, min(width, height) // MIN_FACE_SHARE)
    found: list[Box] = []
    for name in FACE_CASCADES:
        cascade = _cascade(name)
        for view, mirrored in ((v, m) for v in views for m in ((False, True) if "profile" in name else (False,))):
            pixels = cv2.flip(view, 1) if mirrored else view
            hits = cascade.detectMultiScale(pixels, scaleFactor=1.1, minNeighbors=MIN_NEIGHBOURS,
                                            minSize=(smallest, smallest))
            for x, y, w, h in (tuple(int(v) for v in hit) for hit in hits):
                left = width - x - w if mirrored else x
                found.append(_grown((left, y, left + w, y + h), width, height))
    return _merged(found)


def _merged(boxes: list[Box]) -> list[Box]:
    """Overlapping boxes as their union, until none overlap: one face, however many cascades
    and views found it, is one box (and one segment)."""
    merged: list[Box] = []
    for box in sorted(boxes):
        merged.append(box)
        while len(merged) > 1:
            joined = _join_overlapping(merged)
            if joined == merged:
                break
            merged = joined
    return sorted(merged)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _join_overlapping(boxes: list[Box]) -> list[Box]:
    out: list[Box] = []
    for box in boxes:
        for i, other in enumerate(out):
            if overlaps(box, other):
                out[i] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
                break
        else:
            out.append(box)
    return out


def _grown(box: Box, width: int, height: int) -> Box:
    left, top, right, bottom = box
    dx, dy = int((right - left) * MARGIN_SHARE), int((bottom - top) * MARGIN_SHARE)
    return max(left - dx, 0), max(top - dy, 0), min(right + dx, width), min(bottom + dy, height)


def hide_faces(image: Image, boxes: list[Box]) -> Image:
    """A copy of ``image`` with each box pixelated to a few blocks and then blurred: no face
    stays recognisable (nor findable by the cascade), and the picture keeps its layout."""
    from PIL import Image as PilImage
    from PIL import ImageFilter

    out = image.copy()
    for left, top, right, bottom in boxes:
        if right <= left or bottom <= top:
            continue
        region = out.crop((left, top, right, bottom))
        blocks = max(1, min(PIXEL_BLOCKS, region.width, region.height))
        small = region.resize((blocks, max(1, blocks * region.height // region.width)), PilImage.Resampling.BOX)
        coarse = small.resize(region.size, PilImage.Resampling.NEAREST)
        radius = max(region.width, region.height) / (2 * PIXEL_BLOCKS)
        out.paste(coarse.filter(ImageFilter.GaussianBlur(radius)) if coarse.mode not in ("1", "P") else coarse,
                  (left, top))
    return out
