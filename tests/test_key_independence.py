"""Findings do not depend on the key: the same input under any case key gives the same spans.

Once the pseudonym text of a first pass changed what the NER saw in the next one, and the
demo case found 7 unknown persons under one key and 4 under another."""

from __future__ import annotations

import re
from pathlib import Path

import victimshield as vs
from tests.conftest import REPO

# The test's own reading of keyed output, independent of the library's.
_KEYED = re.compile(r"\b[A-Z][A-Z_]+-[0-9a-f]{8}\b|\[ENC:[A-Za-z0-9_\-]+\]")
DEMO = REPO / "examples" / "case-demo"
KEYS = (bytes(range(32)), bytes([102]) * 32, b"\xaa" * 32)  # the second once found one more person


def _run(key: bytes, out: Path):
    shield = vs.Shield.from_files(REPO / "policies" / "examples" / "ro-to-gb.yaml", "GB",
                                  roster=DEMO / "roster.yaml", key=key)
    report = shield.redact_paths([DEMO / "evidence"], out)
    texts = {p.relative_to(out).as_posix(): _KEYED.sub("<token>", p.read_text("utf-8"))
             for p in sorted(out.rglob("*")) if p.suffix in (".txt", ".json", ".csv") and p.name != "manifest.json"}
    return report.totals(), texts


def test_the_demo_case_gives_the_same_findings_under_every_key(tmp_path):
    runs = [_run(key, tmp_path / f"out{n}") for n, key in enumerate(KEYS)]
    counts = [c for c, _ in runs]
    assert all(c == counts[0] for c in counts), "decision counts differ between keys"
    texts = [t for _, t in runs]
    assert texts[0] and all(t.keys() == texts[0].keys() for t in texts)
    differing = [name for name in texts[0] if len({t[name] for t in texts}) > 1]
    assert not differing, f"{len(differing)} output(s) differ beyond their pseudonym digits"


def test_neutral_text_keeps_length_and_hides_only_keyed_digits():
    from victimshield.transform.products import neutral_text

    text = "VICTIM-3f9a1c2b met PERSON-0ce1b126; [ENC:abc_-Z9] stays [REDACTED:PHONE_NUMBER], x-ray"
    neutral = neutral_text(text)
    assert len(neutral) == len(text)
    assert neutral == "VICTIM-xxxxxxxx met PERSON-xxxxxxxx; [ENC:xxxxxxx] stays [REDACTED:PHONE_NUMBER], x-ray"
