"""Vote blocks printed as labelled lists ("In favour: … Against: … Abstaining: …", «赞成：… 反对：…»): found by
their labels, read item by item, matched to that year's Council. Arabic blocks, clean or garbled, are read by
`arabic`."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...data.lexicon import Lexicon, joiners
from ...data.roster import lookup
from ...model import VOTE_LISTS, Counts, Document, Issue, Member, Resolution, Vote, VoteList
from ...reader import limits
from ...text.scripts import WIDE_RE
from . import outcome
from .checks import finish
from .match import match_members

BLOCK_SPAN = 2500  # one label follows the one before it within this many characters
CONTEXT = 1500  # characters before and after a block searched for the sentences around it


@dataclass(frozen=True)
class _Labels:
    labels: dict[VoteList, re.Pattern[str]]
    words: tuple[str, ...]  # literal label words: a cheap test before the regexes run
    none: re.Pattern[str]


@dataclass(frozen=True)
class Block:
    """A vote block: where it starts and ends, and the span of each list that follows a label."""

    start: int
    lists: dict[VoteList, tuple[int, int]]
    end: int
    last: bool = False  # the last block read: the document holds more than the bound allows


@functools.cache
def _labels(lx: Lexicon) -> _Labels:
    labels = {}
    for key in VOTE_LISTS:
        alts = "|".join(re.escape(x) for x in sorted(lx.vote.labels[key], key=len, reverse=True))
        # a label opens a line, or follows a list it was glued onto by text extraction ("… Viet Nam Against:")
        # (the regex starts with the literal words, which is fast; the left edge is checked by _label_hits)
        labels[key] = re.compile(rf"(?:{alts})[ \t]*[:：]")
    none = re.compile(r"(?i)^\s*(?:" + "|".join(re.escape(x) for x in lx.vote.none) + r")\s*[.。]?\s*$")
    words = tuple(w.casefold() for key in VOTE_LISTS for w in lx.vote.labels[key])
    return _Labels(labels, words, none)


@functools.cache
def _conjunction_split() -> re.Pattern[str]:
    """ " and " between two names, in any language: "Tunisia and Viet Nam", "la France et la Chine"."""
    words = "|".join(map(re.escape, joiners().apart))
    return re.compile(rf"\s+(?:{words})\s+(?=(?:the\s+)?[A-ZÀ-ÖА-Я])")


@functools.cache
def _items_re() -> re.Pattern[str]:
    """A run of text between list punctuation (", ", "، ", "、") or line breaks."""
    return re.compile(f"[^{re.escape(joiners().marks)}\n]+")


def _split_items(text: str) -> list[tuple[str, int, int]]:
    """Comma/semicolon/'and'-separated items with their offsets relative to `text`."""
    out = []
    for m in _items_re().finditer(text):
        piece = m.group(0)
        sub = [piece]
        if lookup(piece.strip().rstrip(".")) is None:  # "Bosnia and Herzegovina" is one member
            sub = _conjunction_split().split(piece)
        pos = m.start()
        for s in sub:
            k = text.find(s, pos)
            a, b = k, k + len(s)
            raw = text[a:b]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw.rstrip(" \t.。"))
            a2, b2 = a + lead, a + trail
            if b2 > a2:
                out.append((text[a2:b2], a2, b2))
            pos = b
    return out


def _label_hits(rx: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """Label matches that open a line or follow a space (a label glued onto the list line above)."""
    for m in rx.finditer(text, pos):
        prev = text[m.start() - 1] if m.start() else "\n"
        # Chinese lines re-joined without a space: "…越南反对：" (a label right after a CJK character)
        if prev in "\n \t" or (WIDE_RE.match(prev) and WIDE_RE.match(text, m.start())):
            yield m


def find_blocks(doc: Document, lx: Lexicon, folded: str) -> list[Block]:
    """Each in-favour/against/abstaining triple of the language; `folded` is the document's text case-folded
    (once for all languages)."""
    text = doc.text
    lb = _labels(lx)
    if not any(w in folded for w in lb.words):
        return []
    bound = limits.current().vote_blocks
    hits = sorted((m.start(), m.end(), key) for key in VOTE_LISTS for m in _label_hits(lb.labels[key], text))
    blocks: list[Block] = []
    i = 0
    while i < len(hits):
        if hits[i][2] != "in_favour":
            i += 1
            continue
        seq = [hits[i]]
        j = i + 1
        while (
            j < len(hits)
            and len(seq) < 3
            and hits[j][2] == VOTE_LISTS[len(seq)]
            and hits[j][0] - seq[-1][1] < BLOCK_SPAN
        ):
            seq.append(hits[j])
            j += 1
        # a lone "In favour:" is a block too (unanimous votes in meeting records list no other label), but only
        # when it opens a line
        if len(seq) == 1 and not (hits[i][0] == 0 or text[hits[i][0] - 1] == "\n"):
            i += 1
            continue
        spans: dict[VoteList, tuple[int, int]] = {}
        for k, (_, b, key) in enumerate(seq):
            if k + 1 < len(seq):
                spans[key] = (b, seq[k + 1][0])
            else:
                spans[key] = (b, _list_end(text, b, lx.vote.after_list))
        block = Block(seq[0][0], spans, spans[seq[-1][2]][1])
        if _listed(text, block, lb) or outcome.stated_counts(text[block.end : block.end + CONTEXT], lx):
            if len(blocks) == bound:  # a bound on every document: memory and warnings grow with votes
                blocks[-1] = dataclasses.replace(blocks[-1], last=True)
                break
            blocks.append(block)
        i = j
    return blocks


def _listed(text: str, block: Block, lb: _Labels) -> bool:
    """Whether anything stands under the block's labels: a label with nothing under it (or only the next
    label) is no vote, unless a tally states its counts."""
    for a, b in block.lists.values():
        chunk = text[a:b]
        for rx in lb.labels.values():
            chunk = rx.sub(" ", chunk)
        if chunk.strip(" \t\n.。,，;；:："):
            return True
    return False


def _list_end(text: str, pos: int, after: re.Pattern[str]) -> int:
    """End of the last list of a block: the rest of the label's line, or the next line when that is empty,
    cut where the sentence that follows a vote begins if extraction joined it onto the list."""
    nl = text.find("\n", pos)
    nl = len(text) if nl < 0 else nl
    if not text[pos:nl].strip():
        nxt = text.find("\n", nl + 1)
        nl = len(text) if nxt < 0 else nxt
    if (m := after.search(text, pos, nl)) and text[pos : m.start()].strip():
        return m.start()
    return nl


def read_block(doc: Document, resolutions: list[Resolution], lx: Lexicon, block: Block) -> Vote:
    """The vote of one block: its lists matched to the year's Council, its outcome, and every check."""
    text = doc.text
    start, end = block.start, block.end
    before = text[max(0, start - CONTEXT) : start]
    m_next = next(_label_hits(_labels(lx).labels["in_favour"], text, end), None)
    after = text[end : min(m_next.start() if m_next else len(text), end + CONTEXT)]
    stated = outcome.stated_counts(after, lx)
    resolution, adopted, _ = outcome.adoption(after, lx)
    amendment = outcome.is_amendment(before, lx)
    date = outcome.vote_date(doc, resolutions, resolution, after, lx)
    year = int(date[:4]) if date else None
    vote = Vote(
        subject=None if amendment else outcome.subject(doc, start, lx),
        resolution=resolution,
        procedure=outcome.procedure(doc, before, lx),
        date=date,
        adopted=adopted,
        counts=Counts(),
        in_favour=[],
        against=[],
        abstaining=[],
        start=start,
        end=end,
        page=doc.page_at(start),
        language=lx.lang,
    )
    if amendment:
        vote.kind = "amendment"
        vote.amendment_to = outcome.amended_draft(doc, start, lx)
    none = _labels(lx).none
    flat: list[tuple[VoteList, tuple[str, int, int]]] = []
    for key in VOTE_LISTS:
        if key not in block.lists:
            continue
        a, b = block.lists[key]
        chunk = text[a:b]
        if none.match(chunk) or not chunk.strip():
            continue
        flat += [(key, (t, a + x, a + y)) for t, x, y in _split_items(chunk)]
    try:
        matches = match_members([it[0] for _, it in flat], year, lx.lang)
    except ValueError:
        matches = match_members([it[0] for _, it in flat], None, lx.lang)
    for (key, (t, a, b)), mt in zip(flat, matches, strict=True):
        c = mt.country
        vote.members(key).append(Member(c.name if c else t, c.iso3 if c else None, t, a, b, mt.score))
    finish(vote, stated, year)
    if block.last:
        vote.issues.append(
            Issue(
                "too-many-votes",
                f"the document holds more than {limits.amount(limits.current().vote_blocks)} vote blocks "
                "(a bound on every document): the ones after this vote were not read",
            )
        )
    return vote
