"""Presidio's phone recognizer, run only on texts that can hold a phone number.

Presidio's ``PhoneRecognizer`` runs phonenumbers' matcher once for each of its regions
(eight by default) over every text: on the varied chat benchmark it was a fifth of
Presidio's analysis, most of it on messages with no number at all. A number the matcher
accepts (leniency VALID) is a valid number, so it has at least as many digits as the
shortest national number any region or non-geographic entity allows (phonenumbers'
metadata says 4), and the matcher reads digits only (letters never make a number). A text
with fewer digit characters holds no such number: there the recognizer is not run. The
findings are the same; only the time differs (tests/recognizers/test_phone_guard.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


@functools.lru_cache(maxsize=1)
def fewest_phone_digits() -> int:
    """The fewest digits of any valid phone number in phonenumbers' metadata (its
    shortest possible national number), read from the installed package, so an update
    of the package that allows shorter numbers lowers it."""
    from phonenumbers import PhoneMetadata
    from phonenumbers.phonenumberutil import COUNTRY_CODES_FOR_NON_GEO_REGIONS, SUPPORTED_REGIONS

    metadata = [PhoneMetadata.metadata_for_region(region) for region in SUPPORTED_REGIONS]
    metadata += [PhoneMetadata.metadata_for_nongeo_region(code) for code in COUNTRY_CODES_FOR_NON_GEO_REGIONS]
    lengths = [
        length
        for one in metadata
        if one is not None and one.general_desc is not None
        for length in (one.general_desc.possible_length or ())
        if length > 0
    ]
    # No lengths at all would be a package we do not understand: then never skip.
    return min(lengths, default=0)


def digit_count(text: str) -> int:
    # str.isdigit holds for every decimal digit phonenumbers reads (any script's, full
    # width) and for a few more (superscripts): it can only over-count, never skip a number.
    return sum(1 for character in text if character.isdigit())


def can_hold_phone_number(text: str) -> bool:
    fewest = fewest_phone_digits()
    return fewest == 0 or digit_count(text) >= fewest


def guard_phone_recognizer(recognizer: Any) -> None:
    """Make this (Presidio ``PhoneRecognizer``) instance skip texts too short of digits to
    hold a number; its name, entities, context words and results are unchanged."""
    analyze: Callable[..., Any] = recognizer.analyze

    def guarded(*args: Any, **kwargs: Any) -> Any:
        text = kwargs["text"] if "text" in kwargs else args[0]
        if not can_hold_phone_number(text):
            return []
        return analyze(*args, **kwargs)

    recognizer.analyze = guarded
