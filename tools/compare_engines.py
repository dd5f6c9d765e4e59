"""Compare the two PDF engines, pdfminer.six (the reference) and PDFium, document by document.

    python tools/compare_engines.py PDF_OR_FOLDER... [--diff N] [--json FILE] [--chars]

For every PDF (folders are searched recursively) both engines read the file with the cache off. Compared:

- the page texts (`layout.page_text`: lines and paragraph hints), page by page;
- the end results: the `resinspect inspect --json` record (resolutions with their paragraphs, citations,
  votes, warnings), split into the facts and their places. Each document gets one verdict:
  `identical`; `boxes` (the facts and offsets equal, box coordinates within --tolerance points: character
  extents are interpolated within a word PDFium hands over as one glyph); `offsets` (the facts equal, their
  offsets into the cleaned text moved: white space differs); `facts` (a vote, paragraph, citation or warning
  differs); `error` (one engine fails where the other does not, or with another message).

One line per document, then a short diff where facts differ, and a summary by verdict. --json writes every
document's report. --runs off reads PDFium one glyph a character (`pdfium.read_pdf(runs=False)`).
Originally tools/compare_engines.py on branch pdfium (by the prototype's author), rewritten for main's modules.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

os.environ["RESINSPECT_NO_CACHE"] = "1"

import resinspect  # noqa: E402
from resinspect.errors import SourceError  # noqa: E402
from resinspect.export import jsonout  # noqa: E402
from resinspect.reader import layout, pdf, pdfium  # noqa: E402

VERDICTS = ("identical", "boxes", "offsets", "facts", "error")
OFFSETS = {"start", "end"}


def pdfs(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p])
    return out


def page_texts(reader: Any, data: bytes) -> list[str] | str:
    try:
        return [layout.page_text(p) for p in reader(data)]
    except SourceError as exc:
        return f"SourceError: {exc}"


def record(path: Path, engine: str) -> dict[str, Any] | str:
    """The `inspect` record of a document read by `engine`, or its error."""
    try:
        return jsonout.inspection(resinspect.inspect(str(path), engine=engine))
    except SourceError as exc:
        return f"SourceError: {exc}"


def split(value: Any, key: str = "") -> tuple[Any, list[float], list[int]]:
    """A JSON value without its boxes and offsets (`facts`), its box coordinates and its offsets, in order."""
    boxes: list[float] = []
    offsets: list[int] = []

    def walk(v: Any, k: str) -> Any:
        if k in ("box", "boxes"):
            boxes.extend(_numbers(v))
            return None
        if k in OFFSETS and isinstance(v, int):
            offsets.append(v)
            return None
        if isinstance(v, dict):
            return {kk: walk(vv, kk) for kk, vv in v.items()}
        if isinstance(v, list):
            return [walk(x, k) for x in v]
        return v

    return walk(value, key), boxes, offsets


def _numbers(v: Any) -> list[float]:
    if isinstance(v, int | float):
        return [float(v)]
    if isinstance(v, dict):
        return [x for vv in v.values() for x in _numbers(vv)]
    if isinstance(v, list):
        return [x for vv in v for x in _numbers(vv)]
    return []


def verdict(a: dict[str, Any] | str, b: dict[str, Any] | str, tolerance: float) -> tuple[str, float]:
    """The verdict for two records, and the largest difference of a box coordinate (points)."""
    if isinstance(a, str) or isinstance(b, str):
        return ("identical" if a == b else "error"), 0.0
    if a == b:
        return "identical", 0.0
    (fa, ba, oa), (fb, bb, ob) = split(a), split(b)
    worst = max((abs(x - y) for x, y in zip(ba, bb, strict=False)), default=0.0)
    if fa != fb or len(ba) != len(bb):
        return "facts", worst
    if oa != ob:
        return "offsets", worst
    return ("boxes" if worst <= tolerance else "facts"), worst


FACETS = ("votes", "paragraphs", "citations", "other")


def facets(a: dict[str, Any] | str, b: dict[str, Any] | str) -> list[str]:
    """Which of the votes, the resolutions' paragraphs, the citations and the rest (warnings, titles, source)
    differ between two records in their facts (boxes and offsets left out)."""
    if isinstance(a, str) or isinstance(b, str):
        return [] if a == b else list(FACETS)
    fa, fb = split(a)[0], split(b)[0]

    def parts(f: dict[str, Any]) -> dict[str, Any]:
        res = f.get("resolutions") or []
        paragraphs = [r.get("paragraphs") for r in res]
        rest = {k: v for k, v in f.items() if k not in ("votes", "citations", "resolutions")}
        rest["resolutions"] = [{k: v for k, v in r.items() if k != "paragraphs"} for r in res]
        return {
            "votes": f.get("votes"),
            "paragraphs": paragraphs,
            "citations": f.get("citations"),
            "other": rest,
        }

    pa, pb = parts(fa), parts(fb)
    return [k for k in FACETS if pa[k] != pb[k]]


def short_diff(a: str, b: str, n: int) -> list[str]:
    lines = list(difflib.unified_diff(a.splitlines(), b.splitlines(), "pdfminer", "pdfium", n=0, lineterm=""))
    return [ln for ln in lines[2:] if not ln.startswith("@@")][:n]


def compare(path: Path, n_diff: int, tolerance: float, runs: bool) -> dict[str, Any]:
    data = path.read_bytes()
    a = page_texts(pdf.read_pdf, data)
    b = page_texts(lambda d: pdfium.read_pdf(d, runs=runs), data)
    report: dict[str, Any] = {"path": str(path), "pages": len(a) if isinstance(a, list) else 0}
    if isinstance(a, str) or isinstance(b, str) or len(a) != len(b):
        report["differing_pages"] = [] if a == b else ["all"]
    else:
        report["differing_pages"] = [k + 1 for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    ra, rb = record(path, "pdfminer"), record(path, "pdfium")
    report["verdict"], report["box_delta"] = verdict(ra, rb, tolerance)
    report["facets"] = facets(ra, rb)
    if report["verdict"] in ("facts", "error"):
        fa = json.dumps(split(ra)[0] if isinstance(ra, dict) else ra, ensure_ascii=False, indent=1)
        fb = json.dumps(split(rb)[0] if isinstance(rb, dict) else rb, ensure_ascii=False, indent=1)
        report["diff"] = short_diff(fa, fb, n_diff)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--diff", type=int, default=8, help="diff lines shown per document (default 8)")
    ap.add_argument("--json", help="write every document's report to this file")
    ap.add_argument("--tolerance", type=float, default=1.0, help="box coordinates within this (pt) are equal")
    ap.add_argument("--runs", choices=("on", "off"), default="on", help="PDFium's glyph runs (default on)")
    args = ap.parse_args(argv)
    reports = []
    for path in pdfs(args.paths):
        r = compare(path, args.diff, args.tolerance, args.runs == "on")
        reports.append(r)
        pages = ", ".join(map(str, r["differing_pages"])) or "none"
        differ = f"; facts differ in: {', '.join(r['facets'])}" if r["facets"] else ""
        print(
            f"{path}: {r['verdict']} (box Δ ≤ {r['box_delta']:.2f} pt; page texts differ on: {pages}{differ})"
        )
        for ln in r.get("diff", []):
            print("    " + ln)
        sys.stdout.flush()
    counts = Counter(r["verdict"] for r in reports)
    n_pages = sum(r["pages"] for r in reports)
    same = sum(not r["differing_pages"] for r in reports)
    print(
        f"\n{len(reports)} PDFs, {n_pages} pages; page texts identical in {same} PDFs; records: "
        + ", ".join(f"{v} {counts[v]}" for v in VERDICTS)
    )
    for k in FACETS:
        n = sum(k in r["facets"] for r in reports)
        print(f"{k}: identical in {len(reports) - n} PDFs, differ in {n}")
    if args.json:
        Path(args.json).write_text(json.dumps(reports, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if counts["facts"] == counts["error"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
