"""`resinspect batch` (many documents → NDJSON, CSV or SQLite, in parallel) and `resinspect graph`."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from .options import TIMEOUT, EngineOpt, FormatOpt, JsonOpt, LangOpt, LibraryOpt, TimeoutOpt
from .output import Output, safe

PathsArg = Annotated[
    list[str],
    typer.Argument(metavar="PATH", help="Files, folders (searched recursively for *.pdf, *.txt) or globs."),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        metavar="N",
        help="Parallel processes (default: all cores; 1 = in this process).",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Do not read or write the cache (page texts, documents, records).")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Run on a Dask distributed cluster (needs resinspect[dask]; paths must be readable by the workers).",
    ),
]


def _error(msg: str) -> None:
    sys.stderr.write(f"error: {msg}\n")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[dict[str, Any]], None]]:
    """A rich progress bar on stderr (only when stderr is a terminal); yields on_record(record)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    state = {"pages": 0, "failed": 0, "t0": time.perf_counter()}
    progress = Progress(
        TextColumn("inspect"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[pps]:.1f} pages/s · {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,
    )
    task = progress.add_task("inspect", total=total, pps=0.0, failed=0)

    def on_record(rec: dict) -> None:
        from resinspect.corpus import pages_of

        if "error" in rec:
            state["failed"] += 1
            progress.console.print(f"error: {rec['error']}", markup=False, highlight=False, soft_wrap=True)
        state["pages"] += pages_of(rec)
        pps = state["pages"] / max(time.perf_counter() - state["t0"], 1e-9)
        progress.update(task, advance=1, pps=pps, failed=state["failed"])

    with progress:
        yield on_record


def _records(
    paths: list[str],
    workers: int | None,
    no_cache: bool,
    scheduler: str | None,
    lang: str | None,
    library: list[str] | None,
    engine: str | None = None,
    timeout: float | None = None,
) -> tuple[list[str], Callable[[Callable[[dict[str, Any]], None]], Iterator[dict[str, Any]]]]:
    from resinspect import corpus
    from resinspect.errors import ResinspectError
    from resinspect.reader.engines import choose

    try:
        chosen = choose(engine)  # a bad RESINSPECT_ENGINE is one error, not one per document
    except ResinspectError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    inputs = corpus.expand(paths)
    if not inputs:
        _error("no *.pdf or *.txt file in " + " ".join(paths))
        raise typer.Exit(2)
    return inputs, lambda on_record: corpus.run(
        inputs,
        workers,
        lang=lang,
        library=library,
        no_cache=no_cache,
        scheduler=scheduler,
        on_record=on_record,
        engine=chosen,
        timeout=timeout,
    )


def batch_command(
    paths: PathsArg,
    fmt: Annotated[
        Literal["ndjson", "csv", "sqlite"],
        typer.Option("--format", "-f", metavar="[ndjson|csv|sqlite]", help="Output format."),
    ] = "ndjson",
    out: Annotated[
        str,
        typer.Option("--out", "-o", metavar="FILE", help="Output file (- for stdout with ndjson or csv)."),
    ] = "-",
    append: Annotated[
        bool,
        typer.Option(
            "--append", help="SQLite: add to the database at --out (a document read again replaces its rows)."
        ),
    ] = False,
    workers: WorkersOpt = None,
    no_cache: NoCacheOpt = False,
    scheduler: SchedulerOpt = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
) -> None:
    """Inspect many documents in parallel: one record per document, as NDJSON, CSV or an SQLite database.

    A document that cannot be read gets a record with its error and the run goes on, and so does one past
    --timeout or whose process died; exit code 2 if any failed. Progress goes to stderr when it is a
    terminal. The output file is replaced only when the run is complete. SQLite gets a Datasette metadata
    file beside it (un.db: un.metadata.json).

    \b
    Examples:
      resinspect batch corpus/ --format sqlite --out un.db
      resinspect batch more/ --format sqlite --out un.db --append
      datasette un.db -m un.metadata.json
    """
    from resinspect.export import tables

    if fmt == "sqlite" and out == "-":
        raise typer.BadParameter("sqlite needs a file: --out FILE.db", param_hint="--out")
    if append and fmt != "sqlite":
        raise typer.BadParameter("--append works with --format sqlite", param_hint="--append")
    if out != "-":
        problem = _unwritable(Path(out))
        if problem:
            _error(f"{safe(out)}: {problem}")
            raise typer.Exit(2)
    inputs, start = _records(paths, workers, no_cache, scheduler, lang, library, engine, timeout)
    target = sys.stdout if out == "-" else out
    with _progress(len(inputs)) as on_record:
        failed = tables.write(start(on_record), fmt, target, append=append)
    raise typer.Exit(2 if failed else 0)


def _unwritable(path: Path) -> str | None:
    """Why `path` cannot take the output (one line), or None."""
    if len(path.name.encode()) > 240:  # the temporary name beside it adds a few characters
        return "file name too long"
    try:
        return _unwritable_path(path)
    except OSError as exc:
        return exc.strerror or str(exc)


def _unwritable_path(path: Path) -> str | None:
    if path.is_dir():
        return "is a folder (name a file)"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return "no such folder"
    if not os.access(folder, os.W_OK):
        return "the folder is not writable"
    return None


def cites_command(
    symbol: Annotated[str, typer.Argument(metavar="SYMBOL", help="The cited symbol: 'S/RES/1325 (2000)'.")],
    db: Annotated[
        str, typer.Option("--db", metavar="FILE.db", help="A database written by resinspect batch.")
    ],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Which documents of a database cite SYMBOL, in which resolutions and paragraphs.

    \b
    Example:
      resinspect cites 'S/RES/1325 (2000)' --db un.db
    """
    import sqlite3

    from resinspect.export import tables
    from resinspect.text.symbols import normalize_symbol

    printed = normalize_symbol(symbol) or symbol
    if not Path(db).is_file():
        _error(f"{safe(db)}: no such database")
        raise typer.Exit(2)
    try:
        rows = tables.cites(db, printed)
    except sqlite3.DatabaseError as exc:
        _error(f"{safe(db)}: not a database written by resinspect batch ({exc})")
        raise typer.Exit(2) from None
    out = Output(fmt, json_, many=False)
    if out.is_json:
        out.add_json({"schema_version": 1, "symbol": printed, "cited_by": rows})
        out.flush_json()
    else:
        out.rows(
            ["document", "citing", "paragraphs", "pages", "mentions"],
            [[r["document"] or r["input"], r["citing"], " ".join(r["paragraphs"]), " ".join(map(str, r["pages"])),
              r["count"]] for r in rows],
            title=f"cited: {printed}",
        )  # fmt: skip
    raise typer.Exit(0 if rows else 1)


def graph_command(
    paths: PathsArg,
    fmt: Annotated[
        Literal["graphml", "json", "csv"],
        typer.Option(
            "--format", "-f", metavar="[graphml|json|csv]", help="GraphML, node-link JSON or a CSV edge list."
        ),
    ] = "graphml",
    out: Annotated[
        str, typer.Option("--out", "-o", metavar="FILE", help="Output file (default: stdout).")
    ] = "-",
    workers: WorkersOpt = None,
    no_cache: NoCacheOpt = False,
    scheduler: SchedulerOpt = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
) -> None:
    """Citation graph of a corpus: resolutions as nodes, citing → cited edges weighted by mentions.

    A mention counts for the resolution whose paragraphs hold it. Exit code 2 if any document failed.

    \b
    Example:
      resinspect graph corpus/ --format graphml --out citations.graphml
    """
    from resinspect.export import graph

    if fmt not in graph.WRITERS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; use one of: {', '.join(graph.WRITERS)}", param_hint="--format"
        )
    inputs, start = _records(paths, workers, no_cache, scheduler, lang, library, engine, timeout)
    g = graph.Graph()
    failed = 0
    with _progress(len(inputs)) as on_record:
        for rec in start(on_record):
            failed += "error" in rec
            g.add(rec)
    if out == "-":
        graph.WRITERS[fmt](g, sys.stdout)
    else:  # under a temporary name, renamed when complete (as batch writes)
        from resinspect.export.tables import AtomicFile

        target = AtomicFile(out)
        try:
            graph.WRITERS[fmt](g, target.stream)
        except BaseException:
            target.abort()
            raise
        target.commit()
    raise typer.Exit(2 if failed else 0)
