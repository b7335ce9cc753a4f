"""The sender-side lookup: which original values stand behind the pseudonyms of people
who are not in the roster (a roster party's pseudonym is recomputed from its id instead).

Written at redaction time OUTSIDE the export (``OUT.sender/lookup.enc`` by default), owner-only,
encrypted with AES-256-GCM under a key derived from the case key (HKDF-SHA256, info
``victimshield lookup v1``), so the recipient never gets it and whoever finds it without the
key learns nothing. ``key_id`` (an HMAC of a fixed label under the derived key) tells a wrong
key apart from a damaged file, revealing nothing of the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from victimshield.decide import Decision
from victimshield.errors import UsageError
from victimshield.finding import Segment
from victimshield.transform.keys import derive_purpose_key
from victimshield.vocabulary import Action

LOOKUP_FILE = "lookup.enc"
LOOKUP_FORMAT = "victimshield sender lookup v1"
LOOKUP_KEY_INFO = b"victimshield lookup v1"
_KEY_ID_LABEL = b"victimshield lookup key id v1"
CIPHER = "AES-256-GCM"
KEY_DERIVATION = f"HKDF-SHA256(case key, info={LOOKUP_KEY_INFO.decode('ascii')!r})"
NOT_THIS_KEY = "this lookup was not made with this key (nothing was re-identified)"
NOT_A_LOOKUP = "this file is not a VictimShield sender lookup (or it was changed)"

Lookup = dict[str, tuple[str, ...]]  # pseudonym -> the original written forms behind it


def lookup_key(secret: bytes) -> bytes:
    return derive_purpose_key(secret, LOOKUP_KEY_INFO)


def _key_id(key: bytes) -> str:
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def unknown_people(segments: Sequence[Segment], decisions: Iterable[tuple[int, Decision]],
                   replacement: Callable[[Decision, str], str]) -> Lookup:
    """Pseudonym -> original values, for each pseudonymized finding without a roster party.

    ``decisions`` are (segment index, decision) of the first pass; ``replacement(decision,
    value)`` gives the token the transform wrote (the same keyed, deterministic call)."""
    found: dict[str, dict[str, None]] = {}
    for index, decision in decisions:
        finding = decision.finding
        if finding.party is not None or str(decision.action) != Action.PSEUDONYMIZE.value:
            continue
        value = segments[index].text[finding.start : finding.end]
        found.setdefault(replacement(decision, value), {})[value] = None
    return {token: tuple(values) for token, values in found.items()}


def merge(into: dict[str, dict[str, None]], more: Mapping[str, Sequence[str]]) -> None:
    for token, values in more.items():
        for value in values:
            into.setdefault(token, {})[value] = None


def lookup_bytes(entries: Mapping[str, Sequence[str]], secret: bytes) -> bytes:
    """The encrypted lookup file's content (a small JSON envelope; the mapping is inside the
    ciphertext, authenticated together with the envelope's format line)."""
    key = lookup_key(secret)
    nonce = secrets.token_bytes(12)
    plain = json.dumps({"tokens": {t: list(v) for t, v in sorted(entries.items())}}, ensure_ascii=False,
                       sort_keys=True).encode("utf-8")
    sealed = AESGCM(key).encrypt(nonce, plain, LOOKUP_FORMAT.encode("ascii"))
    envelope = {"format": LOOKUP_FORMAT, "cipher": CIPHER, "key": KEY_DERIVATION,
                "key_id": _key_id(key), "nonce": base64.b64encode(nonce).decode("ascii"),
                "data": base64.b64encode(sealed).decode("ascii")}
    return (json.dumps(envelope, indent=2) + "\n").encode("ascii")


def read_lookup(path: str | Path, secret: bytes) -> Lookup:
    """The mapping in a lookup file; ``UsageError`` (exit 2) for another key or a damaged file."""
    try:
        envelope = json.loads(Path(path).read_bytes())
    except OSError as exc:
        raise UsageError(f"lookup: cannot read it ({type(exc).__name__})") from None
    except ValueError:
        raise UsageError(NOT_A_LOOKUP) from None
    if not isinstance(envelope, dict) or envelope.get("format") != LOOKUP_FORMAT:
        raise UsageError(NOT_A_LOOKUP)
    key = lookup_key(secret)
    if not hmac.compare_digest(str(envelope.get("key_id", "")), _key_id(key)):
        raise UsageError(NOT_THIS_KEY)
    try:
        nonce = base64.b64decode(str(envelope["nonce"]), validate=True)
        sealed = base64.b64decode(str(envelope["data"]), validate=True)
        plain = json.loads(AESGCM(key).decrypt(nonce, sealed, LOOKUP_FORMAT.encode("ascii")))
        tokens = plain["tokens"]
        return {str(t): tuple(str(v) for v in values) for t, values in tokens.items()}
    except (KeyError, ValueError, TypeError, AttributeError, InvalidTag):
        raise UsageError(NOT_A_LOOKUP) from None


def write_owner_only(path: Path, data: bytes) -> None:
    """``data`` at ``path``, mode 0600 from its first byte, replacing an earlier file whole."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
