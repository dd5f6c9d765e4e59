"""Document → resolutions: each found by its enacting formula, split into preambular and operative paragraphs
with their lead words and sub-paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..data.lexicon import Lexicon, all_lexicons, lead_start, lexicon, operative_start
from ..model import Document, Paragraph, ParagraphKind, Resolution, SubParagraph
from ..text.dates import find_date
from ..text.language import detect_language
from ..text.scripts import ARABIC, ARABIC_LABEL, CJK_PAREN_NUMBERS, WIDE_RE, latin_digits
from ..text.symbols import sc_resolution

# Printed operative numbers: "1.", "1 -" (Arabic), "1．" (Chinese full-width), "١ -".
# ("- 2 يقرر": an Arabic "2 -" that the bidi reordering printed reversed, S/RES/2505 (2020) ar)
_OP_NUM = re.compile(rf"^(?:(\d{{1,3}})\s*[.\-–．、]\s*|[\-–]\s*(\d{{1,3}})\s+(?=[{ARABIC}]))")
_OP_NUM_BARE = re.compile(r"^(\d{1,3})\s+()")  # group 2 empty, as in _OP_NUM
# Sub-paragraph labels: "(a)", "(i)", "(12)", Cyrillic "(а)", Arabic "(أ)"; "a)", "i)", "а)" as French, Spanish and
# Russian texts print them (S/RES/2514 (2020) fr, es, ru); second-level labels "㈠" (Chinese) and "‘1’" (Arabic),
# whose ids use roman numerals like the other languages': OP8(a)(i).
_SUB_LABEL = re.compile(
    rf"^(?:\(\s*([a-z]{{1,2}}|[ivxlc]{{1,6}}|\d{{1,2}}|[а-я]{{1,2}}|[{ARABIC_LABEL}]{{1,2}})\s*\)\s*"
    r"|([a-z]|[ivxlc]{1,6}|[а-я])\)\s+"
    rf"|([{CJK_PAREN_NUMBERS}])\s*"
    r"|[‘’']\s*([1-9]\d?)\s*[’‘']\s*)"
)
_ROMAN = re.compile(r"^[ivxlc]+$")
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
           "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv"]  # fmt: skip


_NEXT_ROMAN = dict(zip(_ROMANS, _ROMANS[1:], strict=False))


def _sub_label(m: re.Match[str]) -> tuple[str, bool]:
    """The label of a sub-paragraph match for its id, and whether it can only be a second-level one."""
    if m[3]:
        return _ROMANS[ord(m[3]) - 0x3220], True  # ㈠ … ㈩
    if m[4]:
        n = int(m[4])
        return (_ROMANS[n - 1] if n <= len(_ROMANS) else m[4]), True
    return (m[1] or m[2]), False


def _is_second_level(label: str, top: str, prev: str, prev_is_second: bool) -> bool:
    """Whether a label that may be a letter or a roman numeral ("(c)", "(i)", "(v)") is a roman numeral under
    the current lettered sub-paragraph `top`; `prev` is the label just before it."""
    if not _ROMAN.match(label):
        return False
    if len(top) == 1 and len(label) == 1 and ord(label) == ord(top) + 1:
        return False  # the next letter: "(h)" then "(i)", "(b)(ii)" then "(c)"
    if label == "i":
        return True
    return prev_is_second and _NEXT_ROMAN.get(prev) == label


_END_PUNCT = ".;:,،؛。；：，"


@dataclass
class _Para:
    kind: ParagraphKind
    number: int | None
    start: int
    end: int
    body_start: int  # after the printed number
    subs: list[tuple[str, int, int, int]] = field(default_factory=list)  # (label id, start, body_start, end)
    pieces: list[tuple[int, int]] = field(default_factory=list)  # spans of chapeau text
    roman_top: bool = (
        False  # its first-level labels are the second-level kind ("㈠", "‘1’"): no letters above
    )


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
        and not _OP_NUM.match(s)
    )


def _ends(text: str, end: int, chars: str) -> bool:
    """The paragraph ending at `end` ends with one of `chars` (perhaps before a footnote mark)."""
    s = text[max(0, end - 8) : end].rstrip().rstrip("0123456789*")
    return bool(s) and s[-1] in chars


def find_resolutions(doc: Document) -> list[Resolution]:
    """Every resolution in the document, each with its paragraphs."""
    text = doc.text
    out: list[Resolution] = []
    lexes = all_lexicons()
    lines = list(_lines(text))
    starts = []  # (line index, lexicon)
    for i, (a, b) in enumerate(lines):
        s = text[a:b].strip()
        for lx in lexes:
            if lx.enacting.fullmatch(s):
                starts.append((i, lx))
                break
    for k, (i, lx) in enumerate(starts):
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
        out.append(_parse_resolution(doc, lines, i, stop, lx))
    return out


def _title(
    doc: Document, lines: list[tuple[int, int]], i: int, lx: Lexicon
) -> tuple[str | None, str | None, int | None]:
    """Symbol, adoption date and where the title block starts, from the lines just above the enacting
    formula (the resolution heading and the adoption line)."""
    symbol = date = None
    first: int | None = None
    for a, b in reversed(lines[max(0, i - 8) : i]):
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


def _parse_resolution(
    doc: Document, lines: list[tuple[int, int]], i: int, stop: int, lx: Lexicon
) -> Resolution:
    text = doc.text
    a0, b0 = lines[i]
    symbol, date, title_start = _title(doc, lines, i, lx)
    lang = detect_language(text[a0 : lines[stop - 1][1]]) if stop > i else lx.lang
    if lang != lx.lang:
        try:
            lx = lexicon(lang)
        except FileNotFoundError:
            pass
    res = Resolution(
        symbol=symbol,
        language=lang,
        start=a0,
        end=b0,
        page=doc.page_at(a0),
        date=date,
        enacting_formula=text[a0:b0].strip(),
        title_start=title_start,
    )
    paras: list[_Para] = []
    unnumbered: int | None = None
    last_op = 0
    in_ops = False
    end = b0
    for a, b in lines[i + 1 : stop]:
        s = text[a:b]
        if lx.annex.fullmatch(s.strip()) and s.strip()[-1] not in _END_PUNCT:
            break  # not "Annex 1 to resolution 1966 (2010), concerning …" wrapped in a paragraph (S/2020/590)
        end = b
        m = _OP_NUM.match(s)
        if m is None and (bare := _OP_NUM_BARE.match(s)) and int(bare[1]) == last_op + 1:
            # the number's period lost in extraction: "7 Further underlines …" after paragraph 6 (S/RES/1345 (2001))
            m = bare if operative_start().match(s, bare.end()) else None
        n = int(latin_digits(m[1] or m[2])) if m else None
        if m is not None and n is not None and n > last_op and (n <= last_op + 3 or not in_ops):
            paras.append(_Para("operative", n, a, b, a + m.end(), pieces=[(a + m.end(), b)]))
            last_op, in_ops = n, True
            continue
        sm = _SUB_LABEL.match(s)
        if sm and paras:
            cur = paras[-1]
            label, second = _sub_label(sm)
            sid = f"({label})"
            if not cur.subs:
                cur.roman_top = (
                    second  # "㈠ …", "‘1’ …" right under the paragraph (S/RES/2514 (2020) OP10 zh, ar)
                )
            elif not (second and cur.roman_top):
                top = cur.subs[-1][0].split(")(")[0] + ")" if ")(" in cur.subs[-1][0] else cur.subs[-1][0]
                prev = cur.subs[-1][0].rsplit("(", 1)[-1][:-1]
                if second or _is_second_level(label, top[1:-1], prev, ")(" in cur.subs[-1][0]):
                    sid = f"{top}({label})"
            cur.subs.append((sid, a, a + sm.end(), b))
            cur.end = b
            continue
        if not in_ops:
            if _is_heading(s, lx, 2) and paras and not lx.preambular_opener.match(s):
                continue  # "Prevention of Illicit Exports of Petroleum, including Crude Oil …" (S/RES/2509 (2020))
            if (
                unnumbered is None
                and paras
                and _ends(text, paras[-1].end, ",")
                and operative_start().match(s)
            ):
                # perhaps an unnumbered operative part: "…(S/2000/5), / Recommends to the General Assembly
                # that …" (S/RES/1290 (2000)); dropped at the end when no numbered paragraph follows
                unnumbered = len(paras)
            paras.append(_Para("preambular", None, a, b, a, pieces=[(a, b)]))
            continue
        # inside the operative part: a heading, or text continuing the paragraph above
        if _is_heading(s, lx):
            continue
        if s[:1].isupper() and _ends(text, paras[-1].end, ".;"):
            if lead_start().match(s) and _ends(text, b, ",;:"):
                # the preamble of a later part ("III" / "Reaffirming the legal basis …," after paragraph 18,
                # S/RES/1305 (2000)): its own paragraph, not the end of the one above
                paras.append(_Para("preambular", None, a, b, a, pieces=[(a, b)]))
                continue
            if not lx.preambular_opener.match(s):
                # a new capitalised line after a finished paragraph: a heading such as
                # "With regard to the trade in diamonds," (S/RES/1295 (2000))
                continue
        cur = paras[-1]
        if cur.subs:
            sid, sa, sb, _ = cur.subs[-1]
            cur.subs[-1] = (sid, sa, sb, b)
        else:
            cur.pieces.append((a, b))
        cur.end = b
    if unnumbered is not None and not in_ops:
        del paras[unnumbered:]
    res.end = end
    pp = 0
    for p in paras:
        chapeau = " ".join(text[x:y].strip() for x, y in p.pieces).strip()
        if p.kind == "preambular":
            pp += 1
            pid, lead = f"PP{pp}", _lead(chapeau, lx.preambular_leads, lx.lead_adverbs, lx.lead_fallback)
        else:
            # "5. (a) Decides that all States …" (S/RES/1343 (2001)): the lead comes after the label
            body = chapeau[m.end() :] if (m := _SUB_LABEL.match(chapeau)) else chapeau
            pid, lead = f"OP{p.number}", _lead(body, lx.operative_leads, lx.lead_adverbs, lx.lead_fallback)
        subs = tuple(
            SubParagraph(
                f"{pid}{sid}", sid.rsplit("(", 1)[-1][:-1], text[sb:se].strip(), sa, se, doc.page_at(sa)
            )
            for sid, sa, sb, se in p.subs
        )
        res.paragraphs.append(
            Paragraph(pid, p.kind, p.number, lead, chapeau, doc.page_at(p.start), p.start, p.end, subs)
        )
    return res
