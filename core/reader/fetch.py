"""Download a document's PDF from the UN Official Document System (ODS) into the user's library.

    GET {base}/api/symbol/access?s=<symbol>&l=<lang>&t=pdf

The service answers 202 while it prepares a document, 429 when it is asked too often, and sometimes an
HTML error page with status 200; so the body is checked to be a PDF and transient answers are retried
with exponential backoff. The file is written to a temporary name in the library folder, fsynced, then
renamed: a failed download never leaves a partial file. Nothing here prints.

httpx is imported inside the functions so that the CLI starts fast.
"""

from __future__ import annotations

import email.utils
import os
import re
import secrets
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model import LANGUAGES
from ..text.symbols import library_filename
from ..text.symbols import normalize_symbol as known_symbol
from ..version import __version__
from .library import default_library_dir

DEFAULT_BASE_URL = "https://documents.un.org"
ENV_DOCS_URL = "RESINSPECT_DOCS_URL"
PROJECT_URL = "https://github.com/resinspect/resinspect"
PDF_MAGIC = b"%PDF-"
MAX_BYTES = 200 * 1024 * 1024  # no Security Council document is near this; a guard against endless bodies

_RETRY_STATUSES = {202, 408, 429, 500, 502, 503, 504}
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


def _download_once(
    client: Any, url: str, params: dict[str, str], headers: dict[str, str], timeout: Any, target: Path
) -> None:
    """One GET; on success the PDF is at `target`. Raises _Retry, _Fail or httpx transport errors."""
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

        # Not mkstemp: its 0600 mode would stick to the library file; this one gets the umask's usual mode.
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(fd, "wb") as out:
                head = b""
                size = 0
                for chunk in response.iter_bytes():
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
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)


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
) -> Path:
    import httpx

    printed = normalize_symbol(symbol)

    def fail(reason: str) -> SourceError:
        return SourceError(
            f"could not fetch {printed} ({lang}): {reason}; not found in samples/ or the library"
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
    target = library / library_filename(printed, lang)
    url = f"{base}/api/symbol/access"
    params = {"s": printed, "l": lang, "t": "pdf"}
    headers = {"Accept": "application/pdf"}
    ua = client.headers.get("User-Agent", "")
    if not ua or ua.startswith("python-httpx/"):
        headers["User-Agent"] = user_agent()
    http_timeout = httpx.Timeout(timeout, connect=min(timeout, 10.0))

    reason = "no attempt made"
    for attempt in range(retries + 1):
        retry_after = None
        try:
            _download_once(client, url, params, headers, http_timeout, target)
            return target
        except _Fail as e:
            raise fail(e.reason) from None
        except _Retry as e:
            reason, retry_after = e.reason, e.retry_after
        except httpx.TimeoutException:
            reason = f"timed out after {timeout:g} s"
        except httpx.TransportError as e:  # connection refused/reset, truncated body, protocol errors
            detail = str(e) or type(e).__name__
            reason = f"connection failed ({detail})"
        except OSError as e:  # writing the library file
            raise fail(f"cannot write to {library}: {e.strerror or e}") from None
        if attempt < retries:
            _sleep(_wait(attempt, backoff, max_wait, retry_after))
    if retries:
        reason += f", {retries + 1} attempts"
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
) -> Path:
    """Download the PDF of `symbol` in `lang` into `library` and return its path.

    `library` defaults to the user's library; `base_url` to `$RESINSPECT_DOCS_URL`, else documents.un.org.
    `client` is an `httpx.Client` to reuse (one is made and closed otherwise). Transient answers (202, 429,
    5xx, timeouts, connection errors) are retried `retries` times, waiting `backoff`·2^n seconds, or what
    Retry-After says, never more than `max_wait`. Raises `SourceError` on failure; the existing library
    file, if any, is left untouched then.
    """
    library = Path(library) if library is not None else default_library_dir()
    base = _base_url(base_url)
    if client is not None:
        return _fetch(client, symbol, lang, library, base, retries, timeout, backoff, max_wait)
    with _client(timeout) as own:
        return _fetch(own, symbol, lang, library, base, retries, timeout, backoff, max_wait)


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
