"""Kept for callers of the earlier layout: see ``victimshield.formats.whatsapp``."""

from victimshield.formats.whatsapp import FORMAT, looks_like_whatsapp, message_count, read_whatsapp

__all__ = ["FORMAT", "looks_like_whatsapp", "message_count", "read_whatsapp"]
