"""The outcome of an Arabic vote read where its words are garbled: the resolution from its digits («(2020) 2518»
either way round), the date from the digits around a month name scored under the document's glyph model, and
the tally from the small number on the adoption line. Clean text is read by `outcome` from the lexicon's
wording; this reads what survives a broken font map (digits, brackets, «/»)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...data.lexicon import lexicon
from ...text.arabic import letters_only, units
from ...text.scripts import ARABIC_LABEL
from .glyphs import GlyphModel
from .runs import ARABIC_LETTER, NUMBER

PAREN_YEAR = re.compile(r"\(\s*(\d{4})\s*\)")
MAX_TALLY = 15  # the count in favour is at most the Council's size


@dataclass(frozen=True)
class Date:
    iso: str
    start: int
    end: int  # span in the line (digits included)


@functools.cache
def month_units() -> list[tuple[int, tuple[str, ...], tuple[str, ...]]]:
    out = []
    for name, num in lexicon("ar").months.items():
        left, right = name.split("/")
        out.append((int(num), tuple(units(left)), tuple(units(right))))
    return out


def llr_best(
    g: str, names: Sequence[Sequence[str]], model: GlyphModel, null: dict[str, float], suffix: bool
) -> list[float]:
    """For each month name: its best log-likelihood ratio against a prefix (or suffix) of `g` versus chance
    (all prefixes against all names in one batch)."""
    parts = [g[-j:] if suffix else g[:j] for j in range(1, len(g) + 1)]
    chance = np.array([sum(null.get(ch, 6.0) for ch in part) for part in parts])
    gains = chance[:, None] - model.score_matrix(parts, names)
    return [float(x) for x in gains.max(axis=0)]


def dates(line: str, model: GlyphModel, null: dict[str, float], year_hint: int | None) -> list[Date]:
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
        months = month_units()
        left_gain = llr_best(gl, [lu for _, lu, _ in months], model, null, True)
        right_gain = llr_best(gr, [ru for _, _, ru in months], model, null, False)
        scored = [(a + b, num) for a, b, (num, _, _) in zip(left_gain, right_gain, months, strict=True)]
        gain, month = max(scored)
        if gain <= 0:
            continue
        lo, hi = max(0, s - 40), min(len(line), s + 40)
        groups = [(m.start() + lo, m.group()) for m in NUMBER.finditer(line[lo:hi])]
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
            out.append(Date(f"{year:04d}-{month:02d}-{day:02d}", span[0], span[1]))
    return out


def resolution_in(line: str, masked: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """(number, year, position) of a resolution cited as «NNNN (YYYY)» in either order in one line."""
    for m in PAREN_YEAR.finditer(line):
        year = int(m.group(1))
        if not 1946 <= year <= 2100:
            continue
        best = None
        for n in NUMBER.finditer(line):
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


@dataclass(frozen=True)
class Adoption:
    """What the lines after an Arabic vote block say in digits: the resolution, the date, the count in favour."""

    line: int | None  # the line that names the resolution
    resolution: tuple[int, int] | None
    date: str | None
    tally: int | None


def resolution_line(lines: Sequence[str]) -> int | None:
    """The first Arabic line citing a resolution «NNNN (YYYY)» (the adoption sentence)."""
    for i, s in enumerate(lines):
        if ARABIC_LETTER.search(s) and resolution_in(s, []):
            return i
    return None


def adoption(
    lines: Sequence[str], model: GlyphModel, null: dict[str, float], year_hint: int | None
) -> Adoption:
    """The resolution, date and tally of the adoption sentence among the lines after a block (in order)."""
    spans: dict[int, list[Date]] = {
        i: dates(s, model, null, year_hint) for i, s in enumerate(lines) if ARABIC_LETTER.search(s)
    }
    at = resolution_line(lines)
    if at is None:
        return Adoption(None, None, None, None)
    r = resolution_in(lines[at], [(d.start, d.end) for d in spans.get(at, [])])
    date = next((spans[i][0].iso for i in (at, at + 1, at - 1) if spans.get(i)), None)
    cands = []
    for i in range(max(0, at - 2), at + 1):
        s = lines[i]
        if not ARABIC_LETTER.search(s) or "*" in s or "http" in s:
            continue
        masked = [(d.start, d.end) for d in spans.get(i, [])]
        for n in NUMBER.finditer(s):
            if any(x <= n.start() < y for x, y in masked):
                continue
            if s[n.end() : n.end() + 1] == "-" or s[max(0, n.start() - 1) : n.start()] in "-(":
                if n.start() > 0:
                    continue
            v = int(n.group())
            if 1 <= v <= MAX_TALLY and len(n.group()) <= 2:
                cands.append(v)
    return Adoption(at, (r[0], r[1]) if r else None, date, max(cands) if cands else None)
