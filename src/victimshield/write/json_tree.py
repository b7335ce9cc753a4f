"""JSON exports (Telegram, Messenger, other JSON) back with the same structure."""

from victimshield.read.json_tree import write_json_tree

__all__ = ["write_json_tree"]
