"""`resinspect help TOPIC`: the topics a user looks up (as `gh help environment`). Registered by `app.py`."""

from __future__ import annotations

from typing import Annotated, Literal

import typer
from resinspect.reader.engines import DEFAULT as DEFAULT_ENGINE

# every environment variable the tool reads (a test checks the code reads no other and README lists them)
ENVIRONMENT = {
    "RESINSPECT_HOME": "folder for the cache (`cache/`) and the library (`library/`); default: the platform's "
    "user cache and data folders",
    "RESINSPECT_LIBRARY": "more folders searched for documents by symbol, separated by `:` (after --library)",
    "RESINSPECT_LANG": "preferred language versions of a symbol after --lang and English, e.g. `fr,es`",
    "RESINSPECT_NO_CACHE": "set to 1 to neither read nor write the cache",
    "RESINSPECT_CACHE_MAX": "the cache's size limit (`512M` by default; `2G`, `100K`; `0`: no limit), least "
    "recently used entries first out",
    "RESINSPECT_ENGINE": "the PDF engine, `pdfium` or `pdfminer`, when --engine is not given; default "
    f"`{DEFAULT_ENGINE}`",
    "RESINSPECT_DOCS_URL": "base address of the UN Official Document System for `fetch` and --fetch",
    "RESINSPECT_PAGER": "pager for long tables on a terminal (before PAGER; empty or `cat`: none); default "
    "`less -FRX`",
    "PAGER": "pager, when RESINSPECT_PAGER is not set",
    "RESINSPECT_TIMEOUT": "time budget per document in seconds, as --timeout (default 120; 0: none)",
    "RESINSPECT_DEBUG": "set to 1 to get a Python traceback for an unexpected error",
}
EXIT_CODES = {
    0: "success",
    1: "the document was read but what was asked for is absent (no vote, no resolution, no citation)",
    2: "bad usage or unreadable input: missing file, unknown symbol, not a PDF or text file, encrypted PDF, PDF "
    "with no text layer, empty or truncated file",
    129: "stopped by SIGHUP (the terminal closed): temporary files removed, earlier output kept",
    130: "interrupted (Ctrl-C)",
    143: "stopped by SIGTERM: temporary files removed, earlier output kept",
}
Topic = Literal["environment", "exit-codes", "limits"]


def help_topic(
    topic: Annotated[
        Topic, typer.Argument(metavar="[environment|exit-codes|limits]", help="What to explain.")
    ],
) -> None:
    """Explain a topic: the environment variables resinspect reads, its exit codes, or the bounds it keeps
    on every document.

    \b
    Example:
      resinspect help environment
    """
    if topic == "environment":
        width = max(map(len, ENVIRONMENT))
        for name, text in ENVIRONMENT.items():
            typer.echo(f"{name:<{width}}  {text}")
    elif topic == "limits":
        for line in limits_lines():
            typer.echo(line)
    else:
        for code, text in EXIT_CODES.items():
            typer.echo(f"{code:>3}  {text}")


def limits_lines() -> list[str]:
    """The bounds on one document, with their defaults (from `reader/limits.py`, their one home)."""
    from resinspect.reader.limits import DEFAULT, LIMIT_HELP, amount

    out = [
        "Every document is read within these bounds; past one, the document gets one error line (exit 2)",
        "and the next document is read. No UN document comes near them.",
        "",
    ]
    for name, (unit, text) in LIMIT_HELP.items():
        out.append(f"  {amount(getattr(DEFAULT, name), unit):>10}  {text}")
    return out
