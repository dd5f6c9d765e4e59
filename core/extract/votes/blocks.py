"""Vote blocks printed as labelled lists ("In favour: … Against: … Abstaining: …", «赞成：… 反对：…»): found by
their labels, read item by item, matched to that year's Council. Arabic blocks, clean or garbled, are read by
`arabic`."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...data.lexicon import Lexicon
from ...model import VOTE_LISTS, Document, Issue, Resolution, Vote, VoteList
from ...reader import limits
from ...text.scripts import WIDE_RE
from ...text.stray import spaced_literal
from . import outcome
from .checks import finish
from .match import name_pieces
from .segment import Piece, read_list

BLOCK_SPAN = 2500  # one label follows the one before it within this many characters
# how far the last list of a block may run over the lines after its label: as many lines as fifteen names
# wrapped a word a line would take, and as many characters as fifteen of the longest names
MAX_LIST_LINES = 45
MAX_LIST_CHARS = 1000
LIST_STOPS = (".", "。")  # what ends a list


@dataclass(frozen=True)
class _Labels:
    labels: dict[VoteList, re.Pattern[str]]
    words: tuple[str, ...]  # literal label words without spaces: a cheap test before the regexes run
    none: re.Pattern[str]  # the word for an empty list at a list's start (see `_empty`)


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
        alts = "|".join(spaced_literal(x) for x in sorted(lx.vote.labels[key], key=len, reverse=True))
        # a label opens a line, or follows a list it was glued onto by text extraction ("… Viet Nam Against:")
        # (the regex starts with a label's first letter, which is fast; the left edge is checked by _label_hits)
        labels[key] = re.compile(rf"(?:{alts})[ \t]*[:：]")
    none = re.compile(r"(?i)^\s*(?:" + "|".join(spaced_literal(x) for x in lx.vote.none) + r")\s*[.。]?")
    words = tuple(w.casefold().replace(" ", "") for key in VOTE_LISTS for w in lx.vote.labels[key])
    return _Labels(labels, words, none)


def _label_hits(rx: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """Label matches that open a line or follow a space (a label glued onto the list line above)."""
    for m in rx.finditer(text, pos):
        prev = text[m.start() - 1] if m.start() else "\n"
        # Chinese lines re-joined without a space: "…越南反对：" (a label right after a CJK character)
        if prev in "\n \t" or (WIDE_RE.match(prev) and WIDE_RE.match(text, m.start())):
            yield m


def find_blocks(doc: Document, lx: Lexicon, folded: str) -> list[Block]:
    """Each in-favour/against/abstaining triple of the language; `folded` is the document's text case-folded
    and without spaces (once for all languages)."""
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
                # up to the next label, or where a sentence after a vote starts (a speaker's turn between
                # two lists, where extraction read a record's columns out of order)
                e = seq[k + 1][0]
                if (m := lx.vote.after_list.search(text, b, e)) and text[b : m.start()].strip():
                    e = m.start()
                spans[key] = (b, e)
            else:
                spans[key] = (b, _list_end(text, b, lx))
        # a lone label ("For:") heads a vote only if a member's name follows it
        if len(seq) == 1 and not any(
            p.how == "exact" for p in read_list(text[slice(*spans[seq[0][2]])], lx.lang, None, approx=False)
        ):
            i += 1
            continue
        block = Block(seq[0][0], spans, spans[seq[-1][2]][1])
        if _listed(text, block, lb) or outcome.stated_counts(
            text[block.end : block.end + outcome.CONTEXT], lx
        ):
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


def _list_end(text: str, pos: int, lx: Lexicon) -> int:
    """End of the last list of a block: the rest of the label's line, or the next line when that is empty,
    cut where the sentence that follows a vote begins if extraction joined it onto the list. A list with no
    final full stop goes on over the next lines as far as every letter of them is part of a member's name
    (a name may run over several lines: "United Kingdom of Great⏎Britain and Northern⏎Ireland")."""
    after = lx.vote.after_list
    nl = _line_end(text, pos)
    if not text[pos:nl].strip():
        nl = _line_end(text, nl + 1)
    if (m := after.search(text, pos, nl)) and text[pos : m.start()].strip():
        return m.start()
    if text[pos:nl].rstrip().endswith(LIST_STOPS):
        return nl
    end, line = nl, nl
    for _ in range(MAX_LIST_LINES):
        if line >= len(text) or line - pos > MAX_LIST_CHARS:
            break
        nxt = _line_end(text, line + 1)
        if not text[line + 1 : nxt].strip() or after.match(text, line):
            break
        line = nxt
        if _names_only(text[pos:line], nl - pos, lx.lang):
            end = line
            if text[pos:line].rstrip().endswith(LIST_STOPS):
                break
    return end


def _empty(none: re.Pattern[str], chunk: str) -> bool:
    """Whether a list is empty: nothing under its label, or the word for none alone or before a sentence that
    is no part of the list ("None" / "The authorities in this resolution …", a speech read between two lists
    out of a record's columns; a capital letter starts it)."""
    if not chunk.strip():
        return True
    m = none.match(chunk)
    rest = chunk[m.end() :].lstrip() if m else ""
    return m is not None and (not rest or rest[0].isupper())


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _names_only(chunk: str, old: int, lang: str) -> bool:
    """Whether every letter of `chunk` past offset `old` is part of a member's name."""
    pieces = read_list(chunk, lang, None, approx=False)
    return any(p.end > old for p in pieces) and not any(p.how == "none" and p.end > old for p in pieces)


def read_block(doc: Document, resolutions: list[Resolution], lx: Lexicon, block: Block) -> Vote:
    """The vote of one block: its lists matched to the year's Council, its outcome, and every check."""
    text = doc.text
    m_next = next(_label_hits(_labels(lx).labels["in_favour"], text, block.end), None)
    out = outcome.read(doc, resolutions, lx, block.start, block.end, m_next.start() if m_next else len(text))
    vote = out.vote(doc, block.start, block.end, lx.lang)
    year, stated = out.year, out.stated
    none = _labels(lx).none
    pieces: list[tuple[VoteList, Piece]] = []
    for key in VOTE_LISTS:
        if key not in block.lists:
            continue
        a, b = block.lists[key]
        chunk = text[a:b]
        if _empty(none, chunk):
            continue
        pieces += [(key, p) for p in read_list(chunk, lx.lang, year, stated.get(key), base=a)]
    for key, m in name_pieces(text, pieces, year, lx.lang):
        vote.members(key).append(m)
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
