"""Load the engine's data files (TOML under `resinspect.data`) once."""

from __future__ import annotations

import functools
import tomllib
from importlib.resources import files
from typing import Any


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file `core/data/<name>.toml` (e.g. `patterns`, `lexicon/en`)."""
    res = files("resinspect.data").joinpath(*f"{name}.toml".split("/"))
    return tomllib.loads(res.read_text(encoding="utf-8"))
