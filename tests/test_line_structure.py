"""Structure is sacred: a name the NER reads across a line break never merges two lines."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import victimshield as vs
from tests.conftest import KEY
from victimshield.detect.lines import split_at_line_breaks
from victimshield.finding import Finding

BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]
GIVEN = ["Maria", "John", "Ioana", "Dave", "Olena", "Giulia"]
FAMILY = ["Gonzalez", "Smith", "Popescu", "Morgan", "Shevchenko", "Rossi"]
_BREAK_RE = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def test_a_finding_across_a_line_break_becomes_one_finding_per_line():
    text = "met Ioana \r\n  Popescu\n\nthere"
    pieces = split_at_line_breaks(text, [Finding(4, 22, "PERSON", 0.9, "test")])
    assert [text[f.start:f.end] for f in pieces] == ["Ioana", "Popescu"]
    assert all(f.entity_type == "PERSON" and f.recognizer == "test" for f in pieces)


def test_findings_within_a_line_are_untouched():
    finding = Finding(0, 5, "PERSON", 0.9, "test")
    assert split_at_line_breaks("Ioana\nwent home", [finding]) == [finding]


_SHIELD: list[vs.Shield] = []


def _shield() -> vs.Shield:
    if not _SHIELD:
        _SHIELD.append(vs.Shield.from_files("ro-to-gb", "GB", key=KEY))
    return _SHIELD[0]


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(GIVEN), st.sampled_from(BREAKS), st.sampled_from(FAMILY)), min_size=1, max_size=4
    )
)
def test_redacted_text_keeps_every_line_break_in_order(names):
    text = " ".join(f"Statement of {g}{b}{f} taken on Monday." for g, b, f in names)
    out = _shield().redact_text(text).text
    assert [m.group() for m in _BREAK_RE.finditer(out)] == [m.group() for m in _BREAK_RE.finditer(text)]
