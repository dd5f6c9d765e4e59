#!/usr/bin/env python
"""Benchmark resinspect against pdfminer.six (and, when installed, poppler's pdftotext and PyMuPDF).

Run from the repository with the project's virtualenv:

    python bench/bench.py [--corpus DIR] [--workers N] [--limit N] [--runs N]

DIR (default ../shared/corpus/dev beside the repository, or $RESINSPECT_BENCH_CORPUS) must hold spv/*.pdf, rendered/*/*.pdf and
felixhaass/*.txt. Prints one markdown table of ratios (resinspect / yardstick; lower is better) with the
targets. The cache is kept in a temporary RESINSPECT_HOME, never the user's. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = os.environ.get(
    "RESINSPECT_BENCH_CORPUS", str(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev")
)


def _now() -> float:
    return time.perf_counter()


def pdf_files(corpus: Path, limit: int | None) -> list[str]:
    files = sorted(str(p) for p in corpus.glob("spv/*.pdf")) + sorted(
        str(p) for p in corpus.glob("rendered/*/*.pdf")
    )
    return files[:limit] if limit else files


def inspect_work(path: str) -> str:
    """What `resinspect inspect --json X.pdf` does in-process: read, extract, serialise."""
    import resinspect
    from resinspect.export import jsonout

    return json.dumps(jsonout.inspection(resinspect.inspect(path)), ensure_ascii=False)


def pdfminer_work(path: str) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(path)


def per_file(files: list[str]) -> tuple[float, float]:
    """Seconds for resinspect (cache off) and for pdfminer's extract_text, file by file, A and B alternating."""
    os.environ["RESINSPECT_NO_CACHE"] = "1"
    try:
        inspect_work(files[0]), pdfminer_work(files[0])  # imports and first-use set-up, not counted
        a = b = 0.0
        for f in files:
            t = _now()
            try:
                inspect_work(f)
            except Exception as exc:  # a failure costs what it cost; say so
                print(f"note: resinspect failed on {f}: {exc}", file=sys.stderr)
            a += _now() - t
            t = _now()
            pdfminer_work(f)
            b += _now() - t
        return a, b
    finally:
        os.environ.pop("RESINSPECT_NO_CACHE", None)


def batch_time(files: list[str], workers: int) -> tuple[float, int]:
    """Wall seconds of batch.run over the files (pool start-up included), and how many failed."""
    from resinspect import corpus as batch

    t = _now()
    failed = sum("error" in r for r in batch.run(files, workers=workers))
    return _now() - t, failed


def text_throughput(folder: Path) -> tuple[float, int, int]:
    """Seconds, resolutions found and files, inspecting every text file in FOLDER in this process."""
    files = sorted(str(p) for p in folder.glob("*.txt"))
    if not files:
        return 0.0, 0, 0
    import resinspect

    resinspect.inspect(files[0])  # warm-up
    n = 0
    t = _now()
    for f in files:
        try:
            n += len(resinspect.inspect(f).resolutions)
        except Exception as exc:
            print(f"note: resinspect failed on {f}: {exc}", file=sys.stderr)
    return _now() - t, n, len(files)


def _run_s(cmd: list[str]) -> float:
    t = _now()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return _now() - t


def startup(runs: int) -> tuple[float, float, float]:
    """Median seconds of `resinspect --help` and `python -c "import typer, rich"`, and the median pair ratio."""
    exe = shutil.which("resinspect", path=str(Path(sys.executable).parent)) or "resinspect"
    a_cmd = [exe, "--help"]
    b_cmd = [sys.executable, "-c", "import typer, rich"]
    _run_s(a_cmd), _run_s(b_cmd)
    a, b = [], []
    for _ in range(runs):
        a.append(_run_s(a_cmd))
        b.append(_run_s(b_cmd))
    return (
        statistics.median(a),
        statistics.median(b),
        statistics.median(x / y for x, y in zip(a, b, strict=True)),
    )


_PEAK = r"""
import json, resource, sys, tracemalloc, os
os.environ["RESINSPECT_NO_CACHE"] = "1"
sys.path.insert(0, sys.argv[2])
from bench import inspect_work
inspect_work(sys.argv[1])  # peak RSS of the whole process (imports included)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
tracemalloc.start()
inspect_work(sys.argv[1])
peak = tracemalloc.get_traced_memory()[1] / 2**20
print(json.dumps({"rss_mb": rss, "traced_mb": peak}))
"""


def peak_memory(path: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, path, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def pdftotext_time(files: list[str]) -> float | None:
    exe = shutil.which("pdftotext")
    if not exe:
        return None
    subprocess.run([exe, files[0], "-"], capture_output=True, check=False)
    t = _now()
    for f in files:
        subprocess.run(
            [exe, "-layout", f, "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
    return _now() - t


def pymupdf_time(files: list[str]) -> float | None:
    try:
        import pymupdf
    except ImportError:
        try:
            import fitz as pymupdf  # older PyMuPDF
        except ImportError:
            return None

    def work(f: str) -> str:
        with pymupdf.open(f) as doc:
            return "\f".join(page.get_text() for page in doc)

    work(files[0])
    t = _now()
    for f in files:
        work(f)
    return _now() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus", default=DEFAULT_CORPUS, help="dev corpus folder (spv/, rendered/*/, felixhaass/)"
    )
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the batch row")
    ap.add_argument("--limit", type=int, default=None, help="only the first N PDFs (quick run)")
    ap.add_argument("--runs", type=int, default=9, help="start-up runs")
    args = ap.parse_args(argv)

    corpus = Path(args.corpus)
    files = pdf_files(corpus, args.limit)
    if not files:
        print(f"no PDFs under {corpus}/spv or {corpus}/rendered/*/", file=sys.stderr)
        return 2
    load0 = os.getloadavg()[0]
    home = tempfile.mkdtemp(prefix="resinspect-bench-")
    os.environ["RESINSPECT_HOME"] = home  # never the user's cache
    pages = 0
    rows: list[tuple[str, str, str, str, str, str]] = []

    def row(what: str, ours: str, theirs: str, ratio: float | None, target: str, ok: bool | None) -> None:
        verdict = "" if ok is None else ("met" if ok else "MISSED")
        rows.append((what, ours, theirs, "" if ratio is None else f"{ratio:.2f}×", target, verdict))
        print(f"  … {what}: {rows[-1][3] or ours}", file=sys.stderr)

    try:
        import pdfminer
        from resinspect import corpus as batch

        print(
            f"{len(files)} PDFs from {corpus}; {args.workers} workers; pdfminer.six {pdfminer.__version__}",
            file=sys.stderr,
        )
        a, b = per_file(files)
        row(
            "inspect vs pdfminer extract_text, per file, 1 core",
            f"{a:.1f} s",
            f"{b:.1f} s",
            a / b,
            "≤1.15× (stretch <0.85×)",
            a / b <= 1.15,
        )

        cold, failed = batch_time(files, args.workers)
        pages = sum(batch.pages_of(r) for r in batch.run(files, workers=1))  # cache is warm now: cheap
        row(
            f"batch, {args.workers} workers, cold cache vs sequential extract_text",
            f"{cold:.1f} s ({pages / cold:.0f} pages/s)",
            f"{b:.1f} s",
            cold / b,
            "≤0.6× on two cores",
            cold / b <= 0.6,
        )
        if failed:
            print(f"note: {failed} documents failed in the batch", file=sys.stderr)
        warm, _ = batch_time(files, args.workers)
        row(
            f"batch warm re-run (cache) vs cold, {args.workers} workers",
            f"{warm:.2f} s",
            f"{cold:.1f} s",
            warm / cold,
            "≤0.05×",
            warm / cold <= 0.05,
        )
        warm1, _ = batch_time(files, 1)
        row(
            "batch warm re-run, 1 process (no pool start-up) vs cold",
            f"{warm1:.2f} s",
            f"{cold:.1f} s",
            warm1 / cold,
            "≤0.05×",
            warm1 / cold <= 0.05,
        )

        t, n, nfiles = text_throughput(corpus / "felixhaass")
        if nfiles:
            row(
                f"text-only throughput, felixhaass ({nfiles} files), 1 core",
                f"{n / t:.0f} resolutions/s",
                f"{n} in {t:.2f} s",
                None,
                "≥100 resolutions/s",
                n / t >= 100,
            )

        sa, sb, sr = startup(args.runs)
        row(
            "start-up: `resinspect --help` vs `python -c 'import typer, rich'`",
            f"{sa * 1000:.0f} ms",
            f"{sb * 1000:.0f} ms",
            sr,
            "≤1.3×",
            sr <= 1.3,
        )

        largest = max(files, key=os.path.getsize)
        mem = peak_memory(largest)
        row(
            f"peak memory, {Path(largest).name} ({os.path.getsize(largest) // 1024} KB)",
            f"{mem['rss_mb']:.0f} MB RSS",
            f"{mem['traced_mb']:.0f} MB traced (Python heap)",
            None,
            "<300 MB",
            mem["rss_mb"] < 300,
        )

        pt = pdftotext_time(files)
        if pt is not None:
            row(
                "anchor: inspect vs poppler pdftotext -layout (process per file)",
                f"{a:.1f} s",
                f"{pt:.1f} s",
                a / pt,
                "(anchor)",
                None,
            )
        else:
            print("note: pdftotext not installed; anchor skipped", file=sys.stderr)
        mt = pymupdf_time(files)
        if mt is not None:
            row(
                "anchor: inspect vs PyMuPDF page.get_text()",
                f"{a:.1f} s",
                f"{mt:.1f} s",
                a / mt,
                "(anchor)",
                None,
            )
        else:
            print("note: PyMuPDF not installed; anchor skipped", file=sys.stderr)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    load1 = os.getloadavg()[0]
    print(
        f"\n{len(files)} dev PDFs, {pages} pages; {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
        f"load average {load0:.1f} at start, {load1:.1f} at end (above the core count, other work shared the CPUs)\n"
    )
    print("| measure | resinspect | yardstick | ratio | target | verdict |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
