"""Issue 8 properties: plain text, WhatsApp exports and SWIFT statements, every position.

Each test is one (format, position) family: a random document of that format with one
or two roster values of the victim or the minor planted there (in any contract form),
redacted through the CLI or the API; nothing of them may survive anywhere, and the
structure must not change. A family that fails on today's code is a strict xfail
naming what leaks, so the lead sees which flip once the fixes land.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .case import ANY_FIELD, pool
from .conftest import PROPERTY
from .harness import params, property_problems

CASES = {
    ("text", "body"): pool(*ANY_FIELD),
    ("text", "body, capitalised lines"): pool(*ANY_FIELD),
    ("whatsapp", "message text"): pool(*ANY_FIELD),
    ("whatsapp", "author"): pool("name", "phone"),
    ("whatsapp", "contact card"): pool("name"),
    ("whatsapp", "attachment name"): pool("name", "document", name_safe=True),
    ("whatsapp", "system line"): pool("name", "phone"),
    ("mt940", ":86: details"): pool(*ANY_FIELD),
    ("mt940", ":25: account"): pool("IBAN"),
    ("mt940", ":59: beneficiary"): pool("name", "IBAN"),
}
XFAIL: dict[tuple[str, str], str] = {
}



@pytest.mark.parametrize(("kind", "position"), params(CASES, XFAIL))
@PROPERTY
@given(data=st.data())
def test_no_victim_value_survives_and_structure_holds(shield, case, kind: str, position: str, data) -> None:
    problems = property_problems(shield, case, data, kind, position, CASES[(kind, position)])
    assert not problems, "; ".join(problems)
