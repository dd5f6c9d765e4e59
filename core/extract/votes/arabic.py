"""Vote blocks of Arabic UN letters, read from the text itself, garbled font or not.

`runs` finds the block by layout and cuts its lists into items; `garbled` matches the items to that year's
Council (a glyph model learned from the document when the font map is broken); `arabic_numbers` reads the
resolution, date and tally from the digits of the adoption sentence. This module joins them into one
`ArabicVoteBlock` per block.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...clean.garble import garble_score, is_garbled, page_scores
from ...data.lexicon import lexicon
from ...data.roster import countries
from ...model import Document, Issue, Member, Resolution, Vote
from ...text.arabic import TATWEEL, letters_only, without_spaces
from ...text.symbols import find_document_symbol, parse_sc_resolution, sc_resolution
from . import arabic_numbers, outcome
from .checks import fill_by_elimination, finish, members_of, seats
from .confidence import leave_one_out, named_lists
from .garbled import (
    BODY_LINES,
    KINDS,
    ArabicItem,
    Solution,
    member_items,
    null_costs,
    recount,
    split_merged,
    train,
)
from .glyphs import CLEAN_PRIOR, GlyphModel
from .runs import ARABIC_LETTER, Line, is_list_line, label_triples, split_lines, tail_lines

__all__ = ["ArabicItem", "ArabicVoteBlock", "arabic_votes", "find_arabic_votes"]

ADOPTION_LINES = 13  # lines after a block searched for its adoption sentence
SUBJECT_WINDOW = 3000  # characters before a block in which the draft's symbol is looked for
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")


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
    taken: Sequence[tuple[int, int]] = (),
) -> list[ArabicVoteBlock]:
    """Every Arabic vote block (favour / against / abstaining lists) found in `text`, in text order.

    `resolutions` are those found in the same text (an annexed resolution gives the vote's resolution, date
    and year when the Arabic does not); `garbled(offset)` says whether the Arabic at an offset is garbled
    (default: the garble score of the text up to the block); blocks starting inside a span of `taken` (read
    by another reader) are not read."""
    lines = split_lines(text)
    annexed = next((r for r in resolutions if parse_sc_resolution(r.symbol)), None)
    dated = next((r.date for r in resolutions if r.date), None)
    ctx = _Context(
        parse_sc_resolution(annexed.symbol) if annexed else None,
        dated,
        garbled or (lambda offset: is_garbled(garble_score(text[:offset]))),
    )
    out = []
    for a, b, c in label_triples(lines):
        if any(x <= lines[a].start < y for x, y in taken):
            continue
        blocks_idx = [list(range(a + 1, b)), list(range(b + 1, c)), tail_lines(lines, c + 1)]
        blocks_idx = [[i for i in bl if is_list_line(lines[i].text)] for bl in blocks_idx]
        out.append(_read_block(text, lines, (a, b, c), blocks_idx, year, ctx))
    return out


def _labels_verbatim(label_texts: list[str]) -> bool:
    """Whether the three labels print the lexicon's words (clean Arabic)."""
    lex = lexicon("ar").vote.labels
    return all(
        any(" ".join(letters_only(w) for w in p.split()) in plain_letters(lbl) for p in lex[k])
        for k, lbl in zip(KINDS, label_texts, strict=True)
    )


def _year(year: int | None, tail: list[str], ctx: _Context, body: str) -> int | None:
    """The year of the roster: the caller's, else the adoption sentence's resolution, else the annexed
    resolution's, else its date, else the first year printed before the block."""
    if year is not None:
        return year
    at = arabic_numbers.resolution_line(tail)
    r = arabic_numbers.resolution_in(tail[at], []) if at is not None else None
    if r:
        return r[1]
    if ctx.resolution:
        return ctx.resolution[1]
    if ctx.date:
        return int(ctx.date[:4])
    ys = [int(m) for m in _YEAR.findall(body)]
    return ys[0] if ys else None


def _read_block(
    text: str,
    lines: list[Line],
    labels_idx: tuple[int, int, int],
    blocks_idx: list[list[int]],
    year: int | None,
    ctx: _Context,
) -> ArabicVoteBlock:
    warnings: list[tuple[str, str]] = []
    blocks = [[lines[i] for i in bl] for bl in blocks_idx]
    label_texts = [lines[i].text for i in labels_idx]
    last = max([labels_idx[2], *blocks_idx[2]])
    body = "\n".join(ln.text for ln in lines[: last + 1] if ARABIC_LETTER.search(ln.text))
    garbled = ctx.garbled(lines[last].end) or not _labels_verbatim(label_texts)
    if garbled:
        warnings.append(
            (
                "garbled-arabic",
                "the Arabic of this vote block is garbled (a broken font map): "
                "names were matched with a glyph model learned from this document",
            )
        )
    tail_idx = list(range(last + 1, min(last + 1 + ADOPTION_LINES, len(lines))))
    tail = [lines[i].text for i in tail_idx]
    vote_year = _year(year, tail, ctx, body)
    roster = members_of(vote_year)
    null = null_costs(blocks)
    model = GlyphModel(CLEAN_PRIOR)
    sol = None
    if roster:
        near = [*range(max(0, labels_idx[0] - BODY_LINES), labels_idx[0]), *tail_idx]
        body_lines = [
            lines[i].text
            for i in near
            if ARABIC_LETTER.search(lines[i].text) and is_garbled(garble_score(lines[i].text))
        ]
        sol = train(blocks, label_texts, roster, garbled, body_lines)
        model = sol.matcher.model
    else:
        warnings.append(("no-roster", f"no Council roster for year {vote_year}: items left unassigned"))
    adopted = arabic_numbers.adoption(tail, model, null, vote_year)
    if sol is not None:
        sol = _fit_count(sol, blocks, adopted.tally, null, warnings)
        sol = _fit_seats(sol, blocks, adopted.tally, seats(vote_year), null, warnings)
        if garbled:
            leave_one_out(sol, label_texts, lexicon("ar").vote.labels, sol.anchors)
    resolution = adopted.resolution or ctx.resolution
    date = ctx.date or adopted.date
    lists = named_lists(text, blocks, sol, null, warnings)
    if adopted.tally is not None and adopted.tally != len(lists["in_favour"]):
        warnings.append(
            (
                "count-mismatch",
                f"the letter states {adopted.tally} in favour but {len(lists['in_favour'])} items are listed",
            )
        )
    start = lines[labels_idx[0]].start
    end = max(lines[last].end, start)
    return ArabicVoteBlock(start, end, lists, adopted.tally, resolution, date, garbled, tuple(warnings))


def _fit_count(
    sol: Solution, blocks: list[list[Line]], tally: int | None, null: dict[str, float], warnings: list
) -> Solution:
    """When the in-favour list does not hold the stated number of items: its run order repaired again with
    the count weighed, then, if it is still short, the items that hold two names cut (`split_merged`)."""
    listed = sum(1 for b, _ in sol.items if b == 0)
    if tally is None or listed == tally:
        return sol
    sol = recount(sol, blocks, [tally, None, None])
    before = sum(1 for b, _ in sol.items if b == 0)
    if before < tally:
        sol = split_merged(sol, blocks, [0], tally - before, null)
        after = sum(1 for b, _ in sol.items if b == 0)
        if after > before:
            warnings.append(
                (
                    "item-split",
                    f"the letter states {tally} in favour but lists {before} items: {after - before} item(s) "
                    "holding two names were cut where the roster fits best",
                )
            )
    return sol


def _fit_seats(
    sol: Solution,
    blocks: list[list[Line]],
    tally: int | None,
    size: int,
    null: dict[str, float],
    warnings: list,
) -> Solution:
    """Every member votes in a letter's lists: where they hold fewer members than the Council has seats, the
    items that hold two names cut (`split_merged`), in the lists whose number the letter does not state
    (all three, where it states none). A member still in no list is said by `checks.finish`."""
    listed = member_items(sol)
    pinned = tally is not None and listed[0] == tally
    which = [1, 2] if pinned else [0, 1, 2]
    before = sum(listed)
    if before >= size:
        return sol
    sol = split_merged(sol, blocks, which, size - before, null)
    after = sum(member_items(sol))
    if after > before:
        warnings.append(
            (
                "item-split",
                f"the Council had {size} seats but the lists hold {before} members: {after - before} item(s) "
                "holding two names were cut where the roster fits best",
            )
        )
    return sol


def plain_letters(s: str) -> str:
    return " ".join(letters_only(w) for w in s.replace(TATWEEL, "").split() if letters_only(w))


# --- votes ----------------------------------------------------------------------------------------------


def arabic_votes(doc: Document, resolutions: list[Resolution], taken: list[tuple[int, int]]) -> list[Vote]:
    """The votes of the Arabic blocks of a document that no other reader took (spans in `taken`): the
    outcome from `outcome.read` where the Arabic around the block is clean, else from its digits."""
    lx = lexicon("ar")
    cs = countries()
    context = tuple((r.symbol, r.date) for r in resolutions)
    found = list(_blocks(doc.text, context, _garbled_spans(doc), tuple(taken)))
    out = []
    for k, blk in enumerate(found):
        stop = found[k + 1].start if k + 1 < len(found) else len(doc.text)
        said = outcome.read(doc, resolutions, lx, blk.start, blk.end, stop)
        v = said.vote(doc, blk.start, blk.end, "ar")
        if v.resolution is None and blk.resolution:
            v.resolution = sc_resolution(*blk.resolution)
        if v.adopted is None and v.resolution:
            v.adopted = True
        v.date = blk.date or said.date
        if v.subject is None and v.kind == "draft":
            v.subject = find_document_symbol(doc.text[max(0, blk.start - SUBJECT_WINDOW) : blk.start])
        year = int(v.date[:4]) if v.date else (blk.resolution[1] if blk.resolution else None)
        for key in KINDS:
            for it in blk.lists.get(key, []):
                c = cs.get(it.iso3) if it.iso3 else None
                printed, a, b = _printed_span(doc.text, it.as_printed, it.start, it.end)
                v.members(key).append(Member(c.name if c else printed, it.iso3, printed, a, b, it.score))
        for code, msg in blk.warnings:
            v.issues.append(Issue(code, msg))  # type: ignore[arg-type]
        stated = said.stated
        if "in_favour" not in stated and blk.tally is not None:
            stated["in_favour"] = blk.tally
        if year is not None:
            fill_by_elimination(v, year)
        finish(v, stated, year)
        out.append(v)
    return out


@functools.lru_cache(maxsize=8)
def _blocks(
    text: str,
    context: tuple[tuple[str | None, str | None], ...],
    garbled_spans: tuple[tuple[int, int], ...],
    taken: tuple[tuple[int, int], ...],
) -> tuple[ArabicVoteBlock, ...]:
    """Arabic blocks of a text; cached per document (`inspect` asks twice)."""
    resolutions = [Resolution(symbol, "", 0, 0, 0, date) for symbol, date in context]

    def garbled(offset: int) -> bool:
        return any(a <= offset <= b for a, b in garbled_spans)

    return tuple(find_arabic_votes(text, resolutions, garbled, taken=taken))


def _garbled_spans(doc: Document) -> tuple[tuple[int, int], ...]:
    """The stretches of text (pages) whose Arabic the cleaning stage judged garbled."""
    bounds = [*doc.page_starts, len(doc.text)]
    if "ar" in doc.languages:  # the cleaning stage said which pages, in its `garbled-arabic` issue (if any)
        pages = [p for i in doc.issues if i.code == "garbled-arabic" for p in i.pages]
    else:
        pages = [p for p, score in page_scores(doc).items() if is_garbled(score)]
    return tuple((bounds[p - 1], bounds[p]) for p in pages)


def _printed_span(text: str, printed: str, start: int, end: int) -> tuple[str, int | None, int | None]:
    """The item exactly as it stands in the text, with its offsets; an item that extraction split in two
    (runs of a line in visual order) has no single span, and gets none rather than a wrong one."""
    raw = text[start:end]
    if without_spaces(raw) == without_spaces(printed):
        lead = len(raw) - len(raw.lstrip())
        core = raw.strip()
        return core, start + lead, start + lead + len(core)
    return printed, None, None
