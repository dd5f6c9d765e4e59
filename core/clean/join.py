"""The boundary decision: does a line break end a paragraph (a new one starts) or continue it (a wrapped line)?

One scored decision per line break. `Joiner.features` describes the break by named features that every
language has — the page's geometry (a vertical gap, a first-line indent, how full the line before is), how
the line before ends (that language's terminal punctuation, an open quotation mark or bracket), how the next
line opens (that language's leads, an operative number and whether it is the one expected next, a
sub-paragraph label) — and `boundary_score` weighs them: the weights are data (`core/data/join.toml`, fitted
on the development corpus by `tools/fit_join.py`, which says how). A positive score ends the paragraph.

Also the split of lines that hold several paragraphs (extractions that lost their line breaks).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, fields
from itertools import compress
from operator import attrgetter

from ..data.lexicon import (
    annex_line,
    joiners,
    lead_start,
    leads_mark_a_start,
    lexicon,
    operative_start,
    structural_line,
)
from ..data.load import load
from ..model import Box
from ..text.arabic import strip_marks
from ..text.numbering import BARE_LABEL, ITEM, LABEL_LIKE, PART_PREFIX, SUB_LABEL, op_number
from ..text.scripts import ARABIC_RE, COMMAS, WIDE_RE, cells
from .furniture import title_abbrev

# A text with many lines longer than this holds one paragraph per line (felixhaass texts): wrapped text
# (pdftotext, PDF pages) never has lines that long.
PARAGRAPH_LINES = 180
# how a line ends: punctuation (perhaps before closing quotes, a footnote mark or an asterisk)
_END = re.compile(r"([.;:!?。；：！？,،，؛、])[\"”’»)\]]*(?:\d{1,2}|\*{1,3})?$")
_SENTENCE = set(".;!?。；！？؛")
_COLON = set(":：")
_COMMA = set(COMMAS)
# quotation marks and brackets that open and close a stretch of text; curly double quotes pair either way
# (Arabic prints ”…“), straight ones too
_OPEN = set("([«《「『")
_CLOSE = set(")]»》」』")
_TOGGLE = set('“”"„')
_MARKS = re.compile("[" + re.escape("".join(sorted(_OPEN | _CLOSE | _TOGGLE))) + "]")  # any of the three
# a break is decided against the two lines around it, and the marks left open in the paragraph so far
# count only if opened within this many lines (a stray bracket does not hold a whole document together)
OPEN_LINES = 3


@dataclass(frozen=True, slots=True)
class Break:
    """One line break, as the boundary decision sees it: every field is a named input of `boundary_score`
    (booleans count 1 when true)."""

    # the page
    page_break: bool  # the next line opens a page
    gap: bool  # a vertical gap before the next line (PDF: wider than a wrapped line's pitch, or the reader's
    # `start` hint where it has no measure)
    no_gap: bool  # none: the pitch of a wrapped line (PDF, on the same page)
    blank_line: bool  # a blank line before the next line (text)
    blank_apart: bool  # one, in a text whose paragraphs stand apart by blank lines (`blank_separated`)
    no_blank_apart: bool  # none there: the line is wrapped
    wrap_hint: bool  # the reader's layout shows the next line continuing this one
    page_ended_early: (
        bool  # the page broke with room left below the line before (kept with the next paragraph)
    )
    indent: bool  # the next line starts inside the line before (PDF, in a text whose paragraphs are indented)
    outdent: bool  # outside it (after an indented first line, the margin of its wrapped lines)
    at_margin: bool  # at the text's margin, where the wrapped lines of paragraphs start
    at_indent: bool  # at the text's first-line indent, where its paragraphs start (after a one-line one too)
    prev_full: bool  # the line before fills its width
    prev_short: bool  # the line before stops well short of it
    text_input: bool  # a text file: no geometry at all
    one_per_line: bool  # a text whose lines are paragraphs (extracted without wrapping)
    # how the line before ends
    prev_sentence_end: bool  # . ; ! ? and their full-width forms (a paragraph's end in the operative part)
    prev_colon: bool  # : (a chapeau before its sub-paragraphs)
    prev_comma: bool  # , ، ， 、 (a preambular paragraph's end, or a clause's)
    prev_mid: bool  # a letter, digit or hyphen: the sentence goes on
    prev_open: bool  # a quotation mark or bracket left open in the paragraph
    prev_title: bool  # a title before a name ("Mr.", "Sr."): the name follows
    prev_label: bool  # a number or label alone on its line
    prev_structural: bool  # a title-block line, the enacting formula or an annex title
    # how the next line opens
    cur_lead: bool  # a preambular lead or opener of the text's language, in the preamble (none inside quotes)
    cur_lead_in_ops: bool  # the same after the first operative number (a later part's preamble, or a clause)
    # a lead (preambular or operative) where the layout shows a wrapped line: a clause (the pitch of a wrapped
    # line, or at a page's top the margin of wrapped lines, not the first-line indent)
    lead_wrapped: bool
    cur_op_lead: bool  # an operative lead (an unnumbered operative paragraph)
    cur_number_next: bool  # an operative number, the next one expected
    cur_number_other: bool  # an operative number out of sequence
    cur_label: bool  # a sub-paragraph label
    cur_item: bool  # a bullet or a dash: an item of a list
    cur_lower: bool  # a lower-case letter, no lead or label, where the layout shows no paragraph start (a
    # vertical gap and an indent: there the case tells nothing more, as in «и подчеркивая», "et soulignant")
    cur_upper: bool  # a capital letter, no lead
    cur_structural: bool  # a title-block line or the enacting formula
    cur_annex: bool  # an annex title after a line that ended, a number or another annex title (not "… set out
    # in / Annex 1 to resolution …")
    cur_heading: bool  # a short line without final punctuation and no lead, number or label: a heading
    cur_heading_opens: bool  # one after a line that ended (in . ; : or a comma) and before an operative
    # number or a label, on the next line or, the heading printed over two lines, on the line after it
    prev_heading: bool  # the line before is one
    cur_bare_label: bool  # a number or label alone on its line
    cur_list_label: (
        bool  # a capitalised line of at most four words ending in ":" ("Against:", "Rule of law:")
    )
    prev_list_label: bool  # the line before is one: its list follows
    # breaks the reading settled already
    cut: bool  # the next line was split off this one (`split_run_together`)
    # right-to-left lines of a text file, whose order we cannot see: never re-joined (but where blank lines set
    # its paragraphs apart: lines typed or saved in their order)
    rtl_text: bool


FEATURES: tuple[str, ...] = tuple(f.name for f in fields(Break))


@dataclass(frozen=True)
class Weights:
    bias: float
    weights: dict[str, float]
    vector: tuple[float, ...] = field(init=False, repr=False, compare=False)  # the weights in FEATURES order

    def __post_init__(self) -> None:
        object.__setattr__(self, "vector", tuple(self.weights[name] for name in FEATURES))


@functools.cache
def weights() -> Weights:
    """The decision's weights (`core/data/join.toml`): every feature has one, and only features have one."""
    data = load("join")
    w = {k: float(v) for k, v in data["weights"].items()}
    if set(w) != set(FEATURES):
        raise ValueError(f"join.toml: weights for {sorted(set(w) ^ set(FEATURES))} missing or unknown")
    return Weights(float(data["bias"]), w)


def boundary_score(b: Break, w: Weights | None = None) -> float:
    """How strongly the break ends a paragraph: the bias plus the weights of the features present. Positive:
    a new paragraph starts; negative: the line wraps."""
    w = w or weights()
    # the weights of the features present (all are booleans), added in FEATURES order
    return w.bias + sum(compress(w.vector, _values(b)))


_REFERENCE_AFTER = frozenset(",;.)،")  # a mark straight after a label: the label is cited, not opened

_values = attrgetter(*FEATURES)  # a Break's features, in FEATURES order, in one call


@dataclass
class CleanLine:
    """A source line on its way into the cleaned text: what the boundary decision asks about it."""

    text: str
    page: int  # 0-based
    blank_before: bool  # a blank line or page break before it (text), the layout's `start` hint (PDF)
    rtl: bool
    cut: bool = False  # split off the line before it by split_run_together: never re-joined
    wraps: bool = False  # the page's layout shows this line continuing the one before (hint `wrap`)
    box: Box | None = None  # the source line's box on its page
    gap: float | None = None  # distance from the line before in line pitches (PDF)
    page_first: bool = False  # the first text line of its page
    origin: tuple[int, int] | None = (
        None  # the source line's index on its page, and where this text starts in it
    )

    # what the line is, each looked up once (a line is asked as the next line and as the line before)
    _flags: dict[str, bool] = field(default_factory=dict, repr=False)

    def _is(self, name: str, rx: re.Pattern[str], full: bool = False) -> bool:
        v = self._flags.get(name)
        if v is None:
            v = self._flags[name] = (rx.fullmatch if full else rx.match)(self.text) is not None
        return v

    @property
    def bare_label(self) -> bool:
        return self._is("bare", BARE_LABEL, full=True)

    @property
    def structural(self) -> bool:
        """A title-block line (resolution heading, adoption line), the enacting formula or an annex title."""
        return self._is("structural", structural_line()) or self.annex

    @property
    def annex(self) -> bool:
        return self._is("annex", annex_line())

    @property
    def list_label(self) -> bool:
        """A capitalised line of at most four words ending in a colon ("Against:", "Rule of law:")."""
        v = self._flags.get("list_label")
        if v is None:
            short = self.text[-1:] in _COLON and len(self.text.split()) <= 4
            v = self._flags["list_label"] = short and _first_letter(self.text).isupper()
        return v


@dataclass
class Joiner:
    """The boundary decision over one document: its languages' leads, the margins and widths of its pages,
    and what the paragraphs so far hold (the last operative number, marks left open)."""

    langs: tuple[str, ...]
    pdf: bool
    one_per_line: bool
    widths: dict[int, float]  # usual width of each page's lines in cells (text input)
    full_width: dict[bool, float] = field(default_factory=dict)  # rtl → width of a full line (PDF boxes)
    # rtl → (margin, first-line indent) of each column, left to right (right to left), as `_start` measures
    edges: dict[bool, list[tuple[float, float]]] = field(default_factory=dict)
    wrap_pitch: dict[int, float] = field(default_factory=dict)  # page → a wrapped line's distance, if not 1
    foot: tuple[float, float] | None = None  # (the usual lowest line's bottom, body font size) of PDF pages
    # a PDF whose paragraphs stand apart by no vertical gap, only by a first-line indent (`gapless`): the
    # layout's start and wrap hints are its evidence of a gap or none
    hints_for_gaps: bool = False
    # a text whose paragraphs stand apart by blank lines (`blank_separated`): there a blank line is a
    # paragraph's start and a line after none is wrapped, whatever the words say
    blank_apart: bool = False
    last_op: int = 0
    _open: list[int] = field(default_factory=list)  # line numbers where brackets still open were opened
    _quotes: list[int] = field(default_factory=list)  # and quotation marks
    _ended: bool = (
        True  # whether the line before the last one taken in ended a sentence (or is a title line),
    )
    # a list label aside
    _last_ended: bool = True  # the same of the last one
    _started: bool = True  # whether the last line taken in started a paragraph
    _line_no: int = 0

    def _fill(self, ln: CleanLine) -> float:
        """How full a line is: its width as a share of a full line's (PDF boxes), else of the page's usual
        width in cells."""
        if ln.box is not None and self.full_width.get(ln.rtl):
            return (ln.box[2] - ln.box[0]) / self.full_width[ln.rtl]
        return cells(ln.text) / (self.widths.get(ln.page) or 80.0)

    def _start(self, ln: CleanLine) -> float | None:
        """Where a line starts, in PDF points from the left (right-to-left text: from the right), in a text
        whose paragraphs have a first-line indent; None elsewhere (text input, no such edges)."""
        if ln.box is None or ln.rtl not in self.edges:
            return None
        return -ln.box[2] if ln.rtl else ln.box[0]

    def _column(self, rtl: bool, x: float, size: float) -> tuple[float, float]:
        """The margin and first-line indent of the column a line starting at `x` stands in: the last whose
        margin is at most a font size outward of it (the first, for a line further out)."""
        cols = self.edges[rtl]
        k = bisect.bisect_right([m for m, _ in cols], x + size) - 1
        return cols[max(0, k)]

    def _early(self, last: CleanLine) -> bool:
        """Whether a page's last text line stands EARLY_SIZES font sizes or more above the pages' usual
        lowest line: the page broke early, before a heading or paragraph kept with what follows."""
        if self.foot is None or last.box is None:
            return False
        bottom, size = self.foot
        return last.box[1] - bottom >= EARLY_SIZES * size

    def _heading(
        self, ln: CleanLine, nxt: CleanLine | None, after_end: bool, then: CleanLine | None = None
    ) -> tuple[bool, bool]:
        """Whether a line is a heading, and whether an opener follows it: a line without final punctuation
        that opens with no number, label or lower-case letter, after a line that ended a sentence
        (`after_end`) or before one that opens a paragraph; short, or long before an operative number or label
        ("Prevention of Illicit Exports of Petroleum, including Crude Oil …" before "1. Decides …"). A heading
        may go on over the next line (no final punctuation either) when `then`, the line after that, opens a
        paragraph ("Предотвращение … нефти и" / "продуктов нефтепереработки" / "1. …"). Not a list going on
        over a line ("…, United Kingdom," / "Viet Nam")."""
        c = ln.text
        if not _unpunctuated(c) or _first_letter(c).islower():
            return False, False
        opens = nxt is not None and _opener(nxt)  # "34." alone: its text follows
        if not opens and nxt is not None and then is not None:
            opens = _unpunctuated(nxt.text) and _opener(then)
        return (after_end or opens) and (self._fill(ln) < SHORT or opens), opens

    def _lead_after_mid(self, p: str, key: str, opened: re.Match[str]) -> bool:
        """Whether a lead at the start of a text's line, after a line `p` that stops inside a sentence, opens a
        paragraph (there is no layout to tell). Not where case does not mark a lead, since it is printed as it is
        inside a sentence ("… и вновь" / "подтверждая далее …"); nor, where it does, after a word no paragraph
        ends on ("… in keeping with the" / "Guiding Principles …") or, in a wrapped text, before a capitalised word:
        a name going on ("… the PIC" / "Steering Board communiqués", "… on Post-Conflict" / "Peacebuilding
        S/PRST/2012/29"); in a text whose lines are paragraphs that is a paragraph that lost its comma before
        "Welcoming African Union efforts …"."""
        if not leads_mark_a_start(self.langs):
            return False
        words = p.rsplit(None, 1)
        if words and words[-1] in _unfinished(self.langs):
            return False
        after = key[opened.end() :].lstrip()
        return self.one_per_line or not after[:1].isupper()

    def features(
        self, prev: CleanLine, cur: CleanLine, nxt: CleanLine | None = None, then: CleanLine | None = None
    ) -> Break:
        """The break between `prev` and `cur`; `nxt`, the line after `cur`, and `then`, the one after that,
        tell whether `cur` is a heading."""
        p, c = prev.text, cur.text
        key = _key(c)
        end = _END.search(p)
        title = bool(title_abbrev().search(p))
        mark = end[1] if end and not title else ""  # "… que se nombre al Sr." / "Serge Brammertz …"
        mid = not end and (p[-1].isalnum() or p[-1] in "-\u00ad")
        quoted = self.open_marks()  # inside a quotation or a bracket no lead opens a paragraph
        part = PART_PREFIX.match(key)  # "A Expressing its concern …": a part's letter, then its first lead
        opened = None if quoted else lead_start(self.langs).match(key)
        if opened is None and part and not quoted:
            opened = lead_start(self.langs).match(key, part.end())
        lead = opened is not None and not (mid and not self.pdf and not self._lead_after_mid(p, key, opened))
        op_lead = not quoted and not lead and bool(operative_start(self.langs).match(key))
        n = op_number(c)
        letter = _first_letter(c)
        fill = self._fill(prev)
        x, x_prev = self._start(cur), self._start(prev)
        size = max(1.0, cur.box[3] - cur.box[1]) if cur.box else 1.0
        shift = (x - x_prev) / size if x is not None and x_prev is not None else 0.0
        margin, first = self._column(cur.rtl, x, size) if x is not None else (None, None)
        at_indent = x is not None and first is not None and abs(x - first) <= size
        at_margin = x is not None and margin is not None and abs(x - margin) <= size
        page_break = cur.page != prev.page
        if self.hints_for_gaps:
            # a gapless PDF: a start the layout saw, or the first-line indent, is where a gap would be
            gap = (cur.blank_before or at_indent) and not page_break
            no_gap = not gap and not page_break
        else:
            measured = self.pdf and cur.gap is not None and not page_break
            limit = GAP_PITCHES * self.wrap_pitch.get(cur.page, 1.0)
            # a PDF line the reader could not measure: its `start` hint is the gap it saw
            hinted = self.pdf and cur.gap is None and cur.blank_before and not page_break
            gap = hinted or (measured and cur.gap > limit)  # type: ignore[operator]
            no_gap = measured and cur.gap <= limit  # type: ignore[operator]
        # a vertical gap, and the next line indented or at the first-line indent: a paragraph's printed
        # start, whatever its first word
        gap_indent = gap and (shift > SHIFT_SIZES or at_indent)
        sub = SUB_LABEL.match(c) if n is None else None
        # a label that refers to a sub-paragraph rather than opening one: followed by a mark ("(d), paragraph
        # 1 (f)"), or after a line that stops on a number ("… paragraph 81" / "(a) and …") or on a conjunction
        # after one ("… paragraphs 7 (d) and" / "(e) of resolution …")
        label = sub is not None and not (
            c[sub.end() : sub.end() + 1] in _REFERENCE_AFTER
            or p[-1:].isdecimal()
            or joiners().after_item.search(p) is not None
        )
        # in the preamble of a language whose leads are capitalised, a semicolon before a line that opens in lower
        # case (no label, no lead) is inside the paragraph ("… under civilian government authority;" / "and a
        # unified Libyan Central Bank,"): preambular paragraphs end in a comma and open with a capital
        inner_semicolon = (
            mark in ";；"
            and not self.last_op
            and letter.islower()
            and not (label or lead or ITEM.match(c) or LABEL_LIKE.match(c))
            and leads_mark_a_start(self.langs)
        )
        # a list label ("In favour:") ends with a colon, but what follows is its list, not a heading
        after_end = mark in _SENTENCE | _COLON and not prev.list_label
        # a heading over two lines only after a line that ended ("… Nations Unies," / "Prévention … de" /
        # "produits pétroliers" / "1. …"), not inside a paragraph ("… Conjunto de" / "Verificación (ECV) …")
        heading, heading_opens = (
            (False, False) if lead or op_lead else self._heading(cur, nxt, after_end, then if mark else None)
        )
        return Break(
            page_break=page_break,
            gap=gap,
            no_gap=no_gap,
            blank_line=not self.pdf and cur.blank_before and not page_break,
            blank_apart=self.blank_apart and cur.blank_before and not page_break,
            no_blank_apart=self.blank_apart and not cur.blank_before and not page_break,
            wrap_hint=cur.wraps,
            page_ended_early=page_break and self._early(prev),
            indent=shift > SHIFT_SIZES,
            outdent=shift < -SHIFT_SIZES,
            at_margin=at_margin,
            at_indent=at_indent,
            prev_full=fill >= FULL,
            prev_short=fill < SHORT,
            text_input=not self.pdf,
            one_per_line=self.one_per_line,
            prev_sentence_end=mark in _SENTENCE and not inner_semicolon,
            prev_colon=mark in _COLON,
            prev_comma=mark in _COMMA,
            prev_mid=mid,
            prev_open=quoted,
            prev_title=title,
            prev_label=prev.bare_label and op_number(p) in (None, self.last_op),  # not a page number "- 2"
            prev_structural=prev.structural
            and (self._started or not prev.annex),  # not "… set out in / Annex 1 …"
            cur_lead=lead and not self.last_op,
            cur_lead_in_ops=lead and bool(self.last_op),
            lead_wrapped=(lead or op_lead) and (no_gap or (page_break and at_margin and not at_indent)),
            cur_op_lead=op_lead,
            cur_number_next=n is not None and n == self.last_op + 1,
            cur_number_other=n is not None and n != self.last_op + 1,
            cur_label=label,
            cur_item=ITEM.match(c) is not None and n is None,
            cur_lower=bool(letter) and letter.islower() and not (lead or label or gap_indent),
            cur_upper=bool(letter) and letter.isupper() and not lead and not op_lead,
            cur_structural=cur.structural and not cur.annex,
            cur_annex=cur.annex and (not mid or prev.annex or prev.bare_label),
            cur_heading=heading,
            cur_heading_opens=heading and heading_opens and bool(mark),
            prev_heading=self._heading(prev, cur, self._ended)[0],
            cur_bare_label=cur.bare_label,
            cur_list_label=cur.list_label,
            prev_list_label=prev.list_label,
            cut=cur.cut,
            rtl_text=not self.pdf and not self.blank_apart and (prev.rtl or cur.rtl),
        )

    def advance(self, line: CleanLine, starts: bool) -> None:
        """Take in the next line, now that it is known whether it starts a paragraph."""
        self._line_no += 1
        end = _END.search(line.text)
        self._ended, self._last_ended = (
            self._last_ended,
            # a list label ("In favour:") ends with a colon, but what follows is its list, not a heading
            (end is not None and end[1] in _SENTENCE | _COLON and not line.list_label) or line.structural,
        )
        self._started = starts
        if starts:
            self._open.clear()
            self._quotes.clear()
            n = op_number(line.text)
            if n is not None and (n > self.last_op or n == 1):
                self.last_op = n
        if line.structural:
            self.last_op = 0  # a new resolution (or an annex) numbers its paragraphs afresh
        mirrored = 0  # a right-to-left line's closing brackets before any opening one: its pairs came out
        # mirrored (a left-to-right run in Arabic, «)<year>( S/RES/<number>»), each closed by the next opening one
        for ch in _MARKS.findall(line.text):
            if ch in _OPEN:
                if mirrored:
                    mirrored -= 1
                else:
                    self._open.append(self._line_no)
            elif ch in _CLOSE:
                if self._open:
                    self._open.pop()
                elif line.rtl:
                    mirrored += 1
            elif ch in _TOGGLE:
                if self._quotes:
                    self._quotes.pop()
                else:
                    self._quotes.append(self._line_no)

    def open_marks(self) -> bool:
        """Whether a quotation mark or bracket opened in the last OPEN_LINES lines is still open."""
        last = max(
            self._open[-1] if self._open else -OPEN_LINES, self._quotes[-1] if self._quotes else -OPEN_LINES
        )
        return (
            self._line_no - last < OPEN_LINES
        )  # the stacks hold line numbers in order: the last is the latest


_FIRST = re.compile(r"[\W_]*([^\W_])")


def _key(s: str) -> str:
    """A line as leads are matched: Arabic without its marks."""
    return strip_marks(s) if ARABIC_RE.match(s) else s


@functools.cache
def _unfinished(langs: tuple[str, ...]) -> frozenset[str]:
    """The lexicons' `unfinished_words` of these languages: words no paragraph ends on."""
    return frozenset(w for lang in langs for w in lexicon(lang).unfinished_words)


def _first_letter(text: str) -> str:
    """The line's first letter, if it opens with one of a script with case (not after a digit: "1d：")."""
    m = _FIRST.match(text)
    ch = m[1] if m else ""
    return ch if ch.isalpha() and not WIDE_RE.match(ch) else ""


def _opens(text: str) -> bool:
    """A line that opens a paragraph whatever stands before it: an operative number or a label."""
    return op_number(text) is not None or SUB_LABEL.match(text) is not None


def _opener(ln: CleanLine) -> bool:
    """A line that opens a paragraph, or a number or label alone on its line (its text follows)."""
    return _opens(ln.text) or ln.bare_label


def _unpunctuated(text: str) -> bool:
    """A line as a heading's: no final punctuation, and it opens with no number, label or list mark."""
    return not (_END.search(text) or op_number(text) is not None or SUB_LABEL.match(text) or ITEM.match(text))


# geometry thresholds, in the units of the measures (see `Break`)
GAP_PITCHES = 1.15  # a distance above this many line pitches is a vertical gap
GAPLESS_STARTS = 3  # paragraph starts shown on a page after a line, at least, for a PDF to be gapless
GAPLESS_SHARE = 0.2  # at most this share of them after a vertical gap: the PDF's paragraphs are not set apart


BLANK_SHARE = 0.8  # of a text's paragraph starts, the share after a blank line in a text whose paragraphs
# stand apart by blank lines
BLANK_STARTS = 3  # and the fewest such starts that tell it
BLANK_WRAPPED = 0.5  # of its other lines, the most that may follow one (not a text double-spaced throughout)


def blank_separated(lines: list[CleanLine], langs: tuple[str, ...]) -> bool:
    """Whether a text's paragraphs stand apart by blank lines: of its clear paragraph starts (a line opening
    with the next operative number, 1., 2., …, or with a preambular lead after a line ending in a comma), at
    least BLANK_SHARE, and BLANK_STARTS, follow a blank line or open a page, and of its other lines at most
    BLANK_WRAPPED. A text extracted from a PDF (pdftotext) prints none between paragraphs, or blank lines
    around page furniture only, or one after every line; a text typed or saved paragraph by paragraph prints
    one after each paragraph, however its lines are wrapped."""
    leads = lead_start(langs)
    expected, starts, apart, others, spaced = 1, 0, 0, 0, 0
    for k, ln in enumerate(lines[1:], 1):
        if ln.cut:  # split off the line before (`split_run_together`): its start is settled
            continue
        blank = ln.blank_before or lines[k - 1].page != ln.page
        if op_number(ln.text) == expected:
            expected += 1
        elif not (lines[k - 1].text[-1:] in COMMAS and leads.match(_key(ln.text))):
            others += 1
            spaced += blank
            continue
        starts += 1
        apart += blank
    return starts >= BLANK_STARTS and apart >= BLANK_SHARE * starts and spaced <= BLANK_WRAPPED * others


def gapless(lines: list[CleanLine], wrap_pitch: dict[int, float]) -> bool:
    """Whether a PDF sets its paragraphs apart by no vertical gap: of the lines its layout shows starting a
    paragraph after a line of the same page (a first-line indent, a gap), GAPLESS_STARTS or more, at most
    GAPLESS_SHARE stand after a gap. Its wrapped lines and its paragraphs' first lines are then the same
    distance apart, and what tells them apart is the indent the layout saw (its `start` and `wrap` hints)."""
    starts = after_gap = 0
    for prev, ln in zip(lines, lines[1:], strict=False):
        if ln.page != prev.page or ln.gap is None or not ln.blank_before:
            continue
        starts += 1
        after_gap += ln.gap > GAP_PITCHES * wrap_pitch.get(ln.page, 1.0)
    return starts >= GAPLESS_STARTS and after_gap <= GAPLESS_SHARE * starts


EARLY_SIZES = 3.0  # a page whose last line stands this many font sizes above the usual lowest broke early
SHIFT_SIZES = 1.0  # a start this many font sizes inside (outside) the line before's is an indent (outdent)
FULL = 0.9  # a line filling this share of the width is full
SHORT = 0.6  # one filling less than this stopped short


_RUN_PART = re.compile(r"(?<=[.;])\s+([A-H]|[IVX]{1,4})\s*$")
_RUN_OP = re.compile(r"(?<=[;,.:*])\s+(?=\d{1,3}\.\s+[A-Z])")
_RUN_SUB = re.compile(r"(?<=[;:])\s+(?=\((?:[a-z]|[ivx]{1,4})\)\s)")


def split_run_together(line: str) -> list[str]:
    """Split a line that holds several paragraphs (extractions that lost their line breaks).

    Splits before operative numbers ("…; 2. Decides"), sub-paragraph labels after ";" or ":", and, in the
    preamble (before the first operative number), before a preambular lead that follows a comma; and before a
    part's letter alone at the end of a line, after a sentence's end ("… under these resolutions.  B": the
    letter that heads the next part of a resolution in parts, printed centred on a line of its own)."""
    if m := _RUN_PART.search(line):  # a part's letter run onto the end of the paragraph before its part
        return [*split_run_together(line[: m.start()]), m[1]]
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
    words = {w.casefold() for w in joiners().apart}
    scanned, depth, quotes = 0, 0, 0  # marks left open in text[cuts[-1]:scanned], counted once
    for m in re.finditer(r"(?<=,)\s+(?=[A-Z])", text):
        lead = lead_start().match(text, m.end()) or operative_start().match(text, m.end())
        if not lead:
            continue
        depth, quotes = _marks(text, scanned, m.start(), depth, quotes)
        scanned = m.start()
        if depth or quotes:
            continue  # inside a quoted title or a bracket: "the “Agreement on Return, Resettling and …”"
        after = text[lead.end() : lead.end() + 80].split(maxsplit=2)
        nxt, then = (after + ["", ""])[:2]
        # an item of a list, not a lead: "… the Use, Stockpiling, Production and Transfer of …",
        # "… Return, Resettling and Rebuilding" (tests/test_clean.py); but "Welcoming and encouraging …"
        listed = nxt.casefold() in words and not then[:1].islower()
        if text[lead.end() : lead.end() + 1] in (",", ";") or listed:
            continue
        cuts.append(m.end())
        scanned, depth, quotes = m.end(), 0, 0
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(text)], strict=True)]


def _marks(text: str, start: int, end: int, depth: int, quotes: int) -> tuple[int, int]:
    """Brackets and quotation marks left open after text[start:end], given those open before it."""
    for ch in text[start:end]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _TOGGLE:
            quotes ^= 1
    return depth, quotes
