"""The assignment problem (which printed item is which member), solved exactly for the small matrices of vote
lists (at most a few dozen rows and columns).

`linear_sum_assignment` is the shortest-augmenting-path algorithm of Crouse (2016), the one scipy.optimize
implements, step for step (the same order of operations and the same tie-breaking), so that results equal
scipy's; it is written here so that reading a vote does not import scipy (a large import for a 15×15 matrix).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


def _rows(cost: Any) -> list[list[float]]:
    rows = cost.tolist() if hasattr(cost, "tolist") else [list(r) for r in cost]
    return [[float(x) for x in r] for r in rows]


def linear_sum_assignment(
    cost: Sequence[Sequence[float]] | Any, maximize: bool = False
) -> tuple[list[int], list[int]]:
    """(rows, columns) of a minimum-cost (or maximum, with `maximize`) one-to-one assignment of the rows of a
    rectangular matrix to its columns; every row is assigned when there are no more rows than columns, else
    every column. Rows come out in ascending order. Raises ValueError when no finite assignment exists."""
    c = _rows(cost)
    if not c or not c[0]:
        return [], []
    transpose = len(c) > len(c[0])
    if transpose:
        c = [list(col) for col in zip(*c, strict=True)]
    if maximize:
        c = [[-x for x in r] for r in c]
    if any(math.isnan(x) or x == -math.inf for r in c for x in r):
        raise ValueError("cost matrix contains NaN or -inf")
    nr, nc = len(c), len(c[0])
    u = [0.0] * nr
    v = [0.0] * nc
    costs = [math.inf] * nc
    path = [-1] * nc
    col4row = [-1] * nr
    row4col = [-1] * nc
    for cur in range(nr):
        sink, min_val, sr, sc = _augmenting_path(c, u, v, path, row4col, costs, cur)
        if sink < 0:
            raise ValueError("cost matrix is infeasible")
        u[cur] += min_val
        for i in range(nr):
            if sr[i] and i != cur:
                u[i] += min_val - costs[col4row[i]]
        for j in range(nc):
            if sc[j]:
                v[j] -= min_val - costs[j]
        j = sink
        while True:
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == cur:
                break
    if transpose:
        order = sorted(range(nr), key=lambda r: col4row[r])
        return [col4row[r] for r in order], order
    return list(range(nr)), col4row


def _augmenting_path(
    c: list[list[float]],
    u: list[float],
    v: list[float],
    path: list[int],
    row4col: list[int],
    costs: list[float],
    i: int,
) -> tuple[int, float, list[bool], list[bool]]:
    """The shortest augmenting path from free row `i`: (sink column or -1, its cost, rows and columns seen)."""
    nc = len(v)
    min_val = 0.0
    remaining = [nc - k - 1 for k in range(nc)]
    n_remaining = nc
    sr = [False] * len(u)
    sc = [False] * nc
    for j in range(nc):
        costs[j] = math.inf
    sink = -1
    row = c[i]
    while sink == -1:
        index = -1
        lowest = math.inf
        sr[i] = True
        row = c[i]
        ui = u[i]
        for k in range(n_remaining):
            j = remaining[k]
            r = min_val + row[j] - ui - v[j]
            if r < costs[j]:
                path[j] = i
                costs[j] = r
            # of several columns at the lowest cost, one that ends the path (a free column) is taken
            if costs[j] < lowest or (costs[j] == lowest and row4col[j] == -1):
                lowest = costs[j]
                index = k
        min_val = lowest
        if min_val == math.inf:
            return -1, min_val, sr, sc
        j = remaining[index]
        if row4col[j] == -1:
            sink = j
        else:
            i = row4col[j]
        sc[j] = True
        n_remaining -= 1
        remaining[index] = remaining[n_remaining]
    return sink, min_val, sr, sc
