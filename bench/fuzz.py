#!/usr/bin/env python
"""Hostile-input harness for resinspect: constructed reproducers, scripted batch/fetch/cache attacks,
and random structure-aware mutations of real documents, each run in a bounded subprocess.

Run with the project's virtualenv (the installed `resinspect` beside this Python is what is attacked):

    python bench/fuzz.py --classes all --timeout 60 --out report.json
    python bench/fuzz.py --classes hangs,geometry --timeout 20
    python bench/fuzz.py --quick                      # CI: a few hundred small inputs, under a minute
    python bench/fuzz.py --mutations 300 --seed 1     # random mutations of the dev PDFs and texts
    python bench/fuzz.py --long --budget 1200         # 10,000 mutations, stopped after 20 minutes
    python bench/fuzz.py --list                       # the classes and their reproducers

Every run is in its own process group (session), with a wall-clock timeout and a peak-RSS watch (psutil
polling of the process tree, and wait4's ru_maxrss): a run over the time or memory limit is killed with
its whole group, and `py-spy dump` (when installed) records where it was. An unexpected exception that
the CLI turned into one line is re-run with RESINSPECT_DEBUG=1 to get the traceback's innermost frame.
RESINSPECT_HOME is always a temporary folder. This is a script, not a test; it never modifies the repo.

Runners: `exec` starts the installed `resinspect` script (faithful, ~0.3 s start-up per run); `fork` forks
a process that has imported resinspect once and calls `resinspect.cli.app.main()` in the child (same CLI
code, same exit codes and streams, ~100x cheaper start): the default for --quick and --mutations.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import pdfgen  # noqa: E402
import textgen  # noqa: E402

try:
    import psutil
except ImportError:  # pragma: no cover - psutil is asked for in the set-up line
    psutil = None

DEV = Path(os.environ.get("RESINSPECT_FUZZ_CORPUS", str(ROOT.parents[1] / "shared" / "corpus" / "dev")))
if not DEV.is_dir():
    DEV = Path("/work/shared/corpus/dev")
RESINSPECT = str(Path(sys.executable).parent / "resinspect")
KB, MB, GB = 1 << 10, 1 << 20, 1 << 30
TRACEBACK = b"Traceback (most recent call last)"
OWN_PREFIXES = (b"error:", b"warning:")
INTERNAL = re.compile(
    rb"internal error|cannot read this document \(|set RESINSPECT_DEBUG=1|"
    rb"maximum recursion depth|MemoryError|RecursionError"
)


# ------------------------------------------------------------------------------------------ running


@dataclass
class Opts:
    timeout: float = 60.0
    mem_limit_mb: int = 2048
    runner: str = "exec"
    spy: bool = True
    debug_rerun: bool = True
    work: Path = Path(tempfile.gettempdir())


OPTS = Opts()
_FORK_READY = False


def _prepare_fork() -> None:
    """Import resinspect and its lazy imports once, and warm its caches on a bundled sample, so that
    forked children start as a warmed CLI process would."""
    global _FORK_READY
    if _FORK_READY:
        return
    import io

    import pdfminer.pdfdevice  # noqa: F401
    import pdfminer.pdfdocument  # noqa: F401
    import pdfminer.pdfinterp  # noqa: F401
    import pdfminer.pdfpage  # noqa: F401
    import pdfminer.pdfparser  # noqa: F401
    import resinspect
    import resinspect.cli.app  # noqa: F401
    from resinspect import corpus  # noqa: F401
    from resinspect.cli.app import main as cli_main
    from resinspect.export import jsonout

    old = dict(os.environ)
    os.environ["RESINSPECT_NO_CACHE"] = "1"
    saved = sys.argv, sys.stdout, sys.stderr
    try:
        for name in ("S_2020_249.en.txt", "S_PV.8700_E.pdf"):
            with contextlib.suppress(Exception):
                jsonout.inspection(resinspect.inspect(str(ROOT / "samples" / name)))
        # once through the CLI per command: typer imports its parameter machinery lazily, on first parse
        for cmd in (["inspect", "--json"], ["votes", "--json"], ["text"]):
            sys.argv = ["resinspect", *cmd, str(ROOT / "samples" / "S_2020_249.en.txt")]
            sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
            with contextlib.suppress(BaseException):
                cli_main()
    finally:
        sys.argv, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(old)
    _FORK_READY = True


def _fork_cli(argv: list[str], env: dict[str, str], stdin: Any, stdout: Any, stderr: Any) -> int:
    """Fork a child that runs `resinspect.cli.app.main()` with argv; returns its pid (a session leader)."""
    _prepare_fork()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 70
    try:
        os.setsid()
        os.dup2(stdin.fileno(), 0)
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
        os.environ.clear()
        os.environ.update(env)
        _child_limits()
        sys.argv = ["resinspect", *argv]
        from resinspect.cli.app import main

        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        with contextlib.suppress(Exception):
            sys.stderr.flush()
    except BaseException:  # noqa: B036 - the child must never return into the runner
        with contextlib.suppress(Exception):
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
    finally:
        os._exit(code)


def _child_limits() -> None:
    """A virtual-memory backstop well above the RSS limit (the RSS watch is the real limit)."""
    lim = (OPTS.mem_limit_mb + 6144) * MB
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))


def _tree(pid: int) -> list[Any]:
    if psutil is None:
        return []
    try:
        p = psutil.Process(pid)
        return [p, *p.children(recursive=True)]
    except psutil.Error:
        return []


def _rss_mb(procs: list[Any]) -> float:
    total = 0
    for p in procs:
        with contextlib.suppress(Exception):
            total += p.memory_info().rss
    return total / MB


def _group_members(pgid: int) -> list[int]:
    out = []
    if psutil is None:
        return out
    for p in psutil.process_iter(["pid"]):
        with contextlib.suppress(Exception):
            if os.getpgid(p.pid) == pgid and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p.pid)
    return out


def _killpg(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def spy_dump(pid: int) -> list[str]:
    """The Python stack of a running process (py-spy dump), innermost frame first."""
    exe = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not OPTS.spy or not Path(exe).exists():
        return []
    try:
        r = subprocess.run([exe, "dump", "--pid", str(pid)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [ln.strip() for ln in r.stdout.splitlines() if ln.startswith("    ") and "(" in ln]


_FRAME = re.compile(r"^(\S+) \((.+?):(\d+)\)")
_TB_FRAME = re.compile(r'File "(.+?)", line (\d+), in (\S+)')


def _ours(path: str) -> bool:
    return path.startswith(("core/", "cli/")) or "/core/" in path or "/cli/" in path


def _short(path: str) -> str:
    if path.startswith(("core/", "cli/")):
        return path
    for marker in ("/core/", "/cli/"):
        if marker in path:
            return marker.strip("/") + "/" + path.split(marker, 1)[1]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1]
    return path.rsplit("/", 1)[-1]


def culprit_from_spy(frames: list[str]) -> str | None:
    """The innermost resinspect frame of a py-spy stack, and the innermost frame overall if different."""
    parsed = [m.groups() for f in frames if (m := _FRAME.match(f))]
    if not parsed:
        return None
    ours = [(fn, p, ln) for fn, p, ln in parsed if _ours(p)]
    inner = parsed[0]
    text = f"{_short(inner[1])}:{inner[0]}:{inner[2]}"
    if ours and ours[0] != inner:
        text = f"{_short(ours[0][1])}:{ours[0][0]}:{ours[0][2]} → {text}"
    return text


def culprit_from_traceback(stderr: bytes) -> str | None:
    frames = _TB_FRAME.findall(stderr.decode("utf-8", "replace"))
    if not frames:
        return None
    ours = [f for f in frames if _ours(f[0])]
    last = frames[-1]
    if b"RecursionError" in stderr:  # the frame that recurses, not wherever the limit happened to strike
        (path, line, fn), _ = Counter(frames).most_common(1)[0]
        last = (path, line, fn)
    text = f"{_short(last[0])}:{last[2]}:{last[1]}"
    if ours and ours[-1] != last:
        text = f"{_short(ours[-1][0])}:{ours[-1][2]}:{ours[-1][1]} → {text}"
    exc = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln and not ln.startswith(" ")]
    return text + (f" [{exc[-1][:120]}]" if exc else "")


def base_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESINSPECT_")}
    env["RESINSPECT_HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("COLUMNS", None)
    env.update(extra)
    return env


@dataclass
class Run:
    """A started run: the caller may act on it (signal it, inspect files) before `finish()`."""

    pid: int
    t0: float
    out_path: Path
    err_path: Path
    files: list[Any]
    peak: float = 0.0
    first_err: float | None = None
    status: int | None = None
    maxrss_kb: int = 0
    hung: bool = False
    killed_mem: bool = False
    stack: list[str] = field(default_factory=list)
    orphans: int = 0
    killed: bool = False
    procs: list[Any] = field(default_factory=list)
    tree_at: float = 0.0
    saw_children: bool = False
    parent_mb: float = field(
        default_factory=lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )

    def poll(self) -> bool:
        """One watch step: True once the leader has exited."""
        if self.status is None:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.status, self.maxrss_kb = status, ru.ru_maxrss
        if self.status is not None:
            return True
        now = time.perf_counter()
        if now - self.tree_at > 0.25 or not self.procs:  # listing children walks /proc: not every poll
            self.procs, self.tree_at = _tree(self.pid), now
            self.saw_children = self.saw_children or len(self.procs) > 1
        self.peak = max(self.peak, _rss_mb(self.procs))
        if self.first_err is None and self.err_path.stat().st_size:
            self.first_err = time.perf_counter() - self.t0
        return False

    def kill(self, sig: int = signal.SIGKILL, group: bool = True) -> None:
        """A deliberate kill by a scenario (not counted as a hang): the group, or only the leader."""
        self.killed = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if group:
                os.killpg(self.pid, sig)
            else:
                os.kill(self.pid, sig)

    def peak_mb(self) -> float:
        """Polled peak of the tree; wait4's ru_maxrss only when above the runner's own size, since the
        high-water mark survives exec and so starts at the size of the forked runner."""
        child = self.maxrss_kb / 1024
        return max(self.peak, child) if child > 1.1 * self.parent_mb else self.peak

    def elapsed(self) -> float:
        return time.perf_counter() - self.t0

    def finish(self, timeout: float | None = None, mem_limit_mb: float | None = None) -> dict[str, Any]:
        timeout = OPTS.timeout if timeout is None else timeout
        mem = OPTS.mem_limit_mb if mem_limit_mb is None else mem_limit_mb
        delay = 0.002
        while not self.poll():
            if not self.killed and (self.peak > mem or self.elapsed() > timeout):
                self.killed = True
                self.killed_mem = self.peak > mem
                self.hung = not self.killed_mem
                self.stack = spy_dump(self.pid)
                _killpg(self.pid)
                continue
            time.sleep(delay)
            delay = min(delay * 1.5, 0.05)
        seconds = self.elapsed()
        if self.saw_children:  # a leader that had children: are any of its group still running?
            time.sleep(0.05)
            self.orphans = len(_group_members(self.pid))
        _killpg(self.pid)
        for f in self.files:
            f.close()
        return self.result(seconds)

    def result(self, seconds: float) -> dict[str, Any]:
        err = _head(self.err_path, 2 * MB)
        lines = err.splitlines()
        n_lines = _count_lines(self.err_path)
        leaks = [
            ln for ln in lines if ln.strip() and not ln.startswith(OWN_PREFIXES) and not ln.startswith(b"  ")
        ]
        errors = [ln for ln in lines if ln.startswith(b"error:")]
        code = os.waitstatus_to_exitcode(self.status) if self.status is not None else None
        res: dict[str, Any] = {
            "exit": code,
            "seconds": round(seconds, 3),
            "peak_rss_mb": round(self.peak_mb(), 1),
            "stderr_lines": n_lines,
            "traceback": TRACEBACK in err,
            "error_lines": len(errors),
            "multi_error": len(errors) > 1,
            "hung": self.hung,
            "killed_mem": self.killed_mem,
            "leak_lines": len(leaks),
            "stdout_bytes": self.out_path.stat().st_size,
            "first_stderr_s": None if self.first_err is None else round(self.first_err, 3),
            "max_stderr_line": max((len(ln) for ln in lines), default=0),
            "internal": bool(INTERNAL.search(err)),
        }
        if errors:
            e0 = errors[0].decode("utf-8", "replace")
            res["first_error"] = e0 if len(e0) <= 400 else f"{e0[:200]} …[{len(e0) - 400} chars]… {e0[-200:]}"
        if leaks:
            res["leak_sample"] = [ln.decode("utf-8", "replace")[:160] for ln in leaks[:3]]
        if self.stack:
            res["stack"] = self.stack[:12] + (
                [f"... {len(self.stack) - 12} more frames"] if len(self.stack) > 12 else []
            )
            res["culprit"] = culprit_from_spy(self.stack)
        if res["traceback"]:
            res["culprit"] = culprit_from_traceback(err)
        if self.orphans:
            res["group_left_running"] = self.orphans
        return res


def _head(path: Path, n: int) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def start(
    argv: list[str],
    env: dict[str, str],
    stdin: bytes | Path | None = None,
    cwd: Path | None = None,
    runner: str | None = None,
    preexec: Callable[[], None] | None = None,
    prefix: list[str] | None = None,
) -> Run:
    """Start `resinspect ARGV` in its own session, stdout/stderr to files; returns the Run to watch."""
    runner = runner or OPTS.runner
    tmp = Path(tempfile.mkdtemp(prefix="run-", dir=OPTS.work))
    out_path, err_path = tmp / "stdout", tmp / "stderr"
    fout, ferr = open(out_path, "wb"), open(err_path, "wb")
    if isinstance(stdin, bytes):
        (tmp / "stdin").write_bytes(stdin)
        stdin = tmp / "stdin"
    fin = open(stdin if stdin is not None else os.devnull, "rb")
    files = [fout, ferr, fin]
    t0 = time.perf_counter()
    if runner == "fork" and cwd is None and preexec is None and not prefix:
        pid = _fork_cli(argv, env, fin, fout, ferr)
    else:

        def pre() -> None:
            _child_limits()
            if preexec:
                preexec()

        p = subprocess.Popen(
            [*(prefix or []), RESINSPECT, *argv], stdin=fin, stdout=fout, stderr=ferr, env=env, cwd=cwd,
            start_new_session=True, preexec_fn=pre,
        )  # fmt: skip
        p.returncode = 0  # we reap it ourselves with wait4; keep Popen from waiting on it too
        pid = p.pid
    return Run(pid, t0, out_path, err_path, files)


def measure(
    argv: list[str], env: dict[str, str], debug: bool = True, **kw: Any
) -> tuple[dict[str, Any], Path]:
    """Run to the end (or the limits); returns (result, stdout path). With `debug`, an unexpected
    exception swallowed by the CLI is looked for again with a traceback (`debug_rerun`)."""
    timeout = kw.pop("timeout", None)
    mem = kw.pop("mem_limit_mb", None)
    run = start(argv, env, **kw)
    res = run.finish(timeout, mem)
    if debug:
        debug_rerun(argv, env, res, timeout=timeout, mem_limit_mb=mem, **kw)
    return res, run.out_path


_HIDDEN = """
import sys, traceback
from resinspect.errors import SourceError
from resinspect.reader.pdf import read_pdf
try:
    read_pdf(sys.argv[1])
except SourceError as e:
    if e.__context__ is not None:
        traceback.print_exception(e.__context__)
"""


def debug_rerun(argv: list[str], env: dict[str, str], res: dict[str, Any], **kw: Any) -> None:
    """When the CLI swallowed an unexpected exception into one line, run again with RESINSPECT_DEBUG=1
    and keep the traceback's innermost frames. For an exception that the PDF reader itself turned into
    "truncated or damaged PDF: …" (DEBUG does not show those), read the PDF again in a subprocess and
    print the exception the SourceError was raised over (its __context__ survives `from None`)."""
    if not OPTS.debug_rerun or not res.get("internal") or res.get("traceback") or res["hung"]:
        return
    first = res.get("first_error", "")
    if "damaged PDF:" in first:
        path = argv[-1]
        try:
            r = subprocess.run([sys.executable, "-c", _HIDDEN, path], capture_output=True, timeout=OPTS.timeout,
                               env={**env, "RESINSPECT_NO_CACHE": "1"})  # fmt: skip
        except subprocess.TimeoutExpired:
            return
        if c := culprit_from_traceback(r.stderr):
            res["culprit"] = c + " (hidden by reader.pdf.read_pdf)"
        return
    r2, _ = measure(argv, {**env, "RESINSPECT_DEBUG": "1"}, debug=False, **kw)
    if r2.get("culprit"):
        res["culprit"] = r2["culprit"]
        res["debug_traceback"] = True


# -------------------------------------------------------------------------------------- the cases


@dataclass
class Case:
    cls: str
    id: str
    reproducer: str
    make: Callable[[Path], bytes | Path]  # content, or a path it wrote
    suffix: str = ".pdf"
    cmds: tuple[tuple[str, ...], ...] = (("inspect", "--json"),)
    series: tuple[str, int] | None = None
    check: Callable[[dict[str, Any], Path], dict[str, Any]] | None = None
    quick: bool = False


def _votes_found(res: dict[str, Any], stdout: Path) -> dict[str, Any]:
    """How many votes (and member entries) the JSON output reports."""
    try:
        if stdout.stat().st_size > 64 * MB:
            return {}
        text = stdout.read_text(encoding="utf-8", errors="replace")
        try:
            obj = json.loads(text) if text.strip() else None
        except ValueError:
            obj = json.loads(text.splitlines()[0])  # NDJSON: the first document
    except (ValueError, IndexError):
        return {"json_ok": False}
    if not isinstance(obj, dict):
        return {"json_ok": obj is not None}
    votes = obj.get("votes") or []
    members = sum(len(v.get(k) or []) for v in votes for k in ("in_favour", "against", "abstaining"))
    src = obj.get("source") or {}
    out = {"json_ok": True, "votes_reported": len(votes), "members_reported": members,
           "languages": src.get("languages"), "pages": src.get("pages")}  # fmt: skip
    if "resolutions" in obj:
        out["paragraphs"] = sum(len(r.get("paragraphs") or []) for r in obj["resolutions"] or [])
    return out


def _mojibake(res: dict[str, Any], stdout: Path) -> dict[str, Any]:
    head = _head(stdout, 4 * MB).decode("utf-8", "replace")
    return {"mojibake": len(re.findall("Ã|â€|Ø§|Ù", head)), "c1_controls": len(re.findall("[\x80-\x9f]", head)),
            "nul_in_output": "\\u0000" in head or "\x00" in head, **_votes_found(res, stdout)}  # fmt: skip


def cases() -> list[Case]:
    g, t = pdfgen, textgen
    out: list[Case] = []
    add = out.append
    # 1. hangs
    for part, fn in g.SELFREF.items():
        for cyc in (1, 2):
            add(Case("hangs", f"selfref_{part}_{cyc}", f"pdfgen.selfref_{part}(cycle={cyc})",
                     lambda p, fn=fn, c=cyc: fn(c), quick=True))  # fmt: skip
    add(
        Case(
            "hangs",
            "repeat_ops_20000_moving",
            "pdfgen.repeated_text_ops(20000, moving=True)",
            lambda p: g.repeated_text_ops(20000, True),
        )
    )
    add(
        Case(
            "hangs",
            "repeat_ops_20000_same_spot",
            "pdfgen.repeated_text_ops(20000, moving=False)",
            lambda p: g.repeated_text_ops(20000, False),
        )
    )
    add(
        Case(
            "hangs",
            "deflate_1.5M_text_ops",
            "pdfgen.deflate_text_ops(1_500_000)",
            lambda p: g.deflate_text_ops(1_500_000),
        )
    )
    add(
        Case(
            "hangs",
            "form_fanout_25x2",
            "pdfgen.form_fanout(depth=25, fanout=2)",
            lambda p: g.form_fanout(25, 2),
        )
    )
    add(
        Case(
            "hangs",
            "form_self_loop_x2",
            "pdfgen.form_fanout(fanout=2, self_loop=True)",
            lambda p: g.form_fanout(fanout=2, self_loop=True),
        )
    )
    for n in (10_000, 100_000):
        add(
            Case(
                "hangs",
                f"pages_{n}_real",
                f"pdfgen.many_pages({n}, real=True)",
                lambda p, n=n: g.many_pages(n, True),
            )
        )
        add(
            Case(
                "hangs",
                f"pages_{n}_lying_count",
                f"pdfgen.many_pages({n}, real=False)",
                lambda p, n=n: g.many_pages(n, False),
                quick=True,
            )
        )
    add(
        Case(
            "hangs",
            "page_tree_10000_deep",
            "pdfgen.deep_page_tree(10_000)",
            lambda p: g.deep_page_tree(10_000),
        )
    )
    add(Case("hangs", "combining_40000", "pdfgen.combining_page(40_000)", lambda p: g.combining_page(40_000)))
    add(
        Case(
            "hangs",
            "combining_40000_zero_width",
            "pdfgen.combining_page(40_000, advance=0)",
            lambda p: g.combining_page(40_000, 0),
        )
    )
    # 2. memory
    for size, label in ((GB, "1GB"), (4 * GB, "4GB")):
        for fill, fname in ((b"\0", "zeros"), (b" ", "spaces")):
            add(Case("memory", f"bomb_{label}_{fname}", f"pdfgen.bomb_pdf(path, {label}, fill={fill!r})",
                     lambda p, s=size, f=fill: g.bomb_pdf(p, s, f)))  # fmt: skip
    # 3. quadratic text (series: exponent of time against size)
    both = (("inspect", "--json"), ("votes", "--json"))
    sizes16 = [128 * KB << k for k in range(8)]  # 128 KB … 16 MB
    sizes2 = sizes16[:5]  # … 2 MB
    for s in sizes16:
        add(
            Case(
                "quadratic",
                f"resolution_repeated_{s // KB}K",
                f"textgen.resolution_repeated({s})",
                lambda p, s=s: t.resolution_repeated(s),
                ".txt",
                both,
                ("resolution_repeated", s),
                quick=s == 128 * KB,
            )
        )
    for s in sizes2:
        add(
            Case(
                "quadratic",
                f"one_line_{s // KB}K",
                f"textgen.one_line({s})",
                lambda p, s=s: t.one_line(s),
                ".txt",
                both,
                ("one_line", s),
            )
        )
        add(
            Case(
                "quadratic",
                f"numbered_paragraphs_{s // KB}K",
                f"textgen.numbered_paragraphs({s})",
                lambda p, s=s: t.numbered_paragraphs(s),
                ".txt",
                both,
                ("numbered_paragraphs", s),
            )
        )
    for s in sizes16:
        add(
            Case(
                "quadratic",
                f"vote_blocks_{s // KB}K",
                f"textgen.vote_blocks({s})",
                lambda p, s=s: t.vote_blocks(s),
                ".txt",
                both,
                ("vote_blocks", s),
                _votes_found,
            )
        )
    for s in (128 * KB, 256 * KB, 512 * KB):
        add(
            Case(
                "quadratic",
                f"arabic_doubled_{s // KB}K",
                f"textgen.arabic_doubled({s})",
                lambda p, s=s: t.arabic_doubled(s),
                ".txt",
                both,
                ("arabic_doubled", s),
            )
        )
    # 5. pdfminer log lines leaking (structure-aware mutations of a valid base PDF)
    add(
        Case(
            "logs", "base_valid", "pdfgen.base_pdf()", lambda p: g.base_pdf(), check=_votes_found, quick=True
        )
    )
    add(
        Case(
            "logs",
            "base_valid_objstm",
            "pdfgen.base_pdf(objstm=True)",
            lambda p: g.base_pdf(objstm=True),
            check=_votes_found,
            quick=True,
        )
    )
    for name, fn in g.STRUCTURE_MUTATIONS.items():
        add(
            Case(
                "logs",
                name,
                f"pdfgen.STRUCTURE_MUTATIONS[{name!r}]",
                lambda p, fn=fn: fn(),
                check=_votes_found,
                quick=True,
            )
        )
    for mb in (0.0625, 0.25, 1, 4, 16):
        for mode in ("checksum", "truncated"):
            add(Case("logs", f"corrupt_deflate_{mode}_{int(mb * 1024)}KB", f"pdfgen.corrupt_deflate_pdf({mb}, {mode!r})",
                     lambda p, mb=mb, m=mode: g.corrupt_deflate_pdf(mb, m), series=(f"corrupt_deflate_{mode}", int(mb * MB)), quick=mb < 0.1))  # fmt: skip
    # 9. invented votes
    for n, extra in ((2, ""), (200, ""), (2000, ""), (200, " France.")):
        add(Case("invented", f"in_favour_only_{n}{'_france' if extra else ''}", f"textgen.in_favour_only({n}, {extra!r})",
                 lambda p, n=n, e=extra: t.in_favour_only(n, e), ".txt", both, check=_votes_found, quick=n <= 200))  # fmt: skip
    # 12. text decoding
    dec = [
        ("invalid_utf8_1_en", "textgen.invalid_utf8(1, 'en')", lambda p: t.invalid_utf8(1, "en")),
        ("invalid_utf8_1_ar", "textgen.invalid_utf8(1, 'ar')", lambda p: t.invalid_utf8(1, "ar")),
        ("invalid_utf8_50_en", "textgen.invalid_utf8(50, 'en')", lambda p: t.invalid_utf8(50, "en")),
        ("utf16le_bom", "textgen.utf16(True, 'le')", lambda p: t.utf16(True, "le")),
        ("utf16be_bom", "textgen.utf16(True, 'be')", lambda p: t.utf16(True, "be")),
        ("utf16le_bom_ar", "textgen.utf16(True, 'le', 'ar')", lambda p: t.utf16(True, "le", "ar")),
        ("utf32le_bom", "textgen.utf32(True, 'le')", lambda p: t.utf32(True, "le")),
        ("utf32be_bom", "textgen.utf32(True, 'be')", lambda p: t.utf32(True, "be")),
        ("cp1252", "textgen.cp1252()", lambda p: t.cp1252()),
        ("nul_at_start", "textgen.nul_bytes('start')", lambda p: t.nul_bytes("start")),
        ("nul_after_4k", "textgen.nul_bytes('after_4k')", lambda p: t.nul_bytes("after_4k")),
        ("nul_sprinkled", "textgen.nul_bytes('sprinkled')", lambda p: t.nul_bytes("sprinkled")),
    ]
    for cid, rep, fn in dec:
        add(Case("decoding", cid, rep, fn, ".txt", (*both, ("text",)), check=_mojibake, quick=True))
    # 13. geometry
    add(Case("geometry", "mediabox_1e9_wide", "pdfgen.wide_mediabox(1e9)", lambda p: g.wide_mediabox(1e9)))
    add(
        Case(
            "geometry",
            "mediabox_1e5_wide",
            "pdfgen.wide_mediabox(1e5)",
            lambda p: g.wide_mediabox(1e5),
            quick=True,
        )
    )
    add(
        Case(
            "geometry",
            "glyphs_16000_with_2_marks",
            "pdfgen.glyphs_with_marks(16_000, 2)",
            lambda p: g.glyphs_with_marks(16_000, 2),
        )
    )
    add(
        Case(
            "geometry",
            "glyphs_2000_with_2_marks",
            "pdfgen.glyphs_with_marks(2_000, 2)",
            lambda p: g.glyphs_with_marks(2_000, 2),
            quick=True,
        )
    )
    return out


def run_case(case: Case, home: Path, skip: set[tuple[str, str]]) -> list[dict[str, Any]]:
    folder = Path(tempfile.mkdtemp(prefix="in-", dir=OPTS.work))
    path = folder / (case.id + case.suffix)
    t0 = time.perf_counter()
    made = case.make(path)
    if isinstance(made, bytes | bytearray):
        path.write_bytes(made)
    gen_s = time.perf_counter() - t0
    size = path.stat().st_size
    results = []
    try:
        for cmd in case.cmds:
            base = {"class": case.cls, "case": case.id, "reproducer": case.reproducer, "command": " ".join(cmd),
                    "input_bytes": size, "gen_seconds": round(gen_s, 2)}  # fmt: skip
            if case.series and (case.series[0], cmd[0]) in skip:
                results.append({**base, "skipped": "a smaller size of this series already hit a limit"})
                continue
            argv = [*cmd, str(path)]
            env = base_env(home)
            res, stdout = measure(argv, env)
            if case.check:
                with contextlib.suppress(Exception):
                    res["note"] = case.check(res, stdout)
            if case.series:
                res["series"] = case.series[0]
                res["size"] = case.series[1]
                if res["hung"] or res["killed_mem"]:
                    skip.add((case.series[0], cmd[0]))
            results.append({**base, **res})
            shutil.rmtree(stdout.parent, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


# ------------------------------------------------------------------------------------ scenarios


def _dev_pdfs(limit: int, small: bool = True) -> list[Path]:
    files = sorted((DEV / "rendered").glob("*/*.pdf")) if DEV.is_dir() else []
    if small:
        files = [f for f in files if f.stat().st_size < 120 * KB]
    if not files:
        files = [ROOT / "samples" / "S_PV.8700_E.pdf"]
    return files[:limit]


def _copies(folder: Path, n: int, big: bool = False) -> list[Path]:
    """n distinct PDFs in folder (dev PDFs, else variants of the bundled sample)."""
    folder.mkdir(parents=True, exist_ok=True)
    src = _dev_pdfs(n) if not big else [ROOT / "samples" / "S_PV.8700_E.pdf"]
    out = []
    for k in range(n):
        p = folder / f"doc{k:03d}.pdf"
        data = src[k % len(src)].read_bytes()
        p.write_bytes(data + b"\n%% copy %d\n" % k if k >= len(src) else data)
        out.append(p)
    return out


def _hang_pdf(folder: Path) -> Path:
    """A document that keeps a worker busy for many seconds: 2,900 pages, under the page bound (the fan-out
    form of 2^25 draws used before is now refused at once)."""
    p = folder / "000-hang.pdf"
    p.write_bytes(pdfgen.many_pages(2_900))
    return p


def _row(
    cls: str, case: str, reproducer: str, command: str, res: dict[str, Any], **note: Any
) -> dict[str, Any]:
    return {
        "class": cls,
        "case": case,
        "reproducer": reproducer,
        "command": command,
        **res,
        **({"note": note} if note else {}),
    }


def _tmpfiles(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(
        f"{p.name} ({p.stat().st_size} B)" for p in folder.rglob("*")
        if p.is_file() and (p.name.endswith((".tmp", ".tmp-journal", ".part")) or "-journal" in p.name)
    )  # fmt: skip


def sc_injection(home: Path) -> list[dict[str, Any]]:
    """6. Symbols and paths with a newline, an escape sequence, and a 10,000-character symbol."""
    rows = []
    env = base_env(home)
    folder = Path(tempfile.mkdtemp(prefix="inj-", dir=OPTS.work))
    nl_path = folder / "bad\nerror: injected second line.pdf"
    nl_path.write_bytes(b"%PDF-1.4\ngarbage\n%%EOF\n")
    long_path = folder / ("d" * 200) / ("x" * 200)
    long_path.mkdir(parents=True)
    deep = long_path / ("y" * 250 + ".txt")
    deep.write_text("The Security Council,\n1. Decides to remain seized of the matter.\n")
    items = [
        ("symbol_with_newline", "textgen.NEWLINE_SYMBOL", ["votes", textgen.NEWLINE_SYMBOL]),
        (
            "path_with_newline",
            "a damaged PDF named 'bad\\nerror: injected second line.pdf'",
            ["inspect", "--json", str(nl_path)],
        ),
        ("symbol_10000_chars", "textgen.long_symbol(10_000)", ["votes", textgen.long_symbol(10_000)]),
        ("symbol_with_escapes", "textgen.ESCAPE_SYMBOL", ["votes", textgen.ESCAPE_SYMBOL]),
        (
            "path_300_chars_component",
            "a 300-char file name",
            ["inspect", "--json", str(folder / ("z" * 300 + ".pdf"))],
        ),
    ]
    for cid, rep, argv in items:
        res, out = measure(argv, env)
        err = _head(out.parent / "stderr", MB)
        rows.append(_row("injection", cid, rep, " ".join(a[:40] for a in argv), res, escape_bytes_in_stderr=err.count(b"\x1b"),
                         injected_line_on_stderr=any(ln.startswith(b"error: injected") for ln in err.splitlines())))  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def sc_batch(home: Path) -> list[dict[str, Any]]:
    """7. Batch edges: --out an existing folder, too-long paths, kill -9 of a running batch (orphan
    workers, .tmp / -journal leftovers), a killed cache write."""
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="batch-", dir=OPTS.work))
    docs = _copies(folder / "docs", 6)
    env = base_env(home)
    outdir = folder / "existing_folder"
    outdir.mkdir()
    for fmt in ("ndjson", "sqlite"):
        before = set(_tmpfiles(folder))
        res, _ = measure(
            ["batch", *map(str, docs), "--format", fmt, "--out", str(outdir), "--workers", "2"], env
        )
        rows.append(_row("batch", f"out_is_existing_folder_{fmt}", "batch DOCS --out existing_folder/", f"batch --format {fmt} --out DIR", res,
                         leftovers=sorted(set(_tmpfiles(folder)) - before)))  # fmt: skip
    long_out = folder / ("o" * 300 + ".ndjson")
    res, _ = measure(["batch", str(docs[0]), "--format", "ndjson", "--out", str(long_out)], env)
    rows.append(_row("batch", "out_name_300_chars", "batch DOC --out o*300.ndjson", "batch --out LONG", res))
    long_in = str(folder / ("i" * 300 + ".pdf"))
    res, out = measure(["batch", long_in, str(docs[0]), "--format", "ndjson"], env)
    rows.append(
        _row(
            "batch",
            "input_name_300_chars",
            "batch i*300.pdf DOC",
            "batch LONG DOC",
            res,
            records=_count_lines(out),
        )
    )

    # kill -9 of the batch leader: orphaned workers, temporary files left
    many = _copies(folder / "many", 40)
    for leftover in folder.glob(".existing_folder*"):
        leftover.unlink()
    for fmt in ("sqlite", "ndjson"):
        out_file = folder / f"killed.{'db' if fmt == 'sqlite' else 'ndjson'}"
        run = start(
            [
                "batch",
                *map(str, many),
                "--format",
                fmt,
                "--out",
                str(out_file),
                "--workers",
                "2",
                "--no-cache",
            ],
            env,
        )
        _wait_for(run, lambda r: len(_tree(r.pid)) >= 3 and r.elapsed() > 2.5, 30)
        workers = [p.pid for p in _tree(run.pid)[1:]]
        run.kill(group=False)
        time.sleep(5)
        alive = [
            pid
            for pid in workers
            if psutil and psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        ]
        left = _tmpfiles(folder)
        res = run.finish(5)
        rows.append(_row("batch", f"kill9_leader_{fmt}", "batch 40 PDFs --workers 2; kill -9 the leader after 2.5 s",
                         f"batch --format {fmt}", res, workers=len(workers), orphan_workers_after_5s=len(alive), leftovers=left))  # fmt: skip
        for f in folder.glob(".killed*"):
            f.unlink()
    # a cache write killed mid-way
    big = folder / "big.pdf"
    body = pdfgen.text_ops(
        [f"{k}. Decides that paragraph {k} of resolution 2999 (2020) shall apply " * 2 for k in range(50)],
        size=4,
        leading=5,
    )
    pdf = pdfgen.PDF()
    font = pdf.add(pdfgen.helvetica())
    pages_ref = pdfgen.Ref(pdf.reserve())
    kids = [pdf.add({"Type": pdfgen.N("Page"), "Parent": pages_ref, "MediaBox": [0, 0, 612, 792],
                     "Resources": {"Font": {"F1": font}}, "Contents": pdf.stream(body + b"%% %d\n" % k, flate=True)})
            for k in range(200)]  # fmt: skip
    pdf.set(pages_ref, {"Type": pdfgen.N("Pages"), "Kids": kids, "Count": len(kids)})
    big.write_bytes(pdf.tobytes(pdf.add({"Type": pdfgen.N("Catalog"), "Pages": pages_ref})))
    chome = folder / "cache-home"
    cdir = chome / "cache"
    run = start(["inspect", "--json", str(big)], base_env(chome), runner="exec")
    saw = _wait_for(
        run,
        lambda r: cdir.is_dir() and any(p.suffix == ".tmp" for p in cdir.iterdir()),
        OPTS.timeout,
        step=0.0005,
    )
    run.kill()
    res = run.finish(5)
    rows.append(_row("batch", "kill9_during_cache_write", "inspect a 200-page PDF; kill -9 when a cache .tmp appears",
                     "inspect --json", res, tmp_seen=saw, leftovers=_tmpfiles(cdir)))  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def _wait_for(run: Run, cond: Callable[[Run], bool], limit: float, step: float = 0.02) -> bool:
    while run.elapsed() < limit:
        if run.poll():
            return False
        with contextlib.suppress(OSError):
            if cond(run):
                return True
        time.sleep(step)
    return False


def sc_output(home: Path) -> list[dict[str, Any]]:
    """8. Output destroyed: an existing --out truncated at start, one worker killed, one hanging document
    holding back every later record."""
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="out-", dir=OPTS.work))
    docs = _copies(folder / "docs", 10)
    hang = _hang_pdf(folder / "docs")
    env = base_env(home)
    precious = b'{"precious": "the results of last week"}\n' * 1000
    for fmt, ext in (("ndjson", "ndjson"), ("csv", "csv"), ("sqlite", "db")):
        target = folder / f"existing.{ext}"
        target.write_bytes(precious)
        run = start(
            ["batch", str(hang), *map(str, docs), "--format", fmt, "--out", str(target), "--workers", "2"],
            env,
        )
        _wait_for(run, lambda r: False, 3)
        during = target.stat().st_size
        run.kill()
        res = run.finish(5)
        after = target.read_bytes()
        rows.append(_row("output", f"existing_out_{fmt}_truncated", "batch HANG DOCS --out existing; killed after 3 s",
                         f"batch --format {fmt}", res, size_before=len(precious), size_after_3s=during,
                         old_content_survives=after == precious))  # fmt: skip
    # one worker killed with SIGKILL (what the OOM killer does)
    out_file = folder / "worker-killed.ndjson"
    many = _copies(folder / "many", 30)
    run = start(
        [
            "batch",
            *map(str, many),
            "--format",
            "ndjson",
            "--out",
            str(out_file),
            "--workers",
            "2",
            "--no-cache",
        ],
        env,
    )
    _wait_for(run, lambda r: len(_tree(r.pid)) >= 3 and r.elapsed() > 2, 30)
    victims = [p.pid for p in _tree(run.pid)[1:]]
    if victims:
        os.kill(victims[-1], signal.SIGKILL)
    res = run.finish()
    rows.append(_row("output", "one_worker_kill9", "batch 30 PDFs --workers 2; kill -9 one worker after 2 s",
                     "batch --format ndjson", res, inputs=len(many), records_written=_count_lines(out_file) if out_file.exists() else 0))  # fmt: skip
    # a hanging document first: later records held back
    out_file = folder / "held.ndjson"
    run = start(
        ["batch", str(hang), *map(str, docs), "--format", "ndjson", "--out", str(out_file), "--workers", "2",
         "--timeout", "5"],
        env,
    )  # fmt: skip
    _wait_for(run, lambda r: False, 20)
    written = _count_lines(out_file) if out_file.exists() else 0
    run.kill()
    res = run.finish(5)
    rows.append(_row("output", "hanging_doc_holds_back_records", "batch HANG + 10 PDFs --workers 2; records after 20 s",
                     "batch --format ndjson", res, later_docs=len(docs), records_after_20s=written))  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def sc_decoding_stdin(home: Path) -> list[dict[str, Any]]:
    """12. `-` among batch inputs (stdin read in a pool worker vs in-process), and UTF-16 on stdin."""
    rows = []
    env = base_env(home)
    good = ROOT / "samples" / "S_2020_249.en.txt"
    text = good.read_bytes()
    for workers in ("1", "2"):
        res, out = measure(
            ["batch", "-", str(good), "--format", "ndjson", "--workers", workers], env, stdin=text
        )
        recs = [json.loads(x) for x in out.read_text().splitlines() if x.strip()]
        first = recs[0] if recs else {}
        rows.append(_row("decoding", f"dash_in_batch_workers_{workers}", "batch - samples/S_2020_249.en.txt < the same text",
                         f"batch - FILE --workers {workers}", res, dash_record_error=first.get("error"),
                         dash_record_pages=(first.get("source") or {}).get("pages")))  # fmt: skip
    res, out = measure(["votes", "--json", "-"], env, stdin=textgen.utf16(True, "le"))
    rows.append(_row("decoding", "utf16_on_stdin", "textgen.utf16() on stdin", "votes --json -", res))
    return rows


def sc_library(home: Path) -> list[dict[str, Any]]:
    """11. Library and cache: unreadable folder in RESINSPECT_LIBRARY, symlink loop named like a
    document, 100 symbols over a 10,000-file folder, cache entries of the wrong shape, a cache entry that
    is a link to /dev/zero (and a FIFO)."""
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="lib-", dir=OPTS.work))
    os.chmod(folder, 0o755)
    # unreadable folder: root reads everything, so the run drops the capabilities that let it
    # (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from its bounding set and stays uid 0
    locked = folder / "locked"
    locked.mkdir()
    shutil.copy(ROOT / "samples" / "S_2020_249.en.txt", locked / "S_2021_1.en.txt")
    os.chmod(locked, 0)
    drop = (
        ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
        if os.geteuid() == 0 and shutil.which("setpriv")
        else []
    )
    env = base_env(home, RESINSPECT_LIBRARY=str(locked))
    for sym in ("S/2020/249", "S/2021/1"):
        res, _ = measure(["votes", sym], env, prefix=drop, runner="exec")
        rows.append(_row("library", f"unreadable_folder_in_library_path_{sym.replace('/', '_')}",
                         f"RESINSPECT_LIBRARY=<mode 000 folder>; votes {sym} ({'a bundled sample' if sym.startswith('S/2020') else 'held only in that folder'})",
                         f"votes {sym}", res, ran_without_dac_override=bool(drop)))  # fmt: skip
    # a symlink loop named like a document, before the bundled sample
    loop = folder / "loop"
    loop.mkdir()
    (loop / "S_2020_249.en.txt").symlink_to("S_2020_249.en.txt")
    env = base_env(home, RESINSPECT_LIBRARY=str(loop))
    res, _ = measure(["votes", "S/2020/249"], env)
    rows.append(
        _row(
            "library",
            "symlink_loop_named_like_document",
            "RESINSPECT_LIBRARY=<folder with S_2020_249.en.txt -> itself>",
            "votes S/2020/249",
            res,
        )
    )
    res, out = measure(["batch", str(loop), "--format", "ndjson"], env)
    rows.append(
        _row(
            "library",
            "symlink_loop_in_batch_folder",
            "batch <folder with a self-link>",
            "batch DIR",
            res,
            records=_count_lines(out),
        )
    )
    # 100 symbols over a 10,000-file library folder
    big = folder / "big"
    big.mkdir()
    small = b"The Security Council,\n1. Decides to remain seized of the matter.\n"
    for k in range(1, 10_001):
        (big / f"S_2019_{k}.en.txt").write_bytes(small)
    for n in (1, 10, 100):
        syms = [
            f"S/2019/{k}" for k in range(10_000 - n, 10_000)
        ]  # files S_2019_1 … S_2019_10000; symbols end at 9999
        res, _ = measure(["paragraphs", "--format", "csv", "--library", str(big), *syms], base_env(home))
        rows.append(_row("library", f"{n}_symbols_over_10000_files", f"paragraphs {n} symbols --library <10,000 files>", "paragraphs SYMS", res,
                         seconds_per_symbol=round(res["seconds"] / n, 3)))  # fmt: skip
    # cache entries of the wrong shape
    pdf = folder / "doc.pdf"
    shutil.copy(ROOT / "samples" / "S_PV.8700_E.pdf", pdf)
    chome = folder / "cache-home"
    res, _ = measure(["inspect", "--json", str(pdf)], base_env(chome))
    import hashlib

    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    entry = chome / "cache" / f"{sha}.json"
    good = json.loads(entry.read_text(encoding="utf-8")) if entry.exists() else None
    rows.append(_row("library", "cache_entry_written", "inspect a PDF once", "inspect --json", res, entry_keys=sorted(good) if good else None,
                     document_keys=sorted(good.get("document") or {}) if good else None))  # fmt: skip
    if good:
        doc = good.get("document") or {}

        def variant(**changes: Any) -> dict[str, Any]:
            d = json.loads(json.dumps(good))
            for k, v in changes.items():
                if k == "pages":
                    d["pages"] = v
                elif k == "_whole":
                    return v
                else:
                    d["document"][k] = v
            return d

        shapes = {
            "text_is_int": variant(text=123),
            "text_is_list": variant(text=["a", "b"]),
            "text_empty": variant(text=""),
            "page_starts_strings": variant(page_starts=["x", "y"]),
            "page_starts_empty": variant(page_starts=[]),
            "page_starts_huge": variant(page_starts=[10**12]),
            "languages_string": variant(languages="en"),
            "languages_ints": variant(languages=[1, 2]),
            "issues_message_null": variant(issues=[{"code": 1, "message": None, "pages": []}]),
            "issues_pages_int": variant(issues=[{"code": "x", "message": "m", "pages": 5}]),
            "source_pages_string": variant(source_pages="many"),
            "document_missing_keys": variant(_whole={**good, "document": {"engine": doc.get("engine")}}),
            "pages_empty_no_document": variant(
                _whole={k: v for k, v in good.items() if k != "document"} | {"pages": []}
            ),
            "whole_file_a_list": [1, 2, 3],
        }
        for name, shape in shapes.items():
            entry.write_text(json.dumps(shape), encoding="utf-8")
            res, out = measure(["inspect", "--json", str(pdf)], base_env(chome))
            rows.append(_row("library", f"cache_wrong_shape_{name}", f"$RESINSPECT_HOME/cache/<sha>.json = {name}", "inspect --json", res,
                             **_votes_found(res, out)))  # fmt: skip
        for kind in ("dev_zero", "fifo"):
            entry.unlink(missing_ok=True)
            if kind == "dev_zero":
                entry.symlink_to("/dev/zero")
            else:
                os.mkfifo(entry)
            res, _ = measure(["inspect", "--json", str(pdf)], base_env(chome), timeout=min(OPTS.timeout, 30))
            rows.append(_row("library", f"cache_entry_{kind}", f"$RESINSPECT_HOME/cache/<sha>.json -> {'/dev/zero' if kind == 'dev_zero' else 'a FIFO'}",
                             "inspect --json", res))  # fmt: skip
        entry.unlink(missing_ok=True)
    os.chmod(locked, 0o755)
    shutil.rmtree(folder, ignore_errors=True)
    return rows


# ------------------------------------------------------------------------------- misbehaving server


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fuzz"
    stop = threading.Event()
    pdf = b""

    def log_message(self, *a: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        mode = self.path.strip("/").split("/", 1)[0]
        try:
            getattr(self, "mode_" + mode.replace("-", "_"), self.mode_notfound)()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()

    def mode_notfound(self) -> None:
        self._head(404, {"Content-Length": "0"})

    def mode_ok(self) -> None:
        self._head(200, {"Content-Type": "application/pdf", "Content-Length": str(len(self.pdf))})
        self.wfile.write(self.pdf)

    def mode_reset(self) -> None:
        self._head(200, {"Content-Type": "application/pdf", "Content-Length": str(1 << 20)})
        self.wfile.write(self.pdf[:4096])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        os.close(self.connection.detach())  # linger 0: the kernel answers with a TCP RST
        self.close_connection = True

    def mode_drip(self) -> None:
        self._head(200, {"Content-Type": "application/pdf", "Content-Length": str(2 * GB)})
        self.wfile.write(b"%PDF-1.7\n")
        self.wfile.flush()
        while not self.stop.is_set():
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.5)

    def mode_silent(self) -> None:
        while not self.stop.is_set():
            time.sleep(0.2)

    def mode_redirect(self) -> None:
        self._head(302, {"Location": self.path, "Content-Length": "0"})

    def mode_badgzip(self) -> None:
        body = b"%PDF-1.7 this is not gzip data at all" * 10
        self._head(
            200,
            {"Content-Type": "application/pdf", "Content-Encoding": "gzip", "Content-Length": str(len(body))},
        )
        self.wfile.write(body)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def bad_server():
    _Handler.stop.clear()
    _Handler.pdf = pdfgen.base_pdf()
    srv = _Server(("127.0.0.1", 0), _Handler)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    try:
        yield srv.server_address[1]
    finally:
        _Handler.stop.set()
        srv.shutdown()
        srv.server_close()


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sc_fetch(home: Path) -> list[dict[str, Any]]:
    """4 and 10. `resinspect fetch` against a misbehaving server on 127.0.0.1."""
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="fetch-", dir=OPTS.work))
    with bad_server() as port:
        base = f"http://127.0.0.1:{port}"
        modes = [
            ("reset_mid_body", f"{base}/reset", "Content-Length 1 MB, 4 KB sent, then TCP RST"),
            ("drip_2GB", f"{base}/drip", "Content-Length 2 GB, one byte every 0.5 s"),
            ("silent_server", f"{base}/silent", "accepts, never answers"),
            ("refused", f"http://127.0.0.1:{_free_port()}", "nothing listening"),
            ("redirect_loop", f"{base}/redirect", "302 to itself"),
            ("broken_content_encoding", f"{base}/badgzip", "Content-Encoding: gzip, body not gzip"),
            ("ok_control", f"{base}/ok", "a valid PDF"),
        ]
        for cid, url, what in modes:
            lib = folder / cid
            res, _ = measure(
                ["fetch", "S/2020/249", "--docs-url", url, "--library", str(lib)],
                base_env(home),
                runner="exec",
            )
            rows.append(_row("fetch", cid, f"bad_server mode: {what}", "fetch S/2020/249 --docs-url URL", res,
                             library=sorted(p.name for p in lib.iterdir()) if lib.exists() else []))  # fmt: skip
        # SIGTERM during a download
        lib = folder / "sigterm"
        run = start(
            ["fetch", "S/2020/249", "--docs-url", f"{base}/drip", "--library", str(lib)],
            base_env(home),
            runner="exec",
        )
        _wait_for(run, lambda r: lib.exists() and any(p.suffix == ".part" for p in lib.iterdir()), 20)
        run.kill(signal.SIGTERM, group=False)
        res = run.finish(10)
        rows.append(_row("fetch", "sigterm_during_download", "fetch from drip; SIGTERM once a .part exists", "fetch", res,
                         leftovers=_tmpfiles(lib)))  # fmt: skip
        # odd symbols
        for k, sym in enumerate(textgen.FETCH_SYMBOLS):
            lib = folder / "symbols" / f"lib{k}"
            before = {p for p in folder.rglob("*") if p.is_file()}
            res, _ = measure(
                ["fetch", sym, "--docs-url", f"{base}/ok", "--library", str(lib)],
                base_env(home),
                runner="exec",
            )
            new_files = sorted(
                str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p not in before
            )
            rows.append(_row("fetch", f"symbol_{sym!r}"[:40], f"fetch {sym!r}", "fetch SYM --docs-url ok", res,
                             files_created=new_files, outside_library=[f for f in new_files if not f.startswith(f"symbols/lib{k}/")]))  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
    return rows


SCENARIOS: dict[str, list[Callable[[Path], list[dict[str, Any]]]]] = {
    "injection": [sc_injection],
    "batch": [sc_batch],
    "output": [sc_output],
    "decoding": [sc_decoding_stdin],
    "library": [sc_library],
    "fetch": [sc_fetch],
}
CLASSES = [
    "hangs",
    "memory",
    "quadratic",
    "fetch",
    "logs",
    "injection",
    "batch",
    "output",
    "invented",
    "library",
    "decoding",
    "geometry",
]


# --------------------------------------------------------------------------------- random mutations


def _mutation_seeds(quick: bool) -> list[Path]:
    seeds: list[Path] = []
    if DEV.is_dir():
        pdfs = sorted((DEV / "rendered").glob("*/*.pdf"))
        pdfs = [p for p in pdfs if p.stat().st_size < (50 * KB if quick else 400 * KB)]
        texts = (
            sorted((DEV / "letters").glob("*.en.txt"))
            + sorted((DEV / "felixhaass").glob("*.txt"))[:: (40 if quick else 3)]
        )
        if not quick:  # the big meeting records and the (slow) garbled Arabic letters: long mode only
            pdfs += sorted((DEV / "spv").glob("*.pdf"))
            texts += sorted((DEV / "garbled-ar").glob("*.txt")) + sorted((DEV / "letters").glob("*.ar.txt"))
        seeds += pdfs + texts
    seeds += [ROOT / "samples" / "S_2020_249.en.txt"]
    if not quick:
        seeds += [ROOT / "samples" / "S_2020_249-AR.txt"] + sorted(
            (ROOT / "tests" / "data" / "rendered").glob("*.pdf")
        )
    return seeds


_TEXT_SNIPPETS = ["In favour:", "Against:", "Abstaining:", "The Security Council,", "1. Decides", "\f", "\u202e", "\ufeff",
                  "\x00", "(a) ", "Annex", "S/RES/2518 (2020)", "resolution 99999 (2020)", "\u0301" * 50, "؛", "،", "\r", "\t" * 40]  # fmt: skip


def mutate_text(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    op = rng.choice(["insert", "dup_lines", "shuffle", "digits", "bytes", "truncate", "crlf", "join"])
    lines = text.split("\n")
    if op == "insert":
        k = rng.randrange(len(text) + 1)
        s = rng.choice(_TEXT_SNIPPETS) * rng.choice([1, 1, 5, 200])
        text = text[:k] + s + text[k:]
    elif op == "dup_lines":
        a = rng.randrange(len(lines))
        block = lines[a : a + rng.randrange(1, 12)]
        lines[a:a] = block * rng.randrange(2, 300)
        text = "\n".join(lines)
    elif op == "shuffle":
        rng.shuffle(lines)
        text = "\n".join(lines)
    elif op == "digits":
        text = re.sub(r"\d+", lambda m: rng.choice([m[0], "0", "99999", "1" * 30, "٣"]), text)
    elif op == "bytes":
        b = bytearray(text.encode("utf-8"))
        for _ in range(rng.randrange(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b), op
    elif op == "truncate":
        text = text[: rng.randrange(len(text) + 1)]
    elif op == "crlf":
        text = text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\u2028"]))
    else:
        text = " ".join(lines)
    return text.encode("utf-8"), op


def run_mutations(n: int, seed: int, home: Path, quick: bool, budget: float | None) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    seeds = _mutation_seeds(quick)
    base = pdfgen.base_pdf()
    folder = Path(tempfile.mkdtemp(prefix="mut-", dir=OPTS.work))
    rows = []
    t0 = time.perf_counter()
    for k in range(n):
        if budget and time.perf_counter() - t0 > budget:
            break
        src = rng.choice(seeds) if rng.random() > 0.1 else None
        data = src.read_bytes() if src else base
        is_pdf = data[:5] == b"%PDF-"
        desc = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            data, d = pdfgen.mutate_pdf(data, rng) if is_pdf else mutate_text(data, rng)
            desc.append(d)
        path = folder / f"m{k:05d}{'.pdf' if is_pdf else '.txt'}"
        path.write_bytes(data)
        argv = ["inspect", "--json", str(path)]
        res, out = measure(argv, base_env(home))
        keep = (
            res["hung"]
            or res["killed_mem"]
            or res["traceback"]
            or res["internal"]
            or res["leak_lines"]
            or res["exit"] not in (0, 1, 2)
        )
        row = {"class": "mutations", "case": f"m{k:05d}", "reproducer": f"seed={seed} #{k}: {src.name if src else 'pdfgen.base_pdf()'}: {'; '.join(desc)}"[:300],
               "command": "inspect --json", "input_bytes": len(data), **res}  # fmt: skip
        if keep and OPTS.work:
            kept = OPTS.work / "kept"
            kept.mkdir(exist_ok=True)
            shutil.copy(path, kept / path.name)
            row["kept"] = str(kept / path.name)
        rows.append(row)
        path.unlink()
        shutil.rmtree(out.parent, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    return rows


# ------------------------------------------------------------------------------------------ report


def summarise(rows: list[dict[str, Any]], wall: float) -> dict[str, Any]:
    ran = [r for r in rows if "exit" in r]
    codes = Counter(str(r["exit"]) for r in ran)
    series: dict[str, list[dict[str, Any]]] = {}
    for r in ran:
        if r.get("series") and not r["hung"] and not r["killed_mem"]:
            series.setdefault(f"{r['series']} [{r['command']}]", []).append(r)
    base = min((r["seconds"] for r in ran if r["exit"] in (0, 1, 2)), default=0.0)
    growth = {}
    for key, rs in series.items():
        rs.sort(key=lambda r: r["size"])
        exps = []
        for a, b in zip(rs, rs[1:], strict=False):
            ta, tb = max(a["seconds"] - base, 0.02), max(b["seconds"] - base, 0.02)
            if tb > 0.3:
                exps.append(round(math.log(tb / ta) / math.log(b["size"] / a["size"]), 2))
        growth[key] = {"sizes": [r["size"] for r in rs], "seconds": [r["seconds"] for r in rs],
                       "rss_mb": [r["peak_rss_mb"] for r in rs], "exponents": exps}  # fmt: skip
    return {
        "inputs_tried": len(ran),
        "skipped": len(rows) - len(ran),
        "wall_seconds": round(wall, 1),
        "tracebacks": sum(r["traceback"] for r in ran),
        "internal_errors": sum(bool(r.get("internal")) for r in ran),
        "hangs": sum(r["hung"] for r in ran),
        "memory_kills": sum(r["killed_mem"] for r in ran),
        "leaking_runs": sum(bool(r["leak_lines"]) for r in ran),
        "multi_error_runs": sum(r["multi_error"] for r in ran),
        "max_rss_mb": max((r["peak_rss_mb"] for r in ran), default=0),
        "max_seconds": max((r["seconds"] for r in ran), default=0),
        "exit_codes": dict(sorted(codes.items())),
        "culprits": Counter(r["culprit"].split(" [")[0] for r in ran if r.get("culprit")).most_common(12),
        "growth": growth,
    }


def _line(r: dict[str, Any]) -> str:
    if "exit" not in r:
        return f"{r['class']:<10} {r['case'][:38]:<38} {r['command'][:16]:<16} skipped"
    flags = "".join(
        c for c, on in (("H", r["hung"]), ("M", r["killed_mem"]), ("T", r["traceback"]), ("I", r.get("internal")),
                        ("L", r["leak_lines"]), ("E", r["multi_error"])) if on
    )  # fmt: skip
    extra = r.get("culprit") or ""
    if r.get("note"):
        extra = json.dumps(r["note"], ensure_ascii=True)[:150] + (" " + extra if extra else "")
    cmd = r["command"].replace("\n", "⏎")
    return (f"{r['class']:<10} {r['case'][:38]:<38} {cmd[:16]:<16} exit={str(r['exit']):>4} {r['seconds']:7.2f}s "
            f"{r['peak_rss_mb']:7.0f}MB err={r['stderr_lines']:<4} {flags:<4} {extra[:200]}")  # fmt: skip


def markdown_table(report_path: str) -> int:
    """Print a report's results as a markdown table (one row per run)."""
    rep = json.loads(Path(report_path).read_text(encoding="utf-8"))
    print("| class | case | command | exit | s | peak MB | stderr lines | tb | what happens |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rep["results"]:
        if "exit" not in r or r["class"] == "mutations":
            continue
        what = []
        if r["hung"]:
            what.append(f"**killed at the {rep['meta']['timeout']:g} s timeout**")
        if r["killed_mem"]:
            what.append(f"**killed at {rep['meta']['mem_limit_mb']} MB**")
        if r.get("internal"):
            what.append("unexpected exception")
        if r["multi_error"]:
            what.append(f"{r['error_lines']} `error:` lines")
        if r["leak_lines"]:
            what.append(f"{r['leak_lines']} pdfminer log lines: `{(r.get('leak_sample') or [''])[0][:70]}`")
        if r.get("note"):
            what.append(json.dumps(r["note"], ensure_ascii=False)[:160].replace("|", "\\|"))
        elif r.get("first_error") and not r["hung"]:
            what.append("`" + re.sub(r"/tmp/\S+/", "…/", r["first_error"])[:110].replace("|", "\\|") + "`")
        if r.get("culprit"):
            what.append(f"← `{r['culprit'][:140]}`")
        cmd = r["command"].replace("\n", "⏎").replace("|", "\\|")[:30]
        print(f"| {r['class']} | {r['case']} | {cmd} | {r['exit']} | {r['seconds']:.1f} | {r['peak_rss_mb']:.0f} | "
              f"{r['stderr_lines']} | {'yes' if r['traceback'] else 'no'} | {'; '.join(what)} |")  # fmt: skip
    return 0


def profile_case(case_id: str, seconds: float) -> int:
    """Run one constructed case under `py-spy record` for at most `seconds` and print where the time
    goes: functions by own samples, and resinspect functions by inclusive samples."""
    exe = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    found = [c for c in cases() if c.id == case_id]
    if not found or not Path(exe).exists():
        print(
            f"no case {case_id!r}" if not found else "py-spy is not installed (pip install py-spy)",
            file=sys.stderr,
        )
        return 2
    case = found[0]
    work = Path(tempfile.mkdtemp(prefix="resinspect-profile-"))
    try:
        path = work / (case.id + case.suffix)
        made = case.make(path)
        if isinstance(made, bytes | bytearray):
            path.write_bytes(made)
        raw = work / "stacks.txt"
        cmd = [exe, "record", "--format", "raw", "--rate", "50", "-o", str(raw), "--duration", str(int(seconds)), "--",
               RESINSPECT, *case.cmds[0], str(path)]  # fmt: skip
        subprocess.run(
            cmd,
            env=base_env(work / "home"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=seconds + 60,
        )
        own: Counter[str] = Counter()
        incl: Counter[str] = Counter()
        total = 0
        for line in raw.read_text(errors="replace").splitlines():
            stack, _, n = line.rpartition(" ")
            if not n.isdigit():
                continue
            frames = [f.strip() for f in stack.split(";") if f.strip()]
            total += int(n)
            if frames:
                own[frames[-1]] += int(n)
            for f in set(frames):
                if "core/" in f or "cli/" in f:
                    incl[f] += int(n)
        print(f"{case.id}: {total} samples")
        print("own time:")
        for f, n in own.most_common(8):
            print(f"  {100 * n / max(total, 1):5.1f}%  {f}")
        print("resinspect functions, inclusive:")
        for f, n in incl.most_common(12):
            print(f"  {100 * n / max(total, 1):5.1f}%  {f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--classes", default="", help="comma-separated classes, or all: " + ",".join(CLASSES))
    ap.add_argument("--cases", default="", help="only cases whose id contains one of these (comma-separated)")
    ap.add_argument("--timeout", type=float, default=60.0, help="wall-clock seconds per run (default 60)")
    ap.add_argument(
        "--mem-limit", type=int, default=2048, help="peak RSS of a run's process tree, MB (default 2048)"
    )
    ap.add_argument("--mutations", type=int, default=0, help="N random mutations of the dev PDFs and texts")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="small reproducers + 200 mutations of small seeds, 8 s timeout (the CI run is tests/fuzz/ci.py)",
    )
    ap.add_argument("--long", action="store_true", help="10,000 mutations (use --budget to stop early)")
    ap.add_argument("--budget", type=float, default=None, help="stop the mutations after this many seconds")
    ap.add_argument(
        "--runner", choices=("exec", "fork"), default=None, help="exec the CLI, or fork a warmed one"
    )
    ap.add_argument("--no-spy", action="store_true", help="do not py-spy dump runs killed at a limit")
    ap.add_argument("--out", default=None, help="write the JSON report here")
    ap.add_argument(
        "--keep",
        default=None,
        help="folder for run files and inputs worth keeping (default: a temp folder, removed)",
    )
    ap.add_argument("--list", action="store_true", help="list classes and reproducers")
    ap.add_argument(
        "--fail-on",
        default="",
        help="exit 1 when any of these summary counts is non-zero "
        "(e.g. hangs,memory_kills,internal_errors,leaking_runs); default: always exit 0",
    )
    ap.add_argument("--table", default=None, metavar="REPORT", help="print a report as a markdown table")
    ap.add_argument(
        "--profile", default=None, metavar="CASE", help="py-spy profile of one case (its first command)"
    )
    a = ap.parse_args()

    if a.profile:
        return profile_case(a.profile, a.timeout)
    if a.table:
        return markdown_table(a.table)

    if a.list:
        for c in cases():
            print(f"{c.cls:<10} {c.id:<40} {c.reproducer}")
        for cls, fns in SCENARIOS.items():
            for fn in fns:
                print(f"{cls:<10} {fn.__name__:<40} {fn.__doc__.splitlines()[0]}")
        return 0
    if not Path(RESINSPECT).exists():
        print(f"no resinspect at {RESINSPECT}: run with the project's virtualenv Python", file=sys.stderr)
        return 2
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="resinspect-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    OPTS.work = work
    # 8 s: a garbled-Arabic text that decodes now goes through the whole Arabic vote model (~4 s)
    OPTS.timeout = 8.0 if a.quick and a.timeout == 60.0 else a.timeout
    OPTS.mem_limit_mb = a.mem_limit
    OPTS.spy = not a.no_spy
    home = work / "home"
    classes = CLASSES if a.classes == "all" else [c for c in a.classes.split(",") if c]
    unknown = set(classes) - set(CLASSES)
    if unknown:
        ap.error(f"unknown classes: {', '.join(sorted(unknown))}")
    n_mut = 10_000 if a.long else (200 if a.quick and not a.mutations else a.mutations)
    only = [x for x in a.cases.split(",") if x]
    rows: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    try:
        OPTS.runner = a.runner or ("fork" if a.quick else "exec")
        skip: set[tuple[str, str]] = set()
        todo = [c for c in cases() if (c.cls in classes or (a.quick and not classes and c.quick))]
        if a.quick and not classes:
            todo = [c for c in todo if c.quick]
        todo = [c for c in todo if not only or any(o in c.id for o in only)]
        for c in todo:
            for r in run_case(c, home, skip):
                rows.append(r)
                print(_line(r), flush=True)
        for cls in classes:
            for fn in SCENARIOS.get(cls, []):
                if only and not any(o in fn.__name__ for o in only):
                    continue
                for r in fn(home):
                    rows.append(r)
                    print(_line(r), flush=True)
        if n_mut:
            OPTS.runner = a.runner or "fork"
            mrows = run_mutations(n_mut, a.seed, home, a.quick, a.budget)
            for r in mrows:
                if r["hung"] or r["killed_mem"] or r["traceback"] or r.get("internal") or r["leak_lines"]:
                    print(_line(r), flush=True)
            rows += mrows
            ms = summarise(mrows, 0)
            per = sum(r["seconds"] for r in mrows) / max(len(mrows), 1)
            print(f"mutations: {len(mrows)} run, {per:.3f} s each on average; 10,000 would take ~{per * 10_000 / 60:.0f} min; "
                  f"hangs {ms['hangs']}, memory kills {ms['memory_kills']}, internal errors {ms['internal_errors']}, "
                  f"leaking {ms['leaking_runs']}, exit codes {ms['exit_codes']}")  # fmt: skip
    finally:
        wall = time.perf_counter() - t0
        summary = summarise(rows, wall)
        report = {"meta": {"argv": sys.argv[1:], "resinspect": RESINSPECT, "timeout": OPTS.timeout, "mem_limit_mb": OPTS.mem_limit_mb,
                           "runner": OPTS.runner, "seed": a.seed, "corpus": str(DEV)}, "summary": summary, "results": rows}  # fmt: skip
        if a.out:
            Path(a.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        s = {k: v for k, v in summary.items() if k not in ("growth",)}
        print(json.dumps(s, ensure_ascii=False))
        for key, g in summary["growth"].items():
            print(f"growth {key}: seconds {g['seconds']} rss {g['rss_mb']} exponents {g['exponents']}")
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    bad = [k for k in a.fail_on.split(",") if k and summary.get(k)]
    if bad:
        print("fail-on: " + ", ".join(f"{k}={summary[k]}" for k in bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
