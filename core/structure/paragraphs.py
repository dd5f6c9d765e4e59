"""Document → resolutions: each found by its enacting formula, split into preambular and operative paragraphs
with their lead words and sub-paragraphs.

The cleaner has decided where paragraphs start (one line of the cleaned text each, `clean/join.py`); this
stage reads the lines in order and checks them against the resolution as a whole: operative numbers go up
by one (a mid-line number that continues the sequence starts a paragraph: "… Follow-up and review 17.
Requests …"), the preamble precedes the operative part unless a new part ("A", "II") starts, headings are
no paragraphs. What does not fit is reported as a `structure-doubt` issue on the resolution, never dropped
silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..data.lexicon import Lexicon, all_lexicons, lead_start, lexicon, operative_start
from ..model import Document, Issue, Paragraph, ParagraphKind, Resolution, SubParagraph
from ..text.arabic import strip_marks
from ..text.dates import find_date
from ..text.language import detect_language
from ..text.numbering import (
    ITEM,
    NEXT_ROMAN,
    OP_NUMBER,
    PART_PREFIX,
    ROMAN,
    SUB_LABEL,
    cyrillic_order,
    label_id,
)
from ..text.scripts import ARABIC_RE, COMMAS, WIDE_RE, latin_digits
from ..text.symbols import sc_resolution

# An operative number whose period the extraction lost: "7 Further underlines …" (tests/test_paragraphs.py),
# taken only when it is the next number and an operative lead follows.
_OP_NUM_BARE = re.compile(r"^(\d{1,3})\s+(?=\S)")
# An operative number a stray space cut ("1 2. Decides …": glyphs a little apart), taken on the same terms.
_OP_NUM_SPLIT = re.compile(r"^(\d{1,2}) (\d{1,2})\s*(?:[.．、](?!\d)|\s[\-–](?=\s))\s*(?=\S)")
# A mid-line operative number: "… Follow-up and review 17. Requests …", "… (annex) 3. Decides …";
# taken only when it is the next number and a lead follows ("== IV == 13. Requests …", felixhaass texts).
_OP_MID = re.compile(r"(?<=[^\d\s])\s+(\d{1,3})\s*[.．]\s*(?=\S)")
# A line that opens a new part of a resolution: "A", "B", "II", "Part III"
_PART = re.compile(r"(?:(?:Part|Partie|Parte|Часть)\s+)?(?:[A-H]|[IVX]{1,5})\.?")
# a parenthesised heading ("(Follow-up)"), not a label
_PAREN_HEADING = re.compile(r"\([^()]{3,}\)")
_END_PUNCT = ".;:,،؛。；：，"
_SENTENCE_END = ".;؛。；"
_NUMBER_JUMP = 3  # an operative number at most this far past the last one is a paragraph (a gap in numbering)


def _is_second_level(label: str, top: str, prev: str, prev_is_second: bool) -> bool:
    """Whether a label that may be a letter or a roman numeral ("(c)", "(i)", "(v)") is a roman numeral under
    the current lettered sub-paragraph `top`; `prev` is the label just before it."""
    if not ROMAN.match(label):
        return False
    if len(top) == 1 and len(label) == 1 and ord(label) == ord(top) + 1:
        return False  # the next letter: "(h)" then "(i)", "(b)(ii)" then "(c)"
    if label == "i":
        return True
    return prev_is_second and NEXT_ROMAN.get(prev) == label


@dataclass
class _Sub:
    id: str  # "(a)", "(a)(ii)", "(•1)"
    label: str  # as printed ("ب", "ii", "•", "" when nothing is printed)
    start: int
    body: int
    end: int
    second: bool = False  # a second-level label ("(ii)", "㈡")


@dataclass
class _Para:
    kind: ParagraphKind
    number: int | None
    start: int
    end: int
    body_start: int  # after the printed number
    subs: list[_Sub] = field(default_factory=list)
    pieces: list[tuple[int, int]] = field(default_factory=list)  # spans of chapeau text
    roman_top: bool = (
        False  # its first-level labels are the second-level kind ("㈠", "‘1’"): no letters above
    )
    items: int = 0  # unlabelled list items so far
    labelled: int | None = None  # index of its last labelled sub-paragraph


def _lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        nl = end if nl < 0 else nl
        yield pos, nl
        pos = nl + 1


def _lead(text: str, leads: tuple[str, ...], adverbs: tuple[str, ...], word: re.Pattern[str]) -> str | None:
    for lead in leads:
        if text.startswith(lead) and (
            len(text) == len(lead)
            or not text[len(lead)].isalnum()
            or WIDE_RE.match(lead)  # leads in scripts without spaces end anywhere
        ):
            return lead
    m = word.match(text)
    if not m:
        return None
    for adv in adverbs:
        if text.startswith(adv + " "):
            rest = text[len(adv) + 1 :]
            inner = _lead(rest, leads, (), word)
            return f"{adv} {inner}" if inner else adv
    return m[0]


def _is_heading(line: str, lx: Lexicon, scale: int = 1) -> bool:
    s = line.strip()
    return (
        bool(s)
        and s[-1] not in _END_PUNCT
        and len(s.split()) <= lx.heading_max_words * scale
        and not OP_NUMBER.match(s)
    )


def _ends(text: str, end: int, chars: str) -> bool:
    """The paragraph ending at `end` ends with one of `chars` (perhaps before a footnote mark)."""
    s = text[max(0, end - 8) : end].rstrip().rstrip("0123456789*")
    return bool(s) and s[-1] in chars


def _ends_sentence(s: str) -> bool:
    s = s.rstrip().rstrip('0123456789*”"’»)')
    return not s or s[-1] in ".;:。；：؛"


def find_resolutions(doc: Document) -> list[Resolution]:
    """Every resolution in the document, each with its paragraphs."""
    text = doc.text
    out: list[Resolution] = []
    lexes = all_lexicons()
    lines = list(_lines(text))
    starts: list[tuple[int, Lexicon, bool]] = []  # (line index, lexicon, whether the formula is printed)
    titled = -10  # index of the last title-block line (resolution heading, adoption line)
    for i, (a, b) in enumerate(lines):
        s = text[a:b].strip()
        for lx in lexes:
            if lx.resolution_heading.fullmatch(s) or lx.adopted.match(s):
                titled = i
                break
            if not lx.enacting.fullmatch(s):
                continue
            after_title = i - titled <= 3
            nxt = _key(text[lines[i + 1][0] : lines[i + 1][1]].strip()) if i + 1 < len(lines) else ""
            opens = bool(lead_start((lx.lang,)).match(nxt) or OP_NUMBER.match(nxt))
            if s[-1:].isalpha() and not (after_title or opens):
                break  # "Security Council" without its comma: a title-block line, unless a resolution follows
            before = text[lines[i - 1][0] : lines[i - 1][1]] if i else ""
            if starts and not after_title and not _ends_sentence(before):
                break  # "… addressed to the President of the" / "Security Council," (a wrapped line)
            starts.append((i, lx, True))
            break
    if not starts:
        # no enacting formula printed: the preamble right after the title block (tests/test_boundaries.py)
        for lx in lexes:
            for i in range(len(lines) - 1):
                s = text[lines[i][0] : lines[i][1]].strip()
                if lx.adopted.match(s):
                    nxt = _key(text[lines[i + 1][0] : lines[i + 1][1]].strip())
                    if lead_start((lx.lang,)).match(nxt) or OP_NUMBER.match(nxt):
                        starts.append((i, lx, False))
                        break
            if starts:
                break
    for k, (i, lx, printed) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        # the title block belongs to the next resolution: stop before its heading lines
        if k + 1 < len(starts):
            j = stop - 1
            while (
                j > i
                and j >= stop - 4
                and (
                    _is_heading(text[lines[j][0] : lines[j][1]], lx)
                    or lx.adopted.match(text[lines[j][0] : lines[j][1]].strip())
                )
            ):
                j -= 1
            stop = j + 1
        out.append(_parse_resolution(doc, lines, i, stop, lx, printed))
    return out


def _key(s: str) -> str:
    """A line as leads are matched: Arabic without marks (leads are listed without them)."""
    return strip_marks(s) if ARABIC_RE.match(s) else s


def _title(
    doc: Document, lines: list[tuple[int, int]], i: int, lx: Lexicon
) -> tuple[str | None, str | None, int | None]:
    """Symbol, adoption date and where the title block starts, from the lines just above the enacting
    formula (the resolution heading and the adoption line) and the formula's own line (the adoption line
    itself when no formula is printed)."""
    symbol = date = None
    first: int | None = None
    for a, b in reversed(lines[max(0, i - 8) : i + 1]):
        s = doc.text[a:b].strip()
        if date is None and (m := lx.adopted.search(s)):
            date = find_date(m["date"], lx)
            first = a
        if symbol is None and (m := lx.resolution_heading.search(s)):
            symbol = sc_resolution(latin_digits(m["number"]), latin_digits(m["year"]))
            first = a
    if symbol is None and doc.symbol and doc.symbol.startswith("S/RES/"):
        symbol = doc.symbol
    return symbol, date, first


class _Reader:
    """The lines of one resolution read in order into paragraphs, with the checks of the whole."""

    def __init__(self, doc: Document, lx: Lexicon, res: Resolution) -> None:
        self.doc, self.text, self.lx, self.res = doc, doc.text, lx, res
        self.leads = lead_start((lx.lang,))
        self.op_leads = operative_start((lx.lang,))
        self.paras: list[_Para] = []
        self.last_op = 0
        self.in_ops = False
        self.new_part = False  # a part heading ("B", "II") since the last operative paragraph
        self.unnumbered: int | None = None
        self.cyrillic = False

    def doubt(self, message: str, at: int) -> None:
        self.res.issues.append(Issue("structure-doubt", message, (self.doc.page_at(at),)))

    # --- one line ---------------------------------------------------------------------------------

    def line(self, a: int, b: int) -> None:
        """One line of the cleaned text; a mid-line operative number that continues the sequence starts a
        paragraph there ("… Follow-up and review 17. Requests …"), what stands before it is read first."""
        pos = a
        while (cut := self._mid_number(pos, b)) is not None:
            if self.text[pos:cut].strip():
                self._unit(pos, cut)
            pos = cut
        self._unit(pos, b)

    def _unit(self, a: int, b: int) -> None:
        text = self.text
        s = text[a:b].strip()
        a += len(text[a:b]) - len(text[a:b].lstrip())
        key = _key(s)
        if (part := PART_PREFIX.match(s)) and (
            self.leads.match(key, part.end()) or OP_NUMBER.match(s[part.end() :])
        ):
            # a part's letter run into its first line: "A Expressing its concern …", "B 1. Decides …"
            self.new_part = True
            a, s, key = a + part.end(), s[part.end() :], key[part.end() :]
        n, body = self._number(s, key)
        if n is not None and self._takes(n, a):
            self._operative(a, a + body, b, n)
            return
        if (sm := SUB_LABEL.match(s)) and self.paras:
            self._sub(sm, a, b)
            return
        if (im := ITEM.match(s)) and self.paras:
            self._item(a, b, im[0])
            return
        stripped = s.strip()
        if _PART.fullmatch(stripped):
            self.new_part = True
            return
        if _PAREN_HEADING.fullmatch(stripped):
            return  # "(Follow-up)": a heading, not the end of the paragraph above
        if not self.in_ops:
            self._preamble(a, b, s, key)
        else:
            self._operative_text(a, b, s, key)

    def _number(self, s: str, key: str) -> tuple[int | None, int]:
        """The operative number opening the line and where its text starts, if it is one."""
        m = OP_NUMBER.match(s)
        if m:
            return int(latin_digits(m["n"] or m["r"])), m.end()
        bare = _OP_NUM_SPLIT.match(s) or _OP_NUM_BARE.match(s)
        if bare and self.op_leads.match(key, bare.end()):
            n = int(latin_digits("".join(bare.groups())))
            if n == self.last_op + 1:  # "7 Further underlines …" (the period lost), "1 2. Decides …" (cut)
                return n, bare.end()
        return None, 0

    def _takes(self, n: int, at: int) -> bool:
        """Whether operative number `n` starts a paragraph here; a number out of sequence is a doubt."""
        if n == self.last_op + 1:
            return True
        if n > self.last_op and (n <= self.last_op + _NUMBER_JUMP or not self.in_ops):
            self.doubt(f"operative paragraph {n} follows {self.last_op or 'the preamble'}", at)
            return True
        if n == 1 and self.new_part:
            self.doubt("operative numbers start again at 1 in a new part", at)
            return True
        if self.paras:
            self.doubt(
                f"a line opening with the number {n} after paragraph {self.last_op} is read as text", at
            )
        return False

    def _mid_number(self, a: int, b: int) -> int | None:
        """Where an operative number inside the line `[a, b)` continues the sequence before a lead (after
        the line's own number, if it has one), if anywhere."""
        if not (self.in_ops or self.paras):
            return None
        text = self.text
        own = OP_NUMBER.match(text[a : min(b, a + 12)])
        n = int(latin_digits(own["n"] or own["r"])) if own else None
        want = str(n + 1 if n is not None and n > self.last_op else self.last_op + 1)
        start = a + (own.end() if own else 1)
        if text.find(want, start, b) < 0:
            return None
        for m in _OP_MID.finditer(text, start, b):
            if m[1] == want and (self.op_leads.match(text, m.end(), b) or self.leads.match(text, m.end(), b)):
                return m.start(1)
        return None

    def _operative(self, start: int, body: int, b: int, n: int) -> None:
        """Operative paragraph `n`, printed from `start`, its text from `body` (after the number) to `b`."""
        self.paras.append(_Para("operative", n, start, b, body, pieces=[(body, b)]))
        self.last_op, self.in_ops, self.new_part = n, True, False

    def _sub(self, sm: re.Match[str], a: int, b: int) -> None:
        cur = self.paras[-1]
        printed, label, second = label_id(sm, self.cyrillic)
        sid = f"({label})"
        labelled = cur.labelled
        cur.labelled = len(cur.subs)  # this one, once appended
        if labelled is None:
            cur.roman_top = second  # "㈠ …", "‘1’ …" right under the paragraph (tests/test_paragraphs.py)
        elif not (second and cur.roman_top):
            last = cur.subs[labelled]
            top = last.id.split(")(")[0] + ")" if ")(" in last.id else last.id
            prev = last.id.rsplit("(", 1)[-1][:-1]
            if second or _is_second_level(label, top[1:-1], prev, ")(" in last.id):
                sid = f"{top}({label})"
                second = True
        cur.subs.append(_Sub(sid, printed, a, a + sm.end(), b, second))
        cur.end = b

    def _item(self, a: int, b: int, mark: str) -> None:
        """A list item (a bullet, a dash, or a line after a chapeau ending in a colon): under the current
        sub-paragraph if there is one, else an unlabelled sub-paragraph of its own."""
        cur = self.paras[-1]
        if cur.subs and cur.subs[-1].label not in ("", "•"):
            last = cur.subs[-1]
            last.end = b
        else:
            cur.items += 1
            cur.subs.append(_Sub(f"(•{cur.items})", "•" if mark else "", a, a + len(mark), b))
        cur.end = b

    def _preamble(self, a: int, b: int, s: str, key: str) -> None:
        lx, text = self.lx, self.text
        lead = self.leads.match(key)
        if self.paras and not lead:
            last = self.paras[-1]
            if not _ends(text, last.end, _END_PUNCT):
                self._append(a, b)  # the paragraph above had not ended: the cleaner cut a line too soon
                return
            if _is_heading(s, lx, 2) or (
                s.strip()[-1:] not in _END_PUNCT and _ends(text, last.end, ".;:,،؛。；：，")
            ):
                return  # a heading: "Prevention of Illicit Exports of Petroleum …" (tests/test_paragraphs.py)
        if (
            self.unnumbered is None
            and self.paras
            and _ends(text, self.paras[-1].end, COMMAS)
            and self.op_leads.match(key)
            and not lead
        ):
            # perhaps an unnumbered operative part: "… of Tuvalu, / Recommends to the General Assembly that
            # …" (admissions); not counted, and reported, when no numbered paragraph follows
            self.unnumbered = len(self.paras)
        self.paras.append(_Para("preambular", None, a, b, a, pieces=[(a, b)]))

    def _operative_text(self, a: int, b: int, s: str, key: str) -> None:
        """A line in the operative part that has no number or label: a heading, a later part's preamble, a
        list item, or text continuing the paragraph above."""
        lx, text = self.lx, self.text
        cur = self.paras[-1]
        stripped = s.strip()
        ended = _ends(text, cur.end, _SENTENCE_END)
        if self.leads.match(key) and _ends(text, b, ",،，:：") and (ended or self.new_part):
            # the preamble of a later part ("III" / "Reaffirming the legal basis …," after paragraph 18)
            if not self.new_part:
                self.doubt("a preambular paragraph after the operative part, with no new part before it", a)
            self.paras.append(_Para("preambular", None, a, b, a, pieces=[(a, b)]))
            self.in_ops = False
            return
        # after a chapeau's colon a short line is a heading only before the labels or items it heads
        # ("… the following mandate:" / "Protection of civilians" / "(i) …"); before the next paragraph it is
        # what the colon announced ("… until 31 July 2015, if sooner:" / "Patrick Robinson (Jamaica)" / "4. …")
        heads = ended or (_ends(text, cur.end, ":") and self._label_follows(b, numbers=False))
        if heads and (
            _is_heading(s, lx, 2)
            or (stripped[-1:] in ":：" and len(stripped.split()) <= 16)
            or (_is_heading(s, lx, 3) and self._label_follows(b))
        ):
            return  # "Mandate", "Rule of law:", "Logistical and financial support"; a longer one before a label
        in_list = (_ends(text, cur.end, ":：") and not cur.subs) or (
            bool(cur.subs) and cur.subs[-1].label == "" and _ends(text, cur.end, _SENTENCE_END + COMMAS)
        )
        if in_list:
            self._item(a, b, "")  # an item of a list printed without marks (tests/test_paragraphs.py)
            return
        if ended and not s[:1].islower() and not lx.preambular_opener.match(key):
            if stripped[-1:] not in _END_PUNCT:
                return  # a heading after a finished paragraph
            if len(stripped.split()) <= 2 * lx.heading_max_words:
                return  # a capitalised line after a finished paragraph: "With regard to the trade in diamonds,"
            self.doubt(
                f"text with no paragraph number after paragraph {cur.number} taken as its continuation", a
            )
        self._append(a, b)

    def _label_follows(self, b: int, numbers: bool = True) -> bool:
        """Whether the line after the one ending at `b` opens with a sub-paragraph label, a list mark or (with
        `numbers`) an operative number: what a heading stands before."""
        nxt = self.text[b + 1 : b + 40].lstrip()
        return bool(SUB_LABEL.match(nxt) or ITEM.match(nxt) or (numbers and OP_NUMBER.match(nxt)))

    def _append(self, a: int, b: int) -> None:
        cur = self.paras[-1]
        if cur.subs:
            cur.subs[-1].end = b
        else:
            cur.pieces.append((a, b))
        cur.end = b


def _parse_resolution(
    doc: Document, lines: list[tuple[int, int]], i: int, stop: int, lx: Lexicon, printed: bool = True
) -> Resolution:
    text = doc.text
    a0, b0 = lines[i]
    symbol, date, title_start = _title(doc, lines, i, lx)
    if printed and title_start is not None and title_start >= a0:
        title_start = None  # the title printed on the formula's own line: no block above it
    lang = detect_language(text[a0 : lines[stop - 1][1]]) if stop > i else lx.lang
    if lang != lx.lang:
        try:
            lx = lexicon(lang)
        except FileNotFoundError:
            pass
    res = Resolution(
        symbol=symbol,
        language=lang,
        start=a0 if printed else b0 + 1,
        end=b0,
        page=doc.page_at(a0),
        date=date,
        enacting_formula=text[a0:b0].strip() if printed else None,
        title_start=title_start,
    )
    rd = _Reader(doc, lx, res)
    labels = [m[0] for a, b in lines[i + 1 : stop] if (m := SUB_LABEL.match(text[a:b]))]
    rd.cyrillic = cyrillic_order([re.sub(r"[()\s.]", "", x) for x in labels])
    end = b0
    for a, b in lines[i + 1 : stop]:
        s = text[a:b].strip()
        if lx.annex.fullmatch(s) and s[-1] not in _END_PUNCT:
            break  # not "Annex 1 to resolution <n> (<year>), concerning …" wrapped in a paragraph
        end = b
        rd.line(a, b)
    paras = rd.paras
    if rd.unnumbered is not None and not any(p.kind == "operative" for p in paras):
        dropped = paras[rd.unnumbered :]
        rd.doubt(
            f"an unnumbered operative part ({len(dropped)} paragraph(s), from «{text[dropped[0].start : dropped[0].start + 40]}…») "
            "is not counted as paragraphs",
            dropped[0].start,
        )
        del paras[rd.unnumbered :]
    res.end = end
    pp = 0
    for p in paras:
        chapeau = " ".join(text[x:y].strip() for x, y in p.pieces).strip()
        if p.kind == "preambular":
            pp += 1
            pid, lead = f"PP{pp}", _lead(chapeau, lx.preambular_leads, lx.lead_adverbs, lx.lead_fallback)
        else:
            # "5. (a) Decides that all States …": the lead comes after the label
            body = chapeau[m.end() :] if (m := SUB_LABEL.match(chapeau)) else chapeau
            pid, lead = f"OP{p.number}", _lead(body, lx.operative_leads, lx.lead_adverbs, lx.lead_fallback)
        subs = tuple(
            SubParagraph(
                f"{pid}{x.id}", x.label, text[x.body : x.end].strip(), x.start, x.end, doc.page_at(x.start)
            )
            for x in p.subs
        )
        res.paragraphs.append(
            Paragraph(pid, p.kind, p.number, lead, chapeau, doc.page_at(p.start), p.start, p.end, subs)
        )
    return res
