"""Read stage: files -> documents of segments, through the format registry.

Kept for callers of the earlier layout: the formats themselves live in
``victimshield.formats`` (one module per file type, reader and writer together).
"""

from victimshield.formats.base import MAX_INPUT_BYTES, Document
from victimshield.formats.registry import SUPPORTED_EXTENSIONS, FormatRegistry, read_document

__all__ = ["MAX_INPUT_BYTES", "SUPPORTED_EXTENSIONS", "Document", "FormatRegistry", "read_document"]
