#!/usr/bin/env python
"""Time per character of text, from 128 KB to 16 MB: is any stage super-linear in the length of one text?

Each size of each series (tests/fuzz/textgen.py: one resolution repeated, numbered operative paragraphs
only, one line, repeated vote blocks) is inspected in a fresh process (`resinspect inspect --json FILE`,
output discarded, cache off), timed from outside with its peak RSS from wait4. The start-up (`inspect` of
a one-line text) is subtracted; µs per character should stay flat as the size doubles (the exponent
between two sizes is 1 for a linear stage, 2 for a quadratic one), and RSS under 500 MB.

    python bench/scaling.py                          # the four series, 128 KB … 16 MB (a few minutes)
    python bench/scaling.py --series resolution_repeated --max-mb 4
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import textgen  # noqa: E402

RESINSPECT = str(Path(sys.executable).parent / "resinspect")
SERIES = ("resolution_repeated", "numbered_paragraphs", "one_line", "vote_blocks")
KB, MB = 1 << 10, 1 << 20


def run(path: Path, env: dict[str, str], timeout: float) -> tuple[float, float, int, str]:
    """(seconds, peak RSS MB, exit code, first stderr line) of `inspect --json path`."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen([RESINSPECT, "inspect", "--json", str(path)], stdout=out, stderr=err, env=env)
        deadline = t0 + timeout
        hwm = 0.0
        while True:
            hwm = max(hwm, _hwm_mb(p.pid))
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.01)
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        first = err.readline().decode("utf-8", "replace").strip()
    # VmHWM belongs to the program after exec; wait4's ru_maxrss starts at the size of this script
    return time.perf_counter() - t0, hwm or ru.ru_maxrss / 1024, p.returncode, first


def _hwm_mb(pid: int) -> float:
    """The peak resident size of a running process (Linux; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", default=",".join(SERIES), help="comma-separated: " + ", ".join(SERIES))
    ap.add_argument("--min-kb", type=int, default=128)
    ap.add_argument("--max-mb", type=float, default=16)
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="resinspect-scaling-"))
    env = {**os.environ, "RESINSPECT_HOME": str(work / "home"), "RESINSPECT_NO_CACHE": "1"}
    tiny = work / "tiny.txt"
    tiny.write_text("The Security Council,\n1. Decides to remain seized of the matter.\n", encoding="utf-8")
    startup = min(run(tiny, env, 60)[0] for _ in range(3))
    print(f"start-up (inspect of a one-line text): {startup:.2f} s, subtracted below\n")
    print("| series | size | seconds | µs per character | exponent | peak RSS | result |")
    print("|---|---|---|---|---|---|---|")
    sizes = []
    s = a.min_kb * KB
    while s <= a.max_mb * MB:
        sizes.append(s)
        s *= 2
    for name in a.series.split(","):
        prev: tuple[int, float] | None = None
        for size in sizes:
            path = work / f"{name}-{size}.txt"
            path.write_bytes(getattr(textgen, name)(size))
            chars = len(path.read_text(encoding="utf-8"))
            seconds, rss, code, first = run(path, env, a.timeout)
            net = max(seconds - startup, 1e-3)
            exponent = ""
            if prev and code == 0:
                exponent = f"{math.log(net / prev[1]) / math.log(size / prev[0]):.2f}"
            result = "ok" if code in (0, 1) else (first[:70] or f"exit {code}")
            label = f"{size // MB} MB" if size >= MB else f"{size // KB} KB"
            print(
                f"| {name} | {label} | {seconds:.2f} | {1e6 * net / chars:.2f} | {exponent} | {rss:.0f} MB | {result} |"
            )
            sys.stdout.flush()
            prev = (size, net) if code == 0 else None
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
