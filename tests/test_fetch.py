"""fetch against a real HTTP server on 127.0.0.1 standing in for documents.un.org. No internet."""

from __future__ import annotations

import http.server
import os
import socket
import struct
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import resinspect
from resinspect.errors import SourceError
from resinspect.model import Line, Page
from resinspect.reader import fetch as fetch_mod
from resinspect.reader.fetch import fetch, fetch_many, normalize_symbol
from typer.testing import CliRunner

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + bytes(range(256)) * 64
HTML = b"<!DOCTYPE html><html><body><h1>Error</h1><p>Document not found.</p></body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        state = self.server.state
        with state["lock"]:
            state["requests"].append({"path": url.path, "query": q, "headers": dict(self.headers)})
            key = (q.get("s"), q.get("l"))
            state["counts"][key] = n = state["counts"].get(key, 0) + 1
        if url.path == "/redirected":
            return self.send(200, PDF)
        if url.path != "/api/symbol/access" or q.get("t") != "pdf":
            return self.send(400, b"bad request", "text/plain")
        scenario = SCENARIOS.get(q.get("s"))
        if scenario is None:
            return self.send(404, HTML, "text/html")
        scenario(self, n)

    def send(self, status, body, ctype="application/pdf", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def reset(self, partial=b""):
        """Send `partial` (maybe a header and part of a body), then abort the connection with a RST."""
        if partial:
            self.wfile.write(partial)
            self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def _truncated(h):
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: {len(PDF)}\r\n\r\n"
    h.reset(head.encode() + PDF[:1000])


SCENARIOS = {
    "S/PV.8700": lambda h, n: h.send(200, PDF),
    "S/RES/2518 (2020)": lambda h, n: h.send(200, PDF),
    "S/2020/1": lambda h, n: h.send(200, HTML, "text/html; charset=utf-8"),
    "S/2020/2": lambda h, n: h.send(202, b"", "text/plain") if n == 1 else h.send(200, PDF),
    "S/2020/3": lambda h, n: (
        h.send(429, b"slow down", "text/plain", {"Retry-After": "7"}) if n == 1 else h.send(200, PDF)
    ),
    "S/2020/4": lambda h, n: h.send(500, b"oops", "text/plain") if n <= 2 else h.send(200, PDF),
    "S/2020/5": lambda h, n: (time.sleep(1.0), h.send(200, PDF)),
    "S/2020/6": lambda h, n: h.reset(),
    "S/2020/7": lambda h, n: _truncated(h),
    "S/2020/8": lambda h, n: h.reset() if n == 1 else h.send(200, PDF),
    "S/2020/9": lambda h, n: (time.sleep(1.0) if n == 1 else None, h.send(200, PDF)),
    "S/2020/10": lambda h, n: h.send(503, b"down", "text/plain"),
    "S/2020/11": lambda h, n: h.send(302, b"", "text/plain", {"Location": "/redirected"}),
    "S/2020/12": lambda h, n: h.send(202, b"", "text/plain"),
}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # aborted and timed-out connections are expected
        pass


@pytest.fixture
def server():
    srv = Server(("127.0.0.1", 0), Handler)
    srv.state = {"lock": threading.Lock(), "requests": [], "counts": {}}
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def base(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(autouse=True)
def waits(monkeypatch):
    """Record the backoff waits instead of sleeping through them."""
    recorded: list[float] = []
    monkeypatch.setattr(fetch_mod, "_sleep", recorded.append)
    monkeypatch.delenv("RESINSPECT_DOCS_URL", raising=False)
    return recorded


def count(server, symbol, lang="en"):
    return server.state["counts"].get((symbol, lang), 0)


def library_files(lib: Path) -> list[str]:
    return sorted(p.name for p in lib.iterdir()) if lib.exists() else []


def test_normalize_symbol():
    assert normalize_symbol("S/RES/2518(2020)") == "S/RES/2518 (2020)"
    assert normalize_symbol("s/res/2518 (2020)") == "S/RES/2518 (2020)"
    assert normalize_symbol("  s/res/2518  ( 2020 ) ") == "S/RES/2518 (2020)"
    assert normalize_symbol("S / PV.8700") == "S/PV.8700"
    assert normalize_symbol("s/2020/249") == "S/2020/249"
    assert normalize_symbol("s/2020/249/add.1") == "S/2020/249/Add.1"
    assert normalize_symbol("a/ 75 /l.1") == "A/75/L.1"  # a series resinspect.symbols does not know
    assert normalize_symbol("s/res/2518  ( 2020 )") == "S/RES/2518 (2020)"


def test_fetch_pdf(server, base, tmp_path, waits):
    lib = tmp_path / "lib"
    path = fetch("s/res/2518(2020)", "EN", library=lib, base_url=base)
    assert path == lib / "S_RES_2518_2020.en.pdf"
    assert path.read_bytes() == PDF
    assert library_files(lib) == ["S_RES_2518_2020.en.pdf"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    (req,) = server.state["requests"]
    assert req["query"] == {"s": "S/RES/2518 (2020)", "l": "en", "t": "pdf"}
    assert req["headers"]["User-Agent"].startswith(
        f"resinspect/{resinspect.__version__} (+https://github.com/"
    )
    assert "UN document inspector" in req["headers"]["User-Agent"]
    assert waits == []


def test_fetch_real_sample_bytes(server, base, tmp_path, monkeypatch):
    sample = Path(__file__).resolve().parent.parent / "samples" / "S_PV.8700_E.pdf"
    data = sample.read_bytes()
    monkeypatch.setitem(SCENARIOS, "S/PV.8700", lambda h, n: h.send(200, data))
    path = fetch("S/PV.8700", "en", library=tmp_path, base_url=base)
    assert path.name == "S_PV.8700.en.pdf"
    assert path.read_bytes() == data


def test_base_url_from_env(server, base, tmp_path, monkeypatch):
    monkeypatch.setenv("RESINSPECT_DOCS_URL", base + "/")
    assert fetch("S/PV.8700", "fr", library=tmp_path).name == "S_PV.8700.fr.pdf"
    assert count(server, "S/PV.8700", "fr") == 1


def test_follows_redirects(server, base, tmp_path):
    assert fetch("S/2020/11", "en", library=tmp_path, base_url=base).read_bytes() == PDF


def test_html_page_with_200_is_an_error(server, base, tmp_path, waits):
    with pytest.raises(SourceError) as e:
        fetch("S/2020/1", "en", library=tmp_path, base_url=base)
    assert str(e.value) == (
        "could not fetch S/2020/1 (en): the server did not send a PDF (text/html); "
        "not found in samples/ or the library"
    )
    assert count(server, "S/2020/1") == 1  # not retried
    assert library_files(tmp_path) == []


def test_404_is_not_retried(server, base, tmp_path, waits):
    with pytest.raises(
        SourceError, match=r"^could not fetch S/9999/1 \(ar\): HTTP 404 \(no such document\); "
    ):
        fetch("S/9999/1", "ar", library=tmp_path, base_url=base)
    assert count(server, "S/9999/1", "ar") == 1
    assert waits == []


def test_202_then_200(server, base, tmp_path, waits):
    path = fetch("S/2020/2", "en", library=tmp_path, base_url=base, backoff=0.01)
    assert path.read_bytes() == PDF
    assert count(server, "S/2020/2") == 2
    assert waits == [0.01]


def test_202_forever_gives_up(server, base, tmp_path, waits):
    with pytest.raises(SourceError) as e:
        fetch("S/2020/12", "en", library=tmp_path, base_url=base, retries=3, backoff=0.5, max_wait=1.5)
    assert str(e.value) == (
        "could not fetch S/2020/12 (en): HTTP 202 (document still being prepared), 4 attempts; "
        "not found in samples/ or the library"
    )
    assert count(server, "S/2020/12") == 4
    assert waits == [0.5, 1.0, 1.5]  # exponential, capped at max_wait
    assert library_files(tmp_path) == []


def test_429_honours_retry_after(server, base, tmp_path, waits):
    path = fetch("S/2020/3", "en", library=tmp_path, base_url=base, backoff=0.01)
    assert path.read_bytes() == PDF
    assert count(server, "S/2020/3") == 2
    assert waits == [7.0]


def test_429_retry_after_is_capped(server, base, tmp_path, waits):
    fetch("S/2020/3", "en", library=tmp_path, base_url=base, backoff=0.01, max_wait=2.0)
    assert waits == [2.0]


def test_500_then_200(server, base, tmp_path, waits):
    path = fetch("S/2020/4", "en", library=tmp_path, base_url=base, backoff=0.1)
    assert path.read_bytes() == PDF
    assert count(server, "S/2020/4") == 3
    assert waits == [0.1, 0.2]


def test_503_forever(server, base, tmp_path, waits):
    with pytest.raises(SourceError, match=r"^could not fetch S/2020/10 \(en\): HTTP 503, 3 attempts; "):
        fetch("S/2020/10", "en", library=tmp_path, base_url=base, retries=2, backoff=0.01)
    assert count(server, "S/2020/10") == 3


def test_timeout(server, base, tmp_path, waits):
    t0 = time.monotonic()
    with pytest.raises(SourceError) as e:
        fetch("S/2020/5", "en", library=tmp_path, base_url=base, retries=1, timeout=0.2, backoff=0.01)
    assert time.monotonic() - t0 < 1.5
    assert str(e.value) == (
        "could not fetch S/2020/5 (en): timed out after 0.2 s, 2 attempts; not found in samples/ or the library"
    )
    assert count(server, "S/2020/5") == 2
    assert library_files(tmp_path) == []


def test_slow_then_fast(server, base, tmp_path, waits):
    path = fetch("S/2020/9", "en", library=tmp_path, base_url=base, timeout=0.2, backoff=0.01)
    assert path.read_bytes() == PDF
    assert count(server, "S/2020/9") == 2


def test_connection_reset(server, base, tmp_path, waits):
    with pytest.raises(SourceError) as e:
        fetch("S/2020/6", "en", library=tmp_path, base_url=base, retries=2, backoff=0.01)
    msg = str(e.value)
    assert msg.startswith("could not fetch S/2020/6 (en): connection failed (")
    assert msg.endswith("), 3 attempts; not found in samples/ or the library")
    assert count(server, "S/2020/6") == 3
    assert waits == [0.01, 0.02]


def test_reset_then_200(server, base, tmp_path, waits):
    assert fetch("S/2020/8", "en", library=tmp_path, base_url=base, backoff=0.01).read_bytes() == PDF
    assert count(server, "S/2020/8") == 2


def test_truncated_body_leaves_no_partial_file(server, base, tmp_path, waits):
    lib = tmp_path / "lib"
    with pytest.raises(SourceError, match=r"connection failed .*, 2 attempts"):
        fetch("S/2020/7", "en", library=lib, base_url=base, retries=1, backoff=0.01)
    assert count(server, "S/2020/7") == 2
    assert library_files(lib) == []


def test_failure_keeps_the_previous_file(server, base, tmp_path, waits):
    old = tmp_path / "S_2020_7.en.pdf"
    old.write_bytes(b"%PDF-1.4 old copy")
    with pytest.raises(SourceError):
        fetch("S/2020/7", "en", library=tmp_path, base_url=base, retries=0)
    assert old.read_bytes() == b"%PDF-1.4 old copy"
    assert library_files(tmp_path) == ["S_2020_7.en.pdf"]


def test_unreachable_server(tmp_path, waits):
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(
        SourceError, match=r"^could not fetch S/PV.8700 \(en\): connection failed \(.*\), 2 attempts"
    ):
        fetch(
            "S/PV.8700", "en", library=tmp_path, base_url=f"http://127.0.0.1:{port}", retries=1, backoff=0.01
        )


def test_unknown_language(tmp_path):
    with pytest.raises(SourceError, match=r"^could not fetch S/PV.8700 \(de\): unknown language 'de'"):
        fetch("S/PV.8700", "de", library=tmp_path, base_url="http://127.0.0.1:9")


def test_fetch_many(server, base, tmp_path, waits):
    results = fetch_many(
        ["S/PV.8700", "s/2020/1"], ["en", "fr"], library=tmp_path, base_url=base, backoff=0.01
    )
    assert [(s, lang) for s, lang, _ in results] == [
        ("S/PV.8700", "en"),
        ("S/PV.8700", "fr"),
        ("S/2020/1", "en"),
        ("S/2020/1", "fr"),
    ]
    assert results[0][2] == tmp_path / "S_PV.8700.en.pdf"
    assert results[1][2] == tmp_path / "S_PV.8700.fr.pdf"
    assert isinstance(results[2][2], SourceError) and isinstance(results[3][2], SourceError)
    assert library_files(tmp_path) == ["S_PV.8700.en.pdf", "S_PV.8700.fr.pdf"]


def test_engine_does_not_import_httpx_at_import_time():
    import subprocess
    import sys

    code = "import sys, resinspect.reader.fetch, resinspect.cli.fetch; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- CLI ---------------------------------------------------------------------------------------------


@pytest.fixture
def cli():
    from resinspect.cli.app import app

    return app


def test_cli_fetch(cli, server, base, tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "fetch",
            "S/RES/2518(2020)",
            "S/PV.8700",
            "--lang",
            "en,ar",
            "--library",
            str(tmp_path),
            "--docs-url",
            base,
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(tmp_path / "S_RES_2518_2020.en.pdf"),
        str(tmp_path / "S_RES_2518_2020.ar.pdf"),
        str(tmp_path / "S_PV.8700.en.pdf"),
        str(tmp_path / "S_PV.8700.ar.pdf"),
    ]
    assert result.stderr == ""


def test_cli_fetch_partial_failure(cli, server, base, tmp_path):
    result = CliRunner().invoke(
        cli, ["fetch", "S/2020/1", "S/PV.8700", "--library", str(tmp_path), "--docs-url", base]
    )
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [str(tmp_path / "S_PV.8700.en.pdf")]
    assert result.stderr.splitlines() == [
        "error: could not fetch S/2020/1 (en): the server did not send a PDF (text/html); "
        "not found in samples/ or the library"
    ]


def test_cli_fetch_docs_url_from_env(cli, server, base, tmp_path):
    result = CliRunner().invoke(
        cli, ["fetch", "S/PV.8700", "--library", str(tmp_path)], env={"RESINSPECT_DOCS_URL": base}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == str(tmp_path / "S_PV.8700.en.pdf") + "\n"


def test_cli_fetch_bad_lang(cli, tmp_path):
    result = CliRunner().invoke(cli, ["fetch", "S/PV.8700", "--lang", "en,de", "--library", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: unknown language 'de' (expected ar, en, es, fr, ru, zh or all)\n"


def test_cli_cache_clear(cli, tmp_path, monkeypatch):
    from resinspect.reader import cache

    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path))
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    page = Page(1, (Line("page one", (72.0, 700.0, 120.0, 712.0)),), 612.0, 792.0)
    cache.put("a" * 64, [page])
    cache.put("b" * 64, [page])
    result = CliRunner().invoke(cli, ["cache", "clear"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "removed 2 cache entries\n"
    result = CliRunner().invoke(cli, ["cache", "clear"])
    assert result.stdout == "removed 0 cache entries\n"
