"""Recognizers whose logic needs Python (see ``SpanRecognizer`` in ``detect.engine``).

``default_span_recognizers`` builds the set a run uses; ``regions`` are the
ISO 3166 codes the policy (``from``, ``to``) and the roster's phone numbers suggest.
One module per family; the declarative ones are the YAML files in ``recognizers/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from victimshield.detect.engine import SpanRecognizer
from victimshield.detect.gazetteer import WordFrequencies
from victimshield.detect.span_recognizers.crypto import CryptoWallets
from victimshield.detect.span_recognizers.finance import Ibans, PaymentCards
from victimshield.detect.span_recognizers.mrz import MachineReadableZones
from victimshield.detect.span_recognizers.national_ids import NationalIds
from victimshield.detect.span_recognizers.person_names import PersonNames
from victimshield.detect.span_recognizers.personal import Ages, DatesOfBirth
from victimshield.detect.span_recognizers.phones import PhoneNumbers
from victimshield.detect.span_recognizers.places import Coordinates, IpAddresses
from victimshield.detect.span_recognizers.telecom import SimIdentifiers
from victimshield.normalize import NumberReveals


def default_span_recognizers(regions: Sequence[str], as_of: dt.date | None = None) -> list[SpanRecognizer]:
    """``as_of`` is the export day: a date of birth under 18 on it makes the span a minor's.

    The number recognizers share one memory of revealed texts; it lives as long as they do."""
    reveal = NumberReveals()
    return [
        PhoneNumbers(regions, reveal=reveal),
        MachineReadableZones(),
        NationalIds(reveal=reveal),
        Ibans(reveal),
        PaymentCards(reveal),
        CryptoWallets(),
        SimIdentifiers(reveal),
        DatesOfBirth(as_of),
        Ages(),
        PersonNames(WordFrequencies()),
        Coordinates(),
        IpAddresses(),
    ]
