"""Member states and Security Council rosters: names in six languages, lookup and matching.

Data: ``resinspect.data/members.toml`` (ISO3 -> six UN short names + aliases) and
``resinspect.data/council.toml`` (Council membership by year), both loaded once.

Matching a printed vote list to the Council of a year is exact first (on normalised names and
aliases), then fuzzy with a one-to-one assignment, so two printed items never claim one member and
a name that is not close enough stays unmatched instead of being forced onto a member.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

LANGS = ("en", "fr", "es", "ru", "zh", "ar")

# Below this similarity (0..1, rapidfuzz Indel ratio on normalised names) an item stays unmatched.
FUZZY_THRESHOLD = 0.8


@dataclass(frozen=True)
class Country:
    iso3: str
    names: dict[str, str]  # lang -> UN short name
    aliases: dict[str, tuple[str, ...]]
    permanent: bool

    @property
    def name(self) -> str:
        """The English short name as the UN prints it."""
        return self.names["en"]

    def __hash__(self) -> int:
        return hash(self.iso3)


@dataclass(frozen=True)
class Match:
    item: str
    country: Country | None
    score: float
    method: str  # "exact" | "fuzzy" | "none"


# --------------------------------------------------------------------------------------------
# Loading


def _read_toml(name: str) -> dict:
    return tomllib.loads(resources.files("resinspect.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def countries() -> dict[str, Country]:
    """All known states (UN members, former states found in Council records, observers) by ISO3."""
    out: dict[str, Country] = {}
    for iso3, entry in _read_toml("members.toml").items():
        aliases = {lang: tuple(vals) for lang, vals in entry.get("aliases", {}).items()}
        out[iso3] = Country(
            iso3=iso3,
            names=dict(entry["names"]),
            aliases=aliases,
            permanent=bool(entry.get("permanent", False)),
        )
    return out


@cache
def _council_table() -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    table = _read_toml("council.toml")
    return {int(year): (tuple(row["permanent"]), tuple(row["elected"])) for year, row in table.items()}


def council_years() -> range:
    """The years the Council table covers."""
    years = sorted(_council_table())
    return range(years[0], years[-1] + 1)


def council(year: int) -> list[Country]:
    """The members of the Security Council in a calendar year, in English alphabetical order."""
    table = _council_table()
    if year not in table:
        years = council_years()
        raise ValueError(
            f"no Security Council roster for {year}: the table covers {years.start}-{years.stop - 1}"
        )
    perm, elected = table[year]
    known = countries()
    members = [known[code] for code in (*perm, *elected)]
    return sorted(members, key=lambda c: normalize_name(c.name))


def is_permanent(iso3: str, year: int | None = None) -> bool:
    """True for a permanent member; with a year, only if it held a permanent seat that year."""
    if year is None:
        country = countries().get(iso3.upper())
        return bool(country and country.permanent)
    table = _council_table()
    if year not in table:
        return False
    return iso3.upper() in table[year][0]


# --------------------------------------------------------------------------------------------
# Normalisation

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "\u061c": None,
        "\ufeff": None,
    }
)
_AR_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"
)  # harakat, Quranic marks, tatweel
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC = re.compile("[\u0600-\u06ff]")
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_EDGE_PUNCT = " .,;:"


def strip_arabic_marks(text: str) -> str:
    """Arabic text without harakat, Quranic marks and tatweel («اتُخذ» → «اتخذ»)."""
    return _AR_MARKS.sub("", text)


def normalize_name(text: str, lang: str | None = None) -> str:
    """Comparable form of a country name: NFKC, case-folded, one kind of quote and dash, no leading
    "the", single spaces, no trailing full stop; Arabic without tatweel and diacritics, with alef
    forms, alef maqsura and teh marbuta unified; Chinese without spaces."""
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    s = s.casefold().replace("i\u0307", "i")  # "TÜRKİYE".casefold() leaves a combining dot
    if lang == "ar" or _ARABIC.search(s):
        s = strip_arabic_marks(s).translate(_AR_LETTERS)
    s = _SPACE.sub(" ", s).strip(_EDGE_PUNCT)
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"\s*\(\s*", " (", s)
    s = re.sub(r"\s*\)", ")", s).strip()
    s = _LEADING_THE.sub("", s)
    if lang == "zh" or _CJK.search(s):
        s = s.replace(" ", "")
    return s


_LINE_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*")


def _variants(text: str) -> list[str]:
    """The text itself and, if a line break follows a hyphen, the word joined without it."""
    out = [text]
    if _LINE_HYPHEN.search(text):
        out.insert(0, _LINE_HYPHEN.sub("", text))  # "Gren-\nadines" -> "Grenadines"
        out.append(_LINE_HYPHEN.sub("-", text))  # "Guinea-\nBissau" -> "Guinea-Bissau"
    return out


# --------------------------------------------------------------------------------------------
# Exact lookup


@cache
def _index() -> dict[str | None, dict[str, str]]:
    """normalised name -> ISO3, per language and (key None) across all languages."""
    index: dict[str | None, dict[str, str]] = {lang: {} for lang in (*LANGS, None)}
    for iso3, country in countries().items():
        for lang in LANGS:
            forms = (country.names.get(lang, ""), *country.aliases.get(lang, ()))
            for form in forms:
                if not form:
                    continue
                key = normalize_name(form, lang)
                index[lang].setdefault(key, iso3)
                index[None].setdefault(key, iso3)
    return index


def lookup(name: str, lang: str | None = None) -> Country | None:
    """The state whose normalised name or alias equals the normalised `name` (in `lang` only, if given)."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    table = _index()[lang]
    for variant in _variants(name):
        iso3 = table.get(normalize_name(variant, lang))
        if iso3:
            return countries()[iso3]
    return None


_CONJUNCTION = re.compile(r"^(?:and|et|y|e|и)\s+", re.IGNORECASE)


def _item_variants(item: str) -> list[str]:
    """Variants of a printed list item: as is, then without a leading conjunction ("and Viet Nam")."""
    out = _variants(item.strip())
    stripped = [_CONJUNCTION.sub("", v.strip(), count=1) for v in out]
    stripped += [v[1:] for v in out if v.startswith("و") and len(v) > 4]  # Arabic «و» joined to the name
    return out + [v for v in stripped if v not in out]


def _exact(item: str, lang: str) -> Country | None:
    for variant in _item_variants(item):
        found = lookup(variant, lang if lang in LANGS else None) or lookup(variant)
        if found:
            return found
    return None


# --------------------------------------------------------------------------------------------
# Fuzzy matching


def _fuzzy_key(text: str, lang: str | None) -> str:
    key = normalize_name(text, lang)
    if _ARABIC.search(key):
        key = key.replace(" ", "")  # broken Arabic fonts turn letters into spaces
    return key


@cache
def _choices() -> tuple[list[str], list[str]]:
    """Every normalised name/alias of every state, and the ISO3 each belongs to."""
    keys: list[str] = []
    owners: list[str] = []
    for iso3, country in countries().items():
        for lang in LANGS:
            for form in (country.names.get(lang, ""), *country.aliases.get(lang, ())):
                if form:
                    keys.append(_fuzzy_key(form, lang))
                    owners.append(iso3)
    return keys, owners


def _similarity(items: list[str], lang: str) -> tuple[np.ndarray, list[str]]:
    """items x states matrix of the best similarity (0..1) of each item to any form of each state."""
    import numpy as np
    from rapidfuzz import fuzz, process

    keys, owners = _choices()
    codes = sorted(set(owners))
    column = {code: i for i, code in enumerate(codes)}
    out = np.zeros((len(items), len(codes)))
    for row, item in enumerate(items):
        queries = [_fuzzy_key(v, lang) for v in _item_variants(item)]
        raw = process.cdist(queries, keys, scorer=fuzz.ratio, dtype=np.float32).max(axis=0) / 100.0
        for score, owner in zip(raw, owners, strict=True):
            j = column[owner]
            if score > out[row, j]:
                out[row, j] = score
    return out, codes


def match_members(items: list[str], year: int | None, lang: str = "en") -> list[Match]:
    """Match printed member names to states, one Match per item in the same order.

    Exact matches (normalised names and aliases, any language) come first; a state that is not on
    the year's roster still matches exactly (the caller should warn). The rest are matched fuzzily
    to roster members not yet taken, one item per member (Hungarian assignment); an item scoring
    below FUZZY_THRESHOLD, or matching some other state better than the roster member, stays
    unmatched (method "none"). With ``year=None`` every known state is a candidate.
    """
    import numpy as np  # numpy/scipy are imported only when matching is needed (CLI start-up time)
    from scipy.optimize import linear_sum_assignment

    roster = [c.iso3 for c in council(year)] if year is not None else sorted(countries())
    known = countries()
    results: list[Match | None] = [None] * len(items)
    taken: set[str] = set()
    pending: list[int] = []
    for i, item in enumerate(items):
        found = _exact(item, lang)
        if found is not None:
            results[i] = Match(item, found, 1.0, "exact")
            taken.add(found.iso3)
        else:
            pending.append(i)

    free = [code for code in roster if code not in taken]
    if pending and free:
        sim, codes = _similarity([items[i] for i in pending], lang)
        column = {code: j for j, code in enumerate(codes)}
        cols = [column[code] for code in free]
        scores = sim[:, cols]
        usable = np.where(scores >= FUZZY_THRESHOLD, scores, 0.0)
        rows, picked = linear_sum_assignment(usable, maximize=True)
        for r, c in zip(rows, picked, strict=True):
            score = float(scores[r, c])
            if score < FUZZY_THRESHOLD:
                continue
            others = np.delete(sim[r], cols[c])
            if others.size and float(others.max()) > score:
                continue  # another state (off the roster or taken) is a better match: do not force
            i = pending[r]
            results[i] = Match(items[i], known[free[c]], round(score, 4), "fuzzy")

    return [m if m is not None else Match(items[i], None, 0.0, "none") for i, m in enumerate(results)]
