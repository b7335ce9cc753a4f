"""Word frequencies looked up on disk (detect/word_table.py) are wordfreq's own, word for word."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from victimshield.detect import word_table
from victimshield.normalize import fold

LANGUAGES = ("en", "ro", "es", "it", "pt", "uk", "ru", "fr", "de")


def _sample(language: str, every: int = 97) -> list[str]:
    from wordfreq import iter_wordlist

    return [w for i, w in enumerate(iter_wordlist(language)) if i % every == 0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_listed_words_have_wordfreqs_zipf(language: str) -> None:
    from wordfreq import zipf_frequency

    words = _sample(language)
    # Spelt as chats spell them too: capitalised, without diacritics, with digits, joined.
    words += [w.capitalize() for w in words[:300]] + [fold(w) for w in words[:300]]
    words += ["mașina", "până", "Ioana", "room101", "don't", "x-ray", "straße", "ÉCOLE", "", "   ", "12:30"]
    wrong = [i for i, w in enumerate(words) if word_table.zipf(w, language) != zipf_frequency(w, language)]
    assert wrong == [], f"{len(wrong)} of {len(words)} words differ (first at index {wrong[:1]})"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aăâbcdeéèfgiîklmnoóprsșştțuüzабвгдеєиіїклмнопрстуфхцчшщьюя0-' "),
               max_size=14),
       st.sampled_from(LANGUAGES))
def test_any_string_has_wordfreqs_zipf(word: str, language: str) -> None:
    from wordfreq import zipf_frequency

    assert word_table.zipf(word, language) == zipf_frequency(word, language)


@pytest.mark.parametrize("language", ["ro", "pt"])
def test_folded_spellings_have_their_commonest_words_zipf(language: str) -> None:
    from wordfreq import get_frequency_dict

    expected: dict[str, float] = {}
    for word, frequency in get_frequency_dict(language, wordlist="best").items():
        value = math.log10(frequency) + 9 if frequency > 0 else 0.0
        if value > expected.get(fold(word), 0.0):
            expected[fold(word)] = value
    keys = [*list(expected)[::53], "masina", "pana", "nosuchwordatall"]
    wrong = [k for k in keys if word_table.folded_zipf(k, language) != expected.get(k, 0.0)]
    assert wrong == []


def test_an_unwritable_cache_falls_back_to_wordfreq(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wordfreq import zipf_frequency

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("VICTIMSHIELD_CACHE", str(blocker / "cache"))
    table = word_table.word_table.__wrapped__("ro")
    assert "on_disk=False" in repr(table)
    for word in ("mașina", "până", "ioana", "casa"):
        assert table.zipf(word) == zipf_frequency(word, "ro")
    assert table.folded_zipf("masina") > 3


def test_a_forked_child_opens_its_own_connection() -> None:
    table = word_table.word_table("en")
    before = table.zipf("house")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: look up through the inherited table, report, leave at once
        os.close(read_end)
        os.write(write_end, repr(table.zipf("house")).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as handle:
        reported = handle.read()
    os.waitpid(pid, 0)
    assert float(reported) == before
    assert table.zipf("house") == before


def test_a_table_removed_before_it_is_read_gives_wordfreqs_numbers(tmp_path: Path) -> None:
    from wordfreq import zipf_frequency

    table = word_table.WordTable("ro", tmp_path / "removed-meanwhile.sqlite")
    assert table.zipf("casa") == zipf_frequency("casa", "ro")
    assert table.folded_zipf("masina") == word_table.word_table("ro").folded_zipf("masina") > 3
    assert "on_disk=False" in repr(table)
