"""Write stage: a document and its redacted segment texts -> the bytes of the output file,
through the format registry (the format that read a document writes it).

Kept for callers of the earlier layout: the writers live with their readers in
``victimshield.formats``.
"""

from victimshield.formats.registry import render_document

__all__ = ["render_document"]
