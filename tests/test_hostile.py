"""Hostile input, bounded (issue 14): one constructed reproducer per class of the issue, built by the fuzz
harness's generators (`tests/fuzz/pdfgen.py`, `textgen.py`), each small and fast. Past a bound: one `error:`
line naming it, exit 2; below one: the document is read, and what was repaired is one warning."""

from __future__ import annotations

import collections
import http.server
import json
import os
import re
import socket
import struct
import sys
import threading
import time
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from resinspect.cli.app import app
from resinspect.reader import limits
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
import pdfgen  # noqa: E402
import textgen  # noqa: E402


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("RESINSPECT_NO_CACHE", "1")


def cli(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def one_error(r, *words: str) -> str:
    """The run ended with exactly one `error:` line (holding `words`), exit 2, and nothing else on stderr."""
    assert "Traceback" not in r.stderr + r.stdout
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    assert r.exit_code == 2
    return lines[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# ------------------------------------------------------------------------- 1. hangs: cycles and volume


@pytest.mark.parametrize("part", sorted(pdfgen.SELFREF))
@pytest.mark.parametrize("cycle", [1, 2])
def test_self_references_end_quickly_with_a_result_or_one_line(tmp_path, part, cycle):
    path = write(tmp_path, f"{part}{cycle}.pdf", pdfgen.SELFREF[part](cycle))
    t0 = time.perf_counter()
    r = cli("paragraphs", path, "--json")
    assert time.perf_counter() - t0 < 5
    assert "Traceback" not in r.stderr
    if part == "font":  # a Type0 font that is its own descendant: refused, by name
        one_error(r, "a font that names itself as its own descendant")
        return
    assert r.exit_code == 0, r.stderr
    assert all(ln.startswith("warning: ") for ln in r.stderr.splitlines())
    assert len(r.stderr.splitlines()) <= 1  # what was repaired: one line, never pdfminer's own


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: pdfgen.repeated_text_ops(20_000), "more than 100,000 glyphs on page 1"),
        (lambda: pdfgen.deflate_text_ops(150_000), "more than 100,000 glyphs on page 1"),
        (lambda: pdfgen.form_fanout(25, 2), "form XObjects drawn inside one another more than 12 deep"),
        (lambda: pdfgen.deep_page_tree(10_000), "a page tree nested more than 64 deep"),
    ],
    ids=["repeated-ops", "deflate-ops", "form-fanout", "deep-page-tree"],
)
def test_volume_attacks_stop_at_a_named_bound(tmp_path, make, words):
    r = cli("inspect", write(tmp_path, "x.pdf", make()), "--json")
    assert "resinspect help limits" in one_error(r, words)


def test_form_fan_out_is_bounded_per_page(tmp_path):
    path = write(tmp_path, "x.pdf", pdfgen.form_fanout(8, 3))  # 3^8 = 6,561 forms drawn
    with limits.using(forms_per_page=500):
        one_error(cli("inspect", path, "--json"), "more than 500 form XObjects drawn on page 1")


def test_a_form_drawing_itself_is_skipped_and_said(tmp_path):
    r = cli("paragraphs", write(tmp_path, "x.pdf", pdfgen.form_fanout(fanout=2, self_loop=True)), "--json")
    assert r.exit_code == 0
    (line,) = r.stderr.splitlines()
    assert line.startswith("warning: ") and "a form XObject that draws itself" in line


def test_page_count_bound(tmp_path):
    path = write(tmp_path, "x.pdf", pdfgen.many_pages(40))
    with limits.using(pages=30):
        r = cli("inspect", path, "--json")
    one_error(r, "more than 30 pages")
    lying = write(tmp_path, "lying.pdf", pdfgen.many_pages(100_000, real=False))
    assert cli("paragraphs", lying, "--json").exit_code == 0  # a /Count that lies is not a page


def test_time_budget(tmp_path):
    path = write(tmp_path, "x.pdf", pdfgen.many_pages(400))
    t0 = time.perf_counter()
    r = cli("inspect", path, "--json", "--timeout", "0.3")
    assert time.perf_counter() - t0 < 3
    one_error(r, "took longer than 0.3 s", "--timeout")


# ------------------------------------------------------------- the PDFium engine, within the same bounds
# PDFium draws a page's forms and inflates a stream in one C call, which no deadline or bound reaches:
# such PDFs are found from their structure first and read by the bounded pdfminer reader instead.


@pytest.mark.parametrize(
    ("make", "words", "bound"),
    [
        (lambda p: p.write_bytes(pdfgen.form_fanout(25, 2)), "more than 12 deep", {}),
        (
            lambda p: pdfgen.bomb_pdf(p, 1 << 30, b"\0"),
            "a stream decodes to more than 4 MB",
            {"stream_bytes": 4 * limits.MB},
        ),
        (lambda p: p.write_bytes(pdfgen.many_pages(40)), "more than 30 pages", {"pages": 30}),
        (lambda p: p.write_bytes(pdfgen.repeated_text_ops(20_000)), "more than 100,000 glyphs on page 1", {}),
    ],
    ids=["form-fanout", "deflate-bomb", "pages", "glyphs"],
)
def test_pdfium_engine_stops_at_the_same_named_bounds(tmp_path, make, words, bound):
    path = tmp_path / "x.pdf"
    make(path)
    t0 = time.perf_counter()
    with limits.using(**bound):
        r = cli("inspect", path, "--json", "--engine", "pdfium")
    assert time.perf_counter() - t0 < 20
    assert "resinspect help limits" in one_error(r, words)


def test_pdfium_engine_hands_a_form_drawing_itself_to_pdfminer(tmp_path):
    path = write(tmp_path, "x.pdf", pdfgen.form_fanout(fanout=2, self_loop=True))
    r = cli("inspect", path, "--json", "--engine", "pdfium")
    assert r.exit_code == 0, r.stderr
    codes = {w["code"] for w in json.loads(r.stdout)["warnings"]}
    assert {"engine-fallback", "pdf-repaired"} <= codes
    assert "read by the pdfminer engine: a form XObject that draws itself" in r.stderr


# ------------------------------------------------------------------------------ 2. memory: deflate bombs


@pytest.mark.parametrize("fill", [b"\0", b" "])
def test_deflate_bomb_stops_at_the_stream_bound(tmp_path, fill):
    path = pdfgen.bomb_pdf(tmp_path / "bomb.pdf", 1 << 30, fill)  # 1 GB inflated, 1 MB on disk
    with limits.using(stream_bytes=4 * limits.MB):
        r = cli("inspect", path, "--json")
    one_error(r, "a stream decodes to more than 4 MB")


def test_damaged_deflate_is_inflated_in_one_pass(tmp_path):
    """pdfminer re-inflates damaged data one byte at a time into a growing bytes object (quadratic: 16 MB
    never ended); here in one pass, keeping what inflates, and saying so."""
    import zlib

    from resinspect.reader import decode

    plain = b"(1. Decides) Tj T*\n" * (8 << 20 // 19)
    bad = zlib.compress(plain, 1)[:-4] + b"\0\0\0\0"  # a wrong checksum
    noted: list[str] = []
    t0 = time.perf_counter()
    with decode.bounded(limits.current(), noted.append):
        assert decode.inflate_damaged(bad) == plain
        assert (
            decode.inflate_damaged(bad[: len(bad) // 2])
            == plain[: len(decode.inflate_damaged(bad[: len(bad) // 2]))]
        )
    assert time.perf_counter() - t0 < 5
    assert noted[0] == "Data-loss while decompressing corrupted data" and "truncated" in noted[1]
    path = write(tmp_path, "x.pdf", pdfgen.corrupt_deflate_pdf(0.0625, "checksum"))
    r = cli("inspect", path, "--json")
    (line,) = r.stderr.splitlines()
    assert "Data-loss while decompressing corrupted data" in line and line.startswith("warning: ")


# --------------------------------------------------------------------------------- 5. pdfminer's log lines


@pytest.mark.parametrize(
    "name", ["length_huge", "objstm_n_negative", "truncated_stream_half", "length_short"]
)
def test_pdfminer_log_becomes_one_warning(tmp_path, name):
    r = cli("paragraphs", write(tmp_path, "x.pdf", pdfgen.STRUCTURE_MUTATIONS[name]()), "--json")
    assert r.exit_code == 0
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "the PDF is damaged" in lines[0], lines


def test_verbose_shows_pdfminer_lines_in_full(tmp_path):
    path = write(tmp_path, "x.pdf", pdfgen.STRUCTURE_MUTATIONS["objstm_n_negative"]())
    lines = cli("paragraphs", path, "--json", "--verbose").stderr.splitlines()
    assert all(ln.startswith("warning: ") for ln in lines)
    assert any(": pdfminer: " in ln for ln in lines) and any("the PDF is damaged" in ln for ln in lines)


def test_recursion_in_a_damaged_pdf_is_named(tmp_path):
    r = cli("inspect", write(tmp_path, "x.pdf", pdfgen.STRUCTURE_MUTATIONS["length_self_ref"]()), "--json")
    one_error(r, "refer to one another in a loop")


# ---------------------------------------------------------------------------------- 3. text at scale


def test_vote_blocks_are_bounded_and_their_warnings_too(tmp_path):
    path = write(tmp_path, "x.txt", textgen.vote_blocks(16 * 1024))  # 280 blocks of two members each
    with limits.using(vote_blocks=50):
        r = cli("votes", path, "--json")
    votes = json.loads(r.stdout)["votes"]
    assert len(votes) == 50 and r.exit_code == 0
    assert [i["code"] for i in votes[-1]["issues"]][-1] == "too-many-votes"
    lines = r.stderr.splitlines()  # a warning per vote: 20 lines, then one that counts the rest
    assert len(lines) == 21 and lines[-1].endswith("more warnings not shown (--verbose shows them)")
    with limits.using(vote_blocks=50):
        assert len(cli("votes", path, "--json", "--verbose").stderr.splitlines()) > 50


def test_sixteen_megabytes_of_vote_blocks_stay_under_500_mb(tmp_path):
    import resource
    import subprocess

    path = write(tmp_path, "x.txt", textgen.vote_blocks(16 << 20))
    exe = Path(sys.executable).parent / "resinspect"
    r = subprocess.run([exe, "inspect", "--json", path], capture_output=True, text=True, timeout=120)
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 500 * 1024  # KB: the largest child
    assert r.returncode == 2 and r.stderr.splitlines() == [
        f"error: {path}: a text of more than 300,000 lines (a bound on every document: resinspect help limits)"
    ]


# ------------------------------------------------------------------------- 4 and 10. a misbehaving server

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PV_8700 = (SAMPLES / "S_PV.8700_E.pdf").read_bytes()


class BadServer(http.server.BaseHTTPRequestHandler):
    """documents.un.org as an attacker would run it: the symbol asked for picks the misbehaviour."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        symbol = parse_qs(urlparse(self.path).query).get("s", [""])[0]
        self.server.asked.append(symbol)
        if self.path.startswith("/loop"):
            return self._head(302, {"Location": "/loop", "Content-Length": "0"})
        mode = {"S/2020/1": "reset", "S/2020/2": "huge", "S/2020/3": "drip", "S/2020/4": "silent",
                "S/2020/5": "loop", "S/2020/6": "badgzip", "S/2020/590": "other"}.get(symbol, "ok")  # fmt: skip
        if mode == "ok":
            self._head(200, {"Content-Type": "application/pdf", "Content-Length": str(len(PV_8700))})
            self.wfile.write(PV_8700)
        elif mode == "other":  # S/PV.8700 sent for S/2020/590
            self._head(200, {"Content-Type": "application/pdf", "Content-Length": str(len(PV_8700))})
            self.wfile.write(PV_8700)
        elif mode == "reset":  # 4 KB of a 1 MB body, then a TCP reset
            self._head(200, {"Content-Type": "application/pdf", "Content-Length": str(1 << 20)})
            self.wfile.write(PV_8700[:4096])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
        elif mode == "huge":
            self._head(200, {"Content-Type": "application/pdf", "Content-Length": str(2 << 30)})
            self.wfile.write(b"%PDF-1.4\n")
        elif mode == "drip":  # chunked, one byte a tenth of a second, forever
            self._head(200, {"Content-Type": "application/pdf", "Transfer-Encoding": "chunked"})
            for b in b"%PDF-1.4\n" + b" " * 10_000:
                self.wfile.write(b"1\r\n" + bytes([b]) + b"\r\n")
                self.wfile.flush()
                time.sleep(0.1)
        elif mode == "silent":
            time.sleep(5)
        elif mode == "loop":
            self._head(302, {"Location": "/loop", "Content-Length": "0"})
        elif mode == "badgzip":
            body = b"\x1f\x8b\x08\x00" + b"not gzip at all" * 10
            self._head(200, {"Content-Type": "application/pdf", "Content-Encoding": "gzip",
                             "Content-Length": str(len(body))})  # fmt: skip
            self.wfile.write(body)

    def _head(self, status, headers):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()


@pytest.fixture
def bad_server():
    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, *a):
            pass

    srv = Server(("127.0.0.1", 0), BadServer)
    srv.asked = []
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    yield srv, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def no_sleep(monkeypatch):
    from resinspect.reader import fetch

    waits: list[float] = []
    monkeypatch.setattr(fetch, "_sleep", waits.append)
    return waits


def fetch_cli(base, lib, *args):
    return cli("fetch", "--library", lib, "--docs-url", base, *args)


def test_every_request_error_is_one_line_and_the_next_symbol_is_fetched(tmp_path, bad_server, no_sleep):
    srv, base = bad_server
    t0 = time.perf_counter()
    r = fetch_cli(base, tmp_path, "S/2020/5", "S/2020/6", "S/2020/2", "S/PV.8700", "--timeout", "5")
    assert time.perf_counter() - t0 < 5
    errors = r.stderr.splitlines()
    assert len(errors) == 3 and all(e.startswith("error: could not fetch S/2020/") for e in errors), errors
    assert "TooManyRedirects" in errors[0] and "DecodingError" in errors[1]
    assert "announces 2,147,483,648 bytes" in errors[2]
    assert r.stdout.splitlines() == [str(tmp_path / "S_PV.8700.en.pdf")] and r.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["S_PV.8700.en.pdf"]


def test_retries_say_so_and_a_reset_mid_body_leaves_no_file(tmp_path, bad_server, no_sleep):
    srv, base = bad_server
    r = fetch_cli(base, tmp_path, "S/2020/1")
    lines = r.stderr.splitlines()
    assert [ln.split(";")[-1] for ln in lines[:-1]] == [
        f" trying again in {w:.0f} s (attempt {k} of 5)"
        for k, w in zip(range(2, 6), [1, 2, 4, 8], strict=True)
    ]
    assert (
        lines[-1].startswith("error: could not fetch S/2020/1 (en): connection failed")
        and "5 attempts" in lines[-1]
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("symbol", ["S/2020/3", "S/2020/4"], ids=["drip", "silent"])
def test_one_deadline_per_document(tmp_path, bad_server, symbol):
    srv, base = bad_server
    t0 = time.perf_counter()
    r = fetch_cli(base, tmp_path, symbol, "--timeout", "0.5")
    assert time.perf_counter() - t0 < 4
    assert r.exit_code == 2 and r.stderr.splitlines()[-1].startswith(f"error: could not fetch {symbol}")
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_must_be_the_document_asked_for(tmp_path, bad_server):
    srv, base = bad_server
    r = fetch_cli(base, tmp_path, "S/2020/590")
    assert r.stderr.splitlines() == [
        "error: could not fetch S/2020/590 (en): the server sent S/PV.8700, not S/2020/590 (its first page's "
        "header): not saved; not found in samples/ or the library"
    ]
    assert list(tmp_path.iterdir()) == []
    assert fetch_cli(base, tmp_path, "S/2020/590", "--no-check").exit_code == 0
    assert fetch_cli(base, tmp_path, "S/PV.8700").stderr == ""  # the right document passes


@pytest.mark.parametrize("symbol", [".", "..", "///", "S/../../etc", "S/2020/249\nerror: x", "a" * 300])
def test_a_symbol_that_is_not_a_un_symbol_makes_no_file(tmp_path, bad_server, symbol):
    srv, base = bad_server
    r = fetch_cli(base, tmp_path / "lib", symbol)
    one_error(r, "not a UN document symbol")
    assert srv.asked == [] and not (tmp_path / "lib").exists()


def test_sigterm_during_a_download_leaves_no_part_file(tmp_path, bad_server):
    import signal
    import subprocess

    srv, base = bad_server
    exe = Path(sys.executable).parent / "resinspect"
    p = subprocess.Popen([exe, "fetch", "S/2020/3", "--library", tmp_path, "--docs-url", base],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        for _ in range(200):
            if any(f.suffix == ".part" for f in tmp_path.iterdir()):
                break
            time.sleep(0.05)
        assert any(f.suffix == ".part" for f in tmp_path.iterdir())
        p.send_signal(signal.SIGTERM)
        assert p.wait(10) == 143
    finally:
        p.kill()
        p.wait()
    assert list(tmp_path.iterdir()) == []


def test_a_part_file_left_by_a_killed_run_is_removed(tmp_path, bad_server):
    srv, base = bad_server
    left = tmp_path / ".S_PV.8700.en.pdf.0123456789ab.part"
    left.write_bytes(b"%PDF-1.4 half")
    old = time.time() - 3  # a killed download's: unlocked, and not being created this instant
    os.utime(left, (old, old))
    assert fetch_cli(base, tmp_path, "S/PV.8700").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["S_PV.8700.en.pdf"]


# ------------------------------------------------------------------------------------ 6. line injection


@pytest.mark.parametrize(
    "source",
    [textgen.NEWLINE_SYMBOL, textgen.ESCAPE_SYMBOL, textgen.long_symbol(10_000), "x" * 300 + ".pdf"],
    ids=["newline", "escapes", "10000-chars", "300-char-name"],
)
def test_an_echoed_input_is_one_safe_line(source):
    r = cli("votes", source)
    line = one_error(r)
    assert "\x1b" not in line and len(line) < 400


def test_a_file_name_with_a_newline_is_one_line(tmp_path):
    path = write(tmp_path, "bad\nerror: injected second line.pdf", b"not a pdf")
    one_error(cli("inspect", path, "--json"), "\\n")


# ------------------------------------------------------------------------- 7 and 8. batch: nothing lost

GOOD_TXT = SAMPLES / "S_2020_249.en.txt"


@pytest.fixture
def forked(monkeypatch):
    """Workers forked from this process (not from the fork server), so that they inherit the patches."""
    from resinspect import corpus

    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("the patched worker is inherited by fork")
    monkeypatch.setattr(corpus, "START_METHOD", "fork")


def _live(pids: list[int]) -> list[int]:
    """The pids still running (a zombie waiting for its reaper is not running)."""
    out = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            out.append(pid)
    return out


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return kids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("fmt", ["sqlite"])  # (ndjson and csv: the same AtomicFile, without a database)
def test_kill_9_of_a_batch_loses_nothing_and_leaves_nothing(tmp_path, fmt):
    import signal
    import subprocess

    docs = tmp_path / "docs"
    docs.mkdir()
    slow = pdfgen.many_pages(200)
    for k in range(4):
        (docs / f"d{k}.pdf").write_bytes(slow + b"%" + bytes([65 + k]))
    out = tmp_path / f"out.{fmt}"
    out.write_bytes(b"the results of last week\n")
    exe = Path(sys.executable).parent / "resinspect"
    argv = [exe, "batch", docs, "--format", fmt, "--out", out, "--workers", "2", "--no-cache"]
    p = subprocess.Popen(argv, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(200):
            if len(_children(p.pid)) >= 2 and any(f.name.endswith(".tmp") for f in tmp_path.iterdir()):
                break
            time.sleep(0.05)
        workers = _children(p.pid)
        assert len(workers) == 2
        time.sleep(0.5)
        p.send_signal(signal.SIGKILL)
        p.wait(5)
        for _ in range(50):  # the workers die with their leader (the issue allows 5 s; it takes a moment)
            if not _live(workers):
                break
            time.sleep(0.1)
        assert _live(workers) == []
    finally:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    assert out.read_bytes() == b"the results of last week\n"
    assert not any(f.name.endswith("-journal") for f in tmp_path.iterdir())
    (left,) = [f for f in tmp_path.iterdir() if f.name.endswith(".tmp")]  # the killed run's, until the next
    past = time.time() - 5  # (one younger than 2 s is never swept: it may be just being created)
    os.utime(left, (past, past))
    r = cli("batch", GOOD_TXT, "--format", fmt, "--out", out, "--workers", "1")
    assert r.exit_code == 0
    assert not [f.name for f in tmp_path.iterdir() if f.name.endswith((".tmp", "-journal"))]


def _fake(source, lang=None, library=None, no_cache=False, timeout=None, data=None, engine=None):
    """A worker's document: `die` kills its process (as the out-of-memory killer does), `hang` blocks where
    no deadline reaches, `-` returns what it was handed; anything else is read."""
    import signal

    if source == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if source == "hang":
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(60)
    if source == "-":
        return {"input": "-", "data": data.decode()}
    return {"input": source}


def test_a_dead_or_stuck_worker_costs_its_document_only(monkeypatch, forked):
    from resinspect import corpus

    monkeypatch.setattr(corpus, "inspect_one", _fake)
    monkeypatch.setattr(corpus, "KILL_GRACE", 0.2)
    inputs = ["a", "die", "b", "hang", "c", "d", "die", "e"]
    t0 = time.perf_counter()
    records = list(corpus.run(inputs, 2, timeout=0.3))
    assert time.perf_counter() - t0 < 10
    assert [r["input"] for r in records] == inputs
    errors = {r["input"]: r["error"] for r in records if "error" in r}
    assert errors["die"].startswith(
        "die: the process reading this document was killed by SIGKILL (out of memory?)"
    )
    assert "still running 0.2 s past its 0.3 s budget" in errors["hang"]
    assert all("error" not in r for r in records if r["input"] in "abcde")


def _pid(source, lang=None, library=None, no_cache=False, timeout=None, data=None, engine=None):
    """A worker's document: the process that read it (`die` kills it, as in `_fake`)."""
    return {"input": source, "pid": os.getpid()} if source != "die" else _fake(source)


@pytest.mark.parametrize("every", [3, 0])
def test_a_worker_is_replaced_after_its_share_of_documents(monkeypatch, forked, every):
    """A worker that has read WORKER_DOCS documents is ended and a fresh one goes on (0: never); a death on
    the way costs its document only; records in input order."""
    from resinspect import corpus

    monkeypatch.setattr(corpus, "inspect_one", _pid)
    monkeypatch.setattr(corpus, "WORKER_DOCS", every)
    inputs = [f"doc{k}" for k in range(11)]
    inputs[5] = "die"
    records = list(corpus.run(inputs, 2))
    assert [r["input"] for r in records] == inputs and "error" in records[5]
    read = collections.Counter(r["pid"] for r in records if "pid" in r)
    assert os.getpid() not in read and sum(read.values()) == 10
    if every:
        assert max(read.values()) <= every and len(read) >= 4  # 10 documents, at most 3 a process
    else:
        assert len(read) <= 3  # the two first workers, and the one that replaced the dead


def test_a_document_past_the_budget_gets_an_error_record_and_the_run_goes_on(tmp_path):
    slow = write(tmp_path, "slow.pdf", pdfgen.many_pages(400))
    out = tmp_path / "out.ndjson"
    r = cli("batch", slow, GOOD_TXT, "--out", out, "--workers", "2", "--timeout", "0.3", "--no-cache")
    assert r.exit_code == 2
    first, second = (json.loads(x) for x in out.read_text().splitlines())
    assert "took longer than 0.3 s" in first["error"] and second["source"]["symbol"] == "S/2020/249"


def test_the_timer_raises_nothing_more_while_the_budget_s_exception_unwinds():
    """The engine's loops (`check`) can see the budget spent a moment before the timer signal does; the tick
    that follows must not raise a second exception while the first unwinds (one raised in the deadline's own
    exit escaped it and ended a batch worker), and one swallowed on the way is raised again later."""
    import signal

    from resinspect.reader import guard

    with pytest.raises(limits.LimitExceeded, match="took longer than 30 s"):
        with guard.deadline(30):
            spent = guard._DEADLINE.set(time.monotonic() - 1)  # the budget spent, as `check` sees it
            try:
                guard.check()
            except guard._Expired:
                try:
                    guard._on_alarm(signal.SIGALRM, None)  # the timer's tick, a moment later: nothing more
                except guard._Expired:
                    pytest.fail("a second exception while the first unwinds")
                raise
            finally:
                guard._DEADLINE.reset(spent)
    with pytest.raises(limits.LimitExceeded):
        with guard.deadline(30):
            guard._Alarm.raised_at = time.monotonic() - 2 * guard.UNWIND  # raised, swallowed, long ago
            guard._on_alarm(signal.SIGALRM, None)


def test_standard_input_among_batch_inputs_is_read_once(tmp_path):
    out = tmp_path / "out.ndjson"
    r = cli("batch", "-", GOOD_TXT, "--out", out, "--workers", "2", input=GOOD_TXT.read_bytes())
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    assert recs[0]["source"]["input"] == "-" and recs[0]["votes"] == recs[1]["votes"] != []


def test_an_input_name_too_long_for_the_file_system_is_one_record(tmp_path):
    out = tmp_path / "out.ndjson"
    r = cli("batch", tmp_path / ("i" * 300 + ".txt"), GOOD_TXT, "--out", out, "--workers", "1")
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    assert r.exit_code == 2 and "File name too long" in recs[0]["error"] and "source" in recs[1]


# ------------------------------------------------------------------------------------- 9. invented votes


@pytest.mark.parametrize("n", [2, 200, 2000])
def test_a_label_with_nothing_under_it_is_not_a_vote(tmp_path, n):
    r = cli("votes", write(tmp_path, "x.txt", textgen.in_favour_only(n)), "--json")
    assert r.exit_code == 1 and json.loads(r.stdout)["votes"] == []
    assert r.stderr.splitlines() == [f"warning: {tmp_path / 'x.txt'}: no vote found in this document"]


def test_a_label_with_a_member_under_it_is_still_a_vote(tmp_path):
    r = cli("votes", write(tmp_path, "x.txt", textgen.in_favour_only(3, " France.")), "--json")
    votes = json.loads(r.stdout)["votes"]
    assert [[m["iso3"] for m in v["in_favour"]] for v in votes] == [["FRA"]] * 3


# ------------------------------------------------------------------------------- 11. library and cache


@pytest.fixture
def fresh_library(monkeypatch):
    """Library folders listed anew, warnings said anew (they are once per process)."""
    from resinspect.reader import library

    monkeypatch.setattr(library, "_INDEX", {})
    monkeypatch.setattr(library, "_WARNED", set())
    return library


def test_an_unreadable_library_folder_is_skipped_with_one_warning(tmp_path, monkeypatch, fresh_library):
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path):  # root reads a mode-000 folder: refuse it as the file system would a user
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(fresh_library.os, "scandir", scandir)
    monkeypatch.setenv("RESINSPECT_LIBRARY", str(locked))
    r = cli("citations", "S/2020/249", "--format", "csv")
    assert r.exit_code == 0  # the bundled samples are still found
    assert r.stderr.splitlines() == [f"warning: library folder {locked} skipped: Permission denied"]


def test_a_link_loop_named_like_a_document_is_skipped(tmp_path, monkeypatch, fresh_library):
    (tmp_path / "S_2020_249.en.txt").symlink_to("S_2020_249.en.txt")
    monkeypatch.setenv("RESINSPECT_LIBRARY", str(tmp_path))
    r = cli("votes", "S/2020/249", "--format", "csv")
    assert r.exit_code == 0 and "Belgium" in r.stdout
    assert r.stderr.splitlines() == [
        f"warning: library entry {tmp_path / 'S_2020_249.en.txt'} skipped: a broken link or a link loop"
    ]


def test_the_library_is_listed_once_per_run(tmp_path, monkeypatch, fresh_library):
    for k in range(1, 1001):
        (tmp_path / f"S_2019_{k}.en.txt").write_bytes(
            b"The Security Council,\n1. Decides to remain seized.\n"
        )
    listed = []
    real = os.scandir
    monkeypatch.setattr(fresh_library.os, "scandir", lambda p: listed.append(str(p)) or real(p))
    t0 = time.perf_counter()
    r = cli("paragraphs", "--format", "csv", "--library", tmp_path, *(f"S/2019/{k}" for k in range(1, 41)))
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 41
    assert listed.count(str(tmp_path)) == 1
    assert time.perf_counter() - t0 < 10


def _entry_variants(good: dict) -> dict[str, object]:
    def doc(**changes: object) -> dict:
        d = json.loads(json.dumps(good))
        d["document"].update(changes)
        return d

    return {
        "text_int": doc(text=123),
        "text_list": doc(text=["a", "b"]),
        "text_empty": doc(text=""),
        "page_starts_strings": doc(page_starts=["x", "y"]),
        "page_starts_empty": doc(page_starts=[]),
        "page_starts_huge": doc(page_starts=[10**12]),
        "languages_string": doc(languages="en"),
        "languages_ints": doc(languages=[1, 2]),
        "issues_null_message": doc(issues=[{"code": 1, "message": None, "pages": []}]),
        "issues_pages_int": doc(issues=[{"code": "x", "message": "m", "pages": 5}]),
        "source_pages_string": doc(source_pages="many"),
        "lines_outside_text": doc(lines=[[0, 10**9, 1, None, None, None]]),
        "document_missing_keys": {**good, "document": {"engine": good["document"]["engine"]}},
        "pages_empty": {k: v for k, v in good.items() if k != "document"} | {"pages": []},
        "page_without_lines": {k: v for k, v in good.items() if k != "document"}
        | {"pages": [{**good["pages"][0], "lines": []}]},
        "a_list": [1, 2, 3],
        "nested_deep": json.loads("[" * 50 + "]" * 50),
    }


def test_a_cache_entry_of_the_wrong_shape_is_a_miss(tmp_path, monkeypatch):
    import hashlib

    from resinspect.reader.cache import cache_dir

    monkeypatch.delenv("RESINSPECT_NO_CACHE")
    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path / "home"))
    pdf = write(tmp_path, "doc.pdf", pdfgen.base_pdf())
    cold = cli("inspect", pdf, "--json")
    assert cold.exit_code == 0
    entry = cache_dir() / f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}.json"
    head, body = map(json.loads, entry.read_text(encoding="utf-8").splitlines())
    good = {**body, **head}  # written back whole, as one object (an entry may be one object or two)
    for name, shape in _entry_variants(good).items():
        entry.write_text(json.dumps(shape), encoding="utf-8")
        r = cli("inspect", pdf, "--json")
        assert (r.exit_code, r.stdout, r.stderr) == (0, cold.stdout, cold.stderr), name


def test_a_cache_write_killed_midway_leaves_nothing_the_next_run_keeps(tmp_path, monkeypatch):
    from resinspect.reader import cache

    monkeypatch.delenv("RESINSPECT_NO_CACHE")
    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(cache, "_swept", False)
    cache.cache_dir().mkdir(parents=True)
    left = cache.cache_dir() / f".{'a' * 64}.x1y2z3.tmp"  # what kill -9 during a cache write leaves
    left.write_bytes(b"")
    past = time.time() - 5
    os.utime(left, (past, past))
    pdf = write(tmp_path, "x.pdf", pdfgen.base_pdf())
    assert cli("text", pdf).exit_code == 0
    assert not left.exists()
    left.write_bytes(b"")
    os.utime(left, (past, past))
    monkeypatch.setattr(cache, "_swept", False)
    assert cli("text", pdf).exit_code == 0  # a run that only reads the cache sweeps too
    assert not left.exists()


# -------------------------------------------------------------------------------------- 12. text decoding

C1 = re.compile("[\x80-\x9f]")
MOJIBAKE = re.compile("Ã|â€|Ø§|Ù")


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (textgen.invalid_utf8(1, "en"), "1 byte not valid UTF-8, replaced by U+FFFD"),
        (textgen.invalid_utf8(1, "ar"), "1 byte not valid UTF-8, replaced by U+FFFD"),
        (textgen.invalid_utf8(50, "en"), "50 bytes not valid UTF-8, replaced by U+FFFD"),
        (textgen.utf16(True, "le"), None),
        (textgen.utf16(True, "be"), None),
        (textgen.utf16(True, "le", "ar"), None),
        (textgen.utf32(True, "le"), None),
        (textgen.utf32(True, "be"), None),
        (textgen.cp1252(), None),
        (textgen.nul_bytes("after_4k"), "8 NUL bytes dropped"),
        (textgen.nul_bytes("sprinkled"), "171 NUL bytes dropped"),
        (b"The Security Council,\n1. Decides \xff to remain seized.\n", "read as cp1252, a guess"),
    ],
    ids=["utf8-1-bad", "utf8-ar-1-bad", "utf8-50-bad", "utf16le", "utf16be", "utf16-ar", "utf32le", "utf32be",
         "cp1252", "nul-after-4k", "nul-sprinkled", "one-stray-byte"],
)  # fmt: skip
def test_text_decoding(data, warning):
    from resinspect.reader.source import read_data

    raw = read_data(data, "x.txt")
    text = "\n".join(p.text for p in raw.pages)
    assert not C1.search(text) and not MOJIBAKE.search(text) and "\0" not in text
    replaced = int(warning.split()[0]) if warning and "U+FFFD" in warning else 0
    assert text.count("\ufffd") == replaced
    messages = [i.message for i in raw.issues]
    assert (len(messages) == 1 and warning in messages[0]) if warning else messages == []


def test_a_bad_byte_in_utf8_is_one_warning_not_mojibake(tmp_path):
    path = write(tmp_path, "x.txt", textgen.invalid_utf8(1, "en"))
    assert not MOJIBAKE.search(cli("text", path).stdout)
    r = cli("citations", path, "--json")
    assert r.exit_code == 0
    assert r.stderr == f"warning: {path}: 1 byte not valid UTF-8, replaced by U+FFFD\n"


# ---------------------------------------------------------------------------------------- 13. geometry


def test_a_page_a_billion_points_wide(tmp_path):
    r = cli("text", write(tmp_path, "x.pdf", pdfgen.wide_mediabox(1e9)))
    assert r.exit_code == 0 and r.stderr == "" and "8. Decides" in r.stdout


def test_a_glyph_at_an_endless_position_is_dropped(tmp_path):
    """A 400-digit number is an infinite float: that glyph is on no page, and no JSON number."""
    body = b"BT /F1 10 Tf " + b"9" * 400 + b" 700 Td (Far away) Tj ET\n"
    pdf, root = pdfgen.single_page(body + pdfgen.text_ops(["The Security Council,", "1. Decides to remain."]))
    r = cli("inspect", write(tmp_path, "x.pdf", pdf.tobytes(root)), "--json")
    assert r.exit_code == 0 and "Far away" not in r.stdout and "Decides" in r.stdout


def test_a_row_of_glyphs_with_marks_is_not_quadratic(tmp_path):
    path = write(tmp_path, "x.pdf", pdfgen.glyphs_with_marks(16_000, 2))
    t0 = time.perf_counter()
    r = cli("text", path)
    assert time.perf_counter() - t0 < 5 and r.exit_code == 0
    assert unicodedata.normalize("NFD", r.stdout).count("a\u0301\u0308") == 16_000


def test_stream_measure_ends_on_any_bytes_and_finds_a_bomb():
    """The PDFium engine's pre-check inflates every stream a step at a time: it ends on any bytes (damaged,
    cut short, not deflated, a stream left open) and names a stream past the bound."""
    import random
    import zlib

    from resinspect.reader import pdf

    rng = random.Random(7)
    good = zlib.compress(b"(1. Decides) Tj T*\n" * 50_000)
    for _ in range(300):
        body = bytearray(good[: rng.randrange(len(good) + 1)])
        for _ in range(rng.randrange(4)):
            if body:
                body[rng.randrange(len(body))] = rng.randrange(256)
        tail = b"\nendstream" if rng.random() < 0.8 else b""
        t0 = time.perf_counter()
        assert pdf.stream_risk(b"1 0 obj <<>> stream\n" + bytes(body) + tail) is None
        assert time.perf_counter() - t0 < 1
    bomb = zlib.compress(b"\0" * (6 * limits.MB))
    image = b"<< /Subtype /Image >> stream\n" + bomb + b"\nendstream\n"  # a stream that draws no text
    with limits.using(stream_bytes=4 * limits.MB):
        assert pdf.stream_risk(image) == "a stream that decodes to more than 4 MB"
    with limits.using(decoded_bytes=8 * limits.MB):
        assert pdf.stream_risk(image * 2) == "streams that decode to more than 8 MB in all"
    # a stream that may draw text, past what a page of 100,000 glyphs needs: PDFium would build it all first
    content = b"<< /Length 9 >> stream\n" + zlib.compress(b"(x) Tj T*\n" * 120_000) + b"\nendstream"
    assert pdf.stream_risk(content) == "a content stream of more than 1 MB"
    assert pdf.stream_risk(content.replace(b"/Length 9", b"/Length 9 /Length1 5")) is None  # a font program
    # streams too short to pass their own bound are measured when the bounds together could pass the total
    small = b"<< /Subtype /Image >> stream\n" + zlib.compress(b"\0" * 100_000) + b"\nendstream\n"
    assert len(small) * pdf.INFLATE_RATIO < limits.MB
    with limits.using(decoded_bytes=limits.MB):
        assert pdf.stream_risk(small * 20) == "streams that decode to more than 1 MB in all"
        assert pdf.stream_risk(small * 9) is None
    noise = (
        b"<< /Subtype /Image >> stream\n"
        + zlib.compress(random.Random(3).randbytes(10_000))
        + b"\nendstream\n"
    )
    with limits.using(decoded_bytes=20 * limits.MB):  # bounds of 10 MB each, 10 KB each decoded
        assert pdf.stream_risk(noise * 20) is None


@pytest.mark.parametrize(
    ("data", "text", "strays"),
    [
        (b"Communiqu\xe9 of the \xe2\x80\x9cquartet\xe2\x80\x9d", "Communiqué of the “quartet”", 1),
        (b"C\xf4te d\xe2\x80\x99Ivoire, For\xe7as Armadas", "Côte d’Ivoire, Forças Armadas", 2),
        (
            b"Thanks Mr. St\xf8le Bj\xf8rn \xe2\x80\x94 for his work in peace\xadkeeping",
            "Thanks Mr. Støle Bjørn — for his work in peace\xadkeeping",
            3,
        ),
        ("Российская Федерация ".encode() + b"S\xe3o Tom\xe9", "Российская Федерация São Tomé", 2),
    ],
    ids=["fr", "pt-fr", "no-soft-hyphen", "ru-then-pt"],
)
def test_a_utf8_file_with_cp1252_letters_pasted_in_reads_them(data, text, strays):
    """A text assembled from UTF-8 and Windows files: a lone byte that is a Latin letter or punctuation in
    cp1252 is read so, said once; other invalid bytes stay damage (U+FFFD)."""
    from resinspect.reader.source import decode_text

    got, issues = decode_text(data, "x.txt")
    assert got == text
    noun = "byte" if strays == 1 else "bytes"
    assert [i.message for i in issues] == [
        f"{strays} {noun} not valid UTF-8 read as cp1252 (a file of mixed encodings)"
    ]
    got, issues = decode_text(data + b" \xff \xe2\x80", "x.txt")  # damage besides: replaced, said apart
    assert (
        got == text + " \ufffd \ufffd" and issues[1].message == "3 bytes not valid UTF-8, replaced by U+FFFD"
    )
