"""The speed benchmark's generated inputs and its leak count (benchmarks/speed): seeded, valid,
and counted by whole words. No timing here: speed is measured by `make bench-speed` only."""

from __future__ import annotations

import csv
from pathlib import Path

from benchmarks.speed.corpus import chat_export, transactions
from benchmarks.speed.leaks import leak_rate, leaks_by_kind
from benchmarks.speed.report import markdown


def test_chat_export_is_seeded_and_holds_every_value_it_plants() -> None:
    first, again, other = chat_export(200, 5), chat_export(200, 5), chat_export(200, 6)
    assert first == again
    assert first.text != other.text
    assert len(first.text.splitlines()) == 200
    assert all(value in first.text for value in first.values)
    assert {"name", "phone", "handle"} == set(leaks_by_kind(first.values, first.text, first.text))


def test_leak_rate_counts_whole_words_and_never_more_than_planted() -> None:
    source = "Ana met Ana Popescu; call +40 712 345 678"
    values = ["Ana", "Ana Popescu", "+40 712 345 678"]
    assert leak_rate(values, source, "PERSON-1 met Anastasia; call [REDACTED]") == (0, 4)
    assert leak_rate(values, source, "Ana met Ana Popescu Ana Ana") == (3, 4)


def test_transactions_have_the_policy_columns_and_valid_ibans(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    cells = transactions(50, 3, path)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert cells == 50 * 8 and len(rows) == 50
    for row in rows:
        for iban in (row["sender_iban"], row["receiver_iban"]):
            moved = iban[4:] + iban[:4]
            assert int("".join(str(int(c, 36)) for c in moved)) % 97 == 1  # ISO 13616


def test_report_names_every_part_and_each_target() -> None:
    run = {"wall_s": 2.0, "cpu_s": 1.0, "peak_rss_mb": 100.0, "exit_code": 0}
    results = {
        "machine": "2 cores", "command": "python -m benchmarks.speed",
        "chat": {"messages": 3, "chars": 90, "speed_ratio": 1.0, "cpu_ratio": 1.0,
                 **{name: {**run, "chars_per_s": 45, "leaked": 1, "planted": 4, "leak_rate": 0.25,
                           "left_by_kind": {"name": [1, 4]}} for name in ("victimshield", "presidio")}},
        "table": {"rows": 10, "cells": 80, "startup_s": 1.0, "startup_cpu_s": 0.5,
                  **{name: {**run, "cells_per_s": 80, "cells_per_cpu_s": 160} for name in ("victimshield", "pandas")}},
        "pdf": {"pages": 2, **run, "s_per_page": 1.0, "s_per_page_beyond": 0.5},
        "growth": [{"kind": "csv", "factor": 16, "units": 16, "bytes": 9000, "chunk_bytes": 4096, "parts": 3, **run,
                    "bytes_per_cpu_s": 9000},
                   {"kind": "csv", "factor": 16, "units": 16, "bytes": 9000, "chunk_bytes": 0, "parts": 1, **run,
                    "bytes_per_cpu_s": 9000}],
    }
    text = markdown(results)
    for heading in ("### Chat text", "### Transaction CSV", "### PDF", "### Growth"):
        assert heading in text
    assert "target ≥ 5x" in text and "1,000,000 cells/s" in text
    assert "1/4 (25.0%)" in text
    # The growth table shows each size streamed (part size, parts) and the largest read whole.
    assert "| csv | 16x | 9,000 | 4,096 | 3 |" in text and "| csv | 16x | 9,000 | whole | 1 |" in text
