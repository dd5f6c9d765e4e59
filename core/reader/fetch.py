"""Download a document's PDF from the UN Official Document System (ODS) into the user's library.

    GET {base}/api/symbol/access?s=<symbol>&l=<lang>&t=pdf

The service answers 202 while it prepares a document, 429 when it is asked too often, and sometimes an
HTML error page with status 200; so the body is checked to be a PDF and transient answers are retried
with exponential backoff. The file is written to a temporary name in the library folder, fsynced, then
renamed: a failed download never leaves a partial file (a `.part` file of a killed run is removed by the
next fetch into that folder). Nothing here prints: `on_wait` hears of each retry, to say so.

A server is an input too: every document has one deadline for all its attempts (`deadline`, connect and
read included), a body is refused past MAX_BYTES (when announced, before it is read), any request error
(a redirect loop, a broken Content-Encoding) fails that document only, the symbol is checked to be a UN
symbol before it becomes a file name, and the PDF that comes back is checked against it: when its first
page's header names another document, it is not saved.

httpx is imported inside the functions so that the CLI starts fast.
"""

from __future__ import annotations

import email.utils
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import SourceError, shown
from ..model import LANGUAGES
from ..text.symbols import header_symbol, library_filename, symbol_key
from ..text.symbols import normalize_symbol as known_symbol
from ..version import __version__
from . import tempfiles
from .library import default_library_dir

DEFAULT_BASE_URL = "https://documents.un.org"
ENV_DOCS_URL = "RESINSPECT_DOCS_URL"
PROJECT_URL = "https://github.com/resinspect/resinspect"
PDF_MAGIC = b"%PDF-"
MAX_BYTES = 200 * 1024 * 1024  # no Security Council document is near this; a guard against endless bodies
DEADLINE = 60.0  # seconds for one document, every attempt and wait included
# a UN document symbol as ODS knows them: series and parts separated by "/", a year or resumption after
_UN_SYMBOL = re.compile(
    r"[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+(?: \((?:\d{4}|Resumption(?: \d+)?)\))?"
)

_RETRY_STATUSES = {202, 408, 429, 500, 502, 503, 504}
Waiting = Callable[[str, str, str, float, int, int], None]  # symbol, lang, reason, seconds, attempt, attempts
_sleep = time.sleep  # tests replace this to record the waits instead of sleeping


def user_agent() -> str:
    """The honest User-Agent sent with every request."""
    return f"resinspect/{__version__} (+{PROJECT_URL}; UN document inspector)"


def normalize_symbol(symbol: str) -> str:
    """The UN's printed form: `s/res/2518(2020)` → `S/RES/2518 (2020)`, ` S / PV.8700 ` → `S/PV.8700`.

    Uses `resinspect.symbols` for the series it knows; any other symbol (ODS holds many more series) is
    upper-cased with its spacing tidied, rather than refused.
    """
    if printed := known_symbol(symbol):
        return printed
    s = " ".join(symbol.split()).upper()
    s = re.sub(r"\s*/\s*", "/", s)
    s = re.sub(r"\s*\(\s*(\d{4})\s*\)", r" (\1)", s)
    return s.strip()


def _base_url(base_url: str | None) -> str:
    return (base_url or os.environ.get(ENV_DOCS_URL) or DEFAULT_BASE_URL).rstrip("/")


def _check_lang(lang: str) -> str:
    code = lang.strip().lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (expected one of {', '.join(LANGUAGES)})")
    return code


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), or None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _wait(attempt: int, backoff: float, max_wait: float, retry_after: float | None = None) -> float:
    """Delay before retry number `attempt + 1`: Retry-After when given, else backoff·2^attempt; capped."""
    delay = retry_after if retry_after is not None else backoff * (2**attempt)
    return min(delay, max_wait)


class _Retry(Exception):
    """A transient failure: worth another try. `reason` ends up in the SourceError."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Fail(Exception):
    """A permanent failure: no point retrying."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open a directory; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def log_waiting(symbol: str, lang: str, reason: str, seconds: float, attempt: int, attempts: int) -> None:
    """An `on_wait` that logs to the `resinspect` logger (the command line prints it as a warning line)."""
    logging.getLogger("resinspect").warning(
        f"{shown(symbol)} ({lang}): {reason}; trying again in {seconds:.0f} s (attempt {attempt} of {attempts})"
    )


def un_symbol(printed: str) -> bool:
    """Whether a (normalized) symbol looks like a UN document symbol, so that it may become a file name:
    `.`, `..`, `///`, `S/../../etc` do not."""
    return len(printed) <= 100 and _UN_SYMBOL.fullmatch(printed) is not None


def _over(deadline: float) -> bool:
    return time.monotonic() > deadline


def _download_once(
    client: Any,
    url: str,
    params: dict[str, str],
    headers: dict[str, str],
    timeout: Any,
    target: Path,
    deadline: float = float("inf"),
    check: Callable[[Path], None] | None = None,
) -> None:
    """One GET; on success the PDF is at `target`. Raises _Retry, _Fail or httpx errors. Past `deadline`
    (time.monotonic) the answer is abandoned; `check(part)` may refuse the PDF before it is renamed."""
    with client.stream(
        "GET", url, params=params, headers=headers, timeout=timeout, follow_redirects=True
    ) as response:
        status = response.status_code
        if status in _RETRY_STATUSES:
            what = (
                "document still being prepared" if status == 202 else "server busy" if status == 429 else ""
            )
            reason = f"HTTP {status}" + (f" ({what})" if what else "")
            raise _Retry(reason, _retry_after(response.headers.get("Retry-After")))
        if status >= 500:
            raise _Retry(f"HTTP {status}")
        if status != 200:
            raise _Fail(f"HTTP {status}" + (" (no such document)" if status == 404 else ""))
        announced = response.headers.get("Content-Length", "")
        if announced.strip().isdigit() and int(announced) > MAX_BYTES:
            raise _Fail(
                f"the answer announces {int(announced):,} bytes, more than {MAX_BYTES // (1024 * 1024)} MB"
            )

        # Not mkstemp: its 0600 mode would stick to the library file; this one gets the umask's usual mode.
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        tempfiles.lock(fd)
        try:
            with os.fdopen(fd, "wb") as out:
                head = b""
                size = 0
                for chunk in response.iter_bytes():
                    if _over(deadline):
                        raise _Fail("no complete answer before the deadline")
                    if not chunk:
                        continue
                    if len(head) < len(PDF_MAGIC):
                        head += chunk[: len(PDF_MAGIC) - len(head)]
                        if len(head) >= len(PDF_MAGIC) and not head.startswith(PDF_MAGIC):
                            break
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise _Fail(f"answer larger than {MAX_BYTES // (1024 * 1024)} MB")
                    out.write(chunk)
                if not head.startswith(PDF_MAGIC):
                    ctype = (
                        response.headers.get("Content-Type", "").split(";")[0].strip() or "no content type"
                    )
                    raise _Fail(f"the server did not send a PDF ({ctype})")
                out.flush()
                os.fsync(out.fileno())
                if check is not None:
                    check(tmp)
                os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)


def _same_document(printed: str) -> Callable[[Path], None]:
    """A check that the PDF's first page names `printed` in its header (a PDF whose header cannot be read
    is let through: the reader will say what is wrong with it)."""

    def check(part: Path) -> None:
        from .pdf import read_pdf_report

        try:
            pages, _ = read_pdf_report(part, max_pages=1)
        except SourceError:
            return
        header = header_symbol([ln.text.strip() for ln in pages[0].lines])
        if header is not None and symbol_key(header) != symbol_key(printed):
            raise _Fail(f"the server sent {header}, not {printed} (its first page's header): not saved")

    return check


def _fetch(
    client: Any,
    symbol: str,
    lang: str,
    library: Path,
    base: str,
    retries: int,
    timeout: float,
    backoff: float,
    max_wait: float,
    deadline: float = DEADLINE,
    on_wait: Waiting | None = None,
    check_symbol: bool = True,
) -> Path:
    import httpx

    printed = normalize_symbol(symbol)

    def fail(reason: str) -> SourceError:
        return SourceError(
            f"could not fetch {shown(printed)} ({lang}): {reason}; not found in samples/ or the library"
        )

    if not un_symbol(printed):
        raise SourceError(
            f"{shown(symbol)}: not a UN document symbol (such as S/2020/249 or S/RES/2518 (2020))"
        )
    try:
        code = _check_lang(lang)
    except ValueError as e:
        raise fail(str(e)) from None
    lang = code
    try:
        library.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise fail(f"cannot create the library folder {library}: {e.strerror or e}") from None
    tempfiles.sweep(library, suffix=".part")  # what killed downloads left (nobody holds their lock)
    target = library / library_filename(printed, lang)
    url = f"{base}/api/symbol/access"
    params = {"s": printed, "l": lang, "t": "pdf"}
    headers = {"Accept": "application/pdf"}
    ua = client.headers.get("User-Agent", "")
    if not ua or ua.startswith("python-httpx/"):
        headers["User-Agent"] = user_agent()
    end = time.monotonic() + deadline if deadline and deadline > 0 else float("inf")
    check = _same_document(printed) if check_symbol else None

    reason = "no attempt made"
    attempts = 0
    for attempt in range(retries + 1):
        left = end - time.monotonic()
        if left <= 0:
            reason += f"; gave up at the deadline ({deadline:g} s for a document)"
            break
        attempts += 1
        retry_after = None
        per_read = min(timeout, left)
        http_timeout = httpx.Timeout(per_read, connect=min(per_read, 10.0))
        try:
            _download_once(client, url, params, headers, http_timeout, target, end, check)
            return target
        except _Fail as e:
            raise fail(e.reason) from None
        except _Retry as e:
            reason, retry_after = e.reason, e.retry_after
        except httpx.TimeoutException:
            reason = f"timed out after {per_read:g} s"
        except httpx.TransportError as e:  # connection refused/reset, truncated body, protocol errors
            detail = str(e) or type(e).__name__
            reason = f"connection failed ({detail})"
        except httpx.HTTPError as e:  # a redirect loop, a broken Content-Encoding: not worth retrying
            raise fail(f"{type(e).__name__}: {str(e) or 'request failed'}") from None
        except OSError as e:  # writing the library file
            raise fail(f"cannot write to {library}: {e.strerror or e}") from None
        except SourceError:
            raise
        except Exception as e:  # anything else a server can provoke in the client: this document only
            raise fail(f"{type(e).__name__}: {e}") from None
        if attempt < retries:
            wait = min(_wait(attempt, backoff, max_wait, retry_after), max(0.0, end - time.monotonic()))
            if on_wait is not None:
                on_wait(printed, lang, reason, wait, attempt + 2, retries + 1)
            _sleep(wait)
    if attempts > 1:
        reason += f", {attempts} attempts"
    raise fail(reason)


def _client(timeout: float) -> Any:
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        headers={"User-Agent": user_agent()},
    )


def fetch(
    symbol: str,
    lang: str,
    library: Path | None = None,
    base_url: str | None = None,
    client: Any = None,
    retries: int = 4,
    timeout: float = 30.0,
    *,
    backoff: float = 1.0,
    max_wait: float = 60.0,
    deadline: float = DEADLINE,
    on_wait: Waiting | None = None,
    check_symbol: bool = True,
) -> Path:
    """Download the PDF of `symbol` in `lang` into `library` and return its path.

    `library` defaults to the user's library; `base_url` to `$RESINSPECT_DOCS_URL`, else documents.un.org.
    `client` is an `httpx.Client` to reuse (one is made and closed otherwise). Transient answers (202, 429,
    5xx, timeouts, connection errors) are retried `retries` times, waiting `backoff`·2^n seconds, or what
    Retry-After says, never more than `max_wait`, and all within `deadline` seconds; `on_wait(symbol, lang,
    reason, seconds, attempt, attempts)` hears of each wait. With `check_symbol`, a PDF whose first page
    names another document is not saved. Raises `SourceError` on failure; the existing library file, if any,
    is left untouched then.
    """
    library = Path(library) if library is not None else default_library_dir()
    base = _base_url(base_url)
    args = (retries, timeout, backoff, max_wait, deadline, on_wait, check_symbol)
    if client is not None:
        return _fetch(client, symbol, lang, library, base, *args)
    with _client(timeout) as own:
        return _fetch(own, symbol, lang, library, base, *args)


def iter_fetch(
    symbols: Iterable[str],
    langs: Iterable[str],
    library: Path | None = None,
    base_url: str | None = None,
    client: Any = None,
    retries: int = 4,
    timeout: float = 30.0,
    *,
    backoff: float = 1.0,
    max_wait: float = 60.0,
    deadline: float = DEADLINE,
    on_wait: Waiting | None = None,
    check_symbol: bool = True,
) -> Iterator[tuple[str, str, Path | SourceError]]:
    """Like `fetch_many`, but yields each (symbol, lang, path-or-error) as soon as it is done."""
    langs = list(langs)
    library = Path(library) if library is not None else default_library_dir()
    own = None
    if client is None:
        client = own = _client(timeout)
    try:
        for symbol in symbols:
            printed = normalize_symbol(symbol)
            for lang in langs:
                try:
                    result: Path | SourceError = fetch(
                        printed,
                        lang,
                        library,
                        base_url,
                        client,
                        retries,
                        timeout,
                        backoff=backoff,
                        max_wait=max_wait,
                        deadline=deadline,
                        on_wait=on_wait,
                        check_symbol=check_symbol,
                    )
                except SourceError as e:
                    result = e
                yield printed, lang, result
    finally:
        if own is not None:
            own.close()


def fetch_many(
    symbols: Iterable[str],
    langs: Iterable[str],
    library: Path | None = None,
    base_url: str | None = None,
    client: Any = None,
    retries: int = 4,
    timeout: float = 30.0,
    *,
    backoff: float = 1.0,
    max_wait: float = 60.0,
) -> list[tuple[str, str, Path | SourceError]]:
    """Fetch every symbol in every language over one connection pool; a failure does not stop the others.

    Returns (printed symbol, lang, path or the SourceError) per pair, symbols outer, languages inner.
    """
    return list(
        iter_fetch(
            symbols, langs, library, base_url, client, retries, timeout, backoff=backoff, max_wait=max_wait
        )
    )
