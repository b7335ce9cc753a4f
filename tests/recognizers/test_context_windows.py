"""A context word counts only where a whole word lies inside the window (detect/context.py):
a piece of a word the window's edge cuts is no context ("phone" cut to "ne" is no "né"). The bug made
verification refuse a statement whose dates had "phone" 40 characters before them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from victimshield.detect.context import has_context
from victimshield.detect.span_recognizers.personal import DatesOfBirth

CONTEXT = ("ne", "nee", "dob", "b.")
VOCABULARY = ["ne", "nee", "dob", "b.", "phone", "one", "needle", "adobe", "bob", "done", "x", "12", "on", "nene"]


def _tokens(words: list[str]) -> tuple[str, list[int]]:
    starts, text = [], ""
    for word in words:
        text += " " if text else ""
        starts.append(len(text))
        text += word
    return text, starts


@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14), st.data())
def test_context_is_a_whole_context_word_inside_a_window(words: list[str], data: st.DataObject) -> None:
    text, starts = _tokens(words)
    target = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    start, end = starts[target], starts[target] + len(words[target])
    before, after = data.draw(st.integers(0, 30)), data.draw(st.integers(0, 30))
    expected = any(
        word in CONTEXT and i != target
        and ((start - before <= s < start) or (end <= s and s + len(word) <= end + after))
        for i, (word, s) in enumerate(zip(words, starts, strict=True))
    )
    assert has_context(text, start, end, CONTEXT, before=before, after=after) is expected


def test_a_cut_word_before_a_date_is_no_birth_word() -> None:
    finder = DatesOfBirth(dt.date(2026, 11, 29))
    # 40 characters before the second date the window cuts "phone" to "ne" (French: born).
    statement = "had her phone (+40 717 189 \n\nOn 13 March 2026 \n\nOn 13 March 2026 told officers"
    assert finder.find(statement) == []
    born = finder.find("She was born on 13 March 2010 in Iasi")
    assert [(f.entity_type, f.minor) for f in born] == [("DATE_OF_BIRTH", True)]
    assert finder.find("Anne, née Popa, 13 March 2010")
