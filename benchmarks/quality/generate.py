"""Seeded synthetic trafficking cases: evidence files, a roster, and gold labels kept apart.

``python -m benchmarks.quality.generate --out build/quality/cases --cases 3`` writes
each case as ``<case>/evidence/...`` (what a tool may see), ``<case>/roster.yaml``
and ``<case>/gold.json`` (what only the scorer sees).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.quality.cast import Cast, make_cast
from benchmarks.quality.formats import WRITERS, GeneratedFile


@dataclass(frozen=True)
class Case:
    cast: Cast
    files: tuple[GeneratedFile, ...]

    @property
    def name(self) -> str:
        return self.cast.case


def generate_case(seed: int, index: int, formats: tuple[str, ...] = tuple(WRITERS), scale: float = 1.0) -> Case:
    # One generator per case, seeded from (seed, index): case 3 is the same whatever the case count.
    rng = random.Random(f"victimshield-quality:{seed}:{index}")
    cast = make_cast(f"HT-SYN-{seed}-{index:03d}", rng)
    files = []
    for fmt in formats:
        writer, size = WRITERS[fmt]
        files.append(writer(cast, rng, max(1, round(size * scale))))
    return Case(cast, tuple(files))


def generate_cases(seed: int, count: int, formats: tuple[str, ...] = tuple(WRITERS), scale: float = 1.0) -> list[Case]:
    return [generate_case(seed, index, formats, scale) for index in range(count)]


def write_case(case: Case, folder: Path) -> Path:
    """Write evidence, roster and gold; returns the evidence folder."""
    evidence = folder / "evidence"
    for generated in case.files:
        path = evidence / generated.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generated.text, encoding="utf-8")
    roster = case.cast.roster().model_dump(mode="json", exclude_defaults=True)
    (folder / "roster.yaml").write_text(yaml.safe_dump(roster, allow_unicode=True, sort_keys=False), encoding="utf-8")
    gold = {f.name: [label.to_json() for label in f.labels] for f in case.files}
    (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return evidence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/quality/cases"))
    parser.add_argument("--cases", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for case in generate_cases(args.seed, args.cases):
        write_case(case, args.out / case.name)
        print(f"{case.name}: {len(case.files)} files, {sum(len(f.labels) for f in case.files)} labels")


if __name__ == "__main__":
    main()
