"""What one segment's own detection found, remembered by content for the parts of one big input.

A CSV streamed in parts (``stream.py``) holds the same people, accounts and references in
every part; detecting each distinct cell text again per part cost more than the rest of
the run (issue 11). A segment's own findings (Presidio, the span recognizers, the roster,
merged, with its owner's role: ``Detector._segment_findings``) depend on its visible text,
its declared entity type and its visible owner alone, so they are remembered under that
key. What depends on the other segments of a document (``judge_document``: languages,
names spread, the case's casual style) is never remembered: it runs on every part as
before, so the output is byte for byte that of a run without the memo.

The memo is bounded (entries and characters), least recently used first out: an input of
distinct values only makes it forget, never grow. It belongs to one caller (a stream)
and holds evidence text: it is dropped with that caller, and its repr shows counts only.
"""

from __future__ import annotations

from collections import OrderedDict

from victimshield.finding import Finding, Segment

MAX_ENTRIES = 100_000  # distinct (text, type, owner) remembered at once
MAX_CHARS = 16_000_000  # of their texts and owners together: a few tens of MB at most
# A text longer than this is not remembered: long texts rarely repeat, and one would push out thousands.
LONGEST_SHARE = 64

MemoKey = tuple[str, str | None, str | None]  # visible text, declared entity type, visible owner


def memo_key(segment: Segment) -> MemoKey:
    """What a segment's own findings depend on (the segment as its reader sees it)."""
    return segment.text, segment.entity_type, segment.owner


class SegmentMemo:
    """A bounded least-recently-used memo of segments' own findings (see the module's docstring).

    Not shared between threads: a Pipeline runs detection one call at a time."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_chars: int = MAX_CHARS):
        if max_entries < 1 or max_chars < 1:
            raise ValueError("a memo holds at least one entry and one character")
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._entries: OrderedDict[MemoKey, tuple[Finding, ...]] = OrderedDict()
        self._chars = 0
        self.hits = 0
        self.misses = 0

    def __repr__(self) -> str:
        return f"SegmentMemo({len(self._entries)} entries, {self._chars} chars, {self.hits} hits)"

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def chars(self) -> int:
        return self._chars

    def get(self, key: MemoKey) -> list[Finding] | None:
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return list(found)

    def put(self, key: MemoKey, findings: list[Finding]) -> None:
        size = _size(key)
        if size > self.max_chars // LONGEST_SHARE:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._chars -= size
        self._entries[key] = tuple(findings)
        self._chars += size
        while len(self._entries) > self.max_entries or self._chars > self.max_chars:
            evicted, _ = self._entries.popitem(last=False)
            self._chars -= _size(evicted)


def _size(key: MemoKey) -> int:
    return len(key[0]) + len(key[2] or "")
