"""Handling codes: how the receiving authority may use and pass on what it gets.

Two vocabularies, both checked when a policy is loaded:

- TLP 2.0 (FIRST, 2022), spelt exactly: ``TLP:CLEAR``, ``TLP:GREEN``, ``TLP:AMBER``,
  ``TLP:AMBER+STRICT``, ``TLP:RED`` (the policy's ``handling:``, required);
- Europol handling codes ``H0``-``H3`` (the policy's optional ``handling_code:``); H3
  ("other restrictions") carries its own free text: ``H3: not to be passed to …``, or
  ``{code: H3, text: "…"}``.

Pure data: no stage imports this module's callers, and it imports nothing of VictimShield.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TLP_LABELS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
# What each Europol code means, for the record and for `policy show`.
EUROPOL_CODES = {
    "H0": "may be used in judicial proceedings",
    "H1": "not to be used in judicial proceedings without the provider's permission",
    "H2": "not to be disseminated without the provider's permission",
    "H3": "other restrictions",
}
MAX_H3_TEXT = 500


def check_tlp(value: object) -> str:
    """``value`` if it is a TLP 2.0 label exactly spelt; else ``ValueError`` naming the five."""
    if isinstance(value, str) and value in TLP_LABELS:
        return value
    hint = ""
    if isinstance(value, str) and value.strip().upper().replace(" ", "") in TLP_LABELS:
        hint = " (spelt exactly, in capitals)"
    elif isinstance(value, str) and value.strip().upper() in {"TLP:WHITE", "WHITE"}:
        hint = " (TLP 2.0 calls TLP:WHITE TLP:CLEAR)"
    raise ValueError(f"not a TLP 2.0 label{hint}; one of: {', '.join(TLP_LABELS)}")


def europol_code(value: object) -> str | None:
    """A Europol handling code as written in the policy, normalised to ``H0``..``H2`` or
    ``H3: text``; ``ValueError`` if it is none of them (H3 without its text is refused)."""
    if value is None:
        return None
    code, text = _split(value)
    if code not in EUROPOL_CODES:
        raise ValueError(f"not a Europol handling code; one of: {', '.join(EUROPOL_CODES)} (H3 with its text)")
    if code == "H3":
        if not text:
            raise ValueError("H3 needs its free text (the restriction), e.g. 'H3: not to be passed to third states'")
        if len(text) > MAX_H3_TEXT or any(ord(c) < 32 for c in text):
            raise ValueError(f"the H3 text must be one line of at most {MAX_H3_TEXT} characters")
        return f"H3: {text}"
    if text:
        raise ValueError(f"only H3 carries a text; {code} stands alone")
    return code


def _split(value: object) -> tuple[str, str]:
    if isinstance(value, Mapping):
        extra = set(value) - {"code", "text"}
        if extra:
            raise ValueError("a handling code mapping takes only 'code' and 'text'")
        code, text = value.get("code"), value.get("text", "")
        if not isinstance(code, str) or not isinstance(text, str):
            raise ValueError("'code' and 'text' must be text")
        return code.strip(), text.strip()
    if isinstance(value, str):
        code, _, text = value.partition(":")
        return code.strip(), text.strip()
    raise ValueError("a handling code is text (H0, H1, H2, 'H3: text') or {code: H3, text: …}")


def handling_text(tlp: str, code: str | None) -> str:
    """One line for an output's metadata: ``TLP:AMBER`` or ``TLP:AMBER; H3: text``."""
    return tlp if code is None else f"{tlp}; {code}"


def handling_record(tlp: str, code: str | None) -> dict[str, Any]:
    """The handling block of the transfer record."""
    record: dict[str, Any] = {"tlp": tlp, "europol": None}
    if code is not None:
        name, _, text = code.partition(":")
        record["europol"] = {"code": name, "meaning": EUROPOL_CODES[name], "text": text.strip() or None}
    return record
