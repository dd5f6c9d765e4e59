"""The hostile-input generators produce what they claim. Tests of the generators, not of the engine: the
files are checked with zlib, regular expressions and, for the structure, pdfminer.six's own parser (never
resinspect's reader), on small sizes or on the first megabytes only."""

from __future__ import annotations

import io
import re
import zlib

import pdfgen
import pytest
import textgen

# ------------------------------------------------------------------------------------------ helpers


def _objects(data: bytes) -> dict[int, bytes]:
    """Object number → the object's text up to endobj (classic, uncompressed layout)."""
    return {int(m[1]): m[2] for m in re.finditer(rb"(?s)(\d+) 0 obj\n(.*?)\nendobj", data)}


def _pdfminer_doc(data: bytes):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    return PDFDocument(PDFParser(io.BytesIO(data)))


def _pages(data: bytes) -> int:
    from pdfminer.pdfpage import PDFPage

    return sum(1 for _ in PDFPage.create_pages(_pdfminer_doc(data)))


def _content_of(data: bytes) -> bytes:
    """The inflated data of the first FlateDecode stream that is a page's content (no /Type)."""
    for m in re.finditer(rb"(?s)<< ([^\n]*?)>>\nstream\n(.*?)\nendstream", data):
        if b"/Type" not in m[1] and b"FlateDecode" in m[1]:
            return zlib.decompressobj().decompress(m[2], 64 << 20)
    raise AssertionError("no content stream")


# ------------------------------------------------------------------------------------------- writer


def test_base_pdf_is_valid_for_pdfminer():
    from pdfminer.high_level import extract_text

    for objstm in (False, True):
        data = pdfgen.base_pdf(pages=2, objstm=objstm)
        assert data.startswith(b"%PDF-1.7") and data.rstrip().endswith(b"%%EOF")
        assert _pages(data) == 2
        assert "The Security Council," in extract_text(io.BytesIO(data))
    assert b"/ObjStm" in pdfgen.base_pdf(objstm=True)


def test_xref_offsets_are_true():
    data = pdfgen.base_pdf()
    x = data.rindex(b"xref\n0 ")
    assert int(re.search(rb"startxref\n(\d+)", data)[1]) == x
    entries = re.findall(rb"(\d{10}) 00000 n ", data[x:])
    objs = {m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj", data)}
    assert entries and {int(e) for e in entries} == objs


def test_ser():
    N, Ref = pdfgen.N, pdfgen.Ref
    assert (
        pdfgen.ser({"Type": N("Page"), "Kids": [Ref(3), 1.5, None, True]})
        == b"<< /Type /Page /Kids [3 0 R 1.5 null true] >>"
    )
    assert pdfgen.ser("a(b)") == rb"(a\(b\))"
    assert pdfgen.ser(N("A B")) == b"/A#20B"


# ----------------------------------------------------------------------------------- self-references


@pytest.mark.parametrize("cycle", [1, 2])
def test_page_tree_cycle(cycle):
    data = pdfgen.selfref_page_tree(cycle)
    objs = _objects(data)
    pages = {n: o for n, o in objs.items() if b"/Type /Pages" in o}
    assert len(pages) == cycle
    kids = {
        n: {int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[(.*?)\]", o)[1])}
        for n, o in pages.items()
    }
    if cycle == 1:
        ((n, ks),) = kids.items()
        assert n in ks
    else:
        a, b = pages
        assert b in kids[a] and a in kids[b]


@pytest.mark.parametrize("part", sorted(pdfgen.SELFREF))
@pytest.mark.parametrize("cycle", [1, 2])
def test_every_self_reference_is_a_cycle(part, cycle):
    """Following references from the object named in the attack reaches that object again."""
    data = pdfgen.SELFREF[part](cycle)
    objs = _objects(data)
    graph = {n: {int(k) for k in re.findall(rb"(\d+) 0 R", o.split(b"stream\n")[0])} for n, o in objs.items()}

    def on_cycle(start: int) -> bool:
        seen, todo = set(), list(graph[start])
        while todo:
            n = todo.pop()
            if n == start:
                return True
            if n not in seen and n in graph:
                seen.add(n)
                todo += graph[n]
        return False

    looped = [n for n in graph if on_cycle(n)]
    assert looped, f"{part}: no reference cycle"
    marker = {
        "page_tree": b"/Type /Pages",
        "resources": b"/Font",
        "contents": b"[",
        "font": b"/Type0",
        "mediabox": b"[0 0 ",
    }[part]
    assert any(objs[n].startswith(marker) or marker in objs[n][:40] for n in looped)
    assert _pdfminer_doc(data) is not None  # the structure parses


# ----------------------------------------------------------------------------------- volume attacks


def test_repeated_text_ops():
    data = pdfgen.repeated_text_ops(20_000)
    assert _content_of(data).count(b") Tj") == 20_000
    assert len(data) < 20_000  # compressed


def test_deflate_text_ops():
    data = pdfgen.deflate_text_ops(1_500_000)
    assert len(data) < 64 * 1024
    assert _content_of(data).count(b"(A) Tj") == 1_500_000


def test_form_fanout():
    data = pdfgen.form_fanout(25, 2)
    forms = [o for o in _objects(data).values() if b"/Subtype /Form" in o]
    assert len(forms) == 25
    assert sum(o.count(b"/Fx Do") == 2 for o in forms) == 24  # every level but the leaf draws its child twice
    loop = pdfgen.form_fanout(fanout=2, self_loop=True)
    ((num, obj),) = [(n, o) for n, o in _objects(loop).items() if b"/Subtype /Form" in o]
    assert b"/Fx %d 0 R" % num in obj and obj.count(b"/Fx Do") == 2


@pytest.mark.parametrize("real", [True, False])
def test_many_pages(real):
    data = pdfgen.many_pages(10_000, real)
    assert b"/Count 10000" in data
    assert data.count(b"/Type /Page ") == (10_000 if real else 1)
    if not real:
        assert _pages(data) == 1


def test_deep_page_tree():
    data = pdfgen.deep_page_tree(300)
    assert data.count(b"/Type /Pages") == 300
    assert _pages(data) == 1


def test_combining():
    data = pdfgen.combining_page(40_000)
    assert _content_of(data).count(b"A") >= 40_000
    assert b"<41> <0301>" in data  # the code shown maps to a combining mark
    data = pdfgen.glyphs_with_marks(16_000, 2)
    assert _content_of(data).count(b"aBC") == 16_000


def test_wide_mediabox():
    assert b"/MediaBox [0 0 1000000000 792]" in pdfgen.wide_mediabox(1e9)


# ------------------------------------------------------------------------------------- deflate bombs


@pytest.mark.parametrize("fill", [b"\0", b" "])
def test_small_bomb_inflates_exactly(fill):
    bomb = pdfgen.zlib_bomb(8 << 20, fill)
    data = b"".join(bomb.chunks())
    assert len(data) == bomb.size < 16 * 1024
    plain = zlib.decompress(data)  # also checks the closed-form adler32
    assert len(plain) == 8 << 20 and set(plain) == {fill[0]}


def test_adler32_closed_form():
    for byte in (0, 32, 255):
        for n in (1, 5, 65521, 100_000):
            assert pdfgen._adler32_repeat(byte, n) == zlib.adler32(bytes([byte]) * n)


@pytest.mark.parametrize(("total", "fill"), [(1 << 30, b"\0"), (4 << 30, b" ")])
def test_bomb_pdf_is_small_and_declares_its_size(tmp_path, total, fill):
    path = pdfgen.bomb_pdf(tmp_path / "bomb.pdf", total, fill)
    size = path.stat().st_size
    assert size < total // 900  # ~1000:1
    data = path.read_bytes()
    m = max(
        re.finditer(rb"<< /Filter /FlateDecode /Length (\d+) >>\nstream\n", data), key=lambda m: int(m[1])
    )
    assert int(m[1]) > total // 1100
    start = m.end()
    d = zlib.decompressobj()
    first = d.decompress(data[start : start + 8192], 4 << 20)  # the first 4 MB only
    assert len(first) == 4 << 20 and set(first) == {fill[0]}
    bomb = pdfgen.zlib_bomb(total, fill)
    assert bomb.n * pdfgen.BLOCK == total and int(m[1]) == bomb.size
    assert data[start + bomb.size - 6 : start + bomb.size - 4] == b"\x03\x00"  # final empty block
    assert _pdfminer_doc(data) is not None


@pytest.mark.parametrize("mode", ["checksum", "truncated"])
def test_corrupt_deflate(mode):
    data = pdfgen.corrupt_deflate_pdf(1, mode)
    m = re.search(rb"(?s)/Length (\d+) >>\nstream\n", data)
    raw = data[m.end() : m.end() + int(m[1])]
    with pytest.raises(zlib.error):
        zlib.decompress(raw)
    body = raw[:-4] if mode == "checksum" else raw  # all but the (wrong) adler32 inflates
    assert len(zlib.decompressobj().decompress(body)) > 500_000


# ------------------------------------------------------------------------------------------ mutations


@pytest.mark.parametrize("name", sorted(pdfgen.STRUCTURE_MUTATIONS))
def test_structure_mutations_differ_from_the_base(name):
    data = pdfgen.STRUCTURE_MUTATIONS[name]()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data
    assert data not in (pdfgen.base_pdf(), pdfgen.base_pdf(objstm=True))


def test_named_mutations_say_what_they_do():
    m = pdfgen.STRUCTURE_MUTATIONS
    assert b"/Length 1000000000000" in m["length_huge"]()
    assert b"/Filter /NoSuchDecode" in m["filter_unknown"]()
    assert m["filter_chain_200"]().count(b"/FlateDecode") >= 200
    assert b"/N 1000000000" in m["objstm_n_huge"]() and b"/First 1000000000" in m["objstm_first_big"]()
    assert b"/Kids [" in m["kids_int"]() and re.search(rb"/Kids \[\d+ 0 R 42 ", m["kids_int"]())
    self_ref = m["length_self_ref"]()
    num = re.search(rb"(\d+) 0 obj\n<<[^>]*/Length (\d+) 0 R", self_ref)
    assert num and num[1] == num[2]
    shifted = m["xref_shift"]()
    first = int(re.search(rb"\n(\d{10}) 00000 n ", shifted)[1])
    assert shifted[first - 7 : first - 7 + 5] == b"1 0 o"


def test_random_mutation_is_deterministic():
    import random

    base = pdfgen.base_pdf()
    a = [pdfgen.mutate_pdf(base, random.Random(s)) for s in range(30)]
    b = [pdfgen.mutate_pdf(base, random.Random(s)) for s in range(30)]
    assert a == b and sum(x[0] != base for x in a) >= 25


# ----------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize("size", [128 * 1024, 1 << 20])
def test_text_sizes(size):
    for fn in (
        textgen.resolution_repeated,
        textgen.one_line,
        textgen.numbered_paragraphs,
        textgen.vote_blocks,
    ):
        data = fn(size)
        assert size - 8 <= len(data) <= size, fn.__name__
        data.decode("utf-8")
    assert textgen.one_line(size).count(b"\n") == 0
    ops = textgen.numbered_paragraphs(size).decode().splitlines()
    assert all(re.match(r"\d+\. [A-Z]", ln) for ln in ops[:-1])
    assert textgen.vote_blocks(size).startswith(textgen.VOTE_BLOCK.encode())


def test_in_favour_only():
    lines = textgen.in_favour_only(2000).decode().splitlines()
    assert len(lines) == 2000 and set(lines) == {"In favour:"}


def test_arabic_doubled():
    seed = textgen.seed_ar().encode()
    for size in (128 * 1024, 512 * 1024):
        data = textgen.arabic_doubled(size)
        assert size // 2 < len(data) <= size and data.startswith(seed[:1000])
        data.decode("utf-8")


def test_decoding_inputs():
    bad = textgen.invalid_utf8(1, "en")
    with pytest.raises(UnicodeDecodeError):
        bad.decode("utf-8")
    assert bad.count(b"\xff") == 1 and bad.replace(b"\xff", b"").decode("utf-8")
    assert textgen.utf16(True, "le").startswith(b"\xff\xfe") and textgen.utf16(True, "le")[2:].decode(
        "utf-16-le"
    )
    assert textgen.utf16(True, "be").startswith(b"\xfe\xff")
    assert textgen.utf32(True, "le").startswith(b"\xff\xfe\x00\x00") and textgen.utf32(True, "be").startswith(
        b"\x00\x00\xfe\xff"
    )
    cp = textgen.cp1252()
    assert b"\x92" in cp and b"\x93" in cp and cp.decode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        cp.decode("utf-8")
    assert textgen.nul_bytes("start")[:1] == b"\0"
    assert b"\0" not in textgen.nul_bytes("after_4k")[:4096] and b"\0" in textgen.nul_bytes("after_4k")


def test_argv_attacks():
    assert "\n" in textgen.NEWLINE_SYMBOL and textgen.NEWLINE_SYMBOL.split("\n")[1].startswith("error:")
    assert len(textgen.long_symbol(10_000)) == 10_000
    assert "\x1b[" in textgen.ESCAPE_SYMBOL
