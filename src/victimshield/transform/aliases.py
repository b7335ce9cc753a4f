"""Short names of people not in the roster, tied to the full name they stand for.

"Dave Morgan paid" then "tell dave to wait": in one document, when every word of
a shorter name belongs to exactly one longer name found there, both get the
longer name's pseudonym, so the reader can follow one person. Ambiguous short
names ("dave" beside "Dave Morgan" and "Dave Price") keep their own. A big input redacted
in parts (``stream.py``) hands each part the names of the parts before (``earlier``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from victimshield.decide import Plan
from victimshield.normalize import words_key
from victimshield.vocabulary import Action


class NameAliases:
    """Normalised short name -> normalised full name, for one document. Holds names:
    it lives only while the document is transformed, and its repr shows none."""

    def __init__(self, mapping: dict[str, str]):
        self._mapping = mapping

    def __repr__(self) -> str:
        return f"NameAliases({len(self._mapping)})"

    def resolve(self, normalized: str) -> str:
        return self._mapping.get(normalized, normalized)

    @classmethod
    def from_plan(cls, texts: Sequence[str], plan: Plan, earlier: Iterable[str] = ()) -> NameAliases:
        names = cls.names_in(texts, plan) | set(earlier)
        full_names = [n for n in names if len(n.split()) >= 2]
        holders: dict[str, set[str]] = defaultdict(set)
        for full in full_names:
            for word in full.split():
                holders[word].add(full)
        mapping = {}
        for name in names:
            words = name.split()
            candidates = set.intersection(*(holders.get(w, set()) for w in words)) - {name}
            longer = {c for c in candidates if len(c.split()) > len(words)}
            if len(longer) == 1:
                mapping[name] = next(iter(longer))
        return cls(mapping)

    @staticmethod
    def names_in(texts: Sequence[str], plan: Plan) -> set[str]:
        """The normalised names of people outside the roster that ``plan`` pseudonymizes."""
        names: set[str] = set()
        for text, decisions in zip(texts, plan.segments, strict=True):
            for d in decisions:
                f = d.finding
                if f.entity_type == "PERSON" and f.party is None and d.action is Action.PSEUDONYMIZE:
                    key = words_key(text[f.start : f.end])
                    if key:
                        names.add(key)
        return names
