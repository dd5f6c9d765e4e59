"""How sure the reading of each garbled Arabic item is, and the lists that follow from it.

A model trained on an item can always explain that item; only a mapping that the rest of the document
supports is evidence. So each assigned item is scored again under a model trained without it (`leave_one_out`),
against its roster's members and every state outside the roster, and is named only when that model still
prefers its member clearly, over the next column or over every other one-to-one assignment
(`assignment_margin`); when several items fit outsiders better (wrong year?), only items that beat every
outsider are named. What is not named is reported unassigned, with a warning (`named_lists`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .assign import linear_sum_assignment
from .garbled import BIG, KINDS, ArabicItem, Matcher, Solution, label_printed, outsider_columns
from .glyphs import Variants
from .runs import Line, items_of

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


def leave_one_out(sol: Solution, labels: list[str], lex: dict, extra: Sequence = ()) -> None:
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
        g, us = label_printed(label, model, lex[kind])
        if g:
            pairs.append((-1, (g, us, False, 1.0)))
    pairs += [(-1, p) for p in extra]
    outsiders = outsider_columns({c.key for c in columns})
    sol.outsider = [(math.inf, None)] * len(sol.items)
    counts = model.counts(p for _, p in pairs)  # each pair's expected counts, once
    every = Variants([us for col in columns + outsiders for us in col.variants])
    for n, (r, _pair) in enumerate(pairs):
        if r < 0:
            continue
        held_out = Matcher(
            columns + outsiders, model.from_counts(c for k, c in enumerate(counts) if k != n), every
        )
        printed = sol.items[r][1].printed
        for ci in range(len(columns)):
            if sol.cost[r, ci] < BIG:
                sol.cost[r, ci] = held_out.cost(printed, ci)[0]
        sol.outsider[r] = min(
            ((held_out.cost(printed, len(columns) + k)[0], col.key) for k, col in enumerate(outsiders)),
            default=(math.inf, None),
        )


def assignment_margin(cost: np.ndarray, nulls: Sequence[float], r: int, ci: int) -> float:
    """How much worse the best assignment is when row `r` may not take column `ci`.

    Every row may also stay out (its unigram cost): an item that fits nothing is no evidence either way.
    """
    n_rows, n_cols = cost.shape
    ext = np.full((n_rows, n_cols + n_rows), BIG)
    ext[:, :n_cols] = cost
    for k in range(n_rows):
        ext[k, n_cols + k] = nulls[k]
    rows, cs = linear_sum_assignment(ext)
    best = ext[rows, cs].sum()
    ext[r, ci] = BIG
    rows, cs = linear_sum_assignment(ext)
    return float(ext[rows, cs].sum() - best)


def named_lists(
    text: str,
    blocks: list[list[Line]],
    sol: Solution | None,
    null: dict[str, float],
    warnings: list[tuple[str, str]],
) -> dict[str, list[ArabicItem]]:
    lists: dict[str, list[ArabicItem]] = {k: [] for k in KINDS}
    if sol is None:
        for b, lines in enumerate(blocks):
            for it in items_of(lines, [0] * len(lines)):
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
            alt = min((row[c] for c in range(len(cols)) if c != ci and row[c] < BIG), default=BIG)
            margin = (alt - row[ci]) / n
            gain = (nulls[r] - row[ci]) / n
            sure = margin >= MIN_MARGIN
            if not sure and margin >= ASSIGN_COLUMN_MARGIN:
                delta = assignment_margin(sol.cost, nulls, r, ci) / n
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
