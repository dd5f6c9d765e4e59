"""Every bound the engine keeps on one document, in one place, and the error raised past one.

A hostile or broken input (a deflate bomb, a form drawing itself twice at every level, a PDF declaring
100,000 pages, a text of millions of lines) must end in one clear error that names the bound, never in a
hang or an exhausted machine. Each bound is far above what any UN document needs (the figures in brackets
are the largest seen in the 456 PDFs of the development corpus), so an ordinary document
never meets one.

The bounds in force are `current()`: the defaults below, or what `using(...)` sets for a block of code (a
test, or a caller who reads larger documents). The time budget per document is kept by `guard.deadline`.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from ..errors import SourceError

KB, MB = 1 << 10, 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds on one document (see the module's docstring)."""

    timeout: float = 120.0  # seconds to read, clean and extract one document (`--timeout`; 0: no limit)
    file_bytes: int = 256 * MB  # a PDF or text file read into memory [0.9 MB]
    stream_bytes: int = 32 * MB  # one PDF stream, decoded (a deflate bomb inflates to gigabytes) [95 KB]
    decoded_bytes: int = 128 * MB  # all the streams of one PDF, decoded [0.97 MB]
    pages: int = 3_000  # pages of one PDF [46]
    page_tree_depth: int = 64  # nested /Pages nodes [2]
    tokens_per_page: int = 1_000_000  # operators and operands in a page's content, forms included [8,221]
    glyphs_per_page: int = 100_000  # glyphs drawn on one page [5,153]
    form_depth: int = 12  # form XObjects drawn inside one another [1]
    forms_per_page: int = 5_000  # form XObjects drawn on one page [1]
    text_chars: int = 32_000_000  # characters of one text document (a PDF's text is bounded by its pages)
    text_lines: int = 300_000  # lines of one document, before cleaning (16 MB of prose is 250,000)
    vote_blocks: int = 1_000  # vote blocks read in one document (a meeting record holds a few dozen)


DEFAULT = Limits()
LIMIT_HELP: dict[str, tuple[str, str]] = {  # what `resinspect help limits` prints: unit, meaning
    "timeout": ("s", "to read, clean and extract one document (--timeout, RESINSPECT_TIMEOUT; 0: none)"),
    "file_bytes": ("bytes", "a PDF or text file"),
    "stream_bytes": ("bytes", "one PDF stream, decoded (a compression bomb stops here)"),
    "decoded_bytes": ("bytes", "all the streams of one PDF, decoded"),
    "pages": ("", "pages of one PDF"),
    "page_tree_depth": ("", "levels of a PDF's page tree"),
    "tokens_per_page": ("", "operators and operands in a page's content (its forms included)"),
    "glyphs_per_page": ("", "glyphs drawn on one page"),
    "form_depth": ("", "form XObjects drawn inside one another"),
    "forms_per_page": ("", "form XObjects drawn on one page"),
    "text_chars": ("", "characters of a text file"),
    "text_lines": ("", "lines of one document"),
    "vote_blocks": ("", "vote blocks read in one document (the rest are named in a warning)"),
}
_CURRENT: ContextVar[Limits] = ContextVar("resinspect_limits", default=DEFAULT)


def current() -> Limits:
    """The bounds in force."""
    return _CURRENT.get()


@contextlib.contextmanager
def using(**changes: float) -> Iterator[Limits]:
    """Change some bounds for the code in the `with` block: `with limits.using(pages=10): …`."""
    new = dataclasses.replace(current(), **changes)  # type: ignore[arg-type]
    token = _CURRENT.set(new)
    try:
        yield new
    finally:
        _CURRENT.reset(token)


class LimitExceeded(SourceError):
    """A document went past one of the bounds: its message names the bound (exit code 2, like any input
    that cannot be read)."""


def amount(n: float, unit: str = "") -> str:
    """A bound as a message prints it: `3,000`, `64 MB`, `120 s`."""
    if unit == "bytes":
        return f"{int(n) // MB} MB" if n >= MB and n % MB == 0 else f"{int(n):,} bytes"
    text = f"{n:g}" if isinstance(n, float) else f"{int(n):,}"
    return f"{text} {unit}".rstrip()


def exceeded(message: str) -> LimitExceeded:
    """The error for a document past a bound; `message` says which (`more than 3,000 pages`)."""
    return LimitExceeded(f"{message} (a bound on every document: resinspect help limits)")
