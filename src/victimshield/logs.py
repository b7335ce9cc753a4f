"""Standard ``logging`` under the ``victimshield`` logger; never a value in a record.

The library only creates loggers (``victimshield`` and its children) and adds no handler
but a ``NullHandler``: the application decides where records go. The command line's
``--log-level`` attaches one handler to stderr.

Presidio's analyzer logs, at DEBUG, the words around every match ("Context list is:
ioana ..."): those are evidence. Its records below WARNING are dropped while VictimShield
uses it, whatever level the application set.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

LOGGER_NAME = "victimshield"
# Libraries VictimShield drives whose debug records quote the text they analyse.
QUOTING_LOGGERS = ("presidio-analyzer",)
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class DropQuotingRecords(logging.Filter):
    """Lets a quoting library's warnings and errors through, nothing below."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def guard_quoting_loggers() -> None:
    """Install ``DropQuotingRecords`` on every quoting library's logger (once each)."""
    for name in QUOTING_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropQuotingRecords) for f in logger.filters):
            logger.addFilter(DropQuotingRecords())


class _CliHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The command line's own handler, so a second call replaces it instead of adding one."""


def log_to_stderr(level: str, stream: TextIO | None = None) -> None:
    """For the command line: records of ``level`` and above on stderr, one line each."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in logger.handlers if isinstance(h, _CliHandler)]:
        logger.removeHandler(handler)
    handler = _CliHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("victimshield: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level.upper())
