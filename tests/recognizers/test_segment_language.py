"""Each segment's language: its own when clear, else its document's, else the case's (issue 9)."""

from __future__ import annotations

from victimshield.detect.language import languages_for_regions, segment_languages


def test_short_texts_with_no_signal_take_the_case_languages_never_none():
    assert segment_languages(["ok", "da", "10:30"], ("ro", "en")) == [("ro", "en")] * 3


def test_a_short_message_takes_its_documents_language():
    texts = [
        "Bună ziua, am ajuns la gară și vă aștept lângă casa de bilete până la ora cinci.",
        "ok",
        "Mulțumesc frumos, ne vedem mâine dimineață la birou, nu uitați actele.",
    ]
    assert segment_languages(texts, ("en",)) == [("ro",), ("ro",), ("ro",)]


def test_a_clear_segment_keeps_its_own_language_in_a_mixed_chat():
    texts = [
        "Bună ziua, am ajuns la gară și vă aștept lângă casa de bilete până la ora cinci.",
        "Доброго вечора, я вже приїхала на вокзал і чекаю біля каси до п'ятої години.",
    ]
    assert segment_languages(texts, ("ro",)) == [("ro",), ("uk",)]


def test_the_case_languages_come_from_its_countries():
    assert languages_for_regions(["RO", "GB"]) == ("ro", "en")
    assert languages_for_regions(["UA", "PL", "UA"]) == ("uk", "pl")
    assert languages_for_regions([]) == ("en",)
