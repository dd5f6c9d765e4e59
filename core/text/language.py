"""The language of a stretch of text, of each page, and of a whole document.

Script first (Arabic, Han, Cyrillic letters tell their language at once), then, for Latin script, the
commonest words of each language (the lexicons' `[detect]` words).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import overload

from ..data.lexicon import all_lexicons
from .scripts import ARABIC, CYRILLIC, HAN, LATIN

_SCRIPTS = [
    ("ar", re.compile(f"[{ARABIC}]")),
    ("zh", re.compile(f"[{HAN}]")),
    ("ru", re.compile(f"[{CYRILLIC}]")),
    ("latin", re.compile(f"[{LATIN}]")),
]
_OTHER_SCRIPT = re.compile(f"[{CYRILLIC}{ARABIC}{HAN}]")
_LATIN_WORD = re.compile(f"[{LATIN}]+")
SAMPLE_LINES = 150  # lines looked at per document (spread evenly), so long documents cost no more
SHARE = 0.05  # a language must fill this share of a document's (or page's) letters to count


@functools.cache
def _latin_vocab() -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """From the lexicons' [detect]: the languages, and word -> language for words counted in lower case only
    and for words counted in any case (keys in lower case)."""
    langs, lower_only, any_case = [], {}, {}
    for lx in all_lexicons():
        if lx.detect_words:
            langs.append(lx.lang)
            lower_only.update(dict.fromkeys(lx.detect_words, lx.lang))
            any_case.update(dict.fromkeys(lx.detect_any_case, lx.lang))
    return tuple(langs), lower_only, any_case


@overload
def detect_language(text: str) -> str: ...
@overload
def detect_language(text: str, default: str | None) -> str | None: ...


def detect_language(text: str, default: str | None = "en") -> str | None:
    """Language of a stretch of text from its script, then its commonest words; `default` for Latin text
    without any of those words (a list of names: "Albania, Brazil, France, Gabon, …")."""
    sample = text[:4000]
    if _OTHER_SCRIPT.search(sample):
        counts = {lang: len(rx.findall(sample)) for lang, rx in _SCRIPTS}
        best = max(counts, key=lambda k: counts[k])
        if best != "latin":
            return best
    # function words count in lower case only: "El", "Al", "Del" in names ("Mohamed Al Habib") tell nothing
    words = Counter(_LATIN_WORD.findall(sample))
    langs, lower_only, any_case = _latin_vocab()
    score = dict.fromkeys(langs, 0)
    for word, n in words.items():
        lang = lower_only.get(word) or any_case.get(word.lower())
        if lang:
            score[lang] += n
    best = max(score, key=lambda lang: (score[lang], lang == "en"))  # a tie goes to English
    return best if score[best] else default


def _line_languages(lines: list[str], step: int) -> tuple[Counter[str], dict[str, int]]:
    """Letters per language over every `step`-th line with enough letters, and where each language first
    appears (line index)."""
    letters: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i in range(0, len(lines), step):
        lang, n = _line_language(lines[i][:300])  # a paragraph's opening says its language
        if lang is None:
            continue  # too short, or no word that tells: names, figures
        letters[lang] += n
        first.setdefault(lang, i)
    return letters, first


@functools.lru_cache(maxsize=512)  # a few hundred lines: a batch worker's memory stays flat
def _line_language(line: str) -> tuple[str | None, int]:
    """A line's language (None: fewer than 12 letters, or no word that tells) and its letters, kept for the
    lines that the page and the document judgements both look at."""
    if len(line) < 12:
        return None, 0
    n = sum(map(str.isalpha, line))
    return (detect_language(line, None) if n >= 12 else None), n


def _present(letters: Counter[str], first: dict[str, int]) -> list[str]:
    total = sum(letters.values()) or 1
    return sorted((x for x in letters if letters[x] >= SHARE * total), key=lambda x: first[x])


def document_languages(text: str) -> list[str]:
    """Languages present, in order of first appearance, from lines with enough letters.

    At most `SAMPLE_LINES` lines, spread evenly over the document, are looked at: a language that fills 5 %
    of a document is seen in such a sample."""
    lines = text.split("\n")
    return _present(*_line_languages(lines, max(1, len(lines) // SAMPLE_LINES)))


def page_languages(text: str, page_starts: list[int]) -> list[list[str]]:
    """The languages of each page (as `document_languages` judges a document), in order of appearance."""
    bounds = [*page_starts, len(text)]
    out = []
    for k in range(len(page_starts)):
        lines = text[bounds[k] : bounds[k + 1]].split("\n")
        out.append(_present(*_line_languages(lines, max(1, len(lines) // SAMPLE_LINES))))
    return out
