"""No finding crosses a line break: the output keeps every line of the input.

The NER reads "Ioana\\nPopescu" as one name; replaced as one span, two lines of a
statement would become one. Each finding is cut at the line breaks inside it (the
characters ``str.splitlines`` breaks on) into one finding per line that holds content.
"""

from __future__ import annotations

import re
from dataclasses import replace

from victimshield.finding import Finding

_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_EDGES = " \t"


def split_at_line_breaks(text: str, findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    for finding in findings:
        breaks = list(_LINE_BREAK.finditer(text, finding.start, finding.end))
        if not breaks:
            out.append(finding)
            continue
        start = finding.start
        for found in [*breaks, None]:
            end = found.start() if found is not None else finding.end
            piece = text[start:end]
            lead, trail = len(piece) - len(piece.lstrip(_EDGES)), len(piece) - len(piece.rstrip(_EDGES))
            if any(c.isalnum() for c in piece):
                out.append(replace(finding, start=start + lead, end=end - trail))
            if found is not None:
                start = found.end()
    return out
