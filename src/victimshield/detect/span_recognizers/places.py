"""Where someone is: GPS coordinates, map links, IP addresses.

Coordinates count when written precisely (three decimals or more: about 100 m)
or near a location word; map links (Google, Apple, Waze, OpenStreetMap, Yandex,
``geo:``) are coordinates whatever their precision. IPs must parse
(``ipaddress``), which rules out dates, times and version-like strings that are not.
"""

from __future__ import annotations

import ipaddress
import re

from victimshield.detect.context import has_context
from victimshield.finding import Finding

GPS_CONTEXT = ("gps", "location", "coordinates", "coords", "lat", "latitude", "pin", "locatie", "locație",
               "ubicación", "ubicacion", "posizione", "position", "standort", "местоположение", "координати")
_NUMBER = r"[-+]?\d{1,3}\.\d+"
_PAIR = re.compile(rf"(?<![\w.\-+])({_NUMBER}),\s?({_NUMBER})(?![\w.])")
_MAP_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:"
    r"maps\.google\.[a-z.]+/[^\s]*?[?&](?:q|ll|query|daddr)="
    r"|google\.[a-z.]+/maps[^\s]*?(?:[?&](?:q|ll|query|daddr)=|/@)"
    r"|maps\.apple\.com/[^\s]*?[?&](?:q|ll|sll)="
    r"|waze\.com/[^\s]*?[?&]ll="
    r"|(?:www\.)?openstreetmap\.org/[^\s]*?#map=\d+/"
    r"|yandex\.[a-z]+/maps/[^\s]*?[?&](?:ll|pt)="
    r"|geo:"
    r")"
    rf"({_NUMBER})(?:,|%2C|/)({_NUMBER})[^\s]*",
    re.IGNORECASE,
)
_SHORT_MAP_LINK = re.compile(r"(?:https?://)?(?:maps\.app\.goo\.gl|goo\.gl/maps)/[A-Za-z0-9]+", re.IGNORECASE)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)[0-9A-Fa-f:]{3,39}(?:%\w+)?(?![\w:])")
_MIN_DECIMALS = 3


def _is_coordinate_pair(lat: str, lon: str) -> bool:
    try:
        return abs(float(lat)) <= 90 and abs(float(lon)) <= 180
    except ValueError:
        return False


class Coordinates:
    name = "gps_coordinates"

    def __repr__(self) -> str:
        return "Coordinates()"

    def find(self, text: str) -> list[Finding]:
        found = []
        for match in _MAP_LINK.finditer(text):
            if _is_coordinate_pair(match.group(1), match.group(2)):
                found.append(Finding(match.start(), match.end(), "GPS_COORDINATES", 1.0, f"{self.name}.map_link"))
        for match in _SHORT_MAP_LINK.finditer(text):
            found.append(Finding(match.start(), match.end(), "GPS_COORDINATES", 0.8, f"{self.name}.map_link"))
        for match in _PAIR.finditer(text):
            lat, lon = match.group(1), match.group(2)
            if not _is_coordinate_pair(lat, lon):
                continue
            precise = min(len(lat.split(".")[1]), len(lon.split(".")[1])) >= _MIN_DECIMALS
            if precise or has_context(text, match.start(), match.end(), GPS_CONTEXT):
                found.append(Finding(match.start(), match.end(), "GPS_COORDINATES", 0.9, f"{self.name}.pair"))
        return found


class IpAddresses:
    name = "ip_address"

    def __repr__(self) -> str:
        return "IpAddresses()"

    def find(self, text: str) -> list[Finding]:
        found = []
        for match in _IPV4.finditer(text):
            try:
                ipaddress.IPv4Address(match.group())
            except ValueError:
                continue
            found.append(Finding(match.start(), match.end(), "IP_ADDRESS", 0.9, f"{self.name}.v4"))
        for match in _IPV6.finditer(text):
            value = match.group().split("%")[0]
            if not any(c.isalnum() for c in value):
                continue
            try:
                ipaddress.IPv6Address(value)
            except ValueError:
                continue
            found.append(Finding(match.start(), match.end(), "IP_ADDRESS", 0.9, f"{self.name}.v6"))
        return found
