"""Shared synthetic case: every name, number and account here is invented."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 29)
KEY = bytes(range(32))

ROSTER_YAML = """\
case: HT-TEST-0001
parties:
  - id: V1
    role: victim
    names: ["Ioana Popescu", "Ionela"]
    born: 2001-04-12
    phones: ["+40 723 456 789"]
    emails: ["ioana.p@example.com"]
    handles: ["@ioana_p"]
    accounts: ["RO49AAAA1B31007593840000"]
    documents: ["054123987"]
    addresses: ["Strada Lipscani 12, Bucuresti"]
  - id: V2
    role: victim
    names: ["Elena Dumitru"]
    born: 2010-02-03
  - id: W1
    role: witness
    names: ["Mihai Georgescu"]
    phones: ["+40 731 222 333"]
  - id: S1
    role: suspect
    names: ["Marius Stan", "Bossu"]
    phones: ["+40 766 987 654"]
    accounts: ["GB82WEST12345698765432"]
"""

# Values of protected parties, for leak scans (suspects' values are meant to stay).
PROTECTED_VALUES = [
    "Ioana", "Popescu", "Ionela", "723 456 789", "723456789", "ioana.p@example.com", "ioana_p",
    "RO49AAAA1B31007593840000", "054123987", "Lipscani", "Elena", "Dumitru", "Mihai", "Georgescu",
    "731 222 333",
]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    return write(tmp_path / "case" / "roster.yaml", ROSTER_YAML)


@pytest.fixture
def policy_file() -> Path:
    return REPO / "policies" / "examples" / "ro-to-gb.yaml"


def leaked_values(text: str, values: list[str] = PROTECTED_VALUES) -> list[int]:
    """Indexes (not values) of protected values found in ``text``, case-insensitively."""
    folded = text.casefold()
    return [i for i, v in enumerate(values) if v.casefold() in folded]


def write_key(path: Path, material: bytes | str) -> Path:
    """A key file as `victimshield key new` leaves it: owner-only (others' bits are refused)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(material.encode("ascii") if isinstance(material, str) else material)
    path.chmod(0o600)
    return path


def owner_only_copy(key: Path, folder: Path) -> Path:
    """A shipped key (git checks it out 0644) copied owner-only for a test to use."""
    return write_key(folder / "owner-only" / key.name, key.read_bytes())


@pytest.fixture(scope="session")
def demo_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case's key, owner-only (the tracked file is checked out readable by others)."""
    return owner_only_copy(REPO / "examples" / "case-demo" / "demo.key", tmp_path_factory.mktemp("demo-key"))


@pytest.fixture(scope="session", autouse=True)
def _audit_log_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every run in the suite logs to a temporary audit log, never to ~/.local/state: session
    scoped, so module-scoped fixtures that run the CLI are covered too."""
    log = tmp_path_factory.mktemp("audit") / "audit.jsonl"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VICTIMSHIELD_AUDIT_LOG", str(log))
        yield log
