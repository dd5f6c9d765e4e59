"""Choosing the PDF engine: `--engine` on every command that reads, `RESINSPECT_ENGINE`, the default; a batch
gives its workers the engine its own process chose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import resinspect
from resinspect import corpus
from resinspect.cli.app import app
from resinspect.reader import engines, pdf, pdfium
from resinspect.reader.library import samples_dir
from typer.main import get_command
from typer.testing import CliRunner

PV = samples_dir() / "S_PV.8700_E.pdf"
READING = ("votes", "paragraphs", "citations", "text", "inspect", "show", "batch", "graph")


@pytest.fixture
def calls(monkeypatch, tmp_path):
    """Which engine read a PDF: each engine's reading function records its name, then reads as usual."""
    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path))
    monkeypatch.setenv("RESINSPECT_NO_CACHE", "1")
    monkeypatch.delenv(engines.ENV_ENGINE, raising=False)
    seen: list[str] = []
    for module, name, fn in ((pdf, "pdfminer", "read_pdf_report"), (pdfium, "pdfium", "read_pdf")):
        real = getattr(module, fn)

        def spy(data, *a, _real=real, _name=name, **k):
            seen.append(_name)
            return _real(data, *a, **k)

        monkeypatch.setattr(module, fn, spy)
    return seen


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def test_every_reading_command_takes_engine():
    commands = get_command(app).commands  # type: ignore[attr-defined]
    for name in READING:
        opts = {o for p in commands[name].params for o in p.opts}
        assert "--engine" in opts, name
    assert "--engine" not in {o for p in commands["cites"].params for o in p.opts}  # reads a database


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_engine_option_chooses_the_engine(calls, engine):
    r = run("votes", PV, "--engine", engine, "--json")
    assert r.exit_code == 0, r.stderr
    assert calls == [engine]


@pytest.mark.parametrize(("env", "option", "expected"), [
    ("pdfium", None, "pdfium"),
    ("pdfminer", None, "pdfminer"),
    ("PDFium ", None, "pdfium"),
    ("pdfium", "pdfminer", "pdfminer"),  # the option wins
    ("pdfminer", "pdfium", "pdfium"),
    ("", None, engines.DEFAULT),
])  # fmt: skip
def test_environment_chooses_unless_the_option_does(calls, env, option, expected):
    args = ["citations", PV, "--json"] + (["--engine", option] if option else [])
    r = run(*args, env={engines.ENV_ENGINE: env})
    assert r.exit_code == 0, r.stderr
    assert calls == [expected]


def test_unknown_engine():
    r = run("votes", PV, "--engine", "mupdf")
    assert r.exit_code == 2 and "mupdf" in r.stderr and r.stdout == ""
    r = run("votes", PV, env={engines.ENV_ENGINE: "mupdf"})
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        "error: unknown PDF engine 'mupdf' (RESINSPECT_ENGINE); use pdfium or pdfminer"
    ]
    r = run("batch", PV, "-j", "1", env={engines.ENV_ENGINE: "mupdf"})
    assert r.exit_code == 2 and r.stderr.count("unknown PDF engine") == 1 and r.stdout == ""


def test_text_input_needs_no_engine(calls):
    r = run("paragraphs", samples_dir() / "S_2020_249.en.txt", "--engine", "pdfium", "--json")
    assert r.exit_code == 0 and calls == []


def test_batch_workers_use_the_engine_chosen_here(calls, monkeypatch):
    """The engine is chosen in the process that starts the batch (where RESINSPECT_ENGINE was set), and
    handed to each worker: a worker whose environment says otherwise still uses it."""
    monkeypatch.setenv(engines.ENV_ENGINE, "pdfium")
    seen: list[str | None] = []
    real = corpus.inspect_one

    def spy(source, lang=None, library=None, no_cache=False, timeout=None, data=None, engine=None):
        seen.append(engine)
        monkeypatch.setenv(engines.ENV_ENGINE, "pdfminer")  # as if the worker's environment differed
        return real(source, lang, library, no_cache, timeout, data, engine)

    monkeypatch.setattr(corpus, "inspect_one", spy)
    recs = list(corpus.run([str(PV)], workers=1))
    assert seen == ["pdfium"] and calls == ["pdfium"] and recs[0]["votes"]
    assert list(corpus.run([str(PV)], workers=1, engine="pdfminer"))[0] and calls[-1] == "pdfminer"


def test_raw_source_says_which_engine_read_it(monkeypatch):
    from resinspect.reader.source import read_data

    monkeypatch.setenv("RESINSPECT_NO_CACHE", "1")
    data = PV.read_bytes()
    assert read_data(data, "x.pdf", engine="pdfium").engine == "pdfium"
    assert read_data(data, "x.pdf", engine="pdfminer").engine == "pdfminer"
    assert read_data(b"The Security Council,\n", "x.txt").engine is None


# --- parity: the same votes, paragraphs and citations from both engines ----------------------------------

DATA = Path(__file__).parent / "data"
BUNDLED = sorted(
    [
        *(DATA / "rendered").glob("*.pdf"),
        *(DATA / "engines").glob("*.pdf"),
        DATA / "pdf" / "S_RES_2518_2020.ar.pdf",
        PV,
    ],
    key=lambda p: p.name,
)
BOX_TOLERANCE = 1.0  # points: a word PDFium hands over as one glyph shares its width among its characters
# documents whose cleaned text differs in white space or layout only: the facts are the same, their offsets
# into the text move
OFFSETS_MOVE = {
    # page 1: the dot leaders of the members' list are marked content with an /ActualText, which PDFium reads
    # instead of the glyphs drawn (". . ." a character further left), and the list comes out in two columns;
    # page 9: PDFium's text page keeps one space of "working.  Neither"
    "S_PV.8700_E.pdf",
}
# facts that differ, each with the fix that turns pdfminer's record into PDFium's: pdfminer's errors
FACTS_DIFFER = {
    # a damma missing from the font's ToUnicode map is read by pdfminer through the simple font's standard
    # encoding ("|"); PDFium reads the embedded font's own cmap and gives U+064F, as the resolution has it
    "S_RES_2511_2020.ar.pdf": lambda text: text.replace("أ|درجت", "أُدرجت"),
}


def _split(value, key=""):
    """A record without its boxes and offsets, its box coordinates and its offsets, in order."""
    boxes, offsets = [], []

    def walk(v, k):
        if k in ("box", "boxes"):
            boxes.extend(_numbers(v))
            return None
        if k in ("start", "end") and isinstance(v, int):
            offsets.append(v)
            return None
        if isinstance(v, dict):
            return {kk: walk(vv, kk) for kk, vv in v.items()}
        if isinstance(v, list):
            return [walk(x, k) for x in v]
        return v

    return walk(value, key), boxes, offsets


def _numbers(v):
    if isinstance(v, int | float):
        return [float(v)]
    return [x for vv in (v.values() if isinstance(v, dict) else v) for x in _numbers(vv)]


def _facts(facts, fix):
    return json.loads(fix(json.dumps(facts, ensure_ascii=False))) if fix else facts


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    from resinspect.export import jsonout

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RESINSPECT_HOME", str(tmp_path_factory.mktemp("home")))
        mp.setenv("RESINSPECT_NO_CACHE", "1")
        return {
            p.name: {e: jsonout.inspection(resinspect.inspect(p, engine=e)) for e in engines.ENGINES}
            for p in BUNDLED
        }


@pytest.mark.parametrize("name", [p.name for p in BUNDLED])
def test_both_engines_give_the_same_votes_paragraphs_and_citations(records, name):
    (miner, boxes_m, offsets_m), (other, boxes_p, offsets_p) = (
        _split(records[name][e]) for e in ("pdfminer", "pdfium")
    )
    fix = FACTS_DIFFER.get(name)
    if fix:
        assert miner != other, "the known difference is gone"
    miner = _facts(miner, fix)
    for key in ("votes", "resolutions", "citations", "warnings", "source"):
        assert miner[key] == other[key], key
    assert miner == other
    assert len(boxes_m) == len(boxes_p)
    assert max((abs(a - b) for a, b in zip(boxes_m, boxes_p, strict=True)), default=0) <= BOX_TOLERANCE
    assert (offsets_m != offsets_p) == (name in OFFSETS_MOVE)


def test_the_votes_of_the_meeting_record_are_read_alike(records):
    """S/PV.8700's two votes: every member and count the same through either engine, box by box within
    BOX_TOLERANCE (the facts the record is read for, spelled out)."""
    a, b = (records["S_PV.8700_E.pdf"][e]["votes"] for e in ("pdfminer", "pdfium"))
    assert len(a) == len(b) == 2
    for va, vb in zip(a, b, strict=True):
        assert va["counts"] == vb["counts"] and va["resolution"] == vb["resolution"]
        for key in ("in_favour", "against", "abstaining"):
            assert [(m["iso3"], m["as_printed"]) for m in va[key]] == [
                (m["iso3"], m["as_printed"]) for m in vb[key]
            ]
