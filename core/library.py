"""Where documents live: the bundled samples, folders named by the user, and the user's library."""

from __future__ import annotations

import os
from pathlib import Path

ENV_LIBRARY = "RESINSPECT_LIBRARY"


def samples_dir() -> Path:
    """The bundled samples folder (installed as the package `resinspect.samples`)."""
    from importlib.resources import files

    return Path(str(files("resinspect.samples")))


def default_library_dir() -> Path:
    """The user's own library, where `resinspect fetch` saves documents."""
    env = os.environ.get("RESINSPECT_HOME")
    if env:
        return Path(env) / "library"
    try:
        from platformdirs import user_data_dir
    except ImportError:  # platformdirs is a dependency; this keeps the engine importable without it
        return Path.home() / ".local" / "share" / "resinspect" / "library"
    return Path(user_data_dir("resinspect", appauthor=False)) / "library"


def search_dirs(extra: list[str | Path] | None = None) -> list[Path]:
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


def slug(symbol: str) -> str:
    """File-name form of a symbol: `S/RES/2518 (2020)` → `S_RES_2518_2020`, `S/PV.8700` → `S_PV.8700`."""
    import re

    return re.sub(r"[^A-Za-z0-9.]+", "_", symbol.strip()).strip("_")


def library_filename(symbol: str, lang: str, ext: str = "pdf") -> str:
    """Name of a fetched document in the library: `S_2020_249.ar.pdf`."""
    return f"{slug(symbol)}.{lang}.{ext}"
