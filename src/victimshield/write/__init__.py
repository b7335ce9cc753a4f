"""Write stage: a document and its redacted segment texts -> the bytes of the output file."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from victimshield.read.base import Document
from victimshield.write.json_tree import write_json_tree
from victimshield.write.pdf import write_pdf
from victimshield.write.table import write_table
from victimshield.write.template import write_template
from victimshield.write.text import write_text

WRITERS: dict[str, Callable[[Document, Sequence[str]], bytes]] = {
    "text": write_text,
    "whatsapp": write_template,
    "mt940": write_template,
    "telegram": write_json_tree,
    "messenger": write_json_tree,
    "json": write_json_tree,
    "table": write_table,
    "pdf": write_pdf,
}


def render_document(document: Document, texts: Sequence[str]) -> bytes:
    if len(texts) != len(document.segments):
        raise ValueError("one text per segment is needed")
    return WRITERS[document.format](document, texts)


__all__ = ["WRITERS", "render_document"]
