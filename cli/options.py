"""The options every read command shares, and their checks (one place for the choices they accept)."""

from __future__ import annotations

from typing import Annotated, Literal

import typer
from resinspect.reader.engines import DEFAULT as DEFAULT_ENGINE
from resinspect.reader.engines import Engine
from resinspect.reader.limits import DEFAULT as DEFAULT_LIMITS
from resinspect.vocabulary import LANGUAGES as LANGS
from resinspect.vocabulary import Lang

FORMATS = ("table", "json", "ndjson", "csv", "tsv")
Format = Literal["table", "json", "ndjson", "csv", "tsv"]
VoteFormat = Literal["table", "json", "ndjson", "csv", "tsv", "dhl"]

SourcesArg = Annotated[
    list[str],
    typer.Argument(metavar="SOURCE", help="PDFs, text files, UN symbols (S/2020/249) or - for stdin."),
]
SourceArg = Annotated[str, typer.Argument(metavar="SOURCE", help="PDF, text file, UN symbol or - for stdin.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON (one document; NDJSON for several).")]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="[table|json|ndjson|csv|tsv]",
        help="Output format (default: a table on a terminal, TSV when piped).",
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", metavar="[ar|en|es|fr|ru|zh]", help="Which language version of a symbol."),
]
LibraryOpt = Annotated[
    list[str] | None, typer.Option("--library", metavar="DIR", help="Folder of documents (repeatable).")
]
FetchOpt = Annotated[
    bool, typer.Option("--fetch", help="Download a symbol missing from the library (UN ODS).")
]
EngineOpt = Annotated[
    Engine | None,
    typer.Option(
        "--engine",
        metavar="[pdfium|pdfminer]",
        help=f"PDF engine (default: RESINSPECT_ENGINE, else {DEFAULT_ENGINE}).",
    ),
]
TIMEOUT = DEFAULT_LIMITS.timeout  # seconds per document unless --timeout or RESINSPECT_TIMEOUT says otherwise
TimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        metavar="SECONDS",
        envvar="RESINSPECT_TIMEOUT",
        help="Time budget per document: past it, an error and the next document (0: none).",
    ),
]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Every warning in full (the PDF reader's own too), not the first 20."
    ),
]


def check(fmt: str | None, lang: str | None, allowed: tuple[str, ...] = FORMATS) -> None:
    """Choices checked again for callers that bypass the command line (the types already restrict them)."""
    if fmt is not None and fmt not in allowed:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; use one of: {', '.join(allowed)}", param_hint="--format"
        )
    if lang is not None and lang not in LANGS:
        choices = f"{', '.join(LANGS[:-1])} or {LANGS[-1]}"
        raise typer.BadParameter(f"unknown language {lang!r}; use {choices}", param_hint="--lang")
