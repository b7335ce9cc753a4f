"""``python -m benchmarks.languages.identify``: two offline language identifiers on the dev sets.

lingua-language-detector 2.1 (Apache-2.0) against py3langid 0.4 (BSD-3-Clause), both restricted to
the languages VictimShield identifies (``detect.language.SUPPORTED``): accuracy on whole
sentences and on their first three words (a chat message's length), and time. Prints
counts only, never corpus text.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.languages.__main__ import DEFAULT_CORPORA, LANGUAGES
from victimshield.detect.language import SUPPORTED, classify


def _lingua() -> object:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _lingua_code(detector: object, text: str) -> str:
    found = detector.detect_language_of(text)  # type: ignore[attr-defined]
    return "?" if found is None else str(found.iso_code_639_1.name.lower())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--lines", type=int, default=500)
    args = parser.parse_args()
    lingua = _lingua()
    systems = {
        "lingua": lambda t: _lingua_code(lingua, t),
        "py3langid": lambda t: classify(t)[0],
    }
    print("| system | language | sentences | accuracy | first 3 words | accuracy | seconds |")
    print("|---|---|---|---|---|---|---|")
    for name, guess in systems.items():
        for lang in LANGUAGES:
            lines = (args.corpora / lang / "dev.txt").read_text(encoding="utf-8").splitlines()[: args.lines]
            short = [" ".join(line.split()[:3]) for line in lines]
            started = time.perf_counter()
            whole = sum(guess(line) == lang for line in lines)
            three = sum(guess(t) == lang for t in short)
            seconds = time.perf_counter() - started
            print(
                f"| {name} | {lang} | {len(lines)} | {whole / len(lines):.1%} | {len(short)} "
                f"| {three / len(short):.1%} | {seconds:.1f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
