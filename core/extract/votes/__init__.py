"""Votes: find vote blocks (in favour / against / abstaining) and tallies in prose, name and code the members,
check consistency.

`blocks` finds labelled lists ("In favour: …", «赞成：…», clean «المؤيدون:») and `segment` reads each list
as one string, cut into members of that year's Council; `arabic` reads Arabic blocks by layout, garbled
by a broken font or printed with their runs in visual order (`runs`, `garbled`, `glyphs`,
`arabic_numbers`); `prose` reads votes reported in a sentence; `replies` reads a vote recorded only as the
members' replies to a written procedure; `outcome` reads the sentences around every vote; `match` names approximate items one-to-one (`assign`); `checks` runs every consistency check. Wording
per language is data (the lexicons' `[vote]`). Every disagreement is an Issue on the vote, never a fix.
"""

from __future__ import annotations

from ...data.lexicon import all_lexicons
from ...model import VOTE_LISTS, Document, Resolution, Vote
from .blocks import find_blocks, read_block
from .prose import prose_votes
from .replies import reply_votes

__all__ = ["extract_votes"]


def extract_votes(doc: Document, resolutions: list[Resolution]) -> list[Vote]:
    """Every vote in the document, in document order."""
    votes: list[Vote] = []
    # for find_blocks's cheap test, without spaces: a label may hold a stray one
    folded = doc.text.casefold().replace(" ", "")
    for lx in all_lexicons():
        for block in find_blocks(doc, lx, folded):
            vote = read_block(doc, resolutions, lx, block)
            if lx.lang == "ar" and any(m.iso3 is None for k in VOTE_LISTS for m in vote.members(k)):
                continue  # Arabic items no name explains: runs in visual order, read by `arabic` below
            votes.append(vote)
    if _has_arabic(doc):
        from .arabic import arabic_votes  # numpy and the glyph model: only for Arabic

        votes += arabic_votes(doc, resolutions, taken=[(v.start or 0, v.end or 0) for v in votes])
    blocks = [(v.start or 0, v.end or 0) for v in votes]
    for lx in all_lexicons():
        votes += prose_votes(doc, resolutions, lx, blocks)
    if not votes:  # a compilation that states its vote nowhere but in the members' replies
        for lx in all_lexicons():
            votes += reply_votes(doc, resolutions, lx)
    votes.sort(key=lambda v: v.start or 0)
    return votes


def _has_arabic(doc: Document) -> bool:
    """Arabic on some page or part: a letter in Arabic with a long annex in English is Arabic where its vote
    block is, though the document as a whole reads as English."""
    return "ar" in doc.languages or any("ar" in langs for langs in doc.page_languages)
