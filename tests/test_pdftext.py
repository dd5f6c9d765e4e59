"""Tests for resinspect.reader.pdf: lines, columns, right-to-left order, paragraph hints, errors.

Small PDFs are built here by hand (`make_pdf`); real documents come from tests/data/pdf/ (see its
README) and, when present, from the shared corpus (skipped otherwise).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resinspect.errors import SourceError
from resinspect.model import Page
from resinspect.reader.layout import START, WRAP, WRAP_MARK, page_text
from resinspect.reader.pdf import read_pdf

DATA = Path(__file__).parent / "data" / "pdf"
SPV_8700 = Path(__file__).resolve().parent.parent / "samples" / "S_PV.8700_E.pdf"
RENDERED = Path(__file__).parent / "data" / "rendered"
TRUTH_2504 = RENDERED / "S_RES_2504_2020.truth.json"  # from the UNxml XML (see data/rendered/README.md)
WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return WS.sub("", text)


# --- hand-made PDFs ---------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    return (
        b"("
        + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def make_pdf(
    lines: list[tuple[float, float, str]],
    *,
    size: float = 10,
    width: int = 612,
    height: int = 792,
    font_extra: str = "",
    user_password: str | None = None,
) -> bytes:
    """A one-page PDF with Helvetica text at (x, y). With `user_password`, RC4-40 encrypted (R2)."""
    ops = b"".join(b"BT /F1 %g Tf %g %g Td %s Tj ET\n" % (size, x, y, _pdf_string(t)) for x, y, t in lines)
    file_id = hashlib.md5(ops).digest()
    key = None
    extra_trailer = b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        % (width, height),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + font_extra.encode() + b" >>",
    ]
    if user_password is not None:
        upw = (user_password.encode() + _PAD)[:32]
        owner = _rc4(hashlib.md5(b"owner" + _PAD[:27]).digest()[:5], upw)
        perms = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5(upw + owner + perms + file_id).digest()[:5]
        user = _rc4(key, _PAD)
        objs.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>"
            % (owner.hex().encode(), user.hex().encode())
        )
        extra_trailer = b" /Encrypt 6 0 R"
    if key is not None:
        obj_key = hashlib.md5(key + (5).to_bytes(3, "little") + b"\0\0").digest()[:10]
        ops = _rc4(obj_key, ops)
    objs.insert(4, b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\n" % (
        len(objs) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
        extra_trailer,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


SIMPLE = make_pdf([(72, 720, "Resolution 2504 (2020)"), (72, 700, "Adopted by the Security Council")])


# --- basic reading ----------------------------------------------------------------------------


def test_reads_lines_with_boxes() -> None:
    pages = read_pdf(SIMPLE)
    assert len(pages) == 1
    page = pages[0]
    assert isinstance(page, Page)
    assert (page.number, page.width, page.height, page.cid_glyphs) == (1, 612, 792, 0)
    assert [ln.text for ln in page.lines] == ["Resolution 2504 (2020)", "Adopted by the Security Council"]
    first = page.lines[0]
    assert first.box is not None
    x0, y0, x1, y1 = first.box
    assert x0 == pytest.approx(72)
    assert y0 < 720 < y1
    assert x1 > x0 + 50
    assert y1 - y0 == pytest.approx(10)  # the font size: baseline to the top of the em box


def test_reads_path_and_bytes_alike(tmp_path: Path) -> None:
    path = tmp_path / "simple.pdf"
    path.write_bytes(SIMPLE)
    assert read_pdf(path) == read_pdf(str(path)) == read_pdf(SIMPLE)


def test_spaces_from_gaps_and_no_doubling() -> None:
    pdf = make_pdf([(72, 700, "In"), (90, 700, "favour:"), (72, 680, "a  b")])
    texts = [ln.text for ln in read_pdf(pdf)[0].lines]
    assert texts == ["In favour:", "a  b"]  # the PDF's own spaces are kept as given


def test_unmapped_glyphs_are_counted() -> None:
    pdf = make_pdf([(72, 700, "A\x01B\x02")])  # codes 1 and 2 have no glyph name in StandardEncoding
    page = read_pdf(pdf)[0]
    assert page.cid_glyphs == 2
    assert page.lines[0].text == "A(cid:1)B(cid:2)"


def test_pdfminer_is_imported_lazily() -> None:
    code = "import sys, resinspect.reader.pdf; print(any(m.startswith('pdfminer') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- columns and paragraphs -------------------------------------------------------------------


def test_two_columns_read_left_then_right() -> None:
    lines = [(200, 740, "Header across the whole page width of the record")]
    for i in range(6):
        y = 700 - 12 * i
        lines.append((60, y, f"left line {i} of the first column text"))
        lines.append((320, y, f"right line {i} of the second column text"))
    lines.append((60, 60, "2/6"))
    page = read_pdf(make_pdf(lines))[0]
    texts = [ln.text for ln in page.lines]
    assert texts[0].startswith("Header")
    assert texts[1:7] == [f"left line {i} of the first column text" for i in range(6)]
    assert texts[7:13] == [f"right line {i} of the second column text" for i in range(6)]
    assert all(ln.box and ln.box[0] > page.width / 2 for ln in page.lines[7:13])  # the right column
    assert texts[-1] == "2/6"


def test_single_column_is_not_split() -> None:
    lines = [(72, 700 - 12 * i, "word " * 16) for i in range(10)]
    page = read_pdf(make_pdf(lines))[0]
    assert len(page.lines) == 10
    assert all(ln.box and ln.box[0] == pytest.approx(72) for ln in page.lines)


def test_lines_ending_past_the_others_are_not_split() -> None:
    """A one-column page where a few lines run further right than the rest, their last letter across the
    point no other line reaches (lines set wider than the block: indented first lines not shortened by their
    indent): that letter is on the gutter's place, not a column of its own, and stays in its line."""
    from pdfminer.fontmetrics import FONT_METRICS

    metrics = FONT_METRICS["Helvetica"][1]

    def width(s: str) -> float:
        return sum(metrics[c] for c in s) * 10 / 1000

    rng = random.Random(1)
    words = "the council mission region report members work support peace security decides requests".split()

    def body(lo: float, hi: float) -> str:  # words from x=54 to an end between lo and hi
        while True:
            s = ""
            while 54 + width(t := (s + " " + rng.choice(words)).strip()) <= hi:
                s = t
            if 54 + width(s) > lo:
                return s

    lines, long = [], []
    for i in range(16):
        y = 700 - 12 * i
        if i % 3 == 0:  # ends at x=430, past the others' 414-421
            text = body(391, 395.5)
            lines += [(54, y, text), (430 - width("MMMM"), y, "MMMM")]
            long.append(text + " MMMM")
        else:
            lines.append((54, y, body(414, 421)))
    page = read_pdf(make_pdf(lines))[0]
    assert len(page.lines) == 16
    assert [ln.text for ln in page.lines if ln.text.endswith("M")] == long


def test_paragraph_hints() -> None:
    lines = [
        (72, 700, "Recalling its previous resolutions on the subject of the situation"),
        (54, 688, "in the region, and the statements of its President on the"),
        (54, 676, "matter,"),  # short line: paragraph ends
        (72, 664, "Stressing the need to continue the work of the mission in the"),  # indent
        (54, 652, "region and welcoming the report of the Secretary-General on the"),
        (54, 634, "progress made in the implementation of the mandate of the mission"),  # gap
        (54, 622, "and of the resolution adopted by the Council before this one,"),
    ]
    text = page_text(read_pdf(make_pdf(lines))[0])
    paragraphs = text.split("\n\n")
    assert [p.count("\n") for p in paragraphs] == [2, 1, 1]


# Gap-separated paragraphs whose wrapped lines all start at the margin (no indent), as the rendered
# Russian S/RES/2551 (2020) sets them: the lead "urging" after a comma on a full line continues a paragraph.
GAP_STYLE = [
    (54, 700, "welcoming the progress made by the Government in the management of arms and"),
    (54, 688, "ammunition, including the adoption of the National Strategy on weapons and"),
    (54, 676, "urging continued work on the codification of the policy on weapons and arms,"),
    (54, 664, "and on tracking,"),  # short: a visible paragraph end
    (54, 646, "condemning the supplies of weapons and ammunition to the country in violation"),  # gap
    (54, 634, "of the embargo,"),
    (54, 616, "recognizing that the threat posed by the group to the peace and stability of"),  # gap
    (54, 604, "the region remains grave,"),
    (54, 586, "determining that the situation continues to constitute a threat,"),  # gap
]


def test_wrap_hints_where_the_page_marks_paragraphs() -> None:
    page = read_pdf(make_pdf(GAP_STYLE))[0]
    hints = [ln.hint for ln in page.lines[1:]]
    assert len(hints) == len(GAP_STYLE) - 1
    assert hints[1] == WRAP  # "urging …" after a full line ending in a comma, no gap: same paragraph
    assert [k for k, h in enumerate(hints, 1) if h == START] == [4, 6, 8]
    assert "\n" + WRAP_MARK + "urging" in page_text(page)


def test_no_wrap_hints_where_paragraph_ends_are_unmarked() -> None:
    """Without a gap or an indent after the visible paragraph ends, nothing is known about the others."""
    flat = [(54, 700 - 12 * k, text) for k, (_, _, text) in enumerate(GAP_STYLE)]
    hints = [ln.hint for ln in read_pdf(make_pdf(flat))[0].lines[1:]]
    assert WRAP not in hints
    assert WRAP_MARK not in page_text(read_pdf(make_pdf(flat))[0])


def test_usual_pitch_on_a_page_of_one_line_paragraphs() -> None:
    """Most pitches are the wide ones between one-line paragraphs; the recurring narrow one is the line
    pitch, so the gaps still start paragraphs (Chinese S/RES/2511 (2020))."""
    lines = [(72, 700, "Recalling all its previous resolutions on the matter,")]
    y = 700
    for text in ("Reaffirming its strong commitment to the unity of the country,", "Reaffirming also it,"):
        y -= 22
        lines.append((72, y, text))
    y -= 22
    lines.append((72, y, "Expressing concern at the ongoing political and security challenges in the"))
    for text in ("region, including continuing violence and disappearances and the threats", "posed,"):
        y -= 15
        lines.append((54, y, text))
    for text in ("Stressing the risks,", "Noting the importance of the measures,", "Welcoming the work,"):
        y -= 22
        lines.append((72, y, text))
    hints = [ln.hint for ln in read_pdf(make_pdf(lines))[0].lines[1:]]
    assert hints == [START, START, START, WRAP, WRAP, START, START, START]


def test_page_text_of_empty_page() -> None:
    assert page_text(Page(1, (), 612, 792, 0)) == ""


# --- real documents ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spv_8700() -> list[Page]:
    return read_pdf(SPV_8700)


def test_spv_sentence_is_not_interleaved(spv_8700: list[Page]) -> None:
    text = "\n".join(page_text(p) for p in spv_8700)
    sentence = (
        "Members of the Council have before them documents S/2020/24 and S/2020/25, "
        "each of which contains the text of a draft resolution."
    )
    assert squash(sentence) in squash(text)
    assert "draft resolution contained in document S/2020/24" in WS.sub(" ", text)
    page = spv_8700[1]
    assert any(ln.box and ln.box[0] > page.width / 2 for ln in page.lines)  # a right column


def test_spv_vote_blocks_complete(spv_8700: list[Page]) -> None:
    text = "\n".join(page_text(p) for p in spv_8700)
    first = (
        "In favour:\nChina, Russian Federation, Viet Nam\nAgainst:\nBelgium, Dominican Republic, Estonia, "
        "France,\nGermany, United Kingdom of Great Britain and\nNorthern Ireland, United States of America\n"
        "Abstaining:\nIndonesia, Niger, Saint Vincent and the Grenadines,\nSouth Africa, Tunisia"
    )
    second = (
        "In favour:\nBelgium, Dominican Republic, Estonia, France,\nGermany, Indonesia, Niger, Saint Vincent "
        "and the\nGrenadines, South Africa, Tunisia, Viet Nam\nAgainst:\nNone\nAbstaining:\nChina, Russian "
        "Federation, United Kingdom of\nGreat Britain and Northern Ireland, United States\nof America"
    )
    # the page separates paragraphs by gaps and indents: a line at the margin under a full one continues it,
    # an indented one under an indented one (a list under its label) is left open
    assert "provisional\n" + WRAP_MARK + "rules of procedure" in text
    assert "France,\nGermany" in text
    lines_only = re.sub(r"\n\n+", "\n", text).replace("\n" + WRAP_MARK, "\n")
    assert first in lines_only
    assert second in lines_only
    assert "In favour:\nChina" in text  # no paragraph break between a label and its list


# Truth text of S/RES/2518 (2020), Arabic (from shared/eval/cases-dev.jsonl, the XML).
AR_2518 = {
    "OP1": "يؤكد أهمية دعم عمليات الأمم المتحدة لحفظ السلام، ويسلم بالدور الحاسم الذي يؤديه",
    "PP12": "وإذ يشير إلى قراره 2436 (2018)، الذي يشدد فيه على الصلة بين الأداء وسلامة أفراد حفظ",
}


@pytest.fixture(scope="module")
def ar_2518() -> list[Page]:
    return read_pdf(DATA / "S_RES_2518_2020.ar.pdf")


def test_arabic_in_logical_order(ar_2518: list[Page]) -> None:
    text = "\n".join(page_text(p) for p in ar_2518)
    for snippet in AR_2518.values():
        assert squash(snippet) in squash(text)
    assert "قراره 2436 (2018)،" in text  # digits keep their order, brackets their place
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)  # no presentation forms
    assert "(S/RES/2518 (2020" not in text and "S/RES/2518 (2020)" in text


def test_arabic_paragraphs_separated(ar_2518: list[Page]) -> None:
    op1 = next(ln for p in ar_2518 for ln in p.lines if ln.text.startswith("1 - يؤكد"))
    page = next(p for p in ar_2518 if op1 in p.lines)
    assert "\n\n" + op1.text in page_text(page)


@pytest.mark.parametrize(
    ("lang", "minimum"), [("ar", 0.8), ("zh", 0.9), ("ru", 0.8), ("fr", 0.8), ("es", 0.8), ("en", 0.8)]
)
def test_rendered_paragraphs_found(lang: str, minimum: float) -> None:
    """Most truth paragraphs of S/RES/2504 (2020) appear verbatim (those crossing a page break cannot)."""
    path = RENDERED / f"S_RES_2504_2020.{lang}.pdf"
    paragraphs = json.loads(TRUTH_2504.read_text(encoding="utf-8"))[lang]
    assert paragraphs
    text = squash("\n".join(page_text(p) for p in read_pdf(path)))
    found = sum(squash(p["text"]) in text for p in paragraphs)
    assert found >= minimum * len(paragraphs)


def test_chinese_has_no_spaces_between_cjk() -> None:
    pages = read_pdf(RENDERED / "S_RES_2504_2020.zh.pdf")
    text = "\n".join(page_text(p) for p in pages)
    assert "安全理事会，" in text  # full-width punctuation kept
    assert "2012年3月21日(S/PRST/2012/6)" in text
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text)


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.pdf", "empty file"),
        ("not-a-pdf.pdf", "not a PDF (starts with '<html>"),
        ("garbage.pdf", "not a PDF (starts with"),
        ("encrypted.pdf", "encrypted PDF: cannot read without the password"),
        ("truncated.pdf", "truncated or damaged PDF: "),
        ("no-text-layer.pdf", "no text layer: this PDF needs OCR"),
    ],
)
def test_bad_inputs(name: str, message: str) -> None:
    with pytest.raises(SourceError) as info:
        read_pdf(DATA / name)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read file"):
        read_pdf(tmp_path / "nope.pdf")


def test_empty_user_password_is_read() -> None:
    pages = read_pdf(make_pdf([(72, 700, "Secret text")], user_password=""))
    assert pages[0].lines[0].text == "Secret text"


def test_user_password_is_refused() -> None:
    with pytest.raises(SourceError, match="^encrypted PDF"):
        read_pdf(make_pdf([(72, 700, "Secret text")], user_password="hunter2"))


@pytest.mark.parametrize("cut", [10, 100, 0.5, -30])
def test_truncated_bytes(cut: float) -> None:
    end = int(len(SIMPLE) * cut) if isinstance(cut, float) else cut
    data = SIMPLE[:end]
    try:
        pages = read_pdf(data)
    except SourceError as exc:
        assert "\n" not in str(exc)
    else:
        assert pages


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "truncate"]),
            st.integers(0, 10**6),
            st.binary(min_size=1, max_size=8),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_fuzz_mutated_pdf(edits: list[tuple[str, int, bytes]]) -> None:
    data = bytearray(SIMPLE)
    for kind, pos, blob in edits:
        i = pos % max(len(data), 1)
        if kind == "flip" and data:
            data[i] ^= blob[0] or 1
        elif kind == "insert":
            data[i:i] = blob
        elif kind == "delete":
            del data[i : i + len(blob)]
        else:
            del data[i:]
    try:
        pages = read_pdf(bytes(data))
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert all(isinstance(p, Page) for p in pages)


def test_line_gaps() -> None:
    """Each line carries the gap above it in line pitches, for the cleaner's boundary decision (the page of
    `test_paragraph_hints`)."""
    lines = [
        (72, 700, "Recalling its previous resolutions on the subject of the situation"),
        (54, 688, "in the region, and the statements of its President on the"),
        (54, 676, "matter,"),
        (72, 664, "Stressing the need to continue the work of the mission in the"),
        (54, 652, "region and welcoming the report of the Secretary-General on the"),
        (54, 634, "progress made in the implementation of the mandate of the mission"),
    ]
    gaps = [ln.gap for ln in read_pdf(make_pdf(lines))[0].lines]
    assert gaps[0] is None and gaps[1:5] == [pytest.approx(1.0)] * 4 and gaps[5] == pytest.approx(1.5)


def test_each_character_has_its_extent() -> None:
    """x0, x1 of every character, left to right, spaces included, inside the line's box."""
    page = read_pdf(make_pdf([(72, 700, "In"), (90, 700, "favour:")]))[0]
    (line,) = page.lines
    assert line.text == "In favour:" and line.chars is not None and len(line.chars) == 2 * len(line.text)
    starts = line.chars[0::2]
    assert starts == tuple(sorted(starts)) and starts[0] == pytest.approx(72, abs=0.1)
    assert line.chars[3 * 2] == pytest.approx(90, abs=0.1)  # "f" where its glyph was drawn
    assert line.span_box(3, 10)[0] == pytest.approx(90, abs=0.1)
