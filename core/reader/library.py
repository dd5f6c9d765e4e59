"""Where documents live: the bundled samples, folders named by the user, and the user's library (the
file-name form of a symbol is `text.symbols.library_filename`).

A library folder is an input like any other: one that cannot be listed, or an entry that is a broken link or
a link loop, is skipped with one warning (logged to the `resinspect` logger, which the command line prints
as a `warning:` line), and the other folders are still searched. Each folder is listed once per process
(`index`), and again only when it changes, so that 100 symbols over a 10,000-file folder list it once.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from ..model import Lang
from ..text.symbols import parse_filename, symbol_key

ENV_LIBRARY = "RESINSPECT_LIBRARY"
SUFFIXES = {".pdf", ".txt", ".text"}
log = logging.getLogger("resinspect")

Index = dict[str, dict[Lang | None, Path]]  # symbol key → language → file
_INDEX: dict[str, tuple[int, Index]] = {}  # folder → (its mtime when listed, its index)
_WARNED: set[str] = set()
_LOCK = threading.Lock()


def samples_dir() -> Path:
    """The bundled samples folder (installed as the package `resinspect.samples`)."""
    from importlib.resources import files

    return Path(str(files("resinspect.samples")))


def user_dir(kind: Literal["library", "cache"]) -> Path:
    """The user's own folder of a kind: `$RESINSPECT_HOME/<kind>`, else the platform's user data folder (the
    library, where `resinspect fetch` saves documents) or user cache folder (the cache)."""
    env = os.environ.get("RESINSPECT_HOME")
    if env:
        return Path(env) / kind
    try:
        from platformdirs import user_cache_dir, user_data_dir
    except ImportError:  # platformdirs is a dependency; this keeps the engine importable without it
        return Path.home() / (".local/share/resinspect/library" if kind == "library" else ".cache/resinspect")
    if kind == "library":
        return Path(user_data_dir("resinspect", appauthor=False)) / "library"
    return Path(user_cache_dir("resinspect", appauthor=False))


def default_library_dir() -> Path:
    """The user's own library, where `resinspect fetch` saves documents."""
    return user_dir("library")


def search_dirs(extra: Sequence[str | Path] | None = None) -> list[Path]:
    """Folders searched for a symbol, in order: --library folders, RESINSPECT_LIBRARY, user library, samples."""
    dirs: list[Path] = [Path(d) for d in (extra or [])]
    dirs += [Path(p) for p in os.environ.get(ENV_LIBRARY, "").split(os.pathsep) if p]
    dirs.append(default_library_dir())
    dirs.append(samples_dir())
    seen: set[Path] = set()
    out = []
    for d in dirs:
        try:
            key = d.resolve() if d.exists() else d
        except (OSError, RuntimeError):  # a folder we may not look into, a link loop
            key = d
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _warn_once(message: str) -> None:
    with _LOCK:
        if message in _WARNED:
            return
        _WARNED.add(message)
    log.warning(message)


def index(folder: Path) -> Index:
    """The documents of one library folder by symbol and language (the first file name of each pair in
    sorted order); listed once, again when the folder changes. A folder that cannot be listed is empty,
    with one warning; so is an entry that is a broken link or a link loop."""
    try:
        st = folder.stat()
    except OSError:
        return {}
    key = str(folder)
    with _LOCK:
        held = _INDEX.get(key)
    if held and held[0] == st.st_mtime_ns:
        return held[1]
    found: Index = {}
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        _warn_once(f"library folder {folder} skipped: {exc.strerror or exc}")
        entries = []
    for e in entries:
        if os.path.splitext(e.name)[1].lower() not in SUFFIXES:
            continue
        sym, lang = parse_filename(e.name)
        if not sym:
            continue
        try:
            is_file = e.is_file()  # follows a link: a loop or a dangling link is no file
        except OSError:
            is_file = False
        if not is_file:
            if e.is_symlink():
                _warn_once(f"library entry {e.path} skipped: a broken link or a link loop")
            continue
        found.setdefault(symbol_key(sym), {}).setdefault(lang, Path(e.path))
    with _LOCK:
        _INDEX[key] = (st.st_mtime_ns, found)
    return found
