"""The options every read command shares, and their checks (one place for the choices they accept)."""

from __future__ import annotations

from typing import Annotated

import typer
from resinspect.model import LANGUAGES as LANGS

FORMATS = ("table", "json", "ndjson", "csv", "tsv")

SourcesArg = Annotated[
    list[str], typer.Argument(help="PDF, text file, UN symbol (S/2020/249) or - for stdin.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON (one document; NDJSON for several).")]
FormatOpt = Annotated[str | None, typer.Option("--format", "-f", help="table, json, ndjson, csv or tsv.")]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="Language version of a symbol: ar en es fr ru zh.")
]
LibraryOpt = Annotated[list[str] | None, typer.Option("--library", help="Folder of documents (repeatable).")]
FetchOpt = Annotated[
    bool, typer.Option("--fetch", help="Download a symbol missing from the library (UN ODS).")
]


def check(fmt: str | None, lang: str | None, allowed: tuple[str, ...] = FORMATS) -> None:
    if fmt is not None and fmt not in allowed:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; use one of: {', '.join(allowed)}", param_hint="--format"
        )
    if lang is not None and lang not in LANGS:
        choices = f"{', '.join(LANGS[:-1])} or {LANGS[-1]}"
        raise typer.BadParameter(f"unknown language {lang!r}; use {choices}", param_hint="--lang")
