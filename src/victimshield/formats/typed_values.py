"""Typed values (table numbers and dates, JSON numbers) sifted by detection: which of them
hold anything at all, so the rest need no redaction pass.

The caller hands ``detect`` in; nothing here imports detection, and nothing here needs
pandas: a JSON file's numbers are sifted without loading it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from victimshield.finding import Finding, Locator, Segment
from victimshield.formats.base import Detect

CHUNK_CHARS = 2000  # typed values detected together (see with_findings)
CHUNK_SEPARATOR = "\n\n"
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d[ T]")


def _counts(finding: Finding, value_kind: str) -> bool:
    """Whether a finding in a typed value says it may identify someone.

    A roster match always does. Otherwise any type but DATE_TIME (a date cell is a date:
    saying so identifies no one) in a whole number, date or bool; in a fraction (an amount,
    a coordinate) only the roster's own values: no recognizer can tell an identifier from a
    fraction's digits, and the phone recognizers read amounts such as 3118.32 as phones."""
    if finding.party is not None:
        return True
    return value_kind != "fraction" and finding.entity_type != "DATE_TIME"


def with_findings(relative: str, texts: dict[str, str], detect: Detect) -> set[str]:
    """The typed texts detection finds anything in: each distinct text once, many to a chunk.

    Detection costs milliseconds per segment however short, and a table holds thousands of
    distinct amounts and timestamps: so they are detected as chunks of lines, a blank line
    between two values (every recognizer's boundary), and a finding flags every value it
    touches. A flagged value then goes through redaction on its own, like any cell; the
    chunks only choose which ones need it."""
    # A timestamp is detected by its date: its time of day identifies no one, and a table's
    # timestamps are mostly distinct while their days are few.
    probes: dict[str, list[str]] = {}
    for text, value_kind in texts.items():
        probe = text[:10] if value_kind == "time" and _TIMESTAMP.match(text) else text
        probes.setdefault(probe, []).append(text)
    kinds = {probe: ("whole" if any(texts[t] != "fraction" for t in group) else "fraction")
             for probe, group in probes.items()}
    ordered = sorted(probes)
    chunks: list[tuple[str, list[int], list[str]]] = []
    pieces: list[str] = []
    starts: list[int] = []
    size = 0
    for text in ordered:
        starts.append(size)
        pieces.append(text)
        size += len(text) + len(CHUNK_SEPARATOR)
        if size >= CHUNK_CHARS:
            chunks.append((CHUNK_SEPARATOR.join(pieces), starts, pieces))
            pieces, starts, size = [], [], 0
    if pieces:
        chunks.append((CHUNK_SEPARATOR.join(pieces), starts, pieces))
    found = detect([Segment(chunk, Locator(relative, field=f"typed values {n}"))
                    for n, (chunk, _, _) in enumerate(chunks, 1)])
    flagged: set[str] = set()
    for (_, chunk_starts, chunk_texts), findings in zip(chunks, found, strict=False):
        for finding in findings:
            first = max(bisect_right(chunk_starts, finding.start) - 1, 0)
            for index in range(first, len(chunk_texts)):
                if chunk_starts[index] >= finding.end:
                    break
                if _counts(finding, kinds[chunk_texts[index]]):
                    flagged.update(probes[chunk_texts[index]])
    return flagged
