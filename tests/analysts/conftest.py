"""Shared for the analysts' tests: one shield over the synthetic roster, and an HTML reader."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import AS_OF, KEY, REPO, ROSTER_YAML, write
from victimshield import Options, Shield

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
# Ioana Popescu (V1) is a victim, Marius Stan (S1) a suspect, Dave Morgan is in no roster.
TEXT = ("Ioana Popescu <b>paid</b> Marius Stan 200 EUR; call her on +40 723 456 789 "
        "or ioana.p@example.com. Dave Morgan saw it.")
VICTIM_PARTS = ("Ioana", "Popescu", "723 456 789", "ioana.p@example.com", "Dave", "Morgan")


class _Visible(HTMLParser):
    """Everything a browser could show or a reader could hover: text and attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.parts += [v for _, v in attrs if v]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    return "\n".join(parser.parts)


def tags(markup: str, name: str) -> list[dict[str, str | None]]:
    parser = _Visible()
    parser.feed(markup)
    return [attrs for tag, attrs in parser.tags if tag == name]


def shown(markup: str, values: tuple[str, ...] = VICTIM_PARTS) -> list[int]:
    """Indexes (never the values) of ``values`` a reader of ``markup`` could see."""
    seen = visible(markup).casefold()
    return [i for i, v in enumerate(values) if v.casefold() in seen]


@pytest.fixture(scope="session")
def roster_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("case") / "roster.yaml", ROSTER_YAML)


@pytest.fixture(scope="session")
def shield(roster_path: Path) -> Shield:
    return Shield.from_files(POLICY, "GB", roster=roster_path, key=KEY, options=Options(as_of=AS_OF))
