"""Votes held by written procedure and recorded only as the members' replies (2020-2021).

The President's cover letter encloses "Letters received in reply from the members of the Security Council
indicating their national positions on the draft resolution" and may state no counts ("Resolution N (YYYY) was
adopted in accordance with the voting procedure …"). Each reply is a letter from one member's mission
(`[vote] reply_from`, the member in its heading) that states its position in a sentence (`[vote]
reply_position`: "China votes in favour of the draft resolution", "the Russian Federation abstains in the
voting"). The vote is read from the replies only where no vote block or tally sentence states it.

The member of a reply is read by the roster-guided segmenter as a list of one (from its heading, by its short
name or its formal one, `[vote] state_form`; where the heading names none, from the one name its position
sentence names, matched exactly); its position is the one kind
of position its text states before its signature (`[vote] reply_end`) or the next reply (a reply that states
two kinds, or none, is left out, with an issue). A member's second letter (an explanation of vote) is not a second vote; if it states another
position, that is an issue. Counts are the replies': fewer replies than seats is an issue
("replies-missing"), never a guess.
"""

from __future__ import annotations

import re

from ...data.lexicon import NEVER, Lexicon
from ...data.numbering import year_of
from ...model import VOTE_LISTS, Document, Issue, Member, Resolution, Vote, VoteList
from ...text.dates import find_date
from ...text.symbols import parse_sc_resolution, sc_resolution
from . import outcome
from .checks import finish, members_of, seats
from .match import name_pieces
from .segment import Piece, read_list

DATE_AFTER = 400  # the adoption date follows the cover letter's first mention of the resolution this closely
REPLY_CHARS = 6000  # the last reply ends this far after its heading at most


def reply_votes(doc: Document, resolutions: list[Resolution], lx: Lexicon) -> list[Vote]:
    """The vote the members' replies in `doc` record, if `doc` is a compilation of them (else none)."""
    vw = lx.vote
    text = doc.text
    cover = vw.replies.search(text) if vw.replies is not NEVER else None
    heads = list(vw.reply_from.finditer(text, cover.end())) if cover else []
    if cover is None or not heads:
        return []
    front = text[: heads[0].start()]
    resolution, adopted = _adopted(front, lx)
    date = _date(doc, resolutions, resolution, front, lx)
    year = int(date[:4]) if date else None
    vote = outcome.Outcome(
        # the draft the cover letter names, else the last one named before the first reply
        subject=outcome.subject(doc, cover.start(), lx) or outcome.subject(doc, heads[0].start(), lx),
        resolution=resolution,
        adopted=adopted,
        date=date,
        procedure="written",
        kind="draft",
        amendment_to=None,
        tally=None,
    ).vote(doc, heads[0].start(), heads[-1].end(), lx.lang)
    seen: dict[str, VoteList] = {}
    for k, h in enumerate(heads):
        stop = heads[k + 1].start() if k + 1 < len(heads) else min(len(text), h.end() + REPLY_CHARS)
        if end := vw.reply_end.search(text, h.end(), stop):  # its signature
            stop = end.start()
        member = _heading_member(text, h.span("member"), year, lx)
        if _matched(member) is None:
            member = _body_member(text, h.end(), stop, year, lx) or member
        if member is None or member.iso3 is None:
            who = " ".join(h["member"].split())
            vote.issues.append(Issue("unknown-member", f"a reply from {who!r}: not matched to one member"))
            continue
        kinds = {key for m in vw.reply_position.finditer(text, h.end(), stop) for key in VOTE_LISTS if m[key]}
        if len(kinds) != 1:
            said = " and ".join(sorted(kinds)) or "no position"
            vote.issues.append(Issue("reply-unread", f"the reply of {member.name} states {said}"))
            continue
        (key,) = kinds
        if member.iso3 in seen:  # a later letter of the same member: an explanation of its vote
            if seen[member.iso3] != key:
                vote.issues.append(
                    Issue("reply-mismatch", f"{member.name} replies {seen[member.iso3]}, then {key}")
                )
            continue
        seen[member.iso3] = key
        vote.members(key).append(member)
    if not seen:
        return []
    finish(vote, {}, year, unlisted=False)
    n_seats = seats(year)
    if len(seen) < n_seats:
        message = f"{len(seen)} replies read, for {n_seats} seats: the counts are the replies'"
        if absent := [c.name for c in members_of(year) if c.iso3 not in seen]:
            message += "; none read from " + ", ".join(absent)
        vote.issues.append(Issue("replies-missing", message))
    return [vote]


def _adopted(front: str, lx: Lexicon) -> tuple[str | None, bool | None]:
    """The resolution the cover letter says was adopted ("adopted as resolution …", or "Resolution N (YYYY) was
    adopted …"), and whether it was adopted."""
    resolution, adopted, _ = outcome.adoption(front, lx)
    if resolution is None and (m := lx.vote.reply_adopted.search(front)):
        year = m["year"] or year_of(int(m["number"]))
        return (sc_resolution(m["number"], year) if year else None), True
    return resolution, adopted


def _date(
    doc: Document, resolutions: list[Resolution], resolution: str | None, front: str, lx: Lexicon
) -> str | None:
    """The vote's date: the first date after the cover letter first names the resolution ("resolution N
    (YYYY), … adopted on <date>"), else as any vote's (`outcome.vote_date`)."""
    parsed = parse_sc_resolution(resolution)
    if parsed:
        named = re.search(rf"(?<!\d){parsed[0]}(?!\d)", front)
        if named and (date := find_date(front[named.end() : named.end() + DATE_AFTER], lx)):
            return date
    return outcome.vote_date(doc, resolutions, resolution, "", lx, written=True)


def _member(
    text: str, span: tuple[int, int], year: int | None, lang: str, approx: bool = True
) -> Member | None:
    """The one member `text[a:b]` names, read as a list of one against that year's Council (with `approx`
    False, the one name matched exactly among other words)."""
    a, b = span
    pieces: list[tuple[VoteList, Piece]] = [
        ("in_favour", p) for p in read_list(text[a:b], lang, year, 1, base=a, approx=approx)
    ]
    members = [m for _, m in name_pieces(text, pieces, year, lang)]
    if not approx:  # words around the name: only the names matched count
        members = [m for m in members if m.iso3 is not None]
    return members[0] if len(members) == 1 else None


def _matched(member: Member | None) -> Member | None:
    return member if member is not None and member.iso3 is not None else None


def _heading_member(text: str, span: tuple[int, int], year: int | None, lx: Lexicon) -> Member | None:
    """The member a reply's heading names, by its short name or its formal one ("the Republic of Indonesia",
    "the Federal Republic of Germany": the name after the form of state, `[vote] state_form`)."""
    member = _member(text, span, year, lx.lang)
    if _matched(member) is None and (form := lx.vote.state_form.match(text, *span)):
        member = _matched(_member(text, (form.end(), span[1]), year, lx.lang)) or member
    return member


def _body_member(text: str, start: int, stop: int, year: int | None, lx: Lexicon) -> Member | None:
    """Where the heading names no member ("Permanent Representative of sium", a misprint), the one member the
    reply's position sentence names before its position ("… inform you that Belgium votes in favour"), matched
    exactly; none if it names none or several."""
    position = lx.vote.reply_position.search(text, start, stop)
    if position is None:
        return None
    a = outcome.sentence_start(text, position.start())
    return _matched(_member(text, (max(a, start), position.start()), year, lx.lang, approx=False))
