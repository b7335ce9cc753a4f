"""The case roster: who is who, and every identifier of theirs to look for."""

from victimshield.roster.load import load_roster
from victimshield.roster.matcher import RosterMatch, RosterMatcher
from victimshield.roster.model import Party, Roster

__all__ = ["Party", "Roster", "RosterMatch", "RosterMatcher", "load_roster"]
