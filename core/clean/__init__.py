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

import re
import statistics
import unicodedata

from ..errors import SourceError, shown
from ..model import Document, Issue, Line, RawSource, TextLine
from ..text.language import document_languages, page_languages
from ..text.scripts import ARABIC_RE, HSPACE, LETTER_RE, WIDE_RE, cells
from ..text.symbols import header_symbol, own_symbol
from . import garble
from .furniture import (
    EDGE_LINES,
    HEADER_CHARS,
    counter_totals,
    is_furniture,
    norm_key,
    repeated_headers,
    split_text_pages,
)
from .join import PARAGRAPH_LINES, CleanLine, line_break_is_wrap, split_run_together

__all__ = ["clean", "is_furniture", "name", "split_run_together"]

_SPACES = re.compile(f"[{HSPACE}]{{2,}}")


def _clean_lines(pages: list[list[Line]], pdf: bool) -> list[CleanLine]:
    """The lines that are text (furniture and running titles dropped), split where one holds several
    paragraphs, each knowing whether a gap or page break stands before it."""
    repeated = repeated_headers(pages)
    lines: list[CleanLine] = []
    for pno, page in enumerate(pages):
        blank = True  # a page break counts as a gap
        kept = False  # whether the line before this one was kept (a wrap hint refers to it)
        n_body = sum(1 for x in page if x.text.strip()) if repeated else 0
        k = -1  # index among the page's non-blank lines: running titles are looked for at both ends only
        for li, line in enumerate(page):
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
            edge = k < EDGE_LINES or k >= n_body - EDGE_LINES
            if is_furniture(s) or (edge and len(s) < HEADER_CHARS and norm_key(s) in repeated):
                continue
            kept = True
            rtl = bool(ARABIC_RE.search(s)) and len(ARABIC_RE.findall(s)) * 2 >= len(LETTER_RE.findall(s))
            if rtl:
                origin = (li, lead) if lead is not None else None
                lines.append(
                    CleanLine(s, pno, blank, rtl, wraps=wraps and not blank, box=line.box, origin=origin)
                )
            else:
                collapsed = _SPACES.sub(" ", s)
                pieces = split_run_together(collapsed)
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
                            origin=(li, (lead or 0) + at) if same else None,
                        )
                    )
            blank = False
    return lines


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


def clean(raw: RawSource) -> Document:
    """Build the Document (cleaned text, page index, source lines, languages, issues) from a RawSource.
    Raises SourceError when no text is left."""
    pages = [list(p.lines) for p in raw.pages]
    if raw.kind == "text" and len(pages) == 1:
        pages = split_text_pages(pages[0])
    pdf = raw.kind == "pdf"
    lines = _clean_lines(pages, pdf)
    widths = _page_widths(lines, len(pages), pdf)
    long_lines = sum(len(x.text) > PARAGRAPH_LINES for x in lines if not x.rtl)
    unwrapped = not pdf and long_lines >= max(2, 0.1 * len(lines))

    out: list[str] = []
    placed: list[TextLine] = []
    pos = 0
    page_starts: list[int | None] = [None] * len(pages)
    prev: CleanLine | None = None
    for ln in lines:
        if prev is not None and line_break_is_wrap(prev, ln, widths[prev.page], pdf, unwrapped):
            if prev.text.endswith("\u00ad"):  # a soft hyphen: the word goes on
                out[-1] = out[-1][:-1]
                pos -= 1
                last = placed[-1]
                placed[-1] = TextLine(last.start, last.end - 1, last.page, last.box)
                sep = ""
            elif prev.text.endswith("-") and len(prev.text) > 1 and prev.text[-2].isalpha():
                sep = ""  # keep the hyphen: UN texts hyphenate compounds, not syllables
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
