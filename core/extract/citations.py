"""Citations of Security Council and General Assembly resolutions, presidential statements and documents.

Symbol forms (`S/RES/2436 (2018)`, `2436 (2018)`, `A/RES/70/1`, `S/PRST/2018/10`, `S/2020/240`) are the same in
every language; the words around numbers are each language's, from the lexicons' `[citation]`: the keyword
before a resolution number (`sc_keyword`), the General Assembly named before or after its numbers
(`ga_keyword`, `ga_keyword_after`), the words joining a list (`list_joiners`) and other bodies whose
resolutions these are not (`other_body_before`, `other_body_after`). A number is a Security Council resolution
only if that number was adopted in that year (`data/sc_resolutions.toml`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..data.lexicon import NEVER, all_lexicons, any_of, joiners, scoped
from ..data.numbering import is_sc_resolution, year_of
from ..model import CITATION_KINDS, Citation, CitationKind, Document, Issue, Mention, Resolution
from ..text import gate
from ..text.scripts import latin_digits
from ..text.symbols import parse_sc_resolution, sc_resolution

_W = r"\s*"
_OPEN, _CLOSE = r"[(（]", r"[)）]"
# a year in brackets: four digits, one stray space among them allowed ("(201 8)": glyphs a little apart)
_YEAR = r"(\d{4}|\d \d{3}|\d\d \d\d|\d{3} \d)"

# "2436 (2018)", "2436(2018)", "2436 （2018）" — validated against the table of resolution numbers by year.
_NUM_YEAR = re.compile(rf"(?<![\d/.\-])(\d{{1,4}}){_W}{_OPEN}{_W}{_YEAR}{_W}{_CLOSE}")
# Arabic text left in visual order by extraction: "(2018) 2436".
_YEAR_NUM = re.compile(rf"{_OPEN}{_W}(\d{{4}}){_W}{_CLOSE}{_W}(\d{{1,4}})(?![\d/])")
# Right-to-left lines: a Latin "S/RES/<number> (<year>)" comes out of bidi reordering as ")<year>( S/RES/<number>".
_S_RES_RTL = re.compile(rf"[()]{_W}(\d{{4}}){_W}[()]{_W}S{_W}/{_W}RES{_W}/{_W}(\d{{1,4}})(?![\d/])", re.I)
# A gap inside a number become a space: justified lines of scripts without spaces ("、1 985(2011)、"), glyphs a
# little apart in any ("resolution 243 6 (2018)"); taken where the number joined is the year's, else neither
# part is a resolution (the first is not read as a yearless one, see _BARE_NUMBER).
_SPLIT = re.compile(rf"(?<![\d/.\-])(\d{{1,3}}) (\d{{1,3}}){_W}{_OPEN}{_W}{_YEAR}{_W}{_CLOSE}")
_S_RES = re.compile(rf"S{_W}/{_W}RES{_W}/{_W}(\d{{1,4}}){_W}{_OPEN}{_W}{_YEAR}{_W}{_CLOSE}", re.I)
# a space after a slash: a symbol wrapped at a line end and re-joined ("(S/PRST/ 2012/10)")
_PRST = re.compile(rf"S{_W}/{_W}PRST{_W}/{_W}(\d{{4}}){_W}/{_W}(\d{{1,3}})(?!\d)")
_GA_SYMBOL = re.compile(r"A/RES/(\d{1,3})/(\d{1,4})(?![\d/])")
_GA_NUMBER = r"\d{1,3}/\d{1,4}(?![\d/])"
_GA_NUMBERED = re.compile(r"(\d{1,3})/(\d{1,4})(?![\d/])")
_DOC = re.compile(
    rf"(?<![A-Za-z/])S/{_W}(?:(\d{{4}})/{_W}(\d{{1,4}})((?:/(?:Add|Corr|Rev)\.\d+)*)|PV\.(\d{{1,5}}))(?![\d])"
)
_LINKS = ("undocs.org", "docs.un.org")
# Resolutions named by number alone ("resolution 2520", "resolutions 1325 and 2250", «第1325和2250号决议»,
# «القرار 2520»): three digits at least; a number followed by a year, a slash (General Assembly) or another
# digit is not one.
_BARE_NUMBER = re.compile(r"(?<![\d/.,])\d{3,4}(?![\d/.,]\d|\d|\s*[(/（])")
_LINK_MAX = 12  # characters between two numbers of one list at most (" as well as ")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible citation: what it names, and where it is printed."""

    kind: CitationKind
    symbol: str
    number: int | None
    year: int | None
    start: int
    end: int
    printed_year: int | None = None  # the year printed, where it is not the resolution's own (`_misdated`)


# ------------------------------------------------------------------------------ words from the lexicons


@functools.cache
def _keyword_before() -> re.Pattern[str]:
    """Any language's resolution keyword right before a number (searched in the few characters before it),
    one named group per language."""
    parts = [
        f"(?P<{lx.lang}>{scoped(lx.sc_keyword.pattern)})"
        for lx in all_lexicons()
        if lx.sc_keyword is not NEVER
    ]
    return re.compile("(?:" + "|".join(parts) + r")\s*\Z")


@functools.cache
def _keyword_after() -> dict[str, re.Pattern[str]]:
    """The words a language prints after a run of resolution numbers («号决议»), where it has them."""
    out = {}
    for lx in all_lexicons():
        if lx.sc_keyword_after is not NEVER:
            out[lx.lang] = re.compile(r"\s*(?:" + scoped(lx.sc_keyword_after.pattern) + ")")
    return out


@functools.cache
def _list_link() -> re.Pattern[str]:
    """What may stand between two numbers of one list: joiners (", ", " and ", "、", " و ") in any language."""
    return re.compile(f"(?:{joiners().link.pattern})+")


@functools.cache
def _other_body() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lexes = all_lexicons()
    return any_of([lx.other_body_before for lx in lexes]), any_of([lx.other_body_after for lx in lexes])


@functools.cache
def _ga_before() -> re.Pattern[str]:
    """The General Assembly named before its numbers, in any language, then the first number."""
    kw = any_of([lx.ga_keyword for lx in all_lexicons()])
    return re.compile(rf"(?:{kw.pattern})\s*(?={_GA_NUMBER})")


@functools.cache
def _ga_after() -> re.Pattern[str]:
    """A resolution keyword, a list of General Assembly numbers, then the Assembly named after them."""
    link = _list_link().pattern
    parts = []
    for lx in all_lexicons():
        if lx.ga_keyword_after is not NEVER and lx.sc_keyword is not NEVER:
            parts.append(
                rf"(?:{scoped(lx.sc_keyword.pattern)})\s*(?P<{lx.lang}>{_GA_NUMBER}(?:{link}{_GA_NUMBER})*)"
                rf"\s*(?:{scoped(lx.ga_keyword_after.pattern)})"
            )
    return re.compile("|".join(parts) or NEVER.pattern)


# ------------------------------------------------------------------------------------------- finders


def _yearless(t: str) -> Iterator[Candidate]:
    """Resolutions named by number alone; a list's first mention starts at its keyword."""
    kw, after = _keyword_before(), _keyword_after()
    link = _list_link()
    runs: list[tuple[str, int, list[tuple[int, int]]]] = []  # (language, keyword start, number spans)
    last_end = -1
    for g in _BARE_NUMBER.finditer(t):
        a, b = g.span()
        if (s := _SPLIT.match(t, a)) and _split_number(s):
            continue  # "243 6 (2018)": the first part of a number a gap split, not "resolution 243"
        before = t[max(0, a - 40) : a]
        if runs and last_end >= 0 and a - last_end <= _LINK_MAX and link.fullmatch(t, last_end, a):
            runs[-1][2].append((a, b))
        elif k := kw.search(before):
            runs.append((k.lastgroup or "", a - len(before) + k.start(), [(a, b)]))
        else:
            last_end = -1
            continue
        last_end = b
    before_rx, after_rx = _other_body()
    for lang, start, spans in runs:
        end = spans[-1][1]
        if lang in after and not after[lang].match(t, end):
            continue  # «第1325和2250号决议»: the run must end with the keyword's second half
        if before_rx.search(t[max(0, start - 25) : start]) or after_rx.match(t[end : end + 40]):
            continue  # "General Assembly resolution 1514", "résolution 1514 de l'Assemblée générale"
        for i, (a, b) in enumerate(spans):
            n = int(t[a:b])
            y = year_of(n)
            if y is not None:
                yield Candidate("sc_resolution", sc_resolution(n, y), n, y, start if i == 0 else a, b)


def _extend_to_keyword(text: str, start: int) -> int:
    """A mention's start moved left over a resolution keyword that stands right before it ("resolution ",
    "la résolution ", «القرار »)."""
    head = text[max(0, start - 40) : start]
    m = _keyword_before().search(head)
    return start - len(head) + m.start() if m else start


def _general_assembly(t: str) -> Iterator[tuple[Candidate, tuple[int, int]]]:
    """General Assembly resolutions named by the Assembly and their session/number ("60/251"), each with the
    span of its number."""
    link = _list_link()
    for m in gate.finditer(_ga_before(), t):
        pos = m.end()
        while (g := _GA_NUMBERED.match(t, pos)) is not None:
            start = m.start() if pos == m.end() else g.start()
            yield Candidate("ga_resolution", f"A/RES/{g[1]}/{g[2]}", None, None, start, g.end()), g.span()
            j = link.match(t, g.end())
            if not j or not _GA_NUMBERED.match(t, j.end()):
                break
            pos = j.end()
    for m in gate.finditer(_ga_after(), t):
        group = m.lastgroup or ""
        a = m.start(group)
        for k, g in enumerate(_GA_NUMBERED.finditer(m[group])):
            span = (a + g.start(), a + g.end())
            start = m.start() if k == 0 else span[0]
            yield Candidate("ga_resolution", f"A/RES/{g[1]}/{g[2]}", None, None, start, span[1]), span


# what follows the keyword in "resolution 377 A (V)": on its own, a cheap test of whether a text can hold one
_GA_ROMAN_TAIL = rf"(\d{{1,4}}){_W}([A-Z]){_W}\({_W}([IVXL]+){_W}\)"
_GA_ROMAN_ANCHOR = re.compile(_GA_ROMAN_TAIL)


@functools.cache
def _ga_roman() -> re.Pattern[str]:
    """The Assembly's early symbols: "resolution 377 A (V)" (keyword in any language)."""
    kw = any_of([lx.sc_keyword for lx in all_lexicons()])
    return re.compile(rf"(?:{kw.pattern}){_W}{_GA_ROMAN_TAIL}")


def _year(printed: str) -> str:
    """A year as _YEAR matched it, without its stray space."""
    return printed.replace(" ", "")


def _split_number(m: re.Match[str]) -> tuple[str, str] | None:
    number = m[1] + m[2]
    return (number, _year(m[3])) if len(number) <= 4 else None


# The printed forms of a Security Council resolution, in the order they are looked for: (pattern, its number
# and year, printed as a symbol (taken as it stands) or to be checked against the table of numbers, found in
# right-to-left text only, the mention extended over the keyword before it).
_SC_FORMS: tuple[
    tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, str] | None], bool, bool, bool], ...
] = (
    (_S_RES, lambda m: (m[1], _year(m[2])), True, False, False),
    (_SPLIT, _split_number, False, False, True),
    (_S_RES_RTL, lambda m: (m[2], m[1]), False, True, False),
    (_NUM_YEAR, lambda m: (m[1], _year(m[2])), False, False, True),
    (_YEAR_NUM, lambda m: (m[2], m[1]), False, True, False),
)


class _Taken:
    """The spans of the mentions found so far, filed by position (buckets of BUCKET characters), so that
    whether a new span overlaps one of them costs the same in a letter and in a 50 MB text."""

    BUCKET = 64

    def __init__(self) -> None:
        self.buckets: dict[int, list[tuple[int, int]]] = {}

    def _keys(self, a: int, b: int) -> range:
        return range(a // self.BUCKET, max(a, b - 1) // self.BUCKET + 1)

    def append(self, span: tuple[int, int]) -> None:
        for k in self._keys(*span):
            self.buckets.setdefault(k, []).append(span)

    def free(self, a: int, b: int) -> bool:
        """No span taken overlaps a..b (as `all(b <= x or a >= y for x, y in taken)`)."""
        for k in self._keys(a, b):
            if not all(b <= x or a >= y for x, y in self.buckets.get(k, ())):
                return False
        return True


NEIGHBOUR = 6  # characters between two citations of a list (", ", " and ", " et ", "、")
# a number printed with a year one off its resolution's: start, end, number, year printed, own year, keyword form
_Misdated = tuple[int, int, int, int, int, bool]


def _misdated(t: str, found: list[_Misdated], taken: _Taken) -> Iterator[Candidate]:
    """Resolutions printed with a year one off their own ("<n> (2015)" for a resolution adopted in December
    2014), as a citation of the resolution itself, where the print leaves no doubt that one is meant:
    after a resolution keyword, or within NEIGHBOUR characters of another resolution's citation in a list.
    The year printed is kept (`printed_year`) for the warning that says so."""
    for a, b, n, y, own, keyword in found:
        if not taken.free(a, b):
            continue
        start = _extend_to_keyword(t, a) if keyword else a
        if start < a or not taken.free(max(0, a - NEIGHBOUR), a) or not taken.free(b, b + NEIGHBOUR):
            taken.append((a, b))
            yield Candidate("sc_resolution", sc_resolution(n, own), n, own, start, b, printed_year=y)


def candidates(text: str, rtl: bool) -> Iterator[Candidate]:
    """Every candidate mention, roughly in order of kind (callers sort by position)."""
    t = latin_digits(text)
    taken = _Taken()
    free = taken.free

    misdated: list[_Misdated] = []
    for rx, digits, symbol_form, rtl_only, keyword in _SC_FORMS:
        if rtl_only and not rtl:
            continue
        for m in rx.finditer(t):
            found = digits(m)
            if found is None or (not symbol_form and not free(*m.span())):
                continue
            n, y = int(found[0]), int(found[1])
            if symbol_form or is_sc_resolution(n, y):
                taken.append(m.span())
                start = _extend_to_keyword(t, m.start()) if keyword else m.start()
                yield Candidate("sc_resolution", sc_resolution(n, y), n, y, start, m.end())
            elif (own := year_of(n)) is not None and abs(own - y) == 1:
                misdated.append((*m.span(), n, y, own, keyword))
    yield from _misdated(t, misdated, taken)
    for c in _yearless(t):
        if free(c.start, c.end):
            taken.append((c.start, c.end))
            yield c
    for m in _PRST.finditer(t):
        symbol = f"S/PRST/{m[1]}/{int(m[2])}"
        yield Candidate("presidential_statement", symbol, None, int(m[1]), m.start(), m.end())
    for m in _GA_SYMBOL.finditer(t):
        taken.append(m.span())
        yield Candidate("ga_resolution", f"A/RES/{m[1]}/{m[2]}", None, None, m.start(), m.end())
    for c, span in _general_assembly(t):
        if free(*span):
            taken.append(span)
            yield c
    for m in _ga_roman().finditer(t) if _GA_ROMAN_ANCHOR.search(t) else ():  # (every match holds the tail)
        if free(*m.span()):
            yield Candidate("ga_resolution", f"A/RES/{m[1]}({m[3]})", None, None, m.start(), m.end())
    for m in _DOC.finditer(t):
        line_start = t.rfind("\n", 0, m.start()) + 1
        if any(k in t[line_start : m.start()] for k in _LINKS) and "RES" in t[m.start() : m.end() + 5]:
            continue
        if m[4]:
            yield Candidate("document", f"S/PV.{int(m[4])}", None, None, m.start(), m.end())
        else:
            suffix = m[3] or ""
            yield Candidate("document", f"S/{m[1]}/{int(m[2])}{suffix}", None, int(m[1]), m.start(), m.end())


def _warn_misdated(doc: Document, c: Candidate) -> None:
    """The document warning for a citation printed with another year than its resolution's (once)."""
    page = doc.page_at(c.start)
    message = (
        f"page {page}: «{doc.text[c.start : c.end]}» is read as {c.symbol}: resolution {c.number} was adopted "
        f"in {c.year}, not {c.printed_year}"
    )
    if not any(i.message == message for i in doc.issues):
        doc.issues.append(Issue("citation-year", message, (page,)))


def _warn_later(doc: Document, c: Candidate, citing: str) -> None:
    """The document warning for a resolution cited by an earlier one (once): a misprinted number."""
    page = doc.page_at(c.start)
    message = f"page {page}: {citing} cites {c.symbol}, adopted after it: a misprinted number?"
    if not any(i.message == message for i in doc.issues):
        doc.issues.append(Issue("citation-later", message, (page,)))


def extract_citations(doc: Document, resolutions: list[Resolution]) -> list[Citation]:
    """Citations in the whole document, grouped by cited symbol, each with its paragraphs and mentions (each
    mention knowing the resolution and paragraph that hold it)."""
    spans: list[tuple[int, int, str, Resolution]] = []
    for res in resolutions:
        for p in res.paragraphs:
            spans.append((p.start, p.end, p.id, res))
    spans.sort(key=lambda x: x[0])
    starts = [s[0] for s in spans]
    own = {r.symbol for r in resolutions if r.symbol}
    if doc.symbol:
        own.add(doc.symbol)
    res_ranges = sorted(((r.start, r.end, r) for r in resolutions), key=lambda x: x[:2])

    by_symbol: dict[str, Citation] = {}
    for c in sorted(candidates(doc.text, "ar" in doc.languages), key=lambda c: c.start):
        if c.symbol in own:
            continue
        i = bisect.bisect_right(starts, c.start) - 1
        pid = None
        citing = None
        if i >= 0 and spans[i][0] <= c.start < spans[i][1]:
            pid, citing = spans[i][2], spans[i][3]
        else:
            for a, b, r in res_ranges:
                if a <= c.start < b:
                    citing = r
        if c.kind == "sc_resolution" and citing is not None:
            mine = parse_sc_resolution(citing.symbol)
            if mine is not None and c.number is not None and c.number >= mine[0]:
                if c.number == mine[0]:
                    continue  # its own number with another year: not a citation
                # a resolution cannot cite a later one: a misprinted number ("2550 (2020)" where the other
                # languages print 2520), kept as printed, and said
                _warn_later(doc, c, citing.symbol or "")
        if c.printed_year is not None:
            _warn_misdated(doc, c)
        cit = by_symbol.get(c.symbol)
        if cit is None:
            cit = by_symbol[c.symbol] = Citation(c.kind, c.symbol, c.number, c.year)
        cit.mentions.append(
            Mention(
                doc.text[c.start : c.end],
                c.start,
                c.end,
                doc.page_at(c.start),
                citing.symbol if citing and pid else None,
                pid,
            )
        )
        if pid and pid not in cit.paragraphs:
            cit.paragraphs.append(pid)
    order = {k: i for i, k in enumerate(CITATION_KINDS)}
    return sorted(by_symbol.values(), key=lambda c: (order[c.kind], c.mentions[0].start))
