"""What a line's characters are read as, before anything else looks at them: the one place where characters
that print nothing are dropped, presentation forms become the letters they stand for and spaces of other
widths plain spaces.

A text layer, or a text another tool extracted, can hold characters no reader of the page sees: bidirectional
controls, zero-width spaces and joiners, a byte-order mark, soft hyphens (a word processor's optional
hyphens, invisible unless a line breaks there); ligatures or Arabic presentation forms in place of letters
("ﬁ" for "fi"); no-break or thin spaces where a space is meant (a text pasted from a web page can have one
between every two words). Left in, they cut the words the engine matches (a lead with a soft hyphen in it is
no lead, a keyword with a zero-width space no keyword). The PDF layout (`reader.layout`) and the text reader
both read lines through `normalised`; a text line also loses its soft hyphens but one that ends it, which
cleaning reads as a word going on to the next line.
"""

from __future__ import annotations

import re
import unicodedata

from .scripts import BIDI_CONTROLS, INVISIBLE, PRESENTATION, SOFT_HYPHEN, WIDTH_SPACES

_UNSEEN = re.compile(f"[{BIDI_CONTROLS}{INVISIBLE}]")
_SPACE = re.compile(f"[{WIDTH_SPACES}]")
_PRESENTATION = re.compile(f"[{PRESENTATION}]+")  # ligatures, Arabic presentation forms
_SOFT_INSIDE = re.compile(f"{SOFT_HYPHEN}+(?=.*\\S)")  # a soft hyphen with text after it on the line


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def normalised(text: str) -> str:
    """`text` without the characters that print nothing (but soft hyphens), its presentation forms in NFKC, its
    spaces of other widths (no-break, thin, figure …) plain spaces, one for one."""
    if text.isascii():
        return text
    return _SPACE.sub(" ", _PRESENTATION.sub(_nfkc, _UNSEEN.sub("", text)))


def text_line(line: str) -> str:
    """A line of an extracted text as the engine reads it: `normalised`, without a soft hyphen inside it (one
    at its end stays: the word goes on to the next line)."""
    if line.isascii():
        return line
    return _SOFT_INSIDE.sub("", normalised(line))
