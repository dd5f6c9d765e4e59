"""Every fact read from a PDF knows where it is on the page: boxes of lines and of parts of lines, kept from
the reader through cleaning (and the cache) to the JSON; text input has none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import resinspect
from resinspect.export import jsonout
from resinspect.model import Line

ROOT = Path(__file__).resolve().parent.parent
PV = ROOT / "samples" / "S_PV.8700_E.pdf"
RENDERED = Path(__file__).parent / "data" / "rendered"


def _inside(inner, outer, tol=0.6):
    return (
        inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )  # fmt: skip


@pytest.fixture(scope="module")
def pv():
    doc = resinspect.read(PV)
    res = resinspect.extract_paragraphs(doc)
    return doc, res, resinspect.extract_votes(doc, res), resinspect.extract_citations(doc, res)


def test_every_line_knows_its_characters(pv):
    doc, *_ = pv
    lines = [ln for p in doc.layout for ln in p.lines]
    assert lines and all(ln.box is not None for ln in lines)
    with_chars = [ln for ln in lines if ln.chars is not None]
    assert len(with_chars) > 0.95 * len(lines)
    for ln in with_chars:
        assert len(ln.chars) == 2 * len(ln.text)
        x0, _, x1, _ = ln.box
        xs = ln.chars
        assert min(xs) >= x0 - 1 and max(xs) <= x1 + 1  # inside the line's box


def test_a_member_has_its_own_box_within_its_line(pv):
    doc, _, votes, _ = pv
    v = votes[1]  # the draft: 11-0-4
    boxes = [doc.boxes(m.start, m.end) for m in v.in_favour]
    assert [len(b) for b in boxes].count(
        2
    ) == 1  # "Saint Vincent and the" / "Grenadines"; the others on one line
    (page, first), (_, second) = boxes[0][0], boxes[1][0]
    assert page == 3 and first[2] < second[0]  # Belgium left of Dominican Republic, not the whole line
    line = next(ln for ln in doc.lines if ln.start <= v.in_favour[0].start < ln.end)
    assert _inside(first, line.box) and first[2] - first[0] < 0.5 * (line.box[2] - line.box[0])


def test_a_name_across_two_lines_has_two_boxes(pv):
    doc, _, votes, _ = pv
    uk = next(m for m in votes[1].abstaining if m.iso3 == "GBR")  # "United Kingdom of" / "Great Britain …"
    boxes = doc.boxes(uk.start, uk.end)
    assert len(boxes) == 2 and boxes[0][1][1] > boxes[1][1][1]  # the second line is lower on the page


def test_json_carries_box_and_boxes(pv):
    doc, res, votes, cits = pv
    v = jsonout.votes(doc, votes)["votes"][1]
    assert v["box"] and v["boxes"] and all(set(b) == {"page", "box"} for b in v["boxes"])
    m = v["in_favour"][0]
    assert m["box"] == m["boxes"][0]["box"] and len(m["box"]) == 4
    mention = jsonout.citations(doc, cits)["citations"][0]["mentions"][0]
    assert mention["box"] and mention["page"] == mention["boxes"][0]["page"]
    json.dumps(v)  # plain JSON


def test_paragraphs_and_title_block_have_boxes():
    doc = resinspect.read(RENDERED / "S_RES_2533_2020.fr.pdf")
    (r,) = resinspect.extract_paragraphs(doc)
    out = jsonout.resolution(doc, r)
    assert out["title"]["text"].startswith("Résolution 2533 (2020)")
    assert len(out["title"]["boxes"]) == 2  # the heading and the adoption line
    for p in out["paragraphs"]:
        assert p["boxes"] and p["box"][0] < p["box"][2] and p["box"][1] < p["box"][3]
        assert {b["page"] for b in p["boxes"]} >= {p["page"]}


def test_right_to_left_parts_of_lines():
    """In an Arabic line the first logical word is at the right."""
    doc = resinspect.read(RENDERED / "S_RES_2533_2020.ar.pdf")
    line = next(ln for ln in doc.lines if doc.text[ln.start : ln.end].startswith("إن مجلس الأمن"))
    ((_, first),) = doc.boxes(line.start, line.start + 2)  # «إن»
    ((_, last),) = doc.boxes(line.end - 3, line.end)
    assert first[0] > last[0]


def test_text_input_has_no_geometry():
    doc = resinspect.read("S/2020/249", lang="en")
    assert doc.layout == [] and doc.boxes(0, 50) == []
    v = jsonout.votes(doc, resinspect.extract_votes(doc))["votes"][0]
    assert v["box"] is None and v["boxes"] is None and v["in_favour"][0]["boxes"] is None


def test_geometry_survives_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path))
    cold = resinspect.read(PV)
    warm = resinspect.read(PV)  # pages and cleaned document from the cache
    assert warm.lines == cold.lines and warm.layout == cold.layout
    assert warm.boxes(7659, 7664) == cold.boxes(7659, 7664) != []


def test_span_box_of_a_line():
    ln = Line(
        "ab cd",
        (10.0, 100.0, 60.0, 110.0),
        "unknown",
        (10.0, 20.0, 20.0, 30.0, 30.0, 35.0, 35.0, 45.0, 45.0, 60.0),
    )
    assert ln.span_box(3, 5) == (35.0, 100.0, 60.0, 110.0)
    assert ln.span_box(0, 1) == (10.0, 100.0, 20.0, 110.0)
    assert Line("ab", (1.0, 2.0, 3.0, 4.0)).span_box(0, 1) == (1.0, 2.0, 3.0, 4.0)  # no characters known


# --- glyph runs (a word handed over as one glyph, as the PDFium engine does) ------------------------------


def _chars(word: str, x: float, widths: list[float], size: float = 10.0) -> list[list]:
    """One glyph a character, each `widths[k]` wide, starting at x."""
    out = []
    for ch, w in zip(word, widths, strict=True):
        out.append([x, x + w, 700.0, size, ch, -2.0])
        x += w
    return out


def _run(word: str, x: float, widths: list[float] | None, size: float = 10.0) -> list:
    """The same word as one glyph run: n characters, and their advances (or none: an even share)."""
    run = [x, x + sum(widths or [5.0] * len(word)), 700.0, size, word, -2.0, len(word)]
    return run + [widths] if widths else run


WIDTHS = {"Belgium,": [6.7, 5.6, 2.2, 5.6, 2.2, 5.6, 8.3, 2.8], "China": [7.2, 5.6, 2.2, 5.6, 5.6]}


@pytest.mark.parametrize("advances", [True, False], ids=["advances", "even"])
def test_a_run_lays_out_as_its_characters(advances):
    from resinspect.reader.layout import make_page

    x2 = 72.0 + sum(WIDTHS["Belgium,"]) + 3.0  # a word space: a gap of 0.3 sizes
    widths = WIDTHS if advances else {w: [5.0] * len(w) for w in WIDTHS}
    by_char = _chars("Belgium,", 72.0, widths["Belgium,"]) + _chars("China", x2, widths["China"])
    by_run = [_run("Belgium,", 72.0, widths["Belgium,"] if advances else None)]
    by_run.append(_run("China", x2, widths["China"] if advances else None))
    a, b = make_page(1, 612, 792, by_char), make_page(1, 612, 792, by_run)
    assert a == b and a.lines[0].text == "Belgium, China"
    belgium = round(72.0 + sum(widths["Belgium,"][:7]), 1)  # the member's box ends before its comma
    assert a.lines[0].span_box(0, 7)[2] == b.lines[0].span_box(0, 7)[2] == belgium


def test_a_run_counts_its_characters_in_the_line_size():
    """The line's size is the size most characters have: a 12-point word of 10 letters outvotes three
    10-point glyphs, as it does when each letter is a glyph."""
    from resinspect.reader.layout import make_page

    small = _chars("a b", 200.0, [5.0, 5.0, 5.0])
    for big in (_chars("Resolution", 72.0, [5.0] * 10, 12.0), [_run("Resolution", 72.0, [5.0] * 10, 12.0)]):
        line = make_page(1, 612, 792, big + small).lines[0]
        assert line.box[3] - line.box[1] == 12.0


@pytest.mark.parametrize("unseen", ["\u200b", "\ufeff", "\u2060", "\u200f"])
def test_a_glyph_that_prints_nothing_leaves_the_line_as_without_it(unseen):
    """A zero-advance glyph of a character that prints nothing (zero-width space, byte-order mark, word joiner,
    a bidirectional mark) inside "Belgium," is no character of the line: the same text, the same box for
    each character."""
    from resinspect.reader.layout import make_page

    plain = _chars("Belgium,", 72.0, WIDTHS["Belgium,"])
    marked = plain[:3] + [[plain[3][0], plain[3][0], 700.0, 10.0, unseen, -2.0]] + plain[3:]
    a, b = make_page(1, 612, 792, plain).lines[0], make_page(1, 612, 792, marked).lines[0]
    assert b.text == a.text == "Belgium,"
    assert b.chars == a.chars and b.span_box(0, 7) == a.span_box(0, 7)
