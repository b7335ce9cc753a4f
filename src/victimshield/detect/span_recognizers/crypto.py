"""Crypto wallet addresses that pass their own checksum.

- Bitcoin legacy (``1…``/``3…``): base58check, version byte 0x00 or 0x05.
- Bitcoin SegWit (``bc1…``): bech32 (v0) or bech32m (v1+), as BIP 173/350 say.
- Ethereum (``0x`` + 40 hex): all one case has no checksum and counts; mixed
  case must pass EIP-55 (keccak-256 of the lower-case address).
- TRON (``T…``): base58check of 21 bytes, version byte 0x41.
"""

from __future__ import annotations

import re

import base58
import bech32m
from Crypto.Hash import keccak

from victimshield.finding import Finding

_BASE58 = "1-9A-HJ-NP-Za-km-z"
_BTC_LEGACY = re.compile(rf"(?<![\w])[13][{_BASE58}]{{25,34}}(?![\w])")
_BTC_SEGWIT = re.compile(r"(?<![\w])(?:bc1|BC1|tb1|TB1)[ac-hj-np-zAC-HJ-NP-Z02-9]{8,87}(?![\w])")
_ETH = re.compile(r"(?<![\w])0x[0-9a-fA-F]{40}(?![\w])")
_TRON = re.compile(rf"(?<![\w])T[{_BASE58}]{{33}}(?![\w])")
_SCORE = 1.0


def _base58check(value: str) -> bytes | None:
    try:
        return base58.b58decode_check(value)
    except ValueError:
        return None


def btc_legacy_is_valid(address: str) -> bool:
    payload = _base58check(address)
    return payload is not None and len(payload) == 21 and payload[0] in (0x00, 0x05)


def btc_segwit_is_valid(address: str) -> bool:
    lowered = address.lower()
    if address not in (lowered, address.upper()):
        return False  # bech32 forbids mixed case
    try:
        bech32m.decode(lowered[:2], lowered)
    except bech32m.DecodeError:
        return False
    return True


def eth_is_valid(address: str) -> bool:
    body = address[2:]
    if body == body.lower() or body == body.upper():
        return True
    digest = keccak.new(digest_bits=256, data=body.lower().encode("ascii")).hexdigest()
    return all(
        (char.isupper() if int(nibble, 16) >= 8 else char.islower()) if char.isalpha() else True
        for char, nibble in zip(body, digest, strict=False)
    )


def tron_is_valid(address: str) -> bool:
    payload = _base58check(address)
    return payload is not None and len(payload) == 21 and payload[0] == 0x41


_KINDS = (
    ("btc_legacy", _BTC_LEGACY, btc_legacy_is_valid),
    ("btc_segwit", _BTC_SEGWIT, btc_segwit_is_valid),
    ("eth", _ETH, eth_is_valid),
    ("tron", _TRON, tron_is_valid),
)


class CryptoWallets:
    name = "crypto_wallet"

    def __repr__(self) -> str:
        return "CryptoWallets()"

    def find(self, text: str) -> list[Finding]:
        found = []
        for key, pattern, is_valid in _KINDS:
            for match in pattern.finditer(text):
                if is_valid(match.group()):
                    found.append(Finding(match.start(), match.end(), "CRYPTO", _SCORE, f"{self.name}.{key}"))
        return found
