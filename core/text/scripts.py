"""Unicode ranges, digit tables and space classes: the one home of every character class the engine uses.

Each range is a character-class body (the part inside `[...]`), so that patterns elsewhere are built from it,
and a compiled regex where one is commonly needed. Ranges serve different questions and are named by them:
"is this an Arabic letter" (`ARABIC_LETTERS`) is not "is this Arabic script" (`ARABIC`) nor "is this a
right-to-left script" (`RTL`).
"""

from __future__ import annotations

import re

# Arabic: the letters hamza … yeh, without tatweel (U+0640), which is no letter
ARABIC_LETTERS = "\u0621-\u063f\u0641-\u064a"
TATWEEL = "\u0640"
# the letters of an Arabic label or list item as printed: letters and tatweel (the label «(هـ)» is heh + tatweel)
ARABIC_LABEL = ARABIC_LETTERS + TATWEEL
# harakat (fathatan … sukun, superscript alef), Quranic annotation marks, and tatweel
ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
# Arabic script: the Arabic block, Supplement, Extended-A and the presentation forms A and B
ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation forms)
RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
# presentation forms that NFKC turns into ordinary letters: Latin ligatures (ﬁ), Arabic forms A and B
PRESENTATION = "\ufb00-\ufdff\ufe70-\ufefe"
CYRILLIC = "\u0400-\u04ff"
# Han ideographs (CJK Unified, Extension A, Compatibility): what tells Chinese text
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# characters set two cells wide and without spaces between them: CJK radicals, punctuation, kana, ideographs,
# compatibility ideographs, full-width forms (and, in code, anything from U+20000 on)
WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
LATIN = "A-Za-z\u00c0-\u00ff"
CJK_PAREN_NUMBERS = "\u3220-\u3229"  # ㈠ … ㈩: the second-level labels of Chinese texts  # the letters of the Latin-script official languages (and a little more)

# combining marks of the Latin, Greek and Cyrillic texts: Combining Diacritical Marks, their Extended and
# Supplement blocks, and those for symbols
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
# explicit bidirectional formatting characters, which extraction leaves in right-to-left lines
BIDI_CONTROLS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
# format characters that print nothing and stand between letters: zero-width space, non-joiner and joiner,
# word joiner and the invisible operators, the Mongolian vowel separator, the byte-order mark (zero-width
# no-break space)
INVISIBLE = "\u200b-\u200d\u2060-\u2064\u180e\ufeff"
SOFT_HYPHEN = "\u00ad"  # printed only where a line breaks inside the word
# spaces of another width than the plain one, read as plain spaces (`text.normal`): no-break, ogham, en to hair,
# narrow no-break, medium mathematical (not the ideographic space, a Chinese character's width)
WIDTH_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f"
# horizontal spaces (no line breaks): space, tab and the spaces of other widths
HSPACE = " \t" + WIDTH_SPACES
# the comma of each script: Latin and Cyrillic, Arabic, full-width and ideographic (of an enumeration)
COMMAS = ",،，、"
WS = r"\s*"  # any run of white space (Python's \s covers the no-break and thin spaces)

ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")
ARABIC_RE = re.compile(f"[{ARABIC}]")
RTL_RE = re.compile(f"[{RTL}]")
HAN_RE = re.compile(f"[{HAN}]")
WIDE_RE = re.compile(f"[{WIDE}]")
COMBINING_RE = re.compile(f"[{COMBINING}]")
LETTER_RE = re.compile(r"[^\W\d_]")

# Arabic-Indic, Eastern Arabic-Indic and full-width digits to Latin, one character for one (offsets are kept)
LATIN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "012345678901234567890123456789")
OTHER_DIGITS = re.compile("[٠-٩۰-۹０-９]")  # worth translating only when one is there: translate is slow


def latin_digits(text: str) -> str:
    """`text` with Arabic-Indic digits as Latin ones (same length, so offsets still hold)."""
    return text.translate(LATIN_DIGITS) if OTHER_DIGITS.search(text) else text


def is_wide(ch: str) -> bool:
    """Whether a character is set two cells wide without spaces around it (CJK)."""
    c = ord(ch[0]) if ch else 0
    return 0x2E80 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or 0xFF00 <= c <= 0xFFEF or 0x20000 <= c


def cells(s: str) -> int:
    """Printed width of a line in Latin-letter cells (a CJK character takes two)."""
    return len(s) + len(WIDE_RE.findall(s)) if WIDE_RE.search(s) else len(s)
