"""A cache of the pages read from PDFs, keyed by the PDF's content sha256, the tool's version and the PDF
engine that read them.

Each page is kept as its lines: text, box on the page and paragraph hint (`model.Page`). One JSON file per
document, `<sha256>.json`, in `$RESINSPECT_HOME/cache` or the platform's user cache
folder. Each file records the version and the engine that wrote it, so a new version of resinspect (whose
extraction may differ), or a read by the other engine, misses and overwrites. Files are written atomically (temporary file + rename). A missing, corrupt
or unreadable entry is a miss, never an error, and a cache that cannot be written is silently skipped.
`RESINSPECT_NO_CACHE=1` turns the cache off. The cache keeps to a size (`RESINSPECT_CACHE_MAX`, default
512M): the entries used least recently go first (reading an entry marks it used), and temporary files left by
killed runs are removed.

Beside the pages an entry may hold the cleaned document (text, page index, source lines, languages,
warnings), reused only by an engine with the same code and data digest: a warm re-run then skips cleaning too,
and the inspection records a batch made of it (`load_record`), which a warm batch takes instead of reading the
document. An extracted text's entry (`TEXT`) holds such records only: its pages are cheap to read again. An
entry is two JSON objects, one a line: a small head (format, version, sha256, the inspection
records), then the body (pages, issues, document), so that a warm batch parses the head only. An entry of the
wrong shape is a miss.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import version
from ..model import LANGUAGES, Document, Footnote, Issue, Line, Page, RawSource, TextLine
from . import tempfiles
from .layout import READER_VERSION
from .library import user_dir

ENV_NO_CACHE = "RESINSPECT_NO_CACHE"
ENV_CACHE_MAX = "RESINSPECT_CACHE_MAX"
DEFAULT_MAX = 512 * 1024 * 1024
ENTRY_MAX = 128 * 1024 * 1024  # an entry larger than this is not read (3,000 pages of text are ~30 MB)
STALE_TMP = 600.0  # seconds: a temporary file this old was left by a killed run (a live write takes less)
EVICT_EVERY = 32  # writes between two looks at the cache's size (a look lists the folder)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
FORMAT = 6  # bump when the layout of a cache file changes
TEXT = "text"  # what read an extracted text (no PDF engine): its entry keeps the batch's records, no pages
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _version(engine: str | None = None) -> str:
    """The package version, the layout's version and the PDF engine with its version (default: the one
    `engines.choose` gives): pages change with any of them. An extracted text's entry (`TEXT`) holds
    inspection records only."""
    if engine == TEXT:
        return f"{version.__version__}/text"
    from .engines import VERSIONS, choose

    name = choose(engine)
    return f"{version.__version__}/reader-{READER_VERSION}/{name}-{VERSIONS[name]}"


def cache_dir() -> Path:
    """`$RESINSPECT_HOME/cache`, else the platform's user cache folder for resinspect."""
    return user_dir("cache")


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


def max_bytes() -> int | None:
    """The cache's size limit in bytes (`RESINSPECT_CACHE_MAX`: `512M`, `2G`, `100000`; `0`: no limit)."""
    raw = os.environ.get(ENV_CACHE_MAX, "").strip().upper().removesuffix("B").removesuffix("I")
    if not raw:
        return DEFAULT_MAX
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT]?)", raw)
    if not m:
        return DEFAULT_MAX
    n = int(float(m[1]) * _UNITS[m[2]])
    return n or None


def _record(sha256: str, engine: str | None = None, head: bool = False) -> dict[str, Any] | None:
    """The valid cache record for this content hash, or None (disabled, absent, stale, corrupt, not a plain
    file, or larger than the cache may be: a link to an endless file is not read). `head`: the entry's head
    is enough (its inspection records, `load_record`): the pages and document after it are not parsed."""
    if not enabled():
        return None
    path = _entry(sha256)
    if path is None:
        return None
    global _swept
    if not _swept:  # once per process: what a killed run left, even in a run that only reads
        _swept = True
        tempfiles.sweep(path.parent)
    try:
        st = os.lstat(path)
        limit = min(max_bytes() or ENTRY_MAX, ENTRY_MAX)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        key = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
        if _last[0] == key and (head or _last[2]):  # read a moment ago, unchanged (pages, then the document)
            data = _last[1]
        else:
            with open(path, encoding="utf-8") as f:  # the head is the first line: read no more of it
                data = _parse(f.readline() if head else f.read(), head)
            os.utime(path)  # used now: the last to go when the cache is full
            st = os.lstat(path)
            _last[:] = [(str(path), st.st_mtime_ns, st.st_size, st.st_ino), data, not head]
    except (OSError, ValueError, RecursionError):  # missing, unreadable, not UTF-8, not JSON, too deep
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != _version(engine):
        return None
    if not head and not isinstance(data.get("pages"), list):
        return None
    return data


_DECODER = json.JSONDecoder()


def _parse(text: str, head: bool = False) -> Any:
    """An entry's text: its head (format, version, sha256, inspection records), then, unless `head`, its body
    (pages, issues, document) merged into it. ValueError for anything but one or two JSON objects."""
    first, end = _DECODER.raw_decode(text)
    if head or not isinstance(first, dict):
        return first
    rest = text[end:].strip()
    if not rest:
        return first
    body = json.loads(rest)
    if not isinstance(body, dict):
        raise ValueError("cache entry body is not an object")
    return {**body, **first}


HEAD = ("format", "version", "sha256", "records")  # an entry's head: what a warm re-run reads


# the entry read last, parsed (read_source takes its pages, then load_document its document): a warm
# re-run parses each entry once; its file's identity and times are part of the key; the third item says
# whether the body was parsed too
_last: list[Any] = [None, None, False]


def _forget() -> None:
    """Drop the entry read last (it was handed over, or rewritten)."""
    _last[:] = [None, None, False]


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


def _opt_str(v: Any) -> str | None:
    if v is not None and not isinstance(v, str):
        raise TypeError("str")
    return v


def _opt_int(v: Any) -> int | None:
    if v is not None and not _is_int(v):
        raise TypeError("int")
    return v


def _page_to_json(p: Page) -> dict[str, Any]:
    return {
        "number": p.number,
        "width": p.width,
        "height": p.height,
        "cid": p.cid_glyphs,
        # text, hint, box (None for text input), each character's x extent (PDFs), the gap above the line
        "lines": [[ln.text, _HINT_CODES[ln.hint], ln.box, ln.chars, ln.gap] for ln in p.lines],
    }


def _page_from_json(d: Any) -> Page:
    """A page from its JSON form; raises TypeError/KeyError/ValueError on anything of the wrong shape."""
    lines = []
    for text, hint, box, chars, gap in d["lines"]:
        if not isinstance(text, str):
            raise TypeError("text")
        if chars is not None:
            if not isinstance(chars, list) or len(chars) != 2 * len(text):
                raise TypeError("chars")
            chars = tuple(float(x) for x in chars)
        lines.append(Line(text, _box(box), _HINTS[hint], chars, _number(gap)))  # type: ignore[arg-type]
    width, height, cid = d["width"], d["height"], d["cid"]
    if not (_is_int(d["number"]) and d["number"] >= 1 and _is_int(cid) and cid >= 0):
        raise TypeError("number")
    if not (isinstance(width, int | float) and isinstance(height, int | float)):
        raise TypeError("size")
    return Page(d["number"], tuple(lines), float(width), float(height), cid)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _issues(raw: Any) -> list[Issue]:
    """Issues from their JSON form; raises TypeError/KeyError/ValueError on the wrong shape."""
    if not isinstance(raw, list):
        raise TypeError("issues")
    out = []
    for i in raw:
        code, message, pages = i["code"], i["message"], i["pages"]
        if not (isinstance(code, str) and isinstance(message, str) and isinstance(pages, list)):
            raise TypeError("issue")
        out.append(Issue(code, message, tuple(int(x) for x in pages)))  # type: ignore[arg-type]
    return out


def get(sha256: str, engine: str | None = None) -> list[Page] | None:
    """The cached pages for this content hash read by `engine` (default: `engines.choose()`), or None
    (disabled, absent, stale, another engine's, corrupt, wrong shape)."""
    found = lookup(sha256, engine)
    return found[0] if found else None


def lookup(sha256: str, engine: str | None = None) -> tuple[list[Page], list[Issue]] | None:
    """The cached pages for this content hash read by `engine` and the issues met reading them, or None
    (disabled, absent, stale, another engine's, corrupt, wrong shape: an entry with no page, or a page with
    no line, is a miss too)."""
    data = _record(sha256, engine)
    if data is None:
        return None
    try:
        pages = [_page_from_json(p) for p in data["pages"]]
        issues = _issues(data.get("issues", []))
    except (KeyError, TypeError, ValueError):
        return None
    if not pages or not any(p.lines for p in pages):
        return None  # no PDF the reader accepts gives that: an entry that would poison a good document
    return pages, issues


def load_document(raw: RawSource) -> Document | None:
    """The cleaned document of this PDF from the cache (written by this very engine: same code and data
    digest), for this call's input; None when there is none or it has the wrong shape."""
    if raw.kind != "pdf":
        return None
    data = _record(raw.sha256, raw.engine)
    d = data.get("document") if data else None
    if not isinstance(d, dict) or d.get("engine") != engine_digest():
        return None
    try:
        return _document(raw, d)
    except (KeyError, TypeError, ValueError):  # a damaged entry is a miss
        return None


def _document(raw: RawSource, d: dict[str, Any]) -> Document | None:
    """The cached Document, checked against its schema (types, sizes, offsets inside the text); None, or
    TypeError/KeyError/ValueError, for anything else."""
    text, languages, starts = d["text"], d["languages"], d["page_starts"]
    if not isinstance(text, str) or not text.strip():
        return None  # `clean` refuses a document with no text: an empty one is no cleaned document
    if not (isinstance(languages, list) and all(x in LANGUAGES for x in languages)):
        return None
    if not (isinstance(starts, list) and starts and all(_is_int(x) for x in starts)):
        return None
    if starts != sorted(starts) or starts[0] != 0 or starts[-1] > len(text) or len(starts) != len(raw.pages):
        return None
    page_languages = d["page_languages"]
    if not (isinstance(page_languages, list) and len(page_languages) == len(starts)):
        return None
    if not all(isinstance(p, list) and all(x in LANGUAGES for x in p) for p in page_languages):
        return None
    source_pages = d["source_pages"]
    if source_pages is not None and not (_is_int(source_pages) and source_pages >= 0):
        return None
    lines = []
    for a, b, p, box, li, off in d["lines"]:
        if not (
            _is_int(a) and _is_int(b) and _is_int(p) and 0 <= a <= b <= len(text) and 1 <= p <= len(starts)
        ):
            return None
        lines.append(TextLine(a, b, p, _box(box), _opt_int(li), _opt_int(off)))
    footnotes = _footnotes(d["footnotes"], len(starts))
    if footnotes is None:
        return None
    return Document(
        input=raw.input,
        path=raw.path,
        sha256=raw.sha256,
        text=text,
        page_starts=starts,
        kind=raw.kind,
        header_symbol=_opt_str(d["header_symbol"]),
        languages=languages,
        issues=_issues(d["issues"]),
        source_pages=source_pages,
        lines=lines,
        page_languages=page_languages,
        footnotes=footnotes,
        layout=raw.pages,
    )


def _footnotes(raw: Any, n_pages: int) -> list[Footnote] | None:
    """The pages' footnotes from their JSON form ([page, mark, text, box]); None for a page out of the
    document, TypeError/KeyError/ValueError for anything else of the wrong shape."""
    if not isinstance(raw, list):
        raise TypeError("footnotes")
    out = []
    for page, mark, text, box in raw:
        if not (_is_int(page) and isinstance(mark, str) and isinstance(text, str)):
            raise TypeError("footnote")
        if not 1 <= page <= n_pages:
            return None
        out.append(Footnote(page, mark, text, _box(box)))
    return out


def store_document(raw: RawSource, doc: Document) -> None:
    """Store a PDF's pages together with the cleaned document made from them (one write, no re-read)."""
    if raw.kind != "pdf":
        return
    document = {
        "text": doc.text,
        "header_symbol": doc.header_symbol,
        "page_starts": doc.page_starts,
        "languages": doc.languages,
        "issues": [
            {"code": i.code, "message": i.message, "pages": list(i.pages)}
            for i in doc.issues
            if i.code != "symbol-mismatch"  # owed to the name, not the content: set again on reading
        ],
        "source_pages": doc.source_pages,
        "lines": [[ln.start, ln.end, ln.page, ln.box, ln.line, ln.offset] for ln in doc.lines],
        "page_languages": doc.page_languages,
        "footnotes": [[f.page, f.mark, f.text, list(f.box) if f.box else None] for f in doc.footnotes],
        "engine": engine_digest(),
    }
    if _held.entry is not None:  # a batch makes its record next: one write with it (`holding`)
        _held.entry = (raw.sha256, raw.pages, document, raw.issues, raw.engine)
        return
    _write(raw.sha256, raw.pages, document, raw.issues, raw.engine)


class _Held(threading.local):
    """The entry `store_document` holds back while a batch makes the record it is to be written with
    (`holding`), per thread (a Dask worker may run several): None outside `holding`, () inside with nothing
    held, else (sha256, pages, document, issues, engine)."""

    entry: Any = None


_held = _Held()


@contextlib.contextmanager
def holding() -> Iterator[None]:
    """Within, `store_document` keeps its entry instead of writing it, and `store_record` writes it with the
    record, in one write; what is still held on leaving (no record was made) is written then."""
    _held.entry = ()
    try:
        yield
    finally:
        held, _held.entry = _held.entry, None
        if held:
            _write(*held)


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


def put(
    sha256: str, pages: list[Page], issues: list[Issue] | tuple[Issue, ...] = (), engine: str | None = None
) -> None:
    """Store the pages `engine` read for this content hash (and the issues met reading them). Does nothing
    when disabled or the folder is not writable."""
    _write(sha256, pages, None, issues, engine)


def _write(
    sha256: str,
    pages: list[Page],
    document: dict[str, Any] | None,
    issues: Any = (),
    engine: str | None = None,
) -> None:
    path = _entry(sha256)
    if path is None:
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    if not enabled():
        return
    _dump(path, _full_entry(path, engine, pages, document, issues))


def _full_entry(
    path: Path, engine: str | None, pages: list[Page], document: dict[str, Any] | None, issues: Any
) -> dict[str, Any]:
    """A new entry for `path` with these pages, the issues met reading them and the cleaned document."""
    record = _new_entry(path, engine, pages)
    if issues:
        record["issues"] = [{"code": i.code, "message": i.message, "pages": list(i.pages)} for i in issues]
    if document is not None:
        record["document"] = document
    return record


def _new_entry(path: Path, engine: str | None, pages: list[Page]) -> dict[str, Any]:
    """A new entry for `path` (its head's format, version and sha256, and these pages)."""
    return {
        "format": FORMAT,
        "version": _version(engine),
        "sha256": path.stem,
        "pages": [_page_to_json(p) for p in pages],
    }


def _dump(path: Path, record: dict[str, Any]) -> None:
    """Write an entry atomically (a locked temporary file renamed when complete), then keep the cache within
    its limit now and then."""
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
        tempfiles.lock(fd)  # until written: a killed write's file is known for a leftover at once
        tmp = Path(name)
        # json.dumps, not json.dump: dump writes through the pure-Python encoder, chunk by chunk (about 10 ms a
        # page of character extents), dumps through the C one, the same text
        head = json.dumps({k: record[k] for k in HEAD if k in record}, ensure_ascii=False)
        body = json.dumps({k: v for k, v in record.items() if k not in HEAD}, ensure_ascii=False)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(head)
            f.write("\n")
            f.write(body)
        os.replace(tmp, path)  # no fsync: an entry lost in a crash is read again, a damaged one is a miss
        tmp = None
    except OSError:
        pass  # a cache that cannot be written is no cache, not an error
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    global _writes
    _writes += 1
    if (_writes - 1) % EVICT_EVERY == 0:  # the first write of a run, and every EVICT_EVERY-th
        evict()


_writes = 0
_swept = False

RECORDS_KEPT = 4  # inspection records an entry keeps (one per way of asking: input name, language, library)


def _record_key(input: str, lang: str | None, library: Any) -> str:
    """What a cached inspection record depends on besides the PDF's bytes and engine: this code and data
    (`engine_digest`), and how it was asked for (the name given, the language, the library)."""
    return json.dumps([engine_digest(), input, lang, [str(x) for x in library or ()]], ensure_ascii=False)


def load_record(
    sha256: str, engine: str | None, input: str, lang: str | None = None, library: Any = None
) -> dict[str, Any] | None:
    """The inspection record (`jsonout.inspection`) stored for this file (a PDF read by `engine`, or an
    extracted text: `TEXT`), asked for as `input` with `lang` and `library` by this code, or None. A warm
    re-run of a corpus takes it instead of finding paragraphs, citations and votes again."""
    data = _record(sha256, engine, head=True)
    records = data.get("records") if data else None
    rec = records.get(_record_key(input, lang, library)) if isinstance(records, dict) else None
    src = rec.get("source") if isinstance(rec, dict) else None
    if not isinstance(src, dict) or src.get("sha256") != sha256.lower() or src.get("input") != input:
        return None  # not the record of this file asked for so: a miss
    _forget()  # a hit needs nothing else: the record is the caller's, not a copy
    return rec


def store_record(
    sha256: str, engine: str | None, input: str, lang: str | None, library: Any, rec: dict[str, Any]
) -> None:
    """Keep `rec` in the entry of this file under the way it was asked for (`load_record`), with at most
    RECORDS_KEPT others: beside a PDF's cleaned document (which its entry must hold already), or, for an
    extracted text (`TEXT`: reading one is cheap, its pages are not kept), in an entry of records only."""
    key = _record_key(input, lang, library)
    path = _entry(sha256)
    if path is None or not enabled():
        return
    held = _held.entry
    data: dict[str, Any] | None
    if held and held[0] == sha256 and held[4] == engine:  # the document just cleaned, not written yet
        _held.entry = ()
        _sha, pages, document, issues, _engine = held
        data = _full_entry(path, engine, pages, document, issues)
    else:
        data = _record(sha256, engine)
    if engine == TEXT and data is None:
        data = _new_entry(path, engine, [])
    if data is None or (engine != TEXT and not isinstance(data.get("document"), dict)):
        return
    old = data.get("records")
    records = {k: v for k, v in old.items() if k != key} if isinstance(old, dict) else {}
    records[key] = rec
    _dump(path, {**data, "records": dict(list(records.items())[-RECORDS_KEPT:])})
    _forget()


def _listing(folder: Path) -> tuple[list[tuple[float, int, Path]], list[tuple[float, Path]]]:
    """(mtime, size, path) of each entry, and (mtime, path) of each temporary file, in `folder`."""
    entries: list[tuple[float, int, Path]] = []
    temporary: list[tuple[float, Path]] = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                try:
                    if (
                        e.name.endswith(".json")
                        and _SHA256.fullmatch(e.name[:-5])
                        and e.is_file(follow_symlinks=False)
                    ):
                        st = e.stat(follow_symlinks=False)
                        entries.append((st.st_mtime, st.st_size, Path(e.path)))
                    elif e.name.startswith(".") and e.name.endswith(".tmp"):
                        temporary.append((e.stat(follow_symlinks=False).st_mtime, Path(e.path)))
                except OSError:
                    continue
    except OSError:
        pass
    return entries, temporary


def evict(limit: int | None = None) -> int:
    """Keep the cache within its limit, least recently used entries first out; remove temporary files left
    by killed runs. Returns how many entries were removed."""
    limit = max_bytes() if limit is None else limit
    entries, temporary = _listing(cache_dir())
    now = time.time()
    for mtime, path in temporary:
        if now - mtime > STALE_TMP:
            path.unlink(missing_ok=True)
    tempfiles.sweep(cache_dir())  # the younger ones nobody is writing (a write killed a moment ago)
    if limit is None:
        return 0
    total = sum(size for _, size, _ in entries)
    removed = 0
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        try:
            path.unlink()
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


def info() -> dict[str, Any]:
    """Where the cache is, how many entries it holds, their size, and its limit."""
    folder = cache_dir()
    entries, temporary = _listing(folder)
    return {
        "path": str(folder),
        "entries": len(entries),
        "bytes": sum(size for _, size, _ in entries),
        "limit": max_bytes(),
        "temporary": len(temporary),
        "enabled": enabled(),
    }


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
