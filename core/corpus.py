"""Inspect many documents in parallel: one record per document, in input order.

A record is the JSON of `resinspect inspect --json` (`export.jsonout.inspection`), or `{"input": …, "error": …}`
when the document cannot be read. Records come back in input order whatever the order of completion, so a run on
a Dask cluster writes the same file as a local run. Nothing here prints: progress is reported through a
callback. Writing records (NDJSON, CSV, SQLite) is `export/tables.py`.

Locally, each document is read in a worker process of a small pool of our own (not ProcessPoolExecutor, whose
one dead worker aborts the whole run with BrokenProcessPool): a worker that dies (the out-of-memory killer's
SIGKILL) gives its document an error record and is replaced, and so is a worker still busy well past the
time budget (stuck where its own deadline cannot reach). Workers die with their parent, even with
`kill -9` of it (PR_SET_PDEATHSIG on Linux, and a watch on the parent everywhere). `-` is read from
standard input once, by the parent, and handed to a worker. A document whose record the cache keeps (a warm
re-run) is taken by the parent itself; workers start only for the documents still to read, and a free one
takes the largest of the next few files (`_Queue`). Workers are forked from a fork server that has imported
the engine once (START_METHOD, PRELOAD), in the run's environment and working folder, and a worker that has
read WORKER_DOCS documents is ended and replaced by a fresh one, so that what a long run leaves in a worker's
heap (the allocator's fragments, any library's leak on some damaged file) is bounded by a few hundred
documents, not by the size of the corpus.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUFFIXES = (".pdf", ".txt")
KILL_GRACE = 15.0  # seconds past the time budget before a busy worker is killed and replaced
# documents a worker reads before it is replaced by a fresh process (0: never): a fresh worker's start (its
# imports, about 0.3 s) is about 1 % of the time 200 documents take; a worker's heap grows over its first few
# hundred documents (the dev PDFs: most of it within 100, flat after 400)
WORKER_DOCS = 200

Record = dict[str, Any]


@dataclass(frozen=True)
class Job:
    """How every document of a run is read: what `inspect_one` takes besides the source, chosen once by
    `run` and handed to each worker (local or Dask) whole."""

    lang: str | None = None
    library: list[str] | None = None
    no_cache: bool = False
    timeout: float | None = None
    engine: str | None = None

    def inspect(self, source: str, data: bytes | None = None) -> Record:
        """`inspect_one` of a source as this job asks (looked up at call time: tests replace it)."""
        return inspect_one(source, self.lang, self.library, self.no_cache, self.timeout, data, self.engine)


# ---------------------------------------------------------------------------------------------- inputs


def expand(patterns: Iterable[str]) -> list[str]:
    """Files to inspect: a folder gives its *.pdf and *.txt (recursively, sorted), a glob its matches.

    Anything else (a missing file, a glob matching nothing, a UN symbol) is kept as it is, so that it gets a record of its own:
    the document if `inspect` can resolve it, else its error. Duplicates are dropped, order is kept.
    """
    out: list[str] = []
    for pat in patterns:
        p = Path(pat)
        try:
            is_dir, exists = p.is_dir(), p.exists()
        except OSError:  # a name too long for the file system: its record says so
            out.append(pat)
            continue
        if is_dir:
            out += sorted(str(f) for f in _files(p))
        elif not exists and glob.has_magic(pat):
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


def _files(folder: Path) -> Iterator[Path]:
    """The *.pdf and *.txt files under a folder, recursively; folders that cannot be listed, links to
    folders (a loop would never end) and broken links are left out."""
    for root, dirs, files in os.walk(folder, onerror=lambda exc: None):
        dirs.sort()
        for name in files:
            f = Path(root) / name
            try:
                if f.suffix.lower() in SUFFIXES and f.is_file():
                    yield f
            except OSError:
                continue


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
    timeout: float | None = None,
    data: bytes | None = None,
    engine: str | None = None,
) -> Record:
    """The record of one document: `jsonout.inspection`, or `{"input", "error"}`. Never raises.

    Read within `timeout` seconds (reader/guard.py); `data`: the document's bytes, read elsewhere (standard
    input, read once by the parent); `engine`: the PDF engine (chosen by `run`). A top-level function of plain arguments, so that a process pool and
    a Dask cluster can both run it.
    """
    from . import pipeline
    from .errors import ResinspectError
    from .export import jsonout
    from .reader import cache, guard

    try:
        with _cache_off(no_cache), guard.deadline(timeout):
            if data is None and (kept := _cached_file(source, engine)) is not None:
                sha, chosen = kept  # a batch's file: its record is kept in the cache for a warm re-run
                if (stored := cache.load_record(sha, chosen, source, lang, library)) is not None:
                    return stored
                with cache.holding():  # the cleaned document and the record go into the entry in one write
                    rec = jsonout.inspection(
                        pipeline.inspect(source, lang=lang, library=library, engine=engine)
                    )
                    if rec["source"]["sha256"] == sha:  # (the file did not change while it was read)
                        cache.store_record(sha, chosen, source, lang, library, rec)
                return rec
            if data is not None:
                return jsonout.inspection(
                    pipeline.inspect(data, lang=lang, library=library, called=source, engine=engine)
                )
            return jsonout.inspection(pipeline.inspect(source, lang=lang, library=library, engine=engine))
    except ResinspectError as exc:
        return {"input": source, "error": str(exc)}
    except Exception as exc:  # a damaged input that slipped past the reader's checks: record, go on
        return {
            "input": source,
            "error": f"{source}: cannot read this document ({type(exc).__name__}: {exc})",
        }


def warm_record(source: str, job: Job) -> Record | None:
    """The record kept in the cache for this input asked for so (`inspect_one` stores it), or None: what a
    warm re-run takes without reading the document again. Never raises."""
    from .reader import cache

    if job.no_cache:
        return None
    try:
        kept = _cached_file(source, job.engine)
        return cache.load_record(*kept, source, job.lang, job.library) if kept else None
    except Exception:  # unreadable, vanished: the worker that reads it will say so
        return None


def _cached_file(source: str, engine: str | None) -> tuple[str, str] | None:
    """(sha256, what read it) of a file when the cache is on: a PDF's engine (`engines.choose`), or
    `cache.TEXT` for an extracted text; None for anything else (symbols, standard input, the cache off, a
    file past the size bound: its reader says so). A file is a PDF as the reader tells one (its first bytes,
    or its name: `source.is_pdf`). The file is hashed a block at a time, so that the batch process, which
    looks up every input, never holds one whole."""
    from .reader import cache, engines, limits
    from .reader.source import PDF_SNIFF, is_pdf

    path = Path(source)
    if not cache.enabled() or not path.is_file():
        return None
    if path.stat().st_size > limits.current().file_bytes:
        return None
    with open(path, "rb") as f:
        pdf = is_pdf(f.read(PDF_SNIFF), path)
    return cache.file_sha256(path), engines.choose(engine) if pdf else cache.TEXT


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
    timeout: float | None = None,
    engine: str | None = None,
) -> Iterator[Record]:
    """Inspect every input; yield the records in input order. `on_record` sees each one as it completes.

    workers=1: in this process, one after the other. Otherwise a pool of `workers` processes (default
    os.cpu_count()). `scheduler` ("tcp://host:port"): the same function on a Dask distributed cluster (the
    paths must be readable by the workers under the same names). `timeout`: the time budget per document. `engine`: the PDF
    engine, chosen here (`reader.engines.choose`: RESINSPECT_ENGINE is read by this process) so that every
    worker uses the same one.
    """
    from .reader.engines import choose

    n = len(inputs)
    job = Job(lang, library, no_cache, timeout, choose(engine))
    stdin = _stdin_once(inputs)
    if scheduler:
        done = _dask(inputs, scheduler, job, stdin)
    elif (workers or os.cpu_count() or 1) <= 1 or n <= 1:
        done = ((i, job.inspect(s, stdin if s == "-" else None)) for i, s in enumerate(inputs))
    else:
        done = _pool(inputs, min(workers or os.cpu_count() or 1, n), job, stdin)
    yield from _in_order(done, n, on_record)


def _stdin_once(inputs: list[str]) -> bytes | None:
    """Standard input, when `-` is among the inputs: read here, once (a pool worker's stdin is /dev/null)."""
    if "-" not in inputs:
        return None
    from .reader.source import read_bytes

    try:
        return read_bytes("-", None)
    except Exception:  # too large, unreadable: its record will say so when it is read again
        return None


# ------------------------------------------------------------------------------------------ the pool


@dataclass
class _Worker:
    proc: Any
    conn: Any
    task: int | None = None
    started: float = 0.0
    done: int = 0  # documents it has answered


# a free worker takes the largest file of the LOOKAHEAD × workers inputs from the oldest waiting
LOOKAHEAD = 4
# How workers start, where the platform has it: forked from a small server process that has imported the
# engine once (PRELOAD), so that a worker carries neither the command line's imports nor the batch process's
# records, and starting a fresh one costs a fork, not the imports; else the platform's default.
START_METHOD = "forkserver"
PRELOAD = (
    "resinspect.pipeline",
    "resinspect.reader.pdf",
    "resinspect.reader.pdfium",
    "resinspect.export.jsonout",
    "resinspect.extract.citations",
    "resinspect.extract.votes",
)


def _context() -> Any:
    """The multiprocessing context the pool starts its workers in (START_METHOD, where available)."""
    import multiprocessing

    if START_METHOD not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    ctx = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "forkserver":
        ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


def _pool(inputs: list[str], workers: int, job: Job, stdin: bytes | None) -> Iterator[tuple[int, Record]]:
    """(index, record) as documents complete, from up to `workers` processes; a dead or stuck worker's
    document gets an error record and the worker is replaced.

    A record the cache keeps (a warm re-run) is taken here, with no worker: workers start only for the
    documents that must be read. A free worker takes the largest file among the next few inputs, so that
    the run does not end waiting for one long record that started last."""
    from multiprocessing.connection import wait

    ctx = _context()
    here = (dict(os.environ), os.getcwd())  # a forked server's worker takes them from the run, as a fork does
    hard = job.timeout + KILL_GRACE if job.timeout else None
    todo = _Queue(inputs, LOOKAHEAD * workers)
    slots: list[_Worker] = []
    hits: list[tuple[int, Record]] = []  # records taken from the cache, to be handed out

    def start() -> _Worker:
        ours, theirs = ctx.Pipe()
        proc = ctx.Process(target=_work, args=(theirs, os.getpid(), job, here), daemon=True)
        proc.start()
        theirs.close()
        return _Worker(proc, ours)

    def next_task() -> int | None:
        """The next input to read, taking the records kept in the cache on the way."""
        while (i := todo.pop()) is not None:
            if (rec := warm_record(inputs[i], job)) is None:
                return i
            hits.append((i, rec))
        return None

    def taken() -> Iterator[tuple[int, Record]]:
        """The records taken from the cache since the last call."""
        yield from hits
        hits.clear()

    def assign(w: _Worker, i: int | None) -> None:
        w.task = i
        if i is not None:
            w.started = time.monotonic()
            w.conn.send((i, inputs[i], stdin if inputs[i] == "-" else None))

    try:
        while len(slots) < workers and (i := next_task()) is not None:
            slots.append(start())
            assign(slots[-1], i)
        yield from taken()
        while any(w.task is not None for w in slots):
            busy = [w for w in slots if w.task is not None]
            wake = min(w.started + hard for w in busy) - time.monotonic() if hard else None
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], wake))
            for k, w in enumerate(slots):
                i = w.task
                if i is None:
                    continue
                if w.conn in ready:
                    try:
                        j, rec = w.conn.recv()
                    except (EOFError, OSError):
                        pass  # it died while answering: below
                    else:
                        w.done += 1
                        nxt = next_task()
                        if nxt is not None and WORKER_DOCS and w.done >= WORKER_DOCS:
                            w.task = None  # idle: asked to end, not killed
                            _stop(w, gently=True)
                            slots[k] = w = start()
                        assign(w, nxt)
                        yield j, rec
                        yield from taken()
                        continue
                why = None
                if w.proc.sentinel in ready or not w.proc.is_alive():
                    w.proc.join(1)
                    why = _death(w.proc.exitcode)
                elif hard and time.monotonic() - w.started > hard:
                    why = f"still running {KILL_GRACE:g} s past its {job.timeout:g} s budget: its process was stopped"
                if why:
                    _stop(w)
                    slots[k] = start()
                    assign(slots[k], next_task())
                    yield i, {"input": inputs[i], "error": f"{inputs[i]}: {why}; the run went on"}
                    yield from taken()
    finally:
        for w in slots:
            _stop(w, gently=True)


class _Queue:
    """Input indices to hand out: of the `window` inputs from the first not yet handed out, the largest file
    goes first (sizes from the file system; a symbol, `-` or a missing file counts as empty). The window is
    anchored at the oldest input waiting, so none waits more than `window` turns, and the records kept back
    to be written in input order stay few."""

    def __init__(self, inputs: list[str], window: int) -> None:
        self.inputs, self.window = inputs, max(1, window)
        self.ahead: list[tuple[int, int]] = []  # (index, size) of the inputs waiting, in input order
        self.next = 0

    def _size(self, i: int) -> int:
        try:
            return os.stat(self.inputs[i]).st_size
        except (OSError, ValueError):
            return 0

    def pop(self) -> int | None:
        first = self.ahead[0][0] if self.ahead else self.next
        while self.next < min(len(self.inputs), first + self.window):
            self.ahead.append((self.next, self._size(self.next)))
            self.next += 1
        if not self.ahead:
            return None
        k = max(range(len(self.ahead)), key=lambda k: self.ahead[k][1])
        return self.ahead.pop(k)[0]


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return f"the process reading this document was killed by {name}{hint}"
    return f"the process reading this document ended (exit code {code})"


def _stop(w: _Worker, gently: bool = False) -> None:
    """End a worker: asked to, when it is idle and `gently`; killed otherwise."""
    try:
        if gently and w.task is None and w.proc.is_alive():
            w.conn.send(None)
            w.proc.join(1)
    except (OSError, ValueError):
        pass
    if w.proc.is_alive():
        w.proc.kill()
    w.proc.join(5)
    w.conn.close()


def _work(conn: Any, parent: int, job: Job, here: tuple[dict[str, str], str]) -> None:
    """A worker: read (index, source, data) tasks, answer (index, record), until told to stop; in the
    environment and working folder of the run (`here`), whatever process it was forked from."""
    _die_with_parent(parent)
    env, cwd = here
    if os.environ != env:
        os.environ.clear()
        os.environ.update(env)
    if os.getcwd() != cwd:
        os.chdir(cwd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        i, source, data = task
        conn.send((i, job.inspect(source, data)))


def _die_with_parent(parent: int) -> None:
    """This process ends when the batch process (`parent`) does, even by `kill -9`: the kernel's
    parent-death signal on Linux (from a fork server, that server, which ends with the batch process), and
    everywhere a thread that watches both."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    forked_by = os.getppid()

    def alive() -> bool:
        if os.getppid() != forked_by:
            return False
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return False
        except OSError:  # there, but not ours to signal
            return True
        return True

    if not alive():  # died before we got here
        os._exit(1)

    def watch() -> None:
        while alive():
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _dask(inputs: list[str], address: str, job: Job, stdin: bytes | None) -> Iterator[tuple[int, Record]]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise RuntimeError(
            "--scheduler needs Dask: pip install 'resinspect[dask]' (dask[distributed])"
        ) from exc
    with Client(address) as client:
        futs = [client.submit(job.inspect, s, stdin if s == "-" else None, pure=False) for s in inputs]
        index = {f.key: i for i, f in enumerate(futs)}
        for fut in as_completed(futs):
            yield index[fut.key], fut.result()
