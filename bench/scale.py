"""How resinspect's cost grows: batch workers and their memory, long documents, a huge text, Dask.

Helpers of `bench/bench.py` (run that); each function measures one thing and returns plain numbers. Work that
must not share this process's memory (a batch whose workers' peak RSS is measured, the 50 MB text) runs in a
fresh Python process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------------------- processes


def _parents() -> dict[int, int]:
    """Each process's parent pid (from /proc; Linux)."""
    out = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        out[int(entry.name)] = int(fields[1])
    return out


def _helper(pid: int) -> bool:
    """Whether a process is one of multiprocessing's helpers (the fork server, the resource tracker)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read()
    except OSError:
        return False
    return b"multiprocessing.forkserver import main" in cmd or b"multiprocessing.resource_tracker" in cmd


def _workers(pid: int) -> tuple[list[int], list[int]]:
    """A batch process's workers and its helpers: its children, and the children of a fork server among
    them (a worker forked by the server is its child, with the server's command line)."""
    parents = _parents()
    children = [p for p, pp in parents.items() if pp == pid]
    helpers = [p for p in children if _helper(p)]
    workers = [p for p in children if p not in helpers]
    workers += [p for p, pp in parents.items() if pp in helpers]
    return workers, helpers


def _peak_kb(pid: int) -> int | None:
    """A process's peak resident set (VmHWM, KB) so far, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class WorkerPeaks:
    """Watches the children of a process (a batch's workers) and keeps each one's peak RSS, read from
    /proc every `every` seconds until stopped (a worker's peak is kept as last seen before it exits)."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.pid, self.every = pid, every
        self.peaks: dict[int, int] = {}
        self.own = 0  # the watched process's own peak (KB)
        self.helpers = 0  # the largest peak of multiprocessing's helpers (the fork server; KB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.own = max(self.own, _peak_kb(self.pid) or 0)
            workers, helpers = _workers(self.pid)
            for child in workers:
                kb = _peak_kb(child)
                if kb is not None:
                    self.peaks[child] = max(self.peaks.get(child, 0), kb)
            for child in helpers:
                self.helpers = max(self.helpers, _peak_kb(child) or 0)
            self._stop.wait(self.every)

    def __enter__(self) -> WorkerPeaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def batch_cli(
    inputs: list[str] | str, workers: int, out: Path, engine: str, no_cache: bool = True, fmt: str = "ndjson"
) -> dict[str, Any]:
    """Run `resinspect batch` in a process of its own: wall seconds, the peak RSS of each worker (MB), the
    batch process's own peak (MB), and the exit code."""
    exe = str(Path(sys.executable).parent / "resinspect")
    args = [inputs] if isinstance(inputs, str) else inputs
    cmd = [exe, "batch", *args, "--format", fmt, "--out", str(out), "--workers", str(workers)]
    cmd += ["--engine", engine] + (["--no-cache"] if no_cache else [])
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with WorkerPeaks(proc.pid) as watch:
        _, err = proc.communicate()
    wall = time.perf_counter() - t
    return {
        "wall": wall,
        "workers_mb": sorted(kb / 1024 for kb in watch.peaks.values()),
        "batch_process_mb": watch.own / 1024,
        "helpers_mb": watch.helpers / 1024,
        "rc": proc.returncode,
        "stderr": err.decode("utf-8", "replace")[-500:],
    }


def repeated_inputs(files: list[str], n: int, folder: Path) -> Path:
    """A folder of n links to the given files in turn (each file repeated), for a batch of n inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(n))
    for k in range(n):
        src = Path(files[k % len(files)])
        os.symlink(src.resolve(), folder / f"{k:0{width}d}-{src.name}")
    return folder


# ------------------------------------------------------------------------------------ long documents


def build_record(sources: list[str], pages: int, out: Path) -> Path:
    """A PDF of `pages` pages: the pages of the sources in turn (pypdfium2's import_pages), as one record."""
    import pypdfium2 as pdfium

    dst = pdfium.PdfDocument.new()
    docs = [pdfium.PdfDocument(s) for s in sources]
    try:
        k = 0
        while len(dst) < pages:
            doc = docs[k % len(docs)]
            take = min(len(doc), pages - len(dst))
            dst.import_pages(doc, list(range(take)))
            k += 1
        dst.save(str(out))
    finally:
        for doc in docs:
            doc.close()
        dst.close()
    return out


def inspect_cpu(path: str, engine: str, repeat: int) -> float:
    """CPU seconds of `inspect` on one file in this process (cache off), minimum of `repeat` runs."""
    import resinspect

    os.environ["RESINSPECT_NO_CACHE"] = "1"
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        resinspect.inspect(path, engine=engine)
        best = min(best, time.process_time() - t)
    return best


# ---------------------------------------------------------------------------------------- huge text


def big_text(sources: list[str], megabytes: float, out: Path) -> Path:
    """A text file of about `megabytes` MB: the source texts joined, over and over."""
    parts = [Path(s).read_text(encoding="utf-8", errors="replace") for s in sources]
    blob = "\n\n".join(parts) + "\n\n"
    target = int(megabytes * 1_000_000)
    with open(out, "w", encoding="utf-8") as f:
        size = 0
        while size < target:
            f.write(blob)
            size += len(blob.encode("utf-8"))
    return out


_INSPECT_CHILD = r"""
import json, os, resource, sys, time
os.environ["RESINSPECT_NO_CACHE"] = "1"
import resinspect
from resinspect.export import jsonout
from resinspect.reader import limits
t, c = time.perf_counter(), time.process_time()
# past the default bounds of one text (32 M characters, 300,000 lines: the command line refuses it in a second),
# raised as a caller who reads larger documents raises them; the time budget stays
with limits.using(text_chars=10**9, text_lines=10**8):
    ins = resinspect.inspect(sys.argv[1])
n = len(json.dumps(jsonout.inspection(ins), ensure_ascii=False))
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "json_chars": n,
  "pages": ins.document.pages, "resolutions": len(ins.resolutions), "citations": len(ins.citations),
  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def inspect_in_child(path: Path) -> dict[str, Any]:
    """`inspect` (and the JSON) of one file in a fresh process: wall and CPU seconds, peak RSS, sizes."""
    out = subprocess.run([sys.executable, "-c", _INSPECT_CHILD, str(path)], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"inspect of {path} failed: {out.stderr.strip().splitlines()[-1:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------------------------- Dask


def dask_vs_pool(files: list[str], workers: int, engine: str) -> dict[str, Any]:
    """The same batch (cache off) on a local Dask cluster of `workers` processes and on the local pool of
    as many: wall seconds of each (the cluster's start-up not counted, as a cluster is there before a run;
    the pool's is, as `batch` starts it; both import resinspect in their workers on the first document) and
    whether the records are the same."""
    from dask.distributed import LocalCluster
    from resinspect import corpus

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=0
    ) as cluster:
        address = cluster.scheduler_address
        t = time.perf_counter()
        on_dask = list(corpus.run(files, scheduler=address, no_cache=True, engine=engine))
        dask_wall = time.perf_counter() - t
    t = time.perf_counter()
    on_pool = list(corpus.run(files, workers=workers, no_cache=True, engine=engine))
    pool_wall = time.perf_counter() - t
    return {"dask": dask_wall, "pool": pool_wall, "same": on_dask == on_pool, "records": len(on_pool)}
