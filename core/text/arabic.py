"""Arabic script: marks, letters, letter variants and joining forms, in one place.

UN Arabic is written with optional harakat and tatweel; names and labels are compared without them. A broken
font map prints letters by their joining form (initial, medial, final, isolated), which `units` spells out.
"""

from __future__ import annotations

import re

from .scripts import ARABIC_LETTERS, ARABIC_MARKS, TATWEEL

__all__ = ["NEAR", "TATWEEL", "letters_only", "strip_marks", "unify_letters", "units", "without_spaces"]
_MARKS = re.compile(f"[{ARABIC_MARKS}]")
_NOT_LETTER = re.compile(f"[^{ARABIC_LETTERS}]")
_SPACE_OR_TATWEEL = re.compile(r"[\s\u0640]")
# alef with hamza or madda, alef wasla, alef maqsura, teh marbuta: written interchangeably in names
_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# the same, and the hamza seats «ؤ» «ئ» (a letter a garbled font may print for its seat)
NEAR = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
# letters that never join the letter after them (right-joining), and hamza, which joins nothing
_RIGHT_JOINING = set("اأإآٱدذرزوؤة")
_NON_JOINING = set("ء")
_ALEFS = set("اأإآ")


def strip_marks(text: str) -> str:
    """Arabic text without harakat, Quranic marks and tatweel («اتُخذ» → «اتخذ»)."""
    return _MARKS.sub("", text)


def unify_letters(text: str) -> str:
    """Alef forms, alef maqsura and teh marbuta as one letter each, as names are compared."""
    return text.translate(_VARIANTS)


def letters_only(s: str) -> str:
    """The Arabic letters of `s`, in order: spaces, tatweel, marks, digits and punctuation dropped."""
    return _NOT_LETTER.sub("", s)


def without_spaces(s: str) -> str:
    """`s` without white space and tatweel (two printings of one item compare equal)."""
    return _SPACE_OR_TATWEEL.sub("", s)


def units(phrase: str) -> list[str]:
    """Glyph units of a clean Arabic phrase: `letter|form` (init, medi, fina, isol), lam-alef as one unit."""
    out: list[str] = []
    for word in phrase.split():
        w = letters_only(word)
        toks: list[str] = []
        i = 0
        while i < len(w):
            if w[i] == "ل" and i + 1 < len(w) and w[i + 1] in _ALEFS:
                toks.append(w[i : i + 2])
                i += 2
            else:
                toks.append(w[i])
                i += 1
        for k, t in enumerate(toks):
            prev_joins = (
                k > 0 and toks[k - 1][-1] not in _RIGHT_JOINING and toks[k - 1][-1] not in _NON_JOINING
            )
            prev_joins = prev_joins and t[0] not in _NON_JOINING
            next_joins = (
                k + 1 < len(toks)
                and t[-1] not in _RIGHT_JOINING
                and t[-1] not in _NON_JOINING
                and toks[k + 1][0] not in _NON_JOINING
            )
            form = ("medi" if next_joins else "fina") if prev_joins else ("init" if next_joins else "isol")
            out.append(f"{t}|{form}")
    return out
