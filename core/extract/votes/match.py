"""Printed member names → states of the year's Council: exact lookup first, then fuzzy matching with a
one-to-one assignment, so two printed items never claim one member and a name that is not close enough stays
unmatched instead of being forced onto a member."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...data.lexicon import joiners
from ...data.roster import Country, council, countries, lookup, normalize_name, spelling_variants
from ...model import LANGUAGES, Member, VoteList
from ...text.scripts import ARABIC_RE
from .assign import linear_sum_assignment
from .segment import Piece

# Below this similarity (0..1, rapidfuzz Indel ratio on normalised names) an item stays unmatched.
FUZZY_THRESHOLD = 0.8


@dataclass(frozen=True)
class Match:
    item: str
    country: Country | None
    score: float
    method: str  # "exact" | "fuzzy" | "none"


@cache
def _conjunctions() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A leading conjunction written apart ("and Viet Nam", "et la France"), and those written joined to the
    next word (Arabic «و»): from the lexicons' list joiners."""
    j = joiners()
    return re.compile(r"^(?:" + "|".join(map(re.escape, j.apart)) + r")\s+", re.IGNORECASE), j.attached


def _item_variants(item: str) -> list[str]:
    """Variants of a printed list item: as is, then without a leading conjunction ("and Viet Nam", «وفرنسا»)."""
    out = spelling_variants(item.strip())
    apart, attached = _conjunctions()
    stripped = [apart.sub("", v.strip(), count=1) for v in out]
    stripped += [v[len(w) :] for v in out for w in attached if v.startswith(w) and len(v) > len(w) + 3]
    return out + [v for v in stripped if v not in out]


def _exact(item: str, lang: str) -> Country | None:
    for variant in _item_variants(item):
        found = lookup(variant, lang if lang in LANGUAGES else None) or lookup(variant)
        if found:
            return found
    return None


def _fuzzy_key(text: str, lang: str | None) -> str:
    key = normalize_name(text, lang)
    if ARABIC_RE.search(key):
        key = key.replace(" ", "")  # broken Arabic fonts turn letters into spaces
    return key


@cache
def _choices() -> tuple[list[str], list[str]]:
    """Every normalised name/alias of every state, and the ISO3 each belongs to."""
    keys: list[str] = []
    owners: list[str] = []
    for iso3, country in countries().items():
        for lang in LANGUAGES:
            for form in (country.names.get(lang, ""), *country.aliases.get(lang, ())):
                if form:
                    keys.append(_fuzzy_key(form, lang))
                    owners.append(iso3)
    return keys, owners


def _similarity(items: list[str], lang: str) -> tuple[Any, list[str]]:
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


def match_members(
    items: list[str], year: int | None, lang: str = "en", taken: Iterable[str] = ()
) -> list[Match]:
    """Match printed member names to states, one Match per item in the same order.

    Exact matches (normalised names and aliases, any language) come first; a state that is not on
    the year's roster still matches exactly (the caller should warn). The rest are matched fuzzily
    to roster members not yet taken, one item per member (Hungarian assignment); an item scoring
    below FUZZY_THRESHOLD, or matching some other state better than the roster member, stays
    unmatched (method "none"). With ``year=None`` every known state is a candidate. Members in `taken` are
    already named elsewhere in the vote (by exact segmentation) and are no candidates.
    """
    roster = [c.iso3 for c in council(year)] if year is not None else sorted(countries())
    known = countries()
    results: list[Match | None] = [None] * len(items)
    taken = set(taken)
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
        import numpy as np  # only when fuzzy matching is needed (start-up time)

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


def name_pieces(
    text: str, pieces: list[tuple[VoteList, Piece]], year: int | None, lang: str
) -> Iterator[tuple[VoteList, Member]]:
    """The members of segmented lists, in order: exact pieces as they are, the others (approximate spans and
    unmatched letters) matched one-to-one to the members not named exactly, or left unmatched."""
    known = countries()
    exact = {p.iso3 for _, p in pieces if p.how == "exact" and p.iso3}
    loose = [i for i, (_, p) in enumerate(pieces) if p.how != "exact" or not p.iso3]
    found = match_members([text[pieces[i][1].start : pieces[i][1].end] for i in loose], year, lang, exact)
    by_index = dict(zip(loose, found, strict=True))
    for i, (key, p) in enumerate(pieces):
        printed = text[p.start : p.end]
        if i in by_index:
            mt = by_index[i]
            c = mt.country
            yield (
                key,
                Member(c.name if c else printed, c.iso3 if c else None, printed, p.start, p.end, mt.score),
            )
        else:
            assert p.iso3 is not None
            yield key, Member(known[p.iso3].name, p.iso3, printed, p.start, p.end, 1.0)
