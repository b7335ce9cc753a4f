"""The demo's e-mail and Word statement (examples/case-demo/evidence) are what the committed
script writes, byte for byte, and the e-mail's Word attachment is read through the Word
format; test_cli.py redacts the whole demo folder and checks it leaks nothing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from victimshield.formats import read_document

DEMO = Path(__file__).resolve().parents[2] / "examples" / "case-demo"


def _script() -> object:
    spec = importlib.util.spec_from_file_location("make_mail_evidence", DEMO / "make_mail_evidence.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_demo_mail_and_word_files_are_what_the_script_writes() -> None:
    script = _script()
    assert (DEMO / "evidence" / "recruiter_email.eml").read_bytes() == script.recruiter_email()  # type: ignore[attr-defined]
    assert (DEMO / "evidence" / "victim_statement.docx").read_bytes() == script.statement()  # type: ignore[attr-defined]


def test_the_demo_e_mail_s_contract_is_read_as_a_word_document() -> None:
    document = read_document(DEMO / "evidence" / "recruiter_email.eml", "input 1")
    held = [s for s in document.segments if s.locator.file == "input 1, attachment 1"]
    assert held and any("Ioana Popescu" in s.text for s in held), "the attachment's paragraphs are segments"
    assert document.layout.held[0].format.name == "docx"
