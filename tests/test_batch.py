"""`resinspect batch` and `resinspect graph`: formats, failures, the cache, Dask, the citation graph."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import stat
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import resinspect
import typer
from resinspect import corpus as batch
from resinspect.export import graph, jsonout
from resinspect.export import tables as writers
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
PV = ROOT / "samples" / "S_PV.8700_E.pdf"
# real letters: S/2020/698 (resolution 2533, China abstained) and S/2020/249 (see tests/data/votes/README.md)
LETTERS = {
    "S_2020_698.en.txt": Path(__file__).parent / "data" / "votes" / "letter_S_2020_698.en.txt",
    "S_2020_249.en.txt": ROOT / "samples" / "S_2020_249.en.txt",
}
CHINA_2020 = (
    "SELECT resolution, date FROM member_votes WHERE iso3='CHN' AND vote='abstaining' AND date LIKE '2020%'"
)


def _app() -> typer.Typer:
    from resinspect.cli.app import app

    return app


def _cli(*args: str):
    return CliRunner().invoke(_app(), [str(a) for a in args])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two real letters, the PV PDF, a broken PDF."""
    d = tmp_path_factory.mktemp("corpus")
    for name, src in LETTERS.items():
        shutil.copy(src, d / name)
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n%%EOF\n")
    inputs = [*(str(d / name) for name in LETTERS), str(PV), str(d / "broken.pdf")]
    return d, inputs


@pytest.fixture(scope="module")
def first_run(corpus, tmp_path_factory):
    """One cold NDJSON run in this process (workers=1); it fills the cache in a private RESINSPECT_HOME."""
    d, inputs = corpus
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RESINSPECT_HOME", str(home))
        out = d / "cold.ndjson"
        result = _cli("batch", *inputs, "--format", "ndjson", "--out", out, "--workers", "1")
    return home, result, out


@pytest.fixture
def home(first_run, monkeypatch):
    monkeypatch.setenv("RESINSPECT_HOME", str(first_run[0]))
    return first_run[0]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ndjson_one_record_per_document_in_order_failure_recorded(corpus, first_run):
    _, inputs = corpus
    _, result, out = first_run
    assert result.exit_code == 2, result.output
    recs = _lines(out)
    assert [r.get("input") or r["source"]["input"] for r in recs] == inputs
    assert recs[3].keys() == {"input", "error"} and "broken.pdf" in recs[3]["error"]
    assert recs[0] == jsonout.inspection(resinspect.inspect(inputs[0]))
    assert recs[2]["source"]["pages"] == 12 and recs[2]["votes"]


def test_csv_and_sqlite(corpus, home, tmp_path):
    d, inputs = corpus
    r = _cli("batch", *inputs, "-f", "csv", "-o", tmp_path / "out.csv", "-j", "1")
    assert r.exit_code == 2
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(writers.CSV_COLUMNS)
    assert [row["input"] for row in rows] == inputs
    assert rows[0]["symbol"] == "S/2020/698" and rows[0]["votes"] == "1" and rows[0]["error"] == ""
    assert int(rows[0]["operative"]) > 0 and rows[3]["error"] and rows[3]["pages"] == ""

    db_path = tmp_path / "out.db"
    r = _cli("batch", *inputs, "-f", "sqlite", "-o", db_path, "-j", "1")
    assert r.exit_code == 2
    db = sqlite3.connect(db_path)
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    names = {"documents", "votes", "member_votes", "paragraphs", "subparagraphs", "citations", "mentions"}
    assert names | {"paragraphs_fts"} <= tables
    assert {t for t in tables if not t.startswith("paragraphs_fts")} == names
    docs = db.execute("SELECT id, input, error IS NOT NULL FROM documents ORDER BY id").fetchall()
    assert docs == [(i + 1, s, int(s.endswith("broken.pdf"))) for i, s in enumerate(inputs)]
    china = set(db.execute(CHINA_2020).fetchall())
    assert ("S/RES/2533 (2020)", "2020-07-11") in china
    # the query agrees with the JSON records
    expected = {
        (v["resolution"], v["date"])
        for rec in _lines(corpus[0] / "cold.ndjson")
        for v in rec.get("votes", [])
        if (v["date"] or "").startswith("2020") and any(m["iso3"] == "CHN" for m in v["abstaining"])
    }
    assert china == expected
    n_par = sum(
        len(r["paragraphs"]) for rec in _lines(corpus[0] / "cold.ndjson") for r in rec.get("resolutions", [])
    )
    assert db.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == n_par
    assert db.execute("SELECT count(*) FROM citations WHERE symbol LIKE 'S/RES/%'").fetchone()[0] > 0
    idx = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"member_votes_iso3", "member_votes_resolution", "citations_symbol", "votes_date"} <= idx


def test_second_run_uses_the_cache_not_pdfminer(corpus, first_run, home, monkeypatch, tmp_path):
    from resinspect.reader import pdf as pdftext

    calls = []

    def no_pdfminer(*a, **k):
        calls.append(a)
        raise RuntimeError("pdfminer called")

    monkeypatch.setattr(pdftext, "read_pdf_report", no_pdfminer)
    _, inputs = corpus
    out = tmp_path / "warm.ndjson"
    r = _cli("batch", *inputs[:3], "-o", out, "-j", "1")
    assert r.exit_code == 0, r.output
    assert calls == []
    assert _lines(out) == _lines(first_run[2])[:3]

    r = _cli("batch", str(PV), "-o", tmp_path / "nocache.ndjson", "-j", "1", "--no-cache")
    assert r.exit_code == 2 and len(calls) == 1  # --no-cache goes back to pdfminer
    assert "pdfminer called" in _lines(tmp_path / "nocache.ndjson")[0]["error"]


def test_process_pool_gives_the_same_records(corpus, first_run, home):
    _, inputs = corpus
    recs = list(batch.run(inputs, workers=2))
    assert recs == _lines(first_run[2])


def test_fresh_workers_on_the_way_give_the_same_records(corpus, first_run, home, monkeypatch):
    """Each worker replaced after one document (WORKER_DOCS): a fresh process reads each, records unchanged."""
    _, inputs = corpus
    monkeypatch.setattr(batch, "WORKER_DOCS", 1)
    assert list(batch.run(inputs, workers=2, no_cache=True)) == _lines(first_run[2])


def test_a_warm_batch_takes_kept_records_and_starts_workers_only_for_the_rest(tmp_path, monkeypatch):
    """Records the cache keeps are taken by the batch process itself: a warm run of PDFs starts no worker
    process; a text among them, new to the cache, gets one worker, and is kept too (the next run starts
    none); the records are the cold run's, in order."""
    import multiprocessing

    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    rendered = Path(__file__).parent / "data" / "rendered"
    pdfs = [str(rendered / f"S_RES_2504_2020.{lang}.pdf") for lang in ("en", "fr", "zh")]
    cold = list(batch.run(pdfs, workers=2))
    started: list[object] = []
    real = multiprocessing.get_context

    class Counting:
        def __init__(self, *method: str) -> None:
            self.ctx = real(*method)

        def __getattr__(self, name: str):
            return getattr(self.ctx, name)

        def Pipe(self):  # noqa: N802 - multiprocessing's names
            return self.ctx.Pipe()

        def Process(self, *args, **kwargs):  # noqa: N802
            started.append(args)
            return self.ctx.Process(*args, **kwargs)

    monkeypatch.setattr(multiprocessing, "get_context", Counting)
    assert list(batch.run(pdfs, workers=2)) == cold and started == []
    text = str(LETTERS["S_2020_249.en.txt"])
    warm = list(batch.run([pdfs[0], text, *pdfs[1:]], workers=2))
    assert [r["source"]["input"] for r in warm] == [pdfs[0], text, *pdfs[1:]]
    assert [warm[0], *warm[2:]] == cold and len(started) == 1
    assert list(batch.run([pdfs[0], text, *pdfs[1:]], workers=2)) == warm and len(started) == 1
    assert list(batch.run(pdfs, workers=2, no_cache=True)) == cold and len(started) == 3  # off: all read


def test_workers_read_in_the_runs_folder_and_environment(tmp_path, monkeypatch):
    """Workers forked by the fork server (started once, by an earlier run, elsewhere) take the working folder
    and environment of the run: relative names are found, and the cache written is the run's RESINSPECT_HOME."""
    text = LETTERS["S_2020_249.en.txt"].read_bytes()
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    for k in (1, 2):
        folder, home = tmp_path / f"run{k}", tmp_path / f"home{k}"
        folder.mkdir()
        for name in ("a.txt", "b.txt"):
            (folder / name).write_bytes(text)
        monkeypatch.chdir(folder)
        monkeypatch.setenv("RESINSPECT_HOME", str(home))
        recs = list(batch.run(["a.txt", "b.txt"], workers=2))
        assert [r["source"]["input"] for r in recs] == ["a.txt", "b.txt"]
        assert all(r["votes"][0]["counts"]["in_favour"] == 15 for r in recs)
        assert len(list((home / "cache").rglob("*"))) > 0


def test_a_free_worker_takes_the_largest_of_the_next_inputs(tmp_path):
    """Of the `window` inputs from the oldest one waiting the largest file goes first (a long record started
    last would hold the run up); every input is handed out once, none more than `window` turns late (the
    records kept back for input order stay few); a name that is no file counts as empty."""
    sizes = [5, 1, 9, 3, 7, 2]
    files = []
    for k, n in enumerate(sizes):
        f = tmp_path / f"f{k}.txt"
        f.write_bytes(b"x" * n)
        files.append(str(f))
    q = batch._Queue([*files, "S/2020/249"], 3)
    order = []
    while (i := q.pop()) is not None:
        order.append(i)
    assert order == [2, 0, 3, 1, 4, 5, 6]  # of the 3 from the oldest waiting, the largest first
    assert batch._Queue(files, 1).pop() == 0  # a window of one: input order
    growing = []
    for k in range(20):  # each file larger than the one before: the first must not wait for ever
        f = tmp_path / f"g{k}.txt"
        f.write_bytes(b"x" * (k + 1))
        growing.append(str(f))
    q = batch._Queue(growing, 4)
    order = [q.pop() for _ in range(20)]
    assert sorted(order) == list(range(20)) and q.pop() is None
    assert all(order.index(i) - i < 4 for i in range(20))  # none handed out more than 3 turns late


def test_dask_scheduler_gives_the_same_records(corpus, first_run, home, tmp_path):
    import dask.distributed as distributed  # a test dependency

    _, inputs = corpus
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        out = tmp_path / "dask.ndjson"
        r = _cli("batch", *inputs, "-o", out, "--scheduler", address)
    assert r.exit_code == 2
    assert out.read_bytes() == first_run[2].read_bytes()


def test_expand_folders_globs_and_missing(corpus, tmp_path):
    d, _ = corpus
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("x")
    (tmp_path / "sub" / "b.PDF").write_bytes(b"%PDF")
    (tmp_path / "sub" / "c.json").write_text("{}")
    got = batch.expand([str(tmp_path / "sub"), str(d / "S_2020_*.txt"), "missing.pdf", "nothing-*.pdf"])
    assert got == [
        str(tmp_path / "sub" / "b.PDF"),
        str(tmp_path / "sub" / "deeper" / "a.txt"),
        str(d / "S_2020_249.en.txt"),
        str(d / "S_2020_698.en.txt"),
        "missing.pdf",
        "nothing-*.pdf",
    ]


def _rec(symbol: str, paragraphs: list[tuple[int, int]], mentions: dict[str, list[int]]) -> dict:
    """A record as `inspect` writes it: a mention inside a paragraph names its citing resolution."""

    def citing(x: int) -> str | None:
        return symbol if any(a <= x < b for a, b in paragraphs) else None

    return {
        "source": {},
        "resolutions": [
            {"resolution": symbol, "paragraphs": [{"start": a, "end": b} for a, b in paragraphs]}
        ],
        "citations": [
            {
                "kind": "sc_resolution",
                "symbol": s,
                "mentions": [{"start": x, "citing": citing(x)} for x in xs],
            }
            for s, xs in mentions.items()
        ]
        + [{"kind": "document", "symbol": "S/2020/1", "mentions": [{"start": 15, "citing": citing(15)}]}],
        "votes": [],
    }


def test_graph_edges_belong_to_the_paragraphs_holding_the_mention():
    g = graph.build(
        [
            _rec(
                "S/RES/2533 (2020)",
                [(10, 50), (60, 90)],
                {"S/RES/2165 (2014)": [12, 70, 95], "S/RES/1 (1946)": [5]},
            ),
            # another language version of the same resolution: max, not sum
            _rec("S/RES/2533 (2020)", [(0, 100)], {"S/RES/2165 (2014)": [20]}),
            {"input": "x", "error": "x: broken"},
        ]
    )
    assert g.edges == {("S/RES/2533 (2020)", "S/RES/2165 (2014)"): 2}
    assert g.nodes["S/RES/2533 (2020)"]["in_corpus"] is True
    assert g.nodes["S/RES/2165 (2014)"] == {
        "kind": "sc_resolution",
        "number": 2165,
        "year": 2014,
        "in_corpus": False,
    }
    assert "S/RES/1 (1946)" not in g.nodes and "S/2020/1" not in g.nodes


def test_graph_formats(corpus, home, tmp_path):
    _, inputs = corpus
    results = {}
    for fmt in ("json", "csv", "graphml"):
        out = tmp_path / f"g.{fmt}"
        r = _cli("graph", *inputs[:3], "-f", fmt, "-o", out, "-j", "1")
        assert r.exit_code == 0, r.output
        results[fmt] = out.read_text(encoding="utf-8")
    js = json.loads(results["json"])
    edges = {(e["source"], e["target"]): e["weight"] for e in js["edges"]}
    assert edges and all(w >= 1 for w in edges.values())
    assert {a for a, _ in edges} <= {n["id"] for n in js["nodes"] if n["in_corpus"]}
    rows = list(csv.reader(io.StringIO(results["csv"])))
    assert rows[0] == ["source", "target", "weight"]
    assert {(a, b): int(w) for a, b, w in rows[1:]} == edges
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(results["graphml"])
    gml = {
        (e.get("source"), e.get("target")): int(e.find("g:data[@key='weight']", ns).text)
        for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")
    }
    assert gml == edges
    assert len(root.findall(".//g:node", ns)) == len(js["nodes"])


# --- formats that agree, and a database a user can keep --------------------------------------------------


def test_sqlite_spells_facts_as_json_does(corpus, tmp_path):
    d, inputs = corpus
    db_path = tmp_path / "un.db"
    _cli("batch", *inputs, "-f", "sqlite", "-o", db_path, "-j", "1")
    db = sqlite3.connect(db_path)
    recs = [r for r in _lines(d / "cold.ndjson") if "error" not in r]
    # votes: 1-based indices, kind, amendment_to, adopted as 1/0; member lists spelled as JSON's keys
    got = db.execute("SELECT DISTINCT vote FROM member_votes").fetchall()
    assert {v for (v,) in got} <= {"in_favour", "against", "abstaining"}
    assert db.execute("SELECT min(vote_index) FROM votes").fetchone()[0] == 1
    row = db.execute("SELECT kind, adopted FROM votes WHERE resolution = 'S/RES/2533 (2020)'").fetchone()
    assert row == ("draft", 1)
    # citations: paragraphs and citing resolutions as JSON arrays, and each mention with its place
    paragraphs, citing = db.execute(
        "SELECT paragraphs, citing FROM citations WHERE symbol = 'S/RES/2118 (2013)' LIMIT 1"
    ).fetchone()
    assert isinstance(json.loads(paragraphs), list) and json.loads(citing) == ["S/RES/2533 (2020)"]
    expected = sum(len(c["mentions"]) for rec in recs for c in rec["citations"])
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == expected
    # paragraphs with offsets and language; sub-paragraphs in a table of their own; full-text search
    start, end, language = db.execute('SELECT start, "end", language FROM paragraphs LIMIT 1').fetchone()
    assert 0 <= start < end and language == "en"
    n_sub = sum(len(p["subparagraphs"]) for rec in recs for r in rec["resolutions"] for p in r["paragraphs"])
    assert db.execute("SELECT count(*) FROM subparagraphs").fetchone()[0] == n_sub
    sub = tmp_path / "sub.txt"
    sub.write_text(
        "The Security Council,\nRecalling its resolutions,\n1. Decides that:\n(a) States shall report;\n"
        "(b) The Committee shall meet.\n",
        encoding="utf-8",
    )
    _cli("batch", sub, "-f", "sqlite", "-o", tmp_path / "sub.db", "-j", "1")
    rows = (
        sqlite3.connect(tmp_path / "sub.db")
        .execute("SELECT paragraph_id, id, label FROM subparagraphs")
        .fetchall()
    )
    assert rows == [("OP1", "OP1(a)", "a"), ("OP1", "OP1(b)", "b")]
    hits = db.execute(
        "SELECT p.id FROM paragraphs_fts f JOIN paragraphs p ON p.rowid = f.rowid WHERE paragraphs_fts MATCH ?",
        ("humanitarian",),
    ).fetchall()
    assert hits
    # a user's file: the mode a new file gets (0644 under umask 022), and Datasette metadata beside it
    old = os.umask(0o022)
    try:
        _cli("batch", inputs[0], "-f", "sqlite", "-o", tmp_path / "mode.db", "-j", "1")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "mode.db").stat().st_mode) == 0o644
    meta = json.loads((tmp_path / "un.metadata.json").read_text(encoding="utf-8"))
    assert meta["databases"]["un"]["tables"]["documents"]["label_column"] == "symbol"
    for q in meta["databases"]["un"]["queries"].values():  # every canned query runs on the database
        params = {p: "x" for p in re.findall(r":(\w+)", q["sql"])}
        db.execute(q["sql"], params).fetchall()


def test_append_adds_and_replaces(corpus, tmp_path):
    _, inputs = corpus
    db_path = tmp_path / "un.db"
    good = [i for i in inputs if not i.endswith("broken.pdf")]
    assert _cli("batch", good[0], "-f", "sqlite", "-o", db_path, "-j", "1").exit_code == 0
    assert _cli("batch", *good[:2], "-f", "sqlite", "-o", db_path, "-j", "1", "--append").exit_code == 0
    db = sqlite3.connect(db_path)
    assert [i for (i,) in db.execute("SELECT input FROM documents ORDER BY id")] == good[:2]  # first replaced
    n = db.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    assert _cli("batch", good[1], "-f", "sqlite", "-o", db_path, "-j", "1", "--append").exit_code == 0
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM paragraphs").fetchone()[0] == n
    r = _cli("batch", good[0], "-f", "csv", "-o", tmp_path / "x.csv", "--append")
    assert r.exit_code == 2 and "--append" in r.stderr


def test_cites_answers_from_the_database(corpus, tmp_path):
    _, inputs = corpus
    db_path = tmp_path / "un.db"
    _cli("batch", *inputs, "-f", "sqlite", "-o", db_path, "-j", "1")
    r = _cli("cites", "S/RES/2118(2013)", "--db", db_path, "--json")
    assert r.exit_code == 0, r.output
    (row,) = json.loads(r.stdout)["cited_by"]
    assert row["citing"] == "S/RES/2533 (2020)" and row["paragraphs"] == ["PP1"]
    assert _cli("cites", "S/RES/1 (1946)", "--db", db_path).exit_code == 1
    r = _cli("cites", "S/RES/1 (1946)", "--db", tmp_path / "nope.db")
    assert r.exit_code == 2 and r.stderr.startswith("error:")


def test_an_existing_output_survives_a_failed_run(corpus, tmp_path, monkeypatch):
    from resinspect import corpus as batch_mod

    _, inputs = corpus
    out = tmp_path / "out.ndjson"
    out.write_text("an earlier result\n", encoding="utf-8")

    def boom(*a, **k):
        yield {"input": "x", "error": "x"}
        raise RuntimeError("killed")

    monkeypatch.setattr(batch_mod, "run", boom)
    _cli("batch", *inputs, "-o", out, "-j", "1")
    assert out.read_text(encoding="utf-8") == "an earlier result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ndjson"]  # no temporary file left


@pytest.mark.parametrize("what", ["folder", "missing-folder", "long"])
def test_bad_out_is_one_line_and_leaves_nothing(corpus, tmp_path, what):
    _, inputs = corpus
    out = {
        "folder": tmp_path,
        "missing-folder": tmp_path / "no" / "x.ndjson",
        "long": tmp_path / ("x" * 300),
    }[what]
    before = sorted(tmp_path.iterdir())
    r = _cli("batch", inputs[0], "-o", out, "-j", "1")
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("error:")
    assert sorted(tmp_path.iterdir()) == before
