"""Citations of Security Council and General Assembly resolutions, presidential statements and documents."""

from __future__ import annotations

import bisect
import functools
import re

from .data_files import load
from .lexicon import all_lexicons, scoped
from .model import Citation, Document, Mention, Resolution
from .symbols import LATIN_DIGITS as _DIGITS
from .symbols import OTHER_DIGITS as _OTHER_DIGITS

_W = r"[\s\u00a0\u2009\u202f]*"
_OPEN, _CLOSE = r"[(（]", r"[)）]"

# "2436 (2018)", "2436(2018)", "2436 （2018）" — validated against the table of resolution numbers by year.
_NUM_YEAR = re.compile(rf"(?<![\d/.\-])(\d{{1,4}}){_W}{_OPEN}{_W}(\d{{4}}){_W}{_CLOSE}")
# Arabic text left in visual order by extraction: "(2018) 2436".
_YEAR_NUM = re.compile(rf"{_OPEN}{_W}(\d{{4}}){_W}{_CLOSE}{_W}(\d{{1,4}})(?![\d/])")
# Right-to-left lines: a Latin "S/RES/1645 (2005)" comes out of bidi reordering as ")2005( S/RES/1645".
_S_RES_RTL = re.compile(rf"[()]{_W}(\d{{4}}){_W}[()]{_W}S{_W}/{_W}RES{_W}/{_W}(\d{{1,4}})(?![\d/])", re.I)
# Chinese justified lines: a gap inside a number becomes a space ("、1 985(2011)、").
_CJK_SPLIT = re.compile(
    rf"(?<=[\u3000-\u303f\u4e00-\u9fff\uff0c])(\d{{1,3}}) (\d{{1,3}}){_W}{_OPEN}{_W}(\d{{4}}){_W}{_CLOSE}"
)
_S_RES = re.compile(rf"S{_W}/{_W}RES{_W}/{_W}(\d{{1,4}}){_W}{_OPEN}{_W}(\d{{4}}){_W}{_CLOSE}", re.I)
# a space after a slash: a symbol wrapped at a line end and re-joined ("(S/PRST/ 2012/10)", S/RES/2533 (2020) zh)
_PRST = re.compile(rf"S{_W}/{_W}PRST{_W}/{_W}(\d{{4}}){_W}/{_W}(\d{{1,3}})(?!\d)")
_GA_SYMBOL = re.compile(r"A/RES/(\d{1,3})/(\d{1,4})(?![\d/])")
_GA_NUMBERED = re.compile(r"(\d{1,3})/(\d{1,4})(?![\d/])")
_GA_ROMAN = re.compile(rf"resolutions?{_W}(\d{{1,4}}){_W}([A-Z]){_W}\({_W}([IVXL]+){_W}\)")
_DOC = re.compile(
    rf"(?<![A-Za-z/])S/{_W}(?:(\d{{4}})/{_W}(\d{{1,4}})((?:/(?:Add|Corr|Rev)\.\d+)*)|PV\.(\d{{1,5}}))(?![\d])"
)
_LINKS = ("undocs.org", "docs.un.org")


@functools.cache
def _years() -> dict[int, tuple[int, int]]:
    return {int(y): (int(a), int(b)) for y, (a, b) in load("sc_resolutions")["years"].items()}


def is_sc_resolution(number: int, year: int) -> bool:
    """True when `number (year)` names a Security Council resolution (numbers run by year)."""
    years = _years()
    if year in years:
        first, last = years[year]
        return first <= number <= last
    last_year = max(years)
    return year > last_year and number > years[last_year][1]


def year_of(number: int) -> int | None:
    """The year of Security Council resolution `number` (numbers run by year), or None past the table."""
    for year, (first, last) in _years().items():
        if first <= number <= last:
            return year
    return None


@functools.cache
def _yearless_keyword() -> re.Pattern[str]:
    """The Latin and Cyrillic keywords (lexicons' sc_keyword) right before a number: searched in the few
    characters before each number, which costs far less than scanning the whole text for the keywords."""
    keywords = [lx.sc_keyword.pattern for lx in all_lexicons() if lx.lang in ("en", "fr", "es", "ru")]
    return re.compile("(?:" + "|".join(f"(?:{scoped(k)})" for k in keywords) + r")[\s\u00a0]+\Z")


# Resolutions named by number alone: "resolution 2520", "resolutions 1325 and 2250" (S/RES/2551, 2548 (2020) en,
# es, ru), «第1325和2250号决议», «القرار 2520», «قراري مجلس الأمن … 1325 و 2250» (zh, ar). A number followed by a
# year, a slash (General Assembly) or another digit is not one; three digits at least.
_YEARLESS_NUM = r"\d{3,4}(?![\d/.,]\d|\d|\s*[(/（])"
_BARE_NUMBER = re.compile(rf"(?<![\d/.,]){_YEARLESS_NUM}")
_LIST_LINK = re.compile(r"(?:\s*,\s*|\s+(?:and|et|y|и)\s+)\Z")
_YEARLESS_ZH = re.compile(rf"第\s*{_YEARLESS_NUM}(?:\s*[、和及与]\s*{_YEARLESS_NUM})*(?=\s*号决议)")
_YEARLESS_AR = re.compile(
    rf"(?:ال)?قرار(?:ات|ي|ين)?\s+(?:مجلس\s+الأمن\s+(?:التابع\s+للأمم\s+المتحدة\s+)?)?{_YEARLESS_NUM}"
    rf"(?:\s*(?:،|,|و)\s*{_YEARLESS_NUM})*"
)
# another body's resolution: named just before the keyword, or just after the number(s)
_OTHER_BEFORE = re.compile(r"(?:assembly|council of europe|human rights council|大会)\W*$")
_OTHER_AFTER = re.compile(
    r"\s*(?:de\s+l[’'`]\s*|de\s+la\s+|del\s+)?(?:assembl|asamblea|генеральной\s+ассамбле|conseil\s+des\s+droits|consejo\s+de\s+derechos)"
)


def _yearless_mentions(t: str):
    """Resolutions named by number alone, as (kind, symbol, number, year, start, end); a list's first mention
    starts at its keyword."""
    groups: list[list[tuple[int, int, int]]] = []  # runs of (keyword start, number start, number end)
    kw = _yearless_keyword()
    last_end = -1
    for g in _BARE_NUMBER.finditer(t):
        a, b = g.span()
        before = t[max(0, a - 40) : a]
        if groups and last_end >= 0 and _LIST_LINK.search(t[last_end:a]) and a - last_end < 8:
            groups[-1].append((groups[-1][0][0], a, b))  # "resolutions 1325 and 2250"
        elif k := kw.search(before):
            groups.append([(a - len(before) + k.start(), a, b)])
        else:
            last_end = -1
            continue
        last_end = b
    if "号决议" in t:
        groups += [_numbers_of(m) for m in _YEARLESS_ZH.finditer(t)]
    if "قرار" in t:
        groups += [_numbers_of(m) for m in _YEARLESS_AR.finditer(t)]
    for run in groups:
        start, end = run[0][0], run[-1][2]
        before, after = t[max(0, start - 25) : start].lower(), t[end : end + 40].lower()
        if _OTHER_BEFORE.search(before) or _OTHER_AFTER.match(after):
            continue  # "General Assembly resolution 1514", "résolution 1514 de l'Assemblée générale"
        for k, (_, a, b) in enumerate(run):
            n = int(t[a:b])
            y = year_of(n)
            if y is not None:
                yield "sc_resolution", _sc_symbol(n, y), n, y, start if k == 0 else a, b


def _numbers_of(m: re.Match[str]) -> list[tuple[int, int, int]]:
    return [
        (m.start(), m.start() + g.start(), m.start() + g.end()) for g in re.finditer(r"\d{3,4}", m.group())
    ]


def _sc_symbol(number: int, year: int) -> str:
    return f"S/RES/{number} ({year})"


def _keyword_before(text: str, start: int) -> int:
    """Extend a mention leftwards over "resolution(s) " / "S/RES/" when it stands right before."""
    head = text[max(0, start - 40) : start]
    m = re.search(r"(?:(?:its|Security Council)\s+)?[Rr]esolutions?[\s\u00a0]+$", head)
    return start - (len(head) - m.start()) if m else start


def _candidates(text: str, doc_lang_rtl: bool):
    """(kind, symbol, number, year, start, end) for every candidate mention, in text order."""
    t = text.translate(_DIGITS) if _OTHER_DIGITS.search(text) else text
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _S_RES.finditer(t):
        n, y = int(m[1]), int(m[2])
        taken.append(m.span())
        yield "sc_resolution", _sc_symbol(n, y), n, y, m.start(), m.end()
    for m in _CJK_SPLIT.finditer(t):
        n, y = int(m[1] + m[2]), int(m[3])
        if len(m[1] + m[2]) <= 4 and is_sc_resolution(n, y):
            taken.append(m.span())
            yield "sc_resolution", _sc_symbol(n, y), n, y, m.start(), m.end()
    if doc_lang_rtl:
        for m in _S_RES_RTL.finditer(t):
            y, n = int(m[1]), int(m[2])
            if free(*m.span()) and is_sc_resolution(n, y):
                taken.append(m.span())
                yield "sc_resolution", _sc_symbol(n, y), n, y, m.start(), m.end()
    for m in _NUM_YEAR.finditer(t):
        if not free(*m.span()):
            continue
        n, y = int(m[1]), int(m[2])
        if is_sc_resolution(n, y):
            taken.append(m.span())
            yield "sc_resolution", _sc_symbol(n, y), n, y, _keyword_before(t, m.start()), m.end()
    if doc_lang_rtl:
        for m in _YEAR_NUM.finditer(t):
            if not free(*m.span()):
                continue
            y, n = int(m[1]), int(m[2])
            if is_sc_resolution(n, y):
                taken.append(m.span())
                yield "sc_resolution", _sc_symbol(n, y), n, y, m.start(), m.end()
    for kind, symbol, n, y, a, b in _yearless_mentions(t):
        if free(a, b):
            taken.append((a, b))
            yield kind, symbol, n, y, a, b
    for m in _PRST.finditer(t):
        yield "presidential_statement", f"S/PRST/{m[1]}/{int(m[2])}", None, int(m[1]), m.start(), m.end()
    for m in _GA_SYMBOL.finditer(t):
        taken.append(m.span())
        yield "ga_resolution", f"A/RES/{m[1]}/{m[2]}", None, None, m.start(), m.end()
    for m in re.finditer(r"General\s+Assembly\s+resolutions?\s+", t):
        pos = m.end()
        while (g := _GA_NUMBERED.match(t, pos)) is not None:
            if free(*g.span()):
                taken.append(g.span())
                yield (
                    "ga_resolution",
                    f"A/RES/{g[1]}/{g[2]}",
                    None,
                    None,
                    g.start() if pos > m.end() else m.start(),
                    g.end(),
                )
            j = re.match(r"(?:,\s*|\s+and\s+|\s+as well as\s+)", t[g.end() :])
            if not j:
                break
            pos = g.end() + j.end()
    for m in _GA_ROMAN.finditer(t):
        if free(*m.span()):
            yield "ga_resolution", f"A/RES/{m[1]}({m[3]})", None, None, m.start(), m.end()
    for m in _DOC.finditer(t):
        line_start = t.rfind("\n", 0, m.start()) + 1
        if any(k in t[line_start : m.start()] for k in _LINKS) and "RES" in t[m.start() : m.end() + 5]:
            continue
        if m[4]:
            yield "document", f"S/PV.{int(m[4])}", None, None, m.start(), m.end()
        else:
            suffix = m[3] or ""
            yield "document", f"S/{m[1]}/{int(m[2])}{suffix}", None, int(m[1]), m.start(), m.end()


def _number_of(symbol: str | None) -> int | None:
    m = re.match(r"S/RES/(\d+)", symbol or "")
    return int(m[1]) if m else None


def extract_citations(doc: Document, resolutions: list[Resolution]) -> list[Citation]:
    """Citations in the whole document, grouped by cited symbol, each with its paragraphs and mentions."""
    spans: list[tuple[int, int, str, Resolution]] = []
    for res in resolutions:
        for p in res.paragraphs:
            spans.append((p.start, p.end, p.id, res))
    spans.sort(key=lambda x: x[0])
    starts = [s[0] for s in spans]
    own = {r.symbol for r in resolutions if r.symbol}
    if doc.symbol:
        own.add(doc.symbol)
    rtl = "ar" in doc.languages
    res_ranges = sorted((r.start, r.end, r) for r in resolutions)

    by_symbol: dict[str, Citation] = {}
    for kind, symbol, number, year, start, end in sorted(_candidates(doc.text, rtl), key=lambda c: c[4]):
        if symbol in own:
            continue
        i = bisect.bisect_right(starts, start) - 1
        pid = None
        citing = None
        if i >= 0 and spans[i][0] <= start < spans[i][1]:
            pid, citing = spans[i][2], spans[i][3]
        else:
            for a, b, r in res_ranges:
                if a <= start < b:
                    citing = r
        if kind == "sc_resolution" and citing is not None:
            mine = _number_of(citing.symbol)
            if mine is not None and number is not None and number >= mine:
                continue  # a resolution cannot cite a later one (or itself)
        cit = by_symbol.get(symbol)
        if cit is None:
            cit = by_symbol[symbol] = Citation(kind, symbol, number, year)
        cit.mentions.append(Mention(doc.text[start:end], start, end, doc.page_at(start)))
        if pid and pid not in cit.paragraphs:
            cit.paragraphs.append(pid)
    order = {"sc_resolution": 0, "ga_resolution": 1, "presidential_statement": 2, "document": 3}
    return sorted(by_symbol.values(), key=lambda c: (order[c.kind], c.mentions[0].start))
