"""The per-case key: where it comes from, how it is written, and the sub-keys derived from it.

One loader serves the command line and the API: a key file's bytes, the same bytes
given as ``key=``, or ``VICTIMSHIELD_KEY`` are decoded the same way (hex text, base64
text, other text stripped of surrounding white space, or raw binary), so a party gets
the same pseudonym whichever way the key was given.

Pseudonyms (HMAC-SHA256) and encryption (AES-SIV) use separate keys derived
with HKDF, so a pseudonym tells nothing about a ciphertext and the reverse.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import stat
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from victimshield.errors import KeyRequiredError, UsageError

ENV_KEY = "VICTIMSHIELD_KEY"
ENV_KEY_FILE = "VICTIMSHIELD_KEY_FILE"
MIN_KEY_BYTES = 16
HOW_TO_GIVE_A_KEY = (
    f"give the case key with --key-file FILE, or set {ENV_KEY_FILE} (a file) or {ENV_KEY} "
    "(hex or base64); make one with: victimshield key new case.key"
)
# Text a person can type or paste; anything else (control bytes, non-ASCII) is a binary key.
_TEXT = frozenset(string.printable) - frozenset("\x0b\x0c")


def _as_text(raw: bytes) -> str | None:
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        return None
    return text if set(text) <= _TEXT else None


def decode_key(material: bytes | str) -> bytes:
    """The secret in ``material``: hex text, else base64 text, else other text (stripped),
    else the bytes as they are. Raises ``UsageError`` (exit 2) when it is too short."""
    raw = material.encode("utf-8") if isinstance(material, str) else bytes(material)
    text = _as_text(raw)
    if text is None:
        secret = raw  # a binary key file: every byte counts, none is stripped
    else:
        stripped = text.strip()
        secret = _from_hex(stripped) or _from_base64(stripped) or stripped.encode("ascii")
    if len(secret) < MIN_KEY_BYTES:
        raise UsageError(f"a case key needs at least {MIN_KEY_BYTES} bytes of secret")
    return secret


def _from_hex(text: str) -> bytes | None:
    try:
        return bytes.fromhex(text) or None
    except ValueError:
        return None


def _from_base64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True) or None
    except (binascii.Error, ValueError):
        return None


@dataclass(frozen=True)
class KeyFile:
    """Where the key file is, to refuse it (or a link to it) as an input."""

    resolved: Path
    device: int
    inode: int

    def is_same(self, path: Path) -> bool:
        try:
            info = path.stat()
            resolved = path.resolve()
        except (OSError, RuntimeError):
            return False
        return resolved == self.resolved or (info.st_dev, info.st_ino) == (self.device, self.inode)


@dataclass(frozen=True)
class KeySource:
    """A loaded case key: the secret, the text it was written as, and its file if any.

    Its repr shows nothing of the secret."""

    secret: bytes = field(repr=False)
    material: bytes = field(repr=False)
    file: KeyFile | None = None

    def written_forms(self) -> tuple[str, ...]:
        """Every way the key is commonly written as text: as given, hex, base64, base64url.

        These are what a note or file name carrying the key would hold; they are found
        in the evidence and never leave."""
        forms = [self.secret.hex(), _b64(self.secret, base64.b64encode), _b64(self.secret, base64.urlsafe_b64encode)]
        text = _as_text(self.material)
        if text is not None and text.strip():
            forms.append(text.strip())
        return tuple(dict.fromkeys(f for f in forms if len(f) >= MIN_KEY_BYTES))

    def written_bytes(self) -> tuple[bytes, ...]:
        """The written forms as bytes, and the raw secret: what no output file may contain."""
        forms = [f.encode("ascii") for f in self.written_forms()]
        forms.append(self.secret.hex().upper().encode("ascii"))
        forms += [self.secret, self.material.strip()]
        return tuple(dict.fromkeys(f for f in forms if len(f) >= MIN_KEY_BYTES))


def _b64(secret: bytes, encode: Callable[[bytes], bytes]) -> str:
    return encode(secret).decode("ascii").rstrip("=")


def key_source(key: bytes | str | None = None, key_file: str | Path | None = None) -> KeySource | None:
    """The one key loader: ``key`` (bytes or text) wins over ``key_file``; None if neither."""
    if key is not None:
        material = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        return KeySource(decode_key(material), material)
    if key_file is None:
        return None
    path = Path(key_file)
    try:
        material = path.read_bytes()
        info = path.stat()
        resolved = path.resolve()
    except OSError as exc:
        raise UsageError(f"key file: cannot read it ({type(exc).__name__})") from None
    check_owner_only(info.st_mode)
    try:
        secret = decode_key(material)
    except UsageError:
        raise UsageError(f"key file: a case key needs at least {MIN_KEY_BYTES} bytes of secret") from None
    return KeySource(secret, material, KeyFile(resolved, info.st_dev, info.st_ino))


def check_owner_only(mode: int) -> None:
    """Refuse a key file that others may read or change (any group or other permission bit):
    whoever reads it can re-identify every pseudonym and decrypt every token of the case."""
    if os.name == "posix" and stat.S_IMODE(mode) & 0o077:
        raise UsageError(
            f"key file: others may read or change it (permissions {stat.S_IMODE(mode):04o}); "
            "a case key must be owner-only: chmod 600 it (victimshield key new writes it so)"
        )


def key_given(
    key_file: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> tuple[str | None, str | Path | None]:
    """(key, key_file) as the command line takes them: ``--key-file``, else
    ``VICTIMSHIELD_KEY_FILE`` (a path), else ``VICTIMSHIELD_KEY`` (the key as text)."""
    env = os.environ if environ is None else environ
    if key_file is not None:
        return None, key_file
    if env.get(ENV_KEY_FILE):
        return None, env[ENV_KEY_FILE]
    return (env[ENV_KEY], None) if env.get(ENV_KEY) else (None, None)


def key_from_environment() -> bytes | None:
    """The secret of the key the environment gives, if any."""
    key, key_file = key_given()
    try:
        source = key_source(key, key_file)
    except UsageError as exc:
        raise UsageError(f"{ENV_KEY_FILE if key_file else ENV_KEY}: {exc}") from None
    return None if source is None else source.secret


def read_key_file(path: str | Path) -> bytes:
    """The secret in a key file (decoded as ``decode_key`` says)."""
    source = key_source(key_file=path)
    assert source is not None
    return source.secret


class CaseKey:
    """Derived keys for one case. Its repr shows nothing of the secret."""

    __slots__ = ("_operators_key", "encryption_key", "pseudonym_key")

    def __init__(self, secret: bytes):
        if len(secret) < MIN_KEY_BYTES:
            raise UsageError(f"a case key needs at least {MIN_KEY_BYTES} bytes of secret")
        self.pseudonym_key = _derive(secret, b"victimshield/pseudonym/v1", 32)
        self.encryption_key = _derive(secret, b"victimshield/aes-siv/v1", 64)
        self._operators_key = _derive(secret, b"victimshield/operator/v1", 32)

    def operator_key(self, operator_name: str) -> bytes:
        """A key of its own for a registered operator: one operator's output tells nothing
        about another's, nor about the pseudonyms and ciphertexts."""
        return hmac.new(self._operators_key, operator_name.encode("utf-8"), hashlib.sha256).digest()

    def __repr__(self) -> str:
        return "CaseKey(<secret>)"


MANIFEST_KEY_INFO = b"victimshield manifest v1"


def derive_purpose_key(secret: bytes, info: bytes) -> bytes:
    """A 32-byte key derived from the case key for the one purpose ``info`` names (HKDF-SHA256),
    so what it signs or seals tells nothing about pseudonyms or ciphertexts."""
    return _derive(secret, info, 32)


def derive_manifest_key(secret: bytes) -> bytes:
    """The key that signs an export's transfer record."""
    return derive_purpose_key(secret, MANIFEST_KEY_INFO)


def _derive(secret: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(secret)


def require_key(key: CaseKey | None) -> CaseKey:
    if key is None:
        raise KeyRequiredError("this policy pseudonymizes or encrypts, and no case key was given: " + HOW_TO_GIVE_A_KEY)
    return key


NEW_KEY_BYTES = 32


def write_new_key(path: str | Path) -> Path:
    """A fresh random case key (32 bytes, hex) at ``path``, readable by its owner only.

    Never overwrites: an existing file (a case's key!) is refused. The file is created
    with mode 0600 in one step, so no other user can read it even for a moment."""
    import secrets

    target = Path(path)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UsageError("the key file already exists; a key is never overwritten (choose another path)") from None
    except OSError as exc:
        raise UsageError(f"cannot create the key file ({exc.strerror or type(exc).__name__})") from None
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(NEW_KEY_BYTES) + "\n")
    return target
