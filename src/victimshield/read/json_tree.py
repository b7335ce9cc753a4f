"""JSON exports walked leaf by leaf: each string is skipped, declared a type, or free text.

A format supplies a ``classify`` function that sees the key path of a string and
the object holding it; the writer puts the redacted strings back at the same
paths, so the output has the same structure. Unknown keys are free text: fail closed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.read.base import Document
from victimshield.read.text import decode_text

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Kind:
    """What a string leaf is: skipped (structural), typed (with the sibling key that owns it), or text."""

    skip: bool = False
    entity_type: str | None = None
    owner_key: str | None = None


SKIP = Kind(skip=True)
TEXT = Kind()
Classifier = Callable[[JsonPath, dict[str, Any] | list[Any]], Kind]


@dataclass(frozen=True, slots=True)
class JsonLayout:
    tree: Any
    paths: tuple[JsonPath, ...]
    indent: int | None
    ensure_ascii: bool
    mojibake: tuple[bool, ...]  # per path: repaired from latin-1-read UTF-8, to write back so
    trailing_newline: bool


def parse_json(data: bytes, path: Path) -> Any:
    text, _ = decode_text(data, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed or truncated JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None


def _leaves(node: Any, path: JsonPath) -> Iterator[tuple[JsonPath, Any, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                yield path + (key,), node, value
            else:
                yield from _leaves(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                yield path + (index,), node, value
            else:
                yield from _leaves(value, path + (index,))


def repair_mojibake(value: str) -> str | None:
    """Messenger writes UTF-8 bytes as latin-1 code points; the repaired text, or None."""
    if all(ord(c) < 0x80 for c in value):
        return None
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _locator(relative: str, path: JsonPath) -> Locator:
    message = next((p for prev, p in zip(path, path[1:]) if prev == "messages" and isinstance(p, int)), None)
    return Locator(relative, message=message, field=".".join(str(p) for p in path))


def read_json_tree(
    path: Path,
    relative: str,
    data: bytes,
    *,
    format_name: str,
    classify: Classifier,
    mojibake: bool = False,
) -> Document:
    tree = parse_json(data, path)
    segments: list[Segment] = []
    paths: list[JsonPath] = []
    repaired_flags: list[bool] = []
    for leaf_path, parent, value in _leaves(tree, ()):
        kind = classify(leaf_path, parent)
        if kind.skip or not value.strip():
            continue
        repaired = repair_mojibake(value) if mojibake else None
        text = repaired if repaired is not None else value
        owner = None
        if kind.owner_key is not None and isinstance(parent, dict) and isinstance(parent.get(kind.owner_key), str):
            owner = parent[kind.owner_key]
            if mojibake:
                owner = repair_mojibake(owner) or owner
        segments.append(Segment(text, _locator(relative, leaf_path), kind.entity_type, owner))
        paths.append(leaf_path)
        repaired_flags.append(repaired is not None)
    head = data[:4096].decode("utf-8", "replace")
    indent = _guess_indent(head)
    layout = JsonLayout(tree, tuple(paths), indent, not _has_raw_non_ascii(data), tuple(repaired_flags), data.rstrip(b" \t").endswith(b"\n"))
    return Document(path, relative, format_name, tuple(segments), layout)


def _guess_indent(head: str) -> int | None:
    lines = head.splitlines()
    if len(lines) < 2:
        return None
    second = lines[1]
    return len(second) - len(second.lstrip(" ")) or None


def _has_raw_non_ascii(data: bytes) -> bool:
    return any(b >= 0x80 for b in data[:1_000_000])


def write_json_tree(document: Document, texts: list[str] | tuple[str, ...]) -> bytes:
    layout: JsonLayout = document.layout
    tree = copy.deepcopy(layout.tree)  # the layout may be rendered again; never change it
    for leaf_path, text, repaired in zip(layout.paths, texts, layout.mojibake, strict=True):
        node = tree
        for part in leaf_path[:-1]:
            node = node[part]
        node[leaf_path[-1]] = text.encode("utf-8").decode("latin-1") if repaired else text
    out = json.dumps(tree, indent=layout.indent, ensure_ascii=layout.ensure_ascii)
    return (out + ("\n" if layout.trailing_newline else "")).encode("utf-8")
