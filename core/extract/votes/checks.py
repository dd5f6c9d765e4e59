"""The checks every vote gets, whatever reader found it: stated counts against list lengths, members against
that year's Council, a member in two lists, a list longer than the Council, the adoption rule against the
stated outcome; and, where the counts prove it, unreadable items named by elimination. Each finding is an
Issue on the vote, never a silent fix."""

from __future__ import annotations

from collections.abc import Collection

from ...data.roster import Country, council, is_permanent, normalize_name
from ...model import VOTE_LABELS, VOTE_LISTS, Counts, Issue, Member, Vote, VoteList
from .assign import linear_sum_assignment


def finish(
    vote: Vote,
    stated: dict[VoteList, int],
    year: int | None,
    unprinted: Collection[VoteList] = (),
    unlisted: bool = True,
) -> None:
    """Counts, inferred outcome and every consistency check, each as an Issue. Lists in `unprinted` are
    those the document states a count for but does not print (their length is no evidence). `unlisted`:
    whether members in no list are an issue of their own (`members-unlisted`; the replies reader says which
    replies are missing instead)."""
    lengths = {k: len(vote.members(k)) for k in VOTE_LISTS}
    vote.counts = Counts(**{k: stated.get(k, lengths[k]) for k in VOTE_LISTS})
    for k in VOTE_LISTS:
        if k in stated and stated[k] != lengths[k] and k not in unprinted:
            vote.issues.append(
                Issue(
                    "count-mismatch",
                    f"{VOTE_LABELS[k]}: the document states {stated[k]} but lists {lengths[k]} members",
                )
            )
    unknown = [m.as_printed for k in VOTE_LISTS for m in vote.members(k) if m.iso3 is None]
    if unknown:
        vote.issues.append(Issue("unknown-member", "not matched to any member state: " + "; ".join(unknown)))
    seen: dict[str, VoteList] = {}
    for k in VOTE_LISTS:
        for m in vote.members(k):
            if m.iso3 and m.iso3 in seen and seen[m.iso3] != k:
                vote.issues.append(
                    Issue("member-in-two-lists", f"{m.name} is listed as {seen[m.iso3]} and {k}")
                )
            if m.iso3:
                seen[m.iso3] = k
    members = members_of(year)
    roster = {c.iso3 for c in members} or None
    size = seats(year, roster)
    total = sum(lengths.values())
    if total > size:
        vote.issues.append(
            Issue("too-many-members", f"{total} members listed, but the Council had {size} seats")
        )
    elif unlisted and 0 < total < size and members and not unprinted and not unknown:
        # every member votes, or is said not to: a member in no printed list was lost in reading
        absent = [c.name for c in members if c.iso3 not in seen]
        vote.issues.append(
            Issue(
                "members-unlisted",
                f"{total} members listed, but the Council had {size} seats; in no list: " + ", ".join(absent),
            )
        )
    if roster:
        off = sorted({m.name for k in VOTE_LISTS for m in vote.members(k) if m.iso3 and m.iso3 not in roster})
        if off:
            vote.issues.append(
                Issue("member-not-on-roster", f"not on the Council in {year}: " + ", ".join(off))
            )
    need = 9 if (year or 2000) >= 1966 else 7
    # a procedural question is decided by nine votes, no negative vote a veto (Charter, Article 27.2)
    procedural = vote.kind == "procedural"
    veto = [] if procedural else [m.name for m in vote.against if m.iso3 and is_permanent(m.iso3, year)]
    rule = vote.counts["in_favour"] >= need and not veto
    how = f"{need} votes in favour" + ("" if procedural else " and no negative vote of a permanent member")
    if veto and vote.counts["in_favour"] >= need:  # a negative vote only vetoes a draft that had the votes
        vote.issues.append(Issue("veto", "negative vote of a permanent member: " + ", ".join(veto)))
    if vote.adopted is None:
        vote.adopted = rule
        vote.issues.append(
            Issue(
                "outcome-inferred",
                f"outcome not stated; inferred from the adoption rule ({how})",
            )
        )
    elif vote.adopted != rule:
        vote.issues.append(
            Issue(
                "outcome-mismatch",
                f"the document says {'adopted' if vote.adopted else 'not adopted'}"
                f" but the adoption rule gives {'adopted' if rule else 'not adopted'}",
            )
        )


def members_of(year: int | None) -> list[Country]:
    """The Council's members in `year`; none where the roster does not know the year."""
    if year is None:
        return []
    try:
        return list(council(year))
    except ValueError:
        return []


def seats(year: int | None, roster: set[str] | None = None) -> int:
    """The Council's seats in `year`: its roster's size (`roster`, else that year's), or where the roster
    does not know the year, 15 from 1966 and 11 before (the Charter as amended in 1965)."""
    if roster is None:
        roster = {c.iso3 for c in members_of(year)}
    return len(roster) if roster else (15 if (year or 2000) >= 1966 else 11)


def fill_by_elimination(vote: Vote, year: int) -> None:
    """Name unreadable items when the counts prove who they are.

    When every seat is accounted for (as many items as Council members, every named item a distinct member of
    that year's roster) and all unreadable items sit in one list, the members not yet named are exactly those
    items: the list's membership is then certain. Which printed item is which of them is not, when there are
    several; that pairing is a best effort by string similarity and is said in an issue."""
    from rapidfuzz.distance import Levenshtein

    roster = members_of(year)
    if not roster:
        return
    items = [(k, i, m) for k in VOTE_LISTS for i, m in enumerate(vote.members(k))]
    named = [m.iso3 for _, _, m in items if m.iso3]
    loose = [(k, i, m) for k, i, m in items if not m.iso3]
    ids = {c.iso3 for c in roster}
    if (
        not loose
        or len(items) != len(roster)
        or len(set(named)) != len(named)
        or not set(named) <= ids
        or len({k for k, _, _ in loose}) != 1
    ):
        return
    left = [c for c in roster if c.iso3 not in set(named)]
    key = loose[0][0]

    def cost(item: str, c: Country) -> float:
        a = normalize_name(item, "ar").replace(" ", "")
        return min(
            Levenshtein.normalized_distance(a, normalize_name(n, "ar").replace(" ", ""))
            for n in (c.names["ar"], *c.aliases.get("ar", ()))
        )

    rows, cols = linear_sum_assignment([[cost(m.as_printed, c) for c in left] for _, _, m in loose])
    lst = vote.members(key)
    for r, c in zip(rows, cols, strict=True):
        _, i, m = loose[r]
        country = left[c]
        lst[i] = Member(
            country.name, country.iso3, m.as_printed, m.start, m.end, 0.0 if len(loose) > 1 else 0.5
        )
    names = ", ".join(left[c].name for c in cols)
    certain = "" if len(loose) == 1 else "; which printed item is which of them is uncertain"
    vote.issues.append(
        Issue(
            "assigned-by-elimination",
            f"{len(loose)} unreadable item(s) in the "
            f"{VOTE_LABELS[key]} list are the members not otherwise listed ({names}), since all "
            f"{len(roster)} members are accounted for{certain}",
        )
    )


def fill_unprinted(
    vote: Vote, counts: dict[VoteList, int], unprinted: Collection[VoteList], year: int | None
) -> None:
    """Fill the one list a document counts but does not print, when the counts and that year's Council leave
    no doubt about it: every other list printed, each as long as its count, every item a distinct member of
    the roster, and the count equal to the members left. Otherwise the list stays empty, with a warning."""
    roster = members_of(year) or None
    named = [m.iso3 for k in VOTE_LISTS for m in vote.members(k)]
    printed_ok = all(
        len(vote.members(k)) == counts.get(k, len(vote.members(k))) for k in VOTE_LISTS if k not in unprinted
    )
    missing = ", ".join(VOTE_LABELS[k] for k in VOTE_LISTS if k in unprinted)
    if roster is not None and len(unprinted) == 1 and printed_ok and None not in named:
        ids = {c.iso3 for c in roster}
        (key,) = unprinted
        left = [c for c in roster if c.iso3 not in set(named)]
        if len(set(named)) == len(named) and set(named) <= ids and counts.get(key) == len(left):
            vote.members(key).extend(Member(c.name, c.iso3, "", None, None, None) for c in left)
            vote.issues.append(
                Issue(
                    "assigned-by-elimination",
                    f"the document states {len(left)} {VOTE_LABELS[key]} without naming them: they are the "
                    f"members of the {year} Council it names in no other list ({', '.join(c.name for c in left)})",
                )
            )
            return
    vote.issues.append(
        Issue(
            "members-not-printed",
            f"the document states how many voted {missing} but does not name them, and the counts and the "
            f"Council of {year if roster is not None else 'that year'} do not settle who: the list is left empty",
        )
    )
