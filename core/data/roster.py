"""Member states and Security Council rosters: names in six languages, normalised comparison and lookup.

Data: ``resinspect.data/members.toml`` (ISO3 -> six UN short names + aliases) and
``resinspect.data/council.toml`` (Council membership by year), both loaded once. Matching printed vote
lists to a roster is `extract/votes/match.py`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..model import LANGUAGES
from ..text.arabic import strip_marks, unify_letters
from ..text.scripts import ARABIC_RE, HAN_RE
from .load import load


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


# --------------------------------------------------------------------------------------------
# Loading


@cache
def countries() -> dict[str, Country]:
    """All known states (UN members, former states found in Council records, observers) by ISO3."""
    out: dict[str, Country] = {}
    for iso3, entry in load("members").items():
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
    table = load("council")
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
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_EDGE_PUNCT = " .,;:"


def normalize_name(text: str, lang: str | None = None) -> str:
    """Comparable form of a country name: NFKC, case-folded, one kind of quote and dash, no leading
    "the", single spaces, no trailing full stop; Arabic without tatweel and diacritics, with alef
    forms, alef maqsura and teh marbuta unified; Chinese without spaces."""
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    s = s.casefold().replace("i\u0307", "i")  # "TÜRKİYE".casefold() leaves a combining dot
    if lang == "ar" or ARABIC_RE.search(s):
        s = unify_letters(strip_marks(s))
    s = _SPACE.sub(" ", s).strip(_EDGE_PUNCT)
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"\s*\(\s*", " (", s)
    s = re.sub(r"\s*\)", ")", s).strip()
    s = _LEADING_THE.sub("", s)
    if lang == "zh" or HAN_RE.search(s):
        s = s.replace(" ", "")
    return s


_LINE_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*")


def spelling_variants(text: str) -> list[str]:
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
    index: dict[str | None, dict[str, str]] = {lang: {} for lang in (*LANGUAGES, None)}
    for iso3, country in countries().items():
        for lang in LANGUAGES:
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
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    table = _index()[lang]
    for variant in spelling_variants(name):
        iso3 = table.get(normalize_name(variant, lang))
        if iso3:
            return countries()[iso3]
    return None
