"""A cache of extracted page texts, keyed by the PDF's content sha256 and the tool's version.

One JSON file per document, `<sha256>.json`, in `$RESINSPECT_HOME/cache` or the platform's user cache
folder. Each file records the version that wrote it, so a new version of resinspect (whose extraction may
differ) misses and overwrites. Files are written atomically (temporary file + rename). A missing, corrupt
or unreadable entry is a miss, never an error, and a cache that cannot be written is silently skipped.
`RESINSPECT_NO_CACHE=1` turns the cache off.

Beside the page texts an entry may hold the cleaned document (text, page index, languages, warnings), reused
only by an engine with the same code and data digest: a warm re-run then skips cleaning too.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

ENV_NO_CACHE = "RESINSPECT_NO_CACHE"
FORMAT = 1  # bump when the layout of a cache file changes
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _version() -> str:
    """The package version and the PDF reader's own version: page texts change with either."""
    from . import __version__
    from .pdftext import READER_VERSION

    return f"{__version__}/reader-{READER_VERSION}"


def cache_dir() -> Path:
    """`$RESINSPECT_HOME/cache`, else the platform's user cache folder for resinspect."""
    home = os.environ.get("RESINSPECT_HOME")
    if home:
        return Path(home) / "cache"
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # platformdirs is a dependency; this keeps the engine importable without it
        return Path.home() / ".cache" / "resinspect"
    return Path(user_cache_dir("resinspect", appauthor=False))


def enabled() -> bool:
    """False when `RESINSPECT_NO_CACHE` is set to anything but empty/0/false/no."""
    return os.environ.get(ENV_NO_CACHE, "").strip().lower() in ("", "0", "false", "no")


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file's content: the cache key."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _entry(sha256: str) -> Path | None:
    key = sha256.strip().lower()
    if not _SHA256.fullmatch(key):
        return None
    return cache_dir() / f"{key}.json"


def _record(sha256: str) -> dict | None:
    """The valid cache record for this content hash, or None (disabled, absent, stale, or corrupt)."""
    if not enabled():
        return None
    path = _entry(sha256)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != _version():
        return None
    pages = data.get("pages")
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        return None
    return data


def get(sha256: str) -> list[str] | None:
    """The cached page texts for this content hash, or None (disabled, absent, stale, or corrupt)."""
    data = _record(sha256)
    return None if data is None else data["pages"]


def get_document(sha256: str) -> dict | None:
    """The cleaned document stored with the page texts (`put_document`), if it was written by this very
    engine (same source digest), else None."""
    data = _record(sha256)
    doc = data.get("document") if data else None
    if not isinstance(doc, dict) or doc.get("engine") != engine_digest():
        return None
    return doc


def put_document(sha256: str, pages: list[str], document: dict) -> None:
    """Store the page texts together with the cleaned document made from them (one write, no re-read)."""
    _write(sha256, pages, {**document, "engine": engine_digest()})


@functools.cache
def engine_digest() -> str:
    """A digest of the engine's code and data: a cleaned document is reused only by the engine that made it
    (a development checkout changes without a new version number)."""
    h = hashlib.sha256()
    root = Path(__file__).parent
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", ".toml", ".json") and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def put(sha256: str, pages: list[str]) -> None:
    """Store the page texts for this content hash. Does nothing when disabled or the folder is not writable."""
    _write(sha256, pages, None)


def _write(sha256: str, pages: list[str], document: dict | None) -> None:
    path = _entry(sha256)
    if path is None:
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    if not enabled():
        return
    record: dict = {"format": FORMAT, "version": _version(), "sha256": path.stem, "pages": list(pages)}
    if document is not None:
        record["document"] = document
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def clear() -> int:
    """Remove every cache entry (and leftover temporary files); return how many entries were removed."""
    folder = cache_dir()
    removed = 0
    try:
        names = list(folder.iterdir())
    except OSError:
        return 0
    for path in names:
        is_entry = path.suffix == ".json" and _SHA256.fullmatch(path.stem) is not None
        is_tmp = path.name.startswith(".") and path.suffix == ".tmp"
        if not (is_entry or is_tmp):
            continue  # never delete what we did not write
        try:
            path.unlink()
        except OSError:
            continue
        removed += is_entry
    return removed
