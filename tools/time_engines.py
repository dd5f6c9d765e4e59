"""Time the PDF readers per page, stage by stage: where the time of `inspect` goes, engine by engine.

    python tools/time_engines.py PDF_OR_FOLDER... [--repeat N] [--every K] [--only NAME,...]

Readers: pdfminer.six's `extract_text` (the yardstick), the pdfminer engine (`pdf.read_pdf`), PDFium alone
(load each page and its text page, and the page text in one call: what any PDFium reader pays), the PDFium
engine's glyphs (`pdfium.iter_page_glyphs`, one glyph a character and in runs), its pages laid out
(`pdfium.read_pdf`), `inspect` through either engine (read, clean, structure, extract; cache off), and
PyMuPDF's `page.get_text()` when PyMuPDF is installed (measurement only: AGPL, never a dependency).

Each reader runs N times over each file (default 3) and the minimum is kept (the machine is shared);
--every K takes every K-th file of each folder. Prints ms per page summed over all files, as CPU time of this
process (time.process_time: other processes on a shared machine do not count; PDFium, pdfminer and PyMuPDF all
run in this one thread). Originally tools/time_engines.py on branch pdfium, rewritten for main's modules.
"""

from __future__ import annotations

import argparse
import io
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["RESINSPECT_NO_CACHE"] = "1"

import resinspect  # noqa: E402
from resinspect.reader import pdf, pdfium  # noqa: E402


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def pdfium_alone(data: bytes) -> None:
    """What PDFium itself does for any text reader: each page, its text page, its text in one call."""
    api = pdfium._api()
    doc, buf = pdfium._open(api, data)
    try:
        for k in range(api.page_count(doc)):
            page = api.load_page(doc, k)
            tp = api.load_text(page)
            n = api.count(tp)
            out = api.ffi.new("unsigned short[]", n + 1)
            api.text(tp, 0, n, out)
            api.close_text(tp)
            api.close_page(page)
    finally:
        api.close_doc(doc)
        del buf


def readers() -> dict[str, Callable[[bytes, Path], Any]]:
    from pdfminer.high_level import extract_text

    out: dict[str, Callable[[bytes, Path], Any]] = {
        "pdfminer extract_text": lambda d, p: extract_text(io.BytesIO(d)),
        "pdfminer engine read_pdf": lambda d, p: pdf.read_pdf(d),
        "inspect via pdfminer": lambda d, p: resinspect.inspect(str(p), engine="pdfminer"),
        "PDFium alone (pages, text)": lambda d, p: pdfium_alone(d),
        "pdfium glyphs, per char": lambda d, p: list(pdfium.iter_page_glyphs(d, runs=False)),
        "pdfium glyphs, runs": lambda d, p: list(pdfium.iter_page_glyphs(d)),
        "pdfium read_pdf, per char": lambda d, p: pdfium.read_pdf(d, runs=False),
        "pdfium read_pdf, runs": lambda d, p: pdfium.read_pdf(d),
        "inspect via pdfium": lambda d, p: resinspect.inspect(str(p), engine="pdfium"),
    }
    try:
        import pymupdf
    except ImportError:
        return out

    def mupdf(data: bytes) -> None:
        doc = pymupdf.open(stream=data, filetype="pdf")
        for page in doc:
            page.get_text()
        doc.close()

    out["PyMuPDF get_text"] = lambda d, p: mupdf(d)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--only", help="comma-separated readers (a substring of the name each)")
    args = ap.parse_args()
    files: list[Path] = []
    for a in args.paths:
        p = Path(a)
        files += sorted(p.rglob("*.pdf"))[:: args.every] if p.is_dir() else [p]
    chosen = readers()
    if args.only:
        keys = [k.strip() for k in args.only.split(",")]
        chosen = {
            n: f for n, f in chosen.items() if any(k in n for k in keys) or n == "pdfminer extract_text"
        }
    totals = dict.fromkeys(chosen, 0.0)
    pages = 0
    for path in files:
        data = path.read_bytes()
        pages += len(pdfium.read_pdf(data))
        for name, fn in chosen.items():
            totals[name] += best(lambda fn=fn, data=data, path=path: fn(data, path), args.repeat)
    base = totals["pdfminer extract_text"]
    mu = totals.get("PyMuPDF get_text")
    print(f"{len(files)} PDFs, {pages} pages, CPU time, minimum of {args.repeat} runs")
    print(f"{'reader':30} {'ms/page':>8} {'× extract_text':>15} {'× PyMuPDF':>10}")
    for name, t in totals.items():
        ratio_mu = f"{t / mu:10.2f}" if mu else ""
        print(f"{name:30} {t * 1e3 / pages:8.2f} {t / base:15.3f} {ratio_mu}")


if __name__ == "__main__":
    main()
