"""PDFs kept with their layout (issue 13): redacted glyphs cut out of the content stream,
images, lines, fonts, links, fields and page sizes kept; what cannot be mapped is rebuilt."""

from __future__ import annotations

import io
import string
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.annotations import Text as TextNote
from pypdf.generic import DecodedStreamObject, NameObject

from .conftest import assert_no_leaks, find_leaks, redact_one
from .test_pdf import everything_pdfminer_sees, everything_pypdf_sees

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# A TJ-kerned line in Helvetica: the victim's name split by kerning, the suspect's after it.
KERNED = b"BT /F1 11 Tf 72 560 Td [(Elena) -250 (Dum) 30 (itru) -120 ( met Adrian Vlad at the station.)] TJ ET"
# Marked content whose own text (ActualText) names the victim: no extractor shows it.
MARKED = b"/Span <</ActualText (Ioana Popescu)>> BDC BT /F1 11 Tf 72 540 Td (Someone signed.) Tj ET EMC"
XMP = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""
xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ioana Popescu</dc:creator></rdf:Description>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def _image() -> object:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.new("RGB", (40, 30), (200, 30, 30)))


def make_layout_pdf(*, form_page: bool = False, form_text: str = "Elena Dumitru was seen with Adrian Vlad.",
                    form_draws: int = 1) -> bytes:
    """Two fonts (Helvetica, DejaVu with Romanian and Cyrillic), an image, a table with lines,
    a kerned line, marked content, links, a form field; Info, an outline, XMP, a note."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LayoutDejaVu", DEJAVU))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setTitle("Statement of Ioana Popescu")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 760, "Statement of Ioana Popescu about Marius Stan, taken on Monday.")
    pdf.setFont("LayoutDejaVu", 11)
    pdf.drawString(72, 740, "Declarație: Ionela a spus că гроші передані Marius Stan.")
    pdf.drawImage(_image(), 400, 620, width=80, height=60)
    for row, (name, phone) in enumerate((("Name", "Phone"), ("Ioana Popescu", "+40 723 456 789"),
                                         ("Marius Stan", "+40 766 987 654"))):
        y = 680 - row * 20
        pdf.line(72, y - 6, 372, y - 6)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(76, y, name)
        pdf.drawString(226, y, phone)
    pdf.line(222, 620, 222, 694)
    pdf._code.append(KERNED.decode())  # raw operators reportlab has no call for
    pdf._code.append(MARKED.decode())
    pdf.linkURL("https://example.org/procedure", (72, 500, 200, 515), relative=0)
    pdf.drawString(72, 503, "See the procedure.")
    pdf.linkURL("mailto:ioana.p@example.com", (72, 480, 200, 495), relative=0)
    pdf.acroForm.textfield(name="witness", value="Mihai Georgescu", x=72, y=400, width=200, height=20)
    pdf.showPage()
    if form_page:  # text inside a form XObject (drawn twice: its glyphs cannot be cut, the page is rebuilt)
        pdf.beginForm("header")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 760, form_text)
        pdf.endForm()
        for draw in range(form_draws):
            pdf.saveState()
            pdf.translate(0, -40 * draw)
            pdf.doForm("header")
            pdf.restoreState()
        pdf.drawImage(_image(), 400, 620, width=80, height=60)
    else:
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 760, "Elena Dumitru was seen with Adrian Vlad.")
    pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.add_annotation(page_number=0, annotation=TextNote(rect=(500, 700, 520, 720), text="Ask Ionela, 054123987"))
    writer.add_annotation(page_number=0, annotation=Link(rect=(72, 460, 200, 475), target_page_index=1))
    writer.add_outline_item(title="Ioana Popescu interview", page_number=0)
    xmp = DecodedStreamObject()
    xmp.set_data(XMP)
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_streams(data: bytes) -> str:
    """Every stream of the file decompressed, and the file's own bytes, as one text."""
    reader = PdfReader(io.BytesIO(data))
    parts = [data.decode("latin-1")]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if obj is not None and hasattr(obj, "get_data"):
            try:
                parts.append(obj.get_data().decode("latin-1"))
            except Exception:
                parts.append(zlib.decompress(obj._data).decode("latin-1"))
    return "\n".join(parts)


def _images(data: bytes) -> list[int]:
    return [len(page.images) for page in PdfReader(io.BytesIO(data)).pages]


def _sizes(data: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(data)).pages]


def _links(data: bytes) -> list[tuple[str, tuple[float, ...]]]:
    """Each link's target (a URI, or the page a destination names) and its rectangle."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            if annotation.get("/Subtype") == "/Link":
                target = (str(annotation["/A"]["/URI"]) if "/A" in annotation
                          else f"page {reader.get_page_number(annotation['/Dest'][0].get_object()) + 1}")
                found.append((target, tuple(float(v) for v in annotation["/Rect"])))
    return found


def _chars(data: bytes, page: int) -> list[tuple[str, float, float]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def walk(item: object) -> list[tuple[str, float, float]]:
        if isinstance(item, LTChar):
            return [(item.get_text(), round(item.x0, 2), round(item.y0, 2))]
        return [c for child in (item if hasattr(item, "__iter__") else []) for c in walk(child)]

    return walk(list(extract_pages(io.BytesIO(data)))[page])


def test_layout_fixture_really_holds_the_values() -> None:
    data = make_layout_pdf()
    assert find_leaks(everything_pypdf_sees(data)) and find_leaks(everything_pdfminer_sees(data))
    assert find_leaks(raw_streams(data))
    assert _images(data) == [1, 0] and _links(data)


def test_kept_pdf_holds_no_victim_value_in_any_extractor_or_raw_stream(shield, tmp_path: Path) -> None:
    out, report = redact_one(shield, tmp_path, "statement.pdf", make_layout_pdf())
    assert_no_leaks(everything_pypdf_sees(out), "kept pdf (pypdf)")
    assert_no_leaks(everything_pdfminer_sees(out), "kept pdf (pdfminer)")
    assert_no_leaks(raw_streams(out), "kept pdf (decompressed streams)")
    assert any("pages kept with their layout" in n for n in report.files[0].notes)


def test_kept_pdf_keeps_images_page_sizes_and_links_outside_redacted_spans(shield, tmp_path: Path) -> None:
    data = make_layout_pdf()
    out, _ = redact_one(shield, tmp_path, "statement.pdf", data)
    assert _images(out) == _images(data)
    assert _sizes(out) == _sizes(data)
    assert ("page 2", (72.0, 460.0, 200.0, 475.0)) in _links(data)
    assert ("page 2", (72.0, 460.0, 200.0, 475.0)) in _links(out)  # same target, same place
    assert [rect for _, rect in _links(out)] == [rect for _, rect in _links(data)]
    assert not any("ioana" in target for target, _ in _links(out))  # the e-mail link's target redacted in place


def test_suspect_and_other_words_stay_in_place_after_a_kerned_name_is_cut(shield, tmp_path: Path) -> None:
    data = make_layout_pdf()
    out, _ = redact_one(shield, tmp_path, "statement.pdf", data)
    before, after = _chars(data, 0), _chars(out, 0)
    line = [c for c in before if c[2] == before[[c[0] for c in before].index("E")][2]]
    kept = [c for c in line[len("ElenaDumitru"):] if c[0].strip()]  # " met Adrian Vlad at the station."
    assert kept and all(c in after for c in kept), "glyphs after the cut name moved or were lost"
    text = PdfReader(io.BytesIO(out)).pages[0].extract_text()
    assert "Marius Stan" in text and "Adrian Vlad" in text
    for word in ("Declarație", "гроші", "передані", "procedure"):
        assert word in text, f"word {word!r} lost"


def test_redacted_glyphs_are_cut_from_the_stream_and_their_replacement_is_drawn(shield, tmp_path: Path) -> None:
    data = make_layout_pdf()
    out, _ = redact_one(shield, tmp_path, "statement.pdf", data)
    page = PdfReader(io.BytesIO(out)).pages[0]
    stream = page.get_contents().get_data()
    assert b"(Elena)" in PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
    assert b"Elena" not in stream and b"Ioana" not in stream and b"Dum" not in stream
    assert b" re" in stream and b"f" in stream  # boxes drawn where the glyphs were
    assert "VICTIM-" in page.extract_text()  # the replacement reads back from the page


def test_annotation_field_info_outline_and_xmp_redacted_in_place(shield, tmp_path: Path) -> None:
    out, report = redact_one(shield, tmp_path, "statement.pdf", make_layout_pdf())
    reader = PdfReader(io.BytesIO(out))
    notes = [a.get_object() for a in reader.pages[0]["/Annots"] if a.get_object()["/Subtype"] == "/Text"]
    assert len(notes) == 1 and "054123987" not in str(notes[0]["/Contents"])
    fields = reader.get_fields() or {}
    assert len(fields) == 1 and "Georgescu" not in str(next(iter(fields.values())).get("/V"))
    assert "Ioana" not in str((reader.metadata or {}).get("/Title")) and reader.metadata
    assert str(reader.outline[0].title).startswith("VICTIM-")  # type: ignore[union-attr]
    assert "/Metadata" not in reader.trailer["/Root"]
    assert any("XMP" in n for n in report.files[0].notes)


def test_text_inside_a_form_is_cut_from_the_pages_own_copy_of_the_form(shield, tmp_path: Path) -> None:
    data = make_layout_pdf(form_page=True)
    out, report = redact_one(shield, tmp_path, "statement.pdf", data)
    assert_no_leaks(everything_pdfminer_sees(out), "pdf with text in a form (pdfminer)")
    assert_no_leaks(raw_streams(out), "pdf with text in a form (decompressed streams)")
    assert not any(n.startswith("page 2") for n in report.files[0].notes)
    assert _images(out) == _images(data) == [1, 1]  # page 2 kept, not rebuilt
    text = PdfReader(io.BytesIO(out)).pages[1].extract_text()
    assert "Adrian Vlad" in text and "MINOR-" in text and "Dumitru" not in text  # Elena Dumitru is a minor


def test_page_drawing_a_form_with_text_twice_is_rebuilt_with_a_note(shield, tmp_path: Path) -> None:
    data = make_layout_pdf(form_page=True, form_draws=2)
    out, report = redact_one(shield, tmp_path, "statement.pdf", data)
    assert_no_leaks(everything_pdfminer_sees(out), "pdf with a rebuilt page (pdfminer)")
    assert_no_leaks(raw_streams(out), "pdf with a rebuilt page (decompressed streams)")
    assert any(n.startswith("page 2: ") and "form XObject" in n for n in report.files[0].notes)
    assert _images(out) == [1, 0] and _sizes(out) == _sizes(data)  # page 1 kept whole, page 2 redrawn
    assert "Adrian Vlad" in PdfReader(io.BytesIO(out)).pages[1].extract_text()


def test_page_with_text_in_a_form_that_redaction_leaves_unchanged_is_kept_as_it_is(shield, tmp_path: Path) -> None:
    data = make_layout_pdf(form_page=True, form_text="Adrian Vlad was seen at the station.", form_draws=2)
    out, _ = redact_one(shield, tmp_path, "statement.pdf", data)
    assert _images(out) == _images(data) == [1, 1]  # page 2's image stays: the page was not rebuilt
    assert PdfReader(io.BytesIO(out)).pages[1].get_contents().get_data() == \
        PdfReader(io.BytesIO(data)).pages[1].get_contents().get_data()


def test_a_kept_pdf_redacted_again_reads_the_same(shield, tmp_path: Path) -> None:
    from victimshield.formats.pdf.content import read_page_texts

    once, _ = redact_one(shield, tmp_path / "1", "statement.pdf", make_layout_pdf())
    twice, _ = redact_one(shield, tmp_path / "2", "statement.pdf", once)
    assert [p.text for p in read_page_texts(twice)] == [p.text for p in read_page_texts(once)]


@pytest.mark.parametrize("value", ["Ioana Popescu", "Ionela", "Elena Dumitru"])
def test_a_chance_alignment_inside_a_value_never_keeps_a_letter_of_it(value: str) -> None:
    from victimshield.formats.pdf.keep import changes

    original = f"On Monday {value} met Marius Stan."
    redacted = original.replace(value, "[VICTIM-I1A]")
    start = original.index(value)
    found = changes(original, redacted)
    assert any(i1 <= start and start + len(value) <= i2 for i1, i2, _, _ in found)
    assert all(redacted[j1:j2] == "[VICTIM-I1A]" for _, _, j1, j2 in found)


def test_a_form_xobject_the_page_never_draws_is_not_written(shield, tmp_path: Path) -> None:
    from pypdf.generic import ContentStream
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.beginForm("hidden")
    pdf.drawString(72, 700, "Ioana Popescu 054123987")
    pdf.endForm()
    pdf.doForm("hidden")
    pdf.drawString(72, 760, "Adrian Vlad was seen at the station.")
    pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    page = writer.pages[0]
    stream = ContentStream(None, None)
    stream.operations = [op for op in page.get_contents().operations if op[1] != b"Do"]  # listed, never drawn
    page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert find_leaks(raw_streams(data)) and not find_leaks(everything_pdfminer_sees(data))
    out_data, report = redact_one(shield, tmp_path, "statement.pdf", data)
    assert_no_leaks(raw_streams(out_data), "pdf with an unused form (decompressed streams)")
    assert any("never draws dropped" in n for n in report.files[0].notes)
    assert "Adrian Vlad" in PdfReader(io.BytesIO(out_data)).pages[0].extract_text()


# Words distinct from each other (a text such as "A A A" is redacted the same wherever its cut
# falls), drawn from letters the replacements share so that chance alignments happen.
@given(words=st.lists(st.text(alphabet=string.ascii_letters + "ășțж", min_size=1, max_size=8), min_size=2,
                      max_size=10, unique=True), data=st.data())
def test_every_replaced_value_lies_inside_one_cut_stretch_and_the_cuts_give_the_redacted_text(
        words: list[str], data: st.DataObject) -> None:
    from victimshield.formats.pdf.keep import changes

    at = data.draw(st.integers(0, len(words) - 1))
    token = data.draw(st.sampled_from(["[VICTIM-1A]", "PERSON-ab12", "█████", "[REDACTED]"]))
    original, redacted = " ".join(words), " ".join([*words[:at], token, *words[at + 1:]])
    start = len(" ".join(words[:at])) + (1 if at else 0)
    found = changes(original, redacted)
    assert any(i1 <= start and start + len(words[at]) <= i2 for i1, i2, _, _ in found)
    rebuilt, done = "", 0
    for i1, i2, j1, j2 in found:
        rebuilt, done = rebuilt + original[done:i1] + redacted[j1:j2], i2
    assert rebuilt + original[done:] == redacted


def test_a_form_field_no_page_shows_is_dropped_with_a_note(shield, tmp_path: Path) -> None:
    from pypdf.generic import DictionaryObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_layout_pdf())))
    orphan = DictionaryObject({NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("contact"),
                               NameObject("/V"): TextStringObject("Ioana Popescu 054123987")})
    writer.root_object["/AcroForm"]["/Fields"].append(writer._add_object(orphan))
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert find_leaks(raw_streams(data)) and len(PdfReader(io.BytesIO(data)).get_fields() or {}) == 2
    out_data, report = redact_one(shield, tmp_path, "statement.pdf", data)
    assert_no_leaks(raw_streams(out_data), "pdf with a field no page shows (decompressed streams)")
    assert len(PdfReader(io.BytesIO(out_data)).get_fields() or {}) == 1  # the witness field stays
    assert any("1 form field(s) that no page shows dropped" in n for n in report.files[0].notes)
