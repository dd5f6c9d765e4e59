"""The join decision: does a line break continue a paragraph (a wrapped line) or end it?

Also the split of lines that hold several paragraphs (extractions that lost their line breaks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data.lexicon import annex_line, lead_start, operative_start, structural_line
from ..model import Box
from ..text.scripts import ARABIC_LABEL, CJK_PAREN_NUMBERS, WIDE_RE, cells
from .furniture import title_abbrev

# Line starts that open a new paragraph whatever the previous line: operative numbers (`1.`, `1 -`),
# sub-paragraph labels in Latin, Cyrillic and Arabic letters, roman numerals, with or without the opening
# bracket, and the second-level labels of Chinese ("㈠") and Arabic ("‘1’") texts.
_STRUCT_START = re.compile(
    rf"^(?:\d{{1,3}}\s*[.\-–]\s+\S|\(\s*(?:[a-z]{{1,2}}|[ivxlc]{{1,6}}|\d{{1,2}}|[а-я]|[{ARABIC_LABEL}]{{1,2}})\s*\)\s+\S"
    rf"|(?:[a-z]|[ivxlc]{{1,6}}|[а-я])\)\s+\S|[{CJK_PAREN_NUMBERS}]|[‘’']\s*[1-9]\d?\s*[’‘']\s*[^\W\d])"  # "a) ", "㈠", "‘1’"
)
# a number alone on its line; also "- 2", an Arabic "2 -" that came out of the bidi reordering reversed
_BARE_LABEL = re.compile(r"\d{1,3}\s*[.\-–．]|[\-–]\s*\d{1,3}|\(\s*\w{1,4}\s*\)")
# A text with many lines longer than this holds one paragraph per line (felixhaass texts): wrapped text
# (pdftotext, PDF pages) never has lines that long.
PARAGRAPH_LINES = 180
_HEADING_CHARS = 100
# punctuation that ends a paragraph, perhaps followed by a footnote mark (`…armed conflict,1`, S/RES/1502 (2003))
_ENDS_PARAGRAPH = re.compile(r"(?:[.,;:!?،؛。；：，][\"”’»)]*|(?<=\w)\))(?:\d{1,2}|\*{1,3})?$")


@dataclass
class CleanLine:
    """A source line on its way into the cleaned text: what it is asked about by the join decision."""

    text: str
    page: int  # 0-based
    blank_before: bool
    rtl: bool
    cut: bool = False  # split off the line before it by split_run_together: never re-joined
    wraps: bool = False  # the page's layout shows this line continuing the one before (hint `wrap`)
    box: Box | None = None  # the source line's box on its page
    origin: tuple[int, int] | None = (
        None  # the source line's index on its page, and where this text starts in it
    )

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


_CJK_ENDS = "，；。：、,;:."


def line_break_is_wrap(
    prev: CleanLine, cur: CleanLine, width: float, pdf: bool, unwrapped: bool = False
) -> bool:
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
        cur.annex and (_ENDS_PARAGRAPH.search(p) or cells(p) < 0.6 * width)
    ):
        return False  # an annex title, unless a line that stops mid-sentence goes on with "Annex 1 to …" (S/2020/590)
    if c[:1].isupper() and title_abbrev().search(p) and not cur.lead:
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
        return c[:1].islower() or cells(p) >= 0.6 * width
    if unwrapped:
        # one paragraph per line (text extracted without wrapping): a break is a paragraph end unless the
        # line stops mid-sentence (a page break) or the next one goes on in lower case
        if c[:1].islower():
            return True
        return not _ENDS_PARAGRAPH.search(p) and len(p) > _HEADING_CHARS
    lead = cur.lead or (c[:1].isupper() and operative_start().match(c))
    if p[-1] in ",;،؛，；" and lead and not (pdf and cells(p) >= 0.85 * width):
        # a lead after a comma starts a paragraph (an operative one too: "…, / Recommends to the General
        # Assembly …", S/RES/1358 (2001)), unless (PDF, no gap) the line before is full: a clause inside the
        # paragraph ("… безопасности," / "включая продолжающееся …", S/RES/2511 (2020) ru)
        return False
    if pdf and c[:1].islower() and not cur.lead:
        return True  # no gap and lower case: "… суверенитету," / "независимости, …" (S/RES/2533 (2020) ru)
    if WIDE_RE.match(c) or WIDE_RE.match(p[-1]):
        # Chinese: no case, no spaces; a line that stops short after a clause mark ends its paragraph
        return not (p[-1] in _CJK_ENDS and cells(p) < 0.9 * width)
    end = p[-1]
    if cells(p) < 0.72 * width and not (end == "-" or (end.isalpha() and c[:1].islower())):
        return False  # the previous line stopped short: a paragraph (or heading) ended there
    if end in ".:;" and (c[:1].isupper() or c[:1].isdigit() or c[:1] in "(“\"'‘"):
        return False
    return True
