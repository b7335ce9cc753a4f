"""The people of one synthetic case: roster parties and the people no roster lists."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import phonenumbers

from benchmarks.quality.identifiers import (
    ROSTER_PHONE_FORMS,
    account_forms,
    ascii_fold,
    bank_account,
    e164,
    email_address,
    email_forms,
    gb_iban,
    mobile_number,
    passport_number,
    phone_forms,
    social_handle,
)
from benchmarks.quality.labels import Mention
from benchmarks.quality.origins import DESTINATIONS, LOCAL, LOCAL_FIRST, LOCAL_LAST, ORIGINS, Origin
from victimshield.roster.model import Party, Roster

AS_OF = dt.date(2026, 3, 20)  # the export day: who is a minor is decided against it


@dataclass
class Person:
    pid: str
    kind: str  # victim, minor, witness, recruiter, controller, officer, client, driver, relative, friend
    role: str  # the contract's role (minor for an under-18 victim), 'unknown' for no party
    party: str | None
    origin: Origin
    given: str
    surname: str
    nickname: str | None = None
    nickname_in_roster: bool = False
    born: dt.date | None = None
    phone: phonenumbers.PhoneNumber | None = None
    account: tuple[str, str] | None = None  # (entity type, value)
    email: str | None = None
    handle: str | None = None
    passport: str | None = None
    native: dict[str, str] = field(default_factory=dict)

    @property
    def full(self) -> str:
        return f"{self.surname} {self.given}" if self.origin.surname_first else f"{self.given} {self.surname}"

    @property
    def first(self) -> str:
        """What friends write: the last part of a Vietnamese given name, else the first."""
        parts = self.given.split()
        return parts[-1] if self.origin.surname_first else parts[0]


@dataclass
class Cast:
    case: str
    people: list[Person]
    city: str
    as_of: dt.date = AS_OF

    def of_kind(self, kind: str) -> list[Person]:
        return [p for p in self.people if p.kind == kind]

    def roles(self) -> dict[str, tuple[str, str | None]]:
        return {p.pid: (p.role, p.party) for p in self.people}

    def roster(self) -> Roster:
        parties = []
        for p in self.people:
            if p.party is None:
                continue
            names = [p.full] + ([p.nickname] if p.nickname and p.nickname_in_roster else [])
            parties.append(
                Party(
                    id=p.party,
                    role="victim"
                    if p.kind == "minor"
                    else ("suspect" if p.kind in ("recruiter", "controller") else p.kind),
                    names=names,
                    born=p.born,
                    phones=[e164(p.phone)] if p.phone else [],
                    emails=[p.email] if p.email else [],
                    handles=[p.handle] if p.handle else [],
                    accounts=[p.account[1]] if p.account else [],
                    documents=[p.passport] if p.passport else [],
                )
            )
        return Roster(case=self.case, parties=parties)


class _NamePicker:
    """Draws names so that no name word is shared between people of different sides."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._used: set[str] = set()

    def pick(self, pool: tuple[str, ...]) -> str:
        free = [n for n in pool if not set(ascii_fold(n).lower().split()) & self._used]
        choice = self._rng.choice(free or list(pool))
        self._used |= set(ascii_fold(choice).lower().split()) - {"thi", "van"}  # shared middle names are fine
        return choice


def make_cast(case: str, rng: random.Random) -> Cast:
    codes = sorted(ORIGINS)
    home = ORIGINS[rng.choice(codes)]
    second = ORIGINS[rng.choice([c for c in codes if c != home.code])]
    destination = rng.choice(sorted(DESTINATIONS))
    names = _NamePicker(rng)
    people: list[Person] = []

    def add(kind: str, role: str, party: str | None, origin: Origin, *, female: bool = True, **extra: object) -> Person:
        given = names.pick(origin.female if female else origin.male)
        surname = names.pick(origin.surnames)
        nickname = origin.nicknames.get(given)
        person = Person(f"P{len(people) + 1}", kind, role, party, origin, given, surname, nickname,
                        nickname_in_roster=rng.random() < 0.5, **extra)  # type: ignore[arg-type]
        person.native = {k: v for k, v in origin.native.items() if k in (given, surname)}
        person.phone = mobile_number(origin, rng)
        people.append(person)
        return person

    def adult_born() -> dt.date:
        return dt.date(rng.randint(1990, 2005), rng.randint(1, 12), rng.randint(1, 28))

    for index, origin in enumerate((home, home, second)):
        victim = add("victim", "victim", f"V{index + 1}", origin, born=adult_born())
        victim.account = bank_account(origin, rng)
        victim.email = email_address(victim.given, victim.surname, origin, rng)
        victim.handle = social_handle(victim.given, rng)
        victim.passport = passport_number(origin, rng)
    minor = add(
        "minor", "minor", "V4", home, born=dt.date(rng.randint(2009, 2010), rng.randint(1, 12), rng.randint(1, 28))
    )
    minor.handle = social_handle(minor.given, rng)
    add("witness", "witness", "W1", home)
    recruiter = add("recruiter", "suspect", "S1", home, female=False)
    recruiter.account = bank_account(home, rng)
    recruiter.handle = social_handle(recruiter.given, rng)
    controller = add("controller", "suspect", "S2", home, female=False)
    controller.account = ("IBAN_CODE", gb_iban(rng))
    local = ORIGINS[rng.choice(codes)]
    officer = Person("P0", "officer", "officer", "O1", local, names.pick(LOCAL_FIRST), names.pick(LOCAL_LAST))
    people.append(officer)
    for kind in ("client", "client", "driver"):
        person = Person(
            f"P{len(people) + 1}", kind, "unknown", None, local, names.pick(LOCAL_FIRST), names.pick(LOCAL_LAST)
        )
        person.phone = mobile_number(LOCAL, rng)
        people.append(person)
    mother = add("relative", "unknown", None, home)
    mother.surname = people[0].surname  # the first victim's mother: a shared surname
    mother.account = bank_account(home, rng)
    add("friend", "unknown", None, second)
    return Cast(case, people, rng.choice(DESTINATIONS[destination]))


# -- how a person's values are written ---------------------------------------
def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    return rng.choice(
        (word[:i] + word[i] + word[i:], word[:i] + word[i + 1] + word[i] + word[i + 2 :], word[:i] + word[i + 1 :])
    )


def name_mention(person: Person, rng: random.Random, style: str) -> Mention:
    """``style`` 'chat' writes like people chat; 'formal' like an officer."""
    roster_words = set(ascii_fold(person.full).lower().split())
    if person.nickname_in_roster and person.nickname:
        roster_words |= set(ascii_fold(person.nickname).lower().split())
    if style == "formal":
        choices = {"full": person.full, "full_upper": person.full.upper(), "surname": person.surname}
    else:
        choices = {
            "first": person.first, "first_lower": person.first.lower(), "full_lower": person.full.lower(),
            "first_ascii": ascii_fold(person.first).lower(), "typo": _typo(ascii_fold(person.first).lower(), rng),
        }
        if person.nickname:
            choices["nickname"] = person.nickname.lower() if rng.random() < 0.5 else person.nickname
        for native in person.native.values():
            choices["native_script"] = native
    form = rng.choice(sorted(choices))
    value = choices[form]
    words = set(ascii_fold(value).lower().split())
    known = person.party is not None and words <= roster_words
    return Mention(value, "PERSON", person.pid, form, known)


def phone_mention(person: Person, rng: random.Random, forms: tuple[str, ...] | None = None) -> Mention:
    assert person.phone is not None
    written = phone_forms(person.phone)
    form = rng.choice(forms or sorted(written))
    return Mention(
        written[form], "PHONE_NUMBER", person.pid, form, person.party is not None and form in ROSTER_PHONE_FORMS
    )


def account_mention(person: Person, rng: random.Random) -> Mention:
    assert person.account is not None
    entity_type, value = person.account
    form = rng.choice(sorted(account_forms(value)))
    return Mention(account_forms(value)[form], entity_type, person.pid, form, person.party is not None)


def email_mention(person: Person, rng: random.Random) -> Mention:
    assert person.email is not None
    form = "plain" if rng.random() < 0.75 else "spoken"
    return Mention(
        email_forms(person.email)[form], "EMAIL_ADDRESS", person.pid, form, person.party is not None and form == "plain"
    )


def handle_mention(person: Person) -> Mention:
    assert person.handle is not None
    return Mention(person.handle, "SOCIAL_HANDLE", person.pid, "handle", person.party is not None)


def passport_mention(person: Person) -> Mention:
    assert person.passport is not None
    return Mention(person.passport, "PASSPORT", person.pid, "passport", person.party is not None)


def birth_mention(person: Person) -> Mention:
    assert person.born is not None
    return Mention(person.born.strftime("%d.%m.%Y"), "DATE_OF_BIRTH", person.pid, "dotted", person.party is not None)
