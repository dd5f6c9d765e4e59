"""Votes reported in a sentence, with no vote block: "… the draft resolution received 13 votes in favour, two
against (China and the Russian Federation), and no abstentions. The draft resolution has not been adopted …".

The counts come from the tally sentence (the lexicons' `[vote] tally`), the members of a list from the
brackets after its count, read by the roster-guided segmenter. A list the sentence does not name is filled
only where the counts and that year's Council leave no doubt (`checks.fill_unprinted`); the vote then says
`members_printed: false`.
"""

from __future__ import annotations

from ...data.lexicon import Lexicon
from ...model import VOTE_LISTS, Document, Resolution, Vote, VoteList
from . import outcome
from .checks import fill_unprinted, finish
from .match import name_pieces
from .segment import Piece, read_list

BLOCK_TALLY = 1500  # a tally sentence this close after a vote block is that block's, not a vote of its own
# an adoption line this close after a resolution's last paragraph is that resolution's
ADOPTION_LINE_AFTER = 300


def prose_votes(
    doc: Document, resolutions: list[Resolution], lx: Lexicon, taken: list[tuple[int, int]]
) -> list[Vote]:
    """The votes of the tally sentences in `doc` that no vote block (spans in `taken`) owns."""
    found = list(outcome.tallies(doc.text, lx))
    owned = set()
    for _, end in taken:  # the first tally after a block is the block's
        after = [t for t in found if end <= t.start < end + BLOCK_TALLY]
        if after:
            owned.add(after[0].start)
    out = []
    for k, t in enumerate(found):
        if t.start in owned or any(a <= t.start < b for a, b in taken):
            continue
        stop = found[k + 1].start if k + 1 < len(found) else len(doc.text)
        out.append(_vote(doc, resolutions, lx, t, stop))
    return out


def _vote(doc: Document, resolutions: list[Resolution], lx: Lexicon, t: outcome.Tally, stop: int) -> Vote:
    text = doc.text
    sentence = outcome.sentence_start(text, t.start)
    out = outcome.read(doc, resolutions, lx, t.start, t.end, stop, sentence)
    out.tally = t
    if (
        out.resolution is None
        and out.adopted is None
        and lx.vote.adopted_line.match(text[sentence : t.start])
    ):
        # the adoption line at the end of a resolution's text: the vote on that resolution
        holder = next((r for r in resolutions if r.start <= t.start <= r.end + ADOPTION_LINE_AFTER), None)
        if holder is not None and holder.symbol:
            out.resolution, out.adopted = holder.symbol, True
            out.date = holder.date or out.date
    vote = out.vote(doc, t.start, t.end, lx.lang)
    year = out.year
    pieces: list[tuple[VoteList, Piece]] = []
    for key in VOTE_LISTS:
        if key in t.named:
            a, b = t.named[key]
            pieces += [(key, p) for p in read_list(text[a:b], lx.lang, year, t.counts.get(key), base=a)]
    for key, m in name_pieces(text, pieces, year, lx.lang):
        vote.members(key).append(m)
    unprinted = {k for k in VOTE_LISTS if k not in t.named and t.counts.get(k, 0) > 0}
    if unprinted:
        vote.members_printed = False
        fill_unprinted(vote, t.counts, unprinted, year)
    finish(vote, t.counts, year, unprinted)
    return vote
