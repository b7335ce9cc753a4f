"""Issue 9: every format keeps its structure whatever text it holds.

The other property tests fill documents from a fixed vocabulary. Here the text is random:
letters of several scripts, digits, punctuation, capitalised name-like words (given names
and surnames of several countries, so that name spans are found) next to line breaks, and
the characters other tools take for line breaks inside a line (form feed, vertical tab,
U+0085, U+2028, U+2029, the separators U+001C-U+001E). Each document is redacted through
the API; it must finish with exit 0 and come out with the same lines, messages, rows,
cells, JSON shape, pages, e-mail parts and Word elements (``structure.shape``), as the contract says.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import victimshield as vs

from .conftest import HEAVY, PROPERTY
from .docs_text import Built
from .harness import Case, problems_of

NAMES = ("Maria", "Olena", "Jonathan", "Scheele", "Popescu", "Коваленко", "Андрій", "Giuseppe", "Fernández",
         "Tudose", "Nguyễn", "Παπαδόπουλος", "George W.", "A.D.", "lui")
# Characters ``str.splitlines`` (and some viewers) read as line breaks, which are not ours.
LINE_LIKE = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
LETTERS = st.characters(categories=("L", "N", "P", "S"), codec="utf-8")
WORD = st.one_of(st.sampled_from(NAMES), st.text(LETTERS, min_size=1, max_size=9))
SPACE = st.sampled_from((" ", " ", " ", "\t", ", ", ". "))


def _line(data: Any, *, line_like: bool) -> str:
    words = data.draw(st.lists(WORD, min_size=0, max_size=8), label="words")
    out = ""
    for word in words:
        gap = data.draw(st.sampled_from(LINE_LIKE) if line_like and data.draw(st.booleans()) else SPACE)
        out += (gap if out else "") + word
    return out


def _lines(data: Any, *, line_like: bool, most: int = 6) -> list[str]:
    return [_line(data, line_like=line_like) for _ in range(data.draw(st.integers(1, most), label="lines"))]


def text_doc(data: Any) -> Built:
    newline = data.draw(st.sampled_from(("\n", "\r\n")), label="newline")
    text = newline.join(_lines(data, line_like=True)) + data.draw(st.sampled_from(("", newline)), label="last")
    return Built("text", [("notes.txt", text.encode())], ())


def whatsapp_doc(data: Any) -> Built:
    lines = []
    for n, body in enumerate(_lines(data, line_like=True), start=1):
        author = data.draw(st.sampled_from(("Maria Popescu", "Bossu", "+40 723 111 222")), label="author")
        lines.append(f"12/03/2024, 10:{n:02d} - {author}: {body or '.'}")
        lines += [f"{body} {n}" for _ in range(data.draw(st.integers(0, 1), label="continuation"))]
    return Built("whatsapp", [("chat.txt", ("\n".join(lines) + "\n").encode())], ())


def email_doc(data: Any) -> Built:
    import email.policy
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Maria Popescu <maria@example.org>"
    message["Subject"] = " ".join(_lines(data, line_like=False, most=1)) or "-"
    body = "\n".join(_lines(data, line_like=True))
    message.set_content(body + "\n")
    message.add_alternative("<p>" + "</p><p>".join(_lines(data, line_like=False, most=3)) + "</p>", subtype="html")
    return Built("email", [("message.eml", message.as_bytes(policy=email.policy.SMTP))], ())


def docx_doc(data: Any) -> Built:
    import html
    import zipfile

    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraphs = []
    for line in _lines(data, line_like=False):
        # A paragraph's text in one to three runs, cut anywhere (Word cuts names too).
        cuts = sorted(data.draw(st.lists(st.integers(0, len(line)), max_size=2), label="run cuts"))
        pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
        runs = "".join(f'<w:r><w:t xml:space="preserve">{html.escape(p)}</w:t></w:r>' for p in pieces)
        paragraphs.append(f"<w:p>{runs}</w:p>")
    body = "".join(paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {namespace}><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("word/document.xml", document)
    return Built("docx", [("statement.docx", buffer.getvalue())], ())


def csv_doc(data: Any) -> Built:
    rows = [["note", "amount"]]
    for _ in range(data.draw(st.integers(1, 5), label="rows")):
        # A cell may hold line breaks of its own (quoted), which must stay in that cell.
        cell = "\n".join(_lines(data, line_like=False, most=2))
        rows.append([cell, str(data.draw(st.integers(0, 99999), label="amount"))])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return Built("csv", [("table.csv", buffer.getvalue().encode())], ())


def xlsx_doc(data: Any) -> Built:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["note", "amount"])
    for _ in range(data.draw(st.integers(1, 4), label="rows")):
        # openpyxl refuses control characters in cells: the line-like ones stay out here.
        sheet.append(["\n".join(_lines(data, line_like=False, most=2)), data.draw(st.integers(0, 99999))])
    buffer = io.BytesIO()
    book.save(buffer)
    return Built("xlsx", [("book.xlsx", buffer.getvalue())], ())


def json_doc(data: Any) -> Built:
    tree = {
        f"k{n}": {"text": line, "list": [line, n]} for n, line in enumerate(_lines(data, line_like=True), start=1)
    }
    return Built("json", [("export.json", json.dumps(tree, ensure_ascii=data.draw(st.booleans())).encode())], ())


DEJAVU = Path(os.environ.get("VICTIMSHIELD_PDF_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))


def _dejavu() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "PropsDejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PropsDejaVu", str(DEJAVU)))
    return "PropsDejaVu"


def pdf_doc(data: Any) -> Built:
    from reportlab.pdfgen import canvas

    # Drawn in the font the tool writes with (DejaVu Sans, which `make` installs): a PDF whose
    # own font cannot show its letters has a garbled text layer, which is refused (exit 3).
    alphabet = st.characters(categories=("L", "N"), max_codepoint=0x04FF, codec="utf-8")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(data.draw(st.integers(1, 2), label="pages")):
        for n in range(data.draw(st.integers(1, 4), label="lines")):
            words = data.draw(st.lists(st.one_of(st.sampled_from(NAMES[:5]), st.text(alphabet, min_size=1, max_size=8)),
                                       min_size=1, max_size=6), label="words")
            pdf.setFont(_dejavu(), 11)
            pdf.drawString(72, 760 - 16 * n, " ".join(words))
        pdf.showPage()
    pdf.save()
    return Built("pdf", [("scan.pdf", buffer.getvalue())], ())


LIGHT = {"text": text_doc, "whatsapp": whatsapp_doc, "json": json_doc, "email": email_doc, "docx": docx_doc}
HEAVY_FORMATS = {"csv": csv_doc, "xlsx": xlsx_doc, "pdf": pdf_doc}


@pytest.mark.parametrize("kind", sorted(LIGHT))
@PROPERTY
@given(data=st.data())
def test_random_text_keeps_the_structure_of_line_formats(shield: vs.Shield, case: Case, kind: str, data: Any) -> None:
    problems = problems_of(shield, case, LIGHT[kind](data), "api")
    assert not problems, "; ".join(problems)


@pytest.mark.parametrize("kind", sorted(HEAVY_FORMATS))
@HEAVY
@given(data=st.data())
def test_random_text_keeps_the_structure_of_tables_and_pages(
    shield: vs.Shield, case: Case, kind: str, data: Any
) -> None:
    problems = problems_of(shield, case, HEAVY_FORMATS[kind](data), "api")
    assert not problems, "; ".join(problems)
