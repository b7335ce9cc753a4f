"""Issue 8 properties: Telegram and Messenger exports and other JSON, every position.

One test per (format, position) family, as in ``test_text_chats``: string values, object
keys, numbers, author and chat names, shared contacts, attachment names.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .case import ANY_FIELD, pool, typed_plants
from .conftest import PROPERTY
from .harness import params, property_problems

CASES = {
    ("json", "string value"): pool(*ANY_FIELD),
    ("json", "object key"): pool(*ANY_FIELD),
    ("json", "int value"): typed_plants("int"),
    ("json", "float value"): typed_plants("float"),
    ("telegram", "message text"): pool(*ANY_FIELD),
    ("telegram", "text entity"): pool("name", "phone", "email"),
    ("telegram", "author"): pool("name"),
    ("telegram", "chat name"): pool("name"),
    ("telegram", "shared contact"): pool("name", "phone"),
    ("telegram", "number value"): typed_plants("int"),
    ("telegram", "object key"): pool(*ANY_FIELD),
    ("telegram", "attachment name"): pool("name", "document", name_safe=True),
    ("messenger", "message content"): pool(*ANY_FIELD),
    ("messenger", "sender name"): pool("name"),
    ("messenger", "title"): pool("name"),
    ("messenger", "object key"): pool(*ANY_FIELD),
    ("messenger", "attachment name"): pool("name", "document", name_safe=True),
}
XFAIL: dict[tuple[str, str], str] = {}  # every position holds since issue 8's fixes



@pytest.mark.parametrize(("kind", "position"), params(CASES, XFAIL))
@PROPERTY
@given(data=st.data())
def test_no_victim_value_survives_and_structure_holds(shield, case, kind: str, position: str, data) -> None:
    problems = property_problems(shield, case, data, kind, position, CASES[(kind, position)])
    assert not problems, "; ".join(problems)
