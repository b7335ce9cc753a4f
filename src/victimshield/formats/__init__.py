"""File formats as plug-ins: one module (or package) per file type holds its sniff, read,
write and its own typed layout; a registry picks the format for each file and the writer
for each document. How to add one: docs/formats.md.

Importing this package loads no table or PDF library: each format imports pandas,
pyarrow, openpyxl, pypdf or reportlab inside the functions that read or write its files.
"""

from victimshield.formats.base import MAX_INPUT_BYTES, Detect, Document, Format
from victimshield.formats.registry import (
    BUILTIN_FORMATS,
    ENTRY_POINT_GROUP,
    SUPPORTED_EXTENSIONS,
    FormatRegistry,
    entry_point_formats,
    prepare_document,
    read_document,
    render_document,
)

__all__ = [
    "BUILTIN_FORMATS",
    "ENTRY_POINT_GROUP",
    "MAX_INPUT_BYTES",
    "SUPPORTED_EXTENSIONS",
    "Detect",
    "Document",
    "Format",
    "FormatRegistry",
    "entry_point_formats",
    "prepare_document",
    "read_document",
    "render_document",
]
