"""Issue 8 properties: file and folder names, for every format.

A statement named after its victim is evidence too.
The document's content holds no plant, so only the name can leak. One test per format.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .case import pool
from .conftest import HEAVY
from .docs_text import Built
from .harness import BUILDERS, draw_plants, params, problems_of

# Where each builder puts nothing when given no plants.
CONTENT = {"text": "body", "whatsapp": "message text", "mt940": ":86: details", "json": "string value",
           "telegram": "message text", "messenger": "message content", "csv": "text cell", "tsv": "text cell",
           "xlsx": "text cell", "parquet": "text cell", "jsonl": "string value", "pdf": "page text"}
NAME_POOL = pool("name", "phone", "email", "document", "date of birth", name_safe=True)
XFAIL: dict[tuple[str, str], str] = {}




@pytest.mark.parametrize(("kind", "position"), params(((kind, "file name") for kind in CONTENT), XFAIL))
@HEAVY
@given(data=st.data())
def test_no_victim_value_survives_in_a_file_name(shield, case, kind: str, position: str, data) -> None:
    plants = draw_plants(data, NAME_POOL, most=1)
    built = BUILDERS[kind](data, CONTENT[kind], ())
    (relative, blob), = built.files
    stem, dot, extension = relative.rpartition(".")
    named = Built(kind, [(f"{stem} {plants[0].text}{dot}{extension}", blob)], plants)
    problems = problems_of(shield, case, named, data.draw(st.sampled_from(("api", "cli")), label="via"))
    assert not problems, "; ".join(problems)


@HEAVY
@given(data=st.data())
def test_no_victim_value_survives_in_a_folder_name(shield, case, data) -> None:
    plants = draw_plants(data, NAME_POOL, most=1)
    first = BUILDERS["text"](data, "body", ()).files[0][1]
    second = BUILDERS["text"](data, "body", ()).files[0][1]
    folder = f"interviews {plants[0].text}"
    built = Built("text", [(f"{folder}/first.txt", first), (f"{folder}/second.md", second)], plants, suspect=True)
    problems = problems_of(shield, case, built, data.draw(st.sampled_from(("api", "cli")), label="via"))
    assert not problems, "; ".join(problems)
