"""`resinspect show`: the facts drawn where they were found, checked on the pixels of the picture."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
import resinspect
from resinspect.cli.app import app
from resinspect.export.picture import COLOURS, SCALE
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
PV = ROOT / "samples" / "S_PV.8700_E.pdf"
RENDERED = Path(__file__).parent / "data" / "rendered"


def read_png(path: Path) -> np.ndarray:
    """The RGB pixels of a PNG written by resinspect (8-bit RGB, no interlace; filters undone)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 2)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = 3 * width + 1
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(r[0] == 0 for r in rows)  # filter type "none"
    return np.frombuffer(b"".join(r[1:] for r in rows), dtype=np.uint8).reshape(height, width, 3)


def _near(pixel, colour, tol=60) -> bool:
    return all(abs(int(a) - b) <= tol for a, b in zip(pixel, colour, strict=True))


def _edge_has(img, box, colour, page_height) -> bool:
    """Whether the left edge of `box` (PDF points) is drawn in `colour` on the picture."""
    x0, y0, x1, y1 = box
    col = int(round((x0 - 1.0) * SCALE))
    top, bottom = int((page_height - y1) * SCALE), int((page_height - y0) * SCALE)
    return any(_near(img[y, x], colour) for y in range(top, bottom) for x in (col - 1, col, col + 1))


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_vote_lists_boxed_on_their_page(tmp_path):
    r = run("show", PV, "--vote", "2", "--out", tmp_path / "v.png")
    assert r.exit_code == 0, r.output
    assert r.stdout.split() == [str(tmp_path / "v-p3.png")]  # the vote is on page 3 only
    img = read_png(tmp_path / "v-p3.png")
    doc = resinspect.read(PV)
    vote = resinspect.extract_votes(doc)[1]
    height = doc.layout[2].height
    assert abs(img.shape[0] - height * SCALE) <= 1 and abs(img.shape[1] - doc.layout[2].width * SCALE) <= 1
    for member, colour in (
        (vote.in_favour[0], COLOURS["in_favour"]),
        (vote.abstaining[0], COLOURS["abstaining"]),
    ):
        ((page, box),) = doc.boxes(member.start, member.end)
        assert page == 3 and _edge_has(img, box, colour, height), member.name
    # nothing is red: no member voted against
    red = np.all(np.abs(img.astype(int) - COLOURS["against"]) < 40, axis=2)
    assert not red.any()
    # and the first vote's lists (above on the same page) are not drawn
    ((_, box),) = doc.boxes(
        resinspect.extract_votes(doc)[0].in_favour[0].start, resinspect.extract_votes(doc)[0].in_favour[0].end
    )
    assert not _edge_has(img, box, COLOURS["in_favour"], height)


def test_paragraph_on_a_rendered_resolution(tmp_path):
    pdf = RENDERED / "S_RES_2533_2020.en.pdf"
    r = run("show", pdf, "--paragraph", "OP3", "--out", tmp_path / "p")
    assert r.exit_code == 0, r.output
    doc = resinspect.read(pdf)
    op3 = next(p for res in resinspect.extract_paragraphs(doc) for p in res.paragraphs if p.id == "OP3")
    boxes = doc.boxes(op3.start, op3.end)
    pages = sorted({p for p, _ in boxes})
    assert r.stdout.split() == [str(tmp_path / f"p-p{p}.png") for p in pages]  # one picture per page it is on
    for page, box in boxes:
        assert _edge_has(
            read_png(tmp_path / f"p-p{page}.png"), box, COLOURS["paragraph"], doc.layout[page - 1].height
        )


def test_text_input_gives_highlighted_html(tmp_path):
    r = run("show", "S/2020/249", "--lang", "en", "--vote", "1", "--out", tmp_path / "v.png")
    assert r.exit_code == 0, r.output
    (out,) = r.stdout.split()
    assert out.endswith("v.html")
    page = Path(out).read_text(encoding="utf-8")
    assert 'data-kind="in_favour">Belgium</mark>' in page
    assert page.count('data-kind="in_favour">') == 15 and 'data-kind="against"' not in page


def test_selection_that_names_nothing(tmp_path):
    r = run("show", PV, "--vote", "9", "--out", tmp_path / "v.png")
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [f"error: {PV}: no vote 9 (the document has 2)"]
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("sym", ["S/RES/2042 (2012)"])
def test_citation_mentions_boxed(tmp_path, sym):
    pdf = RENDERED / "S_RES_2533_2020.fr.pdf"
    r = run("show", pdf, "--citation", sym, "--out", tmp_path / "c.png")
    assert r.exit_code == 0, r.output
    doc = resinspect.read(pdf)
    (cit,) = [c for c in resinspect.extract_citations(doc) if c.symbol == sym]
    page, box = doc.boxes(cit.mentions[0].start, cit.mentions[0].end)[0]
    img = read_png(tmp_path / f"c-p{page}.png")
    assert _edge_has(img, box, COLOURS["citation"], doc.layout[page - 1].height)
