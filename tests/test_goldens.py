"""Whole-document outputs compared with reviewed golden files (tests/golden/*.json).

Regenerate with `pytest --update-goldens` and review the diff like code. The source path is made relative
so goldens do not depend on where the package is installed."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
import resinspect
from resinspect.export import jsonout

GOLDEN = Path(__file__).parent / "golden"

# (golden name, SOURCE, --lang, command)
CASES = [
    ("S_2020_249-AR.paragraphs", "S/2020/249", "ar", "paragraphs"),
    ("S_2020_249-AR.citations", "S/2020/249", "ar", "citations"),
    ("S_2020_249-AR.votes", "S/2020/249", "ar", "votes"),
    ("S_2020_249-EN.votes", "S/2020/249", "en", "votes"),
    ("S_PV.8700.votes", "S/PV.8700", None, "votes"),
    ("S_PV.8700.citations", "S/PV.8700", None, "citations"),
]
# one rendered resolution per official language (tests/data/rendered, S/RES/2533 (2020)): paragraphs and citations
RENDERED = Path(__file__).parent / "data" / "rendered"
CASES += [
    (f"S_RES_2533_2020.{lang}.{command}", str(RENDERED / f"S_RES_2533_2020.{lang}.pdf"), None, command)
    for lang in ("ar", "en", "es", "fr", "ru", "zh")
    for command in ("paragraphs", "citations")
]


def _render(source: str, lang: str | None, command: str) -> list[dict]:
    doc = resinspect.read(source, lang=lang)
    res = resinspect.extract_paragraphs(doc)
    if command == "paragraphs":
        out = [jsonout.resolution(doc, r) for r in res]
    elif command == "citations":
        out = [jsonout.citations(doc, resinspect.extract_citations(doc, res))]
    else:
        out = [jsonout.votes(doc, resinspect.extract_votes(doc, res))]
    for o in out:
        o["source"]["path"] = Path(o["source"]["path"]).name
        if Path(source).is_file():
            o["source"]["input"] = Path(source).name  # a bundled file: not where this checkout lives
    return out


@pytest.mark.parametrize("name,source,lang,command", CASES, ids=[c[0] for c in CASES])
def test_golden(name, source, lang, command, update_goldens):
    got = json.dumps(_render(source, lang, command), ensure_ascii=False, indent=2) + "\n"
    path = GOLDEN / f"{name}.json"
    if update_goldens or not path.exists():
        path.write_text(got, encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"golden {path.name} was missing and has been written: review it and commit")
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(
            difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "now", n=2)
        )
        pytest.fail(f"{path.name} differs from the engine's output:\n{diff[:6000]}")


def test_founding_sample_figures():
    """The figures the project was founded on, asserted directly (not only through the golden)."""
    doc = resinspect.read("S/2020/249", lang="ar")
    assert doc.languages == ["ar", "en"]
    (res,) = resinspect.extract_paragraphs(doc)
    assert res.symbol == "S/RES/2518 (2020)" and res.date == "2020-03-30"
    kinds = [p.kind for p in res.paragraphs]
    assert kinds.count("preambular") == 15 and kinds.count("operative") == 15
    cits = {
        c.symbol: c.paragraphs for c in resinspect.extract_citations(doc, [res]) if c.kind == "sc_resolution"
    }
    assert cits == {"S/RES/2436 (2018)": ["PP12", "OP11"], "S/RES/2378 (2017)": ["OP11", "OP14"]}


def test_goldens_validate_against_the_json_schema():
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("resinspect.data").joinpath("resinspect.v1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    checked = 0
    for path in sorted(GOLDEN.glob("*.json")):
        for obj in json.loads(path.read_text(encoding="utf-8")):
            jsonschema.validate(obj, schema)
            checked += 1
    assert checked >= len(CASES)
