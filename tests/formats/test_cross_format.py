"""One export of one case in four formats: one pseudonym per party across all of them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
from pypdf import PdfReader

import victimshield as vs

from .conftest import assert_no_leaks
from .test_chat_json import telegram_export
from .test_pdf import make_pdf
from .test_tables import transactions
from .test_whatsapp import ANDROID


def test_one_pseudonym_per_party_across_formats(shield: vs.Shield, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    (evidence / "chat.txt").write_text(ANDROID, encoding="utf-8")
    (evidence / "result.json").write_text(json.dumps(telegram_export(), indent=1, ensure_ascii=False), encoding="utf-8")
    transactions().to_csv(evidence / "bank.csv", index=False)
    (evidence / "statement.pdf").write_bytes(make_pdf())
    report = shield.redact_paths([evidence], tmp_path / "out")
    assert {entry.format for entry in report.files} == {"whatsapp", "telegram", "table", "pdf"}
    out = tmp_path / "out"
    texts = {
        "whatsapp": (out / "chat.txt").read_text(encoding="utf-8"),
        "telegram": (out / "result.json").read_text(encoding="utf-8"),
        "table": pd.read_csv(out / "bank.csv", dtype=str).to_csv(index=False),
        "pdf": "\n".join(p.extract_text() for p in PdfReader(io.BytesIO((out / "statement.pdf").read_bytes())).pages),
    }
    tokens: dict[str, set[str]] = {}
    for name, text in texts.items():
        assert_no_leaks(text, name)
        tokens[name] = set(re.findall(r"\bVICTIM-[0-9a-f]{8}\b", text))
    # V1 is the only adult victim named in all four; every format gives her the same one token.
    assert all(len(found) == 1 for found in tokens.values()), {k: len(v) for k, v in tokens.items()}
    assert len(set.union(*tokens.values())) == 1
    assert all("Marius Stan" in text or "Bossu" in text for text in texts.values())
