"""Where documents live: the bundled samples, folders named by the user, and the user's library (the
file-name form of a symbol is `text.symbols.library_filename`)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

ENV_LIBRARY = "RESINSPECT_LIBRARY"


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
        key = d.resolve() if d.exists() else d
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
