"""UN document symbols: parse the printed forms and file-name forms, normalise to the printed form."""

from __future__ import annotations

import re
from pathlib import PurePath

# Printed forms. Whitespace class covers non-breaking and thin spaces.
_WS = r"[\s\u00a0\u2009\u202f]*"
_SC_RES = re.compile(rf"^S{_WS}/{_WS}RES{_WS}/{_WS}(\d{{1,4}}){_WS}\({_WS}(\d{{4}}){_WS}\)$", re.I)
_SC_RES_SLUG = re.compile(r"^S[_\-/]RES[_\-/](\d{1,4})[_\-\s]*\(?(\d{4})\)?$", re.I)
_PV = re.compile(rf"^S{_WS}[/_]{_WS}PV{_WS}\.{_WS}(\d{{1,5}})(?:[\s_]*\(?(Resumption)[\s_]*(\d*)\)?)?$", re.I)
_PRST = re.compile(r"^S[/_]PRST[/_](\d{4})[/_](\d{1,3})$", re.I)
_GA_RES = re.compile(r"^A[/_]RES[/_](\d{1,3})[/_](\d{1,4}[A-Z]?)$", re.I)
_SC_DOC = re.compile(r"^S[/_](\d{4})[/_](\d{1,4})((?:[/_](?:Add|Corr|Rev)\.\d+)*)$", re.I)

# Language suffixes seen in file names: `-AR`, `.en`, `_E` (UN job-file letters A C E F R S).
_LANG_SUFFIX = re.compile(r"[-._](ar|en|es|fr|ru|zh|[ACEFRS])$", re.I)
_LETTER_LANG = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}
LANGS = ("ar", "en", "es", "fr", "ru", "zh")
# Arabic-Indic and Eastern Arabic-Indic digits to Latin, one character for one (offsets are kept).
LATIN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
OTHER_DIGITS = re.compile("[٠-٩۰-۹]")  # worth translating only when one is there: translate is slow


def normalize_symbol(text: str) -> str | None:
    """The printed form of a symbol (`S/RES/2518 (2020)`, `S/PV.8700`, `S/2020/249`…), or None."""
    s = text.strip()
    if m := _SC_RES.match(s) or _SC_RES_SLUG.match(s):
        return f"S/RES/{int(m[1])} ({m[2]})"
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


def parse_filename(name: str) -> tuple[str | None, str | None]:
    """(symbol, language) read from a file name such as `S_2020_249-AR.txt` or `S_PV.8700_E.pdf`."""
    stem = PurePath(name).name
    stem = re.sub(r"\.(pdf|txt|text)$", "", stem, flags=re.I)
    lang = None
    if m := _LANG_SUFFIX.search(stem):
        code = m[1]
        lang = _LETTER_LANG.get(code) if len(code) == 1 else code.lower()
        if len(code) == 1 and not code.isupper():
            lang = None
        if lang:
            stem = stem[: m.start()]
    cand = stem.replace("-", "_")
    return normalize_symbol(cand) or normalize_symbol(stem), lang
