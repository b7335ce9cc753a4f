"""Headers and category cells the NER calls organisations, made only of ordinary words, stay."""

import pytest

from victimshield.detect.ordinary import drop_ordinary_organizations, is_ordinary_label
from victimshield.finding import Finding


@pytest.mark.parametrize("label", ["Transaction Date", "Running Balance", "Payment/Credit", "CAPITAL ONE"])
def test_ordinary_labels(label):
    assert is_ordinary_label(label)


@pytest.mark.parametrize("label", ["BMO HARRIS BANK", "Will Rose", "DIICOT", "Ioana Popescu"])
def test_labels_with_a_name_or_an_unknown_word_stay_findings(label):
    assert not is_ordinary_label(label)


def test_only_ner_organisations_in_short_labels_are_dropped():
    ner = Finding(0, 16, "ORGANIZATION", 0.85, "SpacyRecognizer")
    assert drop_ordinary_organizations("Transaction Date", [ner]) == []
    pattern = Finding(0, 16, "ORGANIZATION", 0.85, "SpacyRecognizer+roster")
    assert drop_ordinary_organizations("Transaction Date", [pattern]) == [pattern]
    sentence = "The Transaction Date column was changed by the bank after the complaint."
    in_text = Finding(4, 20, "ORGANIZATION", 0.85, "SpacyRecognizer")
    assert drop_ordinary_organizations(sentence, [in_text]) == [in_text]
