"""``python -m benchmarks.quality``: VictimShield against plain Presidio on seeded cases.

Default output shows counts, rates and types only. ``--show-leaks`` prints the
leaked values themselves (synthetic, but the habit matters): debugging only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from rich.console import Console

from benchmarks.quality.harness import evaluate
from benchmarks.quality.report import markdown, print_tables
from benchmarks.quality.systems import PresidioBaseline, VictimShieldSystem
from victimshield.policy.load import load_policy

DEFAULT_POLICY = Path("policies/examples/ro-to-gb.yaml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quality", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/quality"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies messages and rows per file")
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY)
    parser.add_argument("--to", default="GB")
    parser.add_argument("--no-baseline", action="store_true", help="skip plain Presidio")
    parser.add_argument("--show-leaks", action="store_true", help="debug: print leaked values (not just counts)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    console = Console(width=160)
    systems = [VictimShieldSystem(load_policy(args.policy), args.to)]
    if not args.no_baseline:
        systems.append(PresidioBaseline())  # type: ignore[arg-type]
    cases_dir = args.out / "cases"
    shutil.rmtree(cases_dir, ignore_errors=True)
    summary = evaluate(args.seed, args.cases, systems, cases_dir, scale=args.scale)
    raw = summary.pop("_raw")
    summary["policy"] = str(args.policy)
    summary["to"] = args.to
    summary["wall_seconds"] = round(time.perf_counter() - started, 1)

    print_tables(summary, console)
    if args.show_leaks:
        for name, result in raw.items():
            for fmt, score in result.values:
                if score.outcome in ("leaked", "lost"):
                    console.print(
                        f"[dim]{name} {fmt} {score.outcome}: {score.entity_type} {score.group} {score.form}: "
                        f"{score.value!r}[/dim]"
                    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    (args.out / "report.md").write_text(markdown(summary), encoding="utf-8")
    console.print(f"Wrote {args.out / 'results.json'} and {args.out / 'report.md'}")
    console.print(f"{args.cases} cases, seed {args.seed}; wall time {summary['wall_seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
