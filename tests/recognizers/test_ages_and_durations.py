"""A span of time is not an age: "condannato a 4 anni" is a sentence, "hace 3 años" a date."""

from __future__ import annotations

import pytest

from victimshield.detect.span_recognizers.personal import Ages


@pytest.mark.parametrize("text", [
    "È stato condannato a 4 anni di reclusione.",
    "Hace 3 años llegó a Madrid.",
    "A fost condamnat la 7 ani de închisoare.",
    "Lo vide 10 anni fa a Napoli.",
    "Він отримав 8 років позбавлення волі.",
])
def test_durations_are_not_ages(text):
    assert Ages().find(text) == []


@pytest.mark.parametrize("text,minor", [
    ("She was 15 years old.", True),
    ("Ha 14 anni e vive a Roma.", True),
    ("Tiene 16 años.", True),
    ("Їй 15 років.", True),
    ("The driver is 45 years old.", False),
])
def test_ages_are_still_ages(text, minor):
    found = Ages().find(text)
    assert found and all(f.minor is minor for f in found)  # two patterns may both read one age
