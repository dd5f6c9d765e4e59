"""UN document symbols: parse the printed and file-name forms, normalise to the printed form, make file names.

The one place that spells the symbol formats: `S/RES/2518 (2020)` (one space before the year), `S/PV.8700`,
`S/2020/249`, `S/PRST/2018/10`, `A/RES/70/1`, and their file-name forms (`S_RES_2518_2020.en.pdf`).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..model import LANGUAGES, Lang
from .scripts import latin_digits

# Printed forms. Whitespace class covers non-breaking and thin spaces.
_WS = r"\s*"
_SC_RES = re.compile(rf"^S{_WS}/{_WS}RES{_WS}/{_WS}(\d{{1,4}}){_WS}\({_WS}(\d{{4}}){_WS}\)$", re.I)
_SC_RES_SLUG = re.compile(r"^S[_\-/]RES[_\-/](\d{1,4})[_\-\s]*\(?(\d{4})\)?$", re.I)
_PV = re.compile(rf"^S{_WS}[/_]{_WS}PV{_WS}\.{_WS}(\d{{1,5}})(?:[\s_]*\(?(Resumption)[\s_]*(\d*)\)?)?$", re.I)
_PRST = re.compile(r"^S[/_]PRST[/_](\d{4})[/_](\d{1,3})$", re.I)
_GA_RES = re.compile(r"^A[/_]RES[/_](\d{1,3})[/_](\d{1,4}[A-Z]?)$", re.I)
_SC_DOC = re.compile(r"^S[/_](\d{4})[/_](\d{1,4})((?:[/_](?:Add|Corr|Rev)\.\d+)*)$", re.I)
_SC_RES_PRINTED = re.compile(r"S/RES/(\d{1,4}) \((\d{4})\)")
_DOCUMENT = re.compile(r"S/\d{4}/\d{1,4}")  # a Council document (a draft, a letter, a report)

# Language suffixes seen in file names: `-AR`, `.en`, `_E` (UN job-file letters A C E F R S).
_LANG_SUFFIX = re.compile(r"[-._](ar|en|es|fr|ru|zh|[ACEFRS])$", re.I)
_LETTER_LANG: dict[str, Lang] = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}


def sc_resolution(number: int | str, year: int | str) -> str:
    """The printed symbol of Security Council resolution `number` of `year`: `S/RES/2518 (2020)`."""
    return f"S/RES/{int(number)} ({int(year)})"


def parse_sc_resolution(symbol: str | None) -> tuple[int, int] | None:
    """(number, year) of a printed `S/RES/N (YYYY)` symbol, or None."""
    m = _SC_RES_PRINTED.fullmatch(symbol or "")
    return (int(m[1]), int(m[2])) if m else None


# a symbol printed in a page header: `S/RES/<n> (<year>)`, `S/PV.<n>`, `S/<year>/<n>*`, `S/PRST/<year>/<n>`
_HEADER_SYMBOL = re.compile(
    r"(?<![\w/])S/(?:RES/\d{1,4}\s*\(\d{4}\)|PV\.\d{1,5}|PRST/\d{4}/\d{1,3}|\d{4}/\d{1,4})(?![\w/])"
)
HEADER_LINES = 8  # the header of a first page is within its first lines
# a header line holds the symbol and a few words ("United Nations", "Distr. GENERAL", a date), none of them in
# lower case and no comma: a sentence or clause that cites a document has lower-case words or a comma
HEADER_WORDS = 6
_NOT_HEADER = re.compile(r"\b[a-zà-ÿа-я]{2,}|[,;،؛，；]")


def header_symbol(lines: list[str]) -> str | None:
    """The document's own symbol, as its first page's header prints it: the first of the page's first lines
    that holds one symbol and a few other words, none in lower case, and no comma (not a clause that cites
    one)."""
    for line in lines[:HEADER_LINES]:
        found = _HEADER_SYMBOL.findall(line)
        rest = _HEADER_SYMBOL.sub(" ", line)
        if len(found) == 1 and len(rest.split()) <= HEADER_WORDS and not _NOT_HEADER.search(rest):
            return normalize_symbol(found[0])
    return None


def own_symbol(
    header: str | None, told: str | None, told_source: str | None
) -> tuple[str | None, str | None, str | None]:
    """(symbol, where it was read, a mismatch to report): the header's symbol when the first page prints one,
    else the symbol asked for or the file name's; a message when the header names another document."""
    if header is None:
        return told, told_source, None
    if told and told != header:
        how = "was asked for" if told_source == "input" else "is named in its file name"
        return header, "document", f"the first page's header reads {header}, but {told} {how}"
    return header, "document", None


def find_document_symbol(text: str) -> str | None:
    """The first Council document symbol (`S/2020/240`) printed in `text`, or None."""
    m = _DOCUMENT.search(text)
    return normalize_symbol(m.group(0)) if m else None


def normalize_symbol(text: str) -> str | None:
    """The printed form of a symbol (`S/RES/2518 (2020)`, `S/PV.8700`, `S/2020/249`…), or None; its digits
    Latin ones whatever digits it was printed with."""
    s = latin_digits(text.strip())
    if m := _SC_RES.match(s) or _SC_RES_SLUG.match(s):
        return sc_resolution(m[1], m[2])
    if m := _PV.match(s):
        resumption = f" (Resumption {m[3]})" if m[3] else (" (Resumption)" if m[2] else "")
        return f"S/PV.{int(m[1])}{resumption}"
    if m := _PRST.match(s):
        return f"S/PRST/{m[1]}/{int(m[2])}"
    if m := _GA_RES.match(s):
        return f"A/RES/{m[1]}/{m[2].upper()}"
    if m := _SC_DOC.match(s):
        suffix = m[3].replace("_", "/")
        suffix = re.sub(r"(add|corr|rev)", lambda x: x[1].capitalize(), suffix, flags=re.I)
        return f"S/{m[1]}/{int(m[2])}{suffix}"
    return None


def symbol_key(symbol: str) -> str:
    """A comparison key shared by a symbol and the file names made from it."""
    return re.sub(r"[^A-Z0-9]", "", symbol.upper())


def parse_filename(name: str) -> tuple[str | None, Lang | None]:
    """(symbol, language) read from a file name such as `S_2020_249-AR.txt` or `S_PV.8700_E.pdf`."""
    stem = PurePath(name).name
    stem = re.sub(r"\.(pdf|txt|text)$", "", stem, flags=re.I)
    lang: Lang | None = None
    if m := _LANG_SUFFIX.search(stem):
        code = m[1]
        if len(code) == 1:
            lang = _LETTER_LANG.get(code) if code.isupper() else None
        else:
            lang = next((x for x in LANGUAGES if x == code.lower()), None)
        if lang:
            stem = stem[: m.start()]
    cand = stem.replace("-", "_")
    return normalize_symbol(cand) or normalize_symbol(stem), lang


def slug(symbol: str) -> str:
    """File-name form of a symbol: `S/RES/2518 (2020)` → `S_RES_2518_2020`, `S/PV.8700` → `S_PV.8700`."""
    return re.sub(r"[^A-Za-z0-9.]+", "_", symbol.strip()).strip("_")


def library_filename(symbol: str, lang: str, ext: str = "pdf") -> str:
    """Name of a fetched document in the library: `S_2020_249.ar.pdf`."""
    return f"{slug(symbol)}.{lang}.{ext}"
