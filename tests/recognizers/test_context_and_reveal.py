"""The shared context-word check and the hidden-number projection."""

from __future__ import annotations

import pytest

from victimshield.detect.context import has_context
from victimshield.normalize import reveal_numbers


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("MTCN 7391046285", ("mtcn",), True),
        ("7391046285 (MTCN)", ("mtcn",), True),
        ("Western Union: 7391046285", ("western union",), True),
        ("pașaportul 054123987", ("pasaport",), True),
        ("Passports: 054123987", ("passport",), True),
        ("Wuhan order 7391046285", ("wu",), False),
        ("control 7391046285", ("cont",), False),
        ("adobe 7391046285", ("dob",), False),
        ("MTCN" + " " * 60 + "7391046285", ("mtcn",), False),
    ],
)
def test_context_words(text: str, words: tuple[str, ...], expected: bool) -> None:
    start = text.index("7391046285") if "7391046285" in text else text.index("054123987")
    end = start + (10 if "7391046285" in text else 9)
    assert has_context(text, start, end, words) is expected


@pytest.mark.parametrize(
    ("text", "revealed"),
    [
        ("call 0 7 2 3 4 5 6 7 8 9 now", "call 0723456789 now"),
        ("zero seven two three four five six", "0723456"),
        ("O723 456 789", "0723456789"),
        ("+4 0 7 2 3 4 5 6 7 8 9", "+40723456789"),
        ("０７２３４５６７８９", "0723456789"),
        ("07🔥23🔥456🔥789", "0723456789"),
        ("doi trei unu", "doi trei unu"),
        ("I paid 200 300 and 400", "I paid 200 300 and 400"),
        ("0723 456 789", "0723 456 789"),
        ("0723 o 0745", "0723 o 0745"),
    ],
)
def test_reveal_numbers(text: str, revealed: str) -> None:
    assert reveal_numbers(text).text == revealed


def test_reveal_maps_words_back_to_whole_words() -> None:
    text = "x seven two three four five six y"
    projection = reveal_numbers(text)
    start = projection.text.index("7")
    assert projection.span(start, start + 6) == (2, len(text) - 2)
