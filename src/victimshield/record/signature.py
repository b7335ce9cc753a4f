"""The transfer record's signature: HMAC-SHA256 over the record's canonical JSON.

The key is derived from the case key (HKDF, info ``victimshield manifest v1``); the record
lists every output file's sha256, so the one signature covers the record and every file.
``key_id`` (an HMAC of a fixed label under the same derived key) tells a wrong key from a
changed record without revealing anything of the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from victimshield.transform.keys import MANIFEST_KEY_INFO, derive_manifest_key

SIGNATURE = "signature"
ALGORITHM = "HMAC-SHA256"
KEY_DERIVATION = f"HKDF-SHA256(case key, info={MANIFEST_KEY_INFO.decode('ascii')!r})"
_KEY_ID_LABEL = b"victimshield manifest key id v1"


def canonical_json(record: Mapping[str, Any]) -> bytes:
    """The record as signed: sorted keys, no spaces, UTF-8; the signature block left out."""
    unsigned = {k: v for k, v in record.items() if k != SIGNATURE}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def key_id(manifest_key: bytes) -> str:
    return hmac.new(manifest_key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def signature_value(manifest_key: bytes, record: Mapping[str, Any]) -> str:
    return hmac.new(manifest_key, canonical_json(record), hashlib.sha256).hexdigest()


def sign_record(record: dict[str, Any], case_secret: bytes) -> dict[str, Any]:
    """``record`` with its signature block (a new dict; the given one is not changed)."""
    manifest_key = derive_manifest_key(case_secret)
    signed = {k: v for k, v in record.items() if k != SIGNATURE}
    signed[SIGNATURE] = {"algorithm": ALGORITHM, "key": KEY_DERIVATION, "key_id": key_id(manifest_key),
                         "covers": "canonical JSON of this record without 'signature' (every file's sha256 in it)",
                         "value": signature_value(manifest_key, signed)}
    return signed


UNSIGNED_REASON = "no case key was given (the policy needs none): nothing to sign with"


def unsigned_record(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` marked unsigned: ``manifest verify`` says so instead of passing it."""
    marked = {k: v for k, v in record.items() if k != SIGNATURE}
    marked[SIGNATURE] = {"algorithm": None, "unsigned": UNSIGNED_REASON}
    return marked
