"""RawSource → Document: page furniture removed, lines re-joined into paragraphs, the page index and the source
line (page, box) behind every stretch of the cleaned text, languages per page and document, and the garbling
check.

The cleaned text is what `resinspect text` prints and what every reported offset points into. Paragraphs are
separated by one newline. Right-to-left lines from extracted text (garbled or in visual order) are kept one
source line per text line, since re-joining them would guess at an order we cannot see.

`furniture` knows what is not text, `join` decides whether a line break ends a paragraph, `garble` whether the
Arabic is readable.
"""

from __future__ import annotations

import bisect
import functools
import re
import statistics
import unicodedata
from collections import Counter
from typing import NamedTuple

from ..data.lexicon import NEVER, lexicon
from ..errors import SourceError, shown
from ..model import Document, Footnote, Issue, Line, RawSource, TextLine
from ..text.language import document_languages, page_languages
from ..text.scripts import ARABIC_RE, HSPACE, LETTER_RE, WIDE_RE, cells
from ..text.symbols import header_symbol, own_symbol
from . import garble
from .furniture import (
    body_size,
    counter_totals,
    is_furniture,
    repeated_headers,
    running_titles,
    split_footnotes,
    split_text_pages,
)
from .join import (
    PARAGRAPH_LINES,
    CleanLine,
    Joiner,
    blank_separated,
    boundary_score,
    gapless,
    split_run_together,
)
from .leads import mend_lead

__all__ = ["clean", "is_furniture", "name", "prepare", "split_run_together"]

_SPACES = re.compile(f"[{HSPACE}]{{2,}}")


@functools.cache
def _suspended(langs: tuple[str, ...]) -> re.Pattern[str]:
    """A line that opens with a word after which a hyphen at the end of the line before stays hanging
    ("troop-⏎and police-contributing"): the lexicons' `suspended_joiners`, a space after them."""
    words = sorted({w for lang in langs for w in lexicon(lang).suspended_joiners}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")\s") if words else NEVER


def _clean_lines(pages: list[list[Line]], pdf: bool) -> tuple[list[CleanLine], list[Footnote]]:
    """The lines that are text (furniture, running titles and footnotes out), split where one holds several
    paragraphs, each knowing whether a gap or page break stands before it; and the pages' footnotes."""
    repeated = repeated_headers(pages)
    lines: list[CleanLine] = []
    footnotes: list[Footnote] = []
    size = body_size(pages) if pdf else None
    for pno, lines_of_page in enumerate(pages):
        page, notes = split_footnotes(lines_of_page, pno + 1, size)
        footnotes += notes
        index = {
            id(x): i for i, x in enumerate(lines_of_page)
        }  # a line's place among the page's lines as read
        blank = True  # a page break counts as a gap
        kept = False  # whether the line before this one was kept (a wrap hint refers to it)
        titles = running_titles([t for x in page if (t := x.text.strip())], repeated) if repeated else set()
        k = -1  # index among the page's non-blank lines, as `running_titles` counts them
        for line in page:
            li = index[id(line)]
            wraps = pdf and kept and line.hint == "wrap"
            blank = blank or line.hint == "start"
            nfc = unicodedata.normalize("NFC", line.text)
            s = nfc.strip()
            # where the kept text starts in the source line (for boxes of part of a line): known while
            # normalisation leaves the text as it is
            lead = len(nfc) - len(nfc.lstrip()) if nfc == line.text else None
            kept = False
            if not s:
                blank = True
                continue
            k += 1
            if k in titles or is_furniture(s):
                continue
            kept = True
            rtl = bool(ARABIC_RE.search(s)) and len(ARABIC_RE.findall(s)) * 2 >= len(LETTER_RE.findall(s))
            first = not lines or lines[-1].page != pno
            if rtl:
                lines.append(
                    CleanLine(
                        s,
                        pno,
                        blank,
                        rtl,
                        wraps=wraps and not blank,
                        box=line.box,
                        gap=line.gap,
                        page_first=first,
                        origin=(li, lead) if lead is not None else None,
                    )
                )
            else:
                collapsed = _SPACES.sub(" ", s)
                pieces = [collapsed] if pdf else split_run_together(collapsed)
                cursor = 0
                for j, piece in enumerate(pieces):
                    at = collapsed.find(piece, cursor)
                    cursor = max(cursor, at + len(piece))
                    if len(pieces) > 1 and is_furniture(piece):  # "*** 19. Welcomes …": a mark, then text
                        continue
                    same = lead is not None and collapsed == s and at >= 0
                    lines.append(
                        CleanLine(
                            piece,
                            pno,
                            blank or j > 0,
                            rtl,
                            j > 0,
                            wraps and not blank and j == 0,
                            box=line.box,
                            gap=line.gap if j == 0 else None,
                            page_first=first and j == 0,
                            origin=(li, (lead or 0) + at) if same else None,
                        )
                    )
            blank = False
    return lines, footnotes


def _page_widths(lines: list[CleanLine], n_pages: int, pdf: bool) -> dict[int, float]:
    """The usual width of each page's lines (90th percentile, in cells); nearly empty pages take the
    document's."""
    by_page: dict[int, list[int]] = {}
    for x in lines:
        if pdf or not x.rtl:
            by_page.setdefault(x.page, []).append(cells(x.text))
    widths: dict[int, float] = {}
    for pno in range(n_pages):
        lens = sorted(by_page.get(pno, ()))
        widths[pno] = float(lens[int(0.9 * (len(lens) - 1))]) if lens else 80.0
    if lines:
        typical = statistics.median(widths.values())
        for pno, w in widths.items():
            if w < 0.5 * typical:
                widths[pno] = typical
    return widths


def _text_layout(
    lines: list[CleanLine],
) -> tuple[dict[bool, float], dict[bool, list[tuple[float, float]]]]:
    """How the text's lines are set (PDF boxes), left to right and right to left: the width of a full line
    (nine lines in ten are no wider), and, where paragraphs have a first-line indent, the margin and the
    indent of each column, as distances inward from the side a line starts on (`Joiner.edges`)."""
    widths: dict[bool, float] = {}
    edges: dict[bool, list[tuple[float, float]]] = {}
    for rtl in (False, True):
        boxes = [x.box for x in lines if x.box is not None and x.rtl == rtl]
        if len(boxes) < 3:
            continue
        w = sorted(b[2] - b[0] for b in boxes)
        widths[rtl] = w[int(0.9 * (len(w) - 1))]
        size = statistics.median(b[3] - b[1] for b in boxes)
        starts = Counter(round(-b[2] if rtl else b[0]) for b in boxes)
        pairs = [pair for col in _columns(starts, widths[rtl], size) if (pair := _edges(col, size))]
        if pairs:
            edges[rtl] = pairs
    return widths, edges


def _columns(starts: Counter[int], full: float, size: float) -> list[Counter[int]]:
    """The start edges of a text's lines split by column: a column starts at a start edge shared by
    EDGE_SHARE of the lines that stands a full line's width (COLUMN_SHARE of it) inward of the column before;
    a page of one column has one."""
    n = sum(starts.values())
    near = _near(starts)
    margins: list[int] = []
    for x in sorted(x for x in near if near[x] >= EDGE_SHARE * n):
        if not margins or x >= margins[-1] + COLUMN_SHARE * full:
            margins.append(x)
    cols: list[Counter[int]] = [Counter() for _ in margins or [0]]
    for x, k in starts.items():
        cols[max(0, bisect.bisect_right(margins, x + size) - 1)][x] += k
    return cols


def _near(starts: Counter[int]) -> dict[int, int]:
    """How many lines start at each edge or a point either side of it (edges rounded to whole points)."""
    return {x: sum(starts[x + d] for d in (-1, 0, 1)) for x in starts}


def _edges(starts: Counter[int], size: float) -> tuple[float, float] | None:
    """A column's margin and first-line indent: its two commonest start edges, each shared by EDGE_SHARE of
    its lines, the indent inside the margin by one to six font sizes; None where its paragraphs have none."""
    n = sum(starts.values())
    near = _near(starts)
    common = [x for x in sorted(near, key=lambda x: -near[x]) if near[x] >= EDGE_SHARE * n]
    best = None
    for i, x in enumerate(common[:6]):
        for y in common[i + 1 : 6]:
            margin, indent = min(x, y), max(x, y)
            if size <= indent - margin <= 6 * size and (best is None or near[x] + near[y] > best[0]):
                best = (near[x] + near[y], float(margin), float(indent))
    return best[1:] if best else None


EDGE_SHARE = 0.1
COLUMN_SHARE = 0.9


def _wrap_pitches(lines: list[CleanLine]) -> dict[int, float]:
    """Pages whose wrapped lines stand closer than the reader's usual pitch for the page (a short page of a
    few paragraphs, whose commonest pitch is the one between paragraphs): page → that distance, the closest
    between two lines of the body's font size."""
    heights = [x.box[3] - x.box[1] for x in lines if x.box is not None]
    if not heights:
        return {}
    size = statistics.median(heights)
    out: dict[int, float] = {}
    for p, x in zip(lines, lines[1:], strict=False):
        if x.gap is None or p.box is None or x.box is None or p.page != x.page:
            continue
        if (
            TIGHT[0] <= x.gap <= TIGHT[1]
            and max(abs(p.box[3] - p.box[1] - size), abs(x.box[3] - x.box[1] - size)) <= 0.1 * size
        ):
            out[x.page] = min(out.get(x.page, 1.0), x.gap)
    return out


def _foot(lines: list[CleanLine]) -> tuple[float, float] | None:
    """Where the text of a PDF's pages usually ends: the bottom of the lowest lines (one line in fifty stands
    lower), and the body's font size."""
    boxes = [x.box for x in lines if x.box is not None]
    if len(boxes) < 10:
        return None
    bottoms = sorted(b[1] for b in boxes)
    return bottoms[int(0.02 * len(bottoms))], statistics.median(b[3] - b[1] for b in boxes)


TIGHT = (0.55, 0.9)  # closer than the usual pitch, yet not overlapping


class Prepared(NamedTuple):
    """A source read as lines: its pages, the lines that are text, the boundary decision over them (its state
    at the start) and the pages' footnotes."""

    pages: list[list[Line]]
    lines: list[CleanLine]
    joiner: Joiner
    footnotes: list[Footnote]


def name(doc: Document, raw: RawSource) -> Document:
    """Set what a document owes to the source it was read from (its symbol, unless its first page prints one,
    and a `symbol-mismatch` issue when that names another document); the rest of a Document depends on its
    content only, so a cached Document read under another name gets its names here again."""
    doc.input, doc.path = raw.input, raw.path
    symbol, source, mismatch = own_symbol(doc.header_symbol, raw.symbol, raw.symbol_source)
    doc.symbol, doc.symbol_source = symbol, source  # type: ignore[assignment]
    doc.issues = [i for i in doc.issues if i.code != "symbol-mismatch"]
    if mismatch:
        doc.issues.insert(0, Issue("symbol-mismatch", mismatch, (1,)))
    return doc


def prepare(raw: RawSource) -> Prepared:
    """The source's lines, ready for the boundary decision."""
    pages = [list(p.lines) for p in raw.pages]
    if raw.kind == "text" and len(pages) == 1:
        pages = split_text_pages(pages[0])
    pdf = raw.kind == "pdf"
    lines, footnotes = _clean_lines(pages, pdf)
    widths = _page_widths(lines, len(pages), pdf)
    long_lines = sum(len(x.text) > PARAGRAPH_LINES for x in lines if not x.rtl)
    unwrapped = not pdf and long_lines >= max(2, 0.1 * len(lines))
    step = max(1, len(lines) // 300)
    langs = document_languages("\n".join(x.text for x in lines[::step])) or ([raw.lang] if raw.lang else [])
    key = tuple(sorted(langs))
    for x in lines:
        if (mended := mend_lead(x.text, key)) is not x.text:
            x.text, x.origin = mended, None  # its characters no longer those of the source line
    pitches = _wrap_pitches(lines)
    joiner = Joiner(key, pdf, unwrapped, widths, *_text_layout(lines), pitches, _foot(lines))
    joiner.hints_for_gaps = pdf and gapless(lines, pitches)
    joiner.blank_apart = not pdf and blank_separated(lines, key)
    return Prepared(pages, lines, joiner, footnotes)


def clean(raw: RawSource) -> Document:
    """Build the Document (cleaned text, page index, source lines, languages, issues) from a RawSource.
    Raises SourceError when no text is left."""
    pages, lines, joiner, footnotes = prepare(raw)
    pdf = raw.kind == "pdf"
    out: list[str] = []
    placed: list[TextLine] = []
    pos = 0
    page_starts: list[int | None] = [None] * len(pages)
    prev: CleanLine | None = None
    for k, ln in enumerate(lines):
        after = lines[k + 1] if k + 1 < len(lines) else None
        then = lines[k + 2] if k + 2 < len(lines) else None
        new = prev is None or boundary_score(joiner.features(prev, ln, after, then)) > 0
        joiner.advance(ln, new)
        if not new and prev is not None:
            if prev.text.endswith("\u00ad"):  # a soft hyphen: the word goes on
                out[-1] = out[-1][:-1]
                pos -= 1
                last = placed[-1]
                placed[-1] = TextLine(last.start, last.end - 1, last.page, last.box, last.line, last.offset)
                sep = ""
            elif prev.text.endswith("-") and len(prev.text) > 1 and prev.text[-2].isalnum():
                # keep the hyphen: UN texts hyphenate compounds ("troop-contributing", "60-day"), not syllables;
                # one left hanging before "and" keeps its space ("troop- and police-contributing")
                sep = " " if _suspended(joiner.langs).match(ln.text) else ""
            elif WIDE_RE.match(prev.text[-1]) and WIDE_RE.match(ln.text):
                sep = ""  # Chinese lines join without a space
            else:
                sep = " "
        else:
            sep = "\n" if out else ""
        start = pos + len(sep)
        if page_starts[ln.page] is None:
            page_starts[ln.page] = start
        out.append(sep + ln.text)
        pos = start + len(ln.text)
        li, offset = ln.origin if ln.origin is not None and pdf else (None, None)
        placed.append(TextLine(start, pos, ln.page + 1, ln.box, li, offset))
        prev = ln
    text = "".join(out)
    if not text.strip():
        raise SourceError(f"{shown(raw.input)}: no text in this document")
    # Pages with no text start where the next text starts (or at the end).
    starts: list[int] = []
    nxt = len(text)
    for v in reversed(page_starts):
        nxt = v if v is not None else nxt
        starts.append(nxt)
    starts.reverse()
    if starts:
        starts[0] = 0

    doc = Document(
        input=raw.input,
        path=raw.path,
        sha256=raw.sha256,
        text=text,
        page_starts=starts,
        kind=raw.kind,
        header_symbol=header_symbol([ln.text.strip() for ln in raw.pages[0].lines] if raw.pages else []),
        source_pages=max([len(pages)] + counter_totals([p.text for p in raw.pages])),
        lines=placed,
        footnotes=footnotes,
        layout=list(raw.pages) if pdf else [],
    )
    cid_pages = tuple(p.number for p in raw.pages if p.cid_glyphs)
    if cid_pages:
        doc.issues.append(
            Issue(
                "cid-glyphs",
                "glyphs without a Unicode mapping ((cid:N)) on pages " + ", ".join(map(str, cid_pages)),
                cid_pages,
            )
        )
    doc.languages = document_languages(text) or ([raw.lang] if raw.lang else [])
    doc.page_languages = page_languages(text, starts)
    if issue := garble.check(doc):
        doc.issues.append(issue)
    return name(doc, raw)
