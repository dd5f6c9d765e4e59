"""The PDFium engine (pypdfium2) gives pdfminer's page texts and pdfminer's one-line errors.

Each bundled PDF is read by both engines and compared page by page (`layout.page_text`). Where the two
differ, the difference is asserted exactly and explained; everything else must be equal.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from resinspect.errors import SourceError
from resinspect.reader import pdfium
from resinspect.reader.layout import page_text
from resinspect.reader.library import samples_dir
from resinspect.reader.pdf import read_pdf as pdfminer_read
from resinspect.text.scripts import WIDE_RE

DATA = Path(__file__).parent / "data"
RENDERED = sorted((DATA / "rendered").glob("*.pdf"))
SPV = samples_dir() / "S_PV.8700_E.pdf"


def _texts(reader, data: bytes) -> list[str]:
    return [page_text(p) for p in reader(data)]


def _collapse(text: str) -> str:
    while "  " in text:
        text = text.replace("  ", " ")
    return text


# Known differences, each (file, page) -> a function turning pdfminer's page text into PDFium's.
KNOWN = {
    # pdfminer's error: the damma glyph is missing from the font's ToUnicode map, and pdfminer falls back
    # to the simple font's standard encoding of its code ('|'); PDFium reads the embedded font's own cmap
    # and gives U+064F ARABIC DAMMA, which is what the resolution says (أُدرجت, "were listed").
    ("S_RES_2511_2020.ar.pdf", 3): lambda t: t.replace("أ|درجت", "أُدرجت"),
    # PDFium's text page keeps one space of a run of spaces (CloseTempLine deletes the others, and they
    # cannot be recovered); pdfminer keeps every space glyph drawn: "i)␣␣Изъятия" is "i)␣Изъятия".
    ("S_RES_2551_2020.ru.pdf", 7): _collapse,
    ("S_RES_2551_2020.ru.pdf", 10): _collapse,
}


@pytest.mark.parametrize("path", RENDERED, ids=lambda p: p.name)
def test_rendered_page_texts_equal_pdfminer(path):
    data = path.read_bytes()
    miner, other = _texts(pdfminer_read, data), _texts(pdfium.read_pdf, data)
    assert len(miner) == len(other)
    for number, (a, b) in enumerate(zip(miner, other, strict=True), 1):
        fix = KNOWN.get((path.name, number))
        if fix is not None:
            assert a != b, f"page {number}: the known difference is gone"
            a = fix(a)
        assert a == b, f"page {number}"


def test_meeting_record_page_texts():
    """S/PV.8700: pages 2-12 equal pdfminer's but for runs of spaces (collapsed by PDFium, see above).

    Page 1 differs in layout: its dot leaders ("Belgium . . . . Mr. Pecsteen") are marked content with an
    /ActualText, for which PDFium's text page gives the ActualText's characters spread evenly over the text
    object instead of the glyphs drawn, so the leaders end short of the names and the page's two-column gutter
    test finds a gutter there (pdfminer, reading the glyphs, finds none). The words are the same.
    """
    data = SPV.read_bytes()
    miner, other = _texts(pdfminer_read, data), _texts(pdfium.read_pdf, data)
    assert len(miner) == len(other) == 12
    for number, (a, b) in enumerate(zip(miner, other, strict=True), 1):
        if number == 1:
            words = lambda t: sorted(w for w in t.replace(".", " ").split() if w)  # noqa: E731
            assert words(a) == words(b)
            assert a != b
        else:
            assert _collapse(a) == _collapse(b), f"page {number}"
    assert miner[8] != other[8] and "working.  Neither" in miner[8] and "working. Neither" in other[8]


def test_glyph_format():
    data = (DATA / "rendered" / "S_RES_2533_2020.en.pdf").read_bytes()
    for runs in (False, True):
        pages = list(pdfium.iter_page_glyphs(data, runs))
        assert len(pages) == 2
        width, height, glyphs, cids = pages[0]
        assert (round(width), round(height)) == (612, 792) and cids == 0  # US Letter
        x0, x1, base, size, text, descent = glyphs[0][:6]
        assert x0 <= x1 and size > 0 and isinstance(text, str) and descent <= 0
        assert all(g[4] for g in glyphs)
        assert not any(g[4] in ("\r", "\n") for g in glyphs)  # PDFium's generated line breaks are dropped
        one = [g for g in glyphs if len(g) == 6]
        many = [g for g in glyphs if len(g) > 6]
        if runs:  # a run: n characters and their n advances, or words joined over the spaces drawn between
            words = [g for g in many if len(g) > 8]
            assert many and all(
                g[6] == len(g[4]) and (len(g) == 7 or len(g[7]) == g[6]) for g in many if len(g) < 9
            )
            assert words and all(
                g[4] == " ".join(w for _, _, w, _ in g[8].parts)
                and g[6] == len(g[4]) - len(g[8].parts) + 1  # its words' characters, not the spaces
                and all(len(adv) == len(w) for _, _, w, adv in g[8].parts)
                for g in words
            )
        else:
            assert not many and all(len(g[4]) <= 3 for g in one)  # a ligature (ffi) is one glyph


BAD = sorted(p for p in (DATA / "bad").iterdir() if p.suffix in (".pdf", ".txt"))


@pytest.mark.parametrize("path", BAD + sorted((DATA / "pdf").glob("*.pdf")), ids=lambda p: p.name)
def test_bad_inputs_same_error(path):
    data = path.read_bytes()

    def error(reader) -> str | None:
        try:
            reader(data)
        except SourceError as exc:
            return str(exc)
        return None

    expected = error(pdfminer_read)
    assert error(pdfium.read_pdf) == expected
    if expected is not None:
        assert "\n" not in expected


def test_pdfium_not_imported_by_module_import():
    import subprocess

    code = "import resinspect.reader.pdfium, sys; print('pypdfium2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("path", [*RENDERED, SPV], ids=lambda p: p.name)
def test_runs_give_the_same_lines(path):
    """PDFium's glyph runs (a word a glyph, layout.GLYPH_RUNS) give exactly the lines of one glyph a character:
    texts, hints and boxes, and each character's x extent within 0.1 pt where the pens show no kerning."""
    data = path.read_bytes()
    runs, chars = pdfium.read_pdf(data), pdfium.read_pdf(data, runs=False)
    assert [page_text(p) for p in runs] == [page_text(p) for p in chars]
    for a, b in zip(runs, chars, strict=True):
        assert [ln.box for ln in a.lines] == [ln.box for ln in b.lines]
    glyphs = [g for _, _, gs, _ in pdfium.iter_page_glyphs(data) for g in gs]
    runs_read = [g for g in glyphs if len(g) > 6 and g[6] > 1]
    # right-to-left pages are read a character at a time, and so is Chinese (not its Latin words)
    if path.name.endswith((".en.pdf", ".es.pdf", ".fr.pdf", ".ru.pdf", "_E.pdf")):
        assert len(runs_read) > len(glyphs) / 3
    elif path.name.endswith(".zh.pdf"):
        assert not any(WIDE_RE.search(g[4]) for g in runs_read)
    else:
        assert not runs_read


@pytest.mark.parametrize("path", [*RENDERED, SPV], ids=lambda p: p.name)
def test_words_joined_over_their_drawn_spaces_give_the_same_pages(path, monkeypatch):
    """Runs joined over the spaces drawn between them (`_joins`) give exactly the pages of the runs
    apart: texts, hints, boxes, gaps and every character's extent; on left-to-right pages a line is then a
    few glyphs instead of two a word."""
    data = path.read_bytes()
    joined = pdfium.read_pdf(data)
    n_joined = sum(len(gs) for _, _, gs, _ in pdfium.iter_page_glyphs(data))
    monkeypatch.setattr(pdfium, "_joins", lambda prev, g: False)
    assert joined == pdfium.read_pdf(data)
    n_apart = sum(len(gs) for _, _, gs, _ in pdfium.iter_page_glyphs(data))
    if path.name.endswith((".en.pdf", ".es.pdf", ".fr.pdf", ".ru.pdf", "_E.pdf")):
        assert n_joined < n_apart / 2
    elif path.name.endswith(".ar.pdf"):
        assert n_joined == n_apart  # read a character at a time: nothing to join


def test_a_space_as_wide_as_a_gutter_is_not_joined_over():
    """Two runs of one text object with a drawn space between: joined when the space is a word space, kept
    apart when it is wide enough to be a column gutter (JOIN_SPACE sizes), or when the runs differ in
    baseline, size or descent."""
    a = [72.0, 100.0, 700.0, 10.0, "Decides", -2.0, 7, [1.0] * 7]
    b = [103.0, 120.0, 700.0, 10.0, "to", -2.0, 2, [1.0] * 2]
    assert pdfium._joins(a, b)
    run = pdfium._joined(a)
    assert run[8] == [(72.0, 100.0, "Decides", [1.0] * 7)] and len(run) == 9
    far = [100.0 + pdfium.JOIN_SPACE * 10, 130.0, 700.0, 10.0, "to", -2.0, 2, [1.0] * 2]
    assert not pdfium._joins(a, far)
    assert pdfium._joins(a, [*b[:7], b[7]]) and not pdfium._joins(a, [b[0], b[1], 690.0, *b[3:]])
    assert not pdfium._joins(a, [*b[:3], 12.0, *b[4:]]) and not pdfium._joins(a, [*b[:5], -3.0, *b[6:]])


# PDFium gives a right-to-left line's characters in logical order and mirrors the brackets of the neutral runs
# it emits right to left; undoing that must not unbalance a line whose brackets PDFium gives balanced. The class:
# a Latin symbol in brackets before Arabic punctuation, which PDFium resolves left to right (no bracket mirrored).
_SYMBOL_BEFORE_PUNCTUATION = [
    "وفقا للبيان (S/PRST/2019/12)، يقرر",
    "وفقا للبيان [S/2020/249]، يقرر",
    "يشير إلى الوثيقة (S/2021/100)؛ ويقرر",
    "البيانين (S/PRST/2020/5)، و (S/PRST/2021/7)، أيضا",
]


def _undone(line: str) -> str:
    """The line with the characters `_mirrored_indices` finds mirrored put back (one text object, one line)."""
    mirrored = pdfium._mirrored_indices([1] * len(line), [ord(c) for c in line])
    return "".join(pdfium._MIRROR.get(c, c) if i in mirrored else c for i, c in enumerate(line))


@pytest.mark.parametrize("line", _SYMBOL_BEFORE_PUNCTUATION)
def test_a_latin_symbol_in_brackets_before_arabic_punctuation_keeps_its_brackets(line):
    assert _undone(line).replace(" ", "") == line.replace(" ", "")  # (spaces may be mirrored: no matter)


def test_brackets_around_arabic_words_are_put_back():
    assert _undone("يقرر (مجلس) الأمن") == "يقرر )مجلس( الأمن"  # PDFium mirrored both: both undone


_FRAGMENTS = ["يقرر", "المجلس", "الأمن", "S/PRST/2019/12", "S/2020/249", "2020", "S/RES/2518 (2020)"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_FRAGMENTS), st.sampled_from(["", "()", "[]"]), st.sampled_from(["", "،", "؛"])
        ),
        min_size=1,
        max_size=6,
    )
)
def test_undoing_the_mirroring_never_unbalances_a_balanced_line(parts):
    line = " ".join(f"{w[:1]}{text}{w[1:]}{mark}" for text, w, mark in parts)
    undone = _undone(line)
    for opening, closing in ("()", "[]"):
        assert undone.count(opening) - undone.count(closing) == line.count(opening) - line.count(closing) == 0
