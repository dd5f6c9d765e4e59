"""Votes as the Dag Hammarskjöld Library's Security Council voting data: one row per Council member and
resolution, `resolution, date, ms_code, ms_name, ms_vote, permanent_member`, `ms_vote` Y/N/A (X: not voting),
for merging with the official set."""

from __future__ import annotations

from typing import Any

from ..data.roster import council, is_permanent
from ..model import VOTE_LISTS, Vote, VoteList
from ..text.symbols import parse_sc_resolution

COLUMNS = ["resolution", "date", "ms_code", "ms_name", "ms_vote", "permanent_member"]
CODES: dict[VoteList, str] = {"in_favour": "Y", "against": "N", "abstaining": "A"}


def rows(votes: list[Vote]) -> list[list[Any]]:
    """The rows of every vote that adopted (or named) a resolution; members off the list are `X`."""
    out: list[list[Any]] = []
    for v in votes:
        parsed = parse_sc_resolution(v.resolution)
        if not parsed:
            continue
        number = str(parsed[0])
        year = int(v.date[:4]) if v.date else None
        voted: dict[str, tuple[str, str]] = {}
        for lst in VOTE_LISTS:
            for m in v.members(lst):
                voted[m.iso3 or m.name] = (m.name, CODES[lst])
        members = council(year) if year else []
        for c in members:
            name, code = voted.pop(c.iso3, (c.name, "X"))
            out.append([number, v.date, c.iso3, name.upper(), code, int(is_permanent(c.iso3, year))])
        for key, (name, code) in voted.items():
            out.append([number, v.date, key if len(key) == 3 else "", name.upper(), code, 0])
    return out
