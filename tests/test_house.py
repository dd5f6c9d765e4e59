"""The house: stages import only what lies below them, nothing imports in a circle, each piece of shared
knowledge has one home, and every lexicon key is read."""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import resinspect
from resinspect.data import lexicon as lexicon_mod
from resinspect.data.lexicon import Lexicon, VoteWords, languages, lexicon
from resinspect.model import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "core"
CLI = ROOT / "cli"

# Layers, lowest first: a module may import its own layer and those below. Shared knowledge (model, text/,
# data/) is below every stage; cli/ is above the engine.
LAYERS = [
    {"errors", "version", "vocabulary", "model", "text", "data"},
    {"reader"},
    {"clean"},
    {"structure"},
    {"extract"},
    {"export"},
    {"pipeline", "corpus", ""},  # "" is the package root
    {"cli", "__main__"},  # `python -m resinspect` runs the command line
]


def _modules() -> dict[str, Path]:
    out = {}
    for root, pkg in ((CORE, "resinspect"), (CLI, "resinspect.cli")):
        for p in root.rglob("*.py"):
            parts = list(p.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([pkg, *parts])] = p
    return out


MODULES = _modules()


def _imports(name: str, path: Path, module_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            continue  # type-only imports are no dependency at run time
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                cand = f"{target}.{alias.name}"
                found.add(cand if cand in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in MODULES and m != name}


def _layer(name: str) -> int:
    rest = name.removeprefix("resinspect").lstrip(".")
    top = rest.split(".")[0]
    return next(i for i, layer in enumerate(LAYERS) if top in layer)


def test_no_import_circle():
    graph = {m: _imports(m, p, module_level_only=True) for m, p in MODULES.items()}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in graph[m]:
            assert state.get(d) != 1, "import circle: " + " → ".join([*path, m, d])
            if d not in state:
                visit(d, [*path, m])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_stage_imports_only_below(name):
    """Imports anywhere in a module (in functions too) stay within its layer or below."""
    mine = _layer(name)
    above = {d for d in _imports(name, MODULES[name], module_level_only=False) if _layer(d) > mine}
    assert not above, f"{name} (layer {mine}) imports {sorted(above)}"


def test_engine_never_imports_the_cli():
    for name, path in MODULES.items():
        if not name.startswith("resinspect.cli"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"^\s*(?:import|from)\s+(?:typer|rich|click)\b", text, re.M), name


# --- one home for each piece of knowledge ----------------------------------------------------------------

_SOURCES = {p: p.read_text(encoding="utf-8") for p in MODULES.values()}


def _homes(pattern: str) -> set[str]:
    rx = re.compile(pattern)
    return {str(p.relative_to(ROOT)) for p, text in _SOURCES.items() if rx.search(text)}


@pytest.mark.parametrize(
    ("what", "pattern", "home"),
    [
        # a Unicode range written as escapes: Arabic, Hebrew, Cyrillic, CJK, full-width, presentation forms
        (
            "script ranges",
            r"\\u(?:0[4-8]|2e|3[0-4]|4[e-f]|[5-9][0-9a-f]|f[9a-f])[0-9a-f]{2}-",
            "core/text/scripts.py",
        ),
        ("the printed form of a resolution symbol", r"S/RES/\{", "core/text/symbols.py"),
        ("the language list", r"\"ar\",\s*\"en\",\s*\"es\"", "core/vocabulary.py"),
        ("the vote lists", r"\"in_favour\",\s*\"against\",\s*\"abstaining\"", "core/vocabulary.py"),
        ("Arabic marks", r"\\u064b-\\u065f", "core/text/scripts.py"),
        ("the garble threshold", r"GARBLED\s*=", "core/clean/garble.py"),
        ("month names", r"January|janvier|enero", None),  # only in the lexicons, never in code
    ],
)
def test_one_home(what, pattern, home):
    assert _homes(pattern) == ({home} if home else set()), what


def test_languages_agree():
    assert tuple(languages()) == LANGUAGES  # one lexicon per official language, and no other


# --- every lexicon key is read --------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Lexicon, VoteWords])
def test_every_lexicon_field_is_used(cls):
    """Each field is read somewhere as an attribute (`lx.sc_keyword`, `lx.vote.tally`)."""
    code = "\n".join(_SOURCES.values())
    unused = [f.name for f in dataclasses.fields(cls) if not re.search(rf"\.{f.name}\b", code)]
    assert not unused, f"{cls.__name__} fields no code reads: {unused}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lexicon_files_hold_only_keys_the_code_reads(lang):
    lexicon.cache_clear()
    assert lexicon(lang).lang == lang  # loads with the strict key check


def test_unknown_lexicon_key_is_an_error(monkeypatch):
    monkeypatch.setattr(lexicon_mod, "load", lambda name: {"citation": {"ga_keywrod": "x"}})
    lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="ga_keywrod"):
            lexicon("en")
    finally:
        lexicon.cache_clear()


# --- the public API is typed ------------------------------------------------------------------------------


def test_public_api_is_typed_for_a_type_checker(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        textwrap.dedent(
            """
            import pathlib
            import resinspect

            doc = resinspect.read(pathlib.Path("x.pdf"))
            reveal_type(doc)
            reveal_type(resinspect.extract_votes(doc)[0].counts.in_favour)
            reveal_type(resinspect.inspect("S/2020/249").citations)
            """
        )
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--follow-imports=silent", str(probe)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    revealed = [t.removeprefix("builtins.") for t in re.findall(r'Revealed type is "([^"]+)"', out.stdout)]
    assert revealed == [
        "resinspect.model.Document",
        "int",
        "list[resinspect.model.Citation]",
    ], out.stdout + out.stderr
    assert resinspect.read.__module__ == "resinspect.pipeline"
