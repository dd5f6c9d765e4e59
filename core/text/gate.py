"""Scan a whole document with a large pattern only when it can match at all.

Python's regex engine skips quickly to where a match may start only when a pattern opens with a literal or a
character set; the lexicons' patterns open with alternatives of words in several scripts and flags, so a scan
of a document tries them at every character (tens to hundreds of nanoseconds each: milliseconds a document,
for a sentence most documents never hold). `required` reads, in the pattern's parse tree, the literals every
match contains, with the flags in force where they stand: the runs of MIN_LITERAL or more literal characters
of a sequence (all of them), and, where the pattern branches, what each alternative needs (one of them);
`finditer` first looks for those literals, which the engine finds far faster, and scans with the whole pattern
only when they are there. The matches are those of `pattern.finditer`, always: a match of the pattern holds
what its tree says every match holds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .scripts import is_wide
from .stray import spaced_literal

MIN_LITERAL = 3  # a shorter literal is on nearly every page: no gate (a wide character, 大, counts 2)
# the flags that change what a literal matches (the rest concern the whole pattern's layout or anchors)
_CASE_FLAGS = re.IGNORECASE | re.ASCII | re.LOCALE | re.UNICODE


def finditer(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, endpos)`, with nothing scanned when the literals the pattern's matches
    need are not in that part of the text."""
    end = len(text) if endpos is None else endpos
    need = required(pattern)
    if need is not None and not need.holds(text, pos, end, {}):
        return iter(())
    return pattern.finditer(text, pos, end)


class Need:
    """What every match contains: a literal (`text`, searched as `literal`, case flags as where it stands; with
    `gapped`, a stray space allowed between two of its letters, as the pattern allows), or all of some needs
    (`every`), or one of them at least (`every` False)."""

    def __init__(
        self,
        text: str = "",
        flags: int = 0,
        parts: tuple[Need, ...] = (),
        every: bool = True,
        gapped: bool = False,
    ):
        self.text, self.parts, self.every = text, parts, every
        literal = spaced_literal(text) if gapped else re.escape(text)
        self.literal = re.compile(literal, flags & _CASE_FLAGS) if text else None

    def holds(self, text: str, pos: int, end: int, seen: dict[str, bool]) -> bool:
        """Whether text[pos:end] holds what is needed (`seen`: the literals already looked for)."""
        if self.literal is not None:
            key = self.literal.pattern + str(self.literal.flags)
            if key not in seen:
                seen[key] = self.literal.search(text, pos, end) is not None
            return seen[key]
        if self.every:
            return all(n.holds(text, pos, end, seen) for n in self.parts)
        return any(n.holds(text, pos, end, seen) for n in self.parts)

    def __repr__(self) -> str:
        if self.literal is not None:
            return repr(self.text)
        return ("all" if self.every else "any") + "(" + ", ".join(map(repr, self.parts)) + ")"


@functools.cache
def required(pattern: re.Pattern[str]) -> Need | None:
    """The literals every match of `pattern` contains: runs of MIN_LITERAL or more literal characters in
    a row, all of them where they follow each other, one alternative's where the pattern branches. None
    when a match may hold none of them, or the tree cannot be read (the private parser of another Python)."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]

        tree = parser.parse(pattern.pattern, pattern.flags)
        return _Sequence(c).need(tree.data, tree.state.flags)
    except Exception:  # an unknown tree shape: no gate, the plain scan
        return None


class _Sequence:
    """The needs of one sequence of a parse tree: its runs of literal characters (a group's run on from
    those before it), what a repeat of at least one needs, and what its alternatives need."""

    def __init__(self, c: Any) -> None:
        self.c = c
        self.found: list[Need] = []
        self.run: list[str] = []
        self.flags = 0
        self.gapped = False  # the run holds places where a stray space may stand

    def need(self, items: Any, flags: int) -> Need | None:
        self.walk(items, flags)
        self.close()
        # the longest literals first: the likeliest to be missing, so the check stops soonest
        found = sorted(self.found, key=lambda n: -len(n.text))
        return found[0] if len(found) == 1 else Need(parts=tuple(found)) if found else None

    def close(self) -> None:
        if sum(2 if is_wide(ch) else 1 for ch in self.run) >= MIN_LITERAL:
            self.found.append(Need("".join(self.run), self.flags, gapped=self.gapped))
        self.run = []
        self.gapped = False

    def _gap(self, av: Any) -> bool:
        """Whether a repeat is `stray.GAP` ("[ ]?" parses as one space, or none)."""
        low, high, sub = av
        return (low, high) == (0, 1) and list(sub.data) == [(self.c.LITERAL, ord(" "))]

    def walk(self, items: Any, flags: int) -> None:
        c = self.c
        for op, av in items:
            if op is c.LITERAL:
                if self.run and flags != self.flags:
                    self.close()
                self.flags = flags
                self.run.append(chr(av))
            elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero-width: the literal characters around it stay side by side in a match
            elif op is c.SUBPATTERN:
                _group, add, drop, sub = av
                self.walk(sub.data, (flags | add) & ~drop)
            elif op is c.ATOMIC_GROUP:
                self.walk(av.data, flags)
            elif op is c.MAX_REPEAT and self._gap(av):
                self.gapped = True  # a stray space a `text.stray` pattern lets in: the run goes on over it
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, _high, sub = av
                self.close()
                if low >= 1:  # there at least once: its own runs count, not joined to what is around it
                    self.walk(sub.data, flags)
                    self.close()
            elif op is c.BRANCH:
                self.close()
                each = [_Sequence(c).need(alt.data, flags) for alt in av[1]]
                if all(each):  # a match holds one alternative, so what that one needs
                    self.found.append(Need(parts=tuple(n for n in each if n), every=False))
            else:  # a character class, any character, a back reference: the run ends
                self.close()
