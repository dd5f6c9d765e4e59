#!/usr/bin/env python
"""How long `resinspect votes` takes, as a whole process, on the bundled documents (a script, not a test).

    python bench/votes.py [--runs N]

Two rows:

* the founding sample, garbled Arabic: `resinspect votes S/2020/249 --lang ar` (target: under 1 s on one
  core), and `--lang en`;
* `resinspect votes` against `resinspect paragraphs` on an English letter (samples/S_2020_249.en.txt, the
  letter and its annexed resolution; target: at most 1.2×), the two commands run in turn, pair by pair.

Each figure is the minimum over `--runs` runs (the machine is shared: the minimum is the run least disturbed)
of the child's CPU time (user + system, from `resource`) and of its wall time; the median is printed beside
it. Every run uses an empty cache in a temporary RESINSPECT_HOME, so no run reuses another's work.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "samples" / "S_2020_249.en.txt"  # an English letter with its resolution annexed


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of `resinspect ARGS`, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        ["resinspect", *args], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def row(label: str, runs: list[tuple[float, float]], target: str) -> str:
    cpu = [c for c, _ in runs]
    wall = [w for _, w in runs]
    return (
        f"| {label} | {min(cpu):.3f} s (median {statistics.median(cpu):.3f}) | "
        f"{min(wall):.3f} s (median {statistics.median(wall):.3f}) | {target} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    opts = ap.parse_args()
    home = tempfile.mkdtemp(prefix="resinspect-bench-")
    env = dict(os.environ, RESINSPECT_HOME=home, RESINSPECT_NO_CACHE="1")
    try:
        ar = [run(["votes", "S/2020/249", "--lang", "ar"], env) for _ in range(opts.runs)]
        en = [run(["votes", "S/2020/249", "--lang", "en"], env) for _ in range(opts.runs)]
        pairs = [
            (run(["votes", str(LETTER)], env), run(["paragraphs", str(LETTER)], env))
            for _ in range(opts.runs)
        ]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    votes = [v for v, _ in pairs]
    paragraphs = [p for _, p in pairs]
    ratio_cpu = min(v[0] for v in votes) / min(p[0] for p in paragraphs)
    ratio_wall = min(v[1] for v in votes) / min(p[1] for p in paragraphs)
    pair_cpu = statistics.median(v[0] / p[0] for v, p in pairs)
    print("| command | CPU (min) | wall (min) | target |")
    print("|---|---|---|---|")
    print(row("`votes S/2020/249 --lang ar` (garbled Arabic)", ar, "< 1 s"))
    print(row("`votes S/2020/249 --lang en`", en, "< 1 s"))
    print(row("`votes` S/2020/249 English letter file", votes, ""))
    print(row("`paragraphs` on the same file", paragraphs, ""))
    print(
        f"| votes / paragraphs | {ratio_cpu:.2f}× (median of pairs {pair_cpu:.2f}×) | {ratio_wall:.2f}× | ≤ 1.2× |"
    )


if __name__ == "__main__":
    main()
