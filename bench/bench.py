#!/usr/bin/env python
"""Benchmark resinspect against its peers, all ratios measured in one run: one command, one markdown table.

    python bench/bench.py [--corpus DIR] [--every K] [--repeat N] [--workers N] [--out FILE] [--quick]

DIR (default $RESINSPECT_BENCH_CORPUS, else the first shared/corpus/dev beside the repository or above it) must hold spv/*.pdf,
rendered/*/*.pdf and felixhaass/*.txt. --every K takes every K-th PDF (default all), --repeat N keeps the
minimum of N runs of each per-file measure (default 1), --quick is --every 8 with smaller scale runs. The
cache lives in a temporary RESINSPECT_HOME (removed at the end); the user's cache is never read or written.
The peers (poppler's pdftotext, PyMuPDF) are measured when installed; PyMuPDF is AGPL and never a dependency
of resinspect: install it into the benchmark's environment only. This is a script, not a test.

Single-process rows are CPU time (time.process_time; pdftotext: its children's CPU time): other work on a
shared machine does not count. Rows that run in parallel (batch, Dask) are wall time and need a quiet machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402


def _default_corpus() -> str:
    """$RESINSPECT_BENCH_CORPUS, else the first shared/corpus/dev beside the repository or above it."""
    if os.environ.get("RESINSPECT_BENCH_CORPUS"):
        return os.environ["RESINSPECT_BENCH_CORPUS"]
    here = Path(__file__).resolve().parents[1]
    found = (p / "shared" / "corpus" / "dev" for p in here.parents)
    return str(next((p for p in found if p.is_dir()), here.parent / "shared" / "corpus" / "dev"))


DEFAULT_CORPUS = _default_corpus()


def pdf_files(corpus: Path, every: int) -> list[str]:
    files = sorted(str(p) for p in corpus.glob("spv/*.pdf")) + sorted(
        str(p) for p in corpus.glob("rendered/*/*.pdf")
    )
    return files[::every]


def page_count(path: str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


# ------------------------------------------------------------------------------- per-page readers


def inspect_json(path: str, engine: str) -> str:
    """What `resinspect inspect --json X.pdf` does in-process: read, extract, serialise (cache off)."""
    import resinspect
    from resinspect.export import jsonout

    return json.dumps(jsonout.inspection(resinspect.inspect(path, engine=engine)), ensure_ascii=False)


def extract_text(path: str) -> str:
    from pdfminer.high_level import extract_text as pdfminer_text

    return pdfminer_text(path)


def pymupdf_reader() -> Callable[[str], str] | None:
    try:
        import pymupdf
    except ImportError:
        return None

    def work(path: str) -> str:
        with pymupdf.open(path) as doc:
            return "\f".join(page.get_text() for page in doc)

    return work


def pdftotext_reader() -> Callable[[str], str] | None:
    exe = shutil.which("pdftotext")
    if not exe:
        return None

    def work(path: str) -> str:
        subprocess.run([exe, "-layout", path, "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return ""

    return work


def _peaks(mb: list[float]) -> str:
    """Workers' peaks: each of a few, else how many and their range (a worker is replaced after
    `corpus.WORKER_DOCS` documents, so a long run has many)."""
    if len(mb) <= 4:
        return ", ".join(f"{x:.0f}" for x in mb)
    return f"{len(mb)} workers, {min(mb):.0f}–{max(mb):.0f} (median {sorted(mb)[len(mb) // 2]:.0f})"


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def per_page(files: list[str], repeat: int) -> tuple[dict[str, float], int]:
    """CPU seconds of each reader over all files (each file: every reader in turn, minimum of `repeat`)."""
    readers: dict[str, Callable[[str], Any]] = {
        "inspect, pdfium engine": lambda f: inspect_json(f, "pdfium"),
        "inspect, pdfminer engine": lambda f: inspect_json(f, "pdfminer"),
        "pdfminer.six extract_text": extract_text,
    }
    for name, reader in (
        ("PyMuPDF get_text", pymupdf_reader()),
        ("poppler pdftotext -layout", pdftotext_reader()),
    ):
        if reader is not None:
            readers[name] = reader
    for fn in readers.values():  # imports and first-use set-up, not counted
        fn(files[0])
    totals = dict.fromkeys(readers, 0.0)
    pages = 0
    for f in files:
        pages += page_count(f)
        for name, fn in readers.items():
            best = float("inf")
            for _ in range(repeat):
                t, c = time.process_time(), _children_cpu()
                try:
                    fn(f)
                except Exception as exc:  # a failure costs what it cost; say so
                    print(f"note: {name} failed on {f}: {exc}", file=sys.stderr)
                best = min(best, time.process_time() - t + _children_cpu() - c)
            totals[name] += best
    return totals, pages


# ------------------------------------------------------------------------------------ other rows


def batch_wall(files: list[str], workers: int, engine: str, no_cache: bool) -> float:
    from resinspect import corpus

    t = time.perf_counter()
    failed = sum("error" in r for r in corpus.run(files, workers=workers, no_cache=no_cache, engine=engine))
    if failed:
        print(f"note: {failed} documents failed in a batch", file=sys.stderr)
    return time.perf_counter() - t


def votes_cli(runs: int) -> float:
    """Median wall seconds of `resinspect votes samples/S_2020_249-AR.txt` (the garbled Arabic letter)."""
    exe = str(Path(sys.executable).parent / "resinspect")
    cmd = [exe, "votes", str(scale.ROOT / "samples" / "S_2020_249-AR.txt"), "--json"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def startup(runs: int) -> tuple[float, float]:
    """Median seconds of `resinspect --help` and of `python -c "import typer, rich"`."""
    exe = str(Path(sys.executable).parent / "resinspect")
    a_cmd, b_cmd = [exe, "--help"], [sys.executable, "-c", "import typer, rich"]
    a, b = [], []
    for _ in range(runs + 1):
        for cmd, out in ((a_cmd, a), (b_cmd, b)):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out.append(time.perf_counter() - t)
    return statistics.median(a[1:]), statistics.median(b[1:])


def text_throughput(folder: Path) -> tuple[float, int, int]:
    """CPU seconds, resolutions found and files, inspecting every text file in FOLDER in this process."""
    import resinspect

    files = sorted(str(p) for p in folder.glob("*.txt"))
    if not files:
        return 0.0, 0, 0
    resinspect.inspect(files[0])
    n = 0
    t = time.process_time()
    for f in files:
        n += len(resinspect.inspect(f).resolutions)
    return time.process_time() - t, n, len(files)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import pdfminer
    import pypdfium2

    versions = [
        f"pdfminer.six {pdfminer.__version__}",
        f"pypdfium2 {pypdfium2.version.PYPDFIUM_INFO} (PDFium {pypdfium2.version.PDFIUM_INFO})",
    ]
    mu = pymupdf_reader()
    if mu is not None:
        import pymupdf

        versions.append(f"PyMuPDF {pymupdf.__version__}")
    exe = shutil.which("pdftotext")
    if exe:
        v = subprocess.run([exe, "-v"], capture_output=True, text=True).stderr.splitlines()
        versions.append(f"poppler {v[0].split()[-1]}" if v else "poppler")
    return f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; " + ", ".join(versions)


# ------------------------------------------------------------------------------------------- main


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(
        self, what: str, ours: str, theirs: str, ratio: float | None, target: str, ok: bool | None
    ) -> None:
        verdict = "" if ok is None else ("met" if ok else "MISSED")
        self.rows.append((what, ours, theirs, "" if ratio is None else f"{ratio:.3f}×", target, verdict))
        print(f"  … {what}: {self.rows[-1][3] or ours}", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        lines = [
            "| measure | resinspect | yardstick | ratio | target | verdict |",
            "|---|---|---|---|---|---|",
        ]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in self.rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument(
        "--corpus", default=DEFAULT_CORPUS, help="dev corpus folder (spv/, rendered/*/, felixhaass/)"
    )
    ap.add_argument("--every", type=int, default=1, help="every K-th PDF only (default: all)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each per-file measure, minimum kept")
    ap.add_argument("--workers", type=int, default=2, help="processes for the parallel rows (default 2)")
    ap.add_argument("--runs", type=int, default=7, help="runs of the command-line rows (median kept)")
    ap.add_argument("--out", help="also write the report (markdown) to this file")
    ap.add_argument("--quick", action="store_true", help="every 8th PDF, smaller memory and text runs")
    args = ap.parse_args(argv)
    every = 8 if args.quick and args.every == 1 else args.every
    files_many, text_mb = (200, 5.0) if args.quick else (2000, 50.0)

    corpus = Path(args.corpus)
    files = pdf_files(corpus, every)
    if not files:
        print(f"no PDFs under {corpus}/spv or {corpus}/rendered/*/", file=sys.stderr)
        return 2
    started = datetime.datetime.now().astimezone()
    load0 = os.getloadavg()
    home = Path(tempfile.mkdtemp(prefix="resinspect-bench-"))
    os.environ["RESINSPECT_HOME"] = str(home / "home")  # never the user's cache
    os.environ["RESINSPECT_NO_CACHE"] = "1"  # off but for the warm/cold rows, which turn it on themselves
    os.environ.pop("RESINSPECT_ENGINE", None)
    table = Table()
    notes: list[str] = []
    try:
        print(f"{len(files)} PDFs from {corpus}; {machine()}", file=sys.stderr)
        # --- inspect per page against the peers (CPU time, one core)
        totals, pages = per_page(files, args.repeat)
        ms = {k: v * 1000 / pages for k, v in totals.items()}
        ours, miner = ms["inspect, pdfium engine"], ms["pdfminer.six extract_text"]
        table.add("`inspect` per page, pdfium engine, vs pdfminer.six `extract_text`", f"{ours:.2f} ms",
                  f"{miner:.2f} ms", ours / miner, "≤ 0.15×", ours / miner <= 0.15)  # fmt: skip
        if "PyMuPDF get_text" in ms:
            mu = ms["PyMuPDF get_text"]
            table.add("`inspect` per page, pdfium engine, vs PyMuPDF `get_text()`", f"{ours:.2f} ms", f"{mu:.2f} ms",
                      ours / mu, "≤ 3×", ours / mu <= 3)  # fmt: skip
        else:
            notes.append("PyMuPDF not installed: its row is missing")
        mine = ms["inspect, pdfminer engine"]
        table.add("`inspect` per page, pdfminer engine, vs pdfminer.six `extract_text`", f"{mine:.2f} ms",
                  f"{miner:.2f} ms", mine / miner, "(the reference engine)", None)  # fmt: skip
        if "poppler pdftotext -layout" in ms:
            pt = ms["poppler pdftotext -layout"]
            table.add("`inspect` per page, pdfium engine, vs poppler `pdftotext -layout` (a process a file)",
                      f"{ours:.2f} ms", f"{pt:.2f} ms", ours / pt, "(peer)", None)  # fmt: skip
        else:
            notes.append(
                "poppler's pdftotext not installed (apt-get install poppler-utils): its row is missing"
            )

        # --- batch: workers, cache, Dask (wall time)
        # (with --repeat, the pair in turn that many times and the minimum of each: a pool's wall time varies
        # with whatever else the machine does more than one process's)
        ones, twos = [], []
        for _ in range(args.repeat):
            ones.append(batch_wall(files, 1, "pdfium", no_cache=True))
            twos.append(batch_wall(files, args.workers, "pdfium", no_cache=True))
        one, two = min(ones), min(twos)
        table.add(f"`batch`, {args.workers} workers vs 1 (pdfium, cache off, wall)", f"{two:.1f} s",
                  f"{one:.1f} s", two / one, "≤ 0.55×", two / one <= 0.55)  # fmt: skip
        os.environ["RESINSPECT_HOME"] = str(home / "cache-run")  # an empty cache, used by this pair only
        os.environ.pop("RESINSPECT_NO_CACHE")
        cold = batch_wall(files, args.workers, "pdfium", no_cache=False)
        warm = batch_wall(files, args.workers, "pdfium", no_cache=False)
        warm_one = batch_wall(files, 1, "pdfium", no_cache=False)
        os.environ["RESINSPECT_NO_CACHE"] = "1"
        os.environ["RESINSPECT_HOME"] = str(home / "home")
        table.add(f"`batch` warm re-run vs cold ({args.workers} workers, cache in a fresh folder)", f"{warm:.2f} s",
                  f"{cold:.1f} s", warm / cold, "≤ 0.05× (hold)", warm / cold <= 0.05)  # fmt: skip
        table.add("`batch` warm re-run in one process (`--workers 1`, no pool to start) vs cold", f"{warm_one:.2f} s",
                  f"{cold:.1f} s", warm_one / cold, "≤ 0.05× (hold)", warm_one / cold <= 0.05)  # fmt: skip
        try:
            d = scale.dask_vs_pool(files, args.workers, "pdfium")
        except ImportError:
            notes.append("Dask not installed (pip install '.[dask]'): its row is missing")
        else:
            same = "same records" if d["same"] else "RECORDS DIFFER"
            table.add(f"`batch` on a local Dask cluster of {args.workers} workers vs the local pool of {args.workers}",
                      f"{d['dask']:.1f} s", f"{d['pool']:.1f} s ({same})", d["dask"] / d["pool"], "measured",
                      bool(d["same"]))  # fmt: skip

        # --- memory per worker, 100 vs many inputs (cache off)
        small = scale.repeated_inputs(files if every == 1 else pdf_files(corpus, 1), 100, home / "in100")
        many = scale.repeated_inputs(pdf_files(corpus, 1), files_many, home / f"in{files_many}")
        a = scale.batch_cli(str(small), args.workers, home / "m100.ndjson", "pdfium")
        b = scale.batch_cli(str(many), args.workers, home / "mmany.ndjson", "pdfium")
        peak_a, peak_b = max(a["workers_mb"], default=0), max(b["workers_mb"], default=0)
        table.add(f"peak RSS per worker, `batch` of {files_many:,} inputs vs 100 (dev PDFs repeated, cache off)",
                  f"{peak_b:.0f} MB ({b['wall']:.0f} s)", f"{peak_a:.0f} MB", peak_b / peak_a if peak_a else None,
                  "≤ 1.1×", peak_a > 0 and peak_b / peak_a <= 1.1)  # fmt: skip
        for r in (a, b):
            if r["rc"] not in (0,):
                notes.append(f"a memory batch exited {r['rc']}: {r['stderr'].strip()[-200:]}")

        # --- votes on the garbled Arabic letter (the votes engine's speed), start-up, text throughput
        v = votes_cli(args.runs)
        table.add("`resinspect votes samples/S_2020_249-AR.txt` (garbled Arabic; whole command, median)", f"{v:.2f} s",
                  "", None, "< 1 s", v < 1)  # fmt: skip
        sa, sb = startup(args.runs)
        table.add("start-up: `resinspect --help` vs `python -c 'import typer, rich'`", f"{sa * 1000:.0f} ms",
                  f"{sb * 1000:.0f} ms", sa / sb, "≤ 1.3×", sa / sb <= 1.3)  # fmt: skip
        t, n, nfiles = text_throughput(corpus / "felixhaass")
        if nfiles:
            table.add(f"text only: `inspect` on {nfiles} resolution texts, 1 core", f"{n / t:.0f} resolutions/s",
                      f"{n} in {t:.1f} s CPU", None, "≥ 100/s", n / t >= 100)  # fmt: skip

        # --- cost against size: long records, a huge text
        pv = sorted(str(p) for p in corpus.glob("spv/*.pdf"))
        # no letter among the dev PDFs (the letters are text): the shortest, a 2-page resolution, stands for one
        two_pages = next(
            (f for f in sorted(map(str, corpus.glob("rendered/en/*.pdf"))) if page_count(f) == 2), pv[0]
        )
        sizes = [(2, two_pages)]
        for n_pages in (12, 50, 150, 300):
            sizes.append((n_pages, str(scale.build_record(pv, n_pages, home / f"record-{n_pages}.pdf"))))
        lengths = []
        for n_pages, path in sizes:
            lengths.append(
                (
                    n_pages,
                    Path(path).name,
                    *(scale.inspect_cpu(path, e, args.repeat) for e in ("pdfium", "pdfminer")),
                )
            )
        text = scale.big_text(sorted(str(p) for p in (corpus / "felixhaass").glob("*.txt")), text_mb,
                              home / "big.txt")  # fmt: skip
        big = scale.inspect_in_child(text)
        table.add(f"`inspect` of a {text.stat().st_size / 1e6:.0f} MB text ({big['pages']:,} pages, "
                  f"{big['resolutions']:,} resolutions), a fresh process",
                  f"{big['cpu']:.0f} s CPU ({big['wall']:.0f} s wall)", f"{big['rss_mb']:.0f} MB peak RSS", None,
                  "finishes (no stage quadratic)", True)  # fmt: skip
    finally:
        shutil.rmtree(home, ignore_errors=True)

    load1 = os.getloadavg()
    head = (
        f"{started:%Y-%m-%d %H:%M %Z}; {machine()}\n\n"
        f"{len(files)} dev PDFs ({pages:,} pages){'' if every == 1 else f', every {every}th'}; per-page rows: CPU "
        f"time, {'minimum of ' + str(args.repeat) if args.repeat > 1 else 'one run'}; load average "
        f"{load0[0]:.1f} at start, {load1[0]:.1f} at end ({os.cpu_count()} cores)"
    )
    per_reader = "\n".join(f"| {k} | {v:.2f} |" for k, v in ms.items())
    size_rows = "\n".join(
        f"| {n} | {name} | {p:.2f} | {p / n * 1000:.1f} | {m:.2f} | {m / n * 1000:.1f} |"
        for n, name, p, m in lengths
    )
    report = (
        f"{head}\n\n{table.markdown()}\n\n"
        f"Per page, each reader (ms, CPU):\n\n| reader | ms/page |\n|---|---|\n{per_reader}\n\n"
        "Cost against length (`inspect`, CPU seconds, minimum of the runs):\n\n"
        "| pages | document | pdfium s | pdfium ms/page | pdfminer s | pdfminer ms/page |\n|---|---|---|---|---|---|\n"
        f"{size_rows}\n"
        + (f"\nPeak RSS of the workers (MB): 100 inputs {_peaks(a['workers_mb'])}; "
           f"{files_many:,} inputs {_peaks(b['workers_mb'])}; the batch process itself "
           f"{a['batch_process_mb']:.0f} / {b['batch_process_mb']:.0f} MB; the fork server "
           f"{a['helpers_mb']:.0f} / {b['helpers_mb']:.0f} MB\n")
        + "".join(f"\nnote: {n}" for n in notes)
    )  # fmt: skip
    print("\n" + report)
    if args.out:
        Path(args.out).write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
