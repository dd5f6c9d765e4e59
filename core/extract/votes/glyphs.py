"""A per-document model of Arabic text set in a font whose glyph→Unicode map is broken.

Such fonts map each *glyph* (a letter in one joining form, or a ligature) to some fixed output: the right
letter, another letter, two letters, or a space. The model is P(output | letter, joining form), learned from
the document itself (hard EM over pairs of printed strings and the Arabic they are known to spell). Names
are compared in garbled space: a clean name is *encoded* and scored by alignment likelihood against the
printed string, spaces removed (a glyph may print as a space, so whitespace is no word boundary).

With no training pairs the model is an identity-heavy prior, which makes it a weighted edit distance; that
is how clean Arabic is read. No table learned from any one document is shipped. (Whether a text is garbled
at all is `clean/garble.py`; the joining forms of a clean phrase are `text/arabic.units`.)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...text.arabic import NEAR

_V = 36  # size of the Arabic letter alphabet, for uniform substitution mass
CONJUNCTION = "و|isol"  # the conjunction «و» printed before list items (و + name)


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
            c = -math.log(max(p, 1e-300))
            self._cache[key] = c
        return c

    # --- alignment -------------------------------------------------------------------------------------

    def score(self, printed: str, us: Sequence[str], optional_first: bool = False) -> float:
        """−log P(printed | units) under the best alignment (Viterbi), printed in letters only."""
        return self._viterbi(printed, us, optional_first, trace=False)[0]

    def align(self, printed: str, us: Sequence[str], optional_first: bool = False) -> list[tuple[str, str]]:
        """The best alignment as (unit, output) pairs; output "" for a glyph printed as a space."""
        return self._viterbi(printed, us, optional_first, trace=True)[1]

    def _viterbi(
        self, g: str, us: Sequence[str], optional_first: bool, trace: bool
    ) -> tuple[float, list[tuple[str, str]]]:
        m = len(g)
        ins = self.insert_cost
        cost = self.cost
        prev = [j * ins for j in range(m + 1)]
        back: list[list[int]] = []
        for idx, u in enumerate(us):
            c0 = cost(u, "")
            c1 = [cost(u, g[j]) for j in range(m)]
            c2 = [cost(u, g[j : j + 2]) for j in range(m - 1)]
            cur = [prev[0] + c0]
            bk = [0]
            for j in range(1, m + 1):
                best, b = prev[j] + c0, 0
                v = prev[j - 1] + c1[j - 1]
                if v < best:
                    best, b = v, 1
                if j >= 2:
                    v = prev[j - 2] + c2[j - 2]
                    if v < best:
                        best, b = v, 2
                v = cur[j - 1] + ins
                if v < best:
                    best, b = v, 3
                cur.append(best)
                bk.append(b)
            if idx == 0 and optional_first:
                for j in range(m + 1):
                    if prev[j] < cur[j]:
                        cur[j] = prev[j]
                        bk[j] = 4  # unit skipped
            prev = cur
            back.append(bk)
        if not trace:
            return prev[m], []
        pairs: list[tuple[str, str]] = []
        i, j = len(us), m
        while i > 0:
            b = back[i - 1][j]
            if b == 3:
                j -= 1
                continue
            if b == 4:
                i -= 1
                continue
            pairs.append((us[i - 1], g[j - b : j]))
            j -= b
            i -= 1
        pairs.reverse()
        return prev[m], pairs

    def locate(self, g: str, us: Sequence[str]) -> tuple[float, int, int]:
        """Best local alignment of the units against a substring of `g`: (cost, start, end)."""
        m = len(g)
        ins = self.insert_cost
        cost = self.cost
        prev = [0.0] * (m + 1)  # free start anywhere
        start = list(range(m + 1))
        for u in us:
            c0 = cost(u, "")
            c1 = [cost(u, g[j]) for j in range(m)]
            c2 = [cost(u, g[j : j + 2]) for j in range(m - 1)]
            cur = [prev[0] + c0]
            st = [start[0]]
            for j in range(1, m + 1):
                best, s = prev[j] + c0, start[j]
                v = prev[j - 1] + c1[j - 1]
                if v < best:
                    best, s = v, start[j - 1]
                if j >= 2:
                    v = prev[j - 2] + c2[j - 2]
                    if v < best:
                        best, s = v, start[j - 2]
                v = cur[j - 1] + ins
                if v < best:
                    best, s = v, st[j - 1]
                cur.append(best)
                st.append(s)
            prev, start = cur, st
        j = min(range(m + 1), key=prev.__getitem__)
        return prev[j], start[j], j

    # --- training --------------------------------------------------------------------------------------

    def posteriors(
        self, g: str, us: Sequence[str], optional_first: bool = False
    ) -> list[tuple[str, str, float]]:
        """Expected (unit, output, probability) counts over all alignments (forward-backward)."""
        m, n = len(g), len(us)
        ins = self.insert_cost
        cost = self.cost
        inf = math.inf

        def lse(*xs: float) -> float:  # −log Σ exp(−x)
            lo = min(xs)
            if lo == inf:
                return inf
            return lo - math.log(sum(math.exp(lo - x) for x in xs if x < inf))

        emit = [
            [
                [cost(u, ""), *([cost(u, g[j : j + k]) if j + k <= m else inf for k in (1, 2)])]
                for j in range(m + 1)
            ]
            for u in us
        ]
        fw = [[inf] * (m + 1) for _ in range(n + 1)]
        for j in range(m + 1):
            fw[0][j] = j * ins
        for i in range(1, n + 1):
            e = emit[i - 1]
            row, up = fw[i], fw[i - 1]
            for j in range(m + 1):
                terms = [up[j] + e[j][0]]
                if j >= 1:
                    terms += [up[j - 1] + e[j - 1][1], row[j - 1] + ins]
                if j >= 2:
                    terms.append(up[j - 2] + e[j - 2][2])
                if i == 1 and optional_first:
                    terms.append(up[j])
                row[j] = lse(*terms)
        bw = [[inf] * (m + 1) for _ in range(n + 1)]
        bw[n][m] = 0.0
        for j in range(m - 1, -1, -1):
            bw[n][j] = bw[n][j + 1] + ins
        for i in range(n - 1, -1, -1):
            e = emit[i]
            row, down = bw[i], bw[i + 1]
            for j in range(m, -1, -1):
                terms = [down[j] + e[j][0]]
                if j + 1 <= m:
                    terms += [down[j + 1] + e[j][1], row[j + 1] + ins]
                if j + 2 <= m:
                    terms.append(down[j + 2] + e[j][2])
                if i == 0 and optional_first:
                    terms.append(down[j])
                row[j] = lse(*terms)
        z = fw[n][m]
        out: list[tuple[str, str, float]] = []
        if z == inf:
            return out
        for i, u in enumerate(us):
            acc: dict[str, float] = defaultdict(float)
            for j in range(m + 1):
                if fw[i][j] == inf:
                    continue
                for k in (0, 1, 2):
                    if j + k <= m:
                        x = fw[i][j] + emit[i][j][k] + bw[i + 1][j + k] - z
                        if x < 9.0:
                            acc[g[j : j + k]] += math.exp(-x)
            out += [(u, o, p) for o, p in acc.items() if p > 1e-3]
        return out

    def refit_soft(self, pairs: Iterable[tuple[str, Sequence[str], bool, float]]) -> GlyphModel:
        """Like `refit`, with expected counts over all alignments (soft EM): ambiguous alignments share."""
        new = GlyphModel(self.prior, self.unit_weight, self.letter_weight)
        for printed, us, opt, w in pairs:
            for u, out, p in self.posteriors(printed, us, opt):
                letter = u.split("|", 1)[0]
                new.unit_counts[u][out] += w * p
                new.unit_totals[u] += w * p
                new.letter_counts[letter][out] += w * p
                new.letter_totals[letter] += w * p
        return new

    def refit(self, pairs: Iterable[tuple[str, Sequence[str], bool, float]]) -> GlyphModel:
        """A new model trained on (printed, units, optional_first, weight) pairs aligned under this one."""
        new = GlyphModel(self.prior, self.unit_weight, self.letter_weight)
        for printed, us, opt, w in pairs:
            for u, out in self.align(printed, us, opt):
                letter = u.split("|", 1)[0]
                new.unit_counts[u][out] += w
                new.unit_totals[u] += w
                new.letter_counts[letter][out] += w
                new.letter_totals[letter] += w
        return new
