"""`resinspect fetch` (download PDFs from the UN Official Document System) and `resinspect cache`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import LANGS
from .output import error, safe


def waiting(symbol: str, lang: str, reason: str, seconds: float, attempt: int, attempts: int) -> None:
    """One line while a download waits to be tried again (five retries took 32 s with nothing on screen)."""
    typer.echo(
        f"warning: {safe(symbol)} ({lang}): {safe(reason)}; trying again in {seconds:.0f} s "
        f"(attempt {attempt} of {attempts})",
        err=True,
    )


def _parse_langs(value: str) -> list[str]:
    """`en,fr` → ["en", "fr"]; `all` → the six languages. Raises ValueError naming the allowed values."""
    parts = [p.strip().lower() for p in value.split(",") if p.strip()]
    if parts == ["all"]:
        return list(LANGS)
    bad = [p for p in parts if p not in LANGS]
    if bad or not parts:
        raise ValueError(f"unknown language {(bad or [value])[0]!r} (expected {', '.join(LANGS)} or all)")
    return list(dict.fromkeys(parts))


def fetch_command(
    symbols: Annotated[
        list[str], typer.Argument(metavar="SYMBOL", help="UN symbols, e.g. 'S/RES/2518 (2020)'.")
    ],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", "-l", metavar="LANGS", help="Languages, comma-separated: ar,en,es,fr,ru,zh or all."
        ),
    ] = "en",
    library: Annotated[
        Path | None,
        typer.Option(
            "--library", metavar="DIR", help="Folder to save into (default: your resinspect library)."
        ),
    ] = None,
    docs_url: Annotated[
        str | None,
        typer.Option(
            "--docs-url",
            metavar="URL",
            envvar="RESINSPECT_DOCS_URL",
            help="ODS base URL.",
            show_default=False,
        ),
    ] = None,
    deadline: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            metavar="SECONDS",
            help="Deadline per document, every attempt and wait included (0: none).",
        ),
    ] = 60.0,
    check_symbol: Annotated[
        bool,
        typer.Option(
            "--check/--no-check",
            help="Refuse a PDF whose first page names another document than the symbol asked for.",
        ),
    ] = True,
) -> None:
    """Download documents' PDFs from the UN Official Document System into the library.

    Prints the saved path of each document, one per line. Exit code 2 if any failed. A line on stderr
    says when a request is tried again, and after how long.

    \b
    Example:
      resinspect fetch 'S/RES/2518 (2020)' S/PV.8700 --lang en,ar
    """
    from resinspect.errors import SourceError
    from resinspect.reader.fetch import iter_fetch

    try:
        langs = _parse_langs(lang)
    except ValueError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None

    failed = False
    results = iter_fetch(
        symbols,
        langs,
        library=library,
        base_url=docs_url,
        deadline=deadline,
        on_wait=waiting,
        check_symbol=check_symbol,
    )
    for _symbol, _lang, result in results:
        if isinstance(result, SourceError):
            failed = True
            error(str(result))
        else:
            typer.echo(str(result))
    if failed:
        raise typer.Exit(2)


cache_app = typer.Typer(
    name="cache",
    help="Manage the cache of pages read from PDFs (the documents cleaned from them, and batch records).",
    no_args_is_help=True,
    add_completion=False,
)


@cache_app.command("info")
def cache_info() -> None:
    """Where the cache is, how many entries it holds, their size and its limit (RESINSPECT_CACHE_MAX).

    \b
    Example:
      resinspect cache info
    """
    from resinspect.reader import cache

    i = cache.info()
    limit = "none" if i["limit"] is None else _size(i["limit"])
    typer.echo(f"path     {i['path']}")
    typer.echo(f"entries  {i['entries']}" + ("" if i["enabled"] else " (off: RESINSPECT_NO_CACHE)"))
    typer.echo(f"size     {_size(i['bytes'])} (limit {limit}, least recently used first out)")


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every cached page text.

    \b
    Example:
      resinspect cache clear
    """
    from resinspect.reader import cache

    n = cache.clear()
    typer.echo(f"removed {n} cache {'entry' if n == 1 else 'entries'}")
