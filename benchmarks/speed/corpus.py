"""Seeded synthetic inputs for the speed benchmark: a chat export, a transaction table, a PDF.

Everything is generated here from small name lists (no shared corpus is copied). Each
generator also returns the values it planted, so the leak rate of a run can be counted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

FIRST = ["Ioana", "Elena", "Mihai", "Andreea", "Olena", "Chinedu", "Nguyen", "Somchai", "Maria", "Ana",
         "Luis", "Arben", "Florin", "Daniela", "Bogdan", "Irina", "Gheorghe", "Alina", "Vasile", "Roxana"]
LAST = ["Popescu", "Dumitru", "Ionescu", "Kovalenko", "Okafor", "Stan", "Srisuk", "Santos", "Reyes", "Hoxha",
        "Constantin", "Munteanu", "Lungu", "Ciobanu", "Marin", "Tudor", "Barbu", "Nistor", "Dobre", "Preda"]
CHAT_LINES = [
    "hi {first}, are you still at the flat?",
    "{name} said she will call you on {phone} tonight",
    "ok",
    "where is my passport?? {name} took it",
    "send the money to @{handle} like last time",
    "call me on {phone} if they take the phone again",
    "I am with {first} at the station, bus at {hour}:15",
    "don't tell {name} anything",
    "he wants 200 euro by friday",
    "text {handle} on insta, she knows where we are",
    "yes",
    "{first} is sick, nobody takes her to a doctor",
]
REFERENCES = ["rent", "transport", "food", "phone credit", "loan repayment", "advance", "fee", "deposit",
              "invoice {n}", "transfer {n}"]


@dataclass(frozen=True)
class Planted:
    """Generated text and the identifying values placed in it (names, phones, handles)."""

    text: str
    values: tuple[str, ...]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _phone(rng: random.Random) -> str:
    return "+40 7" + "".join(str(rng.randint(0, 9)) for _ in range(2)) + " " + \
        " ".join("".join(str(rng.randint(0, 9)) for _ in range(3)) for _ in range(2))


def chat_export(messages: int, seed: int) -> Planted:
    """A WhatsApp-style export (``[dd/mm/yyyy, hh:mm:ss] Sender: text``) of short messages.

    Senders and people mentioned are drawn from a small cast, as in a real conversation."""
    rng = random.Random(seed)
    cast = [_person(rng) for _ in range(12)]
    phones = [_phone(rng) for _ in range(8)]
    handles = [f"{rng.choice(FIRST).lower()}_{rng.randint(10, 99)}" for _ in range(6)]
    lines: list[str] = []
    planted: set[str] = set(cast[:3])  # the senders' names head their messages
    for n in range(messages):
        sender = cast[n % 3]
        name, phone, handle = rng.choice(cast), rng.choice(phones), rng.choice(handles)
        template = rng.choice(CHAT_LINES)
        body = template.format(first=name.split()[0], name=name, phone=phone, handle=handle,
                               hour=rng.randint(10, 23))
        day, minute = 1 + (n // 1440) % 28, n % 1440
        lines.append(f"[{day:02d}/03/2026, {minute // 60:02d}:{minute % 60:02d}:00] {sender}: {body}")
        if "{name}" in template:
            planted.add(name)
        elif "{first}" in template:
            planted.add(name.split()[0])
        if "{phone}" in template:
            planted.add(phone)
        if "{handle}" in template:
            planted.add(handle)
    return Planted("\n".join(lines) + "\n", tuple(sorted(planted)))


def _iban(rng: random.Random) -> str:
    bank = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
    account = "".join(str(rng.randint(0, 9)) for _ in range(16))
    # ISO 13616 check digits, so validating recognizers accept the IBAN.
    digits = "".join(str(int(c, 36)) for c in bank + account + "RO00")
    check = 98 - int(digits) % 97
    return f"RO{check:02d}{bank}{account}"


def transactions(rows: int, seed: int, path: Path) -> int:
    """A bank-statement CSV with the columns ro-to-gb's ``columns:`` rules name; returns cells."""
    rng = random.Random(seed)
    people = [(_person(rng), _iban(rng)) for _ in range(400)]
    header = "sender_name,sender_iban,receiver_name,receiver_iban,amount,currency,booking_date,reference\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for n in range(rows):
            sender, receiver = rng.choice(people), rng.choice(people)
            reference = rng.choice(REFERENCES).format(n=rng.randint(1, 300))
            out.write(f"{sender[0]},{sender[1]},{receiver[0]},{receiver[1]},{rng.randint(100, 99999) / 100:.2f},"
                      f"{rng.choice(('EUR', 'RON', 'GBP'))},2025-{1 + n % 12:02d}-{1 + n % 28:02d},{reference}\n")
    return rows * 8


def pdf_pages(pages: int, seed: int, path: Path) -> None:
    """A text PDF of ``pages`` pages of witness-statement prose (reportlab, DejaVu when present)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    page = canvas.Canvas(str(path), pagesize=A4)
    for number in range(pages):
        y = 800
        for _ in range(30):
            line = (f"On {rng.randint(1, 28)} March 2026 {_person(rng)} told officers that {_person(rng)} "
                    f"had her phone ({_phone(rng)}).")
            page.drawString(40, y, line[:95])
            y -= 24
        page.drawString(40, 40, f"page {number + 1}")
        page.showPage()
    page.save()
