"""Choosing the PDF engine: `--engine` on every command that reads, `RESINSPECT_ENGINE`, the default; a batch
gives its workers the engine its own process chose."""

from __future__ import annotations

import pytest
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
    """Which engine read a PDF: each engine's read_pdf records its name, then reads as usual."""
    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path))
    monkeypatch.setenv("RESINSPECT_NO_CACHE", "1")
    monkeypatch.delenv(engines.ENV_ENGINE, raising=False)
    seen: list[str] = []
    for module, name in ((pdf, "pdfminer"), (pdfium, "pdfium")):
        real = module.read_pdf

        def spy(data, *a, _real=real, _name=name, **k):
            seen.append(_name)
            return _real(data, *a, **k)

        monkeypatch.setattr(module, "read_pdf", spy)
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

    def spy(source, lang=None, library=None, no_cache=False, engine=None):
        seen.append(engine)
        monkeypatch.setenv(engines.ENV_ENGINE, "pdfminer")  # as if the worker's environment differed
        return real(source, lang, library, no_cache, engine)

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
