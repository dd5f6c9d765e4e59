"""Raw page texts → one cleaned text with a page index: furniture removed, lines re-joined into paragraphs.

The cleaned text is what `resinspect text` prints and what every reported offset points into.
Paragraphs are separated by one newline. Right-to-left lines from extracted text (garbled or in visual
order) are kept one source line per text line, since re-joining them would guess at an order we cannot see.
"""

from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .data_files import furniture_regexes, load
from .lexicon import annex_line, lead_start, operative_start, structural_line
from .model import Document, Issue
from .pdftext import WRAP_MARK
from .source import RawSource

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}")
# Line starts that open a new paragraph whatever the previous line: operative numbers (`1.`, `1 -`),
# sub-paragraph labels in Latin, Cyrillic and Arabic letters, roman numerals, with or without the opening
# bracket, and the second-level labels of Chinese ("㈠") and Arabic ("‘1’") texts.
_STRUCT_START = re.compile(
    r"^(?:\d{1,3}\s*[.\-–]\s+\S|\(\s*(?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2}|[а-я]|[\u0621-\u064a]{1,2})\s*\)\s+\S"
    r"|(?:[a-z]|[ivxlc]{1,6}|[а-я])\)\s+\S|[\u3220-\u3229]|[‘’']\s*[1-9]\d?\s*[’‘']\s*[^\W\d])"  # "a) ", "㈠", "‘1’"
)
# a number alone on its line; also "- 2", an Arabic "2 -" that came out of the bidi reordering reversed
_BARE_LABEL = re.compile(r"\d{1,3}\s*[.\-–．]|[\-–]\s*\d{1,3}|\(\s*\w{1,4}\s*\)")
_PAGE_COUNTER = re.compile(r"(?:^|\s)\d{1,3}/\d{1,3}(?:\s|$)")
_JOB = re.compile(r"\d{2}-\d{5}")
# A text with many lines longer than this holds one paragraph per line (felixhaass texts): wrapped text
# (pdftotext, PDF pages) never has lines that long.
_PARAGRAPH_LINES = 180
_HEADING_CHARS = 100
# punctuation that ends a paragraph, perhaps followed by a footnote mark (`…armed conflict,1`, S/RES/1502 (2003))
_ENDS_PARAGRAPH = re.compile(r"(?:[.,;:!?،؛。；：，][\"”’»)]*|(?<=\w)\))(?:\d{1,2}|\*{1,3})?$")


@dataclass
class _Line:
    text: str
    page: int  # 0-based
    blank_before: bool
    rtl: bool
    cut: bool = False  # split off the line before it by split_run_together: never re-joined
    wraps: bool = False  # the PDF reader saw this line continue the one before (pdftext.WRAP_MARK)

    # what the line is, each looked up once (a line is asked as the current and as the previous line)
    _flags: dict[str, bool] = field(default_factory=dict, repr=False)

    def _is(self, name: str, rx: re.Pattern[str], full: bool = False) -> bool:
        v = self._flags.get(name)
        if v is None:
            v = self._flags[name] = (rx.fullmatch if full else rx.match)(self.text) is not None
        return v

    @property
    def bare_label(self) -> bool:
        return self._is("bare", _BARE_LABEL, full=True)

    @property
    def structural(self) -> bool:
        return self._is("structural", structural_line())

    @property
    def annex(self) -> bool:
        return self._is("annex", annex_line())

    @property
    def lead(self) -> bool:
        return self._is("lead", lead_start())


@functools.cache
def _title_abbrev() -> re.Pattern[str]:
    """A title before a name ("Mr.", "Sr.") ending a line: its period ends no paragraph."""
    return re.compile(
        r"(?:^|\s)(?:" + "|".join(map(re.escape, load("patterns")["titles"]["before_names"])) + r")$"
    )


@functools.cache
def _furniture() -> re.Pattern[str]:
    """The furniture patterns as one alternation (one match per line instead of one per pattern)."""
    parts = []
    for rx in furniture_regexes():
        m = re.match(r"\(\?([aiLmsux]+)\)", rx.pattern)
        parts.append(f"(?{m[1]}:{rx.pattern[m.end() :]})" if m else f"(?:{rx.pattern})")
    return re.compile("|".join(parts))


def is_furniture(line: str) -> bool:
    return _furniture().fullmatch(line.strip()) is not None


_DIGIT_RUN = re.compile(r"\d+")
_SPACE_RUN = re.compile(r"\s+")
_HEADER_CHARS = 90  # running titles are shorter than this
_EDGE_LINES = 4  # and stand among the first or last lines of a page


def _norm_key(line: str) -> str:
    return _DIGIT_RUN.sub("#", _SPACE_RUN.sub(" ", line.strip().lower()))


_COUNTER_OF = re.compile(r"(?m)^\s*(?:\d{2}-\d{5}\s*\*?\s+)?\d{1,3}/(\d{1,3})(?:\s+\d{2}-\d{5}.*)?\s*$")


def _counter_totals(pages: list[str]) -> list[int]:
    """Page totals printed in page counters (`2/6 20-04846`): a text that lost its page breaks still says
    how many pages its source had."""
    return [int(m[1]) for p in pages for m in _COUNTER_OF.finditer(p) if 0 < int(m[1]) < 1000]


def _split_text_pages(lines: list[str]) -> list[list[str]]:
    """Text without form feeds: a furniture cluster holding a page counter, a job number or the page's link
    lines ends a page."""
    pages: list[list[str]] = [[]]
    content_seen = False
    in_cluster = False
    for line in lines:
        s = line.strip()
        fur = bool(s) and is_furniture(s)
        # pdfminer writes a page's link annotations (`https://undocs.org/…`) after its text: a page end too
        ends_page = _PAGE_COUNTER.search(s) or _JOB.search(s) or s.startswith(("http://", "https://"))
        if fur and content_seen and ends_page and not in_cluster:
            in_cluster = True
        if in_cluster and s and not fur:
            pages.append([])
            in_cluster = False
            content_seen = False
        pages[-1].append(line)
        if s and not fur:
            content_seen = True
    return pages


def _repeated_headers(pages: list[list[str]]) -> set[str]:
    """Lines repeated near the top or bottom of at least three pages (running titles)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        body = [s.strip() for s in lines if s.strip()]
        edge = set(_norm_key(s) for s in body[:_EDGE_LINES] + body[-_EDGE_LINES:] if len(s) < _HEADER_CHARS)
        counts.update(edge)
    return {k for k, n in counts.items() if n >= 3 and n >= len(pages) // 2}


_RUN_OP = re.compile(r"(?<=[;,.:*])\s+(?=\d{1,3}\.\s+[A-Z])")
_RUN_SUB = re.compile(r"(?<=[;:])\s+(?=\((?:[a-z]|[ivx]{1,4})\)\s)")


def split_run_together(line: str) -> list[str]:
    """Split a line that holds several paragraphs (extractions that lost their line breaks).

    Splits before operative numbers ("…; 2. Decides"), sub-paragraph labels after ";" or ":", and, in the
    preamble (before the first operative number), before a preambular lead that follows a comma."""
    if len(line) < 60:
        return [line]
    parts = _RUN_OP.split(line)
    out: list[str] = []
    for k, part in enumerate(parts):
        pieces = _RUN_SUB.split(part)
        if k == 0:
            pre: list[str] = []
            for piece in pieces:
                pre += _split_preamble(piece)
            pieces = pre
        out += pieces
    return [x for x in out if x]


def _split_preamble(text: str) -> list[str]:
    cuts = [0]
    for m in re.finditer(r"(?<=,)\s+(?=[A-Z])", text):
        lead = lead_start().match(text, m.end()) or operative_start().match(text, m.end())
        # a word followed by a comma is an item of a list: "… on the Prohibition of the Use, Stockpiling,
        # Production and Transfer of Anti-Personnel Mines …" (S/RES/1314 (2000))
        if lead and text[lead.end() : lead.end() + 1] not in (",", ";"):
            cuts.append(m.end())
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(text)], strict=True)]


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")  # CJK ideographs, full-width forms
_CJK_ENDS = "，；。：、,;:."


def _cells(s: str) -> int:
    """Printed width of a line in Latin-letter cells (a CJK character takes two)."""
    return len(s) + len(_WIDE.findall(s)) if _WIDE.search(s) else len(s)


def _line_break_is_wrap(prev: _Line, cur: _Line, width: float, pdf: bool, unwrapped: bool = False) -> bool:
    """True when `cur` continues the paragraph `prev` ends (a wrapped line), False when it starts one."""
    p, c = prev.text, cur.text
    if prev.rtl and not pdf:
        return False
    if cur.cut:
        return False
    if prev.bare_label:
        return True  # "1." alone on its line: the paragraph's text follows
    if _STRUCT_START.match(c) or cur.bare_label or cur.structural or prev.structural:
        return False
    if (prev.annex and not c[:1].islower()) or (
        cur.annex and (_ENDS_PARAGRAPH.search(p) or _cells(p) < 0.6 * width)
    ):
        return False  # an annex title, unless a line that stops mid-sentence goes on with "Annex 1 to …" (S/2020/590)
    if c[:1].isupper() and _title_abbrev().search(p) and not cur.lead:
        return True  # "… que se nombre al Sr." / "Serge Brammertz Fiscal …" (S/RES/2529 (2020) es)
    if cur.wraps:
        return True  # the page's layout says so: no gap, no indent, and the line before is full
    if pdf and cur.blank_before:
        # a gap (or a page break) before the line: a new paragraph, unless the line before stopped
        # mid-sentence: the first line of "(a) Supplies … and the" set apart from its continuation, a
        # paragraph going on over the page ("… the Panel of Experts’" / "recommendations,", S/RES/2507 (2020))
        if cur.lead or (c[-1] == ":" and len(c.split()) <= 4):
            return False  # a lead, or a label such as "Against:" (vote blocks, S/PV.8700)
        if _ENDS_PARAGRAPH.search(p):
            # "… attacks against civilians," / "including those involving …" (S/RES/2531 (2020), over a page)
            return p[-1] == "," and c[:1].islower()
        return c[:1].islower() or _cells(p) >= 0.6 * width
    if unwrapped:
        # one paragraph per line (text extracted without wrapping): a break is a paragraph end unless the
        # line stops mid-sentence (a page break) or the next one goes on in lower case
        if c[:1].islower():
            return True
        return not _ENDS_PARAGRAPH.search(p) and len(p) > _HEADING_CHARS
    lead = cur.lead or (c[:1].isupper() and operative_start().match(c))
    if p[-1] in ",;،؛，；" and lead and not (pdf and _cells(p) >= 0.85 * width):
        # a lead after a comma starts a paragraph (an operative one too: "…, / Recommends to the General
        # Assembly …", S/RES/1358 (2001)), unless (PDF, no gap) the line before is full: a clause inside the
        # paragraph ("… безопасности," / "включая продолжающееся …", S/RES/2511 (2020) ru)
        return False
    if pdf and c[:1].islower() and not cur.lead:
        return True  # no gap and lower case: "… суверенитету," / "независимости, …" (S/RES/2533 (2020) ru)
    if _WIDE.match(c) or _WIDE.match(p[-1]):
        # Chinese: no case, no spaces; a line that stops short after a clause mark ends its paragraph
        return not (p[-1] in _CJK_ENDS and _cells(p) < 0.9 * width)
    end = p[-1]
    if _cells(p) < 0.72 * width and not (end == "-" or (end.isalpha() and c[:1].islower())):
        return False  # the previous line stopped short: a paragraph (or heading) ended there
    if end in ".:;" and (c[:1].isupper() or c[:1].isdigit() or c[:1] in "(“\"'‘"):
        return False
    return True


def clean(raw: RawSource) -> Document:
    """Build the Document (cleaned text and page index) from raw page texts."""
    pages = [p.split("\n") for p in raw.pages]
    if raw.kind == "text" and len(pages) == 1:
        pages = _split_text_pages(pages[0])
    repeated = _repeated_headers(pages)

    pdf = raw.kind == "pdf"
    lines: list[_Line] = []
    furniture_pages: set[int] = set()
    for pno, page in enumerate(pages):
        blank = True
        kept = False  # whether the line before this one was kept (a wrap mark refers to it)
        n_body = sum(1 for x in page if x.strip()) if repeated else 0
        k = -1  # index among the page's non-blank lines: running titles are looked for at both ends only
        for line in page:
            wraps = pdf and kept and line.startswith(WRAP_MARK)
            s = unicodedata.normalize("NFC", line).strip()
            kept = False
            if not s:
                blank = True
                continue
            k += 1
            edge = k < _EDGE_LINES or k >= n_body - _EDGE_LINES
            if is_furniture(s) or (edge and len(s) < _HEADER_CHARS and _norm_key(s) in repeated):
                furniture_pages.add(pno)
                continue
            kept = True
            rtl = bool(_ARABIC.search(s)) and len(_ARABIC.findall(s)) * 2 >= len(_LETTER.findall(s))
            if rtl:
                lines.append(_Line(s, pno, blank, rtl, wraps=wraps and not blank))
            else:
                pieces = split_run_together(_SPACES.sub(" ", s))
                for k, piece in enumerate(pieces):
                    if len(pieces) > 1 and is_furniture(piece):  # "*** 19. Welcomes" (S/RES/1491 (2003))
                        continue
                    lines.append(
                        _Line(piece, pno, blank or k > 0, rtl, k > 0, wraps and not blank and k == 0)
                    )
            blank = False

    by_page: dict[int, list[int]] = {}
    for x in lines:
        if pdf or not x.rtl:
            by_page.setdefault(x.page, []).append(_cells(x.text))
    widths: dict[int, float] = {}
    for pno in range(len(pages)):
        lens = sorted(by_page.get(pno, ()))
        widths[pno] = float(lens[int(0.9 * (len(lens) - 1))]) if lens else 80.0
    if lines:
        typical = statistics.median(widths.values())
        for pno, w in widths.items():
            if w < 0.5 * typical:  # nearly empty pages: use the document's width
                widths[pno] = typical

    long_lines = sum(len(x.text) > _PARAGRAPH_LINES for x in lines if not x.rtl)
    unwrapped = not pdf and long_lines >= max(2, 0.1 * len(lines))

    out: list[str] = []
    pos = 0
    page_starts: list[int | None] = [None] * len(pages)
    prev: _Line | None = None
    for ln in lines:
        if prev is not None and _line_break_is_wrap(prev, ln, widths[prev.page], pdf, unwrapped):
            if prev.text.endswith("\u00ad"):
                out[-1] = out[-1][:-1]
                pos -= 1
                sep = ""
            elif prev.text.endswith("-") and len(prev.text) > 1 and prev.text[-2].isalpha():
                sep = ""  # keep the hyphen: UN texts hyphenate compounds, not syllables
            elif _WIDE.match(prev.text[-1]) and _WIDE.match(ln.text):
                sep = ""  # Chinese lines join without a space
            else:
                sep = " "
        else:
            sep = "\n" if out else ""
        if page_starts[ln.page] is None:
            page_starts[ln.page] = pos + len(sep)
        out.append(sep + ln.text)
        pos += len(sep) + len(ln.text)
        prev = ln
    text = "".join(out)
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
        symbol=raw.symbol,
        source_pages=max([len(pages)] + _counter_totals(raw.pages)),
    )
    cid_pages = tuple(i + 1 for i, n in enumerate(raw.cid_glyphs) if n)
    if cid_pages:
        doc.issues.append(
            Issue(
                "cid-glyphs",
                "glyphs without a Unicode mapping ((cid:N)) on pages " + ", ".join(map(str, cid_pages)),
                cid_pages,
            )
        )
    return doc
