"""One small writer per evidence format: a cast in, a file's text and its gold labels out.

Writers are listed in ``WRITERS``; the harness evaluates a format only when the
package can read its extension, so a reader landing on another branch switches
its format on here without a change to the generator.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.quality.cast import (
    Cast,
    account_mention,
    birth_mention,
    name_mention,
    passport_mention,
    phone_mention,
)
from benchmarks.quality.chat import compose_chat
from benchmarks.quality.labels import GoldLabel, LabelledText, Mention


@dataclass(frozen=True)
class GeneratedFile:
    name: str  # file name inside the case folder
    format: str  # report, whatsapp, bank, telegram
    text: str
    labels: tuple[GoldLabel, ...]
    background: str  # the text without its labelled values

    @property
    def extension(self) -> str:
        return "." + self.name.rsplit(".", 1)[-1]


def _finish(name: str, fmt: str, out: LabelledText) -> GeneratedFile:
    return GeneratedFile(name, fmt, out.text, tuple(out.labels), out.background)


def write_report(cast: Cast, rng: random.Random, size: int) -> GeneratedFile:
    """A police report: formal English, full names, birth dates, documents."""
    out = LabelledText(cast.roles())
    one = {
        kind: cast.of_kind(kind)[0]
        for kind in ("officer", "controller", "recruiter", "witness", "minor", "relative", "driver")
    }
    victims = cast.of_kind("victim")
    day = dt.date(2026, 3, rng.randint(1, 15)).strftime("%d %B %Y")
    out.add(
        f"POLICE REPORT - Case {cast.case}\n\nReporting officer: ",
        Mention(one["officer"].full, "PERSON", one["officer"].pid, "full", True),
        ".\n\n",
    )
    for victim in victims[: max(1, size)]:
        out.add(
            f"On {day} the victim ",
            name_mention(victim, rng, "formal"),
            " (born ",
            birth_mention(victim),
            ", passport ",
            passport_mention(victim),
            ", phone ",
            phone_mention(victim, rng, ("international", "national")),
            ") reported that she had been recruited by the suspect ",
            name_mention(one["recruiter"], rng, "formal"),
            f" with an offer of work as a cleaner in {cast.city}. ",
        )
        out.add("She named ", name_mention(one["controller"], rng, "formal"), " as the man who kept her documents. ")
        out.add(
            "Her earnings were paid into the account ", account_mention(victim, rng), " and taken by the suspect.\n\n"
        )
    out.add(
        "The witness ",
        name_mention(one["witness"], rng, "formal"),
        " (tel. ",
        phone_mention(one["witness"], rng, ("national",)),
        ") saw the suspect ",
        name_mention(one["controller"], rng, "formal"),
        " drive the women to a flat. The suspect uses the number ",
        phone_mention(one["controller"], rng, ("international",)),
        " and the account ",
        account_mention(one["controller"], rng),
        ".\n\n",
    )
    for client in cast.of_kind("client"):
        out.add(
            "A client, ",
            Mention(client.full, "PERSON", client.pid, "full", False),
            ", was identified through the number ",
            phone_mention(client, rng, ("national", "international")),
            ".\n",
        )
    out.add(
        "\nA second victim, ",
        name_mention(one["minor"], rng, "formal"),
        ", was identified as under eighteen. Her mother, ",
        Mention(one["relative"].full, "PERSON", one["relative"].pid, "full", False),
        ", sent money from the account ",
        account_mention(one["relative"], rng),
        ". The driver ",
        Mention(one["driver"].full, "PERSON", one["driver"].pid, "full", False),
        " was not traced.\n",
    )
    return _finish("police_report.txt", "report", out)


def write_whatsapp(cast: Cast, rng: random.Random, size: int) -> GeneratedFile:
    """A WhatsApp 'export chat' text file from the controller's seized phone."""
    out = LabelledText(cast.roles())
    out.add("Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n")
    for message in compose_chat(cast, rng, size):
        out.add(message.when.strftime("%d/%m/%Y, %H:%M") + " - ", *message.sender, ": ", *message.body, "\n")
    return _finish("whatsapp_chat.txt", "whatsapp", out)


def _json_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


def write_telegram(cast: Cast, rng: random.Random, size: int) -> GeneratedFile:
    """A Telegram Desktop JSON export (``result.json`` layout), one chat."""
    out = LabelledText(cast.roles())
    out.add(
        '{\n "name": "work",\n "type": "private_group",\n "id": ',
        str(rng.randint(10**9, 10**10)),
        ',\n "messages": [\n',
    )
    for index, message in enumerate(compose_chat(cast, rng, size)):
        out.add(f'  {{"id": {index + 1}, "type": "message", "date": "{message.when.isoformat()}", "from": "')
        out.add(*[_escape(p) for p in message.sender], '", "text": "', *[_escape(p) for p in message.body], '"}')
        out.add(",\n" if index < size - 1 else "\n")
    out.add(" ]\n}\n")
    return _finish("telegram/result.json", "telegram", out)


def _escape(piece: str | Mention) -> str | Mention:
    return _json_text(piece) if isinstance(piece, str) else piece  # mentions hold no quotes or backslashes


def write_bank(cast: Cast, rng: random.Random, size: int) -> GeneratedFile:
    """A bank's transaction table for the controller's account, as CSV."""
    out = LabelledText(cast.roles())
    out.add("date,payer_name,payer_account,payee_name,payee_account,amount,currency,reference\n")
    controller = cast.of_kind("controller")[0]
    payers = cast.of_kind("victim") + cast.of_kind("relative") + cast.of_kind("recruiter")
    day = dt.date(2026, 1, 5)
    for _ in range(size):
        payer = rng.choice(payers)
        day += dt.timedelta(days=rng.randint(1, 4))
        reference = rng.choice(("rent", "debt", "tickets", "food", "transfer"))
        out.add(f"{day.isoformat()},", Mention(payer.full, "PERSON", payer.pid, "full", payer.party is not None), ",",
                account_mention(payer, rng), ",", Mention(controller.full, "PERSON", controller.pid, "full", True), ",",
                account_mention(controller, rng), f",{rng.randint(50, 900)}.00,GBP,{reference}\n")
    return _finish("bank_transactions.csv", "bank", out)


Writer = Callable[[Cast, random.Random, int], GeneratedFile]
# format -> (writer, size: messages, rows or victims described)
WRITERS: dict[str, tuple[Writer, int]] = {
    "report": (write_report, 3),
    "whatsapp": (write_whatsapp, 60),
    "telegram": (write_telegram, 40),
    "bank": (write_bank, 25),
}
