"""Temporary files that a killed run leaves behind, and how the next run knows them.

A file written under a temporary name and renamed when complete (a batch's output, a download, a cache
entry) is left behind when its writer is killed (`kill -9`, the out-of-memory killer). Its writer holds an
advisory lock on it (`lock`) for as long as it writes; the lock dies with the process, so `sweep` removes
exactly the temporary files nobody is writing any more — at once, not after some hours — and never one a
concurrent run is still writing. Where the platform has no `fcntl.flock`, age alone decides.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

YOUNG = 2.0  # seconds: a file this new may be between its creation and its lock: never swept
UNLOCKED_AGE = 24 * 3600.0  # without flock, a temporary file is taken as left behind after a day


def lock(fd: int) -> None:
    """Mark an open temporary file as being written (until it is closed, or its process dies)."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a file system without locks: age decides for this one
            pass


def _abandoned(path: Path, min_age: float) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    if age < max(min_age, YOUNG):
        return False
    if fcntl is None:
        return age > UNLOCKED_AGE
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its writer is alive
    finally:
        os.close(fd)  # (closing releases the lock just taken)
    return True


def sweep(
    folder: Path, prefix: str = ".", suffix: str = ".tmp", min_age: float = 0.0, keep: Path | None = None
) -> int:
    """Remove the temporary files in `folder` named `prefix…suffix` that nobody writes any more (and, for
    SQLite, their `-journal`), except `keep` (this process's own: opening and closing it here would drop
    the POSIX locks SQLite holds on it); returns how many were removed."""
    removed = 0
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return 0
    for name in names:
        path = folder / name
        if keep is not None and name in (keep.name, f"{keep.name}-journal"):
            continue
        if name.endswith(suffix) and _abandoned(path, min_age):
            for p in (path, folder / f"{name}-journal"):
                try:
                    p.unlink()
                    removed += p == path
                except OSError:
                    pass
        elif name.endswith(suffix + "-journal") and not (folder / name.removesuffix("-journal")).exists():
            if _abandoned(path, min_age):
                try:
                    path.unlink()
                except OSError:
                    pass
    return removed
