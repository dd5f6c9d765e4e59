"""A per-document model of Arabic text set in a font whose glyph→Unicode map is broken.

Such fonts map each *glyph* (a letter in one joining form, or a ligature) to some fixed output: the right
letter, another letter, two letters, or a space. The model is P(output | letter, joining form), learned from
the document itself (soft EM over pairs of printed strings and the Arabic they are known to spell). Names
are compared in garbled space: a clean name is *encoded* and scored by alignment likelihood against the
printed string, spaces removed (a glyph may print as a space, so whitespace is no word boundary).

With no training pairs the model is an identity-heavy prior, which makes it a weighted edit distance; that
is how clean Arabic is read. No table learned from any one document is shipped. (Whether a text is garbled
at all is `clean/garble.py`; the joining forms of a clean phrase are `text/arabic.units`.)

The alignments are computed with numpy over whole batches: every printed string against every name variant
at once (`score_matrix`), the emission costs looked up in tables built once per model.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ...text.arabic import NEAR

_V = 36  # size of the Arabic letter alphabet, for uniform substitution mass
CONJUNCTION = "و|isol"  # the conjunction «و» printed before list items (و + name)
_FLOOR = 1e-300
ROW_GROUP = 8  # printed strings up to this long are aligned in one group


class _Tally(dict[str, float]):
    """Expected counts: a missing key counts 0 (and is not added, as with collections.Counter)."""

    def __missing__(self, key: str) -> float:
        return 0.0


@dataclass(frozen=True)
class Prior:
    """Base distribution of a glyph's output given its letter, before any evidence."""

    identity: float
    near: float  # an alef/yeh/teh-marbuta variant of the letter
    empty: float  # printed as a space (lost once spaces are removed)
    sub: float  # any other single letter
    two: float  # two letters
    insert: float  # an output letter with no source glyph


CLEAN_PRIOR = Prior(identity=0.92, near=0.04, empty=0.01, sub=0.03, two=0.003, insert=0.004)
GARBLED_PRIOR = Prior(identity=0.40, near=0.05, empty=0.12, sub=0.35, two=0.08, insert=0.01)


class _Index:
    """Every unit, output letter and output letter pair seen so far, numbered (shared by all models, so that
    tables of different models line up; it only grows)."""

    def __init__(self) -> None:
        self.units: dict[str, int] = {}
        self.chars: dict[str, int] = {}
        self.pairs: dict[str, int] = {}

    def unit(self, u: str) -> int:
        return self.units.setdefault(u, len(self.units))

    def text(self, g: str) -> tuple[list[int], list[int]]:
        """Indexes of the letters of `g` and of its adjacent pairs."""
        cs = [self.chars.setdefault(ch, len(self.chars)) for ch in g]
        ps = [self.pairs.setdefault(g[j : j + 2], len(self.pairs)) for j in range(len(g) - 1)]
        return cs, ps


_INDEX = _Index()


def _encode(printed: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Padded letter and pair indexes of printed strings, and their lengths."""
    width = max([len(g) for g in printed] + [1])
    chars = np.zeros((len(printed), width), dtype=np.intp)
    pairs = np.zeros((len(printed), max(1, width - 1)), dtype=np.intp)
    for r, g in enumerate(printed):
        cs, ps = _INDEX.text(g)
        chars[r, : len(cs)] = cs
        pairs[r, : len(ps)] = ps
    return chars, pairs, np.array([len(g) for g in printed], dtype=np.intp)


def _encode_units(variants: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Padded unit indexes of name variants, and their lengths."""
    n = max([len(us) for us in variants] + [1])
    out = np.zeros((len(variants), n), dtype=np.intp)
    for r, us in enumerate(variants):
        out[r, : len(us)] = [_INDEX.unit(u) for u in us]
    return out, np.array([len(us) for us in variants], dtype=np.intp)


class Variants:
    """Name variants (unit sequences) encoded once, longest first, for scoring again and again."""

    def __init__(self, variants: Sequence[Sequence[str]]) -> None:
        self.items = [tuple(us) for us in variants]
        self.order = sorted(range(len(self.items)), key=lambda v: -len(self.items[v]))
        self.uidx, self.ulen = _encode_units([self.items[v] for v in self.order])

    def __len__(self) -> int:
        return len(self.items)


class GlyphModel:
    """P(printed output | glyph unit), with back-off unit → letter → prior; costs are −log P (nats)."""

    def __init__(self, prior: Prior, unit_weight: float = 1.0, letter_weight: float = 2.0) -> None:
        self.prior = prior
        self.unit_weight = unit_weight
        self.letter_weight = letter_weight
        self.unit_counts: defaultdict[str, _Tally] = defaultdict(_Tally)
        self.letter_counts: defaultdict[str, _Tally] = defaultdict(_Tally)
        self.unit_totals = _Tally()
        self.letter_totals = _Tally()
        self._cache: dict[tuple[str, str], float] = {}
        self._tables: tuple[tuple[int, int, int], np.ndarray, np.ndarray, np.ndarray] | None = None
        self.insert_cost = -math.log(prior.insert / _V)

    @property
    def trained(self) -> bool:
        return bool(self.unit_totals)

    def _p0(self, letter: str, out: str) -> float:
        p = self.prior
        if out == letter:
            return p.identity
        if not out:
            return p.empty
        if len(out) == len(letter) and out.translate(NEAR) == letter.translate(NEAR):
            return p.near
        if len(out) == 1:
            return p.sub / _V
        if len(out) == 2:
            return p.two / (_V * _V)
        return 1e-12

    def cost(self, unit: str, out: str) -> float:
        key = (unit, out)
        c = self._cache.get(key)
        if c is None:
            letter = unit.split("|", 1)[0]
            lw, uw = self.letter_weight, self.unit_weight
            q = (self.letter_counts[letter][out] + lw * self._p0(letter, out)) / (
                self.letter_totals[letter] + lw
            )
            p = (self.unit_counts[unit][out] + uw * q) / (self.unit_totals[unit] + uw)
            c = -math.log(max(p, _FLOOR))
            self._cache[key] = c
        return c

    # --- tables ----------------------------------------------------------------------------------------

    def tables(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Emission costs of every indexed unit: printing nothing (U,), one letter (U, C), a pair (U, P).
        Built once per model, and extended as new letters and pairs are indexed."""
        units, n_c, n_p = len(_INDEX.units), len(_INDEX.chars), len(_INDEX.pairs)
        t = self._tables
        if t is None or t[0][0] != units:
            e0 = np.array([self.cost(u, "") for u in _INDEX.units])
            t = ((units, 0, 0), e0, np.zeros((units, 0)), np.zeros((units, 0)))
        (_, c0, p0), e0, e1, e2 = t
        if n_c > c0:
            e1 = np.hstack([e1, self._columns(list(_INDEX.chars)[c0:])])
        if n_p > p0:
            e2 = np.hstack([e2, self._columns(list(_INDEX.pairs)[p0:])])
        self._tables = ((units, n_c, n_p), e0, e1, e2)
        return e0, e1, e2

    def _columns(self, outs: list[str]) -> np.ndarray:
        """cost(unit, out) for every indexed unit (rows) and the given outputs of one length (columns)."""
        units = list(_INDEX.units)
        letters = sorted({u.split("|", 1)[0] for u in units})
        row = {x: i for i, x in enumerate(letters)}
        col = {o: i for i, o in enumerate(outs)}
        lw, uw, p = self.letter_weight, self.unit_weight, self.prior
        size = len(outs[0])
        base = np.full((len(letters), len(outs)), p.sub / _V if size == 1 else p.two / (_V * _V))
        by_near: dict[str, list[int]] = defaultdict(list)
        for oi, o in enumerate(outs):
            by_near[o.translate(NEAR)].append(oi)
        for li, letter in enumerate(letters):
            if len(letter) == size:
                for oi in by_near.get(letter.translate(NEAR), ()):
                    base[li, oi] = p.identity if outs[oi] == letter else p.near
        lc = lw * base
        for letter, tally in self.letter_counts.items():
            if letter in row:
                for out, n in tally.items():
                    if out in col:
                        lc[row[letter], col[out]] += n
        lt = np.array([self.letter_totals[x] for x in letters]) + lw
        uq = uw * (lc / lt[:, None])[[row[u.split("|", 1)[0]] for u in units]]
        for ui, u in enumerate(units):
            if u in self.unit_counts:
                for out, n in self.unit_counts[u].items():
                    if out in col:
                        uq[ui, col[out]] += n
        ut = np.array([self.unit_totals[u] for u in units]) + uw
        return -np.log(np.maximum(uq / ut[:, None], _FLOOR))

    # --- alignment -------------------------------------------------------------------------------------

    def score_matrix(
        self,
        printed: Sequence[str],
        variants: Sequence[Sequence[str]] | Variants,
        optional_first: bool = False,
    ) -> np.ndarray:
        """−log P(printed | units) under the best alignment (Viterbi), for every printed string (rows) and
        every variant (columns) at once; printed strings in letters only. Rows are taken in groups of
        similar length, and a variant leaves the computation once its units are spent."""
        out = np.zeros((len(printed), len(variants)))
        if not printed or not variants:
            return out
        enc = variants if isinstance(variants, Variants) else Variants(variants)
        order, uidx, ulen = enc.order, enc.uidx, enc.ulen
        rows = sorted(range(len(printed)), key=lambda r: len(printed[r]))
        k = 0
        while k < len(rows):
            top = k
            limit = max(ROW_GROUP, int(len(printed[rows[k]]) * 1.5))
            while top < len(rows) and len(printed[rows[top]]) <= limit:
                top += 1
            group = rows[k:top]
            scores = self._viterbi([printed[r] for r in group], uidx, ulen, optional_first)
            out[np.ix_(group, order)] = scores
            k = top
        return out

    def _viterbi(
        self, printed: Sequence[str], uidx: np.ndarray, ulen: np.ndarray, optional_first: bool
    ) -> np.ndarray:
        chars, pairs, lengths = _encode(printed)
        e0, e1, e2 = self.tables()
        ins = self.insert_cost
        n_p, width = chars.shape
        steps = np.arange(width + 1) * ins
        prev = np.broadcast_to(steps, (n_p, len(ulen), width + 1)).copy()
        for i in range(uidx.shape[1]):
            act = int(np.count_nonzero(ulen > i))  # variants are longest first: the rest are done
            u = uidx[:act, i]
            old = prev[:, :act]
            cur = old + e0[u][None, :, None]
            one = e1[u][:, chars].transpose(1, 0, 2)  # (P, V, width)
            np.minimum(cur[:, :, 1:], old[:, :, :-1] + one, out=cur[:, :, 1:])
            if width >= 2:
                two = e2[u][:, pairs].transpose(1, 0, 2)
                np.minimum(cur[:, :, 2:], old[:, :, :-2] + two[:, :, : width - 1], out=cur[:, :, 2:])
            cur = steps + np.minimum.accumulate(cur - steps, axis=2)  # letters printed with no glyph
            if i == 0 and optional_first:
                np.minimum(cur, old, out=cur)
            prev[:, :act] = cur
        return prev[np.arange(n_p), :, lengths]

    def score(self, printed: str, us: Sequence[str], optional_first: bool = False) -> float:
        """−log P(printed | units) under the best alignment (Viterbi), printed in letters only."""
        return float(self.score_matrix([printed], [us], optional_first)[0, 0])

    def locate(self, g: str, us: Sequence[str]) -> tuple[float, int, int]:
        """Best local alignment of the units against a substring of `g`: (cost, start, end)."""
        m = len(g)
        ins = self.insert_cost
        cs, ps = _INDEX.text(g)
        ui = [_INDEX.unit(u) for u in us]
        e0t, e1t, e2t = self.tables()
        at = np.arange(m + 1)
        steps = at * ins
        prev = np.zeros(m + 1)  # free start anywhere
        start = at.copy()
        for k in range(len(ui)):
            cur = prev + e0t[ui[k]]
            st = start.copy()
            if m:
                one = prev[:-1] + e1t[ui[k], cs]
                better = one < cur[1:]
                cur[1:] = np.where(better, one, cur[1:])
                st[1:] = np.where(better, start[:-1], st[1:])
            if m >= 2:
                two = prev[:-2] + e2t[ui[k], ps]
                better = two < cur[2:]
                cur[2:] = np.where(better, two, cur[2:])
                st[2:] = np.where(better, start[:-2], st[2:])
            # letters printed with no glyph: the running minimum of cur[k] + (j - k)·ins, its start kept
            vals = cur - steps
            run = np.minimum.accumulate(vals)
            src = np.maximum.accumulate(np.where(vals <= run, at, 0))
            prev, start = run + steps, st[src]
        j = int(np.argmin(np.round(prev, 9)))  # of equal costs, the first end
        return float(prev[j]), int(start[j]), j

    # --- training --------------------------------------------------------------------------------------

    def posteriors(
        self, g: str, us: Sequence[str], optional_first: bool = False
    ) -> list[tuple[str, str, float]]:
        """Expected (unit, output, probability) counts over all alignments (forward-backward)."""
        m, n = len(g), len(us)
        if n == 0:
            return []
        ins = self.insert_cost
        cs, ps = _INDEX.text(g)
        ui = [_INDEX.unit(u) for u in us]
        e0t, e1t, e2t = self.tables()
        e0 = e0t[ui]  # (n,)
        e1 = e1t[ui][:, cs] if m else np.zeros((n, 0))  # (n, m)
        e2 = e2t[ui][:, ps] if m > 1 else np.zeros((n, 0))  # (n, m - 1)
        inf = math.inf

        def lse(*xs: np.ndarray) -> np.ndarray:  # −log Σ exp(−x), elementwise
            stack = np.stack(xs)
            lo = stack.min(axis=0)
            safe = np.where(np.isfinite(lo), lo, 0.0)
            with np.errstate(over="ignore", invalid="ignore"):
                out = safe - np.log(np.exp(safe - stack).sum(axis=0))
            return np.where(np.isfinite(lo), out, inf)

        fw = np.full((n + 1, m + 1), inf)
        fw[0] = np.arange(m + 1) * ins
        for i in range(1, n + 1):
            up = fw[i - 1]
            terms = [up + e0[i - 1]]
            t1 = np.full(m + 1, inf)
            t1[1:] = up[:-1] + e1[i - 1]
            terms.append(t1)
            if m >= 2:
                t2 = np.full(m + 1, inf)
                t2[2:] = up[:-2] + e2[i - 1]
                terms.append(t2)
            if i == 1 and optional_first:
                terms.append(up)
            fw[i] = _chain(lse(*terms), ins, forward=True)
        bw = np.full((n + 1, m + 1), inf)
        bw[n] = (m - np.arange(m + 1)) * ins
        for i in range(n - 1, -1, -1):
            down = bw[i + 1]
            terms = [down + e0[i]]
            t1 = np.full(m + 1, inf)
            t1[:-1] = down[1:] + e1[i]
            terms.append(t1)
            if m >= 2:
                t2 = np.full(m + 1, inf)
                t2[:-2] = down[2:] + e2[i]
                terms.append(t2)
            if i == 0 and optional_first:
                terms.append(down)
            bw[i] = _chain(lse(*terms), ins, forward=False)
        z = fw[n, m]
        out: list[tuple[str, str, float]] = []
        if not math.isfinite(z):
            return out
        for i, u in enumerate(us):
            acc: dict[str, float] = defaultdict(float)
            x0 = fw[i] + e0[i] + bw[i + 1] - z
            keep = x0 < 9.0
            if keep.any():
                acc[""] += float(np.exp(-x0[keep]).sum())
            if m:
                x1 = fw[i, :m] + e1[i] + bw[i + 1, 1:] - z
                for j in np.nonzero(x1 < 9.0)[0]:
                    acc[g[j]] += math.exp(-x1[j])
            if m >= 2:
                x2 = fw[i, : m - 1] + e2[i] + bw[i + 1, 2:] - z
                for j in np.nonzero(x2 < 9.0)[0]:
                    acc[g[j : j + 2]] += math.exp(-x2[j])
            out += [(u, o, p) for o, p in acc.items() if p > 1e-3]
        return out

    def refit_soft(self, pairs: Iterable[tuple[str, Sequence[str], bool, float]]) -> GlyphModel:
        """A new model trained on (printed, units, optional_first, weight) pairs with expected counts over all
        alignments under this one (soft EM): ambiguous alignments share."""
        return self.from_counts(self.counts(pairs))

    def counts(
        self, pairs: Iterable[tuple[str, Sequence[str], bool, float]]
    ) -> list[list[tuple[str, str, float]]]:
        """The expected counts of each pair under this model, weighted (one list per pair)."""
        return [[(u, o, w * p) for u, o, p in self.posteriors(g, us, opt)] for g, us, opt, w in pairs]

    def from_counts(self, counts: Iterable[Iterable[tuple[str, str, float]]]) -> GlyphModel:
        """A new model with this one's prior, trained on expected counts."""
        new = GlyphModel(self.prior, self.unit_weight, self.letter_weight)
        for one in counts:
            for u, out, p in one:
                letter = u.split("|", 1)[0]
                new.unit_counts[u][out] += p
                new.unit_totals[u] += p
                new.letter_counts[letter][out] += p
                new.letter_totals[letter] += p
        return new


def _chain(t: np.ndarray, ins: float, forward: bool) -> np.ndarray:
    """Close a row of the forward (backward) pass over printed letters with no glyph: row[j] = −log Σ_k
    exp(−(t[k] + |j − k|·ins)) over k ≤ j (k ≥ j backward)."""
    m1 = len(t)
    k = np.arange(m1) * ins
    with np.errstate(invalid="ignore"):
        if forward:
            return k - np.logaddexp.accumulate(k - t)
        return -k - np.logaddexp.accumulate((-k - t)[::-1])[::-1]
