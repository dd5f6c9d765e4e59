"""`resinspect batch` and `resinspect graph`: formats, failures, the cache, Dask, the citation graph."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
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
SHARED_LETTERS = Path("/work/shared/corpus/dev/letters")
LETTERS = ("S_2020_698.en.txt", "S_2020_249.en.txt")  # 698: resolution 2533, China abstained
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
    """Two small texts (copied, or the bundled sample when the shared corpus is absent), the PV PDF, a broken PDF."""
    d = tmp_path_factory.mktemp("corpus")
    for name in LETTERS:
        src = SHARED_LETTERS / name
        if not src.exists():
            src = ROOT / "samples" / "S_2020_249.en.txt"
        shutil.copy(src, d / name)
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n%%EOF\n")
    inputs = [str(d / LETTERS[0]), str(d / LETTERS[1]), str(PV), str(d / "broken.pdf")]
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
    assert tables == {"documents", "votes", "member_votes", "paragraphs", "citations"}
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

    monkeypatch.setattr(pdftext, "read_pdf", no_pdfminer)
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


def test_dask_scheduler_gives_the_same_records(corpus, first_run, home, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
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
    return {
        "source": {},
        "resolutions": [
            {"resolution": symbol, "paragraphs": [{"start": a, "end": b} for a, b in paragraphs]}
        ],
        "citations": [
            {"kind": "sc_resolution", "symbol": s, "mentions": [{"start": x} for x in xs]}
            for s, xs in mentions.items()
        ]
        + [{"kind": "document", "symbol": "S/2020/1", "mentions": [{"start": 15}]}],
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
