"""Re-identification by the sender, who holds the case key (docs/record.md).

- A roster party's pseudonym (``VICTIM-3f9a1c2b``, ``PHONE-…``) is recomputed from each
  party's id with the case key and matched: the token's hex digits are a prefix of the
  party's HMAC, whatever pseudonym length the policy set.
- ``[ENC:…]`` tokens are decrypted (AES-SIV). One that this key did not make refuses the
  whole call (``UsageError``, exit 2): nothing partial is shown.
- Other pseudonyms (people not in the roster) map back through the sender-side lookup
  written at redaction time (``record/lookup.py``); a lookup of another key refuses the call.

What is found is for the key holder: values are returned, never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag

from victimshield.errors import UsageError, VictimShieldError
from victimshield.record.lookup import Lookup, read_lookup
from victimshield.roster.model import Party, Roster
from victimshield.transform.actions import LABELS, Encryptor
from victimshield.transform.keys import CaseKey, key_source
from victimshield.vocabulary import Role

_PSEUDONYM = re.compile(r"([A-Z][A-Z_]{1,20})-([0-9a-f]{6,64})")
_ENCRYPTED = re.compile(r"\[ENC:[A-Za-z0-9_\-]+\]")
_PERSON_LABELS = frozenset(r.value.upper() for r in Role)

PARTY, VALUE, DECRYPTED, NOT_FOUND = "party", "value", "decrypted", "not found"


@dataclass(frozen=True)
class Reidentified:
    """One token and what stands behind it. ``found``: ``party`` (a roster party's id),
    ``value`` (from the sender lookup), ``decrypted``, or ``not found``. Its repr shows no value."""

    token: str
    found: str
    party: str | None = None
    role: str | None = None
    entity_type: str | None = None
    values: tuple[str, ...] = field(default=(), repr=False)
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.found != NOT_FOUND

    def describe(self) -> str:
        """One line for the key holder (it shows the values)."""
        if self.found == PARTY:
            return f"{self.token}\tparty {self.party} ({self.role}, {self.entity_type})"
        if self.found in (VALUE, DECRYPTED):
            return f"{self.token}\t{self.found}: " + " | ".join(self.values)
        return f"{self.token}\tnot found: {self.reason}"


def reidentify(tokens: Iterable[str], *, key: bytes | str | None = None, key_file: str | Path | None = None,
               roster: Roster | str | Path | None = None, lookup: str | Path | None = None) -> list[Reidentified]:
    """What each token stands for, in order. ``key``/``key_file``: the case key the export
    was made with; ``roster``: its parties (a ``Roster`` or its file); ``lookup``: the sender
    lookup (``OUT.sender/lookup.enc``). Raises ``UsageError`` (exit 2) without a key, or when
    the lookup or an ``[ENC:…]`` token was made with another key: then nothing is returned."""
    source = key_source(key, key_file)
    if source is None:
        raise UsageError("reidentify needs the case key the export was made with (--key-file)")
    case_key = CaseKey(source.secret)
    parties = _roster(roster).parties if roster is not None else []
    known: Lookup = read_lookup(lookup, source.secret) if lookup is not None else {}
    encryptor = Encryptor(case_key.encryption_key)
    return [_one(str(t).strip(), case_key, parties, known, encryptor) for t in tokens]


def _roster(roster: Roster | str | Path) -> Roster:
    if isinstance(roster, Roster):
        return roster
    from victimshield.roster.load import load_roster

    return load_roster(roster)


def _one(token: str, key: CaseKey, parties: list[Party], known: Lookup, encryptor: Encryptor) -> Reidentified:
    if _ENCRYPTED.fullmatch(token):
        try:
            return Reidentified(token, DECRYPTED, values=(encryptor.decrypt(token),))
        except InvalidTag:
            raise UsageError("an [ENC:…] token was not made with this key (nothing was re-identified)") from None
        except (VictimShieldError, ValueError):
            return Reidentified(token, NOT_FOUND, reason="not a VictimShield [ENC:…] token")
    match = _PSEUDONYM.fullmatch(token)
    if match is None:
        return Reidentified(token, NOT_FOUND, reason="not a pseudonym or an [ENC:…] token")
    if token in known:
        return Reidentified(token, VALUE, values=known[token])
    label, digits = match.groups()
    matches = [(party, etype) for party in parties for etype in _types(label)
               if _digest(key, party.id, etype).startswith(digits)]
    if len(matches) == 1:
        party, etype = matches[0]
        return Reidentified(token, PARTY, party=party.id, role=party.role.value, entity_type=etype)
    if len(matches) > 1:  # a prefix shared by two parties: say so rather than pick one
        return Reidentified(token, NOT_FOUND, reason="more than one roster party has this pseudonym")
    return Reidentified(token, NOT_FOUND, reason="no roster party and no sender lookup entry has this pseudonym")


def _types(label: str) -> tuple[str, ...]:
    """The entity types a pseudonym's label may stand for (a person's label is a role)."""
    if label in _PERSON_LABELS:
        return ("PERSON",)
    return tuple(etype for etype, short in LABELS.items() if short == label) or (label,)


def _digest(key: CaseKey, party: str, entity_type: str) -> str:
    # As ``Pseudonymizer.for_finding`` keys a roster party's tokens: over its id, not its text.
    source = f"party\x1f{party}" if entity_type == "PERSON" else f"party\x1f{party}\x1f{entity_type}"
    return hmac.new(key.pseudonym_key, source.encode(), hashlib.sha256).hexdigest()
