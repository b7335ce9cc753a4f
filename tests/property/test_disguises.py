"""Issue 8 properties: roster values in disguise.

Zero-width and other invisible characters inside, dotted or spaced letters, Cyrillic
look-alike letters, a name stored backwards behind a right-to-left override: after
redaction none of them may survive, which the checker sees through (it folds invisible
characters, homoglyphs, case and diacritics away). One test per (disguise, carrier format).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .case import DISGUISES, Plant, disguisable, disguise
from .conftest import PROPERTY
from .harness import params, property_problems

CARRIERS = {"text": "body", "whatsapp": "message text", "json": "string value", "csv": "text cell"}
XFAIL: dict[tuple[str, str], str] = {}  # every disguise is caught since issue 8's fixes



def disguised_pool(how: str) -> tuple[Plant, ...]:
    # Two variants each (which invisible character, which letters swapped); one where both are alike.
    variants = {repr(d): d for plant in disguisable(how) for pick in (0, 1) for d in [disguise(plant, how, pick)]}
    return tuple(variants.values())



@pytest.mark.parametrize(("how", "kind"), params(((how, kind) for how in DISGUISES for kind in CARRIERS), XFAIL))
@PROPERTY
@given(data=st.data())
def test_disguised_victim_value_does_not_survive(shield, case, how: str, kind: str, data) -> None:
    problems = property_problems(shield, case, data, kind, CARRIERS[kind], disguised_pool(how))
    assert not problems, "; ".join(problems)
