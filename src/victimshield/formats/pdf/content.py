"""A PDF page's text with a map from each character back to the glyph that drew it.

pdfminer.six interprets each page's content stream; every text-showing operator at page
level (``Tj``, ``TJ``, ``'``, ``"``) is recorded with its glyphs' codes (the bytes to cut
the operator at) and advances, and every glyph pdfminer places is tagged with its
operator and position in it. The page's text is pdfminer's reading order (its layout
analysis, text in forms included); each character of it points back to a glyph, or to
nothing for the spaces and line ends the analysis adds.

A page is *kept* (written back with only the redacted glyphs cut out, see ``keep``) only
when every glyph it draws is in its text and can be cut exactly: no Type3 or vertical
fonts, no code without Unicode, no code of unknown length, no text inside a form
XObject, no operator that shows text without a font. Anything else makes the page
``problem`` say why, and the writer rebuilds that page from its text instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

Box = tuple[float, float, float, float]
# Problems that leave every glyph read (only not cuttable): such a page, if redaction leaves
# its text as it was, is written back untouched. Any other problem means a glyph went unread.
INFORM_XOBJECT = "text inside a form XObject"
UNCUTTABLE_FONT = "a font whose codes cannot be cut (Type3 or a custom CMap)"
CUT_ONLY_PROBLEMS = frozenset({INFORM_XOBJECT, "vertical text", "text drawn at size 0", UNCUTTABLE_FONT,
                               "a code that is not one glyph"})


@dataclass(frozen=True, slots=True)
class Glyph:
    op: int  # the page's n-th text-showing operator (0-based, content stream order)
    index: int  # the glyph's place in that operator
    box: Box  # in the page's default user space
    line: int  # the text line it was read in (for boxes drawn per line)


@dataclass(frozen=True, slots=True)
class TextOp:
    # Bytes of the page's text (a simple font's codes are its letters): never in a repr.
    codes: tuple[bytes, ...] = field(repr=False)  # one per glyph, in order: the operator's strings cut at glyphs
    # What each glyph moves the pen, in TJ units (thousandths of text space, incl. Tc/Tw):
    # a removed run of glyphs becomes one TJ number so the glyphs after it stay in place.
    advances: tuple[float, ...]
    stream: str = ""  # "": the page's own content stream; else the name of the form XObject it is in


@dataclass(frozen=True, slots=True)
class PageText:
    text: str = field(repr=False)  # the page's words: never in a repr
    glyphs: tuple[Glyph | None, ...]  # per character of text; None: a space or line end the reading added
    ops: tuple[TextOp, ...]
    problem: str | None  # why the page cannot be kept (None: it can)
    marked_text: bool = False  # marked content carries its own text (ActualText, Alt): scrubbed on write
    # The page's form XObjects it never draws: their text is not read, so they are not written.
    unused_forms: frozenset[str] = frozenset()


def _codes(font: Any, data: bytes) -> list[bytes] | None:
    """The string cut into one code per glyph; None when code lengths are not known."""
    from pdfminer.cmapdb import IdentityCMap, IdentityCMapByte
    from pdfminer.pdffont import PDFCIDFont, PDFSimpleFont, PDFType3Font

    if isinstance(font, PDFType3Font):
        return None
    if isinstance(font, PDFSimpleFont):
        return [data[i:i + 1] for i in range(len(data))]
    if isinstance(font, PDFCIDFont) and isinstance(font.cmap, IdentityCMapByte):
        return [data[i:i + 1] for i in range(len(data))]
    if isinstance(font, PDFCIDFont) and isinstance(font.cmap, IdentityCMap) and len(data) % 2 == 0:
        return [data[i:i + 2] for i in range(0, len(data), 2)]
    return None


def _inverse(m: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def _apply(m: tuple[float, ...], box: Box) -> Box:
    a, b, c, d, e, f = m
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _recorder(manager: Any, laparams: Any) -> Any:
    from pdfminer.converter import PDFPageAggregator

    class Recorder(PDFPageAggregator):
        """Records each page-level text operator and tags each glyph with where it came from."""

        def begin_page(self, page: Any, ctm: Any) -> None:
            self.ops: list[TextOp] = []
            self.problem: str | None = None
            self.depth = 0
            self.form = ""  # the form XObject drawn from the page that is being read
            self.invoked: dict[str, int] = {}
            self.tag: tuple[int, int] | None = None
            self.drawn = 0
            self.shown = 0  # text operators of the page and its forms with a font (pdfminer skips those without)
            self.operators = 0  # text operators of the page and its forms, with a font or without
            self.marked = False
            self.page_ctm = tuple(ctm)
            self.forms = _forms(page.resources)
            super().begin_page(page, ctm)

        def begin_figure(self, name: str, bbox: Any, matrix: Any) -> None:
            if not self.depth:
                self.forms.discard(name)
                self.form = name
                self.invoked[name] = self.invoked.get(name, 0) + 1
            self.depth += 1
            super().begin_figure(name, bbox, matrix)

        def end_figure(self, name: str) -> None:
            self.depth -= 1
            super().end_figure(name)

        def begin_tag(self, tag: Any, props: Any = None) -> None:
            if isinstance(props, dict) and {"ActualText", "Alt", "E"} & set(props):
                self.marked = True
            super().begin_tag(tag, props)

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            font = textstate.font
            self.tag = None
            self.shown += self.depth <= 1
            # A form drawn twice (its glyphs read twice) or inside another form: not cut.
            if self.depth > 1 or (self.depth and self.invoked[self.form] > 1):
                self.problem = self.problem or INFORM_XOBJECT
            elif font.is_vertical():
                self.problem = self.problem or "vertical text"
            else:
                self._record(textstate, seq, self.form if self.depth else "")
            super().render_string(textstate, seq, ncs, graphicstate)

        def _record(self, textstate: Any, seq: Any, stream: str) -> None:
            font, size = textstate.font, textstate.fontsize
            codes: list[bytes] = []
            for item in seq:
                if isinstance(item, bytes):
                    cut = _codes(font, item)
                    if cut is None:
                        self.problem = self.problem or UNCUTTABLE_FONT
                        return
                    codes += cut
            if not size:
                self.problem = self.problem or "text drawn at size 0"
                return
            spacing = 0.0 if font.is_multibyte() else textstate.wordspace
            advances = tuple(font.char_width(cid) * 1000 + (textstate.charspace + (spacing if code == b" " else 0.0))
                             * 1000 / size for code in codes for cid in font.decode(code))
            if len(advances) != len(codes):
                self.problem = self.problem or "a code that is not one glyph"
                return
            self.tag = (len(self.ops), 0)
            self.ops.append(TextOp(tuple(codes), advances, stream))

        def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float,
                        cid: int, ncs: Any, graphicstate: Any) -> float:
            advance = float(super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate))
            item: Any = self.cur_item._objs[-1]
            text = item.get_text()
            if not text or text.startswith("(cid:"):
                self.problem = self.problem or "a glyph without Unicode"
            item.victimshield_tag = self.tag
            if self.tag is not None:
                self.tag = (self.tag[0], self.tag[1] + 1)
            self.drawn += 1
            return advance

    return Recorder(manager, laparams=laparams)


def _forms(resources: Any) -> set[str]:
    """The names of the form XObjects among a page's resources."""
    from pdfminer.pdftypes import resolve1

    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return set()
    found = set()
    for name, ref in xobjects.items():
        stream = resolve1(ref)
        attrs = getattr(stream, "attrs", {})
        if getattr(resolve1(attrs.get("Subtype")), "name", None) == "Form":
            found.add(str(name))
    return found


def _interpreter(manager: Any, device: Any) -> Any:
    from pdfminer.pdfinterp import PDFPageInterpreter

    class Counting(PDFPageInterpreter):
        """Counts every page-level text operator, also those pdfminer skips (no font set);
        ``Tj``, ``'`` and ``"`` all end in ``do_TJ``."""

        def do_TJ(self, seq: Any) -> None:
            device.operators += device.depth <= 1
            super().do_TJ(seq)

    return Counting(manager, device)


def _walk(item: Any, out: list[tuple[str, Any, int]], line: list[int]) -> None:
    from pdfminer.layout import LTAnno, LTChar, LTTextBox, LTTextLine

    if isinstance(item, LTTextLine):
        line[0] += 1
        for obj in item:
            if isinstance(obj, LTChar):
                out.append((obj.get_text(), obj, line[0]))
            elif isinstance(obj, LTAnno):
                out.append((obj.get_text(), None, line[0]))
        return
    if isinstance(item, LTChar):  # a glyph the analysis left outside every line
        out += [(item.get_text(), item, -1), ("\n", None, -1)]
        return
    if hasattr(item, "__iter__"):
        for child in item:
            _walk(child, out, line)
        if isinstance(item, LTTextBox):
            out.append(("\n", None, line[0]))


def read_page_texts(data: bytes) -> list[PageText]:
    """Each page's text in reading order, with every character mapped back to its glyph."""
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    device = _recorder(manager, LAParams(all_texts=True))
    interpreter = _interpreter(manager, device)
    pages: list[PageText] = []
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        pages.append(_page_text(device, device.get_result()))
    return pages


def _page_text(device: Any, layout: Any) -> PageText:
    pieces: list[tuple[str, Any, int]] = []
    _walk(layout, pieces, [0])
    back = _inverse(device.page_ctm)
    text: list[str] = []
    glyphs: list[Glyph | None] = []
    seen = 0
    for piece, char, line in pieces:
        tag = getattr(char, "victimshield_tag", None) if char is not None else None
        seen += char is not None
        glyph = Glyph(tag[0], tag[1], _apply(back, char.bbox), line) if tag is not None else None
        text.append(piece)
        glyphs += [glyph] * len(piece)
    problem = device.problem
    if seen != device.drawn:
        problem = problem or "glyphs outside the reading order"
    if device.operators != device.shown:
        problem = problem or "text shown without a font"
    ops = tuple(device.ops)
    return PageText("".join(text), tuple(glyphs), ops, problem, device.marked, frozenset(device.forms))

