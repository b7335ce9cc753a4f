"""What the transforms write, so later passes and ``verify`` do not mistake it for evidence.

A pseudonym (``VICTIM-3f9a1c2b``), a redaction marker (``[REDACTED:PHONE_NUMBER]``),
a ciphertext (``[ENC:…]``) and a mask (``*******789``) are the tool's own output.
"""

from __future__ import annotations

import re

from victimshield.finding import Finding

PSEUDONYM = r"\b[A-Z][A-Z_]{1,20}-[0-9a-f]{6,32}\b"
MARKER = r"\[REDACTED:[A-Z_]+\]"
CIPHERTEXT = r"\[ENC:[A-Za-z0-9_\-]+\]"
MASK = r"\*{2,}[\w\-. ]{0,4}(?!\w)"
PRODUCT_RE = re.compile("|".join(f"(?:{p})" for p in (PSEUDONYM, MARKER, CIPHERTEXT, MASK)))


_NER_ONLY = frozenset({"SpacyRecognizer"})


_KEYED = re.compile(rf"(?P<pseudonym>{PSEUDONYM})|(?P<ciphertext>{CIPHERTEXT})")
_HEX_TAIL = re.compile(r"-[0-9a-f]+$")


def _neutral(match: re.Match[str]) -> str:
    found = match.group()
    # Letters, not digits: eight zeros would read as a phone number to a later pass.
    if match.group("pseudonym"):
        return _HEX_TAIL.sub(lambda m: "-" + "x" * (len(m.group()) - 1), found)
    return "[ENC:" + "x" * (len(found) - 6) + "]"


def neutral_text(text: str) -> str:
    """The text with every keyed part of the tool's output (a pseudonym's hex digits, a
    ciphertext's body) replaced by fixed characters of the same length.

    Detection after a first pass reads this instead of the text: what the NER sees then
    does not depend on the case key, so the same input gives the same findings under
    any key, and offsets still match the real text."""
    return _KEYED.sub(_neutral, text) if ("-" in text or "[ENC:" in text) else text


def _word_ending(piece: str) -> bool:
    core = piece.strip(" \t\n,.;:'\"()’`-")
    return 0 < len(core) <= 5 and not any(c.isspace() or c.isdigit() for c in piece)


def product_spans(text: str, pattern: re.Pattern[str] = PRODUCT_RE) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _has_content(text: str) -> bool:
    return any(c.isalnum() for c in text)


def strip_products(text: str, findings: list[Finding], pattern: re.Pattern[str] = PRODUCT_RE) -> list[Finding]:
    """Cut the tool's own output (what ``pattern`` matches: every operator's products) out of
    each finding; keep what is left if it has content.

    A pattern or roster finding that overlaps a product keeps its part that is
    not one, so it is still treated; an NER finding that touches one is dropped.
    """
    spans = product_spans(text, pattern)
    if not spans:
        return findings
    out = []
    for finding in findings:
        touches = any(p_start < finding.end and finding.start < p_end for p_start, p_end in spans)
        if touches and finding.recognizer in _NER_ONLY:
            # The NER's span around a pseudonym ("the victim VICTIM-3f9a…" as one ORG) is
            # boundary noise, not a new name: the identifier in it is already replaced.
            continue
        pieces = [(finding.start, finding.end)]
        for p_start, p_end in spans:
            next_pieces = []
            for start, end in pieces:
                if p_end <= start or end <= p_start:
                    next_pieces.append((start, end))
                    continue
                if start < p_start:
                    next_pieces.append((start, p_start))
                if p_end < end:
                    next_pieces.append((p_end, end))
            pieces = next_pieces
        ends = {p_end for _, p_end in spans}
        starts = {p_start for p_start, _ in spans}
        for start, end in pieces:
            piece = text[start:end]
            if not _has_content(piece):
                continue
            if (start in ends or end in starts) and _word_ending(piece) and "roster" not in finding.recognizers:
                # The rest of a word whose other part was replaced ("VICTIM-3f9a1c2b’ю", a
                # Ukrainian case ending): that word was judged whole on the original text.
                # Digits never count as an ending: a number glued to a token is still treated.
                continue
            lead = len(piece) - len(piece.lstrip(" \t\n,.;:'\"()"))
            trail = len(piece) - len(piece.rstrip(" \t\n,.;:'\"()"))
            new_start, new_end = start + lead, end - trail
            if (new_start, new_end) == (finding.start, finding.end):
                out.append(finding)
            elif new_start < new_end:
                out.append(Finding(new_start, new_end, finding.entity_type, finding.score, finding.recognizer,
                                   finding.role, finding.party, finding.minor))
    return out
