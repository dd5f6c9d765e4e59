"""Layouts of a vote a reader must not care about, made from a document's own vote (a test helper).

Given a document's text and the votes read from it, `perturb` rewrites it the ways extraction and drafting
do: the lists re-wrapped at another width (a word hyphenated over a line now and then), spaces put inside
words (justified lines) of the lists and, now and then, of the whole document (glyphs set a little apart),
the labels swapped for their synonyms of the lexicon, and a block rewritten as a
tally sentence ("… received 13 votes in favour, two against (China and the Russian Federation) and no
abstentions"), which may leave the in-favour list unnamed. The votes read from the result must be the same.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from resinspect.data.lexicon import lexicon
from resinspect.extract.votes import outcome

KEYS = ("in_favour", "against", "abstaining")
# characters a text layer or another tool's extraction leaves that print nothing (core/text/scripts.py), the
# spaces of other widths put for plain ones (no-break, narrow no-break, thin, figure), and full-width digits
UNSEEN = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u00ad"
OTHER_SPACES = "\u00a0\u202f\u2009\u2007"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class Plan:
    """What to change, and the random choices behind it."""

    seed: int
    rewrap: bool
    spaces: int  # spaces put inside words, per list
    synonyms: bool
    prose: bool
    name_favour: bool  # in a prose rewrite: whether the in-favour members are named
    stray: float = 0.0  # the share of the document's words (of four letters or more) a stray space cuts


# Tally sentences per language, in the wording the lexicons' `[vote] tally` reads (test data, not engine data).
SENTENCE = {
    "en": ("The draft resolution received {0} votes in favour{1}, {2} against{3} and {4} abstentions{5}.", " and", ", "),
    "fr": ("Le projet de résolution a recueilli {0} voix pour{1}, {2} voix contre{3} et {4} abstentions{5}.", " et", ", "),
    "es": ("El proyecto de resolución ha obtenido {0} votos a favor{1}, {2} en contra{3} y {4} abstenciones{5}.", " y", ", "),
    "ru": ("Проект резолюции получил {0} голосов за{1}, {2} голосов против{3} и {4} воздержавшихся{5}.", " и", ", "),
    "zh": ("决议草案获得{0}票赞成{1}、{2}票反对{3}、{4}票弃权{5}。", "和", "、"),
    "ar": ("وحصل مشروع القرار على {0} صوتا مؤيدا{1}، مقابل {2} صوتا معارضا{3}، وامتناع {4} عضوا عن التصويت{5}.", " و", "، "),
}  # fmt: skip
BRACKETS = {"zh": ("（", "）")}


def _names(printed: list[str], lang: str) -> str:
    _, last, sep = SENTENCE[lang]
    if not printed:
        return ""
    body = printed[0] if len(printed) == 1 else sep.join(printed[:-1]) + last + " " + printed[-1]
    if lang == "zh":
        body = body.replace("和 ", "和")
    a, b = BRACKETS.get(lang, (" (", ")"))
    return f"{a}{body}{b}"


def _rewrap(text: str, rng: random.Random) -> str:
    """The list's words laid out again in lines of another width, a long word hyphenated now and then."""
    if not re.search(r"\s", text.strip()):
        return text
    width = rng.randint(12, 90)
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            if len(word) > 7 and rng.random() < 0.3 and word.isalpha():
                k = rng.randint(3, len(word) - 3)
                out.append(f"{line} {word[:k]}-")
                line = word[k:]
                continue
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n".join(out)


def _spaces(text: str, n: int, rng: random.Random) -> str:
    """`n` spaces put between two letters of a word (never before the first or after the last)."""
    for _ in range(n):
        spots = [i for i in range(1, len(text) - 1) if text[i - 1].isalpha() and text[i].isalpha()]
        if not spots:
            break
        i = rng.choice(spots)
        text = text[:i] + " " + text[i:]
    return text


def _stray(text: str, share: float, rng: random.Random) -> str:
    """A space put at a random place inside `share` of the words of four letters or more, anywhere in the
    document: the sentences around a vote as a text layer cuts them ("documen t", "resolutio n", "No ne")."""

    def cut(m: re.Match[str]) -> str:
        w = m[0]
        if rng.random() >= share:
            return w
        k = rng.randint(1, len(w) - 1)
        return f"{w[:k]} {w[k:]}"

    return re.sub(r"[^\W\d_]{4,}", cut, text) if share else text


def _label_span(text: str, end: int, lang: str, key: str) -> tuple[int, int] | None:
    """The label of list `key` right before offset `end` (the list's first item)."""
    words = sorted(lexicon(lang).vote.labels[key], key=len, reverse=True)
    rx = re.compile("(?:" + "|".join(map(re.escape, words)) + r")[ \t]*[:：]")
    hits = [m for m in rx.finditer(text, max(0, end - 200), end)]
    return (hits[-1].start(), hits[-1].end()) if hits else None


def perturb(text: str, votes: list, plan: Plan) -> str:
    """`text` with every vote printed another way (votes as read from it, with member offsets into it)."""
    rng = random.Random(plan.seed)
    for v in sorted(votes, key=lambda v: v.start or 0, reverse=True):
        lang = v.language
        if plan.prose and lang in SENTENCE and all(m.start is not None for k in KEYS for m in v.members(k)):
            text = _as_prose(text, v, lang, plan)
            continue
        # lists from the last to the first, so earlier offsets stay valid
        for key in reversed(KEYS):
            ms = [m for m in v.members(key) if m.start is not None]
            if not ms:
                continue
            a, b = min(m.start for m in ms), max(m.end for m in ms)
            part = text[a:b]
            if plan.rewrap:
                part = _rewrap(part, rng)
            part = _spaces(part, plan.spaces, rng)
            text = text[:a] + part + text[b:]
            if plan.synonyms and (span := _label_span(text, a, lang, key)):
                choice = rng.choice(lexicon(lang).vote.labels[key])
                colon = text[span[1] - 1]
                pad = " " if lang == "fr" else ""
                text = text[: span[0]] + choice + pad + colon + text[span[1] :]
    return _stray(text, plan.stray, rng)


def _as_prose(text: str, v, lang: str, plan: Plan) -> str:
    """The block of vote `v` replaced by a tally sentence; the tally sentence after it, if any, dropped."""
    tail = text[v.end : v.end + 1500]
    if t := next(outcome.tallies(tail, lexicon(lang)), None):
        tail = tail[: t.start] + tail[t.end :]
    counts = [len(v.members(k)) for k in KEYS]
    printed = [[m.as_printed for m in v.members(k)] for k in KEYS]
    named = [plan.name_favour, True, True]
    sentence, _, _ = SENTENCE[lang]
    parts = []
    for k in range(3):
        parts += [str(counts[k]), _names(printed[k], lang) if named[k] else ""]
    return text[: v.start] + sentence.format(*parts) + tail + text[v.end + 1500 :]
