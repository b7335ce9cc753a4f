"""One exception base class, a small hierarchy, and the contract's exit codes.

Messages name files, key paths, entity types and positions: never a value found
in evidence, so an exception can be logged or shown without leaking.
"""

from __future__ import annotations

from collections.abc import Iterable


class VictimShieldError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code: int = 3


class UsageError(VictimShieldError):
    """Bad usage, policy, roster, key or destination: exit code 2."""

    exit_code = 2


class ArgumentError(UsageError, TypeError):
    """A public function was given an argument of the wrong type (a ``TypeError`` too)."""


class OptionalDependencyError(UsageError, ImportError):
    """A feature needs a package VictimShield does not install (matplotlib for a plot)."""


class ProblemListError(UsageError):
    """A usage error that lists every problem found at once (as pandera does)."""

    def __init__(self, summary: str, problems: Iterable[str]):
        self.problems: tuple[str, ...] = tuple(problems)
        lines = [summary] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class PolicyError(ProblemListError):
    """The policy file (or one it extends) is invalid."""


class RosterError(ProblemListError):
    """The case roster is invalid."""


class DestinationError(UsageError):
    """``--to`` names a destination the policy is not written for."""


class KeyRequiredError(UsageError):
    """The policy pseudonymizes or encrypts, and no case key was given."""


class ModelNotInstalledError(UsageError):
    """The configured spaCy model is not installed; the message names the package."""


class OcrUnavailableError(ModelNotInstalledError):
    """Tesseract OCR (or a language it was asked for) is not installed, so text in a picture
    or a scanned page cannot be checked (exit 2; ``make install`` installs it on Debian)."""


class InputError(VictimShieldError):
    """An input could not be processed safely: exit code 3, nothing written."""

    exit_code = 3

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFormatError(InputError):
    """An input of a type no format reads. ``redact`` skips it with a manifest note (it is
    not sent, so nothing of it leaks); with ``strict`` it refuses the run (exit 3)."""


class VerificationError(VictimShieldError):
    """The output still holds something the policy does not let leave: exit code 1."""

    exit_code = 1

    def __init__(self, violations: Iterable[str]):
        self.violations: tuple[str, ...] = tuple(violations)
        shown = list(self.violations[:20])
        more = len(self.violations) - len(shown)
        lines = [f"verification failed: {len(self.violations)} finding(s) the policy does not let leave"]
        lines += [f"  - {v}" for v in shown]
        if more > 0:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))
