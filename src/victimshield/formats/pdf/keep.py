"""A kept page: the redacted glyphs cut out of its content stream, a box drawn where they were.

The page's redacted text is aligned with the text it was read as (``changes``); every
glyph of a changed stretch is removed from its text-showing operator (a ``TJ`` array is
split, and the removed glyphs' advance becomes one ``TJ`` number so the glyphs after them
stay where they were); then a black box is drawn over each line's removed glyphs with the
replacement written in it (white, squeezed to the box's width), so the redacted text
reads back from the page as the redaction meant. Nothing of a removed glyph stays in the
file: not under the box, not beside it. A page whose stream does not match what was read
is not kept (``PageMismatch``): the writer rebuilds it from its text instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from victimshield.formats.pdf.content import Box, Glyph, PageText, TextOp

Change = tuple[int, int, int, int]  # original[i1:i2] became redacted[j1:j2]
_TEXT_OPERATORS = (b"Tj", b"TJ", b"'", b'"')
_MARKED_TEXT_KEYS = ("/ActualText", "/Alt", "/E")
_TOKEN = re.compile(r"\w+|\W", re.S)


class PageMismatch(Exception):
    """The page's content stream is not the one its text was read from: rebuild the page."""


@dataclass(frozen=True, slots=True)
class Label:
    box: Box
    text: str  # the replacement drawn in the box ("" for a plain box)


def _offsets(tokens: Sequence[str]) -> list[int]:
    """Where each token starts in the text, and the text's end."""
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


def changes(original: str, redacted: str) -> list[Change]:
    """Where the redacted text differs, widened to whole words: a stretch aligned by chance
    (the "I" of "Ioana" against the "I" of "VICTIM") must never leave a letter of a value."""
    # Aligned word by word (a word, or one other character, is one token): a tenth of the
    # steps of a character diff, and a changed word is changed whole.
    before, after = _TOKEN.findall(original), _TOKEN.findall(redacted)
    at_before, at_after = _offsets(before), _offsets(after)
    found: list[list[int]] = [[at_before[i1], at_before[i2], at_after[j1], at_after[j2]]
                              for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False)
                              .get_opcodes() if tag != "equal"]
    merged: list[list[int]] = []
    for change in found:
        if merged:
            gap = original[merged[-1][1]:change[0]]
            if len(gap) < 3 or not any(c.isspace() for c in gap):
                merged[-1][1], merged[-1][3] = change[1], change[3]
                continue
        merged.append(change)
    for n, change in enumerate(merged):
        left = merged[n - 1][1] if n else 0
        right = merged[n + 1][0] if n + 1 < len(merged) else len(original)
        while change[0] > left and original[change[0] - 1].isalnum():
            change[0] -= 1
            change[2] -= 1
        while change[1] < right and original[change[1]].isalnum():
            change[1] += 1
            change[3] += 1
    result: list[Change] = []
    for i1, i2, j1, j2 in merged:
        if result and result[-1][1] >= i1:  # widened into each other
            result[-1] = (result[-1][0], i2, result[-1][2], j2)
        else:
            result.append((i1, i2, j1, j2))
    return result


def _union(boxes: Sequence[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def by_stream(page: PageText, removed: dict[int, set[int]]) -> dict[str, tuple[list[TextOp], dict[int, set[int]]]]:
    """Per content stream ("" for the page's own, else a form's name): its text operators in
    order, and the glyphs to remove by their operator's place in that stream."""
    streams: dict[str, tuple[list[TextOp], dict[int, set[int]]]] = {"": ([], {})}
    for n, op in enumerate(page.ops):
        ops, cuts = streams.setdefault(op.stream, ([], {}))
        if n in removed:
            cuts[len(ops)] = removed[n]
        ops.append(op)
    return streams


def plan_page(page: PageText, redacted: str) -> tuple[dict[int, set[int]], list[Label]]:
    """The glyphs to remove (operator -> glyph indices) and the labelled boxes to draw."""
    removed: dict[int, set[int]] = {}
    labels: list[Label] = []
    for i1, i2, j1, j2 in changes(page.text, redacted):
        replacement = " ".join(redacted[j1:j2].split())
        glyphs = [g for g in dict.fromkeys(page.glyphs[i1:i2]) if g is not None]
        for glyph in glyphs:
            removed.setdefault(glyph.op, set()).add(glyph.index)
        lines: dict[int, list[Glyph]] = {}
        for glyph in glyphs:
            lines.setdefault(glyph.line, []).append(glyph)
        boxes = [_union([g.box for g in line]) for line in lines.values()]
        if not boxes and replacement:
            boxes = [_anchor(page, i1, i2, len(replacement))]
        for n, box in enumerate(boxes):
            labels.append(Label(box, replacement if n == 0 else ""))
    return removed, labels


def _anchor(page: PageText, i1: int, i2: int, length: int) -> Box:
    """A box for text the redaction added where no glyph was removed: after the glyph before."""
    before = next((g for g in reversed(page.glyphs[:i1]) if g is not None), None)
    after = next((g for g in page.glyphs[i2:] if g is not None), None)
    near = before or after
    if near is None:
        return (36.0, 36.0, 36.0 + 5.0 * length, 46.0)
    height = near.box[3] - near.box[1]
    x = near.box[2] if before is not None else near.box[0] - 0.5 * height * length
    return (x, near.box[1], x + 0.5 * height * length, near.box[3])


def _bytes(value: Any) -> bytes:
    original = getattr(value, "original_bytes", None)
    if isinstance(original, bytes):
        return original
    if isinstance(value, bytes):
        return value
    raise PageMismatch("a text operand that is not a string")


def _cut(items: Sequence[Any], op: TextOp, removed: set[int]) -> list[Any]:
    """The operator's TJ array without the removed glyphs; each removed run becomes a number."""
    from pypdf.generic import ByteStringObject, FloatObject

    out: list[Any] = []
    run = bytearray()
    pending = 0.0
    glyph = 0

    def flush() -> None:
        nonlocal pending
        if run:
            out.append(ByteStringObject(bytes(run)))
            run.clear()
        if pending:
            out.append(FloatObject(round(-pending, 3)))
            pending = 0.0

    for item in items:
        if not hasattr(item, "original_bytes") and not isinstance(item, bytes):
            if run or pending:
                flush()
            out.append(item)
            continue
        data, used = _bytes(item), 0
        while used < len(data):
            if glyph >= len(op.codes) or data[used:used + len(op.codes[glyph])] != op.codes[glyph]:
                raise PageMismatch("the operator's glyphs differ from those read")
            if glyph in removed:
                if run:
                    out.append(ByteStringObject(bytes(run)))
                    run.clear()
                pending += op.advances[glyph]
            else:
                if pending:
                    flush()
                run += op.codes[glyph]
            used += len(op.codes[glyph])
            glyph += 1
    flush()
    if glyph != len(op.codes):
        raise PageMismatch("the operator has fewer glyphs than read")
    return out


def cut_glyphs(operations: list[tuple[list[Any], bytes]], ops: Sequence[TextOp],
               removed: dict[int, set[int]]) -> list[tuple[list[Any], bytes]]:
    """A stream's operations (``ops``: its text operators as read; ``removed``: by their place
    in ``ops``) with the removed glyphs cut out and marked-content text dropped."""
    from pypdf.generic import ArrayObject, DictionaryObject

    out: list[tuple[list[Any], bytes]] = []
    shown = 0
    for operands, operator in operations:
        if operator == b"BDC" and len(operands) == 2 and isinstance(operands[1], DictionaryObject):
            for key in _MARKED_TEXT_KEYS:
                operands[1].pop(key, None)
        if operator not in _TEXT_OPERATORS:
            out.append((operands, operator))
            continue
        if shown >= len(ops):
            raise PageMismatch("more text operators than read")
        op, cut = ops[shown], removed.get(shown)
        shown += 1
        items = list(operands[0]) if operator == b"TJ" and operands else operands[-1:]
        if not cut:
            _cut(items, op, set())  # checks the operator is the one read
            out.append((operands, operator))
            continue
        if operator == b"'":
            out.append(([], b"T*"))
        elif operator == b'"':
            out += [([operands[0]], b"Tw"), ([operands[1]], b"Tc"), ([], b"T*")]
        out.append(([ArrayObject(_cut(items, op, cut))], b"TJ"))
    if shown != len(ops):
        raise PageMismatch("fewer text operators than read")
    return out


def overlay(labels: Sequence[Label], width: float, height: float, label: str, where: str) -> bytes:
    """A page of black boxes with their replacements written in white, to lay over the page."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from victimshield.formats.pdf.write import _check_drawable, _font

    font, glyphs = _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1, invariant=1)
    for one in labels:
        x0, y0, x1, y1 = one.box
        pdf.setFillColorRGB(0, 0, 0)
        pdf.rect(x0, y0, max(x1 - x0, 1.0), max(y1 - y0, 1.0), stroke=0, fill=1)
        if not one.text:
            continue
        _check_drawable(label, where, one.text, glyphs)
        size = max(min((y1 - y0) * 0.8, 24.0), 2.0)
        natural = stringWidth(one.text, font, size)
        writer = pdf.beginText(x0, y0 + max((y1 - y0 - size) / 2, 0.0) + size * 0.2)
        writer.setFont(font, size)
        writer.setHorizScale(max(min(100.0, 100.0 * (x1 - x0) / natural), 1.0) if natural else 100.0)
        pdf.setFillColorRGB(1, 1, 1)
        writer.textOut(one.text)
        pdf.drawText(writer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scrub_marked_properties(resources: Any) -> None:
    """Marked-content property lists named from the resources lose their own text too."""
    properties = resources.get("/Properties") if resources is not None else None
    if properties is None:
        return
    for value in properties.get_object().values():
        entry = value.get_object()
        for key in _MARKED_TEXT_KEYS:
            if hasattr(entry, "pop"):
                entry.pop(key, None)
