"""A cache of the pages read from PDFs, keyed by the PDF's content sha256 and the tool's version.

Each page is kept as its lines: text, box on the page and paragraph hint (`model.Page`). One JSON file per
document, `<sha256>.json`, in `$RESINSPECT_HOME/cache` or the platform's user cache
folder. Each file records the version that wrote it, so a new version of resinspect (whose extraction may
differ) misses and overwrites. Files are written atomically (temporary file + rename). A missing, corrupt
or unreadable entry is a miss, never an error, and a cache that cannot be written is silently skipped.
`RESINSPECT_NO_CACHE=1` turns the cache off.

Beside the pages an entry may hold the cleaned document (text, page index, source lines, languages,
warnings), reused only by an engine with the same code and data digest: a warm re-run then skips cleaning too.
An entry of the wrong shape is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from .. import version
from ..model import Document, Footnote, Issue, Line, Page, RawSource, TextLine
from .layout import READER_VERSION

ENV_NO_CACHE = "RESINSPECT_NO_CACHE"
FORMAT = 3  # bump when the layout of a cache file changes
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _version() -> str:
    """The package version and the PDF reader's own version: pages change with either."""
    return f"{version.__version__}/reader-{READER_VERSION}"


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


def _record(sha256: str) -> dict[str, Any] | None:
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
    if not isinstance(data.get("pages"), list):
        return None
    return data


_HINTS = {"s": "start", "w": "wrap", "": "unknown"}
_HINT_CODES = {v: k for k, v in _HINTS.items()}


def _box(b: Any) -> tuple[float, float, float, float] | None:
    if b is None:
        return None
    if not (isinstance(b, list) and len(b) == 4 and all(isinstance(x, int | float) for x in b)):
        raise TypeError("box")
    return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def _number(x: Any) -> float | None:
    if x is None:
        return None
    if not isinstance(x, int | float) or isinstance(x, bool):
        raise TypeError("gap")
    return float(x)


def _page_to_json(p: Page) -> dict[str, Any]:
    return {
        "number": p.number,
        "width": p.width,
        "height": p.height,
        "cid": p.cid_glyphs,
        # text, hint, then (PDF lines) the box and the gap above the line
        "lines": [[ln.text, _HINT_CODES[ln.hint], *((*ln.box, ln.gap) if ln.box else ())] for ln in p.lines],
    }


def _page_from_json(d: Any) -> Page:
    """A page from its JSON form; raises TypeError/KeyError/ValueError on anything of the wrong shape."""
    lines = []
    for text, hint, *rest in d["lines"]:
        if not isinstance(text, str):
            raise TypeError("text")
        box, gap = rest[:4], rest[4:]
        if box and len(gap) != 1:
            raise TypeError("gap")
        line_gap = _number(gap[0]) if box else None
        lines.append(Line(text, _box(box) if box else None, _HINTS[hint], line_gap))  # type: ignore[arg-type]
    width, height, cid = d["width"], d["height"], d["cid"]
    if not (isinstance(d["number"], int) and isinstance(cid, int)):
        raise TypeError("number")
    return Page(d["number"], tuple(lines), float(width), float(height), cid)


def get(sha256: str) -> list[Page] | None:
    """The cached pages for this content hash, or None (disabled, absent, stale, corrupt, wrong shape)."""
    data = _record(sha256)
    if data is None:
        return None
    try:
        return [_page_from_json(p) for p in data["pages"]]
    except (KeyError, TypeError, ValueError):
        return None


def load_document(raw: RawSource) -> Document | None:
    """The cleaned document of this PDF from the cache (written by this very engine: same code and data
    digest), for this call's input; None when there is none or it has the wrong shape."""
    if raw.kind != "pdf":
        return None
    data = _record(raw.sha256)
    d = data.get("document") if data else None
    if not isinstance(d, dict) or d.get("engine") != engine_digest():
        return None
    try:
        text = d["text"]
        if not isinstance(text, str) or not all(isinstance(x, str) for x in d["languages"]):
            return None
        return Document(
            input=raw.input,
            path=raw.path,
            sha256=raw.sha256,
            text=text,
            page_starts=[int(x) for x in d["page_starts"]],
            kind=raw.kind,
            symbol=raw.symbol,
            languages=list(d["languages"]),
            issues=[Issue(i["code"], i["message"], tuple(int(x) for x in i["pages"])) for i in d["issues"]],
            source_pages=int(d["source_pages"]) if d["source_pages"] is not None else None,
            lines=[TextLine(int(a), int(b), int(p), _box(box)) for a, b, p, box in d["lines"]],
            page_languages=[[str(x) for x in langs] for langs in d["page_languages"]],
            footnotes=[Footnote(int(p), str(m), str(t), _box(box)) for p, m, t, box in d["footnotes"]],
        )
    except (KeyError, TypeError, ValueError):  # a damaged entry is a miss
        return None


def store_document(raw: RawSource, doc: Document) -> None:
    """Store a PDF's pages together with the cleaned document made from them (one write, no re-read)."""
    if raw.kind != "pdf":
        return
    document = {
        "text": doc.text,
        "page_starts": doc.page_starts,
        "languages": doc.languages,
        "issues": [{"code": i.code, "message": i.message, "pages": list(i.pages)} for i in doc.issues],
        "source_pages": doc.source_pages,
        "lines": [[ln.start, ln.end, ln.page, list(ln.box) if ln.box else None] for ln in doc.lines],
        "page_languages": doc.page_languages,
        "footnotes": [[f.page, f.mark, f.text, list(f.box) if f.box else None] for f in doc.footnotes],
        "engine": engine_digest(),
    }
    _write(raw.sha256, raw.pages, document)


@functools.cache
def engine_digest() -> str:
    """A digest of the engine's code and data: a cleaned document is reused only by the engine that made it
    (a development checkout changes without a new version number)."""
    h = hashlib.sha256()
    root = Path(__file__).parent.parent  # the whole package: code and data
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", ".toml", ".json") and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def put(sha256: str, pages: list[Page]) -> None:
    """Store the pages for this content hash. Does nothing when disabled or the folder is not writable."""
    _write(sha256, pages, None)


def _write(sha256: str, pages: list[Page], document: dict[str, Any] | None) -> None:
    path = _entry(sha256)
    if path is None:
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    if not enabled():
        return
    record: dict[str, Any] = {
        "format": FORMAT,
        "version": _version(),
        "sha256": path.stem,
        "pages": [_page_to_json(p) for p in pages],
    }
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
