"""A printed list of members read as one string and cut into members by dynamic programming.

The list is folded into a *skeleton*: letters only (case, accents, Arabic marks and letter variants folded),
spaces, hyphens, full stops and line breaks dropped, the list marks («,» «،» «、» …) kept. A word boundary is
remembered where something was dropped, so "United Kingd om⏎of Great Britain and Northern Ireland" is
`unitedkingdomofgreatbritainandnorthernireland` with boundaries after `united`, `kingd`, `om` … Every name
variant of every state in the list's language (members.toml) is an edge over the skeleton; so are the list
marks, the language's conjunctions and articles, and single unmatched letters. The cheapest path names the
members; an "and" inside a name can never cut it, because the name explains it for free while a cut leaves
letters unexplained. Names of the year's Council cost less than other states', so the roster guides the cut;
a stated count, when there is one, picks among paths of equal cost. What matches no name stays an unmatched
item, and a second pass lets a span of such letters match a name approximately (rapidfuzz, loaded only then).
Which member an approximate span is, is decided by `match` (one-to-one with the exact ones).
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ...data.lexicon import lexicon
from ...data.roster import council, countries
from ...model import LANGUAGES
from ...text.arabic import strip_marks, unify_letters
from ...text.scripts import ARABIC_RE, HAN_RE

__all__ = ["Edge", "Piece", "best_path", "read_list", "skeleton"]

# Costs, in "unexplained letters": a letter no name explains costs 1.
SEGMENT = 0.3  # each item: of two paths that explain every letter, the one with fewer items wins
OFF_ROSTER = 2.0  # a name of a state not on the year's Council
NO_BOUNDARY = 1.0  # a name starting or ending inside a word
FUZZY_WEIGHT = 2.0  # an approximate name costs this much per letter of dissimilarity
FUZZY_MIN = 80.0  # rapidfuzz ratio below which a span is no name
FUZZY_SPAN = 90  # longest span (skeleton letters) tried as an approximate name
COUNT_SLACK = 3.0  # a path with the stated number of items is taken if it costs at most this much more
MAX_ITEMS = 40


@dataclass(frozen=True)
class Piece:
    """One item of a list: its span in the text, and the state its letters name (None: unmatched)."""

    start: int
    end: int
    iso3: str | None
    how: str  # "exact" | "approx" (a span near a name, identity left to `match`) | "none"
    score: float = 1.0


# --- the skeleton ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _fold(ch: str) -> tuple[str, bool]:
    """(folded letters of one character, whether dropping it marks a word boundary)."""
    if ARABIC_RE.match(ch):
        s = unify_letters(strip_marks(ch))
        return s, not s and ch.isspace()
    if ch.isalpha():
        d = unicodedata.normalize("NFKD", ch)
        s = "".join(c for c in d if not unicodedata.combining(c)).casefold()
        return "".join(c for c in s if c.isalpha()), False
    return "", not unicodedata.category(ch).startswith("M")


@dataclass(frozen=True)
class Skeleton:
    chars: str
    at: tuple[int, ...]  # offset in the text of each skeleton character
    cut: tuple[bool, ...]  # len(chars) + 1: a word boundary before position i


def skeleton(text: str, marks: str) -> Skeleton:
    chars: list[str] = []
    at: list[int] = []
    cut: list[bool] = [True]
    gap = True
    for i, ch in enumerate(text):
        if ch in marks:
            if chars:
                cut[-1] = True
            chars.append(ch)
            at.append(i)
            cut.append(True)
            gap = True
            continue
        s, boundary = _fold(ch)
        if not s:
            gap = gap or boundary
            continue
        wide = bool(HAN_RE.match(ch))
        for c in s:
            if chars:
                cut[-1] = cut[-1] or gap or wide
            chars.append(c)
            at.append(i)
            cut.append(wide)
            gap = False
    if cut:
        cut[-1] = True
    return Skeleton("".join(chars), tuple(at), tuple(cut))


def fold_name(name: str) -> str:
    """The skeleton letters of a name (no list marks)."""
    return "".join(_fold(ch)[0] for ch in name)


# --- the names ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    trie: dict  # char -> node; node["$"] = ISO3 codes of the states whose variant ends here
    joiners: tuple[str, ...]  # conjunctions written apart ("and"), folded
    attached: tuple[str, ...]  # conjunctions written onto the next word («و»), folded
    articles: tuple[str, ...]
    marks: str
    variants: tuple[tuple[str, str], ...]  # (folded variant, ISO3), for approximate matching


@functools.cache
def _words(lang: str) -> _Words:
    trie: dict = {}
    variants: dict[str, str] = {}
    for iso3, c in countries().items():
        for form in (c.names.get(lang, ""), *c.aliases.get(lang, ())):
            key = fold_name(form)
            if len(key) < 2:
                continue
            node = trie
            for ch in key:
                node = node.setdefault(ch, {})
            node.setdefault("$", []).append(iso3)
            variants.setdefault(key, iso3)
    lx = lexicon(lang)
    marks, apart, attached = "", [], []
    for j in lx.list_joiners:
        if not any(ch.isalpha() for ch in j):
            marks += j
        elif ARABIC_RE.search(j) or HAN_RE.search(j):
            attached.append(fold_name(j))
        else:
            apart.append(fold_name(j))
    return _Words(
        trie,
        tuple(apart),
        tuple(attached),
        tuple(fold_name(a) for a in lx.vote.articles),
        marks,
        tuple(variants.items()),
    )


def _roster(year: int | None) -> frozenset[str] | None:
    if year is None:
        return None
    try:
        return frozenset(c.iso3 for c in council(year))
    except ValueError:
        return None


# --- the lattice ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """An edge of the lattice from its start position to `end`."""

    end: int
    cost: float
    kind: str  # "name" | "approx" | "sep" | "junk"
    iso3: str | None = None
    first: int = 0  # skeleton position where the printed item starts (an article or «و» included)
    score: float = 1.0


def _starts(sk: Skeleton, i: int, w: _Words) -> Iterator[tuple[int, bool]]:
    """Where a name may begin at position i: i itself, or after an article or an attached conjunction
    (the item then includes them); with whether a word boundary precedes the name."""
    yield i, sk.cut[i]
    if not sk.cut[i]:
        return
    for a in w.articles:
        j = i + len(a)
        if sk.chars.startswith(a, i) and j < len(sk.chars) and sk.cut[j]:
            yield j, True
    for a in w.attached:
        if sk.chars.startswith(a, i) and i + len(a) < len(sk.chars):
            yield i + len(a), True


def _edges(sk: Skeleton, w: _Words, roster: frozenset[str] | None) -> list[list[Edge]]:
    n = len(sk.chars)
    out: list[list[Edge]] = [[] for _ in range(n)]
    s = sk.chars
    for i in range(n):
        ch = s[i]
        if ch in w.marks:
            out[i].append(Edge(i + 1, 0.0, "sep"))
            continue
        out[i].append(Edge(i + 1, 1.0, "junk"))
        if sk.cut[i]:
            for j in (*w.joiners, *w.attached):
                if s.startswith(j, i) and sk.cut[i + len(j)]:
                    out[i].append(Edge(i + len(j), 0.0, "sep"))
        for p, bounded in _starts(sk, i, w):
            node: dict | None = w.trie
            q = p
            while q < n and node is not None and (node := node.get(s[q])) is not None:
                q += 1
                for iso3 in node.get("$", ()):
                    cost = SEGMENT + (0.0 if bounded else NO_BOUNDARY)
                    cost += 0.0 if sk.cut[q] else NO_BOUNDARY
                    cost += OFF_ROSTER if roster is not None and iso3 not in roster else 0.0
                    out[i].append(Edge(q, cost, "name", iso3, i))
    return out


def _approx_edges(
    sk: Skeleton, w: _Words, roster: frozenset[str] | None, gaps: list[tuple[int, int]]
) -> dict[int, list[Edge]]:
    """Approximate names over the stretches no exact name explained, by start position."""
    from rapidfuzz import fuzz, process  # only when some letters matched no name (start-up time)

    extra: dict[int, list[Edge]] = {}
    keys = [k for k, _ in w.variants]
    owners = [o for _, o in w.variants]
    for a, b in gaps:
        cuts = [i for i in range(a, b + 1) if sk.cut[i]]
        for x, i in enumerate(cuts):
            for j in cuts[x + 1 :]:
                if j - i > FUZZY_SPAN:
                    break
                span = sk.chars[i:j]
                if any(ch in w.marks for ch in span):
                    break
                if j - i < 3:
                    continue
                for p, _bounded in _starts(sk, i, w):
                    if p >= j:
                        continue
                    hit = process.extractOne(sk.chars[p:j], keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
                    if hit is None:
                        continue
                    sim, k = hit[1], hit[2]
                    iso3 = owners[k]
                    cost = SEGMENT + FUZZY_WEIGHT * (1 - sim / 100.0) * (j - p)
                    cost += OFF_ROSTER if roster is not None and iso3 not in roster else 0.0
                    extra.setdefault(i, []).append(Edge(j, cost, "approx", iso3, i, sim / 100.0))
    return extra


@dataclass
class Path:
    cost: float
    edges: list[tuple[int, Edge]]


def best_path(
    n: int,
    lattice: list[list[Edge]],
    count: int | None,
    item_cost: float = SEGMENT,
    slack: float = COUNT_SLACK,
) -> Path:
    """Cheapest path over a lattice of edges from each position (names, separators, unmatched letters: a
    run of those is one item, which costs `item_cost`); with `count`, the cheapest with that many items if
    it costs at most `slack` more. Any list reader's lattice: the skeleton's here, a garbled item's letters
    in `garbled`. States: (position, items so far, last edge junk?)."""
    inf = math.inf
    # table[i][(k, junk)] = (cost, previous position, previous state, edge)
    table: list[dict[tuple[int, bool], tuple[float, int, tuple[int, bool], Edge | None]]] = [
        {} for _ in range(n + 1)
    ]
    table[0][(0, False)] = (0.0, -1, (0, False), None)
    for i in range(n):
        here = table[i]
        if not here:
            continue
        for state, (cost, _, _, _) in here.items():
            k, junk = state
            for e in lattice[i]:
                if e.kind == "junk":
                    nk, nj = (k if junk else k + 1), True
                    c = cost + e.cost + (0.0 if junk else item_cost)
                elif e.kind == "sep":
                    nk, nj = k, False
                    c = cost + e.cost
                else:
                    nk, nj = k + 1, False
                    c = cost + e.cost
                if nk > MAX_ITEMS:
                    continue
                slot = table[e.end]
                old = slot.get((nk, nj))
                if old is None or c < old[0]:
                    slot[(nk, nj)] = (c, i, state, e)
    end = table[n]
    if not end:
        return Path(inf, [])
    best_state = min(end, key=lambda s: end[s][0])
    if count is not None:
        fits = [s for s in end if s[0] == count]
        if fits:
            s = min(fits, key=lambda s: end[s][0])
            if end[s][0] <= end[best_state][0] + slack:
                best_state = s
    edges: list[tuple[int, Edge]] = []
    pos, state = n, best_state
    total = end[best_state][0]
    while pos > 0:
        _, prev, prev_state, edge = table[pos][state]
        assert edge is not None
        edges.append((prev, edge))
        pos, state = prev, prev_state
    edges.reverse()
    return Path(total, edges)


def _close(text: str, a: int, b: int) -> int:
    """The end of a name whose closing bracket the skeleton dropped: "Bolivia (Plurinational State of)"."""
    while text.count("(", a, b) > text.count(")", a, b):
        k = b
        while k < len(text) and text[k].isspace():
            k += 1
        if k >= len(text) or text[k] != ")":
            break
        b = k + 1
    return b


def _pieces(text: str, sk: Skeleton, path: Path, base: int) -> list[Piece]:
    out: list[Piece] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(Piece(base + sk.at[run[0]], base + sk.at[run[-1]] + 1, None, "none", 0.0))
            run.clear()

    for i, e in path.edges:
        if e.kind == "junk":
            run.append(i)
            continue
        flush()
        if e.kind in ("name", "approx"):
            a = sk.at[e.first]
            b = _close(text, a, sk.at[e.end - 1] + 1)
            out.append(Piece(base + a, base + b, e.iso3, "exact" if e.kind == "name" else "approx", e.score))
    flush()
    return out


def read_list(
    text: str, lang: str, year: int | None, count: int | None = None, base: int = 0, approx: bool = True
) -> list[Piece]:
    """The items of a printed list of members, in order, with their offsets (plus `base`); with `approx`
    False, letters no name explains exactly stay unmatched (no second pass)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    w = _words(lang)
    sk = skeleton(text, w.marks)
    n = len(sk.chars)
    if n == 0:
        return []
    roster = _roster(year)
    lattice = _edges(sk, w, roster)
    path = best_path(n, lattice, count)
    gaps = _gaps(path) if approx else []
    if gaps:
        for i, extra in _approx_edges(sk, w, roster, gaps).items():
            lattice[i] = lattice[i] + extra
        path = best_path(n, lattice, count)
    return _pieces(text, sk, path, base)


def _gaps(path: Path) -> list[tuple[int, int]]:
    """Stretches between exactly matched names (and list marks) that hold unexplained letters."""
    gaps: list[tuple[int, int]] = []
    start: int | None = None
    has_junk = False
    last = 0
    for i, e in path.edges:
        if e.kind == "name":
            if start is not None and has_junk:
                gaps.append((start, i))
            start, has_junk = None, False
            continue
        if start is None:
            start = i
        has_junk = has_junk or e.kind == "junk"
        last = e.end
    if start is not None and has_junk:
        gaps.append((start, last))
    return gaps
