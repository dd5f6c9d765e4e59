"""Glyphs → lines in reading order, with their boxes and paragraph hints: the engine-independent half of
reading a PDF.

A PDF engine (`reader/pdf.py`: pdfminer.six; `reader/pdfium.py`: PDFium) gives each page's glyphs as `[x0,
x1, baseline, size, text, descent]` in PDF points (origin bottom left); a glyph may be a *run*, several
characters drawn with no gap between them (a word), with the count of its characters as a 7th element and
optionally their advances (any unit) as an 8th: it counts as that many glyphs where glyphs are counted, and
its characters share its width (`GLYPH_RUNS`); a run may join words with the spaces drawn between them, each
word's extent and advances as a 9th element (`Words`): each word's characters then share its own width, and
the gutter search sees the words. This module groups them into lines by baseline, inserts
spaces from horizontal gaps (pdfminer's `word_margin` idea), finds a two-column gutter per page, rebuilds
right-to-left lines in logical order (then NFKC), and says of each line whether the page's layout shows it
starting a paragraph (`start`), continuing the line before (`wrap`), or neither (`unknown`).
"""

from __future__ import annotations

import bisect
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, groupby
from operator import itemgetter
from typing import Any

from ..model import Hint, Line, Page
from ..text.normal import normalised, text_line
from ..text.scripts import RTL_RE, is_wide

# Layout thresholds (LAParams-like), all as multiples of the font size unless said otherwise.
WORD_MARGIN = 0.1  # a horizontal gap wider than this inserts a space (pdfminer's word_margin)
LINE_OVERLAP = 0.5  # glyphs whose baselines differ by at most this share a row (superscripts too)
GUTTER_SEARCH = (0.3, 0.7)  # where a column gutter may lie, as fractions of the page width
GUTTER_MIN_GAP = 0.9  # a row whose gap at the gutter is narrower than this is one full-width line
GUTTER_MIN_ROWS = 4  # side-by-side rows needed before a page counts as two-column
GUTTER_MAX_CROSS = 0.25  # at most this share of the rows may cross the gutter
GUTTER_MAX_WIDTH = 14_400.0  # PDF's largest page (200 in): a wider page is not searched for a gutter
BAND_GAP = 2.0  # a vertical gap wider than this (in sizes) ends a two-column band
PARA_GAP = 1.15  # a line pitch above this times the page's usual pitch starts a paragraph
PITCH_SHARE = 0.1  # share of line pitches a pitch must recur on to be the page's usual one
STYLE_SHARE = 0.8  # share of visible paragraph ends marked by a gap or indent for a page to count as styled
INDENT = 1.0  # a line starting this much right of the column margin (LTR) starts a paragraph
SHORT_LINE = 0.2  # a line this share narrower than its block ends a paragraph (doubled if ragged)
CENTRE_TOL = 1.5  # a line centred within this, and narrower than 70 % of the block, is centred
MARGIN_SHARE = 0.25  # share of a block's lines on its outermost start edge for that edge to be the margin
ALIGNED = 0.4  # share of a block's lines on one edge for that edge to count as aligned

GLYPH_RUNS = True  # glyphs may be runs of characters (`Glyph`): the PDFium engine hands over words
READER_VERSION = 11  # bump when the lines read from the same PDF change (cached pages are then re-read)
START: Hint = "start"
WRAP: Hint = "wrap"
UNKNOWN: Hint = "unknown"
WRAP_MARK = "\t"  # in `page_text`, before a line that evidently continues the paragraph of the line before


@dataclass(frozen=True, slots=True)
class LayoutLine:
    """One text line as laid out: logical-order text, its box in PDF coordinates (origin bottom left), font
    size, column (0 left or full width, 1 right) and direction."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    column: int
    rtl: bool
    chars: list[float] | None = (
        None  # x0, x1 of each character of `text`, flattened, unrounded (make_page rounds)
    )


@dataclass(frozen=True, slots=True)
class Words:
    """The words a glyph run joins, each as (x0, x1, text, advances), with one drawn space between two words
    (from the one's x1 to the next one's x0): a run of words is read as its words would be."""

    parts: tuple[tuple[float, float, str, Any], ...]


# A glyph: [x0, x1, baseline, size, text, descent], or a run of n characters with no gap inside:
# [x0, x1, baseline, size, text, descent, n] or [..., n, advances] (each character's advance, any unit, to share
# x0..x1 by), or [..., n, (), Words] (the words it joins, each with its advances); a list so that marks can be
# merged into it.
Glyph = list[Any]


def _count(g: Glyph) -> int:
    """How many characters a glyph stands for: a run's n, else 1."""
    return g[6] if len(g) > 6 else 1


_KINDS: dict[str, str] = {}


def _bidi(text: str) -> str:
    """The bidi class of a glyph's text: its first strong class, else that of its first character."""
    kind = _KINDS.get(text)
    if kind is None:
        kinds = [unicodedata.bidirectional(c) for c in text] or ["ON"]
        strong = [k for k in kinds if k in ("L", "R", "AL")]
        kind = _KINDS[text] = ("R" if strong[0] == "AL" else strong[0]) if strong else kinds[0]
    return kind


def _logical_order(units: list[str]) -> list[int]:
    """The order in which to read the units of one right-to-left line laid out visually (left to right).

    A simplified Unicode bidi algorithm for a right-to-left paragraph: numbers and Latin runs get
    level 2 and keep their order, everything else level 1; neutrals between two left-to-right
    strong types join them (numbers count as right-to-left for neutrals, as in rule N1).
    """
    kinds = [_bidi(u) for u in units]
    n = len(kinds)
    for i in range(1, n - 1):  # W4: one separator between two numbers belongs to the number
        if kinds[i] in ("CS", "ES") and kinds[i - 1] == kinds[i + 1] == "EN":
            kinds[i] = "EN"
    for i, k in enumerate(kinds):  # W5: terminators (%, $) next to a number
        if k == "ET" and ((i > 0 and kinds[i - 1] == "EN") or (i + 1 < n and kinds[i + 1] == "EN")):
            kinds[i] = "EN"
    last = "R"
    for i, k in enumerate(kinds):  # W7, visually: a number glued to Latin on its left is Latin
        if k == "L" or (k == "EN" and last == "L"):
            kinds[i] = last = "L"
        elif k not in ("EN", "CS", "ES", "ET"):
            last = k
    strong = [("L" if k == "L" else "R") if k in ("L", "R", "EN", "AN") else None for k in kinds]
    right = ["R"] * (n + 1)  # the nearest strong type to the right; the line's end counts as R
    for i in range(n - 1, -1, -1):
        right[i] = strong[i] or right[i + 1]
    levels: list[int] = []
    left = "R"
    for i, k in enumerate(kinds):
        if s := strong[i]:
            left = s
            levels.append(2 if k in ("L", "EN", "AN") else 1)
        else:  # a neutral between two left-to-right types goes with them, else right to left
            levels.append(2 if left == right[i + 1] == "L" else 1)
    out: list[int] = []
    for level, run in reversed(
        [(lv, [k for _, k in grp]) for lv, grp in groupby(zip(levels, range(n), strict=True), itemgetter(0))]
    ):
        out.extend(run if level == 2 else reversed(run))
    return out


def _mirrored(units: list[str]) -> bool:
    """Whether a line without Arabic letters was laid out right to left: its first bracket seen
    from the left is a closing one (mirrored), or it holds Arabic punctuation."""
    for u in units:
        if u in ")]}" or "\u060c" <= u[:1] <= "\u066d":
            return True
        if u in "([{":
            return False
    return False


Span = tuple[float, float] | tuple[float, float, Any]  # a unit's x0, x1, and a run's advances (or its n)


def _line_units(glyphs: list[Glyph]) -> tuple[list[str], list[Span]]:
    """Glyph texts left to right, with a space wherever the gap is wider than WORD_MARGIN, except next to
    CJK characters (Chinese has no spaces; gaps there are typographic); and each unit's x extent (with, for a
    run, what shares it among its characters)."""
    units: list[str] = []
    spans: list[Span] = []
    add_unit, add_span = units.append, spans.append
    px1 = 0.0
    psize = -1.0  # no glyph before
    ptext = ""
    for g in glyphs:
        x0, x1, size, text = g[0], g[1], g[3], g[4]
        if psize >= 0 and x0 - px1 > WORD_MARGIN * (size if size > psize else psize):
            if not ptext.isspace() and not text.isspace() and not (is_wide(ptext[-1:]) or is_wide(text)):
                add_unit(" ")
                add_span((px1, x0))
        add_unit(text)
        n = len(g)
        add_span((x0, x1) if n < 7 else (x0, x1, g[8] if n > 8 else g[7] if n > 7 else g[6]))
        px1, psize, ptext = x1, size, text
    return units, spans


def _shares(a: float, b: float, n: int, advances: Any) -> list[float]:
    """x0, x1 of each of a run's n characters (flattened): a..b shared by their advances, or evenly (a
    character ends where the next begins)."""
    if not isinstance(advances, int) and len(advances) == n and (total := sum(advances)) > 0:
        scale = (b - a) / total
        edges = [a + c * scale for c in accumulate(advances, initial=0.0)]
    else:
        step = (b - a) / n
        edges = [a + k * step for k in range(n + 1)]
    out = edges[:-1] * 2
    out[0::2] = edges[:-1]
    out[1::2] = edges[1:]
    return out


def _char_extents(
    text: str, raw: str, plain: bool, units: list[str], spans: list[Span]
) -> list[float] | None:
    """x0, x1 of each character of a line's `text` (flattened, unrounded), from the units it was made of (a
    run's characters each get their share of its width); None when the normalisation changed the text in a
    way that cannot be followed unit by unit. `plain`: the normalisation changed nothing (`raw` is the units
    joined), so each unit keeps its length."""
    xs: list[float] = []
    extend = xs.extend
    for u, span in zip(units, spans, strict=True):
        if len(span) == 2 and plain:  # a glyph (or a space made from a gap): its characters share its extent
            extend(span * len(u))
        elif len(span) > 2 and isinstance(span[2], Words):  # each word as a run of its own, a space between
            before: float | None = None
            for x0, x1, word, advances in span[2].parts:
                if before is not None:
                    extend((before, x0))
                _run_extents(xs, word, plain, (x0, x1, advances))
                before = x1
        elif len(span) > 2 and plain and len(u) > 1:
            extend(_shares(span[0], span[1], len(u), span[2]))
        else:
            _run_extents(xs, u, plain, span)
    lead = len(raw) - len(raw.lstrip())
    if lead or len(xs) != 2 * len(text):
        xs = xs[2 * lead : 2 * (lead + len(text))]
    return xs if len(xs) == 2 * len(text) else None


def _run_extents(xs: list[float], u: str, plain: bool, span: Span) -> None:
    """Add the x0, x1 of each character of one unit (its text normalised unless `plain`) to `xs`."""
    t = u if plain else normalised(u)
    if len(span) > 2 and len(t) > 1:
        xs.extend(_shares(span[0], span[1], len(t), span[2] if t == u else len(t)))
    else:
        xs.extend(span[:2] * len(t))


def _round_tenths(xs: list[float]) -> list[float]:
    """`[round(x, 1) for x in xs]`, the same values, for a page's character extents at once (numpy where
    that is safe: a value whose tenths are not within a hair of a half, nor huge or not finite)."""
    if len(xs) < 64:
        return [round(x, 1) for x in xs]
    import numpy as np

    y = np.asarray(xs, dtype=np.float64) * 10.0
    out: list[float] = (np.rint(y) / 10.0).tolist()
    with np.errstate(invalid="ignore"):
        odd = ~(np.abs(y) < 1e15) | (np.abs(y - np.floor(y) - 0.5) < 1e-6)
    for k in np.flatnonzero(odd).tolist():
        out[k] = round(xs[k], 1)
    return out


def _attach_marks(marks: list[Glyph], bases: list[Glyph]) -> None:
    """Each combining mark joins the base glyph whose centre is nearest (not a space), found by bisection
    over the bases sorted by centre: a row of thousands of marks costs n log n, not n²."""
    letters = [b for b in bases if not b[4].isspace()] or bases
    centres = [b[0] + b[1] for b in letters]
    for g in marks:
        c = g[0] + g[1]
        i = bisect.bisect_left(centres, c)
        near = [k for k in (i - 1, i) if 0 <= k < len(letters)]
        best = min(near, key=lambda k: abs(centres[k] - c))
        letters[best][4] += g[4]


def _centre(g: Glyph) -> float:
    return g[0] + g[1]  # twice the centre: the order of glyphs along a line


def _make_line(glyphs: list[Glyph], column: int, page_rtl: bool) -> LayoutLine | None:
    """Build a Line from one row's glyphs of one column (any order)."""
    marks = [g for g in glyphs if g[4] >= "\u0300" and unicodedata.combining(g[4][0])]
    bases = (
        [g for g in glyphs if not (g[4] >= "\u0300" and unicodedata.combining(g[4][0]))] if marks else glyphs
    )
    bases.sort(key=_centre)
    if marks and bases:
        _attach_marks(marks, bases)
    units, spans = _line_units(bases)
    rtl = False
    if page_rtl or RTL_RE.search("".join(units)):
        kinds = [_bidi(u) for u in units]
        n_r, n_l = kinds.count("R"), kinds.count("L")
        rtl = n_r > n_l or (page_rtl and (n_r > 0 or _mirrored(units)))
    if rtl:
        order = _logical_order(units)
        units, spans = [units[k] for k in order], [spans[k] for k in order]
    joined = "".join(units)
    raw = normalised(joined)
    text = raw.strip()
    ink = [g for g in bases if not g[4].isspace()]
    if not text or not ink:
        return None
    size = ink[0][3]
    if any(g[3] != size for g in ink):  # the line's usual size, a run counting for each of its characters
        votes: Counter[float] = Counter()
        for g in ink:
            votes[g[3]] += _count(g)
        size = max({g[3] for g in ink}, key=votes.__getitem__)  # ties as ever: the set's order
    y0 = min(g[2] + g[5] for g in ink)
    chars = _char_extents(text, raw, raw == joined, units, spans)
    return LayoutLine(text, ink[0][0], y0, max(g[1] for g in ink), y0 + size, size, column, rtl, chars)


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into rows by baseline (top to bottom), single linkage within LINE_OVERLAP."""
    glyphs.sort(key=lambda g: -g[2])
    rows: list[list[Glyph]] = []
    last: Glyph | None = None
    for g in glyphs:
        if last is not None and last[2] - g[2] <= LINE_OVERLAP * max(g[3], last[3]):
            rows[-1].append(g)
        else:
            rows.append([g])
        last = g
    return rows


def _gutter(row_spans: list[list[tuple[float, float]]], width: float) -> float | None:
    """The x of a column gutter that most rows leave empty, or None for a one-column page."""
    spans = [s for s in row_spans if s]
    if not width <= GUTTER_MAX_WIDTH:  # the search keeps one counter per point of the width
        return None
    lo, hi = int(width * GUTTER_SEARCH[0]), int(width * GUTTER_SEARCH[1])
    if len(spans) < GUTTER_MIN_ROWS or hi <= lo:
        return None
    cover = _cover([xy for s in spans for xy in s], lo, hi)
    centre = width / 2
    least = min(cover)  # the emptiest points; of them the nearest the centre (the first of two as near)
    best = min((i for i, c in enumerate(cover) if c == least), key=lambda i: abs(lo + i - centre))
    # widen to the middle of the empty band around the best position
    left = right = best
    while left > 0 and cover[left - 1] == cover[best]:
        left -= 1
    while right < len(cover) - 1 and cover[right + 1] == cover[best]:
        right += 1
    gx = lo + (left + right) / 2
    both, crossing = _sides(spans, gx)
    if both >= GUTTER_MIN_ROWS and crossing <= GUTTER_MAX_CROSS * len(spans):
        return gx
    return None


def _sides(spans: list[list[tuple[float, float]]], gx: float) -> tuple[int, int]:
    """Of rows with ink (their spans sorted), how many have ink on both sides of `gx` and none through it, and
    how many cross it."""
    crosses = [_crosses(s, gx) for s in spans]
    both = sum(1 for s, c in zip(spans, crosses, strict=True) if s[0][0] < gx and s[-1][1] > gx and not c)
    return both, sum(crosses)


def _cover(spans: list[tuple[float, float]], lo: int, hi: int) -> list[int]:
    """How many glyph spans cover each whole point lo..hi (a span x0..x1 covers int(x0)+1..int(x1)), by a
    difference array; numpy for the page's spans at once, the same counts (coordinates that are not finite
    are counted as Python counts them, one by one)."""
    import numpy as np

    xy = np.asarray(spans, dtype=np.float64).reshape(-1, 2)
    if not np.isfinite(xy).all():
        delta = [0] * (hi - lo + 2)
        for x0, x1 in spans:
            a, b = max(lo, int(x0) + 1), min(hi, int(x1))
            if a <= b:
                delta[a - lo] += 1
                delta[b - lo + 1] -= 1
        return list(accumulate(delta[:-1]))
    # int() truncates toward zero; within lo-1..hi+1 (clipped: lo >= 0) np.trunc gives the same points
    first = np.maximum(lo, np.trunc(np.clip(xy[:, 0], lo - 1, hi + 1)).astype(np.int64) + 1)
    last = np.minimum(hi, np.trunc(np.clip(xy[:, 1], lo - 1, hi + 1)).astype(np.int64))
    ok = first <= last
    n = hi - lo + 2
    diff = np.bincount(first[ok] - lo, minlength=n) - np.bincount(last[ok] - lo + 1, minlength=n)
    counts: list[int] = np.cumsum(diff[:-1]).tolist()
    return counts


def _crosses(spans: list[tuple[float, float]], gx: float, size: float = 10.0) -> bool:
    """Whether a row's glyph spans run through the gutter: a glyph on it (also the row's last), or a gap at
    it narrower than a word's."""
    left = max((x1 for x0, x1 in spans if x0 < gx), default=None)
    if left is None:
        return False
    if left > gx:
        return True
    right = min((x0 for x0, x1 in spans if x0 >= gx), default=None)
    return right is not None and right - left < GUTTER_MIN_GAP * size


def _ink_spans(row: list[Glyph]) -> list[tuple[float, float]]:
    """The x extents of a row's ink: each glyph's but a space's, each word's of a run that joins words."""
    out: list[tuple[float, float]] = []
    for g in row:
        if len(g) > 8:
            out += [(x0, x1) for x0, x1, _, _ in g[8].parts]
        elif not g[4].isspace():
            out.append((g[0], g[1]))
    return out


class Columns:
    """The column gutters of a document's pages read so far, by page width: a page with too few rows side by
    side to show its own gutter (GUTTER_MIN_ROWS; the short last page of a two-column meeting record, its
    columns balanced) is read with the gutter its document's earlier pages of its width share."""

    def __init__(self) -> None:
        self.seen: dict[int, list[float]] = {}

    def add(self, width: float, gx: float) -> None:
        self.seen.setdefault(round(width), []).append(gx)

    def prior(self, width: float) -> float | None:
        """The median gutter of the earlier pages of this width, where PRIOR_PAGES or more had one and they
        agree (all within PRIOR_SPREAD of the page width), else None."""
        xs = self.seen.get(round(width), [])
        if len(xs) < PRIOR_PAGES or max(xs) - min(xs) > PRIOR_SPREAD * width:
            return None
        return statistics.median(xs)


PRIOR_PAGES = 2  # earlier pages that must have a gutter for it to be lent to a page too short to show one
PRIOR_SPREAD = 0.05  # and how far apart (a share of the page width) their gutters may be: ragged columns


def _lent_gutter(row_spans: list[list[tuple[float, float]]], gx: float) -> bool:
    """Whether a page takes its document's gutter: a row with ink on both sides of it and none through it,
    and no more rows crossing it than a page of its own may have (GUTTER_MAX_CROSS)."""
    spans = [s for s in row_spans if s]
    both, crossing = _sides(spans, gx)
    return both > 0 and crossing <= GUTTER_MAX_CROSS * len(spans)


def page_lines(glyphs: list[Glyph], width: float, columns: Columns | None = None) -> list[LayoutLine]:
    """Lines of one page in reading order: bands of two columns between full-width rows. `columns`: the
    gutters of the document's pages so far (this page's is added; see `Columns`)."""
    rows = _rows(glyphs)
    page_rtl = len(RTL_RE.findall("".join([g[4] for g in glyphs]))) > sum(map(_count, glyphs)) / 4
    row_spans = [sorted(_ink_spans(row)) for row in rows]
    gx = _gutter(row_spans, width)
    if columns is not None:
        if gx is not None:
            columns.add(width, gx)
        elif (lent := columns.prior(width)) is not None and _lent_gutter(row_spans, lent):
            gx = lent
    out: list[LayoutLine] = []
    band: list[list[LayoutLine]] = [[], []]
    last_base: float | None = None

    def flush() -> None:
        first, second = (band[1], band[0]) if page_rtl else (band[0], band[1])
        out.extend(first + second)
        band[0], band[1] = [], []

    for row, spans in zip(rows, row_spans, strict=True):
        size = max(g[3] for g in row)
        base = row[0][2]
        if last_base is not None and last_base - base > BAND_GAP * size + size:
            flush()
        last_base = base
        if gx is None or not spans or _crosses(spans, gx, size):
            flush()
            line = _make_line(row, 0, page_rtl)
            if line:
                out.append(line)
            continue
        for col, part in enumerate(
            ([g for g in row if g[0] + g[1] < 2 * gx], [g for g in row if g[0] + g[1] >= 2 * gx])
        ):
            line = _make_line(part, col, page_rtl) if part else None
            if line:
                band[col].append(line)
    flush()
    return out


def _region(ln: LayoutLine, split: float | None) -> tuple[int, bool]:
    """Which text block a line belongs to: (0 left, 1 right, 2 full width; right-to-left)."""
    if ln.column == 1:
        return (1, ln.rtl)
    return (0 if split is not None and ln.x1 < split else 2, ln.rtl)


@dataclass(frozen=True, slots=True)
class _Block:
    """Edges of one text block on a page: its extent, usual start edge and which edges are aligned."""

    lo: float
    hi: float
    start: float
    start_aligned: bool
    end_aligned: bool


def _usual(values: list[float]) -> tuple[float, float]:
    """The most common value (rounded to 1 pt) and the share of values within 1.5 pt of it."""
    mode = Counter(round(v) for v in values).most_common(1)[0][0]
    return float(mode), sum(1 for v in values if abs(v - mode) <= 1.5) / len(values)


def _margin(values: list[float], low: bool) -> tuple[float, float]:
    """A block's start edge: the outermost edge (lowest x, or highest for right-to-left) that at least
    MARGIN_SHARE of its lines share, and that share; else the most common edge. On pages of one-line
    paragraphs with first-line indents the indented edge is the most common one, not the margin."""
    ordered = sorted(values)
    for edge in sorted({round(v) for v in values}, reverse=not low):
        share = (bisect.bisect_right(ordered, edge + 1.5) - bisect.bisect_left(ordered, edge - 1.5)) / len(
            values
        )
        if share >= MARGIN_SHARE:
            return float(edge), share
    return _usual(values)


def _blocks(lines: list[LayoutLine], split: float | None) -> dict[tuple[int, bool], _Block]:
    groups: dict[tuple[int, bool], list[LayoutLine]] = {}
    for ln in lines:
        groups.setdefault(_region(ln, split), []).append(ln)
    out = {}
    for key, group in groups.items():
        lefts, rights = [ln.x0 for ln in group], [ln.x1 for ln in group]
        rtl = key[1]
        start, s_share = _margin(rights, low=False) if rtl else _margin(lefts, low=True)
        _, e_share = _usual(lefts) if rtl else _usual(rights)
        out[key] = _Block(min(lefts), max(rights), start, s_share >= MARGIN_SHARE, e_share >= ALIGNED)
    return out


def _body_pitch(lines: list[LayoutLine]) -> float:
    """The usual distance between wrapped lines: the smallest line pitch in one column that recurs (on
    at least PITCH_SHARE of the pairs, and twice), since on pages of many one-line paragraphs most
    pitches are the wider ones between paragraphs; else the median."""
    pitches = sorted(
        a.y0 - b.y0
        for a, b in zip(lines, lines[1:], strict=False)
        if a.column == b.column and 0.8 * a.size < a.y0 - b.y0 < 3 * a.size
    )
    need = max(2, PITCH_SHARE * len(pitches))
    for p in pitches:  # sorted: the pitches within 3 % of p by bisection, for pages of thousands of lines too
        if bisect.bisect_right(pitches, 1.03 * p) - bisect.bisect_left(pitches, 0.97 * p) >= need:
            return p
    return statistics.median(pitches) if pitches else 0.0


def paragraph_hints(lines: list[LayoutLine]) -> list[Hint]:
    """For each line after the first: START when it evidently starts a paragraph, WRAP when it evidently
    continues the line before, else UNKNOWN (left to the text rules in `clean`).

    WRAP needs the page to show how it separates paragraphs: most lines that end short (visible paragraph
    ends) are followed by a vertical gap or a first-line indent; then a full line followed by a line with
    neither, in the same column and size and at the margin, continues it.
    """
    if len(lines) < 2:
        return []
    split = min((ln.x0 for ln in lines if ln.column == 1), default=None)
    blocks = _blocks(lines, split)
    pitch = _body_pitch(lines)
    pairs = list(zip(lines, lines[1:], strict=False))
    hints: list[Hint] = [
        START
        if _starts_paragraph(a, b, blocks[_region(a, split)], blocks[_region(b, split)], pitch)
        else UNKNOWN
        for a, b in pairs
    ]
    # paragraph ends we can see (a short line followed by more text in its column): are they marked?
    ends = marked = 0
    for (a, b), hint in zip(pairs, hints, strict=True):
        label = a.text.endswith((":", "："))  # "In favour:" and its list: no paragraph end
        if a.column == b.column and a.size == b.size and not label and _short(a, blocks[_region(a, split)]):
            ends += 1
            marked += hint == START and (
                _gap(a, b, pitch) or _indent(b, blocks[_region(b, split)]) > INDENT * b.size
            )
    if ends >= 2 and marked >= STYLE_SHARE * ends:
        for k, (a, b) in enumerate(pairs):
            if (
                hints[k] == UNKNOWN
                and a.column == b.column
                and a.rtl == b.rtl
                and abs(a.size - b.size) < 0.5
                and not a.text.endswith((":", "："))
                and not _short(a, blocks[_region(a, split)])
                # an indented line under an indented one: a one-line paragraph or a wrap in an indented
                # block (a vote list's lines indented under its label, "Belgium, …, France," / "Germany, …"
                # under "Against:"): not evident
                and _indent(b, blocks[_region(b, split)]) <= INDENT * b.size
            ):
                hints[k] = WRAP
    return hints


def line_gaps(lines: list[LayoutLine]) -> list[float | None]:
    """For each line, the distance from the line before in its column in the page's usual line pitches
    (None for the first line, or the first of a column)."""
    pitch = _body_pitch(lines)
    out: list[float | None] = [None] * len(lines)
    for k in range(1, len(lines)):
        prev, ln = lines[k - 1], lines[k]
        if prev.column == ln.column and pitch and prev.y0 > ln.y0:
            out[k] = round((prev.y0 - ln.y0) / pitch, 2)
    return out


def make_page(
    number: int,
    width: float,
    height: float,
    glyphs: list[Glyph],
    cid_glyphs: int = 0,
    columns: Columns | None = None,
) -> Page:
    """One page read by any engine: its glyphs laid out in lines, each with its box, paragraph hint and the
    gap above it (`line_gaps`). `columns`: the document's gutters so far (`Columns`), one per document."""
    lines = page_lines(glyphs, width, columns)
    hints: list[Hint] = [UNKNOWN, *paragraph_hints(lines)][: len(lines)]
    gaps = line_gaps(lines)
    # each character's x extent to 0.1 pt (as the cache keeps it), the whole page rounded at once
    rounded = _round_tenths([x for ln in lines if ln.chars for x in ln.chars])
    out: list[Line] = []
    k = 0
    for ln, h, g in zip(lines, hints, gaps, strict=True):
        chars = None
        if ln.chars is not None:
            chars = tuple(rounded[k : k + len(ln.chars)])
            k += len(ln.chars)
        out.append(Line(ln.text, _box(ln), h, chars, g))
    return Page(number, tuple(out), width, height, cid_glyphs)


def _box(ln: LayoutLine) -> tuple[float, float, float, float]:
    """A line's box, to 1/100 point (as the cache keeps it: a warm run reports what a cold one does)."""
    return (round(ln.x0, 2), round(ln.y0, 2), round(ln.x1, 2), round(ln.y1, 2))


def page_text(page: Page) -> str:
    """The page's lines joined with newlines, its hints shown: a blank line where a paragraph evidently starts,
    a tab (`WRAP_MARK`) before a line that evidently continues the one before (for reading and tests)."""
    parts: list[str] = []
    for k, ln in enumerate(page.lines):
        if k:
            parts.append("\n\n" if ln.hint == START else "\n" + WRAP_MARK if ln.hint == WRAP else "\n")
        parts.append(ln.text)
    return "".join(parts)


def lines_from_text(text: str, marked: bool = False) -> tuple[Line, ...]:
    """The lines of a text (no boxes), a line after a blank one hinted `start`; with `marked`, a line opening
    with a tab (`WRAP_MARK`) hinted `wrap`, as `page_text` shows hints."""
    lines: list[Line] = []
    blank = False
    for raw in text.split("\n"):
        wrap = marked and raw.startswith(WRAP_MARK)
        line = text_line(raw[1:] if wrap else raw)
        if not line.strip():
            blank = True
            continue
        hint: Hint = START if blank and lines else WRAP if wrap and lines else UNKNOWN
        lines.append(Line(line, None, hint))
        blank = False
    return tuple(lines)


def page_from_text(number: int, text: str) -> Page:
    """The inverse of `page_text`: a page (without boxes) from its text with hints shown as blank lines
    (`start`) and leading tabs (`wrap`), to write a page's layout by hand."""
    return Page(number, lines_from_text(text, marked=True))


def _gap(prev: LayoutLine, ln: LayoutLine, pitch: float) -> bool:
    return prev.column == ln.column and bool(pitch) and prev.y0 - ln.y0 > PARA_GAP * pitch


def _indent(ln: LayoutLine, b: _Block) -> float:
    """How far the line starts inside its block's usual start edge (on the right for right-to-left text)."""
    return b.start - ln.x1 if ln.rtl else ln.x0 - b.start


def _short(ln: LayoutLine, b: _Block) -> bool:
    limit = SHORT_LINE if b.end_aligned else 2 * SHORT_LINE
    return ln.x1 - ln.x0 < (1 - limit) * (b.hi - b.lo)


def _starts_paragraph(prev: LayoutLine, ln: LayoutLine, pb: _Block, b: _Block, pitch: float) -> bool:
    """Whether `ln` evidently starts a new paragraph after `prev`: a wide vertical gap, a first-line
    indent (on the right for right-to-left text), a short line before it, or a centred line.

    `pb` and `b` are the blocks (column regions) that `prev` and `ln` belong to.
    """
    if _gap(prev, ln, pitch):
        return True
    if prev.text.endswith((":", "：")) and (ln.x1 < prev.x1 if ln.rtl else ln.x0 > prev.x0):
        return False  # an indented list under its label ("In favour:")
    tol = INDENT * ln.size
    same_block = prev.column == ln.column and prev.rtl == ln.rtl and pb == b
    if b.start_aligned:
        moved = prev.x1 - ln.x1 if ln.rtl else ln.x0 - prev.x0
        if _indent(ln, b) > tol and (not same_block or moved > tol / 2):
            return True
    if _short(prev, pb):
        return True
    width = b.hi - b.lo
    return abs((ln.x0 + ln.x1) - (b.lo + b.hi)) / 2 < CENTRE_TOL * ln.size and ln.x1 - ln.x0 < 0.7 * width
