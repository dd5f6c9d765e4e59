"""Exceptions the engine raises, and how a message echoes an input. The CLI maps each exception to one line on
stderr and an exit code."""

import re


class ResinspectError(Exception):
    """Base class. `exit_code` is what the CLI returns for it."""

    exit_code = 2


class SourceError(ResinspectError):
    """The input cannot be read: missing file, unknown symbol, not a PDF, encrypted, no text layer…"""

    exit_code = 2


class NotFound(ResinspectError):
    """The document was read but what was asked for is absent (e.g. no vote)."""

    exit_code = 1


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
SHOWN_CHARS = 120  # an input echoed in a message is cut to this length


def shown(text: str) -> str:
    """An input as a message may echo it: control characters escaped (a newline in a file name cannot start
    a line of its own), and cut to SHOWN_CHARS characters."""
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
