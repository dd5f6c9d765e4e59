"""Read the text layer of a PDF through PDFium (pypdfium2) into the glyphs that `layout` lays out.

A second PDF engine beside pdfminer.six (`pdf`): PDFium interprets the content streams and builds its text
page, this module turns its characters into the layout's glyphs `[x0, x1, baseline, size, text, descent]` and
hands them to the same engine-independent layout code (`layout.make_page`), so that both engines give the
same lines. PDFium's text page is not a plain list of the glyphs drawn, and these habits of it are undone here:

- it adds characters of its own (spaces for gaps, CR LF between lines): dropped, the layout makes its own
  spaces from gaps;
- it decomposes ligatures (U+FB00-FB06) and, in right-to-left runs, presentation forms into several
  characters on one pen: joined again into one glyph (the layout's NFKC gives the same text);
- in right-to-left runs it gives the characters in logical order and mirrors brackets and quotes: the order
  does not matter (the layout sorts by position), the mirroring is undone, since the layout reorders visual to
  logical itself and expects the characters as drawn;
- its boxes are ink boxes (the "loose" box is the advance box joined with the ink, and slanted for
  synthetic italics), while the layout wants the pen and the advance: the advance is the font's width of the
  character (FPDFFont_GetGlyphWidth) where the font maps the character to one glyph, checked against the
  loose box; else (Arabic contextual forms) the loose box's edge, cut at the next pen;
- it does not expose a font descriptor's /Descent and replaces a zero one: read from the file's bytes.

Known limits (see tests/test_pdfium_engine.py): PDFium keeps one space of a run of spaces; it gives an
/ActualText's characters instead of the glyphs drawn; it reads some damaged files pdfminer rejects.

Where the layout takes glyph runs (`runs_supported`), words of left-to-right pages are handed over one
glyph a word (`_run_glyphs`), and the words of one text object with a drawn space between them as one run
(`_joins`): a few calls a word instead of two a character, and a few glyphs a line to lay out.

pypdfium2 is imported inside functions so that importing this module stays cheap.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import functools
import os
import re
import unicodedata
from collections.abc import Generator, Iterator
from types import SimpleNamespace
from typing import Any

from ..errors import SourceError
from ..model import Page
from ..text.scripts import COMBINING_RE, RTL_RE, WIDE
from . import guard, layout, limits
from .layout import Columns, Glyph, make_page
from .pdf import load_pdf_bytes

# pairs PDFium mirrors in right-to-left runs (its GetMirrorChar), for the characters UN documents use
_MIRROR = dict(zip("()[]{}<>«»‹›“”‘’⁅⁆⁽⁾₍₎≤≥", ")(][}{><»«›‹”“’‘⁆⁅⁾⁽₎₍≥≤", strict=True))
# a font descriptor's /FontName and /Descent, read from the file's bytes (PDFium does not expose the
# descriptor, and replaces a zero Ascent and Descent with metrics of its own; pdfminer takes /Descent as is)
_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/<>\[\]()%]+)")
_DESCENT = re.compile(rb"/Descent\s+(-?\d*\.?\d+)")
_LEFT, _WEAK, _RIGHT, _NEUTRAL = 1, 2, 3, 0
OVERLAY = 0.5  # a pen this close (pt) to the pen of the character before it: drawn over it, no advance
KERN = 0.5  # the next pen this little (pt) short of a loose box's edge ends the advance
RUN_KERN = 0.05  # |kerning| (in sizes) a stretch may have between two characters on average and still be one
# glyph: character spacing (Tc) and a font's small kerning, well under the layout's WORD_MARGIN (0.1) for a gap
_STRETCH = re.compile(r"[^\s\x00-\x20]+")  # characters between white space
_SURROGATE = re.compile("[\ud800-\udfff]")
_CJK = re.compile(f"[{WIDE}\U00020000-\U0010ffff]")  # as scripts.is_wide
MAX_CLUSTER_LOOK = 4  # /ActualText clusters of one text compared with this many neighbours (by position)
MAX_PARTS = 8  # text objects a word may be split into before it is read a character at a time
# occurrences of a character whose advance PDFium's box cannot show before the font's width is taken
CHECKS = 3
_DIRECTION = {"L": _LEFT, "R": _RIGHT, "AL": _RIGHT}
_DIRECTION.update(dict.fromkeys(("AN", "EN", "NSM", "CS", "ES", "ET", "BN"), _WEAK))


@functools.cache
def _direction(c: str) -> int:
    """PDFium's direction class of a character (CFX_BidiChar: NSM, CS, ES, ET, BN count as weak left)."""
    return _DIRECTION.get(unicodedata.bidirectional(c), _NEUTRAL)


# PDFium's functions as called here. Handles (documents, pages, text pages, objects, fonts, marks) are
# declared `intptr_t`: the same register as a pointer in every C calling convention PDFium is built for,
# and a plain Python integer on both sides of the call, the cheapest thing for cffi to convert
_CDEF = """
typedef struct { float left, top, right, bottom; } FS_RECTF;
typedef struct { float a, b, c, d, e, f; } FS_MATRIX;
intptr_t FPDF_LoadMemDocument64(const char*, uint64_t, const char*);
unsigned long FPDF_GetLastError(void);
void FPDF_CloseDocument(intptr_t);
int FPDF_GetPageCount(intptr_t);
int FPDF_DocumentHasValidCrossReferenceTable(intptr_t);
intptr_t FPDF_LoadPage(intptr_t, int);
void FPDF_ClosePage(intptr_t);
int FPDFPage_GetMediaBox(intptr_t, float*, float*, float*, float*);
float FPDF_GetPageWidthF(intptr_t);
float FPDF_GetPageHeightF(intptr_t);
int FPDFPage_GetRotation(intptr_t);
intptr_t FPDFText_LoadPage(intptr_t);
void FPDFText_ClosePage(intptr_t);
int FPDFText_CountChars(intptr_t);
int FPDFText_GetText(intptr_t, int, int, unsigned short*);
unsigned int FPDFText_GetUnicode(intptr_t, int);
intptr_t FPDFText_GetTextObject(intptr_t, int);
int FPDFText_GetCharOrigin(intptr_t, int, double*, double*);
int FPDFText_GetLooseCharBox(intptr_t, int, FS_RECTF*);
int FPDFText_GetCharBox(intptr_t, int, double*, double*, double*, double*);
int FPDFText_GetMatrix(intptr_t, int, FS_MATRIX*);
double FPDFText_GetFontSize(intptr_t, int);
int FPDFText_HasUnicodeMapError(intptr_t, int);
int FPDFText_IsHyphen(intptr_t, int);
int FPDFText_IsGenerated(intptr_t, int);
int FPDFPageObj_CountMarks(intptr_t);
intptr_t FPDFPageObj_GetMark(intptr_t, unsigned long);
int FPDFPageObjMark_GetParamValueType(intptr_t, const char*);
intptr_t FPDFTextObj_GetFont(intptr_t);
unsigned long FPDFFont_GetBaseFontName(intptr_t, char*, unsigned long);
int FPDFFont_GetDescent(intptr_t, float, float*);
int FPDFFont_GetGlyphWidth(intptr_t, uint32_t, float, float*);
int FPDFPageObj_GetBounds(intptr_t, float*, float*, float*, float*);
"""
_NAMES = {  # what this module calls each function
    "load": "FPDF_LoadMemDocument64",
    "last_error": "FPDF_GetLastError",
    "close_doc": "FPDF_CloseDocument",
    "page_count": "FPDF_GetPageCount",
    "valid_xref": "FPDF_DocumentHasValidCrossReferenceTable",
    "load_page": "FPDF_LoadPage",
    "close_page": "FPDF_ClosePage",
    "media_box": "FPDFPage_GetMediaBox",
    "page_width": "FPDF_GetPageWidthF",
    "page_height": "FPDF_GetPageHeightF",
    "rotation": "FPDFPage_GetRotation",
    "load_text": "FPDFText_LoadPage",
    "close_text": "FPDFText_ClosePage",
    "count": "FPDFText_CountChars",
    "text": "FPDFText_GetText",
    "unicode": "FPDFText_GetUnicode",
    "text_object": "FPDFText_GetTextObject",
    "origin": "FPDFText_GetCharOrigin",
    "loose_box": "FPDFText_GetLooseCharBox",
    "char_box": "FPDFText_GetCharBox",
    "matrix": "FPDFText_GetMatrix",
    "font_size": "FPDFText_GetFontSize",
    "unmapped": "FPDFText_HasUnicodeMapError",
    "is_hyphen": "FPDFText_IsHyphen",
    "is_generated": "FPDFText_IsGenerated",
    "count_marks": "FPDFPageObj_CountMarks",
    "get_mark": "FPDFPageObj_GetMark",
    "mark_param_type": "FPDFPageObjMark_GetParamValueType",
    "font": "FPDFTextObj_GetFont",
    "font_name": "FPDFFont_GetBaseFontName",
    "descent": "FPDFFont_GetDescent",
    "glyph_width": "FPDFFont_GetGlyphWidth",
    "obj_bounds": "FPDFPageObj_GetBounds",
}
_SIGNATURE = re.compile(r"^(.+?)\s*\b(FPDF\w+)\((.*)\);$", re.M)


@functools.cache
def _api() -> SimpleNamespace:
    """PDFium's functions, called through cffi at the addresses pypdfium2 loaded them at (integers and cffi
    buffers in and out, no wrapper objects): a call costs about half what a ctypes prototype's does, and
    this module makes a few thousand a page. cffi comes with pdfminer.six (cryptography needs it)."""
    import cffi
    import pypdfium2  # noqa: F401  # initialises the library
    import pypdfium2.raw as raw

    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    signatures = {m.group(2): (m.group(1), m.group(3)) for m in _SIGNATURE.finditer(_CDEF)}

    def proto(name: str) -> Any:
        address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
        if not address:
            raise RuntimeError(f"PDFium has no {name}")
        restype, args = signatures[name]
        return ffi.cast(f"{restype}(*)({args})", address)

    return SimpleNamespace(
        ffi=ffi,
        **{short: proto(name) for short, name in _NAMES.items()},
        ERR_PASSWORD=raw.FPDF_ERR_PASSWORD,
        ERR_SECURITY=raw.FPDF_ERR_SECURITY,
    )


class _Page:
    """Scratch buffers for one page's calls (reused across pages of a document)."""

    def __init__(self, api: SimpleNamespace) -> None:
        self.api = api
        ffi = api.ffi
        self.xy = ffi.new("double[2]")
        self.px, self.py = self.xy, self.xy + 1
        self.rect = ffi.new("FS_RECTF*")
        self.box = ffi.new("double[4]")
        self.pbox = [self.box + k for k in range(4)]
        self.mat = ffi.new("FS_MATRIX*")
        self.f = ffi.new("float*")
        self.descents: dict[bytes, float] = {}
        self.font_descents: dict[int, float] = {}


def _page_text(api: SimpleNamespace, tp: Any, n: int) -> str:
    """The page's n characters, one code point a character, from one bulk call where it lines up."""
    buf = api.ffi.new("unsigned short[]", n + 1)
    k = api.text(tp, 0, n, buf)
    if k == n + 1:
        text = bytes(api.ffi.buffer(buf, 2 * n)).decode("utf-16-le", "surrogatepass")
        if len(text) == n and not _SURROGATE.search(text):
            return text
    return "".join(chr(min(api.unicode(tp, i), 0x10FFFF)) for i in range(n))


def runs_supported() -> bool:
    """Whether the layout takes glyph runs: glyphs of several characters with their count as a 7th
    element and their advances as an 8th, `[x0, x1, baseline, size, text, descent, n, advances]`, counted as n
    glyphs where glyphs are counted (the line's usual size, the page's share of right-to-left letters), their
    characters sharing the run's width. Until it says so (`GLYPH_RUNS`), one glyph a character."""
    return bool(getattr(layout, "GLYPH_RUNS", False))


class _Out:
    """The glyphs of one page as they are made, with what the post-passes need."""

    def __init__(self) -> None:
        self.glyphs: list[Glyph] = []
        self.owners: list[int] = []  # the text object of each glyph (0: drawn over the glyph before)
        self.estimated: list[int] = []  # glyphs whose advance is PDFium's loose box (right-to-left, unmapped)
        self.cids = 0
        self.objects: dict[int, tuple[Any, ...]] = {}
        self.widths: dict[tuple[int, int], list[Any]] = {}
        self.advances: dict[
            int, dict[str, float]
        ] = {}  # per font: usable width per point of size, by character
        self.words: dict[
            tuple[int, str], tuple[list[float], float, list[Any]]
        ] = {}  # (font, word): widths_of


def _page_glyphs(
    api: SimpleNamespace, s: _Page, tp: Any, runs: bool | None = None
) -> tuple[list[Glyph], int, int]:
    """The glyphs of one text page, its unmapped glyph count and its character count.

    Where the layout takes glyph runs (`runs_supported`), a page with no right-to-left letter and no
    combining mark is read in runs (see `_run_glyphs`); any other page one glyph per character."""
    if runs is None:
        runs = runs_supported()
    n = api.count(tp)
    if n <= 0:
        return [], 0, 0
    chars = _page_text(api, tp, n)
    codes = list(map(ord, chars))
    out = _Out()
    rtl = RTL_RE.search(chars) is not None
    in_runs = runs and not rtl and not COMBINING_RE.search(chars)
    if in_runs:
        _run_glyphs(api, s, tp, chars, codes, out)
    else:
        _char_glyphs(api, s, tp, codes, 0, n, out, rtl)
    if out.estimated:
        _next_pen(out.glyphs, out.owners, out.estimated)
    if rtl and any(info[7] for info in out.objects.values()):
        _actual_text_clusters(api, out)
    if rtl or COMBINING_RE.search(chars):
        for g in out.glyphs:  # a mark has no advance (its font's width, as pdfminer reads it); its loose box
            if g[4] >= "\u0300" and unicodedata.combining(g[4][0]):  # would move it onto the next letter
                g[1] = g[0]
    return out.glyphs, out.cids, n


def _actual_text_clusters(api: SimpleNamespace, out: _Out) -> None:
    """Arabic letters and marks drawn as glyphs of their own, each in a marked-content /ActualText that holds
    the whole cluster (alef with hamza and damma, for either glyph): PDFium gives the cluster for each glyph,
    sometimes mark first. A glyph's cluster is made to start with its letter, and of two objects with the
    same cluster over one another only that of the letter is kept (the taller one: a mark's is a sliver), so
    that the cluster is read once, as pdfminer reads the glyphs drawn."""
    glyphs, owners, objects = out.glyphs, out.owners, out.objects
    members: dict[int, list[int]] = {}  # object -> its glyphs
    for k, (g, obj) in enumerate(zip(glyphs, owners, strict=True)):
        info = objects.get(obj) if obj else None
        if info is None or not info[7]:
            continue
        members.setdefault(obj, []).append(k)
        text = g[4]
        lead = 0
        while lead < len(text) and unicodedata.combining(text[lead]):
            lead += 1
        if 0 < lead < len(text):
            g[4] = text[lead] + text[:lead] + text[lead + 1 :]  # the letter first, then its marks
    by_cluster: dict[str, list[int]] = {}
    for obj, ks in members.items():
        text = "".join(glyphs[k][4] for k in ks)
        if len(text) > 1 and any(map(unicodedata.combining, text)):
            by_cluster.setdefault("".join(sorted(text)), []).append(obj)
    bounds = api.ffi.new("float[4]")
    pb = [bounds + j for j in range(4)]

    def height(obj: int) -> float:
        return bounds[3] - bounds[1] if api.obj_bounds(obj, *pb) else 0.0

    def place(obj: int) -> tuple[float, float, float]:
        ks = members[obj]
        return (
            min(glyphs[k][0] for k in ks) + max(glyphs[k][1] for k in ks),
            glyphs[ks[0]][2],
            glyphs[ks[0]][3],
        )

    drop: set[int] = set()
    for objs in by_cluster.values():
        objs.sort(key=place)  # by position: the glyphs of one cluster are neighbours
        for i, a in enumerate(objs):
            for b in objs[i + 1 : i + 1 + MAX_CLUSTER_LOOK]:
                if a in drop or b in drop:
                    continue
                (ca, ya, sa), (cb, yb, sb) = place(a), place(b)
                if abs(ca - cb) < max(sa, sb) and abs(ya - yb) < max(sa, sb):
                    drop.add(a if height(a) < height(b) else b)
    if drop:
        gone = {k for obj in drop for k in members[obj]}
        keep = [k for k in range(len(glyphs)) if k not in gone]
        out.glyphs[:] = [glyphs[k] for k in keep]
        out.owners[:] = [owners[k] for k in keep]


def _run_glyphs(api: SimpleNamespace, s: _Page, tp: Any, chars: str, codes: list[int], out: _Out) -> None:
    """Glyphs of a left-to-right page, a word at a time where that gives the layout the same lines.

    The characters between two white-space characters (a "stretch") become one glyph run when PDFium's pens
    show no gap inside: the first character's pen plus the font's checked advances of all but the last
    character lands on the last character's pen within RUN_KERN of the size a character on average (so no gap
    inside comes near the layout's WORD_MARGIN, and the layout would put no space inside). That is one text object
    call and two pen calls a stretch instead of two calls a character.

    A single space between two runs of one text object, with one call to tell whether it was on the page
    (PDFium's made-up spaces are dropped), joins them into one run where `_joins` says so, else becomes a
    space glyph between them. A word of two text objects (a number in another font in Chinese text) is read
    a text object at a time, its boundaries found by bisection (an object's characters are contiguous in a
    left-to-right line). Everything else (other white space, stretches that do not pass) is read one glyph
    per character, in blocks so that neighbours are seen together."""
    text_object, origin = api.text_object, api.origin
    xy, px, py = s.xy, s.px, s.py
    objects, widths, glyphs, owners, advances = out.objects, out.widths, out.glyphs, out.owners, out.advances
    words = out.words
    n = len(codes)
    pending = 0  # characters pending..lo-1 are still to be read one glyph a character
    last_obj = 0  # text object of the run that ends at `pending`, if the last glyph is a run
    # Chinese and Japanese have no spaces, and a line read as a few long runs covers the points between its
    # characters that the characters leave bare: the layout's gutter search could differ
    cjk = _CJK.search(chars) is not None
    joined: list[Glyph] = []  # the runs that join several words, their words a list until the page is read

    def widths_of(word: str, font: int, lo: int) -> tuple[list[float], float, list[Any]] | None:
        """The advances (per point of size) of a word's characters in a font, the sum of all but the last,
        and the last one's width record; None if one of them is not known to fit (or cannot be known)."""
        adv = advances.get(font)
        if adv is None:
            adv = advances[font] = {}
        try:
            ws = list(map(adv.__getitem__, word))
        except KeyError:
            for k, ch in enumerate(word, lo):
                if ch not in adv:
                    w = widths.get((font, codes[k]))
                    if w is None:
                        w = widths[font, codes[k]] = _width_info(api, s, font, codes[k], tp, k)
                    if w[1] is not None and w[2] is not None:  # mapped, left to right, not known to misfit
                        adv[ch] = w[1]
            try:
                ws = list(map(adv.__getitem__, word))
            except KeyError:
                return None
        return ws, sum(ws) - ws[-1], widths[font, ord(word[-1])]

    def run(lo: int, hi: int, obj: int) -> Glyph | None:
        """The glyph run of characters lo..hi-1 of one text object, if the pens show no gap inside."""
        info = objects.get(obj)
        if info is None:
            info = objects[obj] = _object_info(api, s, tp, lo, obj)
        if not info[5] or info[7]:  # not upright, or an /ActualText (pens not drawn)
            return None
        a, c, d, font, size, _upright, descent, _actual = info
        word = chars[lo:hi]
        if cjk and _CJK.search(word):
            return None
        known = words.get((font, word))
        if known is None:
            known = widths_of(word, font, lo)
            if known is None:
                return None
            if known[2][2] is True:  # the last character's advance is checked: the word's widths hold
                words[font, word] = known
        ws, most, w = known
        # the widths of all but the last character are checked by the pens; the last one's as usual
        origin(tp, lo, px, py)
        x0, y0 = xy[0], xy[1]
        if hi - lo > 1:
            origin(tp, hi - 1, px, py)
            x_last, y_last = xy[0], xy[1]
            if y_last != y0 or abs(x_last - x0 - a * most * size) > RUN_KERN * size * d * (hi - lo - 1):
                return None
        else:
            x_last = x0
        if w[2] is True:
            x1 = x_last + a * w[1] * size
        else:
            x1 = _advance(api, s, tp, hi - 1, x_last, y0, a, c, d, size, w)
            if w[2] is None:
                del advances[font][word[-1]]
        return [x0, x1, y0, size * d, word, descent, hi - lo, ws]

    spans = [m.span() for m in _STRETCH.finditer(chars)]
    starts = [text_object(tp, lo) for lo, _ in spans]
    starts.append(0)
    for k, (lo, hi) in enumerate(spans):
        obj = starts[k]
        # an object's characters are contiguous: where the next stretch starts in this stretch's object,
        # the whole of this one is of it
        if hi - lo > 1 and (obj != starts[k + 1] or not obj) and (obj_last := text_object(tp, hi - 1)) != obj:
            parts = _object_parts(text_object, tp, lo, hi, obj, obj_last)
        else:
            parts = [(lo, hi, obj)]
        for a_lo, a_hi, a_obj in parts:
            g = run(a_lo, a_hi, a_obj) if a_obj else None
            if g is None:
                last_obj = 0
                continue
            if a_lo == lo and last_obj == a_obj and pending + 1 == lo and codes[pending] == 0x20:
                # one space between two runs of one object: a glyph between them if it was on the page
                # (PDFium's made-up spaces are dropped, as a character at a time), or the two runs one
                if not api.is_generated(tp, pending):
                    prev = glyphs[-1]
                    if _joins(prev, g):
                        if len(prev) == 8:
                            glyphs[-1] = prev = _joined(prev)
                            joined.append(prev)
                        prev[8].append((g[0], g[1], g[4], g[7]))
                        prev[1] = g[1]
                        prev[6] += g[6]
                        pending = a_hi
                        continue
                    glyphs.append([prev[1], g[0], g[2], g[3], " ", g[5], 1])
                    owners.append(a_obj)
            elif pending < a_lo and not _made_up_break(text_object, tp, codes, pending, a_lo):
                _char_glyphs(api, s, tp, codes, pending, a_lo, out, False)
            glyphs.append(g)
            owners.append(a_obj)
            pending, last_obj = a_hi, a_obj
    if pending < n:
        _char_glyphs(api, s, tp, codes, pending, n, out, False)
    for g in joined:  # the words of each joined run, as the layout takes them
        g[4] = " ".join(w for _, _, w, _ in g[8])
        g[8] = layout.Words(tuple(g[8]))


def _made_up_break(text_object: Any, tp: Any, codes: list[int], lo: int, hi: int) -> bool:
    """Whether characters lo..hi-1 are only the CR LF PDFium puts between lines (of no text object): nothing
    to read, and most of the gaps between a left-to-right page's runs."""
    return hi - lo <= 2 and all(codes[i] in (0x0D, 0x0A) and not text_object(tp, i) for i in range(lo, hi))


JOIN_SPACE = 0.6  # a space (in sizes) narrower than this between two runs of one object joins them into one


def _joins(prev: Glyph, g: Glyph) -> bool:
    """Whether run `g`, after a single space drawn in the same text object, joins the run before it (or the
    run of words that ends with it) into one run (`word word`) that keeps each word's extent and advances
    (`layout.Words`; its own advances are empty): on one baseline, of one size and descent, and the space
    narrower than JOIN_SPACE sizes (one as wide as a column gutter is never joined over). The layout puts no
    space where a space is drawn (the gaps on either side of it are nil) and reads each word of the run as
    it would read the word alone, so the line is the same, made of a few runs instead of two glyphs a word.
    The joined run counts the characters of its words only, as the space glyph counted for nothing where the
    layout counts glyphs (a line's usual size)."""
    return (
        prev[2] == g[2] and prev[3] == g[3] and prev[5] == g[5] and 0 <= g[0] - prev[1] < JOIN_SPACE * prev[3]
    )


def _joined(run: Glyph) -> Glyph:
    """A run as the first word of a joined run (its words a list while the page is read)."""
    return [run[0], run[1], run[2], run[3], run[4], run[5], run[6], (), [(run[0], run[1], run[4], run[7])]]


def _object_parts(
    text_object: Any, tp: Any, lo: int, hi: int, first: int, last: int
) -> list[tuple[int, int, int]]:
    """Characters lo..hi-1 split by text object, the boundaries found by bisection (each object's characters
    are contiguous here); at most MAX_PARTS parts, else one part of no object (read a character at a time)."""
    parts: list[tuple[int, int, int]] = []
    start, obj = lo, first
    while obj != last:
        if len(parts) >= MAX_PARTS:
            return [(lo, hi, 0)]
        left, right = start + 1, hi - 1  # the character at `right` is not of `obj`
        while left < right:
            mid = (left + right) // 2
            if text_object(tp, mid) == obj:
                left = mid + 1
            else:
                right = mid
        parts.append((start, left, obj))
        start, obj = left, text_object(tp, left)
    parts.append((start, hi, obj))
    return parts


def _char_glyphs(
    api: SimpleNamespace, s: _Page, tp: Any, codes: list[int], lo: int, hi: int, out: _Out, rtl: bool
) -> None:
    """Glyphs of characters lo..hi-1, one per character (pieces of one character joined)."""
    text_object, origin, loose_box = api.text_object, api.origin, api.loose_box
    xy, px, py, rect = s.xy, s.px, s.py, s.rect
    # per character of the block (index i - lo): its text object (0: made up by PDFium) and pen
    objs = [text_object(tp, i) or 0 for i in range(lo, hi)]
    xs, ys = [0.0] * (hi - lo), [0.0] * (hi - lo)
    for k, obj in enumerate(objs):
        if obj:
            origin(tp, lo + k, px, py)
            xs[k], ys[k] = xy[0], xy[1]
    mirrored = {lo + k for k in _mirrored_indices(objs, codes[lo:hi])} if rtl else set()
    objects, widths, glyphs, owners, estimated = (
        out.objects,
        out.widths,
        out.glyphs,
        out.owners,
        out.estimated,
    )
    box_before: tuple[float, float] | None = None  # loose box of the glyph before, when asked for
    prev_obj, prev_x, prev_y = 0, 0.0, 0.0
    last = hi - lo - 1
    for k in range(hi - lo):
        obj = objs[k]
        if not obj:
            prev_obj = 0
            continue
        i = lo + k
        x, y, u = xs[k], ys[k], codes[i]
        info = objects.get(obj)
        if info is None:
            info = objects[obj] = _object_info(api, s, tp, i, obj)
        a, c, d, font, size, upright, descent, actual = info
        if (
            u == 0x20
            and not actual
            and (
                _empty_box(api, tp, i, s)
                if rtl
                else (
                    (k < last and objs[k + 1] == obj and xs[k + 1] == x and ys[k + 1] == y)
                    or (k and objs[k - 1] == obj and xs[k - 1] == x and ys[k - 1] == y)
                    or ((k == 0 or k == last) and api.is_generated(tp, i))
                )
            )
        ):
            # a space PDFium made up inside a text object. In a left-to-right line it stands on the next
            # character's pen (at the edge of a block, where that is not at hand, PDFium says so); in a
            # right-to-left one the next character may be elsewhere (runs are reordered) and PDFium marks
            # every character a "piece", but a made-up space has an empty box. The characters of an
            # /ActualText all stand on the object's pen, and its spaces are the ActualText's own
            continue
        if not upright:
            continue
        if prev_obj == obj and prev_x == x and prev_y == y and glyphs:
            loose_box(tp, i, rect)
            left, right = rect.left, rect.right
            if box_before is None:
                loose_box(tp, i - 1, rect)
                box_before = (rect.left, rect.right)
            g = glyphs[-1]
            char = chr(u) if i not in mirrored else _MIRROR.get(chr(u), chr(u))
            if left == box_before[1] and left != right:
                # PDFium's characters of a marked-content /ActualText: one origin (the text object's),
                # boxes side by side over the object's width; each stands where its box is
                g[1] = min(g[1], left)
                glyphs.append([left, right, y, size * d, char, descent])
                owners.append(obj)
                box_before = (left, right)
                continue
            # a piece of one character (ligature, presentation form) or a zero-advance glyph on one pen
            g[4] += char
            g[1] = max(g[1], right)
            continue
        prev_obj, prev_x, prev_y, box_before = obj, x, y, None
        w = widths.get((font, u))
        if w is None:
            w = widths[font, u] = _width_info(api, s, font, u, tp, i)
        if w[2] is True:  # the usual case: a character the font maps to one glyph, its advance checked
            text = w[3] if i not in mirrored else _MIRROR.get(w[3], w[3])
            glyphs.append([x, x + a * w[1] * size, y, size * d, text, descent])
            owners.append(obj)
            continue
        if w[0]:
            out.cids += 1
            text = f"(cid:{u})"
        else:
            text = chr(u) if i not in mirrored else _MIRROR.get(chr(u), chr(u))
        if u == 2 or u == 0xFFFE:
            text = "-" if api.is_hyphen(tp, i) else text
        if w[1] is None:
            if glyphs and owners[-1] == obj and abs(glyphs[-1][0] - x) < OVERLAY:
                # a glyph drawn over the one before it with no advance of its own (the alef of a lam-alef)
                glyphs.append([x, x, y, size * d, text, descent])
                owners.append(0)
                continue
            estimated.append(len(glyphs))
            if not c:  # no width to check (right to left, unmapped): the loose box's edge (as _advance)
                loose_box(tp, i, rect)
                glyphs.append([x, rect.right, y, size * d, text, descent])
                owners.append(obj)
                continue
        x1 = _advance(api, s, tp, i, x, y, a, c, d, size, w)
        glyphs.append([x, x1, y, size * d, text, descent])
        owners.append(obj)


def _empty_box(api: SimpleNamespace, tp: Any, i: int, s: _Page) -> bool:
    api.loose_box(tp, i, s.rect)
    return s.rect.left == s.rect.right and s.rect.top == s.rect.bottom


def _next_pen(glyphs: list[Glyph], owners: list[int], estimated: list[int]) -> None:
    """Advances taken from PDFium's loose box reach as far as the ink (a few tenths of a point past the
    advance in Arabic fonts): within one text object, the advance ends at the next glyph's pen when that
    lies just short of the ink's edge (the gap is the kerning)."""
    starts: dict[int, list[float]] = {}
    for g, obj in zip(glyphs, owners, strict=True):
        starts.setdefault(obj, []).append(g[0])
    for xs in starts.values():
        xs.sort()
    for k in estimated:
        g = glyphs[k]
        xs = starts[owners[k]]
        j = bisect.bisect_right(xs, g[0])
        while j < len(xs) and xs[j] < g[1] - KERN:
            j += 1
        if j < len(xs) and xs[j] < g[1]:
            g[1] = xs[j]


def _object_info(api: SimpleNamespace, s: _Page, tp: Any, i: int, obj: int) -> tuple[Any, ...]:
    api.matrix(tp, i, s.mat)
    m = s.mat
    size = api.font_size(tp, i)
    font = api.font(obj) or 0
    upright = m.b == 0 and m.a > 0 and m.d > 0
    actual_text = any(
        api.mark_param_type(api.get_mark(obj, k), b"ActualText") for k in range(max(0, api.count_marks(obj)))
    )
    return (m.a, m.c, m.d, font, size, upright, _descent(api, s, font) * size * m.d, actual_text)


def _descent(api: SimpleNamespace, s: _Page, font: int) -> float:
    """The font's descent per point of size: its descriptor's /Descent where the file shows it, else PDFium's."""
    if not font:
        return 0.0
    value = s.font_descents.get(font)
    if value is None:
        name = api.ffi.new("char[256]")
        k = api.font_name(font, name, 256)
        value = s.descents.get(api.ffi.string(name)) if 0 < k <= 256 else None
        if value is None:
            value = s.f[0] if api.descent(font, 1.0, s.f) else 0.0
        s.font_descents[font] = value
    return value


def _descriptor_descents(data: bytes) -> dict[bytes, float]:
    """/FontName -> /Descent (per point of size, negative as pdfminer makes it) of the font descriptors
    written plainly in the file (those inside object streams are not seen: PDFium's value is used)."""
    out: dict[bytes, float] = {}
    for m in _FONT_NAME.finditer(data):
        start = data.rfind(b"obj", max(0, m.start() - 2000), m.start())
        end = data.find(b"endobj", m.end(), m.end() + 2000)
        if start < 0 or end < 0:
            continue
        d = _DESCENT.search(data, start, end)
        value = -abs(float(d.group(1))) / 1000 if d else 0.0
        name = m.group(1)
        name = name[7:] if name[6:7] == b"+" else name  # PDFium names fonts without the subset tag
        if out.setdefault(name, value) != value:
            out[name] = float("nan")  # two descriptors of one name disagree: PDFium's value
    return {k: v for k, v in out.items() if v == v}


def _width_info(api: SimpleNamespace, s: _Page, font: int, u: int, tp: Any, i: int) -> list[Any]:
    """[unmapped, width per point of font size or None, checked, text] for a character of a font.

    `checked` is True once the font's width for the character (FPDFFont_GetGlyphWidth goes through the
    font's reverse Unicode map) has matched PDFium's advance box, None if it did not (the font maps the
    character to several glyphs), else the number of times it could not be checked."""
    unmapped = bool(api.unmapped(tp, i))
    width = None
    c = chr(u) if u < 0x110000 else "\ufffd"
    if not unmapped and font and _direction(c) != _RIGHT and u not in (2, 0xFFFE):
        if api.glyph_width(font, u, 1.0, s.f):
            width = s.f[0]
    return [unmapped, width, 0, c]


def _advance(
    api: SimpleNamespace,
    s: _Page,
    tp: Any,
    i: int,
    x: float,
    y: float,
    a: float,
    c: float,
    d: float,
    size: float,
    w: list[Any],
) -> float:
    """Where the pen ends after this glyph: x plus the advance (pdfminer's x1)."""
    width = w[1]
    api.loose_box(tp, i, s.rect)
    rect = s.rect
    right = rect.right
    if c:  # slanted text: the loose box is the slanted advance box, its right edge at the top (or bottom)
        right -= c * ((rect.top if c > 0 else rect.bottom) - y) / d
    if width is None or w[2] is None:
        return right
    guess = x + a * width * size
    # the loose box is the advance box joined with the ink box: its right edge is the advance unless the
    # ink reaches past it (then it is the ink box's right edge, and tells nothing)
    api.char_box(tp, i, *s.pbox)
    if rect.right != float(api.ffi.cast("float", s.box[1])) and c == 0:
        w[2] = abs(right - guess) < 1e-3 * max(1.0, size) or None  # the font maps u to one glyph
        return right if w[2] is None else guess
    w[2] += 1
    if w[2] >= CHECKS:  # never seen without ink past its advance (an italic f): take the font's width
        w[2] = True
    return guess


def _mirrored_indices(objs: list[int], codes: list[int]) -> set[int]:
    """Indices of the characters that PDFium mirrored: those of neutral runs it emitted right to left.

    PDFium's CloseTempLine splits each line into runs of one direction (left, weak left, right, neutral),
    counts right and left runs to choose the line's direction, and emits the runs (reversed in order for a
    right-to-left line); a neutral run goes right to left, and is mirrored, when the last strong run emitted
    before it was right to left (or there was none and the line is right to left). The runs can be read off
    PDFium's own output, as each run is emitted whole.
    """
    out: set[int] = set()
    line: list[tuple[int, int]] = []
    for i, (obj, u) in enumerate(zip(objs, codes, strict=True)):
        if not obj and u in (0x0D, 0x0A):
            _balanced(line, _mirror_line(line), codes, out)
            line = []
            continue
        line.append((i, _direction(chr(u)) if u < 0x110000 else _NEUTRAL))
    _balanced(line, _mirror_line(line), codes, out)
    return out


_PAIRS = ((0x28, 0x29), (0x5B, 0x5D), (0x7B, 0x7D))  # ( ) [ ] { }


def _balanced(line: list[tuple[int, int]], mirrored: set[int], codes: list[int], out: set[int]) -> None:
    """Add one line's mirrored characters to `out`, but not its brackets of a kind if undoing the mirroring
    would leave that kind unbalanced where PDFium's text has it balanced: the run model above then missed
    how PDFium resolved the line (a Latin symbol in brackets before Arabic punctuation, «(S/PRST/<year>/<n>)،»:
    neither bracket mirrored; tests/test_pdfium.py holds such lines)."""
    for opening, closing in _PAIRS:
        ks = {i for i in mirrored if codes[i] in (opening, closing)}
        if not ks:
            continue
        raw = sum((codes[i] == opening) - (codes[i] == closing) for i, _ in line)
        flipped = raw - 2 * sum((codes[i] == opening) - (codes[i] == closing) for i in ks)
        if raw == 0 and flipped != 0:
            mirrored = mirrored - ks
    out |= mirrored


def _mirror_line(line: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    runs: list[tuple[int, list[int]]] = []
    for i, k in line:
        if runs and runs[-1][0] == k:
            runs[-1][1].append(i)
        else:
            runs.append((k, [i]))
    n_right = sum(1 for k, _ in runs if k == _RIGHT)
    n_left = sum(1 for k, _ in runs if k == _LEFT)
    current = _RIGHT if n_right and n_right >= n_left else _LEFT
    for k, idx in runs:
        if k == _RIGHT or (k == _NEUTRAL and current == _RIGHT):
            current = _RIGHT
            if k == _NEUTRAL:
                out.update(idx)
        elif k != _WEAK:
            current = _LEFT
    return out


def _page_size(api: SimpleNamespace, s: _Page, page: int) -> tuple[float, float]:
    """The media box's width and height (the layout's page size), else PDFium's page size unrotated."""
    box = api.ffi.new("float[4]")
    p = [box + k for k in range(4)]
    if api.media_box(page, *p):
        return abs(box[2] - box[0]), abs(box[3] - box[1])
    w, h = api.page_width(page), api.page_height(page)
    return (h, w) if api.rotation(page) % 2 else (w, h)


def _open(api: SimpleNamespace, data: bytes) -> tuple[int, Any]:
    buf = api.ffi.from_buffer(data)  # PDFium reads the bytes in place while the document is open
    doc = api.load(buf, len(data), api.ffi.NULL)
    if not doc:
        err = api.last_error()
        if err in (api.ERR_PASSWORD, api.ERR_SECURITY):
            raise SourceError("encrypted PDF: cannot read without the password")
        raise SourceError(f"truncated or damaged PDF: PDFium cannot parse it (error {err})")
    return doc, buf


def iter_page_glyphs(
    data: bytes, runs: bool | None = None
) -> Iterator[tuple[float, float, list[Glyph], int]]:
    """Per page: width, height, glyphs in the layout's format, and the count of glyphs with no Unicode mapping.

    The document is read whole and closed before the first page is handed out, so that a caller that stops
    early leaves no PDFium handle open. Raises SourceError for a PDF PDFium cannot open or whose pages it
    cannot load.
    """
    with contextlib.closing(_pages(data, runs)) as pages:
        every = [page[:4] for page in pages]
    yield from every


def _pages(
    data: bytes, runs: bool | None = None, checked: bool = False
) -> Generator[tuple[float, float, list[Glyph], int, int], None, None]:
    """(width, height, glyphs, unmapped glyphs, characters) of each page in turn, the document open until the
    last page is read or the generator is closed. `checked`: first refuse, as pdfminer does, a file cut short
    (PDFium rebuilds a cross-reference table from what is left) or without pages."""
    api = _api()
    doc, buf = _open(api, data)
    try:
        count = api.page_count(doc)
        if checked:
            if not api.valid_xref(doc) and b"%%EOF" not in data[-2048:]:
                raise SourceError("truncated or damaged PDF: no pages found")
            if count <= 0:
                raise SourceError("truncated or damaged PDF: no pages found")
        lim = limits.current()
        if count > lim.pages:
            raise limits.exceeded(f"more than {limits.amount(lim.pages)} pages")
        s = _Page(api)
        s.descents = _descriptor_descents(data)
        for number in range(count):
            guard.check()  # the time budget, between pages (PDFium reads one page in one call)
            page = api.load_page(doc, number)
            if not page:
                raise SourceError(f"truncated or damaged PDF: page {number + 1} cannot be read")
            try:
                width, height = _page_size(api, s, page)
                tp = api.load_text(page)
                if not tp:
                    raise SourceError(f"truncated or damaged PDF: page {number + 1} cannot be read")
                try:
                    if api.count(tp) > lim.glyphs_per_page:
                        raise limits.exceeded(
                            f"more than {limits.amount(lim.glyphs_per_page)} glyphs on page {number + 1}"
                        )
                    glyphs, cids, n = _page_glyphs(api, s, tp, runs)
                finally:
                    api.close_text(tp)
            finally:
                api.close_page(page)
            yield width, height, glyphs, cids, n
    finally:
        api.close_doc(doc)
        del buf


def read_pdf(source: str | os.PathLike[str] | bytes, runs: bool | None = None) -> list[Page]:
    """`pdf.read_pdf` through PDFium: every page as positioned lines in reading order, each page laid out as
    soon as it is read (a long record never holds more than one page's glyphs). `runs`: hand the layout
    words as glyph runs (default: where the layout takes them), or one glyph a character (False).

    Raises SourceError with the pdfminer engine's one-line messages for the same cases.
    """
    data = load_pdf_bytes(source)
    if b"%%EOF" not in data:
        raise SourceError("truncated or damaged PDF: no end-of-file marker (%%EOF)")
    pages: list[Page] = []
    total = 0
    columns = Columns()
    with contextlib.closing(_pages(data, runs, checked=True)) as read:
        for number, (width, height, glyphs, cids, n) in enumerate(read, 1):
            total += n
            pages.append(make_page(number, width, height, glyphs, cids, columns))
    if not total:
        raise SourceError("no text layer: this PDF needs OCR")
    return pages
