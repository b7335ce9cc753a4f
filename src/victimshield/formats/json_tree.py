"""JSON exports walked leaf by leaf: each string or number is skipped, declared a type, or
free text; each object key that is not the format's own vocabulary is a segment too.

A format supplies a ``classify`` function that sees the key path of a leaf and the
object holding it, and a ``structure_key`` test for its own keys; the writer puts the
redacted values back at the same paths and renames keys in place, so the output has
the same structure. Unknown keys and leaves are free text: fail closed.

A number is read through its text (a phone stored as 40723456789); one that must
change is written back as a string. A key is read once per distinct text, wherever it
occurs; two keys of one object that would become the same are refused (exit 3).
Locators give the index path ("field 2.1": the second key of the top object, then the
first key or item within it), never a key, which may itself be a name.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from victimshield.errors import InputError
from victimshield.finding import Locator, Segment
from victimshield.formats.base import Detect, Document, check_json_depth
from victimshield.formats.text import decode_text
from victimshield.formats.typed_values import with_findings

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Kind:
    """What a leaf is: skipped (structural), typed (with the sibling key that owns it), or text."""

    skip: bool = False
    entity_type: str | None = None
    owner_key: str | None = None


SKIP = Kind(skip=True)
TEXT = Kind()
Classifier = Callable[[JsonPath, dict[str, Any] | list[Any]], Kind]


def any_key(key: str) -> bool:
    """Generic JSON has no vocabulary of its own: every key is a segment."""
    return False


@dataclass(frozen=True, slots=True)
class Target:
    """Where a segment's text goes back: a leaf at ``paths[0]``, or a key at each of ``paths``
    (the path to the key, its last part the key itself)."""

    paths: tuple[JsonPath, ...]
    key: bool
    mojibake: bool  # repaired from latin-1-read UTF-8, to write back so
    number: bool = False


@dataclass(frozen=True, slots=True)
class JsonLayout:
    tree: Any
    targets: tuple[Target, ...]
    indent: int | None
    ensure_ascii: bool
    trailing_newline: bool


def parse_json(data: bytes, path: Path | str) -> Any:
    text, _ = decode_text(data, path)
    check_json_depth(text, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed or truncated JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None


def _walk(tree: Any) -> Iterator[tuple[JsonPath, tuple[int, ...], Any, Any, bool]]:
    """(key path, 1-based index path, parent, leaf or key, is_key) for every key, string and
    number; iterative, so no nesting can exhaust the stack."""
    pending: list[tuple[Any, JsonPath, tuple[int, ...]]] = [(tree, (), ())]
    while pending:
        node, path, index = pending.pop()
        items = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        children = []
        for number, (key, value) in enumerate(items, start=1):
            if isinstance(node, dict):
                yield (*path, key), (*index, number), node, key, True
            if isinstance(value, (dict, list)):
                children.append((value, (*path, key), (*index, number)))
            elif isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                yield (*path, key), (*index, number), node, value, False
        pending.extend(reversed(children))


def number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value) if isinstance(value, int) else repr(value)


def repair_mojibake(value: str) -> str | None:
    """Messenger writes UTF-8 bytes as latin-1 code points; the repaired text, or None."""
    if all(ord(c) < 0x80 for c in value):
        return None
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _locator(relative: str, path: JsonPath, index: tuple[int, ...], key: bool) -> Locator:
    message = next((p for prev, p in itertools.pairwise(path) if prev == "messages" and isinstance(p, int)), None)
    return Locator(relative, message=message, field=".".join(map(str, index)) + (" (key)" if key else ""))


def read_json_tree(
    path: Path,
    relative: str,
    data: bytes,
    *,
    format_name: str,
    classify: Classifier,
    structure_key: Callable[[str], bool] = any_key,
    mojibake: bool = False,
) -> Document[JsonLayout]:
    tree = parse_json(data, relative)
    segments: list[Segment] = []
    targets: list[Target] = []
    keys: dict[str, int] = {}  # key text -> its segment
    numbers: dict[tuple[str, str | None, str | None], int] = {}
    for leaf_path, index, parent, value, is_key in _walk(tree):
        if is_key:
            if structure_key(value) or not value.strip():
                continue
            if value in keys:
                known = targets[keys[value]]
                targets[keys[value]] = Target((*known.paths, leaf_path), True, known.mojibake)
                continue
            repaired = repair_mojibake(value) if mojibake else None
            keys[value] = len(segments)
            text = repaired if repaired is not None else value
            segments.append(Segment(text, _locator(relative, leaf_path, index, True)))
            targets.append(Target((leaf_path,), True, repaired is not None))
            continue
        kind = classify(leaf_path, parent)
        number = not isinstance(value, str)
        text = number_text(value) if number else value
        if kind.skip or not text.strip():
            continue
        repaired = repair_mojibake(text) if mojibake else None
        text = repaired if repaired is not None else text
        owner = None
        if kind.owner_key is not None and isinstance(parent, dict) and isinstance(parent.get(kind.owner_key), str):
            owner = parent[kind.owner_key]
            if mojibake:
                owner = repair_mojibake(owner) or owner
        if number:  # ids and amounts repeat: each distinct number is detected once
            group = (text, kind.entity_type, owner)
            if group in numbers:
                known = targets[numbers[group]]
                targets[numbers[group]] = Target((*known.paths, leaf_path), False, False, True)
                continue
            numbers[group] = len(segments)
        segments.append(Segment(text, _locator(relative, leaf_path, index, False), kind.entity_type, owner))
        targets.append(Target((leaf_path,), False, repaired is not None, number))
    head = data[:4096].decode("utf-8", "replace")
    layout = JsonLayout(tree, tuple(targets), _guess_indent(head), not _has_raw_non_ascii(data),
                        data.rstrip(b" \t").endswith(b"\n"))
    return Document(path, relative, format_name, tuple(segments), layout)


def keep_segments(document: Document[JsonLayout], keep: set[int]) -> Document[JsonLayout]:
    """The document with only the segments (and their targets) at ``keep``: what is left out
    is written back as it was read."""
    layout = document.layout
    chosen = [i for i in range(len(document.segments)) if i in keep]
    targets = tuple(layout.targets[i] for i in chosen)
    segments = tuple(document.segments[i] for i in chosen)
    return replace(document, segments=segments, layout=replace(layout, targets=targets))


def _guess_indent(head: str) -> int | None:
    lines = head.splitlines()
    if len(lines) < 2:
        return None
    second = lines[1]
    return len(second) - len(second.lstrip(" ")) or None


def _has_raw_non_ascii(data: bytes) -> bool:
    return any(b >= 0x80 for b in data[:1_000_000])


def _node(tree: Any, path: JsonPath) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def _rename(relative: str, tree: Any, renames: dict[JsonPath, dict[str, str]]) -> None:
    """Rename keys in place, each object keeping its key order; deepest objects first, so the
    paths to them still hold their original keys."""
    for parent_path in sorted(renames, key=len, reverse=True):
        node = _node(tree, parent_path)
        names = renames[parent_path]
        renamed: dict[str, Any] = {}
        for number, (key, value) in enumerate(node.items(), start=1):
            new = names.get(key, key)
            if new in renamed:
                first = list(renamed).index(new) + 1
                raise InputError(relative, f"keys {first} and {number} of one object would be the same after redaction "
                                           "(an object cannot hold a key twice)")
            renamed[new] = value
        node.clear()
        node.update(renamed)


def sift_numbers(document: Document[JsonLayout], detect: Detect) -> Document[JsonLayout]:
    """JSON numbers are leaves like table cells: each distinct one detected once (in chunks),
    and only those detection finds something in stay segments (see ``typed_values``)."""
    targets = document.layout.targets
    numbers = {i for i, (segment, target) in enumerate(zip(document.segments, targets, strict=False))
               if target.number and segment.entity_type is None}
    if not numbers:
        return document
    kinds = {document.segments[i].text: ("whole" if document.segments[i].text.lstrip("-").isdigit() else "fraction")
             for i in numbers}
    flagged = with_findings(document.relative, kinds, detect)
    kept = {i for i in range(len(document.segments)) if i not in numbers or document.segments[i].text in flagged}
    return keep_segments(document, kept)


def write_json_tree(document: Document[JsonLayout], texts: Sequence[str]) -> bytes:
    layout = document.layout
    tree = copy.deepcopy(layout.tree)  # the layout may be rendered again; never change it
    renames: dict[JsonPath, dict[str, str]] = {}
    for target, text in zip(layout.targets, texts, strict=True):
        value = text.encode("utf-8").decode("latin-1") if target.mojibake else text
        for leaf_path in target.paths:
            if target.key:
                if value != leaf_path[-1]:
                    renames.setdefault(leaf_path[:-1], {})[str(leaf_path[-1])] = value
                continue
            parent = _node(tree, leaf_path[:-1])
            old = parent[leaf_path[-1]]
            if target.number and number_text(old) == value:
                continue  # unchanged: the number stays a number
            parent[leaf_path[-1]] = value
    _rename(document.relative, tree, renames)
    out = json.dumps(tree, indent=layout.indent, ensure_ascii=layout.ensure_ascii)
    return (out + ("\n" if layout.trailing_newline else "")).encode("utf-8")
