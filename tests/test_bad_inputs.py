"""Unreadable inputs fail cleanly: one `error:` line naming the input, exit 2, no traceback, batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resinspect.cli.app import app
from resinspect.reader.library import samples_dir
from typer.testing import CliRunner

BAD = Path(__file__).parent / "data" / "bad"
BAD_FILES = sorted(p.name for p in BAD.iterdir() if p.suffix in (".pdf", ".txt"))
GOOD = samples_dir() / "S_2020_249.en.txt"
FOUNDING = samples_dir() / "S_2020_249-AR.txt"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def _one_clean_error(r, name: str) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: ")
    assert name in lines[0]


def test_all_bad_inputs_are_present():
    assert BAD_FILES == [
        "binary.txt",
        "empty.pdf",
        "empty.txt",
        "encrypted.pdf",
        "garbage.pdf",
        "no-text-layer.pdf",
        "not-a-pdf.pdf",
        "truncated.pdf",
    ]


@pytest.mark.parametrize("command", ["votes", "citations", "paragraphs", "inspect", "text"])
@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file(name, command):
    path = str(BAD / name)
    r = run(command, path)
    assert r.exit_code == 2
    assert r.stdout == ""
    _one_clean_error(r, path)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("no-text-layer.pdf", "needs OCR"),
        ("encrypted.pdf", "encrypted"),
        ("empty.pdf", "empty"),
        ("empty.txt", "empty"),
        ("not-a-pdf.pdf", "not a PDF"),
        ("garbage.pdf", "not a PDF"),
    ],
)
def test_bad_file_message(name, words):
    r = run("votes", str(BAD / name))
    assert words in r.stderr


def test_missing_file(tmp_path):
    path = str(tmp_path / "missing.pdf")
    r = run("votes", path)
    assert r.exit_code == 2
    _one_clean_error(r, path)


def test_unknown_symbol():
    r = run("votes", "S/2019/999")
    assert r.exit_code == 2
    _one_clean_error(r, "S/2019/999")


def test_folder_is_not_a_document(tmp_path):
    r = run("votes", str(tmp_path))
    assert r.exit_code == 2
    _one_clean_error(r, str(tmp_path))


@pytest.mark.parametrize("name", ["truncated.pdf", "no-text-layer.pdf", "binary.txt"])
def test_batch_goes_on(name):
    bad = str(BAD / name)
    r = run("votes", bad, str(GOOD), "--json")
    assert r.exit_code == 2
    _one_clean_error(r, bad)
    (line,) = r.stdout.splitlines()  # NDJSON: the good source only
    d = json.loads(line)
    assert d["source"]["path"] == str(GOOD)
    assert d["votes"][0]["resolution"] == "S/RES/2518 (2020)"


def test_batch_good_first_then_bad(tmp_path):
    missing = str(tmp_path / "missing.txt")
    r = run("citations", str(GOOD), missing)
    assert r.exit_code == 2
    _one_clean_error(r, missing)
    assert r.stdout.splitlines()[0] == "kind\tsymbol\tcount\tparagraphs\tpages"
    assert "S/RES/2436 (2018)" in r.stdout


def test_empty_stdin():
    r = run("votes", "-", input=b"")
    assert r.exit_code == 2
    _one_clean_error(r, "-")


# ------------------------------------------------------------------------------------------------
# fuzz: damaged bytes never crash the CLI (engine in-process through CliRunner)


def _small_pdf() -> bytes:
    """A one-page PDF with a text layer, offsets computed so the xref table is valid."""
    content = b"BT /F1 12 Tf 72 720 Td (Security Council resolution 2436 (2018) S/2020/240) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


SMALL_PDF = _small_pdf()
FOUNDING_BYTES = FOUNDING.read_bytes()


def test_small_pdf_is_valid(tmp_path):
    p = tmp_path / "small.pdf"
    p.write_bytes(SMALL_PDF)
    r = run("citations", str(p), "--json")
    assert r.exit_code == 0, r.stderr
    symbols = [c["symbol"] for c in json.loads(r.stdout)["citations"]]
    assert symbols == ["S/RES/2436 (2018)", "S/2020/240"]


def _mutate(data: bytes, edits) -> bytes:
    buf = bytearray(data)
    for pos, value, kind in edits:
        i = pos % (len(buf) + 1)
        if kind == 0 and buf:
            buf[i % len(buf)] = value
        elif kind == 1:
            buf.insert(i, value)
        elif buf:
            del buf[i % len(buf)]
    return bytes(buf)


EDITS = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 255), st.integers(0, 2)), min_size=1, max_size=12
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _no_crash(tmp_path, name: str, data: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    for command in ("inspect", "text"):
        r = run(command, str(p), "--json") if command == "inspect" else run(command, str(p))
        assert r.exit_code in (0, 1, 2), (r.exit_code, r.stderr)
        assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
        assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
        if r.exit_code == 2:
            assert r.stderr.startswith("error: ")


@FUZZ
@given(edits=EDITS, cut=st.integers(0, len(SMALL_PDF)))
def test_fuzz_pdf(tmp_path, edits, cut):
    data = _mutate(SMALL_PDF, edits)
    if cut % 3 == 0:
        data = data[:cut]
    _no_crash(tmp_path, "fuzz.pdf", data)


@FUZZ
@given(edits=EDITS, start=st.integers(0, len(FOUNDING_BYTES)), length=st.integers(200, 4000))
def test_fuzz_founding_sample_text(tmp_path, edits, start, length):
    # a window of the sample keeps each example fast; the mutations land inside it
    window = FOUNDING_BYTES[start : start + length]
    _no_crash(tmp_path, "S_2020_249-AR.txt", _mutate(window, edits))
