"""The short fuzz run in CI (issue 14): `tests/fuzz/ci.py`, a few hundred constructed and mutated hostile
inputs through `inspect --json`, in a process of its own: no traceback, no hang past the budget, one
error line at most, no pdfminer line, peak RSS under 500 MB. The long run is `bench/fuzz.py --long`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CI = Path(__file__).resolve().parent / "fuzz" / "ci.py"


def test_short_fuzz_run_finds_nothing():
    r = subprocess.run([sys.executable, str(CI)], capture_output=True, text=True, timeout=180)
    summary = json.loads(r.stdout.splitlines()[-1])
    assert summary["findings"] == [], json.dumps(summary["findings"], indent=1)[:3000]
    assert r.returncode == 0 and summary["inputs_tried"] >= 250
    assert summary["peak_rss_mb"] < 500
