"""The benchmark's results as markdown tables (printed, written to results.md)."""

from __future__ import annotations

from typing import Any


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _n(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def markdown(results: dict[str, Any]) -> str:
    parts = [f"Machine: {results['machine']}; command: `{results['command']}`"]
    chat = results.get("chat")
    if chat:
        rows = []
        for name in ("victimshield", "presidio"):
            r = chat[name]
            kinds = ", ".join(f"{kind} {left}/{planted}" for kind, (left, planted) in r["left_by_kind"].items())
            rows.append([name, _n(r["chars_per_s"]), _n(r["wall_s"], 1), _n(r["cpu_s"], 1), _n(r["peak_rss_mb"]),
                         f"{r['leaked']}/{r['planted']} ({100 * r['leak_rate']:.1f}%)", kinds])
        parts.append(f"### Chat text ({chat['messages']:,} messages, {chat['chars']:,} characters)\n\n"
                     + _table(["system", "characters/s", "wall s", "CPU s", "peak RSS MB", "left", "left by kind"],
                              rows)
                     + f"\n\nVictimShield / Presidio throughput: {chat['speed_ratio']:.2f}x by wall time, "
                     f"{chat['cpu_ratio']:.2f}x by CPU time (target ≥ 5x)")
    table = results.get("table")
    if table:
        rows = [[name, _n(r["wall_s"], 1), _n(r["cpu_s"], 1), _n(r["cells_per_s"]), _n(r["cells_per_cpu_s"]),
                 _n(r["peak_rss_mb"])]
                for name, r in (("victimshield (column rules)", table["victimshield"]),
                                ("pandas read_csv + to_csv", table["pandas"]))]
        parts.append(f"### Transaction CSV ({table['rows']:,} rows, {table['cells']:,} cells, ro-to-gb `columns:`)\n\n"
                     + _table(["run", "wall s", "CPU s", "cells/s beyond start-up", "cells/CPU-s beyond start-up",
                                 "peak RSS MB"], rows)
                     + f"\n\nStart-up (same command on a 10-row file): {table['startup_s']:.2f} s wall, "
                     f"{table['startup_cpu_s']:.2f} s CPU. "
                     "Target: ≥ 1,000,000 cells/s beyond start-up, peak RSS ≤ 1 GB.")
    pdf = results.get("pdf")
    if pdf:
        parts.append(f"### PDF ({pdf['pages']} pages)\n\n"
                     + _table(["wall s", "CPU s", "s/page (whole process)", "s/page beyond start-up", "peak RSS MB"],
                              [[_n(pdf["wall_s"], 1), _n(pdf["cpu_s"], 1), _n(pdf["s_per_page"], 2),
                                _n(pdf["s_per_page_beyond"], 2),
                                _n(pdf["peak_rss_mb"])]]))
    growth = results.get("growth")
    if growth:
        rows = [[g["kind"], f"{g['factor']}x", _n(g["bytes"]), _n(g["chunk_bytes"]) if g["chunk_bytes"] else "whole",
                 _n(g["parts"]), _n(g["wall_s"], 1), _n(g["cpu_s"], 1), _n(g["bytes_per_cpu_s"]),
                 _n(g["peak_rss_mb"]), str(g["exit_code"])] for g in growth]
        parts.append("### Growth (VictimShield, streamed in parts; the largest also read whole)\n\n"
                     + _table(["input", "size", "bytes", "part bytes", "parts (about)", "wall s", "CPU s",
                               "bytes/CPU-s", "peak RSS MB", "exit"], rows))
    return "\n\n".join(parts) + "\n"
