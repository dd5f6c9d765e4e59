"""Vote lists of Arabic UN letters, read from the text itself, garbled font or not.

The vote block is found by layout (three short lines ending in «:»), items are counted by Arabic commas,
and items are matched to that year's Council roster written in UN Arabic forms. When the Arabic is detected
as garbled (a font with a broken glyph map, see `garble.py`), a glyph model is learned from the document by
EM (soft, forward-backward counts) alternating with Hungarian assignment of items to members, with the vote
labels, «لا يوجد» and phrases found in the garbled body («مجلس الأمن» …) as anchors; each line's run order
(pdfminer prints RTL runs in visual order) is repaired by choosing the rotation that the roster explains best.
An item is named when a model trained without it still prefers its member clearly, over the next column or
over every other one-to-one assignment; when several items fit states outside the roster better (wrong
year?), only items that beat every outsider are named. Weak evidence leaves items unassigned (iso3 None)
with a warning.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ...clean.garble import garble_score, is_garbled
from ...data.lexicon import joiners, lexicon
from ...data.roster import council, countries
from ...model import VOTE_LISTS, Resolution, VoteList
from ...text.arabic import TATWEEL, letters_only, units
from ...text.scripts import ARABIC_LABEL, LATIN_DIGITS
from ...text.symbols import parse_sc_resolution
from .assign import linear_sum_assignment
from .glyphs import CLEAN_PRIOR, CONJUNCTION, GARBLED_PRIOR, GlyphModel

__all__ = ["ArabicItem", "ArabicVoteBlock", "find_arabic_votes"]

KINDS: tuple[VoteList, ...] = VOTE_LISTS
# Confidence (all in nats per printed letter, held-out model; calibrated on perturbed synthetic letters:
# shuffled, re-wrapped, rotated, split, dropped, damaged items and wrong-year rosters, see the tests)
MIN_MARGIN = 1.0  # between the chosen and the next-best column
MIN_GAIN = 0.0  # the chosen name must explain the item better than a unigram model
# ... or, when the one-to-one assignment settles it: the best assignment that gives the item another
# column (or leaves it out) costs at least ASSIGN_MARGIN more, and the column margin is at least half
ASSIGN_MARGIN = 2.0
ASSIGN_COLUMN_MARGIN = 0.5
# Roster check: states outside the year's roster are scored too; when ROSTER_DOUBT items fit an outsider
# better (by more than OUTSIDER_SLACK nats), the roster is in doubt (wrong year?) and every named item must
# also beat every outsider by OUTSIDER_MARGIN.
ROSTER_DOUBT = 3
OUTSIDER_SLACK = 1.0
OUTSIDER_MARGIN = 0.5
EM_ROUNDS = 10
_BIG = 1e6
BODY_LINES = 15  # lines before the vote block searched for body anchors (and the adoption lines after it)

_ARABIC = re.compile(f"[{ARABIC_LABEL}]")
_LATIN = re.compile(r"[A-Za-z]")
_NUM = re.compile(r"\d+")
_PAREN_YEAR = re.compile(r"\(\s*(\d{4})\s*\)")
_ITEM_SEP = joiners().marks  # what separates list items («،» and the others)


@dataclass(frozen=True)
class ArabicItem:
    as_printed: str
    start: int
    end: int
    iso3: str | None
    score: float


@dataclass(frozen=True)
class ArabicVoteBlock:
    start: int
    end: int
    lists: dict[str, list[ArabicItem]]
    tally: int | None
    resolution: tuple[int, int] | None
    date: str | None
    garbled: bool
    warnings: tuple[tuple[str, str], ...]


# --- layout ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str  # digits normalised to Latin (same length as the source line)
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _split_lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.translate(LATIN_DIGITS).split("\n"):
        out.append(_Line(raw, pos))
        pos += len(raw) + 1
    return out


def _is_label(line: str) -> bool:
    s = line.replace(TATWEEL, "").strip()
    if not (s.endswith(":") or s.startswith(":")) or not _ARABIC.search(s) or _NUM.search(s):
        return False
    return len(s.strip(":").split()) <= 5


def _label_triples(lines: list[_Line]) -> list[tuple[int, int, int]]:
    idx = [i for i, ln in enumerate(lines) if _is_label(ln.text)]
    out: list[tuple[int, int, int]] = []
    k = 0
    while k + 2 < len(idx):
        a, b, c = idx[k : k + 3]
        if b - a <= 20 and c - b <= 20:
            out.append((a, b, c))
            k += 3
        else:
            k += 1
    return out


def _is_list_line(s: str) -> bool:
    return bool(_ARABIC.search(s)) and not _NUM.search(s) and not _LATIN.search(s)


def _tail_lines(lines: list[_Line], first: int) -> list[int]:
    """Lines of the last vote list: up to the first line holding a full stop, list-like lines only."""
    out: list[int] = []
    for i in range(first, min(first + 6, len(lines))):
        s = lines[i].text
        if not _is_list_line(s) or _is_label(s):
            break
        out.append(i)
        if "." in s:
            break
    return out


# --- items and run-order repair --------------------------------------------------------------------------


def _cuts(line: str) -> list[int]:
    """Rotation points: a line printed `X Y` (runs in visual order) reads `Y X`; Y starts after a space."""
    cuts = [0]
    for i in range(1, len(line)):
        if not line[i].isspace() and (line[i - 1].isspace() or line[i - 1] in _ITEM_SEP + "."):
            cuts.append(i)
    return cuts


@dataclass(frozen=True)
class _RawItem:
    printed: str  # letters only, the compared form
    as_printed: str
    start: int
    end: int


def _items(lines: Sequence[_Line], rot: Sequence[int]) -> list[_RawItem]:
    seq: list[tuple[str, int | None]] = []
    for ln, p in zip(lines, rot, strict=True):
        t = ln.text
        order = list(range(p, len(t))) + list(range(p))
        if seq:
            seq.append((" ", None))
        for k, i in enumerate(order):
            if p and k == len(t) - p:
                seq.append((" ", None))
            seq.append((t[i], ln.start + i))
    items: list[_RawItem] = []
    cur: list[tuple[str, int | None]] = []
    for ch, off in [*seq, ("،", None)]:
        if ch in _ITEM_SEP:
            printed = letters_only("".join(c for c, _ in cur))
            # the item's span leaves out what `shown` strips: "النيجر." ends a list
            offs = [o for c, o in cur if o is not None and not c.isspace() and c not in ".:"]
            if printed and offs:
                shown = " ".join("".join(c for c, _ in cur).replace(TATWEEL, "").split()).strip(" .:")
                items.append(_RawItem(printed, shown, min(offs), max(offs) + 1))
            cur = []
        else:
            cur.append((ch, off))
    return items


# --- the matcher -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    key: str  # iso3, or "none:<block>" for the per-block «none» dummy
    variants: tuple[tuple[str, ...], ...]  # unit sequences of the name and its aliases
    block: int | None  # None: a member, usable in any block


class _Matcher:
    def __init__(self, columns: list[_Column], model: GlyphModel) -> None:
        self.columns = columns
        self.model = model
        self._cache: dict[tuple[str, int], tuple[float, int]] = {}

    def cost(self, printed: str, col: int) -> tuple[float, int]:
        """(−log P(printed | column), index of the best name variant)."""
        key = (printed, col)
        hit = self._cache.get(key)
        if hit is None:
            best = (math.inf, 0)
            for vi, us in enumerate(self.columns[col].variants):
                c = self.model.score(printed, us, optional_first=True)
                if c < best[0]:
                    best = (c, vi)
            hit = self._cache[key] = best
        return hit

    def best(self, printed: str, block: int) -> float:
        return min(
            self.cost(printed, ci)[0] for ci, col in enumerate(self.columns) if col.block in (None, block)
        )


CUT_PENALTY = 4.0  # nats: a seam usually follows the item-ending comma of the line's logical end


def _cut_penalty(line: str, p: int) -> float:
    before = line[:p].rstrip()
    return 0.0 if p == 0 or before.endswith(("،", ".", ",")) else CUT_PENALTY


def _repair(blocks: list[list[_Line]], rots: list[list[int]], best: Callable[[str, int], float]) -> None:
    """Coordinate ascent over each line's rotation, scoring all items of the block by their best member."""
    for b, lines in enumerate(blocks):
        cands = [_cuts(ln.text) for ln in lines]
        for _ in range(2):
            changed = False
            for li in range(len(lines)):
                scored = []
                for p in cands[li]:
                    trial = list(rots[b])
                    trial[li] = p
                    total = sum(best(it.printed, b) for it in _items(lines, trial)) + _cut_penalty(
                        lines[li].text, p
                    )
                    scored.append((total, p != rots[b][li], p))
                total, _, p = min(scored)
                if total > min(t for t, moved, _ in scored if not moved) - 0.5:
                    p = rots[b][li]  # a rotation must explain the items clearly better to be taken
                if p != rots[b][li]:
                    rots[b][li] = p
                    changed = True
            if not changed:
                break


def _label_printed(line: str, model: GlyphModel, phrases: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The label line's letters in the rotation and the lexicon phrase that fit best."""
    text = line.replace(":", " ")
    best: tuple[float, str, tuple[str, ...]] = (math.inf, "", ())
    for p in _cuts(text):
        g = letters_only(text[p:] + text[:p])
        for ph in phrases:
            us = tuple(units(ph))
            c = model.score(g, us)
            if c < best[0]:
                best = (c, g, us)
    return best[1], best[2]


def _null_costs(blocks: list[list[_Line]]) -> dict[str, float]:
    counts = Counter(letters_only("".join(ln.text for lines in blocks for ln in lines)))
    total = sum(counts.values()) + 40
    return {ch: -math.log((n + 1) / total) for ch, n in counts.items()} | {"": -math.log(1 / total)}


def _roster(year: int | None) -> list | None:
    if year is None:
        return None
    try:
        return list(council(year))
    except (KeyError, LookupError, ValueError):
        return None


def _columns(roster: list, none_blocks: Sequence[int]) -> list[_Column]:
    """Members, plus one «none» dummy for each block that holds a single item (a list of two is not «none»)."""
    cols = []
    for c in roster:
        names = [c.names["ar"], *c.aliases.get("ar", ())] if hasattr(c, "aliases") else [c.names["ar"]]
        vs = tuple(dict.fromkeys(tuple([CONJUNCTION, *units(n)]) for n in names if n))
        cols.append(_Column(c.iso3, vs, None))
    none = lexicon("ar").vote.none
    for b in none_blocks:
        vs = tuple(tuple([CONJUNCTION, *units(n)]) for n in none)
        cols.append(_Column(f"none:{b}", vs, b))
    return cols


def _outsider_columns(keys: set[str]) -> list[_Column]:
    """Every other state (not on the year's roster): the names an item must fit worse than its member's."""
    return _columns([c for c in countries().values() if c.iso3 not in keys and c.names.get("ar")], [])


def _assign(items: list[tuple[int, _RawItem]], m: _Matcher) -> tuple[np.ndarray, list[int | None]]:
    cols = m.columns
    cost = np.full((len(items), len(cols)), _BIG)
    for r, (b, it) in enumerate(items):
        for ci, col in enumerate(cols):
            if col.block in (None, b):
                cost[r, ci] = m.cost(it.printed, ci)[0]
    rows, assigned = linear_sum_assignment(cost)
    out: list[int | None] = [None] * len(items)
    for r, ci in zip(rows, assigned, strict=True):
        if cost[r, ci] < _BIG:
            out[r] = int(ci)
    return cost, out


@dataclass
class _Solution:
    items: list[tuple[int, _RawItem]]
    cost: np.ndarray
    assigned: list[int | None]
    matcher: _Matcher
    outsider: list[tuple[float, str | None]] | None = None  # best state outside the roster, per row


ANCHOR_GAIN = 1.0  # nats per glyph unit a body anchor must fit better than chance to be trained on
ANCHOR_ROUNDS = (2, 5)  # EM rounds at which body anchors are (re)located


def _body_pairs(
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


def _solve(
    blocks: list[list[_Line]], labels: list[str], roster: list, garbled: bool, body: Sequence[str] = ()
) -> _Solution:
    lex = lexicon("ar").vote.labels
    null = _null_costs(blocks)
    body_pairs: list[tuple[str, Sequence[str], bool, float]] = []
    single = [b for b, lines in enumerate(blocks) if len(_items(lines, [0] * len(lines))) <= 1]
    columns = _columns(roster, single)
    model = GlyphModel(GARBLED_PRIOR if garbled else CLEAN_PRIOR)
    rots = [[0] * len(lines) for lines in blocks]
    rounds = EM_ROUNDS if garbled else 1
    previous = None
    sol: _Solution | None = None
    for rnd in range(rounds + 1):
        matcher = _Matcher(columns, model)
        rots = [[0] * len(lines) for lines in blocks]
        _repair(blocks, rots, matcher.best)
        items = [(b, it) for b, lines in enumerate(blocks) for it in _items(lines, rots[b])]
        cost, assigned = _assign(items, matcher)
        sol = _Solution(items, cost, assigned, matcher)
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
                    (cost[r, c] for c in range(len(columns)) if c != ci and cost[r, c] < _BIG), default=_BIG
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
            g, us = _label_printed(label, model, lex[kind])
            if g:
                pairs.append((g, us, False, 1.0))
        if garbled and rnd in ANCHOR_ROUNDS:
            body_pairs = _body_pairs(body, model, null)
        model = model.refit_soft(pairs + body_pairs)
    assert sol is not None
    if garbled:
        _leave_one_out(sol, labels, lex, body_pairs)
    return sol


def _leave_one_out(sol: _Solution, labels: list[str], lex: dict, extra: Sequence = ()) -> None:
    """Re-score each assigned item under a model trained without it (evidence from the *other* items).

    A model trained on an item can always explain that item; only a mapping that the rest of the document
    supports is evidence. Random damage fits nothing else and so loses its margin here.
    """
    model, columns = sol.matcher.model, sol.matcher.columns
    pairs: list[tuple[int, tuple[str, Sequence[str], bool, float]]] = []
    for r, ((_b, it), ci) in enumerate(zip(sol.items, sol.assigned, strict=True)):
        if ci is not None:
            vi = sol.matcher.cost(it.printed, ci)[1]
            pairs.append((r, (it.printed, columns[ci].variants[vi], True, 1.0)))
    for kind, label in zip(KINDS, labels, strict=True):
        g, us = _label_printed(label, model, lex[kind])
        if g:
            pairs.append((-1, (g, us, False, 1.0)))
    pairs += [(-1, p) for p in extra]
    outsiders = _outsider_columns({c.key for c in columns})
    sol.outsider = [(math.inf, None)] * len(sol.items)
    for r, _pair in pairs:
        if r < 0:
            continue
        held_out = _Matcher(columns + outsiders, model.refit_soft(p for k, p in pairs if k != r))
        printed = sol.items[r][1].printed
        for ci in range(len(columns)):
            if sol.cost[r, ci] < _BIG:
                sol.cost[r, ci] = held_out.cost(printed, ci)[0]
        sol.outsider[r] = min(
            ((held_out.cost(printed, len(columns) + k)[0], col.key) for k, col in enumerate(outsiders)),
            default=(math.inf, None),
        )


def _assignment_margin(cost: np.ndarray, nulls: Sequence[float], r: int, ci: int) -> float:
    """How much worse the best assignment is when row `r` may not take column `ci`.

    Every row may also stay out (its unigram cost): an item that fits nothing is no evidence either way.
    """
    n_rows, n_cols = cost.shape
    ext = np.full((n_rows, n_cols + n_rows), _BIG)
    ext[:, :n_cols] = cost
    for k in range(n_rows):
        ext[k, n_cols + k] = nulls[k]
    rows, cs = linear_sum_assignment(ext)
    best = ext[rows, cs].sum()
    ext[r, ci] = _BIG
    rows, cs = linear_sum_assignment(ext)
    return float(ext[rows, cs].sum() - best)


# --- numbers, dates, resolution ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Date:
    iso: str
    start: int
    end: int  # span in the line (digits included)


def _month_units() -> list[tuple[int, tuple[str, ...], tuple[str, ...]]]:
    out = []
    for name, num in lexicon("ar").months.items():
        left, right = name.split("/")
        out.append((int(num), tuple(units(left)), tuple(units(right))))
    return out


def _llr_best(g: str, us: Sequence[str], model: GlyphModel, null: dict[str, float], suffix: bool) -> float:
    """Best log-likelihood ratio of the month name against a prefix (or suffix) of `g` versus chance."""
    best = -math.inf
    for j in range(1, len(g) + 1):
        part = g[-j:] if suffix else g[:j]
        gain = sum(null.get(ch, 6.0) for ch in part) - model.score(part, us)
        best = max(best, gain)
    return best


def _dates(line: str, model: GlyphModel, null: dict[str, float], year_hint: int | None) -> list[_Date]:
    out = []
    for mo in re.finditer(f"(?<=[{ARABIC_LABEL} ])/(?=[{ARABIC_LABEL} ])", line):
        s = mo.start()
        left = line[max(0, s - 25) : s]
        right = line[s + 1 : s + 26]
        left = re.split(r"[\d().،]", left)[-1]
        right = re.split(r"[\d().،]", right)[0]
        gl, gr = letters_only(left)[-10:], letters_only(right)[:10]
        if not gl or not gr:
            continue
        scored = [
            (_llr_best(gl, lu, model, null, True) + _llr_best(gr, ru, model, null, False), num)
            for num, lu, ru in _month_units()
        ]
        gain, month = max(scored)
        if gain <= 0:
            continue
        lo, hi = max(0, s - 40), min(len(line), s + 40)
        groups = [(m.start() + lo, m.group()) for m in _NUM.finditer(line[lo:hi])]
        groups.sort(key=lambda g: abs(g[0] - s))
        year = day = None
        span = [s, s + 1]
        for pos, d in groups:
            cands: list[tuple[int | None, int | None]] = []
            if len(d) == 4:
                cands.append((int(d), None))
            elif len(d) in (5, 6):
                cands += [(int(d[:4]), int(d[4:])), (int(d[-4:]), int(d[:-4]))]
            elif len(d) <= 2:
                cands.append((None, int(d)))
            for y, dd in sorted(cands, key=lambda c: c[0] != year_hint):
                if y is not None and year is None and 1946 <= y <= 2100:
                    year = y
                    if dd is not None and day is None and 1 <= dd <= 31:
                        day = dd
                    span = [min(span[0], pos), max(span[1], pos + len(d))]
                    break
                if y is None and day is None and dd is not None and 1 <= dd <= 31:
                    day = dd
                    span = [min(span[0], pos), max(span[1], pos + len(d))]
                    break
            if year is not None and day is not None:
                break
        if year is not None and day is not None:
            out.append(_Date(f"{year:04d}-{month:02d}-{day:02d}", span[0], span[1]))
    return out


def _resolution_in(line: str, masked: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """(number, year, position) of a resolution cited as «NNNN (YYYY)» in either order in one line."""
    for m in _PAREN_YEAR.finditer(line):
        year = int(m.group(1))
        if not 1946 <= year <= 2100:
            continue
        best = None
        for n in _NUM.finditer(line):
            if n.start() >= m.start() and n.end() <= m.end():
                continue
            if any(a <= n.start() < b for a, b in masked) or not 3 <= len(n.group()) <= 4:
                continue
            dist = min(abs(n.start() - m.end()), abs(m.start() - n.end()))
            if best is None or dist < best[0]:
                best = (dist, int(n.group()))
        if best is not None and best[0] <= 20:
            return best[1], year, m.start()
    return None


# --- the public function --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What the rest of the document says: the resolution it reports or annexes (number, year) and its date,
    and at which offsets the Arabic is garbled (the cleaning stage's judgement)."""

    resolution: tuple[int, int] | None
    date: str | None
    garbled: Callable[[int], bool]


def find_arabic_votes(
    text: str,
    resolutions: Sequence[Resolution] = (),
    garbled: Callable[[int], bool] | None = None,
    year: int | None = None,
) -> list[ArabicVoteBlock]:
    """Every Arabic vote block (favour / against / abstaining lists) found in `text`, in text order.

    `resolutions` are those found in the same text (an annexed resolution gives the vote's resolution, date
    and year when the Arabic does not); `garbled(offset)` says whether the Arabic at an offset is garbled
    (default: the garble score of the text up to the block)."""
    lines = _split_lines(text)
    annexed = next((r for r in resolutions if parse_sc_resolution(r.symbol)), None)
    dated = next((r.date for r in resolutions if r.date), None)
    ctx = _Context(
        parse_sc_resolution(annexed.symbol) if annexed else None,
        dated,
        garbled or (lambda offset: is_garbled(garble_score(text[:offset]))),
    )
    out = []
    for a, b, c in _label_triples(lines):
        blocks_idx = [list(range(a + 1, b)), list(range(b + 1, c)), _tail_lines(lines, c + 1)]
        blocks_idx = [[i for i in bl if _is_list_line(lines[i].text)] for bl in blocks_idx]
        out.append(_read_block(text, lines, (a, b, c), blocks_idx, year, ctx))
    return out


def _read_block(
    text: str,
    lines: list[_Line],
    labels_idx: tuple[int, int, int],
    blocks_idx: list[list[int]],
    year: int | None,
    ctx: _Context,
) -> ArabicVoteBlock:
    warnings: list[tuple[str, str]] = []
    blocks = [[lines[i] for i in bl] for bl in blocks_idx]
    label_texts = [lines[i].text for i in labels_idx]
    last = max([labels_idx[2], *blocks_idx[2]])
    body = "\n".join(ln.text for ln in lines[: last + 1] if _ARABIC.search(ln.text))
    lex = lexicon("ar").vote.labels
    verbatim = all(
        any(" ".join(letters_only(w) for w in p.split()) in _plain(lbl) for p in lex[k])
        for k, lbl in zip(KINDS, label_texts, strict=True)
    )
    garbled = ctx.garbled(lines[last].end) or not verbatim
    if garbled:
        warnings.append(
            (
                "garbled-arabic",
                "the Arabic of this vote block is garbled (a broken font map): "
                "names were matched with a glyph model learned from this document",
            )
        )

    # adoption sentence: numbers after the block
    tail = list(range(last + 1, min(last + 14, len(lines))))
    model_for_dates = GlyphModel(CLEAN_PRIOR)
    res = None
    res_line = None
    for i in tail:
        if not _ARABIC.search(lines[i].text):
            continue
        r = _resolution_in(lines[i].text, [])
        if r:
            res_line = i
            break
    vote_year = year
    if res_line is not None:
        pass
    roster = None
    sol = None
    # year for the roster: caller's, else the resolution's, else the English annex's, else the letter date
    if vote_year is None:
        if res_line is not None:
            r = _resolution_in(lines[res_line].text, [])
            vote_year = r[1] if r else None
        if vote_year is None and ctx.resolution:
            vote_year = ctx.resolution[1]
        if vote_year is None and ctx.date:
            vote_year = int(ctx.date[:4])
        if vote_year is None:
            ys = [int(m) for m in re.findall(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)", body)]
            vote_year = ys[0] if ys else None
    roster = _roster(vote_year)
    null = _null_costs(blocks)
    if roster:
        near = [*range(max(0, labels_idx[0] - BODY_LINES), labels_idx[0]), *tail]
        body_lines = [
            lines[i].text
            for i in near
            if _ARABIC.search(lines[i].text) and is_garbled(garble_score(lines[i].text))
        ]
        sol = _solve(blocks, label_texts, roster, garbled, body_lines)
        model_for_dates = sol.matcher.model
    else:
        warnings.append(("no-roster", f"no Council roster for year {vote_year}: items left unassigned"))

    # dates and resolution in the adoption sentence
    date_spans: dict[int, list[_Date]] = {}
    for i in tail:
        if _ARABIC.search(lines[i].text):
            date_spans[i] = _dates(lines[i].text, model_for_dates, null, vote_year)
    if res_line is not None:
        masked = [(d.start, d.end) for d in date_spans.get(res_line, [])]
        r = _resolution_in(lines[res_line].text, masked)
        if r:
            res = (r[0], r[1])
    if res is None and ctx.resolution:
        res = ctx.resolution
    date = ctx.date
    if date is None and res_line is not None:
        for i in (res_line, res_line + 1, res_line - 1):
            if date_spans.get(i):
                date = date_spans[i][0].iso
                break
    tally = None
    if res_line is not None:
        cands = []
        for i in range(max(last + 1, res_line - 2), res_line + 1):
            s = lines[i].text
            if not _ARABIC.search(s) or "*" in s or "http" in s:
                continue
            masked = [(d.start, d.end) for d in date_spans.get(i, [])]
            for n in _NUM.finditer(s):
                if any(x <= n.start() < y for x, y in masked):
                    continue
                if s[n.end() : n.end() + 1] == "-" or s[max(0, n.start() - 1) : n.start()] in "-(":
                    if n.start() > 0:
                        continue
                v = int(n.group())
                if 1 <= v <= 15 and len(n.group()) <= 2:
                    cands.append(v)
        tally = max(cands) if cands else None

    lists = _lists(text, blocks, sol, null, warnings)
    if tally is not None and tally != len(lists["in_favour"]):
        warnings.append(
            (
                "count-mismatch",
                f"the letter states {tally} in favour but {len(lists['in_favour'])} items are listed",
            )
        )
    start = lines[labels_idx[0]].start
    end = max(lines[last].end, start)
    return ArabicVoteBlock(start, end, lists, tally, res, date, garbled, tuple(warnings))


def _plain(s: str) -> str:
    return " ".join(letters_only(w) for w in s.replace(TATWEEL, "").split() if letters_only(w))


def _lists(
    text: str,
    blocks: list[list[_Line]],
    sol: _Solution | None,
    null: dict[str, float],
    warnings: list[tuple[str, str]],
) -> dict[str, list[ArabicItem]]:
    lists: dict[str, list[ArabicItem]] = {k: [] for k in KINDS}
    if sol is None:
        for b, lines in enumerate(blocks):
            for it in _items(lines, [0] * len(lines)):
                lists[KINDS[b]].append(ArabicItem(it.as_printed, it.start, it.end, None, 0.0))
        return lists
    cols = sol.matcher.columns
    weak = 0
    nulls = [sum(null.get(ch, 6.0) for ch in it.printed) for _b, it in sol.items]
    outsider = sol.outsider or [(math.inf, None)] * len(sol.items)
    doubt = (
        sum(
            1
            for r, ci in enumerate(sol.assigned)
            if ci is not None and cols[ci].block is None and outsider[r][0] < sol.cost[r, ci] - OUTSIDER_SLACK
        )
        >= ROSTER_DOUBT
    )
    if doubt:
        warnings.append(
            (
                "roster-doubt",
                "several items fit states outside the year's Council better than its members: "
                "is the year right? Only items that fit no outsider were named",
            )
        )
    for r, ((b, it), ci) in enumerate(zip(sol.items, sol.assigned, strict=True)):
        n = max(1, len(it.printed))
        iso3, score = None, 0.0
        if ci is not None:
            row = sol.cost[r]
            alt = min((row[c] for c in range(len(cols)) if c != ci and row[c] < _BIG), default=_BIG)
            margin = (alt - row[ci]) / n
            gain = (nulls[r] - row[ci]) / n
            sure = margin >= MIN_MARGIN
            if not sure and margin >= ASSIGN_COLUMN_MARGIN:
                delta = _assignment_margin(sol.cost, nulls, r, ci) / n
                sure = delta >= ASSIGN_MARGIN
                margin = min(MIN_MARGIN, delta / 2)
            if doubt and cols[ci].block is None and (outsider[r][0] - row[ci]) / n < OUTSIDER_MARGIN:
                sure = False
            score = round(max(0.0, min(1.0, 1.0 - math.exp(-margin))), 3) if margin > 0 else 0.0
            if sure and gain >= MIN_GAIN:
                if cols[ci].block is not None:
                    continue  # matched «none»: the list is empty
                iso3 = cols[ci].key
            else:
                weak += 1
        else:
            weak += 1
        lists[KINDS[b]].append(ArabicItem(it.as_printed, it.start, it.end, iso3, score if iso3 else 0.0))
    if weak:
        total = sum(len(v) for v in lists.values())
        warnings.append(
            (
                "weak-evidence",
                f"{weak} of {total} listed items could not be matched to a Council member with confidence; "
                "they are reported unassigned",
            )
        )
    return lists
