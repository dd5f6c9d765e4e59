"""What users of gh, sqlite-utils and jq expect of a command line: help with choices and examples, -h, bare
`resinspect`, completion, `python -m`, a pager only on a terminal, TSV without quote doubling, quiet broken
pipes, safe error lines, documented environment variables, and an API that reads bytes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import resinspect
from resinspect.cli.app import app
from resinspect.cli.help_cmd import ENVIRONMENT
from resinspect.cli.output import pager_command, tsv_cell
from typer.main import get_command
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(get_command(app).commands)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "cache"])
def test_help_shows_choices_and_an_example_and_no_python_types(command):
    r = run(command, "-h")
    assert r.exit_code == 0, r.output
    assert not re.search(r"<(?:list|str|int|bool)\b|\[str\]", r.stdout), r.stdout
    assert "Example" in r.stdout, f"{command} --help has no example"
    if "--format" in r.stdout and command not in ("graph",):
        assert re.search(r"--format \[[a-z|]+\]", r.stdout.replace("-f, ", "")), r.stdout
    if "--lang" in r.stdout and command != "fetch":  # fetch takes several: --lang en,ar
        assert "[ar|en|es|fr|ru|zh]" in r.stdout


def test_bare_command_prints_help_and_succeeds():
    r = run()
    assert r.exit_code == 0 and "Commands:" in r.stdout and "show" in r.stdout


def test_completion_is_offered():
    assert "--install-completion" in run("--help").stdout


def test_bad_choice_is_usage_error():
    r = run("votes", "S/2020/249", "--format", "xml")
    assert r.exit_code == 2 and "xml" in r.output


def test_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "resinspect", "votes", "S/2020/249", "--format", "tsv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.splitlines()[0].startswith("symbol\tvote_index")


def test_help_environment_lists_every_variable_the_code_reads():
    code = "\n".join(p.read_text(encoding="utf-8") for d in ("core", "cli") for p in (ROOT / d).rglob("*.py"))
    read = set(re.findall(r"\bRESINSPECT_[A-Z_]+\b", code)) | {"PAGER"}
    assert read == set(ENVIRONMENT)
    out = run("help", "environment").stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ENVIRONMENT:
        assert name in out and f"`{name}`" in readme


def test_exit_codes_topic():
    out = run("help", "exit-codes").stdout
    assert [int(x) for x in re.findall(r"^\s*(\d+)\s", out, re.M)] == [0, 1, 2, 129, 130, 143]


@pytest.mark.parametrize(
    ("lines", "height", "env", "expected"),
    [
        (100, 40, {}, ["less", "-FRX"]),  # longer than the screen: the default pager
        (10, 40, {}, None),  # fits
        (100, None, {}, None),  # not a terminal (piped)
        (100, 40, {"PAGER": "more"}, ["more"]),
        (100, 40, {"PAGER": "more", "RESINSPECT_PAGER": "less -S"}, ["less", "-S"]),
        (100, 40, {"RESINSPECT_PAGER": ""}, None),  # turned off
        (100, 40, {"RESINSPECT_PAGER": "cat"}, None),
        (100, 40, {"RESINSPECT_PAGER": "no-such-pager-here"}, None),  # not installed: print as usual
    ],
)
def test_pager_only_on_a_terminal_and_when_needed(lines, height, env, expected, monkeypatch):
    monkeypatch.setattr(
        "shutil.which", lambda name: None if name.startswith("no-such") else f"/usr/bin/{name}"
    )
    assert pager_command(lines, height, env) == expected


def test_tsv_fields_are_not_quoted():
    assert tsv_cell('the "Agreement"') == 'the "Agreement"'
    assert tsv_cell("a\tb\nc") == "a b c" and tsv_cell(None) == ""
    r = run("paragraphs", "S/2020/249", "--format", "tsv")
    assert '""' not in r.stdout and "\t" in r.stdout


def test_paragraph_table_title_holds_the_symbol():
    from resinspect.cli.output import Output

    out = Output("table", False, False)
    assert out.fmt == "table"  # (the terminal layout itself is rich's; the rows no longer repeat the symbol)


def test_broken_pipe_with_several_sources_is_quiet():
    # more rows than a pipe holds (64 KB) before the record that warns, so that the reader has gone away
    # by then however slow the machine (14 KB a copy)
    cmd = f"{sys.executable} -m resinspect paragraphs {' '.join(['S/2020/249'] * 8)} S/PV.8700 --format tsv | head -1"
    out = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
    assert out.stdout.startswith("resolution\t") and out.stderr == ""


@pytest.mark.parametrize("bad", ["nope\nerror: injected second line", "S/" + "9" * 10_000])
def test_error_line_cannot_be_forged_or_flooded(bad):
    r = run("votes", bad)
    lines = r.stderr.splitlines()
    assert r.exit_code == 2 and len(lines) == 1 and lines[0].startswith("error: ")
    assert len(lines[0]) < 400


def test_read_bytes_and_text_in_memory():
    pdf = (ROOT / "samples" / "S_PV.8700_E.pdf").read_bytes()
    doc = resinspect.read(pdf)
    assert doc.kind == "pdf" and doc.symbol == "S/PV.8700" and doc.symbol_source == "document"
    assert len(resinspect.extract_votes(doc)) == 2
    doc = resinspect.read_text((ROOT / "samples" / "S_2020_249.en.txt").read_text(encoding="utf-8"))
    assert doc.symbol == "S/2020/249" and resinspect.extract_votes(doc)[0].counts.in_favour == 15


def test_help_of_the_package_shows_the_verbs():
    import pydoc

    text = pydoc.render_doc(resinspect, renderer=pydoc.plaintext)
    for verb in ("read", "read_text", "inspect", "extract_votes", "extract_paragraphs", "extract_citations"):
        assert re.search(rf"^\s+{verb}\(", text, re.M), verb
    assert "Document" in text and "Vote" in text


def test_environment_variables_are_read_where_documented():
    env = {**os.environ, "RESINSPECT_LANG": "fr"}
    out = subprocess.run(
        [sys.executable, "-m", "resinspect", "help", "environment"], capture_output=True, text=True, env=env
    )
    assert "RESINSPECT_LANG" in out.stdout


def test_subparagraphs_are_rows_of_their_own(tmp_path):
    import csv
    import io

    src = tmp_path / "sub.txt"
    src.write_text(
        "The Security Council,\nRecalling its resolutions,\n1. Decides that:\n(a) States shall report;\n"
        "(b) The Committee shall meet.\n",
        encoding="utf-8",
    )
    rows = list(csv.DictReader(io.StringIO(run("paragraphs", str(src), "--format", "csv").stdout)))
    assert [(r["id"], r["parent"]) for r in rows] == [
        ("PP1", ""),
        ("OP1", ""),
        ("OP1(a)", "OP1"),
        ("OP1(b)", "OP1"),
    ]
    assert rows[2]["text"] == "States shall report;" and int(rows[2]["start"]) > int(rows[1]["start"])
