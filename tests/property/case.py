"""The property suite's synthetic case: roster, policy, planted values and the forms they take.

Every person, number and account here is invented. A planted value is described by
party, field and form only (``Plant.__repr__``), so that hypothesis' "falsifying
example" and every assertion message name positions and kinds, never values.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

KEY_HEX = bytes(range(32)).hex()
AS_OF = dt.date(2026, 3, 20)

ROSTER_YAML = """\
case: HT-PROP-0008
parties:
  - id: V1
    role: victim
    names: ["Ioana Popescu"]
    born: 2001-04-12
    phones: ["+40 723 456 789"]
    emails: ["starling.k77@example.org"]
    accounts: ["RO49AAAA1B31007593840000"]
    documents: ["481516234"]
  - id: M1
    role: victim
    minor: true
    names: ["Ștefania Bălănescu"]
    born: 2012-06-30
    phones: ["+40 745 318 206"]
    emails: ["fluture.zen42@example.net"]
    accounts: ["RO70RNCB0082044619370001"]
    documents: ["PB7730215"]
  - id: S1
    role: suspect
    names: ["Dorin Vasilache"]
    phones: ["+40 766 987 654"]
    accounts: ["GB82WEST12345698765432"]
"""

POLICY_YAML = """\
policy: props-ro-gb
version: 1
extends: baseline
from: RO
to: [GB]
legal_basis: "test"
handling: "TLP:AMBER"
"""

SUSPECT_NAME = "Dorin Vasilache"


@dataclass(frozen=True)
class Party:
    label: str  # "victim" or "minor": how messages name it
    given: str
    surname: str
    born: dt.date
    phone_national: str  # digits after +40
    email: str
    iban: str
    document: str


VICTIM = Party("victim", "Ioana", "Popescu", dt.date(2001, 4, 12), "723456789",
               "starling.k77@example.org", "RO49AAAA1B31007593840000", "481516234")
MINOR = Party("minor", "Ștefania", "Bălănescu", dt.date(2012, 6, 30), "745318206",
              "fluture.zen42@example.net", "RO70RNCB0082044619370001", "PB7730215")
PARTIES = (VICTIM, MINOR)

# Cyrillic letters that look like Latin ones (both directions are used by the checker).
HOMOGLYPHS = {"a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "s": "ѕ", "x": "х", "y": "у",
              "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
              "O": "О", "P": "Р", "S": "Ѕ", "T": "Т", "X": "Х"}
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")


def strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """What the checker compares: no invisible or formatting characters, homoglyphs as
    Latin, no diacritics, no case, and only letters and digits (so dotted, spaced and
    separated forms collapse onto the listed value)."""
    back = {v: k for k, v in HOMOGLYPHS.items()}
    text = "".join(back.get(c, c) for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"[^0-9a-z]", "", strip_marks(text).casefold())


def needles(party: Party) -> dict[str, str]:
    """Folded needles per field: the victim's values in every written form fold onto these."""
    local = party.email.split("@")[0]
    return {
        f"{party.label} given name": fold(party.given),
        f"{party.label} surname": fold(party.surname),
        f"{party.label} phone": party.phone_national,
        f"{party.label} email": fold(local),
        f"{party.label} IBAN": fold(party.iban[4:]),  # the BBAN: any form of the IBAN holds it
        f"{party.label} document": fold(party.document),
        f"{party.label} date of birth (ISO)": party.born.strftime("%Y%m%d"),
        f"{party.label} date of birth (day first)": party.born.strftime("%d%m%Y"),
    }


ALL_NEEDLES: dict[str, str] = {k: v for p in PARTIES for k, v in needles(p).items()}


@dataclass(frozen=True)
class Plant:
    """One planted value. Only party, field and form show in reprs; the value never does."""

    party: str
    field: str
    form: str
    value: object = field(repr=False, compare=False)

    def __repr__(self) -> str:
        return f"Plant({self.party} {self.field}, form {self.form})"

    def _repr_pretty_(self, printer: object, cycle: bool) -> None:
        # hypothesis prints drawn dataclasses field by field unless told otherwise
        printer.text(repr(self))  # type: ignore[attr-defined]

    @property
    def text(self) -> str:
        return self.value if isinstance(self.value, str) else str(self.value)

    @property
    def labels(self) -> tuple[str, ...]:
        """The needles this plant must set off in the checker."""
        if self.field == "name":
            return (f"{self.party} given name", f"{self.party} surname")
        if self.field in ("given name", "surname"):
            return (f"{self.party} {self.field}",)
        if self.field == "date of birth":
            return (f"{self.party} date of birth ({'day first' if 'day first' in self.form else 'ISO'})",)
        return (f"{self.party} {self.field}",)


# -- plain written forms (the contract: any case, with or without diacritics, separators) --

def name_forms(party: Party, which: str) -> dict[str, str]:
    base = {"name": f"{party.given} {party.surname}", "given name": party.given, "surname": party.surname}[which]
    forms = {"as listed": base, "upper": base.upper(), "lower": base.lower()}
    if strip_marks(base) != base:
        forms["no diacritics"] = strip_marks(base)
        forms["no diacritics, upper"] = strip_marks(base).upper()
    return forms


def phone_forms(party: Party) -> dict[str, str]:
    n = party.phone_national
    a, b, c = n[:3], n[3:6], n[6:]
    return {"international spaced": f"+40 {a} {b} {c}", "international compact": f"+40{n}",
            "trunk zero": f"0{a} {b} {c}", "dashes": f"+40-{a}-{b}-{c}", "dots": f"0{a}.{b}.{c}",
            "00 prefix": f"0040 {a} {b} {c}"}


def iban_forms(party: Party) -> dict[str, str]:
    compact = party.iban
    return {"compact": compact, "grouped": " ".join(compact[i:i + 4] for i in range(0, len(compact), 4)),
            "lower": compact.lower()}


def dob_forms(party: Party) -> dict[str, str]:
    d = party.born
    return {
        "ISO": d.isoformat(),
        "dotted day first": d.strftime("%d.%m.%Y"),
        "slashed day first": d.strftime("%d/%m/%Y"),
    }


def plain_plants(party: Party) -> list[Plant]:
    """Every field of a party in every contract form, as text."""
    out: list[Plant] = []
    for which in ("name", "given name", "surname"):
        out += [Plant(party.label, which, form, v) for form, v in name_forms(party, which).items()]
    out += [Plant(party.label, "phone", form, v) for form, v in phone_forms(party).items()]
    out += [
        Plant(party.label, "email", form, v)
        for form, v in {"as listed": party.email, "upper": party.email.upper()}.items()
    ]
    out += [Plant(party.label, "IBAN", form, v) for form, v in iban_forms(party).items()]
    out += [
        Plant(party.label, "document", form, v)
        for form, v in {"as listed": party.document, "lower": party.document.lower()}.items()
    ]
    out += [Plant(party.label, "date of birth", form, v) for form, v in dob_forms(party).items()]
    return out


PLAIN_PLANTS = tuple(p for party in PARTIES for p in plain_plants(party))
NAME_PLANTS = tuple(p for p in PLAIN_PLANTS if p.field in ("name", "given name", "surname"))


def typed_plants(kind: str) -> tuple[Plant, ...]:
    """Values a typed cell (int, float, date, datetime) can hold."""
    out: list[Plant] = []
    for party in PARTIES:
        if kind == "int":
            out.append(Plant(party.label, "phone", "int, with country code", int("40" + party.phone_national)))
            out.append(Plant(party.label, "phone", "int, national", int(party.phone_national)))
            if party.document.isdigit():
                out.append(Plant(party.label, "document", "int", int(party.document)))
        elif kind == "float":
            out.append(Plant(party.label, "phone", "float, with country code", float("40" + party.phone_national)))
            if party.document.isdigit():
                out.append(Plant(party.label, "document", "float", float(party.document)))
        elif kind == "date":
            out.append(Plant(party.label, "date of birth", "date", party.born))
        elif kind == "datetime":
            out.append(Plant(party.label, "date of birth", "datetime", dt.datetime.combine(party.born, dt.time(0, 0))))
    return tuple(out)


# -- disguises (issue 8: invisible characters, dots, spaces, homoglyphs) ------------------

def _between_letters(text: str, joiner: str) -> str:
    return " ".join(joiner.join(word) for word in text.split(" "))


def disguise(plant: Plant, how: str, pick: int) -> Plant:
    """``plant`` written in a disguised form; ``pick`` varies which characters are used."""
    text = plant.text
    if how == "zero-width":
        mark = ZERO_WIDTH[pick % len(ZERO_WIDTH)]
        middle = max(1, len(text) // 2)
        out = text[:1] + mark + text[1:middle] + mark + text[middle:]
    elif how == "dotted letters":
        out = _between_letters(text, ".")
    elif how == "spaced letters":
        out = " ".join(text.replace(" ", ""))
    elif how == "reversed":
        # Stored backwards and shown forwards by a right-to-left override, as in the issue.
        out = "\u202e" + text[::-1] + "\u202c"
    elif how == "homoglyphs":
        chars = list(text)
        swappable = [i for i, c in enumerate(chars) if c in HOMOGLYPHS]
        for n, i in enumerate(swappable):
            if n % 2 == pick % 2 or len(swappable) == 1:
                chars[i] = HOMOGLYPHS[chars[i]]
        out = "".join(chars)
    else:
        raise ValueError(how)
    variant = (
        f" {pick % len(ZERO_WIDTH) + 1}" if how == "zero-width" else (f" {pick % 2 + 1}" if how == "homoglyphs" else "")
    )
    return Plant(plant.party, plant.field, f"{plant.form}, {how}{variant}", out)


DISGUISES = ("zero-width", "dotted letters", "spaced letters", "homoglyphs", "reversed")


def disguisable(how: str) -> tuple[Plant, ...]:
    """Plants a disguise makes sense for: letters for dots, spaces and homoglyphs."""
    if how in ("dotted letters", "spaced letters", "reversed"):
        return tuple(p for p in NAME_PLANTS if p.form == "as listed")
    if how == "homoglyphs":
        return tuple(
            p
            for p in PLAIN_PLANTS
            if p.form in ("as listed", "compact") and p.field in ("name", "given name", "surname", "email", "IBAN")
        )
    return tuple(p for p in PLAIN_PLANTS if p.form in ("as listed", "compact", "international spaced"))


def pool(
    *fields: str, forms: tuple[str, ...] | None = None, name_safe: bool = False, latin1: bool = False
) -> tuple[Plant, ...]:
    """Plain plants of the given fields ("name" covers full, given and surname), optionally only
    those that fit in a file or sheet name (no path or sheet-name separators), or only those
    a PDF's standard fonts can draw (Latin-1)."""
    wanted = set(fields) | ({"given name", "surname"} if "name" in fields else set())
    out = [p for p in PLAIN_PLANTS if p.field in wanted and (forms is None or p.form in forms)]
    if name_safe:
        out = [p for p in out if not any(c in p.text for c in "/\\:*?[]")]
    if latin1:
        out = [p for p in out if p.text.encode("latin-1", "ignore").decode("latin-1") == p.text]
    return tuple(out)


ANY_FIELD = ("name", "phone", "email", "IBAN", "document", "date of birth")
