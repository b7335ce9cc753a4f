"""The per-case key: where it comes from, and the sub-keys derived from it.

Pseudonyms (HMAC-SHA256) and encryption (AES-SIV) use separate keys derived
with HKDF, so a pseudonym tells nothing about a ciphertext and the reverse.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from victimshield.errors import KeyRequiredError, UsageError

ENV_KEY = "VICTIMSHIELD_KEY"
ENV_KEY_FILE = "VICTIMSHIELD_KEY_FILE"
MIN_KEY_BYTES = 16
HOW_TO_GIVE_A_KEY = (
    f"give the case key with --key-file FILE, or set {ENV_KEY_FILE} (a file) or {ENV_KEY} "
    "(hex or base64); make one with: python -c \"import secrets; print(secrets.token_hex(32))\" > case.key"
)


def _decode(text: str) -> bytes:
    stripped = text.strip()
    try:
        return bytes.fromhex(stripped)
    except ValueError:
        pass
    try:
        return base64.b64decode(stripped, validate=True)
    except (binascii.Error, ValueError):
        return stripped.encode()


def read_key_file(path: str | Path) -> bytes:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"key file {path}: cannot read ({type(exc).__name__})") from None
    try:
        key = _decode(raw.decode("ascii"))
    except UnicodeDecodeError:
        key = raw  # a binary key file
    if len(key) < MIN_KEY_BYTES:
        raise UsageError(f"key file {path}: a case key needs at least {MIN_KEY_BYTES} bytes of secret")
    return key


def key_from_environment() -> bytes | None:
    if os.environ.get(ENV_KEY_FILE):
        return read_key_file(os.environ[ENV_KEY_FILE])
    if os.environ.get(ENV_KEY):
        key = _decode(os.environ[ENV_KEY])
        if len(key) < MIN_KEY_BYTES:
            raise UsageError(f"{ENV_KEY}: a case key needs at least {MIN_KEY_BYTES} bytes of secret")
        return key
    return None


class CaseKey:
    """Derived keys for one case. Its repr shows nothing of the secret."""

    __slots__ = ("pseudonym_key", "encryption_key")

    def __init__(self, secret: bytes):
        if len(secret) < MIN_KEY_BYTES:
            raise UsageError(f"a case key needs at least {MIN_KEY_BYTES} bytes of secret")
        self.pseudonym_key = _derive(secret, b"victimshield/pseudonym/v1", 32)
        self.encryption_key = _derive(secret, b"victimshield/aes-siv/v1", 64)

    def __repr__(self) -> str:
        return "CaseKey(<secret>)"


def _derive(secret: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(secret)


def require_key(key: CaseKey | None) -> CaseKey:
    if key is None:
        raise KeyRequiredError("this policy pseudonymizes or encrypts, and no case key was given: " + HOW_TO_GIVE_A_KEY)
    return key
