"""Detection: segments in, findings out. Knows nothing of file formats.

Presidio (spaCy NER, Presidio's recognizers and the YAML ones) runs over a whole
batch at once; the roster matcher and Python span recognizers run per text;
the results are merged so that each span has one finding with the right role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from victimshield.detect.merge import ROSTER, merge_findings
from victimshield.detect.declared import DECLARED, declared_person
from victimshield.detect.ordinary import drop_ordinary_organizations
from victimshield.detect.native import judge_document
from victimshield.detect.presidio_adapter import PresidioAdapter, RawResult
from victimshield.detect.specs import RecognizerSpec
from victimshield.finding import Finding, Segment
from victimshield.policy.model import DetectionSettings
from victimshield.roster.matcher import RosterMatcher
from victimshield.vocabulary import most_protective


class SpanRecognizer(Protocol):
    """A recognizer whose logic needs Python (checksums over normalised text, …).

    ``find`` returns findings with offsets into ``text``; set ``minor=True`` on
    a finding that shows the person is under 18.
    """

    name: str

    def find(self, text: str) -> Iterable[Finding]: ...


class Detector:
    def __init__(
        self,
        settings: DetectionSettings,
        specs: Sequence[RecognizerSpec],
        roster: RosterMatcher | None = None,
        span_recognizers: Sequence[SpanRecognizer] = (),
        languages: Sequence[str] = ("en",),
    ):
        self._presidio = PresidioAdapter(settings, specs)
        self._roster = roster
        self._span_recognizers = tuple(span_recognizers)
        self._languages = tuple(languages)  # the case's: for text too short to tell its own

    def __repr__(self) -> str:
        return f"Detector({self._presidio!r}, roster={self._roster!r})"

    def detect(self, segments: Sequence[Segment]) -> list[list[Finding]]:
        """Findings per segment, in the order of ``segments``; one call per batch."""
        free_text = [i for i, s in enumerate(segments) if s.entity_type is None and s.text.strip()]
        presidio = self._presidio.analyze_batch([segments[i].text for i in free_text]) if free_text else []
        raw_by_index: dict[int, list[RawResult]] = dict(zip(free_text, presidio))
        out = []
        for index, segment in enumerate(segments):
            found: list[Finding] = []
            if segment.entity_type is not None:
                found += self._declared(segment)
            else:
                found += [Finding(r.start, r.end, r.entity_type, r.score, r.recognizer) for r in raw_by_index.get(index, [])]
                for recognizer in self._span_recognizers:
                    found += recognizer.find(segment.text)
            found += self._roster_findings(segment.text)
            merged = drop_ordinary_organizations(segment.text, merge_findings(found))
            if segment.entity_type is not None and segment.owner:
                merged = self._owned(merged, segment.owner)
            out.append(merged)
        return judge_document(segments, out, self._languages)

    def _owned(self, findings: list[Finding], owner: str) -> list[Finding]:
        # A table cell owned by another cell (an IBAN beside its holder's name) takes the
        # owner's role too; the most protective of the two wins, so an unknown account
        # next to a suspect's name stays, and a victim's stays protected whoever is beside it.
        if self._roster is None:
            return findings
        parties = tuple(p for m in self._roster.find(owner) for p in m.parties)
        if not parties:
            return findings
        owner_role, owner_party = self._roster.role_of(parties)
        out = []
        for finding in findings:
            if finding.party is None:
                out.append(finding.with_role(owner_role, owner_party))
                continue
            role = most_protective([finding.role, owner_role])
            out.append(finding if role is finding.role else finding.with_role(owner_role, owner_party))
        return out

    def _declared(self, segment: Segment) -> list[Finding]:
        # The format said what this whole segment is (a typed column, a chat author): trust it.
        text = segment.text
        stripped = text.strip()
        if not stripped:
            return []
        if segment.entity_type == "PERSON":
            return declared_person(text)
        start = text.index(stripped)
        return [Finding(start, start + len(stripped), segment.entity_type or "", 1.0, DECLARED)]

    def _roster_findings(self, text: str) -> list[Finding]:
        if self._roster is None:
            return []
        found = []
        for match in self._roster.find(text):
            role, party = self._roster.role_of(match.parties)
            found.append(Finding(match.start, match.end, match.entity_type, match.score, ROSTER, role=role, party=party))
        return found
