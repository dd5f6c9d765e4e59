"""Votes: find vote blocks (in favour / against / abstaining), name and code the members, check consistency.

`blocks` reads labelled lists ("In favour: …"), `arabic` reads Arabic blocks, clean or garbled by a broken
font (with the per-document glyph model of `glyphs`); `match` matches printed names to that year's Council
(with the assignment solver of `assign`); `outcome` reads the sentences around a block; `checks` runs every
consistency check. Wording per language is data (the lexicons' `[vote]`). Every disagreement is an Issue on
the vote, never a fix.
"""

from __future__ import annotations

import functools

from ...clean.garble import is_garbled, page_scores
from ...data.lexicon import all_lexicons, lexicon
from ...data.roster import countries
from ...model import VOTE_LISTS, Counts, Document, Issue, Member, Resolution, Vote, VoteList
from ...text.arabic import without_spaces
from ...text.dates import find_date
from ...text.symbols import find_document_symbol, sc_resolution
from . import outcome
from .arabic import ArabicVoteBlock, find_arabic_votes
from .blocks import find_blocks, read_block
from .checks import fill_by_elimination, finish
from .prose import prose_votes

__all__ = ["extract_votes"]

SUBJECT_WINDOW = 3000  # characters before an Arabic block in which the draft's symbol is looked for


def extract_votes(doc: Document, resolutions: list[Resolution]) -> list[Vote]:
    """Every vote in the document, in document order."""
    votes: list[Vote] = []
    folded = doc.text.casefold()
    for lx in all_lexicons():
        if lx.lang == "ar":
            continue  # read by `arabic`, below
        for block in find_blocks(doc, lx, folded):
            votes.append(read_block(doc, resolutions, lx, block))
    if _has_arabic(doc):
        votes += _arabic_votes(doc, resolutions, taken=[(v.start or 0, v.end or 0) for v in votes])
    blocks = [(v.start or 0, v.end or 0) for v in votes]
    for lx in all_lexicons():
        votes += prose_votes(doc, resolutions, lx, blocks)
    votes.sort(key=lambda v: v.start or 0)
    return votes


def _has_arabic(doc: Document) -> bool:
    """Arabic on some page or part: a letter in Arabic with a long annex in English is Arabic where its vote
    block is, though the document as a whole reads as English."""
    return "ar" in doc.languages or any("ar" in langs for langs in doc.page_languages)


@functools.lru_cache(maxsize=8)
def _arabic_blocks(
    text: str, context: tuple[tuple[str | None, str | None], ...], garbled_spans: tuple[tuple[int, int], ...]
) -> tuple[ArabicVoteBlock, ...]:
    """Arabic blocks of a text; cached, since learning a garbled font's model takes a second or two."""
    resolutions = [Resolution(symbol, "", 0, 0, 0, date) for symbol, date in context]
    return tuple(
        find_arabic_votes(text, resolutions, lambda offset: any(a <= offset <= b for a, b in garbled_spans))
    )


def _garbled_spans(doc: Document) -> tuple[tuple[int, int], ...]:
    """The stretches of text (pages) whose Arabic the cleaning stage judged garbled."""
    bounds = [*doc.page_starts, len(doc.text)]
    pages = [p for p, score in page_scores(doc).items() if is_garbled(score)]
    return tuple((bounds[p - 1], bounds[p]) for p in pages)


def _arabic_votes(doc: Document, resolutions: list[Resolution], taken: list[tuple[int, int]]) -> list[Vote]:
    lx = lexicon("ar")
    cs = countries()
    context = tuple((r.symbol, r.date) for r in resolutions)
    out = []
    for blk in _arabic_blocks(doc.text, context, _garbled_spans(doc)):
        if any(a <= blk.start < b for a, b in taken):
            continue
        resolution = sc_resolution(*blk.resolution) if blk.resolution else None
        date = blk.date
        if date is None and resolution:
            date = next((r.date for r in resolutions if r.symbol == resolution and r.date), None)
        if date is None:
            date = find_date(doc.text[:3000], lx)  # the record's own date, when its text is clean
        year = int(date[:4]) if date else (blk.resolution[1] if blk.resolution else None)
        before = doc.text[max(0, blk.start - SUBJECT_WINDOW) : blk.start]
        v = Vote(
            subject=outcome.subject(doc, blk.start, lx) or find_document_symbol(before),
            resolution=resolution,
            procedure=outcome.procedure(doc, before, lx),
            date=date,
            adopted=True if resolution else None,
            counts=Counts(),
            in_favour=[],
            against=[],
            abstaining=[],
            start=blk.start,
            end=blk.end,
            page=doc.page_at(blk.start),
            language="ar",
        )
        for key in VOTE_LISTS:
            for it in blk.lists.get(key, []):
                c = cs.get(it.iso3) if it.iso3 else None
                printed, a, b = _printed_span(doc.text, it.as_printed, it.start, it.end)
                v.members(key).append(Member(c.name if c else printed, it.iso3, printed, a, b, it.score))
        for code, msg in blk.warnings:
            v.issues.append(Issue(code, msg))  # type: ignore[arg-type]
        if v.resolution is None:
            v.resolution, adopted, _ = outcome.adoption(doc.text[blk.end :], lx)
            v.adopted = adopted if adopted is not None else v.adopted
        stated: dict[VoteList, int] = {"in_favour": blk.tally} if blk.tally is not None else {}
        if year is not None:
            fill_by_elimination(v, year)
        finish(v, stated, year)
        out.append(v)
    return out


def _printed_span(text: str, printed: str, start: int, end: int) -> tuple[str, int | None, int | None]:
    """The item exactly as it stands in the text, with its offsets; an item that extraction split in two
    (runs of a line in visual order) has no single span, and gets none rather than a wrong one."""
    raw = text[start:end]
    if without_spaces(raw) == without_spaces(printed):
        lead = len(raw) - len(raw.lstrip())
        core = raw.strip()
        return core, start + lead, start + lead + len(core)
    return printed, None, None
