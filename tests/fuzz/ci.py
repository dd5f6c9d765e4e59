#!/usr/bin/env python
"""The short fuzz run of CI: a few hundred hostile inputs through the command line, in one process.

Every constructed attack of `pdfgen` and `textgen` that is cheap to build, then structure-aware mutations
(`pdfgen.mutate_pdf`, `mutate_text` below) of documents held in the repository, seeded so that a run is
reproducible (`--seed`). Each input goes through `resinspect inspect --json` (CliRunner, so no start-up per
input) with `--timeout` as its budget; a finding is an input whose run printed a traceback, raised past the
CLI, exited with another code than 0, 1 or 2, printed more than one `error:` line or a line that is
neither `error:` nor `warning:` (pdfminer's log), or outlived its budget by more than a second. The peak
RSS of the whole process is the bound on memory. Prints one JSON summary; exit 1 on any finding.

    python tests/fuzz/ci.py                     # the CI run (tests/test_fuzz_ci.py runs it)
    python tests/fuzz/ci.py --mutations 2000 --seed 7
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import pdfgen  # noqa: E402
import textgen  # noqa: E402

KB, MB = 1 << 10, 1 << 20
SNIPPETS = ["In favour:", "Against:", "Abstaining:", "The Security Council,", "1. Decides", "\f", "\u202e",
            "\ufeff", "\x00", "(a) ", "Annex", "S/RES/2518 (2020)", "resolution 99999 (2020)", "\u0301" * 50,
            "؛", "\r", "\t" * 40, "(cid:12)"]  # fmt: skip


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    """One structure-aware edit of a text: snippets inserted, lines duplicated or shuffled, numbers
    changed, bytes flipped, the text cut, line ends changed."""
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    op = rng.randrange(7)
    if op == 0:
        k = rng.randrange(len(text) + 1)
        text = text[:k] + rng.choice(SNIPPETS) * rng.choice([1, 5, 200]) + text[k:]
    elif op == 1:
        a = rng.randrange(len(lines))
        lines[a:a] = lines[a : a + rng.randrange(1, 12)] * rng.randrange(2, 200)
        text = "\n".join(lines)
    elif op == 2:
        rng.shuffle(lines)
        text = "\n".join(lines)
    elif op == 3:
        b = bytearray(text.encode("utf-8"))
        for _ in range(rng.randrange(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    elif op == 4:
        text = text[: rng.randrange(len(text) + 1)]
    elif op == 5:
        text = text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\u2028"]))
    else:
        text = " ".join(lines)
    return text.encode("utf-8")


def constructed(work: Path) -> Iterator[tuple[str, str, bytes]]:
    """(name, suffix, content) of every cheap constructed attack."""
    g, t = pdfgen, textgen
    for part, fn in g.SELFREF.items():
        for cyc in (1, 2):
            yield f"selfref_{part}_{cyc}", ".pdf", fn(cyc)
    for name, fn in g.STRUCTURE_MUTATIONS.items():
        yield name, ".pdf", fn()
    yield "repeated_ops", ".pdf", g.repeated_text_ops(20_000)
    yield "form_fanout", ".pdf", g.form_fanout(25, 2)
    yield "form_self_loop", ".pdf", g.form_fanout(fanout=2, self_loop=True)
    yield "pages_lying_count", ".pdf", g.many_pages(100_000, real=False)
    yield "deep_page_tree", ".pdf", g.deep_page_tree(10_000)
    yield "combining", ".pdf", g.combining_page(40_000)
    yield "wide_mediabox", ".pdf", g.wide_mediabox(1e9)
    yield "glyphs_with_marks", ".pdf", g.glyphs_with_marks(2_000, 2)
    yield "bomb_1GB", ".pdf", g.bomb_pdf(work / "bomb.pdf", 1 << 30).read_bytes()
    yield "corrupt_deflate", ".pdf", g.corrupt_deflate_pdf(0.0625, "checksum")
    yield "in_favour_only", ".txt", t.in_favour_only(200)
    yield "vote_blocks", ".txt", t.vote_blocks(128 * KB)
    yield "resolution_repeated", ".txt", t.resolution_repeated(128 * KB)
    yield "invalid_utf8", ".txt", t.invalid_utf8(1, "en")
    yield "utf16", ".txt", t.utf16(True, "be")
    yield "utf32", ".txt", t.utf32(True, "le")
    yield "cp1252", ".txt", t.cp1252()
    yield "nul", ".txt", t.nul_bytes("sprinkled")


def mutations(n: int, seed: int) -> Iterator[tuple[str, str, bytes]]:
    """`n` mutations of documents held in the repository (a generated two-page resolution, a rendered
    resolution, the founding sample's English text), one to three edits each."""
    rng = random.Random(seed)
    seeds: list[tuple[str, Callable[[], bytes]]] = [
        ("base_pdf", pdfgen.base_pdf),
        ("S_RES_2533_2020.en.pdf", (ROOT / "tests/data/rendered/S_RES_2533_2020.en.pdf").read_bytes),
        ("S_2020_249.en.txt", (ROOT / "samples/S_2020_249.en.txt").read_bytes),
    ]
    cache = {name: make() for name, make in seeds}
    for k in range(n):
        name = rng.choice(list(cache))
        data = cache[name]
        pdf = data.startswith(b"%PDF-")
        for _ in range(rng.choice([1, 1, 2, 3])):
            data = pdfgen.mutate_pdf(data, rng)[0] if pdf else mutate_text(data, rng)
        yield f"m{k:04d}:{name}", ".pdf" if pdf else ".txt", data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mutations", type=int, default=230)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--timeout", type=float, default=5.0, help="the budget of one input (--timeout)")
    ap.add_argument("--mem-limit", type=float, default=500.0, help="peak RSS of the run, MB")
    a = ap.parse_args(argv)

    import os

    work = Path(tempfile.mkdtemp(prefix="resinspect-ci-fuzz-"))
    os.environ["RESINSPECT_HOME"] = str(work / "home")
    os.environ["RESINSPECT_NO_CACHE"] = "1"
    from resinspect.cli.app import app
    from typer.testing import CliRunner

    findings: list[dict[str, object]] = []
    codes: Counter[int] = Counter()
    slowest = (0.0, "")
    jumps: list[tuple[float, str]] = []  # where the peak RSS rose most: one input's cost, or slow growth
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    n = 0
    for name, suffix, data in itertools.chain(constructed(work), mutations(a.mutations, a.seed)):  # lazily:
        # a list of 10,000 inputs would weigh some 450 MB of the run's own
        path = work / f"input{suffix}"
        path.write_bytes(data)
        t = time.perf_counter()
        r = CliRunner().invoke(app, ["inspect", "--json", "--timeout", str(a.timeout), str(path)])
        seconds = time.perf_counter() - t
        n += 1
        slowest = max(slowest, (seconds, name))
        err = r.stderr
        lines = err.splitlines()
        problems = []
        if "Traceback" in err + r.stdout:
            problems.append("traceback")
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            problems.append(f"raised {type(r.exception).__name__}: {r.exception}")
        if r.exit_code not in (0, 1, 2):
            problems.append(f"exit {r.exit_code}")
        if sum(ln.startswith("error: ") for ln in lines) > 1:
            problems.append("more than one error line")
        if any(not ln.startswith(("error: ", "warning: ")) for ln in lines):
            problems.append("a line that is neither error nor warning")
        if seconds > a.timeout + 1:
            problems.append(f"{seconds:.1f} s: past its budget")
        codes[r.exit_code] += 1
        now = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if now - peak >= 10:
            jumps = sorted([*jumps, (round(now - peak), f"{name} (to {now:.0f} MB)")], reverse=True)[:5]
        peak = now
        if problems:
            findings.append({"input": name, "problems": problems, "stderr": err[:300]})
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if rss > a.mem_limit:
        findings.append({"input": "(the run)", "problems": [f"peak RSS {rss:.0f} MB > {a.mem_limit:g} MB"]})
    summary = {
        "inputs_tried": n,
        "seconds": round(time.perf_counter() - t0, 1),
        "findings": findings,
        "peak_rss_mb": round(rss),
        "slowest": [round(slowest[0], 2), slowest[1]],
        "rss_jumps_mb": jumps,
        "exit_codes": dict(sorted(codes.items())),
        "seed": a.seed,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
