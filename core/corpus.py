"""Inspect many documents in parallel: one record per document, in input order.

A record is the JSON of `resinspect inspect --json` (`export.jsonout.inspection`), or `{"input": …, "error": …}`
when the document cannot be read. Records come back in input order whatever the order of completion, so a run on
a Dask cluster writes the same file as a local run. Nothing here prints: progress is reported through a
callback. Writing records (NDJSON, CSV, SQLite) is `export/tables.py`.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SUFFIXES = (".pdf", ".txt")

Record = dict[str, Any]


# ---------------------------------------------------------------------------------------------- inputs


def expand(patterns: Iterable[str]) -> list[str]:
    """Files to inspect: a folder gives its *.pdf and *.txt (recursively, sorted), a glob its matches.

    Anything else (a missing file, a glob matching nothing, a UN symbol) is kept as it is, so that it gets a record of its own:
    the document if `inspect` can resolve it, else its error. Duplicates are dropped, order is kept.
    """
    out: list[str] = []
    for pat in patterns:
        p = Path(pat)
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif not p.exists() and glob.has_magic(pat):
            matches = sorted(glob.glob(pat, recursive=True))
            if not matches:
                out.append(pat)  # matches nothing: its record says so
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    out += expand([m])
                elif mp.suffix.lower() in SUFFIXES:
                    out.append(m)
        else:
            out.append(pat)
    return list(dict.fromkeys(out))


# ------------------------------------------------------------------------------------------ inspection


@contextmanager
def _cache_off(off: bool) -> Iterator[None]:
    if not off:
        yield
        return
    from .reader.cache import ENV_NO_CACHE

    old = os.environ.get(ENV_NO_CACHE)
    os.environ[ENV_NO_CACHE] = "1"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(ENV_NO_CACHE, None)
        else:
            os.environ[ENV_NO_CACHE] = old


def inspect_one(
    source: str,
    lang: str | None = None,
    library: list[str] | None = None,
    no_cache: bool = False,
    engine: str | None = None,
) -> Record:
    """The record of one document: `jsonout.inspection`, or `{"input", "error"}`. Never raises.

    A top-level function of plain arguments, so that a process pool and a Dask cluster can both run it.
    """
    from . import pipeline
    from .errors import ResinspectError
    from .export import jsonout

    try:
        with _cache_off(no_cache):
            return jsonout.inspection(pipeline.inspect(source, lang=lang, library=library, engine=engine))
    except ResinspectError as exc:
        return {"input": source, "error": str(exc)}
    except Exception as exc:  # a damaged input that slipped past the reader's checks: record, go on
        return {
            "input": source,
            "error": f"{source}: cannot read this document ({type(exc).__name__}: {exc})",
        }


def pages_of(record: Record) -> int:
    return int((record.get("source") or {}).get("pages") or 0)


def _in_order(
    done: Iterable[tuple[int, Record]], n: int, on_record: Callable[[Record], None] | None
) -> Iterator[Record]:
    """Records as they complete (any order) → records in input order, calling on_record at completion."""
    pending: dict[int, Record] = {}
    nxt = 0
    for i, rec in done:
        if on_record:
            on_record(rec)
        pending[i] = rec
        while nxt in pending:
            yield pending.pop(nxt)
            nxt += 1
    while nxt < n:  # pragma: no cover - every submitted index completes
        if nxt in pending:
            yield pending.pop(nxt)
        nxt += 1


def run(
    inputs: list[str],
    workers: int | None = None,
    *,
    lang: str | None = None,
    library: list[str] | None = None,
    no_cache: bool = False,
    scheduler: str | None = None,
    on_record: Callable[[Record], None] | None = None,
    engine: str | None = None,
) -> Iterator[Record]:
    """Inspect every input; yield the records in input order. `on_record` sees each one as it completes.

    workers=1: in this process, one after the other. Otherwise a ProcessPoolExecutor of `workers`
    processes (default os.cpu_count()). `scheduler` ("tcp://host:port"): the same function on a Dask
    distributed cluster (the paths must be readable by the workers under the same names). `engine`: the PDF
    engine, chosen here (`reader.engines.choose`: RESINSPECT_ENGINE is read by this process) so that every
    worker uses the same one.
    """
    from .reader.engines import choose

    n = len(inputs)
    chosen = choose(engine)
    if scheduler:
        done = _dask(inputs, scheduler, lang, library, no_cache, chosen)
    elif (workers or os.cpu_count() or 1) <= 1 or n <= 1:
        done = ((i, inspect_one(s, lang, library, no_cache, chosen)) for i, s in enumerate(inputs))
    else:
        done = _pool(inputs, min(workers or os.cpu_count() or 1, n), lang, library, no_cache, chosen)
    yield from _in_order(done, n, on_record)


def _pool(
    inputs: list[str], workers: int, lang: str | None, library: list[str] | None, no_cache: bool, engine: str
) -> Iterator[tuple[int, Record]]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers) as ex:
        futs = {ex.submit(inspect_one, s, lang, library, no_cache, engine): i for i, s in enumerate(inputs)}
        try:
            for fut in as_completed(futs):
                yield futs[fut], fut.result()
        finally:
            for fut in futs:
                fut.cancel()


def _dask(
    inputs: list[str], address: str, lang: str | None, library: list[str] | None, no_cache: bool, engine: str
) -> Iterator[tuple[int, Record]]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise RuntimeError(
            "--scheduler needs Dask: pip install 'resinspect[dask]' (dask[distributed])"
        ) from exc
    with Client(address) as client:
        futs = client.map(
            inspect_one,
            inputs,
            lang=lang,
            library=library,
            no_cache=no_cache,
            engine=engine,
            pure=False,
        )
        index = {f.key: i for i, f in enumerate(futs)}
        for fut in as_completed(futs):
            yield index[fut.key], fut.result()
