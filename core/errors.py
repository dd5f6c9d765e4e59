"""Exceptions the engine raises. The CLI maps each to one line on stderr and an exit code."""


class ResinspectError(Exception):
    """Base class. `exit_code` is what the CLI returns for it."""

    exit_code = 2


class SourceError(ResinspectError):
    """The input cannot be read: missing file, unknown symbol, not a PDF, encrypted, no text layer…"""

    exit_code = 2


class NotFound(ResinspectError):
    """The document was read but what was asked for is absent (e.g. no vote)."""

    exit_code = 1
