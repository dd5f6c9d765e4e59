"""A paragraph's lead word broken by a stray space ("Re affirming", "1. De cides", "ссы лаясь", "回 顾"): mended.

A PDF's text layer (or a text made from one) may hold a space inside a word where the glyphs stand a little
apart (justified lines, kerning), and at the start of a paragraph such a space hides the lead the paragraph is
found by. The two pieces are joined where together they give a lead the lexicons list (`preambular_leads`,
`operative_leads`, `lead_adverbs`) or the start of one, at the start of a line (after an operative number),
and where the piece after the space goes on a word (a lower-case or uncased letter: "Re Affirming" stays as it
is). Nothing else is changed: a word the lexicons do not list keeps its space ("In bringing"). The mended line
keeps its box but not its characters' (`CleanLine.origin`): a fact in it is placed by the line's box.
"""

from __future__ import annotations

import functools

from ..data.lexicon import languages, lexicon
from ..text.arabic import strip_marks
from ..text.numbering import OP_NUMBER
from ..text.scripts import ARABIC_RE, WIDE_RE

MAX_WORDS = 4  # words of a line's start looked at: a lead's first three words, and the one a space cut
_TRAIL = ",;:"


class _Leads:
    """The leads of some languages: every phrase's word prefixes (spaced scripts), and the leads of the
    scripts without spaces (matched as the start of a text)."""

    def __init__(self, langs: tuple[str, ...]) -> None:
        self.prefixes: set[str] = set()
        # the beginnings of leads' first words: what a line's first piece can be
        self.starts: set[str] = set()
        wide: list[str] = []
        for lang in langs or languages():
            lx = lexicon(lang)
            for phrase in (*lx.preambular_leads, *lx.operative_leads, *lx.lead_adverbs):
                words = strip_marks(phrase).split()
                self.starts.update(words[0][:k] for k in range(1, len(words[0]) + 1))
                if WIDE_RE.match(phrase[-1:]):
                    wide.append(phrase)
                    continue
                self.prefixes.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
        self.wide = tuple(sorted(wide, key=len, reverse=True))


@functools.cache
def _leads(langs: tuple[str, ...]) -> _Leads:
    return _Leads(langs)


def _goes_on(piece: str) -> bool:
    """Whether a piece after a space can be the rest of a word: it starts with a lower-case or uncased letter."""
    c = piece[:1]
    return c.isalpha() and not c.isupper()


def mend_lead(text: str, langs: tuple[str, ...] = ()) -> str:
    """`text` (a line) with the one stray space inside its lead removed, if it has one; else `text` (the same
    object). `langs`: the document's languages (none: all)."""
    leads = _leads(langs)
    num = OP_NUMBER.match(text)
    at = num.end() if num else 0
    words = text[at:].split(" ", MAX_WORDS)[:MAX_WORDS]
    if len(words) < 2:
        return text
    keys = [strip_marks(w) for w in words] if ARABIC_RE.match(words[0]) else words  # leads listed unmarked
    if keys[0] not in leads.starts:
        return text  # no lead begins so (most lines)
    for i in range(len(words) - 1):
        if not _goes_on(words[i + 1]) or not keys[i]:
            continue
        if i and " ".join(keys[:i]) not in leads.prefixes:
            break  # the words before the space are no lead's start: nothing after them is a lead
        joined = keys[:i] + [keys[i] + keys[i + 1]] + keys[i + 2 :]
        hit = any(
            " ".join(joined[:k]).rstrip(_TRAIL) in leads.prefixes for k in range(i + 1, len(joined) + 1)
        )
        if not hit and leads.wide and WIDE_RE.match(keys[i][-1:]):
            hit = any(len(w) > len(keys[i]) for w in leads.wide if joined[i].startswith(w))
        if hit:
            cut = at + sum(len(w) + 1 for w in words[: i + 1]) - 1  # the space's offset in `text`
            return text[:cut] + text[cut + 1 :]
    return text
