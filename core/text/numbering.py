"""How resolutions number their paragraphs, in six languages: operative numbers, sub-paragraph labels, list
items, and the ids labels get (the same in every language).

Shared by the cleaner (a number or label opening a line starts a paragraph) and the structure stage (which
paragraph, which sub-paragraph).
"""

from __future__ import annotations

import re

from .scripts import ARABIC_LABEL, CJK_PAREN_NUMBERS, latin_digits

# An operative number opening a line: "1. ", "1 - " (Arabic), "1．", "2.决定" (Chinese, no space), and "- 2 "
# (an Arabic "2 -" that the bidi reordering printed reversed); never a decimal ("1.5 million").
OP_NUMBER = re.compile(
    r"^(?:(?P<n>\d{1,3})\s*(?:[.．、](?!\d)|\s[\-–](?=\s))\s*(?=\S)|[\-–]\s*(?P<r>\d{1,3})(?:\s+(?=\S)|$))"
)
# A sub-paragraph label opening a line: "(a)", "(iv)", "(12)", "(aa)", Cyrillic "(а)", Arabic "(أ)", "(هـ)";
# "a)", "i)" (French, Spanish, Russian); "b." (English lists printed "a." … "c."); the second-level labels
# of Chinese ("㈠") and Arabic ("‘1’") texts. Groups: `p` in brackets, `q` closing bracket only, `d` with a
# period, `c` Chinese, `a` Arabic second level.
SUB_LABEL = re.compile(
    rf"^(?:\(\s*(?P<p>[a-z]{{1,2}}|[ivxlc]{{1,6}}|\d{{1,2}}|[а-яё]{{1,2}}|[{ARABIC_LABEL}]{{1,2}}(?:\s[{ARABIC_LABEL}])?)"
    r"\s*\)\s*(?=\S)"
    r"|(?P<q>[a-z]|[ivxlc]{1,6}|[а-яё])\)\s+(?=\S)"
    r"|(?P<d>[a-z])\.\s+(?=[^\W\d_])"
    rf"|(?P<c>[{CJK_PAREN_NUMBERS}])\s*"
    r"|[‘’']\s*(?P<a>[1-9]\d?)\s*[’‘']\s*(?=[^\W\d]))"
)
# A list item marked by a bullet or a dash ("• Provide security …", "– to ensure …"), or by the soft hyphen
# that text extraction leaves of a dash (felixhaass texts); not an Arabic "- 2", nor the Russian em dash
# inside a sentence («штаты / — члены федерации»).
ITEM = re.compile(r"^[•●▪◦‣∙·–\-\u00ad]\s*(?![\d\s])")
# What looks like a label at a line's start, whether or not SUB_LABEL reads it as one ("bb)", "aa.", "(iv)"):
# a line opening so is not taken for the rest of a sentence
LABEL_LIKE = re.compile(r"\(?[^\W\d_]{1,4}[).]")
# A number or label alone on its line ("1.", "2 -", "- 2", "(a)"): the text it numbers follows.
BARE_LABEL = re.compile(
    rf"\d{{1,3}}\s*[.\-–．]|[\-–]\s*\d{{1,3}}"
    rf"|\(\s*(?:[a-z]{{1,2}}|[ivxlc]{{1,6}}|\d{{1,2}}|[а-я]|[{ARABIC_LABEL}]{{1,2}})\s*\)"
)

# A part's letter or number run into the first line of the part: "A Expressing its concern …", "II 1. Decides …"
PART_PREFIX = re.compile(r"(?:[A-H]|[IVX]{1,5})\s+(?=\S)")

ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
          "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv"]  # fmt: skip
ROMAN = re.compile(r"^[ivxlc]+$")
NEXT_ROMAN = dict(zip(ROMANS, ROMANS[1:], strict=False))

# Arabic labels follow the abjad order («أ ب ج د هـ و ز ح ط ي …»: «(ي)» is the tenth, "(j)"), Cyrillic ones
# the alphabet without «ё й ъ ы ь»; Russian texts mostly print Latin letters, some with a Cyrillic look-alike
# («а» for "a", «с» for "c"; cases in tests/test_paragraphs.py).
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
_LOOKALIKE = str.maketrans("асеорху", "aceopxy")
_ALEF = str.maketrans("اإآ", "أأأ")


def op_number(text: str) -> int | None:
    """The operative number opening a line, if any."""
    m = OP_NUMBER.match(text)
    return int(latin_digits(m["n"] or m["r"])) if m else None


def _letters(k: int) -> str:
    """The k-th label (1-based) as Latin letters: a … z, then aa, bb, …"""
    return chr(96 + (k - 1) % 26 + 1) * ((k - 1) // 26 + 1)


def label_id(m: re.Match[str], cyrillic_order: bool = False) -> tuple[str, str, bool]:
    """(printed label, label for the id, whether it can only be a second-level one) of a SUB_LABEL match.
    Ids use Latin letters and roman numerals in every language: «(ب)» → "b", «(ي)» → "j", "㈡" and «‘2’» →
    "ii"; with `cyrillic_order` Cyrillic letters count in their alphabet («б» → "b"), else as the Latin
    letter they look like."""
    if m["c"]:
        k = ord(m["c"]) - 0x3220
        return m["c"], ROMANS[k], True
    if m["a"]:
        n = int(m["a"])
        return m["a"], (ROMANS[n - 1] if n <= len(ROMANS) else m["a"]), True
    printed = m["p"] or m["q"] or m["d"]
    key = printed.replace(" ", "").replace("\u0640", "")
    if key and key[0] in _ABJAD + "اإآه":
        letters = key.translate(_ALEF)
        ks = [_ABJAD.index(ch) + 1 for ch in letters if ch in _ABJAD]
        if ks:
            return printed, _letters(ks[0]) if len(ks) == 1 else _letters(ks[0] + 28 * (len(ks) - 1)), False
    if re.fullmatch("[а-яё]+", key):
        if cyrillic_order or not all(ch in "асеорху" for ch in key):
            ks = [_CYRILLIC.index(ch) + 1 for ch in key if ch in _CYRILLIC]
            if ks:
                return printed, _letters(ks[0]) * len(ks), False
        return printed, key.translate(_LOOKALIKE), False
    return printed, key, False


def cyrillic_order(labels: list[str]) -> bool:
    """Whether a document's Cyrillic labels count in the Cyrillic alphabet: one is no Latin look-alike."""
    return any(re.fullmatch("[а-яё]+", x) and not all(ch in "асеорху" for ch in x) for x in labels)
