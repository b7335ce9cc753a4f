"""Chat conversations as pieces (text and mentions), before any file format is chosen.

The templates are written the way these chats read in real case files: lowercase,
short, abbreviations, home-language phrases, numbers spaced or spelled out.
Nothing in the background words is a name, so every name in a file is labelled.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.quality.cast import (
    Cast,
    Person,
    account_mention,
    email_mention,
    handle_mention,
    name_mention,
    passport_mention,
    phone_mention,
)
from benchmarks.quality.identifiers import CHAT_ONLY_PHONE_FORMS, ROSTER_PHONE_FORMS
from benchmarks.quality.labels import Mention, Piece

TEMPLATES: dict[str, tuple[str, ...]] = {
    "controller": (
        "{victim} u start tmrw in {city}, {driver} picks u up at 8",
        "client {client} paid already. dont make problems",
        "send it to {boss_account} today not tmrw",
        "if anyone asks u r 19 ok?? same for {minor}",
        "call me on {boss_phone} the old sim is dead",
        "{client} wants {victim} again on friday",
        "{victim} where is the money?? {amount} short this week",
        "new girl {minor} comes sunday, {driver} brings her from the airport",
        "i keep ur passport {victim_passport} until u pay",
        "write {client} on {client_phone} he is waiting",
        "{phrase}. tonight {city} again",
        "{recruiter} says the families ask questions. tell them all good",
        "u and {victim2} share the room, no complaining",
    ),
    "recruiter": (
        "{victim} ur mother {relative} called me again",
        "paid the tickets, send {amount} to {recruiter_account}",
        "my insta is {recruiter_handle} if whatsapp is blocked",
        "{friend} wants to come too, number {friend_phone}",
    ),
    "victim": (
        "ok {boss}. {phrase}",
        "my mother {relative} sent {amount} from {relative_account}",
        "pls leave {minor} alone she is a kid",
        "my new number is {victim_phone}",
        "{witness} saw everything, she knows",
        "i want my passport back",
        "{client} hurt me, i dont go to him anymore",
        "write me on insta {victim_handle} or mail {victim_email}",
        "{victim2} is sick today cant work",
        "{phrase} {boss}... i am tired",
        "call {witness} on {witness_phone}",
        "tell {driver} to wait 10 min",
        "mama number is {relative_phone} if something happens to me",
        "i sent {amount} from my account {victim_account}",
    ),
    "driver": (
        "outside now white van. {victim} and {victim2} come down",
        "{client} said next week again, his number {client_phone}",
        "traffic, 20 min. tell {victim}",
    ),
    "minor": (
        "{phrase}. i am scared",
        "my insta {minor_handle} pls dont tell {boss}",
    ),
}
# Who writes how often in the controller's phone.
SENDER_WEIGHTS = {"controller": 5, "recruiter": 2, "victim": 6, "driver": 2, "minor": 1}
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class ChatMessage:
    when: dt.datetime
    sender: tuple[Piece, ...]  # the contact name as saved in the seized phone, or a number
    body: tuple[Piece, ...]


def _phone(person: Person, rng: random.Random) -> Mention:
    # Chats spell numbers out one time in four: what a roster cannot know.
    forms = CHAT_ONLY_PHONE_FORMS if rng.random() < 0.25 else ROSTER_PHONE_FORMS
    return phone_mention(person, rng, forms)


def _slot_resolvers(cast: Cast, rng: random.Random, sender: Person) -> dict[str, Callable[[], Piece]]:
    victims = cast.of_kind("victim")
    victim = sender if sender.kind == "victim" and rng.random() < 0.3 else rng.choice(victims)
    victim2 = rng.choice([v for v in victims if v is not victim])
    one = {
        kind: cast.of_kind(kind)
        for kind in ("minor", "witness", "controller", "recruiter", "driver", "relative", "friend")
    }
    client = rng.choice(cast.of_kind("client"))

    def name(person: Person) -> Callable[[], Piece]:
        return lambda: name_mention(person, rng, "chat")

    return {
        "victim": name(victim),
        "victim2": name(victim2),
        "minor": name(one["minor"][0]),
        "witness": name(one["witness"][0]),
        "boss": name(one["controller"][0]),
        "recruiter": name(one["recruiter"][0]),
        "client": name(client),
        "driver": name(one["driver"][0]),
        "relative": name(one["relative"][0]),
        "friend": name(one["friend"][0]),
        "boss_phone": lambda: _phone(one["controller"][0], rng),
        "victim_phone": lambda: _phone(victim, rng),
        "client_phone": lambda: _phone(client, rng),
        "relative_phone": lambda: _phone(one["relative"][0], rng),
        "friend_phone": lambda: _phone(one["friend"][0], rng),
        "witness_phone": lambda: _phone(one["witness"][0], rng),
        "boss_account": lambda: account_mention(one["controller"][0], rng),
        "recruiter_account": lambda: account_mention(one["recruiter"][0], rng),
        "victim_account": lambda: account_mention(victim, rng),
        "relative_account": lambda: account_mention(one["relative"][0], rng),
        "victim_email": lambda: email_mention(victim, rng),
        "victim_handle": lambda: handle_mention(victim),
        "minor_handle": lambda: handle_mention(one["minor"][0]),
        "recruiter_handle": lambda: handle_mention(one["recruiter"][0]),
        "victim_passport": lambda: passport_mention(victim),
        "city": lambda: cast.city,
        "amount": lambda: f"{rng.choice((150, 200, 300, 500, 1000))} {rng.choice(('eur', 'gbp', '£', 'e'))}",
        "phrase": lambda: rng.choice(sender.origin.phrases or ("ok",)),
    }


def fill_template(template: str, resolvers: dict[str, Callable[[], Piece]]) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    for index, part in enumerate(_SLOT.split(template)):
        if index % 2 == 1:
            pieces.append(resolvers[part]())
        elif part:
            pieces.append(part)
    return tuple(pieces)


def _sender_display(person: Person, rng: random.Random) -> tuple[Piece, ...]:
    """Saved contacts show as the owner saved them; unsaved ones as their number."""
    if person.kind == "controller":
        return ("me",)  # the export's owner
    if rng.random() < 0.2:
        return (phone_mention(person, rng, ("international",)),)
    label = {"driver": " taxi", "recruiter": " ro", "minor": " 🌸", "victim": rng.choice(("", " ❤", " new"))}.get(
        person.kind, ""
    )
    return (name_mention(person, rng, "chat"), label) if label else (name_mention(person, rng, "chat"),)


def compose_chat(cast: Cast, rng: random.Random, messages: int) -> list[ChatMessage]:
    kinds = sorted(SENDER_WEIGHTS)
    when = dt.datetime(2026, 2, rng.randint(1, 20), 20, 0)
    # Each contact shows under one saved name through the export, as in a real phone.
    displays = {p.pid: _sender_display(p, rng) for p in cast.people if p.kind in SENDER_WEIGHTS}
    out = []
    for _ in range(messages):
        kind = rng.choices(kinds, weights=[SENDER_WEIGHTS[k] for k in kinds])[0]
        sender = rng.choice(cast.of_kind(kind))
        body = fill_template(rng.choice(TEMPLATES[kind]), _slot_resolvers(cast, rng, sender))
        when += dt.timedelta(minutes=rng.randint(1, 600))
        out.append(ChatMessage(when, displays[sender.pid], body))
    return out
