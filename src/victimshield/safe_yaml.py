"""One YAML loader for policies and rosters: safe tags only, and bounded in size.

``yaml.safe_load`` refuses arbitrary objects but not an alias bomb ("billion
laughs"): nine aliases of nine aliases of ... expand into 9**9 nodes when the
document is validated or walked. The loader composes the node graph first (its
size is that of the file), counts the nodes the document would have once every
alias is expanded, and refuses it above ``MAX_NODES`` before anything expands.
"""

from __future__ import annotations

from typing import Any

import yaml

# A roster of 5,000 parties has some 10**5 nodes; a bomb has 10**8 and more.
MAX_NODES = 200_000
MAX_DEPTH = 100


class YamlLimitError(yaml.YAMLError):
    """The document would expand past a limit; ``reason`` says which (never what it holds)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class _SafeLoader(yaml.SafeLoader):
    pass


class _PlainDatesLoader(yaml.SafeLoader):
    """Without implicit timestamps: a bad ``born`` becomes a field error, not a crash."""


_PlainDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded_size(root: yaml.Node) -> int:
    """Nodes after alias expansion, counted once per distinct node (memoised: linear in the file)."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk: a deep document must not exhaust Python's stack here.
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, expanded = stack.pop()
        if id(node) in sizes:
            continue
        if depth > MAX_DEPTH:
            raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep")
        children = _children(node)
        if expanded or not children:
            total = 1 + sum(sizes.get(id(child), 0) for child in children)
            if total > MAX_NODES:
                raise YamlLimitError(f"expands (through aliases) to more than {MAX_NODES:,} values")
            sizes[id(node)] = total
            continue
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_yaml(text: str, *, dates: bool = True) -> Any:
    """Parse one YAML document with the safe tags; raise ``yaml.YAMLError`` (or ``YamlLimitError``).

    ``dates=False`` keeps ``2001-04-12`` a string (the roster validates dates itself)."""
    loader = (_SafeLoader if dates else _PlainDatesLoader)(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep") from None
        if node is None:
            return None
        _expanded_size(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()
