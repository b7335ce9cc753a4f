"""ICAO 9303 machine-readable zones (TD1 ID cards, TD2, TD3 passports) with their check digits.

The whole zone is one finding: its name line holds the holder's name, its data
line the document number, nationality and date of birth. A data line counts
only when its check digits (weights 7-3-1) for the document number, the date of
birth and the expiry date are right, and the composite one too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from victimshield.finding import Finding

_WEIGHTS = (7, 3, 1)
_LINE = re.compile(r"^[ \t]*([A-Z0-9<]{30}|[A-Z0-9<]{36}|[A-Z0-9<]{44})[ \t]*$", re.MULTILINE)


def check_digit(field: str) -> str:
    """ICAO 9303 check digit: digits as such, A-Z as 10-35, '<' as 0; weights 7, 3, 1."""
    total = 0
    for index, char in enumerate(field):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        elif char == "<":
            value = 0
        else:
            raise ValueError("not an MRZ character")
        total += value * _WEIGHTS[index % 3]
    return str(total % 10)


def _checks(pairs: list[tuple[str, str]]) -> bool:
    return all(digit.isdigit() and check_digit(field) == digit for field, digit in pairs)


def _td3_or_td2_data_line(line: str) -> bool:
    """Second line of a passport (44) or TD2 (36): number, birth, expiry, composite."""
    number, birth, expiry = line[0:10], line[13:20], line[21:28]
    if not _checks([(number[:9], number[9]), (birth[:6], birth[6]), (expiry[:6], expiry[6])]):
        return False
    if len(line) == 44:
        optional = line[28:43]
        if optional[-1] != "<" and not _checks([(optional[:14], optional[14])]):
            return False
        return _checks([(line[0:10] + line[13:20] + line[21:43], line[43])])
    return _checks([(line[0:10] + line[13:20] + line[21:35], line[35])])


def _td1_lines(first: str, second: str) -> bool:
    """TD1 (30 x 3): number in line 1, birth, expiry and composite in line 2."""
    if not _checks([(first[5:14], first[14]), (second[0:6], second[6]), (second[8:14], second[14])]):
        return False
    composite = first[5:30] + second[0:7] + second[8:15] + second[18:29]
    return _checks([(composite, second[29])])


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    value: str


class MachineReadableZones:
    name = "mrz"

    def __repr__(self) -> str:
        return "MachineReadableZones()"

    def find(self, text: str) -> list[Finding]:
        lines = [_Line(m.start(1), m.end(1), m.group(1)) for m in _LINE.finditer(text)]
        found = []
        for index, line in enumerate(lines):
            before = lines[index - 1] if index > 0 else None
            after = lines[index + 1] if index + 1 < len(lines) else None
            zone: list[_Line] | None = None
            if len(line.value) in (36, 44) and _td3_or_td2_data_line(line.value):
                zone = [line]
                if before is not None and len(before.value) == len(line.value) and _adjacent(text, before, line):
                    zone.insert(0, before)
            elif (
                len(line.value) == 30
                and after is not None
                and len(after.value) == 30
                and _adjacent(text, line, after)
                and _td1_lines(line.value, after.value)
            ):
                zone = [line, after]
                third = lines[index + 2] if index + 2 < len(lines) else None
                if third is not None and len(third.value) == 30 and _adjacent(text, after, third):
                    zone.append(third)
            if zone:
                found.append(Finding(zone[0].start, zone[-1].end, "MRZ", 1.0, self.name))
        return found


def _adjacent(text: str, first: _Line, second: _Line) -> bool:
    """Consecutive lines of the text (only blanks between them)."""
    return text[first.end : second.start].count("\n") == 1
