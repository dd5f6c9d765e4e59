"""The CLI contract (shared/CONTRACT.md): output formats, symbols, libraries, stdin, offsets, exit codes, JSON fields."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from resinspect.cli.app import app
from resinspect.reader.library import samples_dir
from typer.testing import CliRunner

SAMPLES = samples_dir()
EN = SAMPLES / "S_2020_249.en.txt"
AR = SAMPLES / "S_2020_249-AR.txt"
PV = SAMPLES / "S_PV.8700_E.pdf"
BOX = set("─│┃━┏┓┗┛┌┐└┘├┤┬┴┼╭╮╯╰═║")


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None):
    # typer's CliRunner keeps stdout and stderr apart (result.stdout / result.stderr)
    return CliRunner().invoke(app, list(args), input=input, env=env)


def ok(*args: str, **kw):
    r = run(*args, **kw)
    assert r.exit_code == 0, (r.exit_code, r.stderr)
    return r


# ------------------------------------------------------------------------------------------------
# formats


def test_json_one_source_is_one_indented_document():
    r = ok("votes", "S/2020/249", "--json")
    assert r.stdout.startswith("{\n  ")
    doc = json.loads(r.stdout)
    assert doc["schema_version"] == 1
    assert doc["source"]["symbol"] == "S/2020/249"


def test_json_several_sources_is_ndjson():
    r = ok("votes", "S/2020/249", str(PV), "--json")
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    docs = [json.loads(x) for x in lines]
    assert [d["source"]["symbol"] for d in docs] == ["S/2020/249", "S/PV.8700"]
    assert [len(d["votes"]) for d in docs] == [1, 2]


def test_format_ndjson_for_one_source_is_one_line():
    r = ok("citations", "S/2020/249", "--format", "ndjson")
    assert len(r.stdout.splitlines()) == 1
    json.loads(r.stdout)


@pytest.mark.parametrize("command", ["votes", "citations", "paragraphs", "inspect"])
def test_non_tty_default_is_tsv(command):
    r = ok(command, "S/2020/249")
    lines = r.stdout.splitlines()
    assert len(lines) >= 2
    assert not BOX & set(r.stdout)
    width = len(lines[0].split("\t"))
    assert width >= 2
    assert all(len(x.split("\t")) == width for x in lines)
    header = lines[0].split("\t")
    assert header == [h.strip() for h in header] and all(header)


def test_votes_tsv_header_and_rows():
    r = ok("votes", str(PV))
    rows = [x.split("\t") for x in r.stdout.splitlines()]
    assert rows[0] == [
        "symbol", "vote_index", "subject", "resolution", "date", "member", "iso3", "vote",
        "kind", "amendment_to", "adopted", "procedure",
    ]  # fmt: skip
    assert len(rows) == 1 + 15 + 15  # two votes of the whole Council


def test_votes_csv_columns():
    r = ok("votes", "S/2020/249", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == [
        "symbol", "vote_index", "subject", "resolution", "date", "member", "iso3", "vote",
        "kind", "amendment_to", "adopted", "procedure",
    ]  # fmt: skip
    assert len(rows) == 15
    assert {r["vote"] for r in rows} == {"in_favour"}  # spelled as in JSON and SQLite
    assert {r["resolution"] for r in rows} == {"S/RES/2518 (2020)"}
    assert {r["date"] for r in rows} == {"2020-03-30"}
    assert {r["symbol"] for r in rows} == {"S/2020/249"}
    assert {r["vote_index"] for r in rows} == {"1"}
    uk = next(r for r in rows if r["iso3"] == "GBR")
    assert uk["member"] == "United Kingdom of Great Britain and Northern Ireland"


def test_votes_csv_two_votes_of_pv8700():
    r = ok("votes", str(PV), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    first = {(r["iso3"], r["vote"]) for r in rows if r["vote_index"] == "1"}
    assert ("CHN", "in_favour") in first and ("FRA", "against") in first and ("ZAF", "abstaining") in first
    second = [r for r in rows if r["vote_index"] == "2"]
    assert {r["resolution"] for r in second} == {"S/RES/2504 (2020)"}
    assert {r["subject"] for r in second} == {"S/2020/24"}
    assert {r["iso3"] for r in second if r["vote"] == "abstaining"} == {"CHN", "GBR", "RUS", "USA"}


def test_votes_dhl_columns():
    r = ok("votes", "S/2020/249", "--format", "dhl")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["resolution", "date", "ms_code", "ms_name", "ms_vote", "permanent_member"]
    assert len(rows) == 15
    assert {r["resolution"] for r in rows} == {"2518"}
    assert {r["ms_vote"] for r in rows} == {"Y"}
    perm = {r["ms_code"] for r in rows if r["permanent_member"] == "1"}
    assert perm == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert next(r for r in rows if r["ms_code"] == "VNM")["ms_name"] == "VIET NAM"


def test_unknown_format_is_usage_error():
    r = run("votes", "S/2020/249", "--format", "xml")
    assert r.exit_code == 2
    assert r.stdout == ""


@pytest.mark.parametrize("kind", ["operative", "preambular"])
def test_paragraphs_kind(kind):
    r = ok("paragraphs", "S/2020/249", "--kind", kind, "--json")
    paras = json.loads(r.stdout)["paragraphs"]
    assert {p["kind"] for p in paras} == {kind}
    if kind == "operative":
        assert [p["id"] for p in paras] == [f"OP{n}" for n in range(1, 16)]
        assert [p["number"] for p in paras] == list(range(1, 16))
    else:
        assert [p["id"] for p in paras] == [f"PP{n}" for n in range(1, 16)]
        assert {p["number"] for p in paras} == {None}


def test_paragraphs_kind_tsv():
    r = ok("paragraphs", "S/2020/249", "--kind", "operative")
    rows = [x.split("\t") for x in r.stdout.splitlines()]
    kind_col = rows[0].index("kind")
    assert {row[kind_col] for row in rows[1:]} == {"operative"}


# ------------------------------------------------------------------------------------------------
# symbols, languages, libraries, stdin


@pytest.mark.parametrize(
    ("args", "file"),
    [
        (["S/2020/249"], EN.name),
        (["s/2020/249"], EN.name),
        (["S/2020/249", "--lang", "en"], EN.name),
        (["S/2020/249", "--lang", "ar"], AR.name),
        (["S_2020_249"], EN.name),
    ],
)
def test_symbol_forms(args, file):
    r = ok("citations", *args, "--json")
    src = json.loads(r.stdout)["source"]
    assert Path(src["path"]).name == file
    assert src["symbol"] == "S/2020/249"


def test_lang_ar_reports_both_languages():
    r = ok("citations", "S/2020/249", "--lang", "ar", "--json")
    assert json.loads(r.stdout)["source"]["languages"] == ["ar", "en"]


def test_lang_without_that_version_is_exit_2():
    r = run("votes", "S/2020/249", "--lang", "fr")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: ") and "S/2020/249" in r.stderr
    assert len(r.stderr.splitlines()) == 1


def test_resinspect_lang_orders_non_english_versions(tmp_path):
    """README: English first, then RESINSPECT_LANG's order."""
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(AR, lib / "S_2020_901.ar.txt")
    shutil.copy(EN, lib / "S_2020_901.fr.txt")  # content does not matter for which file is chosen
    for lang, name in [("ar", "S_2020_901.ar.txt"), ("fr", "S_2020_901.fr.txt")]:
        r = ok("citations", "S/2020/901", "--library", str(lib), "--json", env={"RESINSPECT_LANG": lang})
        assert Path(json.loads(r.stdout)["source"]["path"]).name == name
    shutil.copy(EN, lib / "S_2020_901.en.txt")
    r = ok("citations", "S/2020/901", "--library", str(lib), "--json", env={"RESINSPECT_LANG": "ar"})
    assert Path(json.loads(r.stdout)["source"]["path"]).name == "S_2020_901.en.txt"


@pytest.fixture
def library(tmp_path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(EN, lib / "S_RES_2518_2020.en.txt")
    return lib


@pytest.mark.parametrize("symbol", ["S/RES/2518(2020)", "S/RES/2518 (2020)"])
def test_library_option(library, symbol):
    r = ok("paragraphs", symbol, "--library", str(library), "--json")
    d = json.loads(r.stdout)
    assert Path(d["source"]["path"]) == library / "S_RES_2518_2020.en.txt"
    # the file holds the letter S/2020/249 (which annexes resolution 2518): its header says so, and that it is
    # not what was asked for
    assert (d["source"]["symbol"], d["source"]["symbol_source"]) == ("S/2020/249", "document")
    assert [w["code"] for w in d["warnings"]][:1] == ["symbol-mismatch"]
    assert d["resolution"] == "S/RES/2518 (2020)"


@pytest.mark.parametrize("symbol", ["S/RES/2518(2020)", "S/RES/2518 (2020)"])
def test_library_env(library, symbol, tmp_path):
    other = tmp_path / "empty"
    other.mkdir()
    env = {"RESINSPECT_LIBRARY": os.pathsep.join([str(other), str(library)])}
    r = ok("citations", symbol, "--json", env=env)
    d = json.loads(r.stdout)
    assert Path(d["source"]["path"]) == library / "S_RES_2518_2020.en.txt"
    assert [c["symbol"] for c in d["citations"]] == ["S/RES/2436 (2018)", "S/RES/2378 (2017)", "S/2020/240"]


def test_symbol_not_in_any_library_is_exit_2(library):
    r = run("votes", "S/RES/2519 (2020)", "--library", str(library))
    assert r.exit_code == 2
    assert r.stderr.startswith("error: ") and "S/RES/2519 (2020)" in r.stderr


def test_stdin():
    r = ok("votes", "-", "--json", input=EN.read_bytes())
    d = json.loads(r.stdout)
    assert d["source"]["input"] == "-"
    assert d["source"]["path"] is None
    (v,) = d["votes"]
    assert v["resolution"] == "S/RES/2518 (2020)"
    assert v["counts"] == {"in_favour": 15, "against": 0, "abstaining": 0}


# ------------------------------------------------------------------------------------------------
# offsets: `text` prints what the offsets index


@pytest.mark.parametrize("source", ["S/2020/249", str(AR), str(PV)])
def test_text_is_the_offsets_base(source):
    text = ok("text", source).stdout
    assert text.endswith("\n")
    base = text[:-1]
    d = json.loads(ok("inspect", source, "--json").stdout)
    mentions = [m for c in d["citations"] for m in c["mentions"]]
    assert mentions
    for m in mentions:
        assert base[m["start"] : m["end"]] == m["text"]
    if source != str(AR):  # Arabic members: see test_arabic_member_offsets
        _check_member_offsets(base, d)


def _check_member_offsets(base: str, d: dict) -> None:
    members = [m for v in d["votes"] for k in ("in_favour", "against", "abstaining") for m in v[k]]
    assert members
    spans = 0
    for m in members:
        if "start" in m:  # an item split in two by extraction has no single span
            assert base[m["start"] : m["end"]] == m["as_printed"]
            spans += 1
    assert spans >= len(members) // 2


def test_arabic_member_offsets():
    base = ok("text", str(AR)).stdout[:-1]
    _check_member_offsets(base, json.loads(ok("votes", str(AR), "--json").stdout))


def test_text_of_stdin_equals_text_of_file():
    assert ok("text", "-", input=EN.read_bytes()).stdout == ok("text", str(EN)).stdout


# ------------------------------------------------------------------------------------------------
# exit codes and stderr


@pytest.mark.parametrize(
    "args",
    [
        ["votes", "S/2020/249"],
        ["votes", "S/2020/249", "--json"],
        ["citations", "S/2020/249", "--json"],
        ["paragraphs", "S/2020/249"],
        ["inspect", "S/2020/249", "--json"],
        ["text", "S/2020/249"],
        ["votes", str(PV), "--json"],
    ],
)
def test_success_writes_nothing_to_stderr(args):
    r = ok(*args)
    assert r.stderr == ""
    assert r.stdout


def test_exit_1_when_nothing_found(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text("A short note with no vote and no citation in it at all, just words.\n", encoding="utf-8")
    for command in ("votes", "citations", "paragraphs"):
        r = run(command, str(p))
        assert r.exit_code == 1, command
        assert "Traceback" not in r.stderr


def test_exit_2_missing_file(tmp_path):
    missing = str(tmp_path / "nope.pdf")
    r = run("votes", missing)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith("error: ") and missing in r.stderr
    assert len(r.stderr.splitlines()) == 1


def test_exit_2_bad_option():
    assert run("votes", "S/2020/249", "--lang", "xx").exit_code == 2
    assert run("paragraphs", "S/2020/249", "--kind", "annex").exit_code == 2


def test_version():
    r = ok("--version")
    assert r.stdout.startswith("resinspect ")


# ------------------------------------------------------------------------------------------------
# JSON field names (CONTRACT.md)

SOURCE_FIELDS = {"input", "path", "sha256", "symbol", "languages", "pages"}
VOTE_FIELDS = {
    "subject", "resolution", "procedure", "date", "adopted", "counts",
    "in_favour", "against", "abstaining", "warnings",
}  # fmt: skip
MEMBER_FIELDS = {"name", "iso3", "as_printed"}
PARAGRAPH_FIELDS = {"id", "kind", "number", "lead", "text", "page"}
CITATION_FIELDS = {"kind", "symbol", "number", "year", "paragraphs", "count", "mentions"}
MENTION_FIELDS = {"text", "start", "end", "page"}


def _check_head(d: dict, symbol: str) -> None:
    assert d["schema_version"] == 1
    assert SOURCE_FIELDS <= set(d["source"])
    s = d["source"]
    assert s["symbol"] == symbol
    assert isinstance(s["languages"], list) and isinstance(s["pages"], int) and s["pages"] >= 1
    assert len(s["sha256"]) == 64 and int(s["sha256"], 16) >= 0


def test_json_fields_votes():
    d = json.loads(ok("votes", str(PV), "--json").stdout)
    _check_head(d, "S/PV.8700")
    assert d["source"]["pages"] == 12  # the PDF's page tree: /Count 12
    for v in d["votes"]:
        assert VOTE_FIELDS <= set(v)
        assert set(v["counts"]) == {"in_favour", "against", "abstaining"}
        assert v["procedure"] in ("written", "meeting")
        assert isinstance(v["warnings"], list)
        for key in ("in_favour", "against", "abstaining"):
            for m in v[key]:
                assert MEMBER_FIELDS <= set(m)


def test_json_fields_paragraphs():
    d = json.loads(ok("paragraphs", "S/2020/249", "--json").stdout)
    _check_head(d, "S/2020/249")
    assert d["resolution"] == "S/RES/2518 (2020)"
    assert d["language"] == "en"
    for p in d["paragraphs"]:
        assert PARAGRAPH_FIELDS <= set(p)
        assert p["kind"] in ("preambular", "operative")
        assert p["id"] == (f"OP{p['number']}" if p["kind"] == "operative" else p["id"])
    pp1 = d["paragraphs"][0]
    assert (pp1["id"], pp1["lead"], pp1["number"]) == ("PP1", "Recalling", None)


def test_json_fields_citations():
    d = json.loads(ok("citations", "S/2020/249", "--json").stdout)
    _check_head(d, "S/2020/249")
    kinds = {"sc_resolution", "ga_resolution", "presidential_statement", "document"}
    for c in d["citations"]:
        assert CITATION_FIELDS <= set(c)
        assert c["kind"] in kinds
        assert c["count"] == len(c["mentions"])
        for m in c["mentions"]:
            assert MENTION_FIELDS <= set(m)
    c = d["citations"][0]
    assert (c["kind"], c["symbol"], c["number"], c["year"]) == (
        "sc_resolution",
        "S/RES/2436 (2018)",
        2436,
        2018,
    )


def test_json_fields_inspect():
    d = json.loads(ok("inspect", "S/2020/249", "--json").stdout)
    _check_head(d, "S/2020/249")
    assert {"citations", "votes"} <= set(d)
    assert VOTE_FIELDS <= set(d["votes"][0])


# ------------------------------------------------------------------------------------------------
# the installed console script


def _script() -> str:
    exe = Path(sys.executable).parent / "resinspect"
    found = str(exe) if exe.exists() else shutil.which("resinspect")
    assert found, "resinspect console script not installed"
    return found


def test_console_script(tmp_path):
    env = {**os.environ, "RESINSPECT_HOME": str(tmp_path / "home")}
    env.pop("RESINSPECT_LIBRARY", None)
    p = subprocess.run(
        [_script(), "votes", "S/2020/249", "--json"], capture_output=True, env=env, cwd=tmp_path, timeout=60
    )
    assert p.returncode == 0
    assert p.stderr == b""
    (v,) = json.loads(p.stdout)["votes"]
    assert v["resolution"] == "S/RES/2518 (2020)"
    assert len(v["in_favour"]) == 15

    p = subprocess.run(
        [_script(), "votes", str(tmp_path / "missing.pdf"), str(EN)],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert p.returncode == 2
    err = p.stderr.decode()
    assert err.startswith("error: ") and "missing.pdf" in err and "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert p.stdout.decode().splitlines()[0].split("\t")[0] == "symbol"  # the good source still printed
