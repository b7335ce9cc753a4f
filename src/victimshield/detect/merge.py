"""Merge overlapping findings into one per span; the most protective role wins.

Spans that only touch (one ends where the next starts) stay separate, so two
adjacent names are both redacted (Presidio's anonymizer leaves the second, #1925).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from victimshield.finding import Finding
from victimshield.vocabulary import CONTRACT_ENTITY_TYPES, Role, is_within, lineage, most_protective

ROSTER = "roster"
# NER labels that a more specific recognizer on the same span should win over.
_GENERIC = {"ORGANIZATION", "DATE_TIME", "NRP", "LOCATION", "URL"}


def _specificity(entity_type: str) -> int:
    """Generic NER label < Presidio's pattern types < the contract's own types.

    The contract's types come from recognizers that need a context word or a
    structure (MRZ check digits, an "IMEI" label), so on the same digits they say
    more than Presidio's context-free guesses: a Luhn-valid 15-digit number after
    "IMEI" is an IMEI, not a card; ten digits after "MTCN" are not a phone number.
    Presidio caps scores at 1.0, so the score alone cannot break such ties.
    """
    if entity_type in _GENERIC:
        return 0
    return 2 if entity_type in CONTRACT_ENTITY_TYPES else 1


# Name lists and a document's own names are weak evidence: where the NER read the
# same words as something else ("Bradford" as a place), the NER's reading wins.
WEAK_NAME_RECOGNIZERS = frozenset({"name_gazetteer", "document_names"})


def _type_rank(finding: Finding) -> tuple[int, int, float]:
    recognizers = set(finding.recognizers)
    from_roster = ROSTER in recognizers
    specificity = -1 if recognizers <= WEAK_NAME_RECOGNIZERS else _specificity(finding.entity_type)
    return (1 if from_roster else 0, specificity, finding.score)


# Checksum-validated results score at or near 1.0 (Presidio's IBAN, our national IDs);
# pattern-only guesses (US_PASSPORT, US_BANK_NUMBER) score far lower, even with context.
VALIDATED_SCORE = 0.9


def _most_specific(best: Finding, cluster: list[Finding]) -> Finding:
    """Within the winner's branch of the type tree, the deepest type a recognizer gave:
    a roster or context ``ACCOUNT_NUMBER`` that Presidio's checksum calls ``IBAN_CODE``
    is an IBAN, so rules written for IBANs (or for every account number) both apply.
    Only a validated type counts: Presidio's context-free US_PASSPORT guess on a
    Romanian passport number must not make it a US passport."""
    below = [f for f in cluster if f.entity_type != best.entity_type and is_within(f.entity_type, best.entity_type)
             and f.score >= VALIDATED_SCORE]
    if not below:
        return best
    return max(below, key=lambda f: (len(lineage(f.entity_type)), f.score))


def _clusters(findings: list[Finding]) -> Iterable[list[Finding]]:
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    cluster: list[Finding] = []
    end = -1
    for finding in ordered:
        if cluster and finding.start >= end:
            yield cluster
            cluster = []
        cluster.append(finding)
        end = max(end, finding.end) if len(cluster) > 1 else finding.end
    if cluster:
        yield cluster


def _yield_to_roster(findings: list[Finding], text: str) -> list[Finding]:
    """Roster matches are the authority on their spans: another recognizer's finding that
    runs over two parties keeps only its parts outside their spans ("IOANA POPESCU MARIUS
    STAN" read by the NER as one name must not give the suspect the victim's pseudonym and
    lose the evidence). A finding wholly inside a roster span stays (it may type it)."""
    matches = [f for f in findings if ROSTER in f.recognizers]
    if len({f.party for f in matches}) < 2:
        return findings
    roster = [(f.start, f.end) for f in matches]
    out: list[Finding] = []
    for finding in findings:
        inside = any(s <= finding.start and finding.end <= e for s, e in roster)
        crossing = [f for f in matches if f.start < finding.end and finding.start < f.end]
        # Only a span over two parties is cut; one party's span that runs on keeps the
        # party's role for the whole span, as before (the rest is usually the NER's overreach).
        if ROSTER in finding.recognizers or inside or len({f.party for f in crossing}) < 2:
            out.append(finding)
            continue
        cursor = finding.start
        for s, e in sorted((f.start, f.end) for f in crossing):
            out += _piece(finding, text, cursor, s)
            cursor = max(cursor, e)
        out += _piece(finding, text, cursor, finding.end)
    return out


def _piece(finding: Finding, text: str, start: int, end: int) -> list[Finding]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(_EDGE_CHARS))
    trail = len(piece) - len(piece.rstrip(_EDGE_CHARS))
    start, end = start + lead, end - trail
    # What the NER ran on into beyond a name ("09:00 - ", a date before an author) is no
    # identifier of its own: only a piece with two letters in a row may stay a finding.
    if start >= end or not _TWO_LETTERS.search(text, start, end):
        return []
    return [replace(finding, start=start, end=end)]


_EDGE_CHARS = " \t\r\n,.;:'\"()-"
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")


def merge_findings(findings: Iterable[Finding], text: str | None = None) -> list[Finding]:
    """One finding per cluster of overlapping findings.

    Role: the most protective among the roster parties in the cluster; a cluster
    with no party is ``unknown`` (or ``minor`` when an age finding says so).
    Entity type: a roster match's first, then the most specific type (see
    ``_specificity``), then the higher score; then the deepest type below it in the
    type tree that another recognizer gave the span (``_most_specific``).
    """
    found = list(findings)
    if text is not None:
        found = _yield_to_roster(found, text)
    merged = []
    for cluster in _clusters(found):
        best = _most_specific(max(cluster, key=_type_rank), cluster)
        parties = [f for f in cluster if f.party is not None]
        minor = any(f.minor for f in cluster)
        if parties:
            role = most_protective([f.role for f in parties])
            party = min(f.party for f in parties if f.role is role and f.party is not None)
        else:
            role, party = (Role.MINOR if minor else Role.UNKNOWN), None
        recognizers = tuple(sorted({part for f in cluster for part in f.recognizers}))
        merged.append(
            Finding(
                start=min(f.start for f in cluster),
                end=max(f.end for f in cluster),
                entity_type=best.entity_type,
                score=max(f.score for f in cluster),
                recognizers=recognizers,
                role=role,
                party=party,
                minor=minor,
            )
        )
    return merged


# What a model or a word list guesses; never enough on its own to rename a file.
_GUESSED_TYPES = frozenset(
    {"PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME", "AGE", "DATE_OF_BIRTH", "ADDRESS"}
)
_CONFIDENT_SCORE = 0.5


def is_confident_identifier(finding: Finding) -> bool:
    """A roster value, or an identifier whose shape was validated (an e-mail, an IBAN's
    checksum, a phone number libphonenumber accepts): what may rename a file. A name
    the NER guesses in ``letter-de.txt`` or ``test_yyyymmdd_24hrs.txt`` may not."""
    if ROSTER in finding.recognizers:
        return True
    return finding.entity_type not in _GUESSED_TYPES and finding.score >= _CONFIDENT_SCORE

