"""The document information dictionary's typed entries: dates and names keep their types.

A PDF date (``D:20230412093000+02'00'``, ISO 32000-1 7.9.4) is read as ISO text
(``2023-04-12 09:30:00+02:00``), declared a ``DATE_TIME`` segment: the policy decides
what a date may say like any other date. What redaction leaves is written back as a PDF
date when it still is one: the date kept (to the precision the input had), or only its
year (``D:2023``). Anything else (a token, a decade) is no date, and the entry is
dropped: an Info date never becomes free text. Names (``/Trapped /True``) are structure:
kept as the same names when they are among the standard's values, dropped otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from victimshield.formats.pdf.layout import PdfLayout

DATE_KEYS = frozenset({"/CreationDate", "/ModDate"})
# /Trapped's values by the standard; any other name is a custom word, and may be a name.
NAME_VALUES = {"/Trapped": frozenset({"/True", "/False", "/Unknown"})}

_PDF_DATE = re.compile(
    r"^(?:D:)?(?P<year>\d{4})(?:(?P<month>\d{2})(?:(?P<day>\d{2})(?:(?P<hour>\d{2})(?:(?P<minute>\d{2})(?P<second>\d{2})?)?"
    r"(?:(?P<utc>Z)(?:00'?(?:00'?)?)?|(?P<sign>[+-])(?P<tzh>\d{2})(?:'?(?P<tzm>\d{2})'?)?)?)?)?)?$"
)
_ISO_DATE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})(?: (?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})"
    r"(?:(?P<utc>Z)|(?P<sign>[+-])(?P<tzh>\d{2}):(?P<tzm>\d{2}))?)?)?)?$"
)


def _valid(parts: dict[str, str | None]) -> bool:
    """Whether the fields name a real moment (no 31 February, no hour 25)."""
    try:
        dt.datetime(int(parts["year"] or 0), int(parts["month"] or 1), int(parts["day"] or 1),
                    int(parts["hour"] or 0), int(parts["minute"] or 0), int(parts["second"] or 0))
    except ValueError:
        return False
    return int(parts["tzh"] or 0) < 24 and int(parts["tzm"] or 0) < 60


def _zone(parts: dict[str, str | None], iso: bool) -> str:
    if parts["utc"]:
        return "Z"
    if parts["sign"]:
        minutes = parts["tzm"] or "00"
        return f"{parts['sign']}{parts['tzh']}:{minutes}" if iso else f"{parts['sign']}{parts['tzh']}'{minutes}'"
    return ""


def pdf_date_to_text(value: str) -> str | None:
    """A PDF date as ISO text to the precision it has; None when it is no valid PDF date."""
    match = _PDF_DATE.match(value.strip())
    if match is None or not _valid(match.groupdict()):
        return None
    parts = match.groupdict()
    text = parts["year"] or ""
    for separator, name in (("-", "month"), ("-", "day")):
        if parts[name] is None:
            return text
        text += separator + (parts[name] or "")
    if parts["hour"] is None:
        return text
    return f"{text} {parts['hour']}:{parts['minute'] or '00'}:{parts['second'] or '00'}{_zone(parts, True)}"


def text_to_pdf_date(text: str) -> str | None:
    """What redaction left of a date, as a PDF date; None when it is no longer a date."""
    match = _ISO_DATE.match(text.strip())
    if match is None or not _valid(match.groupdict()):
        return None
    parts = match.groupdict()
    digits = "".join(parts[name] or "" for name in ("year", "month", "day", "hour", "minute", "second"))
    return f"D:{digits}{_zone(parts, False)}"


def info_and_outline(writer: Any, layout: PdfLayout, texts: Sequence[str]) -> None:
    """Set ``writer``'s Info to the input's own entries with their redacted texts (dates as
    PDF dates, or left out when no longer a date; names as the same names) and add the
    outline with redacted titles, pointing at the pages kept. The input's entries and nothing
    else: reportlab's placeholders ("anonymous", a date of 2000) would pass for the input's;
    set whole, since pypdf's add_metadata makes every value text."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    info: dict[str, Any] = {key: NameObject(name) for key, name in layout.info_names}
    parents: dict[int, Any] = {}
    new_index = {p.number: n for n, p in enumerate(q for q in layout.pages if q.readable)}
    for placement, text in zip(layout.placements, texts, strict=False):
        if placement is None:
            continue
        if placement.kind == "info" and placement.key:
            info[placement.key] = TextStringObject(text)
        elif placement.kind == "info-date" and placement.key:
            date = text_to_pdf_date(text)
            if date is not None:  # what is no longer a date is left out, never written as text
                info[placement.key] = TextStringObject(date)
        elif placement.kind == "outline" and placement.page in new_index:
            parent = parents.get(placement.depth - 1) if placement.depth else None
            parents[placement.depth] = writer.add_outline_item(title=text, page_number=new_index[placement.page],
                                                               parent=parent)
    writer._info = DictionaryObject({NameObject(key): value for key, value in info.items()})
