"""A small, dependency-free PDF writer and constructors of hostile PDFs.

Nothing here imports resinspect or pdfminer: the files are built from bytes, so that a generator never
depends on the engine it attacks. Every constructor returns the PDF as `bytes`, except the deflate bombs
(`bomb_*`), which write to a path (a few MB on disk, 1-4 GB inflated) and return that path.

    pdf = PDF()
    font = pdf.add(helvetica())
    ...
    data = pdf.tobytes(root)

The writer keeps a classic xref table (or, with `objstm=True`, an object stream and an xref stream) and
streams stream data from iterators, so that a huge stream is never held in memory.
"""

from __future__ import annotations

import io
import os
import random
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# ------------------------------------------------------------------------------------------ objects


class Name(str):
    """A PDF name: Name("Type") → /Type."""


@dataclass(frozen=True)
class Ref:
    """An indirect reference: Ref(5) → 5 0 R."""

    num: int
    gen: int = 0


class Raw(bytes):
    """Bytes written as they are (an operator, a malformed token)."""


@dataclass
class Stream:
    """A stream object: its dictionary and its (already encoded) data.

    `data` is bytes, or a callable returning an iterator of chunks whose total length is `length`
    (for streams too big to hold in memory)."""

    attrs: dict[str, Any]
    data: bytes | Callable[[], Iterable[bytes]] = b""
    length: int | None = None  # required when data is a callable
    length_override: Any = None  # written as /Length instead of the true length (mutations)

    def size(self) -> int:
        if isinstance(self.data, bytes | bytearray):
            return len(self.data)
        assert self.length is not None, "a streamed Stream needs its length"
        return self.length

    def chunks(self) -> Iterator[bytes]:
        if isinstance(self.data, bytes | bytearray):
            yield bytes(self.data)
        else:
            yield from self.data()


def _pdf_string(s: str | bytes) -> bytes:
    b = s.encode("latin-1") if isinstance(s, str) else s
    b = b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + b + b")"


_NAME_SAFE = re.compile(rb"[!-~]")


def _name(n: str) -> bytes:
    out = bytearray(b"/")
    for ch in n.encode("utf-8"):
        c = bytes([ch])
        if _NAME_SAFE.fullmatch(c) and c not in b"()<>[]{}/%#":
            out += c
        else:
            out += b"#%02X" % ch
    return bytes(out)


def ser(x: Any) -> bytes:
    """Serialise a Python value as a PDF object (dict, list, Name, Ref, str, bytes, numbers, None)."""
    if isinstance(x, Raw):
        return bytes(x)
    if isinstance(x, Name):
        return _name(x)
    if isinstance(x, Ref):
        return b"%d %d R" % (x.num, x.gen)
    if x is None:
        return b"null"
    if x is True:
        return b"true"
    if x is False:
        return b"false"
    if isinstance(x, int):
        return b"%d" % x
    if isinstance(x, float):
        if x == int(x) and abs(x) < 1e15:
            return b"%d" % int(x)
        return f"{x:.6f}".rstrip("0").rstrip(".").encode()
    if isinstance(x, str):
        return _pdf_string(x)
    if isinstance(x, bytes | bytearray):
        return b"<" + bytes(x).hex().encode() + b">"
    if isinstance(x, dict):
        return b"<< " + b" ".join(_name(k) + b" " + ser(v) for k, v in x.items()) + b" >>"
    if isinstance(x, list | tuple):
        return b"[" + b" ".join(ser(v) for v in x) + b"]"
    raise TypeError(f"cannot serialise {type(x).__name__}")


N = Name  # short alias for constructors


# ------------------------------------------------------------------------------------------- writer


@dataclass
class PDF:
    """Objects by number; `tobytes(root)` / `write(fh, root)` lay them out with an xref table."""

    version: str = "1.7"
    objects: dict[int, Any] = field(default_factory=dict)
    next_num: int = 1
    info: dict[str, Any] | None = None

    def reserve(self) -> int:
        num = self.next_num
        self.next_num += 1
        return num

    def add(self, obj: Any) -> Ref:
        num = self.reserve()
        self.objects[num] = obj
        return Ref(num)

    def set(self, ref: Ref | int, obj: Any) -> Ref:
        num = ref.num if isinstance(ref, Ref) else ref
        self.objects[num] = obj
        self.next_num = max(self.next_num, num + 1)
        return Ref(num)

    def stream(self, data: bytes, attrs: dict[str, Any] | None = None, flate: bool = False) -> Ref:
        attrs = dict(attrs or {})
        if flate:
            data = zlib.compress(data, 9)
            attrs["Filter"] = N("FlateDecode")
        return self.add(Stream(attrs, data))

    # ------------------------------------------------------------------ layout
    def write(
        self,
        fh: Any,
        root: Ref,
        *,
        objstm: bool = False,
        objstm_attrs: dict[str, Any] | None = None,
        xref_offset_fn: Callable[[int, int], int] | None = None,
        startxref_fn: Callable[[int], int] | None = None,
        trailer_extra: dict[str, Any] | None = None,
    ) -> None:
        """Write the file. `objstm`: put every non-stream object but the root into one /ObjStm and write
        an xref stream. `objstm_attrs` overrides the object stream's dictionary (bad /First, /N).
        `xref_offset_fn(num, offset)` and `startxref_fn(offset)` falsify offsets (mutations)."""
        pos = 0

        def out(b: bytes) -> None:
            nonlocal pos
            fh.write(b)
            pos += len(b)

        out(b"%PDF-" + self.version.encode() + b"\n%\xe2\xe3\xcf\xd3\n")
        offsets: dict[int, int] = {}
        in_stm: dict[int, tuple[int, int]] = {}  # num -> (stream num, index)
        objects = dict(self.objects)
        size = max(objects, default=0) + 1
        if objstm:
            packed = [n for n, o in sorted(objects.items()) if not isinstance(o, Stream) and n != root.num]
            stm_num = size
            size += 1
            header, body = [], io.BytesIO()
            for k, n in enumerate(packed):
                header.append(b"%d %d" % (n, body.tell()))
                body.write(ser(objects[n]) + b"\n")
                in_stm[n] = (stm_num, k)
                del objects[n]
            head = b" ".join(header) + b"\n"
            attrs = {"Type": N("ObjStm"), "N": len(packed), "First": len(head)}
            attrs.update(objstm_attrs or {})
            objects[stm_num] = Stream(
                {**attrs, "Filter": N("FlateDecode")}, zlib.compress(head + body.getvalue(), 9)
            )
        for num in sorted(objects):
            offsets[num] = pos
            out(b"%d 0 obj\n" % num)
            obj = objects[num]
            if isinstance(obj, Stream):
                attrs = dict(obj.attrs)
                attrs["Length"] = obj.length_override if obj.length_override is not None else obj.size()
                out(ser(attrs) + b"\nstream\n")
                for chunk in obj.chunks():
                    out(chunk)
                out(b"\nendstream")
            else:
                out(ser(obj))
            out(b"\nendobj\n")
        xref_at = pos

        def off(num: int) -> int:
            o = offsets[num]
            return xref_offset_fn(num, o) if xref_offset_fn else o

        trailer: dict[str, Any] = {"Size": size, "Root": root}
        if self.info is not None:
            trailer["Info"] = self.info
        trailer.update(trailer_extra or {})
        if objstm:
            xnum = size
            size += 1
            trailer["Size"] = size
            rows = bytearray()
            for n in range(size):
                if n == xnum:
                    rows += b"\x01" + xref_at.to_bytes(4, "big") + b"\x00\x00"
                elif n in in_stm:
                    s, k = in_stm[n]
                    rows += b"\x02" + s.to_bytes(4, "big") + k.to_bytes(2, "big")
                elif n in offsets:
                    rows += b"\x01" + max(0, off(n)).to_bytes(4, "big") + b"\x00\x00"
                else:
                    rows += b"\x00" + b"\x00\x00\x00\x00" + b"\xff\xff"
            xattrs = {"Type": N("XRef"), "W": [1, 4, 2], **trailer, "Length": len(rows)}
            out(b"%d 0 obj\n" % xnum + ser(xattrs) + b"\nstream\n" + bytes(rows) + b"\nendstream\nendobj\n")
        else:
            out(b"xref\n0 %d\n" % size)
            out(b"0000000000 65535 f \n")
            for n in range(1, size):
                if n in offsets:
                    out(b"%010d 00000 n \n" % max(0, off(n)))
                else:
                    out(b"0000000000 65535 f \n")
            out(b"trailer\n" + ser(trailer) + b"\n")
        sx = startxref_fn(xref_at) if startxref_fn else xref_at
        out(b"startxref\n%d\n%%%%EOF\n" % sx)

    def tobytes(self, root: Ref, **kw: Any) -> bytes:
        buf = io.BytesIO()
        self.write(buf, root, **kw)
        return buf.getvalue()


# ---------------------------------------------------------------------------------------- building


def helvetica() -> dict[str, Any]:
    return {
        "Type": N("Font"),
        "Subtype": N("Type1"),
        "BaseFont": N("Helvetica"),
        "Encoding": N("WinAnsiEncoding"),
    }


def tounicode_cmap(mapping: dict[int, str]) -> bytes:
    """A one-byte ToUnicode CMap mapping codes to Unicode strings."""
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        b"1 begincodespacerange <00> <FF> endcodespacerange",
    ]
    items = sorted(mapping.items())
    for i in range(0, len(items), 100):
        part = items[i : i + 100]
        lines.append(b"%d beginbfchar" % len(part))
        for code, text in part:
            lines.append(b"<%02X> <%s>" % (code, text.encode("utf-16-be").hex().upper().encode()))
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines) + b"\n"


def mapped_font(pdf: PDF, mapping: dict[int, str], widths: dict[int, int] | None = None) -> Ref:
    """A Type1 font whose codes map to `mapping` through a ToUnicode CMap; width 500 unless told. Not
    named after a standard font, so that readers take its /Widths rather than Helvetica's metrics."""
    widths = widths or {}
    cmap = pdf.stream(tounicode_cmap(mapping))
    return pdf.add(
        {
            "Type": N("Font"),
            "Subtype": N("Type1"),
            "BaseFont": N("FuzzMapped"),
            "FontDescriptor": pdf.add(
                {
                    "Type": N("FontDescriptor"),
                    "FontName": N("FuzzMapped"),
                    "Flags": 32,
                    "FontBBox": [0, -200, 1000, 900],
                    "ItalicAngle": 0,
                    "Ascent": 800,
                    "Descent": -200,
                    "CapHeight": 700,
                    "StemV": 80,
                }  # fmt: skip
            ),
            "FirstChar": 0,
            "LastChar": 255,
            "Widths": [widths.get(c, 500) for c in range(256)],
            "ToUnicode": cmap,
        }
    )


def text_ops(
    lines: Iterable[str], size: float = 11, x: float = 72, y: float = 720, leading: float = 14
) -> bytes:
    """A content stream drawing each line below the one before."""
    parts = [b"BT /F1 %s Tf %s TL %s %s Td" % (ser(size), ser(leading), ser(x), ser(y))]
    for line in lines:
        parts.append(_pdf_string(line.encode("cp1252", "replace")) + b" Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts) + b"\n"


RESOLUTION_LINES = [
    "Resolution 2999 (2020)",
    "Adopted by the Security Council at its 9999th meeting, on 30 March 2020",
    "The Security Council,",
    "Recalling its resolution 2436 (2018) and its previous resolutions,",
    "Reaffirming its commitment to the purposes of the Charter of the United Nations,",
    "1. Decides to extend the mandate of the Mission until 31 March 2021;",
    "2. Requests the Secretary-General to report on the implementation of this resolution;",
    "3. Decides to remain actively seized of the matter.",
]


def single_page(
    content: bytes | Ref,
    *,
    pdf: PDF | None = None,
    mediabox: Any = (0, 0, 612, 792),
    resources: Any = None,
    flate: bool = True,
    extra_page: dict[str, Any] | None = None,
) -> tuple[PDF, Ref]:
    """A one-page PDF (not yet written): returns (pdf, root)."""
    pdf = pdf or PDF()
    if resources is None:
        resources = {"Font": {"F1": pdf.add(helvetica())}}
    contents = content if isinstance(content, Ref) else pdf.stream(content, flate=flate)
    pages = Ref(pdf.reserve())
    page = pdf.add(
        {
            "Type": N("Page"),
            "Parent": pages,
            "MediaBox": list(mediabox) if isinstance(mediabox, tuple) else mediabox,
            "Resources": resources,
            "Contents": contents,
            **(extra_page or {}),
        }
    )
    pdf.set(pages, {"Type": N("Pages"), "Kids": [page], "Count": 1})
    root = pdf.add({"Type": N("Catalog"), "Pages": pages})
    return pdf, root


def base_pdf(pages: int = 2, objstm: bool = False) -> bytes:
    """A valid resolution-like PDF of `pages` pages, with compressed content streams."""
    pdf, root = base_document(pages)
    return pdf.tobytes(root, objstm=objstm)


def base_document(pages: int = 2) -> tuple[PDF, Ref]:
    pdf = PDF()
    font = pdf.add(helvetica())
    kids_ref = Ref(pdf.reserve())
    kids = []
    for p in range(pages):
        lines = [f"S/RES/2999 (2020)   page {p + 1}", *RESOLUTION_LINES]
        content = pdf.stream(text_ops(lines), flate=True)
        kids.append(
            pdf.add(
                {
                    "Type": N("Page"),
                    "Parent": kids_ref,
                    "MediaBox": [0, 0, 612, 792],
                    "Resources": {"Font": {"F1": font}},
                    "Contents": content,
                }
            )
        )
    pdf.set(kids_ref, {"Type": N("Pages"), "Kids": kids, "Count": len(kids)})
    root = pdf.add({"Type": N("Catalog"), "Pages": kids_ref})
    return pdf, root


DEFAULT_TEXT = text_ops(RESOLUTION_LINES)

# ------------------------------------------------------------------------- class 1: self-references


def selfref_page_tree(cycle: int = 1) -> bytes:
    """The page tree's /Kids refers back to the tree itself (cycle=1) or through a second /Pages node
    (cycle=2); one real page hangs beside the loop."""
    pdf = PDF()
    font = pdf.add(helvetica())
    content = pdf.stream(DEFAULT_TEXT, flate=True)
    pages = Ref(pdf.reserve())
    page = pdf.add(
        {
            "Type": N("Page"),
            "Parent": pages,
            "MediaBox": [0, 0, 612, 792],
            "Resources": {"Font": {"F1": font}},
            "Contents": content,
        }
    )
    if cycle == 1:
        pdf.set(pages, {"Type": N("Pages"), "Kids": [pages, page], "Count": 2})
    else:
        other = Ref(pdf.reserve())
        pdf.set(pages, {"Type": N("Pages"), "Kids": [other, page], "Count": 2})
        pdf.set(other, {"Type": N("Pages"), "Parent": pages, "Kids": [pages], "Count": 1})
    root = pdf.add({"Type": N("Catalog"), "Pages": pages})
    return pdf.tobytes(root)


def selfref_resources(cycle: int = 1) -> bytes:
    """/Resources whose /Font and /XObject entries refer to the resources dictionary itself (cycle=1),
    or to a second dictionary that refers back (cycle=2)."""
    pdf = PDF()
    font = pdf.add(helvetica())
    res = Ref(pdf.reserve())
    if cycle == 1:
        pdf.set(res, {"Font": {"F1": font, "F2": res}, "XObject": res, "ExtGState": res, "Self": res})
    else:
        other = Ref(pdf.reserve())
        pdf.set(res, {"Font": {"F1": font}, "XObject": other, "ExtGState": other})
        pdf.set(other, {"Font": res, "XObject": res, "X0": res})
    content = DEFAULT_TEXT + b"/X0 Do /F2 Do\n"
    pdf2, root = single_page(content, pdf=pdf, resources=res)
    return pdf2.tobytes(root)


def selfref_contents(cycle: int = 1) -> bytes:
    """/Contents is an array holding a reference to itself (cycle=1), or two arrays referring to each
    other (cycle=2), beside one real content stream."""
    pdf = PDF()
    real = pdf.stream(DEFAULT_TEXT, flate=True)
    arr = Ref(pdf.reserve())
    if cycle == 1:
        pdf.set(arr, [real, arr])
    else:
        other = Ref(pdf.reserve())
        pdf.set(arr, [real, other])
        pdf.set(other, [arr, real])
    pdf2, root = single_page(arr, pdf=pdf)
    return pdf2.tobytes(root)


def selfref_font(cycle: int = 1) -> bytes:
    """A Type0 font whose /DescendantFonts holds itself (cycle=1), or two Type0 fonts naming each other
    as descendant (cycle=2); its /FontDescriptor and /ToUnicode point back too."""
    pdf = PDF()
    a = Ref(pdf.reserve())
    if cycle == 1:
        b = a
    else:
        b = Ref(pdf.reserve())
    for me, other in ((a, b), (b, a)):
        pdf.set(
            me,
            {
                "Type": N("Font"),
                "Subtype": N("Type0"),
                "BaseFont": N("Loop"),
                "Encoding": N("Identity-H"),
                "DescendantFonts": [other],
                "FontDescriptor": other,
                "ToUnicode": other,
            },
        )
    content = b"BT /F1 12 Tf 72 720 Td <0041004200430044> Tj ET\n" + DEFAULT_TEXT.replace(b"/F1", b"/F2")
    pdf2, root = single_page(content, pdf=pdf, resources={"Font": {"F1": a, "F2": pdf.add(helvetica())}})
    return pdf2.tobytes(root)


def selfref_mediabox(cycle: int = 1) -> bytes:
    """A /MediaBox array holding a reference to itself (cycle=1), or two arrays referring to each other
    (cycle=2)."""
    pdf = PDF()
    box = Ref(pdf.reserve())
    if cycle == 1:
        pdf.set(box, [0, 0, box, 792])
    else:
        other = Ref(pdf.reserve())
        pdf.set(box, [0, 0, other, 792])
        pdf.set(other, [box, box, box, box])
    pdf2, root = single_page(DEFAULT_TEXT, pdf=pdf, mediabox=box)
    return pdf2.tobytes(root)


SELFREF = {
    "page_tree": selfref_page_tree,
    "resources": selfref_resources,
    "contents": selfref_contents,
    "font": selfref_font,
    "mediabox": selfref_mediabox,
}

# ---------------------------------------------------------------------------- class 1: volume attacks


def repeated_text_ops(times: int = 20_000, moving: bool = True) -> bytes:
    """A content stream whose text operators are repeated `times` times: each on its own line (moving)
    or all drawn at the same spot."""
    one = b"(1. Decides to remain seized of the matter; In favour: France, China.) Tj"
    step = b" T*\n" if moving else b"\n"
    body = b"BT /F1 10 Tf 12 TL 72 760 Td\n" + (one + step) * times + b"ET\n"
    pdf, root = single_page(body)
    return pdf.tobytes(root)


def deflate_text_ops(ops: int = 1_500_000) -> bytes:
    """One deflate stream that inflates to `ops` text-showing operators (a few KB compressed)."""
    body = b"BT /F1 10 Tf 72 700 Td\n" + b"(A) Tj\n" * ops + b"ET\n"
    pdf, root = single_page(body)
    return pdf.tobytes(root)


def form_fanout(depth: int = 25, fanout: int = 2, self_loop: bool = False) -> bytes:
    """Form XObjects that fan out: level k draws level k+1 `fanout` times (the same object, so the file
    stays small) and shows a little text; `fanout**depth` leaf draws in all. With `self_loop` a single
    form draws itself `fanout` times (unbounded but for the interpreter's recursion limit)."""
    pdf = PDF()
    font = pdf.add(helvetica())
    text = b"BT /F1 8 Tf 10 10 Td (x) Tj ET\n"
    if self_loop:
        me = Ref(pdf.reserve())
        ops = text + b"/Fx Do\n" * fanout
        pdf.set(me, Stream({"Type": N("XObject"), "Subtype": N("Form"), "BBox": [0, 0, 612, 792],
                            "Resources": {"Font": {"F1": font}, "XObject": {"Fx": me}}}, ops))  # fmt: skip
        top = me
    else:
        child: Ref | None = None
        for _level in range(depth):
            xobj = {"Fx": child} if child else {}
            ops = text + (b"/Fx Do\n" * fanout if child else b"")
            child = pdf.add(Stream({"Type": N("XObject"), "Subtype": N("Form"), "BBox": [0, 0, 612, 792],
                                    "Resources": {"Font": {"F1": font}, "XObject": xobj}}, ops))  # fmt: skip
        top = child
    content = DEFAULT_TEXT + b"/Fx Do\n"
    pdf2, root = single_page(content, pdf=pdf, resources={"Font": {"F1": font}, "XObject": {"Fx": top}})
    return pdf2.tobytes(root)


def many_pages(count: int = 10_000, real: bool = True) -> bytes:
    """A page tree declaring /Count `count`: with `real`, that many page objects (one shared content
    stream, flat /Kids); else a lying /Count over a single page."""
    pdf = PDF()
    font = pdf.add(helvetica())
    lines = [
        "The Security Council,",
        *(f"{k}. Decides to remain seized of the matter;" for k in range(1, 11)),
    ]
    content = pdf.stream(text_ops(lines), flate=True)
    pages = Ref(pdf.reserve())
    res = pdf.add({"Font": {"F1": font}})
    kids = []
    for _ in range(count if real else 1):
        kids.append(
            pdf.add(
                {
                    "Type": N("Page"),
                    "Parent": pages,
                    "MediaBox": [0, 0, 612, 792],
                    "Resources": res,
                    "Contents": content,
                }
            )
        )
    pdf.set(pages, {"Type": N("Pages"), "Kids": kids, "Count": count})
    root = pdf.add({"Type": N("Catalog"), "Pages": pages})
    return pdf.tobytes(root)


def deep_page_tree(depth: int = 10_000) -> bytes:
    """/Pages nodes nested `depth` deep around one page (recursion in the page-tree walk)."""
    pdf = PDF()
    font = pdf.add(helvetica())
    content = pdf.stream(DEFAULT_TEXT, flate=True)
    refs = [Ref(pdf.reserve()) for _ in range(depth)]
    page = pdf.add({"Type": N("Page"), "Parent": refs[-1], "MediaBox": [0, 0, 612, 792],
                    "Resources": {"Font": {"F1": font}}, "Contents": content})  # fmt: skip
    for k, r in enumerate(refs):
        kid = refs[k + 1] if k + 1 < depth else page
        node: dict[str, Any] = {"Type": N("Pages"), "Kids": [kid], "Count": 1}
        if k:
            node["Parent"] = refs[k - 1]
        pdf.set(r, node)
    root = pdf.add({"Type": N("Catalog"), "Pages": refs[0]})
    return pdf.tobytes(root)


MARK = "\u0301"  # COMBINING ACUTE ACCENT


def combining_page(count: int = 40_000, advance: int = 250) -> bytes:
    """One page whose only text is `count` combining characters on one line, each advancing the pen by
    `advance` thousandths of the size (a font without zero-width marks; 0 stacks them on one spot)."""
    pdf = PDF()
    font = mapped_font(pdf, {0x41: MARK}, {0x41: advance})
    body = b"BT /F1 10 Tf 72 700 Td (" + b"A" * count + b") Tj ET\n"
    pdf2, root = single_page(body, pdf=pdf, resources={"Font": {"F1": font}})
    return pdf2.tobytes(root)


def glyphs_with_marks(glyphs: int = 16_000, marks: int = 2, size: float = 1.0) -> bytes:
    """One row of `glyphs` base letters, each followed by `marks` combining marks (all on one baseline)."""
    pdf = PDF()
    font = mapped_font(pdf, {0x61: "a", 0x42: MARK, 0x43: "\u0308", 0x20: " "}, {0x42: 0, 0x43: 0})
    unit = b"a" + (b"BC" * marks)[:marks]
    body = b"BT /F1 %s Tf 0 700 Td (" % ser(size) + unit * glyphs + b") Tj ET\n"
    pdf2, root = single_page(
        body, pdf=pdf, resources={"Font": {"F1": font}}, mediabox=(0, 0, max(612, glyphs * size), 792)
    )
    return pdf2.tobytes(root)


def wide_mediabox(width: float = 1e9, lines: int = 8) -> bytes:
    """A page 1e9 points wide with a few lines of text (enough rows for a column-gutter search)."""
    body = text_ops([f"{k + 1}. Decides to remain actively seized of the matter;" for k in range(lines)])
    pdf, root = single_page(body, mediabox=[0, 0, width, 792])
    return pdf.tobytes(root)


# ------------------------------------------------------------------------------ class 2: deflate bombs

BLOCK = 1 << 20


def _adler32_repeat(byte: int, n: int) -> int:
    """adler32 of `n` copies of one byte, in closed form (no pass over n bytes)."""
    mod = 65521
    a = (1 + byte * n) % mod
    b = (n + byte * n * (n + 1) // 2) % mod
    return (b << 16) | a


@dataclass(frozen=True)
class Bomb:
    """A zlib stream of `total` copies of one byte, laid out as head + block * (n - 1) + tail."""

    head: bytes
    block: bytes
    n: int
    tail: bytes
    total: int

    @property
    def size(self) -> int:
        return len(self.head) + len(self.block) * (self.n - 1) + len(self.tail)

    def chunks(self) -> Iterator[bytes]:
        yield self.head
        for _ in range(self.n - 1):
            yield self.block
        yield self.tail


def zlib_bomb(total: int, fill: bytes = b"\0", bad_checksum: bool = False) -> Bomb:
    """A zlib stream inflating to `total` bytes (a multiple of 1 MiB) of `fill`, built from one
    compressed 1-MiB block repeated: after Z_FULL_FLUSH the compressor forgets its history, so every
    later block compresses to the same bytes. Ends with an empty final block and the adler32 computed in
    closed form. Never holds more than one MiB of plain data."""
    assert len(fill) == 1 and total % BLOCK == 0 and total >= 2 * BLOCK
    plain = fill * BLOCK
    c = zlib.compressobj(9)
    head = c.compress(plain) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(plain) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(plain) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "zlib did not repeat its output after a full flush"
    adler = _adler32_repeat(fill[0], total)
    if bad_checksum:
        adler ^= 0xFFFF
    tail = b"\x03\x00" + adler.to_bytes(4, "big")  # empty final fixed-Huffman block, then adler32
    return Bomb(head, block, total // BLOCK, tail, total)


def bomb_pdf(path: str | os.PathLike[str], total: int = 1 << 30, fill: bytes = b"\0") -> Path:
    """A one-page PDF whose content stream inflates to `total` bytes of `fill` (zeros or spaces), written
    to `path` (about total/1000 bytes on disk). A little text precedes the bomb in a first stream."""
    bomb = zlib_bomb(total, fill)
    pdf = PDF()
    font = pdf.add(helvetica())
    first = pdf.stream(DEFAULT_TEXT, flate=True)
    big = pdf.add(Stream({"Filter": N("FlateDecode")}, bomb.chunks, bomb.size))
    pdf2, root = single_page(pdf.add([first, big]), pdf=pdf, resources={"Font": {"F1": font}})
    path = Path(path)
    with open(path, "wb") as fh:
        pdf2.write(fh, root)
    return path


def corrupt_deflate_pdf(plain_mb: float = 4, mode: str = "checksum") -> bytes:
    """A content stream of `plain_mb` MB of text operators whose deflate data has a wrong adler32
    (`checksum`) or is cut short (`truncated`): pdfminer then re-inflates it one byte at a time."""
    rng = random.Random(str(plain_mb))
    words = [b"(%d. Decides) Tj T*\n" % rng.randrange(10**6) for _ in range(4096)]
    body = b"BT /F1 10 Tf 12 TL 72 760 Td\n"
    parts, size = [body], len(body)
    while size < plain_mb * (1 << 20):
        w = words[rng.randrange(len(words))]
        parts.append(w)
        size += len(w)
    parts.append(b"ET\n")
    data = zlib.compress(b"".join(parts), 6)
    if mode == "checksum":
        data = data[:-4] + bytes(b ^ 0xFF for b in data[-4:])
    elif mode == "truncated":
        data = data[: len(data) * 3 // 4]
    else:
        raise ValueError(mode)
    pdf = PDF()
    content = pdf.add(Stream({"Filter": N("FlateDecode")}, data))
    pdf2, root = single_page(content, pdf=pdf)
    return pdf2.tobytes(root)


# --------------------------------------------------------------- structure-aware mutations of a base


def _with_content_stream(mutate: Callable[[Stream], None], pages: int = 2) -> bytes:
    pdf, root = base_document(pages)
    for obj in pdf.objects.values():
        if isinstance(obj, Stream) and "Type" not in obj.attrs:
            mutate(obj)
            break
    return pdf.tobytes(root)


def _with_kids(kid_factory: Callable[[PDF, Ref], Any]) -> bytes:
    pdf, root = base_document(2)
    tree = pdf.objects[root.num]["Pages"]
    node = pdf.objects[tree.num]
    node["Kids"] = [node["Kids"][0], kid_factory(pdf, tree), node["Kids"][1]]
    node["Count"] = 3
    return pdf.tobytes(root)


def mut_xref(kind: str) -> bytes:
    """Broken or shifted xref offsets: shift (+7), zero, random, startxref pointing at 0, past the end,
    or into the middle of an object; `missing` drops the xref table and trailer altogether."""
    pdf, root = base_document(2)
    rng = random.Random(kind)
    if kind == "shift":
        return pdf.tobytes(root, xref_offset_fn=lambda n, o: o + 7)
    if kind == "zero":
        return pdf.tobytes(root, xref_offset_fn=lambda n, o: 0)
    if kind == "random":
        return pdf.tobytes(root, xref_offset_fn=lambda n, o: rng.randrange(0, 4000))
    if kind == "startxref_zero":
        return pdf.tobytes(root, startxref_fn=lambda x: 0)
    if kind == "startxref_past_end":
        return pdf.tobytes(root, startxref_fn=lambda x: x + 10**6)
    if kind == "startxref_middle":
        return pdf.tobytes(root, startxref_fn=lambda x: x // 2)
    if kind == "missing":
        data = pdf.tobytes(root)
        return data[: data.rindex(b"xref\n")] + b"%%EOF\n"
    if kind == "objstm_shift":
        return pdf.tobytes(root, objstm=True, xref_offset_fn=lambda n, o: o + 5)
    raise ValueError(kind)


def mut_objstm(first: Any = None, n: Any = None) -> bytes:
    """Object streams (/ObjStm) with a wrong /First and/or /N."""
    pdf, root = base_document(2)
    attrs: dict[str, Any] = {}
    if first is not None:
        attrs["First"] = first
    if n is not None:
        attrs["N"] = n
    return pdf.tobytes(root, objstm=True, objstm_attrs=attrs)


def mut_length(kind: str) -> bytes:
    """A content stream whose /Length is wrong: short, long, huge, negative, a reference to the stream
    itself, a reference to a missing object, or not a number."""

    def go(s: Stream) -> None:
        true = s.size()
        s.length_override = {
            "short": true // 2,
            "long": true + 50,
            "huge": 10**12,
            "negative": -100,
            "missing_ref": Ref(9999),
            "name": N("Length"),
        }.get(kind, None)
        if kind == "self_ref":
            s.length_override = Raw(b"SELF")
        if s.length_override is None:
            raise ValueError(kind)

    data = _with_content_stream(go)
    if kind == "self_ref":
        # the stream is the first object carrying the placeholder: point /Length at its own number
        m = re.search(rb"(\d+) 0 obj\n<<[^>]*SELF", data)
        assert m
        data = data.replace(b"SELF", m[1] + b" 0 R", 1)
        # keep offsets right: the replacement changed the length of the file after that point
        data = _refix_xref(data)
    return data


def _refix_xref(data: bytes) -> bytes:
    """Recompute a classic xref table's offsets after an edit that moved objects."""
    offsets = {int(m[1]): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", data)}
    x = data.rindex(b"\nxref\n") + 1
    head, rest = data[:x], data[x:]
    lines = rest.split(b"\n")
    size = int(lines[1].split()[1])
    table = [b"xref", b"0 %d" % size, b"0000000000 65535 f "]
    for n in range(1, size):
        table.append(b"%010d 00000 n " % offsets[n] if n in offsets else b"0000000000 65535 f ")
    t = rest.index(b"trailer")
    tail = rest[t:]
    tail = re.sub(rb"startxref\n\d+", b"startxref\n%d" % x, tail)
    return head + b"\n".join(table) + b"\n" + tail


def mut_filter(kind: str) -> bytes:
    """Unknown, unsupported or chained /Filter arrays on a content stream."""

    def go(s: Stream) -> None:
        plain = zlib.decompress(s.data)  # type: ignore[arg-type]
        if kind == "unknown":
            s.attrs["Filter"] = N("NoSuchDecode")
        elif kind == "double_declared":  # two Flate filters declared, data deflated once
            s.attrs["Filter"] = [N("FlateDecode"), N("FlateDecode")]
        elif kind == "hex_then_flate":  # a valid chain
            s.data = zlib.compress(plain).hex().encode() + b">"
            s.attrs["Filter"] = [N("ASCIIHexDecode"), N("FlateDecode")]
        elif kind == "chain_200":  # data really deflated 200 times, 200 filters
            data = plain
            for _ in range(200):
                data = zlib.compress(data, 1)
            s.data = data
            s.attrs["Filter"] = [N("FlateDecode")] * 200
        elif kind == "crypt":
            s.attrs["Filter"] = [N("Crypt"), N("FlateDecode")]
        elif kind == "lzw_garbage":
            s.attrs["Filter"] = N("LZWDecode")
        elif kind == "predictor":
            s.attrs["DecodeParms"] = {"Predictor": 12, "Columns": 10**7}
        elif kind == "not_a_name":
            s.attrs["Filter"] = 42
        else:
            raise ValueError(kind)

    return _with_content_stream(go)


def mut_truncated_stream(keep: float = 0.5) -> bytes:
    """A content stream whose deflate data is cut to `keep` of its length (its /Length kept true)."""

    def go(s: Stream) -> None:
        s.data = s.data[: int(len(s.data) * keep)]  # type: ignore[index]

    return _with_content_stream(go)


def mut_kids(kind: str) -> bytes:
    """The page tree's /Kids holds something that is not a page between two real pages."""
    factories: dict[str, Callable[[PDF, Ref], Any]] = {
        "int": lambda pdf, tree: 42,
        "null": lambda pdf, tree: None,
        "missing_ref": lambda pdf, tree: Ref(9999),
        "font": lambda pdf, tree: pdf.add(helvetica()),
        "stream": lambda pdf, tree: pdf.stream(b"BT ET"),
        "catalog": lambda pdf, tree: Ref(max(pdf.objects)),
        "pages_without_kids": lambda pdf, tree: pdf.add({"Type": N("Pages"), "Parent": tree, "Count": 5}),
        "page_without_type": lambda pdf, tree: pdf.add({"Parent": tree, "MediaBox": [0, 0, 612, 792]}),
        "string": lambda pdf, tree: "page",
    }
    return _with_kids(factories[kind])


STRUCTURE_MUTATIONS: dict[str, Callable[[], bytes]] = {
    **{
        f"xref_{k}": (lambda k=k: mut_xref(k))
        for k in (
            "shift",
            "zero",
            "random",
            "startxref_zero",
            "startxref_past_end",
            "startxref_middle",
            "missing",
            "objstm_shift",
        )
    },  # fmt: skip
    "objstm_first_big": lambda: mut_objstm(first=10**9),
    "objstm_first_small": lambda: mut_objstm(first=3),
    "objstm_first_negative": lambda: mut_objstm(first=-5),
    "objstm_n_zero": lambda: mut_objstm(n=0),
    "objstm_n_plus5": lambda: mut_objstm(n=8),
    "objstm_n_huge": lambda: mut_objstm(n=10**9),
    "objstm_n_negative": lambda: mut_objstm(n=-1),
    **{
        f"length_{k}": (lambda k=k: mut_length(k))
        for k in ("short", "long", "huge", "negative", "missing_ref", "name", "self_ref")
    },  # fmt: skip
    **{
        f"filter_{k}": (lambda k=k: mut_filter(k))
        for k in (
            "unknown",
            "double_declared",
            "hex_then_flate",
            "chain_200",
            "crypt",
            "lzw_garbage",
            "predictor",
            "not_a_name",
        )
    },  # fmt: skip
    "truncated_stream_half": lambda: mut_truncated_stream(0.5),
    "truncated_stream_1byte": lambda: mut_truncated_stream(0.02),
    **{
        f"kids_{k}": (lambda k=k: mut_kids(k))
        for k in (
            "int",
            "null",
            "missing_ref",
            "font",
            "stream",
            "catalog",
            "pages_without_kids",
            "page_without_type",
            "string",
        )
    },  # fmt: skip
}


# --------------------------------------------------------------------- random mutations (fuzz runner)

_NUM = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_REF = re.compile(rb"\b(\d+) (\d+) R\b")
_KEYS = re.compile(
    rb"/(Length|Count|First|N|Size|Kids|Filter|MediaBox|Contents|Resources|Parent|Type|Font|XObject|Prev|W|Index)\b"
)
_INTERESTING = [
    b"0",
    b"-1",
    b"1",
    b"2147483648",
    b"1e9",
    b"99999999999999999999",
    b"-0.0",
    b"NaN",
    b"null",
    b"()",
    b"<<>>",
    b"[]",
    b"/Page",
    b"/Pages",
    b"0 0 R",
]  # noqa: E501
_TOKENS = [
    b" obj ",
    b" endobj ",
    b" stream\n",
    b"\nendstream ",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"\\",
    b"%",
    b"/FlateDecode",
    b" R ",
    b"trailer",
    b"xref\n0 1\n",
    b"%%EOF",
]  # noqa: E501


def _streams(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each stream's data in a PDF (between `stream` and `endstream`)."""
    out = []
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        if end > 0:
            out.append((m.end(), end))
    return out


def mutate_pdf(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One random structure-aware or byte-level mutation of a PDF; returns (new bytes, description)."""
    ops = [
        "number",
        "ref",
        "key_value",
        "content",
        "flip",
        "truncate",
        "splice_dup",
        "delete",
        "insert_token",
        "startxref",
    ]
    op = rng.choice(ops)
    n = len(data)
    if op == "number":
        ms = list(_NUM.finditer(data[: 1 << 20]))
        if ms:
            m = rng.choice(ms)
            new = rng.choice(_INTERESTING)
            return data[: m.start()] + new + data[m.end() :], f"number@{m.start()}->{new.decode()}"
    if op == "ref":
        ms = list(_REF.finditer(data[: 1 << 20]))
        if ms:
            m = rng.choice(ms)
            new = rng.choice(
                [b"%d 0 R" % rng.randrange(1, 50), b"0 0 R", b"%d 0 R" % int(m[1]), b"99999 0 R", b"null"]
            )
            return data[: m.start()] + new + data[m.end() :], f"ref@{m.start()}->{new.decode()}"
    if op == "key_value":
        ms = list(_KEYS.finditer(data[: 1 << 20]))
        if ms:
            m = rng.choice(ms)
            new = rng.choice(_INTERESTING)
            return data[: m.end()] + b" " + new + b" " + data[
                m.end() :
            ], f"key {m[1].decode()} +{new.decode()}"
    if op == "content":
        ss = _streams(data)
        rng.shuffle(ss)
        for a, b in ss[:5]:
            raw = data[a:b].rstrip(b"\r\n")
            try:
                plain = zlib.decompress(raw)
            except zlib.error:
                continue
            if b"Tj" not in plain and b"TJ" not in plain:
                continue
            how = rng.choice(["dup", "numbers", "nest", "drop"])
            if how == "dup":
                k = rng.randrange(len(plain))
                plain = plain[:k] + plain[k : k + rng.randrange(1, 4000)] * rng.randrange(2, 50) + plain[k:]
            elif how == "numbers":
                plain = _NUM.sub(lambda m: rng.choice([m[0], m[0], b"1e9", b"-1", b"0", b"3.4e38"]), plain)
            elif how == "nest":
                plain = b"q " * rng.randrange(1, 5000) + plain
            else:
                k = rng.randrange(len(plain))
                plain = plain[:k] + plain[k + rng.randrange(1, 500) :]
            new = zlib.compress(plain)
            out = data[:a] + new + b"\n" + data[b:]
            return out, f"content {how} ({len(plain)} B)"
    if op == "truncate":
        k = rng.randrange(n // 4, n)
        tail = b"\n%%EOF\n" if rng.random() < 0.7 else b""
        return data[:k] + tail, f"truncate@{k}"
    if op == "splice_dup":
        a = rng.randrange(n)
        ln = rng.randrange(1, min(20000, n - a) + 1)
        return data[:a] + data[a : a + ln] * 2 + data[a + ln :], f"dup {ln}@{a}"
    if op == "delete":
        a = rng.randrange(n)
        ln = rng.randrange(1, 200)
        return data[:a] + data[a + ln :], f"delete {ln}@{a}"
    if op == "insert_token":
        a = rng.randrange(n)
        tok = rng.choice(_TOKENS)
        return data[:a] + tok + data[a:], f"insert {tok!r}@{a}"
    if op == "startxref":
        k = data.rfind(b"startxref")
        if k > 0:
            m = re.match(rb"startxref\s+(\d+)", data[k:])
            if m:
                new = b"%d" % rng.choice([0, rng.randrange(n), n + 100, int(m[1]) + rng.randrange(-20, 20)])
                return data[:k] + b"startxref\n" + new + data[k + m.end() :], f"startxref->{new.decode()}"
    # byte flips (also the fallback of every op that found nothing to change)
    buf = bytearray(data)
    k = rng.randrange(1, 16)
    for _ in range(k):
        buf[rng.randrange(n)] = rng.randrange(256)
    return bytes(buf), f"flip {k} bytes"
