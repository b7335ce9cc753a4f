"""The property suite's own guards: its checker sees every planted form, and stays silent
where nothing was planted (so a red property is a leak, not a false alarm)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .case import DISGUISES, PLAIN_PLANTS, SUSPECT_NAME, disguisable, disguise, typed_plants
from .conftest import HEAVY
from .docs_text import AUTHORS, WORDS, Built
from .harness import BUILDERS, problems_of
from .leaks import found_in, leak_report
from .test_names import CONTENT


def test_checker_sees_every_contract_form_and_every_disguise() -> None:
    plants = list(PLAIN_PLANTS) + [
        disguise(p, how, pick) for how in DISGUISES for p in disguisable(how) for pick in (0, 1)
    ]
    plants += [p for kind in ("int", "float", "date", "datetime") for p in typed_plants(kind)]
    blind = [repr(p) for p in plants if not set(p.labels) <= found_in(f"at {p.text} at")]
    assert not blind, f"the checker cannot see: {blind}"


def test_filler_and_the_suspect_never_look_like_a_victim_value() -> None:
    vocabulary = list(WORDS) + list(AUTHORS) + [SUSPECT_NAME, "+40 766 987 654", "GB82WEST12345698765432"]
    noisy = [f"pair {n}" for n, (a, b) in enumerate(itertools.product(vocabulary, repeat=2)) if found_in(f"{a} {b}")]
    assert not noisy, f"filler pairs the checker mistakes for a victim value: {noisy[:5]}"


def test_reports_and_reprs_never_carry_a_planted_value() -> None:
    # What a failing property prints: leak lines, plants as hypothesis shows them, documents.
    from hypothesis.vendor.pretty import pretty

    plants = list(PLAIN_PLANTS) + [p for kind in ("int", "float", "date", "datetime") for p in typed_plants(kind)]
    report = leak_report([(f"output file {n} bytes", p.text) for n, p in enumerate(plants, start=1)])
    printed = "; ".join(report) + repr(plants) + pretty(plants) + repr(Built("text", [("x.txt", b"")], tuple(plants)))
    assert report, "the leak report must list the planted values it was shown"
    assert not found_in(printed), "a report or repr prints a planted value"


def _params() -> list[object]:
    return [pytest.param(kind, id=f"{kind}:nothing-planted") for kind in CONTENT]


@pytest.mark.parametrize("kind", _params())
@HEAVY
@given(data=st.data())
def test_a_document_with_nothing_planted_comes_out_whole_and_clean(shield, case, kind: str, data) -> None:
    # No false alarm from the checker on real outputs (markers, pseudonyms, manifests, PDF
    # bytes), and the structure of a document without victims survives as it is.
    built = BUILDERS[kind](data, CONTENT[kind], ())
    problems = problems_of(shield, case, built, data.draw(st.sampled_from(("api", "cli")), label="via"))
    assert not problems, "; ".join(problems)


def test_checker_still_sees_a_name_in_a_compressed_pdf_page_and_in_its_info(tmp_path) -> None:
    # Compressed stream bytes are blanked from the raw view (noise spelled a name there):
    # what they hold must still be seen decoded.
    import io

    from reportlab.pdfgen import canvas

    from .case import PLAIN_PLANTS
    from .leaks import file_views

    name = next(p for p in PLAIN_PLANTS if p.field == "name" and p.text.isascii())
    for where in ("page", "info"):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pageCompression=1)
        pdf.drawString(72, 720, name.text if where == "page" else "nothing here")
        if where == "info":
            pdf.setAuthor(name.text)
        pdf.showPage()
        pdf.save()
        path = tmp_path / f"{where}.pdf"
        path.write_bytes(buffer.getvalue())
        seen = set().union(*(found_in(text) for _, text in file_views(path, "output file 1")))
        assert set(name.labels) <= seen, f"the checker missed a name in the PDF's {where}"
