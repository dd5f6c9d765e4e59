"""Arabic vote blocks as pdfminer prints them: label lines, list lines, items, and each line's run order.

pdfminer prints the runs of a right-to-left line in visual order (a line `A B`, A its logical start, comes
out `B A`), which breaks items, and even words, across the seam. The block is found by layout (three short
lines ending in «:»), items are counted by the list marks («،»), and each line's rotation is repaired by
choosing the one the roster explains best (`repair`, given a scoring function).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...data.lexicon import joiners
from ...text.arabic import TATWEEL, letters_only
from ...text.scripts import ARABIC_LABEL, LATIN_DIGITS

ARABIC_LETTER = re.compile(f"[{ARABIC_LABEL}]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
NUMBER = re.compile(r"\d+")
ITEM_SEP = joiners().marks  # what separates list items («،» and the others)


@dataclass(frozen=True)
class Line:
    text: str  # digits normalised to Latin (same length as the source line)
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.translate(LATIN_DIGITS).split("\n"):
        out.append(Line(raw, pos))
        pos += len(raw) + 1
    return out


LABEL_WORDS = 5  # a vote label («الممتنعون عن التصويت:») has at most this many words
# or, where a broken font prints letters as spaces and so cuts it into more, at most this many characters
# and no full stop (the tail of the sentence before the lists, «… كما يلي:», has one and is longer)
LABEL_CHARS = 18


def is_label(line: str) -> bool:
    s = line.replace(TATWEEL, "").strip()
    if not (s.endswith(":") or s.startswith(":")) or not ARABIC_LETTER.search(s) or NUMBER.search(s):
        return False
    words = s.strip(":").split()
    return len(words) <= LABEL_WORDS or ("." not in s and len("".join(words)) <= LABEL_CHARS)


def label_triples(lines: list[Line]) -> list[tuple[int, int, int]]:
    idx = [i for i, ln in enumerate(lines) if is_label(ln.text)]
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


def is_list_line(s: str) -> bool:
    return bool(ARABIC_LETTER.search(s)) and not NUMBER.search(s) and not LATIN_LETTER.search(s)


def tail_lines(lines: list[Line], first: int) -> list[int]:
    """Lines of the last vote list: up to the first line holding a full stop, list-like lines only."""
    out: list[int] = []
    for i in range(first, min(first + 6, len(lines))):
        s = lines[i].text
        if not is_list_line(s) or is_label(s):
            break
        out.append(i)
        if "." in s:
            break
    return out


# --- items and run-order repair --------------------------------------------------------------------------


def cuts_of(line: str) -> list[int]:
    """Rotation points: a line printed `X Y` (runs in visual order) reads `Y X`; Y starts after a space."""
    cuts = [0]
    for i in range(1, len(line)):
        if not line[i].isspace() and (line[i - 1].isspace() or line[i - 1] in ITEM_SEP + "."):
            cuts.append(i)
    return cuts


@dataclass(frozen=True)
class RawItem:
    printed: str  # letters only, the compared form
    as_printed: str
    start: int
    end: int
    at: tuple[int | None, ...] = ()  # offset in the text of each letter of `printed`


def items_of(lines: Sequence[Line], rot: Sequence[int]) -> list[RawItem]:
    """The items of a list's lines read with each line rotated at `rot` (cached: the run-order repair asks
    for the same rotations in every round)."""
    return list(_items(tuple(lines), tuple(rot)))


@functools.lru_cache(maxsize=4096)
def _items(lines: tuple[Line, ...], rot: tuple[int, ...]) -> tuple[RawItem, ...]:
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
    items: list[RawItem] = []
    cur: list[tuple[str, int | None]] = []
    for ch, off in [*seq, ("،", None)]:
        if ch in ITEM_SEP:
            kept = [(c, o) for c, o in cur if letters_only(c)]
            printed = "".join(c for c, _ in kept)
            # the item's span leaves out what `shown` strips: "النيجر." ends a list
            offs = [o for c, o in cur if o is not None and not c.isspace() and c not in ".:"]
            if printed and offs:
                shown = " ".join("".join(c for c, _ in cur).replace(TATWEEL, "").split()).strip(" .:")
                items.append(RawItem(printed, shown, min(offs), max(offs) + 1, tuple(o for _, o in kept)))
            cur = []
        else:
            cur.append((ch, off))
    return tuple(items)


CUT_PENALTY = 4.0  # nats: a seam usually follows the item-ending comma of the line's logical end
COUNT_COST = 8.0  # nats for each item more or fewer than the block is stated to hold
MAX_PASSES = 6  # coordinate-ascent passes over a block's lines (it stops earlier once no line moves)


def cut_penalty(line: str, p: int) -> float:
    before = line[:p].rstrip()
    return 0.0 if p == 0 or before.endswith(("،", ".", ",")) else CUT_PENALTY


def repair(
    blocks: list[list[Line]],
    rots: list[list[int]],
    best: Callable[[Sequence[str], int], list[float]],
    expected: Sequence[int | None] = (),
) -> None:
    """Coordinate ascent over each line's rotation, scoring all items of the block by their best member
    (`best` scores a batch), until no line moves. Where the block's number of items is known (`expected`,
    the stated count), each item more or fewer costs COUNT_COST: a rotation that merges two names into one
    item explains the letters cheaply but leaves a member unlisted."""
    for b, lines in enumerate(blocks):
        want = expected[b] if b < len(expected) else None
        cands = [cuts_of(ln.text) for ln in lines]
        for _ in range(MAX_PASSES):
            changed = False
            for li in range(len(lines)):
                trials = []
                for p in cands[li]:
                    trial = list(rots[b])
                    trial[li] = p
                    trials.append((p, items_of(lines, trial)))
                costs = best([it.printed for _, its in trials for it in its], b)
                scored = []
                k = 0
                for p, its in trials:
                    total = sum(costs[k : k + len(its)]) + cut_penalty(lines[li].text, p)
                    if want is not None:
                        total += COUNT_COST * abs(len(its) - want)
                    k += len(its)
                    scored.append((total, p != rots[b][li], p))
                total, _, p = min(scored)
                if total > min(t for t, moved, _ in scored if not moved) - 0.5:
                    p = rots[b][li]  # a rotation must explain the items clearly better to be taken
                if p != rots[b][li]:
                    rots[b][li] = p
                    changed = True
            if not changed:
                break


def split_item(it: RawItem, at: int, lines: Sequence[Line]) -> tuple[RawItem, RawItem]:
    """An item cut into two before its letter `at` (an item that holds two names)."""
    chars = {ln.start + i: ch for ln in lines for i, ch in enumerate(ln.text)}
    out = []
    for a, b in ((0, at), (at, len(it.printed))):
        offs = [o for o in it.at[a:b] if o is not None]
        start, end = min(offs), max(offs) + 1
        runs, run = [], ""
        for o in range(start, end):
            ch = chars.get(o)
            if ch is None:
                if run:
                    runs.append(run)
                run = ""
                continue
            run += ch
        runs.append(run)
        shown = " ".join(" ".join(runs).replace(TATWEEL, "").split()).strip(" .:،")
        out.append(RawItem(it.printed[a:b], shown, start, end, it.at[a:b]))
    return out[0], out[1]
