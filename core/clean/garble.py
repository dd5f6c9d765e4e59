"""Is the Arabic garbled by a broken font map? One score, one threshold, judged per page.

Such fonts map each glyph to some fixed wrong output, so clean UN Arabic's common words vanish and one-letter
fragments appear (letters printed as spaces split words). `garble_score` measures both; a page whose score is
above `GARBLED` is called garbled, and the Document gets one `garbled-arabic` issue naming those pages.
"""

from __future__ import annotations

import re

from ..data.lexicon import lexicon
from ..model import Document, Issue
from ..text.arabic import TATWEEL, letters_only
from ..text.scripts import ARABIC, ARABIC_LABEL

# garble_score above which Arabic is called garbled: text with no sign either way (no common word, no broken
# token: a list of chemicals) scores exactly this and is not
GARBLED = 0.5
MIN_WORDS = 30  # Arabic words a page needs for its own score (else it goes with the document's)

_TOKEN = re.compile(r"\S+")
_LABEL = re.compile(rf"\(\s*[{ARABIC_LABEL}]{{1,2}}\s*\)")
_ARABIC_WORD = re.compile(f"[{ARABIC}]+")


def garble_score(text: str) -> float:
    """How damaged the Arabic in `text` looks: 0 clean .. 1 fully garbled (0 when there is no Arabic).

    Two signs, both cheap: clean UN Arabic has many common words verbatim («في», «مجلس», «الأمن» …) and
    almost no one-letter tokens or mid-word «ة»/«ى»; a broken glyph map destroys the first and produces
    the second (letters printed as spaces split words into fragments).
    """
    common = lexicon("ar").common_words
    text = _LABEL.sub(" ", text)  # "(أ)", "(ه)": sub-paragraph labels are one-letter tokens in clean text too
    toks = [letters_only(t.replace(TATWEEL, "")) for t in _TOKEN.findall(text)]
    toks = [t for t in toks if t]
    if len(toks) < 3:
        return 0.0
    n = len(toks)
    # «و» ("and") stands alone before numbers: «<n> (<year>) و <n> (<year>)»
    odd = sum(1 for t in toks if (len(t) == 1 and t != "و") or "ة" in t[:-1] or "ى" in t[:-1])
    known = sum(1 for t in toks if t in common or (t[0] in "وب" and t[1:] in common))
    damage = min(1.0, odd / n / 0.15)
    clean = min(1.0, known / n / 0.12)
    return round(max(0.0, min(1.0, 0.5 * damage + 0.5 * (1.0 - clean))), 3)


def is_garbled(score: float) -> bool:
    return score > GARBLED


def page_scores(doc: Document) -> dict[int, float]:
    """The garble score of each page that has Arabic (1-based); a page with too little Arabic to judge on its
    own gets the document's score."""
    whole = garble_score(doc.text)
    bounds = [*doc.page_starts, len(doc.text)]
    scores: dict[int, float] = {}
    for k in range(len(doc.page_starts)):
        part = doc.text[bounds[k] : bounds[k + 1]]
        words = len(_ARABIC_WORD.findall(part))
        if words:
            scores[k + 1] = garble_score(part) if words >= MIN_WORDS else whole
    return scores


def check(doc: Document) -> Issue | None:
    """The `garbled-arabic` issue of a document whose Arabic is garbled on some page, else None."""
    if "ar" not in doc.languages:
        return None
    pages = {p: s for p, s in page_scores(doc).items() if is_garbled(s)}
    if not pages:
        return None
    return Issue(
        "garbled-arabic",
        f"the Arabic text is garbled by a broken font mapping (garble score {max(pages.values()):.2f}) "
        f"on page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}: Arabic words are not reliable",
        tuple(pages),
    )
