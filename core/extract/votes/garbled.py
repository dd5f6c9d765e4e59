"""Items of an Arabic vote list matched to that year's Council, garbled font or not.

Each item is compared with every member's UN Arabic name (and a «none» dummy per one-item list) in garbled
space, by the alignment cost of a per-document glyph model (`glyphs`). When the Arabic is garbled, the model
is learned by EM (soft, forward-backward counts) alternating with the one-to-one assignment of items to
members, with the vote labels, «لا يوجد» and phrases found in the garbled body («مجلس الأمن» …) as anchors;
each round repairs the lines' run order (`runs.repair`). Where a list holds fewer items than it is stated to,
the run order is repaired again with the count weighed (`recount`) and items holding two names are cut
(`split_merged`). How sure each item is, is `confidence`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ...data.lexicon import lexicon
from ...data.roster import countries
from ...model import VOTE_LISTS, VoteList
from ...text.arabic import letters_only, units
from .assign import linear_sum_assignment
from .glyphs import CLEAN_PRIOR, CONJUNCTION, GARBLED_PRIOR, GlyphModel, Variants
from .runs import Line, RawItem, cuts_of, items_of, repair, split_item
from .segment import Edge, best_path

KINDS: tuple[VoteList, ...] = VOTE_LISTS
EM_ROUNDS = 10
BIG = 1e6
# Items that hold two names (a list mark lost): an item is cut only if two members explain its letters at
# least SPLIT_GAIN nats better than one, and SPLIT_MARGIN nats better than cutting any other item would.
SPLIT_GAIN = 5.0
SPLIT_MARGIN = 5.0
MAX_SPLITS = 2  # items missing from a list, at most, that cutting may restore
MIN_PIECE = 2  # letters of a piece, at least
BODY_LINES = 15  # lines before the vote block searched for body anchors (and the adoption lines after it)


@dataclass(frozen=True)
class ArabicItem:
    as_printed: str
    start: int
    end: int
    iso3: str | None
    score: float


@dataclass(frozen=True)
class Column:
    key: str  # iso3, or "none:<block>" for the per-block «none» dummy
    variants: tuple[tuple[str, ...], ...]  # unit sequences of the name and its aliases
    block: int | None  # None: a member, usable in any block


class Matcher:
    """Costs of printed items against every column, computed in batches and kept per printed string."""

    def __init__(self, columns: list[Column], model: GlyphModel, variants: Variants | None = None) -> None:
        self.columns = columns
        self.model = model
        self._flat = variants or Variants([us for col in columns for us in col.variants])
        self._spans: list[tuple[int, int]] = []
        k = 0
        for col in columns:
            self._spans.append((k, k + len(col.variants)))
            k += len(col.variants)
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def prime(self, printed: Iterable[str]) -> None:
        """Score every printed string not scored yet, all at once."""
        new = [g for g in dict.fromkeys(printed) if g not in self._rows]
        if not new:
            return
        m = self.model.score_matrix(new, self._flat, optional_first=True)
        best = np.empty((len(new), len(self.columns)))
        which = np.empty((len(new), len(self.columns)), dtype=np.intp)
        for ci, (a, b) in enumerate(self._spans):
            part = m[:, a:b]
            which[:, ci] = part.argmin(axis=1)
            best[:, ci] = part[np.arange(len(new)), which[:, ci]]
        for r, g in enumerate(new):
            self._rows[g] = (best[r], which[r])

    def row(self, printed: str) -> np.ndarray:
        """−log P(printed | column) for every column."""
        if printed not in self._rows:
            self.prime([printed])
        return self._rows[printed][0]

    def cost(self, printed: str, col: int) -> tuple[float, int]:
        """(−log P(printed | column), index of the best name variant)."""
        if printed not in self._rows:
            self.prime([printed])
        costs, which = self._rows[printed]
        return float(costs[col]), int(which[col])

    def best_many(self, printed: Sequence[str], block: int) -> list[float]:
        """The cost of each printed string under its best column usable in `block`."""
        self.prime(printed)
        usable = np.array([col.block in (None, block) for col in self.columns])
        return [float(self._rows[g][0][usable].min()) for g in printed]


def label_printed(line: str, model: GlyphModel, phrases: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The label line's letters in the rotation and the lexicon phrase that fit best."""
    text = line.replace(":", " ")
    best: tuple[float, str, tuple[str, ...]] = (math.inf, "", ())
    for p in cuts_of(text):
        g = letters_only(text[p:] + text[:p])
        for ph in phrases:
            us = tuple(units(ph))
            c = model.score(g, us)
            if c < best[0]:
                best = (c, g, us)
    return best[1], best[2]


def null_costs(blocks: list[list[Line]]) -> dict[str, float]:
    counts = Counter(letters_only("".join(ln.text for lines in blocks for ln in lines)))
    total = sum(counts.values()) + 40
    return {ch: -math.log((n + 1) / total) for ch, n in counts.items()} | {"": -math.log(1 / total)}


def make_columns(roster: list, none_blocks: Sequence[int]) -> list[Column]:
    """Members, plus one «none» dummy for each block that holds a single item (a list of two is not «none»)."""
    cols = []
    for c in roster:
        names = [c.names["ar"], *c.aliases.get("ar", ())] if hasattr(c, "aliases") else [c.names["ar"]]
        vs = tuple(dict.fromkeys(tuple([CONJUNCTION, *units(n)]) for n in names if n))
        cols.append(Column(c.iso3, vs, None))
    none = lexicon("ar").vote.none
    for b in none_blocks:
        vs = tuple(tuple([CONJUNCTION, *units(n)]) for n in none)
        cols.append(Column(f"none:{b}", vs, b))
    return cols


def outsider_columns(keys: set[str]) -> list[Column]:
    """Every other state (not on the year's roster): the names an item must fit worse than its member's."""
    return make_columns([c for c in countries().values() if c.iso3 not in keys and c.names.get("ar")], [])


def assign_items(items: list[tuple[int, RawItem]], m: Matcher) -> tuple[np.ndarray, list[int | None]]:
    cols = m.columns
    cost = np.full((len(items), len(cols)), BIG)
    m.prime(it.printed for _, it in items)
    for r, (b, it) in enumerate(items):
        usable = [ci for ci, col in enumerate(cols) if col.block in (None, b)]
        cost[r, usable] = m.row(it.printed)[usable]
    rows, assigned = linear_sum_assignment(cost)
    out: list[int | None] = [None] * len(items)
    for r, ci in zip(rows, assigned, strict=True):
        if cost[r, ci] < BIG:
            out[r] = int(ci)
    return cost, out


@dataclass
class Solution:
    items: list[tuple[int, RawItem]]
    cost: np.ndarray
    assigned: list[int | None]
    matcher: Matcher
    outsider: list[tuple[float, str | None]] | None = None  # best state outside the roster, per row
    rots: list[list[int]] | None = None  # each line's rotation
    anchors: Sequence[tuple[str, Sequence[str], bool, float]] = ()  # body phrases trained on


ANCHOR_GAIN = 1.0  # nats per glyph unit a body anchor must fit better than chance to be trained on
ANCHOR_ROUNDS = (2, 5)  # EM rounds at which body anchors are (re)located


def anchor_pairs(
    body: Sequence[str], model: GlyphModel, null: dict[str, float]
) -> list[tuple[str, Sequence[str], bool, float]]:
    """Training pairs from phrases every vote letter repeats, found in garbled body lines by local alignment."""
    anchors = [tuple(units(a)) for a in lexicon("ar").body_anchors]
    out: list[tuple[str, Sequence[str], bool, float]] = []
    for line in body:
        g = letters_only(line)
        for us in anchors:
            if len(g) < len(us) // 2:
                continue
            c, i, j = model.locate(g, us)
            gain = sum(null.get(ch, 6.0) for ch in g[i:j]) - c
            if j > i and gain >= ANCHOR_GAIN * len(us):
                out.append((g[i:j], us, False, 1.0))
    return out


def train(
    blocks: list[list[Line]], labels: list[str], roster: list, garbled: bool, body: Sequence[str] = ()
) -> Solution:
    """Items of the blocks assigned to the roster's columns, with a glyph model learned by EM when the text
    is garbled (from the items, the labels and the body anchors)."""
    lex = lexicon("ar").vote.labels
    null = null_costs(blocks)
    body_pairs: list[tuple[str, Sequence[str], bool, float]] = []
    single = [b for b, lines in enumerate(blocks) if len(items_of(lines, [0] * len(lines))) <= 1]
    columns = make_columns(roster, single)
    model = GlyphModel(GARBLED_PRIOR if garbled else CLEAN_PRIOR)
    rots = [[0] * len(lines) for lines in blocks]
    rounds = EM_ROUNDS if garbled else 1
    previous = None
    sol: Solution | None = None
    encoded = Variants([us for col in columns for us in col.variants])
    for rnd in range(rounds + 1):
        matcher = Matcher(columns, model, encoded)
        rots = [[0] * len(lines) for lines in blocks]
        repair(blocks, rots, matcher.best_many)
        items = [(b, it) for b, lines in enumerate(blocks) for it in items_of(lines, rots[b])]
        cost, assigned = assign_items(items, matcher)
        sol = Solution(items, cost, assigned, matcher, rots=rots)
        state = (tuple(map(tuple, rots)), tuple(assigned))
        if rnd == rounds or (state == previous and rnd >= 4):
            break
        previous = state
        # self-training: early rounds learn only from the most confident assignments (largest margin
        # per printed letter over the next-best column), later rounds from all of them
        scored: list[tuple[float, str, Sequence[str]]] = []
        for r, ((_b, it), ci) in enumerate(zip(items, assigned, strict=True)):
            if ci is not None:
                vi = matcher.cost(it.printed, ci)[1]
                alt = min(
                    (cost[r, c] for c in range(len(columns)) if c != ci and cost[r, c] < BIG), default=BIG
                )
                margin = (alt - cost[r, ci]) / max(1, len(it.printed))
                scored.append((margin, it.printed, columns[ci].variants[vi]))
        scored.sort(key=lambda x: -x[0])
        frac = min(1.0, 0.3 + 0.2 * rnd)
        keep = scored[: max(1, math.ceil(frac * len(scored)))]
        pairs: list[tuple[str, Sequence[str], bool, float]] = [
            (g, us, True, max(0.1, min(1.0, margin / 0.5))) for margin, g, us in keep
        ]
        for kind, label in zip(KINDS, labels, strict=True):
            g, us = label_printed(label, model, lex[kind])
            if g:
                pairs.append((g, us, False, 1.0))
        if garbled and rnd in ANCHOR_ROUNDS:
            body_pairs = anchor_pairs(body, model, null)
        model = model.refit_soft(pairs + body_pairs)
    assert sol is not None
    sol.anchors = body_pairs
    return sol


def recount(sol: Solution, blocks: list[list[Line]], expected: Sequence[int | None]) -> Solution:
    """The lines' run order repaired again under the trained model, weighing the stated number of items of
    each block (`expected`): a rotation that merges two names into one item leaves a member unlisted."""
    rots = [[0] * len(lines) for lines in blocks]
    repair(blocks, rots, sol.matcher.best_many, expected)
    items = [(b, it) for b, lines in enumerate(blocks) for it in items_of(lines, rots[b])]
    cost, assigned = assign_items(items, sol.matcher)
    return Solution(items, cost, assigned, sol.matcher, rots=rots, anchors=sol.anchors)


def member_items(sol: Solution) -> list[int]:
    """How many items of each block are members (not the «none» of an empty list)."""
    counts = [0, 0, 0]
    for (b, _), ci in zip(sol.items, sol.assigned, strict=True):
        if ci is None or sol.matcher.columns[ci].block is None:
            counts[b] += 1
    return counts


def split_merged(
    sol: Solution, blocks: list[list[Line]], which: Sequence[int], short: int, null: dict[str, float]
) -> Solution:
    """Where the blocks `which` list `short` items fewer than they are known to hold (a stated count, or the
    Council's seats), the items that hold two names, cut where the roster fits best: each item's letters
    are segmented into two members (`segment.best_path` over the glyph model's costs), and the items that
    gain most are cut, provided the gain is large and clearly larger than any other item's. Otherwise
    nothing is cut."""
    rows = [r for r, (b, _) in enumerate(sol.items) if b in which]
    if short <= 0 or short > MAX_SPLITS:
        return sol
    members = [ci for ci, col in enumerate(sol.matcher.columns) if col.block is None]
    cands: list[tuple[float, int, int]] = []
    for r in rows:
        it = sol.items[r][1]
        m = len(it.printed)
        if m < 2 * MIN_PIECE:
            continue
        subs = [it.printed[i:j] for i in range(m) for j in range(i + MIN_PIECE, m + 1)]
        sol.matcher.prime(subs)
        lattice: list[list[Edge]] = [[] for _ in range(m)]
        for i in range(m):
            lattice[i].append(Edge(i + 1, null.get(it.printed[i], 6.0), "junk"))
            for j in range(i + MIN_PIECE, m + 1):
                row = sol.matcher.row(it.printed[i:j])[members]
                k = int(row.argmin())
                lattice[i].append(Edge(j, float(row[k]), "name", sol.matcher.columns[members[k]].key, i))
        path = best_path(m, lattice, 2, item_cost=0.0, slack=math.inf)
        names = [e for _, e in path.edges if e.kind == "name"]
        if len(names) != 2 or names[0].iso3 == names[1].iso3 or any(e.kind == "junk" for _, e in path.edges):
            continue
        single = float(sol.cost[r][members].min())
        cands.append((single - path.cost, r, path.edges[1][0]))
    cands.sort(reverse=True)
    if len(cands) < short or cands[short - 1][0] < SPLIT_GAIN:
        return sol
    if len(cands) > short and cands[short - 1][0] - cands[short][0] < SPLIT_MARGIN:
        return sol  # which item holds two names is not clear
    cut = {r: at for _, r, at in cands[:short]}
    items: list[tuple[int, RawItem]] = []
    for r, (b, it) in enumerate(sol.items):
        items += [(b, piece) for piece in split_item(it, cut[r], blocks[b])] if r in cut else [(b, it)]
    cost, assigned = assign_items(items, sol.matcher)
    return Solution(items, cost, assigned, sol.matcher, rots=sol.rots, anchors=sol.anchors)
