"""Issue 8 properties: PDFs, every position.

Page text, Info metadata, annotation text and author, outline titles, form field
values and attachment names; text read back with pypdf and pdfminer.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .case import ANY_FIELD, pool
from .conftest import HEAVY
from .harness import params, property_problems

CASES = {
    ("pdf", "page text"): pool(*ANY_FIELD, latin1=True),  # the drawing font has no Romanian letters
    ("pdf", "metadata"): pool(*ANY_FIELD),
    ("pdf", "annotation text"): pool(*ANY_FIELD),
    ("pdf", "annotation author"): pool("name"),
    ("pdf", "outline title"): pool(*ANY_FIELD),
    ("pdf", "form field value"): pool(*ANY_FIELD, latin1=True),
    ("pdf", "attachment name"): pool("name", "document", name_safe=True),
}
XFAIL: dict[tuple[str, str], str] = {}



@pytest.mark.parametrize(("kind", "position"), params(CASES, XFAIL))
@HEAVY
@given(data=st.data())
def test_no_victim_value_survives_and_structure_holds(shield, case, kind: str, position: str, data) -> None:
    problems = property_problems(shield, case, data, kind, position, CASES[(kind, position)])
    assert not problems, "; ".join(problems)
