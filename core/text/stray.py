"""Words a stray space cut: patterns that read them whole.

A PDF's text layer, and a text another tool extracted from one, holds a space inside a word wherever two of
its glyphs stand a little apart ("contained in documen t", "resolutio n", "No ne."). The words the engine
looks for are in the lexicons as regexes; `spaced` rewrites such a regex so that one space may stand between
any two letters it spells, and the text itself is left as printed (its offsets are the facts' provenance).
Only between two letters of the literals (a group's edge may stand between them; a word's ending, `\\w+`
after letters, may hold one space too; a class of letters only, "[ée]", is a letter): classes, escapes,
group heads and repeat counts are copied as they are, and nothing is put inside a look-behind (it must keep a
fixed width).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

GAP = "[ ]?"

_ENDING = re.compile(r"\\w[+*](?![?+])")  # a word's ending after its letters ("содержащ\w+")
_REPEAT = re.compile(r"\{\d*(?:,\d*)?\}")  # a repeat count ("{1,4}")
# escapes that take more characters than the one after the backslash: \xhh, \uhhhh, \Uhhhhhhhh, \N{name}
_ESCAPE_LEN = {"x": 2, "u": 4, "U": 8}


def _escape(pattern: str, i: int) -> int:
    """The end of the escape at `pattern[i]` (a backslash)."""
    c = pattern[i + 1 : i + 2]
    if c == "N" and pattern[i + 2 : i + 3] == "{":
        return pattern.index("}", i) + 1
    return i + 2 + _ESCAPE_LEN.get(c, 0)


def _class(pattern: str, i: int) -> int:
    """The end of the character class opening at `pattern[i]`."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":  # a "]" first in the class is a member
        j += 1
    while pattern[j] != "]":
        j = _escape(pattern, j) if pattern[j] == "\\" else j + 1
    return j + 1


def _letter_class(pattern: str, i: int) -> bool:
    """Whether `pattern[i]` opens a class of letters only ("[ée]", "[Ss]"): one letter of a word, which a
    stray space may stand before or after as before or after any letter."""
    if pattern[i : i + 1] != "[":
        return False
    j = _class(pattern, i)
    members = pattern[i + 1 : j - 1]
    return bool(members) and members.isalpha()


def _group_head(pattern: str, i: int) -> tuple[int, str]:
    """The end of the head of the group opening at `pattern[i]` ("(", "(?:", "(?P<name>", "(?i)", "(?<!" …),
    and its kind: "group" (it holds a part of the match), "around" (a look-ahead), "behind" (a look-behind)
    or "closed" (the head is the whole group: flags, a back reference, a comment)."""
    if pattern[i + 1 : i + 2] != "?":
        return i + 1, "group"
    rest = pattern[i + 2 :]
    if rest.startswith("P<"):
        return pattern.index(">", i) + 1, "group"
    if rest.startswith(("P=", "#")):
        return pattern.index(")", i) + 1, "closed"
    if rest.startswith(("<=", "<!")):
        return i + 4, "behind"
    if rest.startswith(("=", "!")):
        return i + 3, "around"
    m = re.match(r"[aiLmsux-]*[:)]", rest)  # flags of the whole pattern, or a group with flags of its own
    end = i + 2 + (m.end() if m else 0)
    return end, "closed" if pattern[end - 1] == ")" else "group"


def _letter_next(pattern: str, j: int) -> bool:
    """Whether a letter may follow at `pattern[j]`: a letter, a word's ending (\\w) or a group that holds a
    part of the match ("abstenci(?:ón|ones)")."""
    nxt = pattern[j : j + 1]
    return (
        nxt.isalpha()
        or pattern.startswith("\\w", j)  # "содержащ\w+": the word's ending
        or (nxt == "(" and _group_head(pattern, j)[1] == "group")
        or _letter_class(pattern, j)  # "charg[ée]"
    )


def spaced(pattern: str) -> str:
    """`pattern` with `GAP` between every two letters of its literals, outside look-behinds."""
    out: list[str] = []
    groups: list[str] = []  # the kinds of the groups open at this point
    letter = False  # whether the last atom written is a letter of a literal
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        gap, was_letter = False, letter
        letter = False
        if was_letter and _ENDING.match(pattern, i):
            j = i + 3  # "содержащ\w+": a word's ending, which may hold a stray space too
            out.append(pattern[i:j] + r"(?:[ ]\w+)?")
            i = j
            continue
        if c == "\\":
            j = _escape(pattern, i)
        elif c == "[":
            j = _class(pattern, i)
            letter = _letter_class(pattern, i)  # a class of letters is a letter of the word
            gap = letter and _letter_next(pattern, j)
        elif c == "(":
            j, kind = _group_head(pattern, i)
            if kind != "closed":
                groups.append(kind)
        elif c == ")":
            j = i + 1
            # "(?:a|b)c": the group's last letter, then c
            gap = groups.pop() == "group" and pattern[j : j + 1].isalpha()
        elif c in "?*" and was_letter:
            j = i + 1  # "favou?r": a letter that may be left out, then the gap
            gap = _letter_next(pattern, j)
        elif c == "{" and _REPEAT.match(pattern, i):
            j = pattern.index("}", i) + 1
        else:
            j = i + 1
            letter = c.isalpha()
            gap = letter and _letter_next(pattern, j)
        out.append(pattern[i:j])
        if gap and "behind" not in groups:
            out.append(GAP)
        i = j
    return "".join(out)


_DIGITS = re.compile(r"\\d\{(\d+)(?:,(\d+))?\}")  # a count of digits ("\d{1,2}", "\d{4}")


def spaced_digits(pattern: str) -> str:
    """`pattern` with `GAP` allowed between the digits of each counted run of digits (`\\d{4}` reads
    "20 20", `\\d{1,2}` reads "1 5"): a day or a year a stray space cut, as `spaced` reads a word. A run
    starts at no digit ("12 5 March" reads the 5th, not the 25th)."""

    def run(m: re.Match[str]) -> str:
        low, high = int(m[1]), int(m[2] or m[1])
        if low < 1 or high <= 1:
            return m[0]
        return rf"(?<!\d)\d(?:{GAP}\d){{{low - 1},{high - 1}}}"

    return _DIGITS.sub(run, pattern)


def spaced_literal(text: str) -> str:
    """A literal phrase as a regex that reads it with a stray space inside any of its words."""
    return spaced(re.escape(text))


def compact(word: str) -> str:
    """A word as a `spaced` pattern read it, without the stray spaces it may hold."""
    return word.replace(" ", "")


def lookup(table: Mapping[str, int], word: str) -> int | None:
    """`table[word]`, or the entry whose key is `word` without the spaces a `spaced` pattern let in ("fif teen",
    "Janu ary")."""
    value = table.get(word)
    if value is None:
        key = compact(word)
        value = next((v for k, v in table.items() if compact(k) == key), None)
    return value
