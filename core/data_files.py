"""Load the engine's data files (TOML under resinspect.data) once."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib.resources import files
from typing import Any


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file `core/data/<name>.toml` (e.g. `patterns`, `lexicon/en`)."""
    res = files("resinspect.data").joinpath(*f"{name}.toml".split("/"))
    return tomllib.loads(res.read_text(encoding="utf-8"))


@functools.cache
def furniture_regexes() -> tuple[re.Pattern[str], ...]:
    data = load("patterns")
    pats = [re.compile(p) for p in data["furniture"]["patterns"]]
    pats.append(re.compile(data["furniture"]["symbol_line"]))
    return tuple(pats)
