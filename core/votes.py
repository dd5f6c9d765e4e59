"""Votes: find vote blocks (in favour / against / abstaining), name and code the members, check consistency.

Vote wording per language is data (core/data/votes.toml; Arabic in lexicon/ar.toml). Arabic blocks, clean or
garbled by a broken font, are read by `arabic_votes`. Every disagreement is an Issue on the vote, never a fix.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .data_files import load
from .lexicon import lexicon
from .model import Document, Issue, Member, Resolution, Vote
from .paragraphs import find_date
from .symbols import LATIN_DIGITS as _DIGITS

KEYS = ("in_favour", "against", "abstaining")


@dataclass(frozen=True)
class _Lang:
    code: str
    labels: dict[str, re.Pattern[str]]
    words: tuple[str, ...]  # literal label words: a cheap test before the regexes run
    none: re.Pattern[str]
    rx: dict[str, re.Pattern[str]]
    numbers: dict[str, int]


@functools.cache
def _langs() -> tuple[_Lang, ...]:
    out = []
    for code, d in load("votes").items():
        labels = {}
        for key in KEYS:
            alts = "|".join(re.escape(x) for x in sorted(d[key], key=len, reverse=True))
            # a label opens a line, or follows a list it was glued onto by text extraction ("… Viet Nam Against:")
            # (the regex starts with the literal words, which is fast; the left edge is checked by _label_hits)
            labels[key] = re.compile(rf"(?:{alts})[ \t]*[:：]")
        none = re.compile(r"(?i)^\s*(?:" + "|".join(re.escape(x) for x in d["none"]) + r")\s*[.。]?\s*$")
        rx = {k: re.compile(v) for k, v in d.items() if isinstance(v, str)}
        words = tuple(w.casefold() for key in KEYS for w in d[key])
        out.append(
            _Lang(code, labels, words, none, rx, {str(k): int(v) for k, v in d.get("numbers", {}).items()})
        )
    return tuple(out)


def _split_items(text: str) -> list[tuple[str, int, int]]:
    """Comma/semicolon/'and'-separated items with their offsets relative to `text`."""
    from .roster import lookup

    out = []
    for m in re.finditer(r"[^,;،、，；\n]+", text):
        piece = m.group(0)
        sub = [piece]
        if lookup(piece.strip().rstrip(".")) is None:  # "Bosnia and Herzegovina" is one member
            sub = re.split(r"\s+(?:and|et|y|и)\s+(?=(?:the\s+)?[A-ZÀ-ÖА-Я])", piece)
        pos = m.start()
        for s in sub:
            k = text.find(s, pos)
            a, b = k, k + len(s)
            raw = text[a:b]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw.rstrip(" \t.。"))
            a2, b2 = a + lead, a + trail
            if b2 > a2:
                out.append((text[a2:b2], a2, b2))
            pos = b
    return out


def _number(word: str | None, lang: _Lang) -> int | None:
    if word is None:
        return None
    w = word.lower()
    if w.isdigit():
        return int(w)
    return lang.numbers.get(w)


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _label_hits(rx: re.Pattern[str], text: str, pos: int = 0):
    """Label matches that open a line or follow a space (a label glued onto the list line above)."""
    for m in rx.finditer(text, pos):
        prev = text[m.start() - 1] if m.start() else "\n"
        # Chinese lines re-joined without a space: "…越南反对：" (a label right after a CJK character)
        if prev in "\n \t" or (_CJK.match(prev) and _CJK.match(text, m.start())):
            yield m


def _find_blocks(
    doc: Document, lang: _Lang, folded: str
) -> list[tuple[int, dict[str, tuple[int, int]], int]]:
    """(start, {key: (list start, list end)}, end) for each in-favour/against/abstaining triple; `folded` is
    the document's text case-folded (once for all languages)."""
    text = doc.text
    if not any(w in folded for w in lang.words):
        return []
    hits = sorted((m.start(), m.end(), key) for key in KEYS for m in _label_hits(lang.labels[key], text))
    blocks = []
    i = 0
    while i < len(hits):
        if hits[i][2] != "in_favour":
            i += 1
            continue
        seq = [hits[i]]
        j = i + 1
        while (
            j < len(hits) and len(seq) < 3 and hits[j][2] == KEYS[len(seq)] and hits[j][0] - seq[-1][1] < 2500
        ):
            seq.append(hits[j])
            j += 1
        # a lone "In favour:" is a block too (unanimous votes in meeting records list no other label, S/PV.8701),
        # but only when it opens a line
        if len(seq) == 1 and not (hits[i][0] == 0 or text[hits[i][0] - 1] == "\n"):
            i += 1
            continue
        spans = {}
        for k, (_, b, key) in enumerate(seq):
            if k + 1 < len(seq):
                spans[key] = (b, seq[k + 1][0])
            else:
                spans[key] = (b, _list_end(text, b, lang.rx.get("after_list")))
        blocks.append((seq[0][0], spans, spans[seq[-1][2]][1]))
        i = j
    return blocks


def _list_end(text: str, pos: int, after: re.Pattern[str] | None = None) -> int:
    """End of the last list of a block: the rest of the label's line, or the next line when that is empty,
    cut where the sentence that follows a vote begins if extraction joined it onto the list."""
    nl = text.find("\n", pos)
    nl = len(text) if nl < 0 else nl
    if not text[pos:nl].strip():
        nxt = text.find("\n", nl + 1)
        nl = len(text) if nxt < 0 else nxt
    if after is not None and (m := after.search(text, pos, nl)) and text[pos : m.start()].strip():
        return m.start()
    return nl


def extract_votes(doc: Document, resolutions: list[Resolution]) -> list[Vote]:
    votes: list[Vote] = []
    folded = doc.text.casefold()
    for lang in _langs():
        for start, spans, end in _find_blocks(doc, lang, folded):
            votes.append(_vote_from_block(doc, resolutions, lang, start, spans, end))
    if "ar" in doc.languages:
        votes += _arabic_votes(doc, resolutions, taken=[(v.start or 0, v.end or 0) for v in votes])
    votes.sort(key=lambda v: v.start or 0)
    return votes


def _vote_from_block(doc, resolutions, lang: _Lang, start: int, spans, end: int) -> Vote:
    from .roster import match_members

    text = doc.text
    before = text[max(0, start - 1500) : start]
    after_end = len(text)
    m_next = next(_label_hits(lang.labels["in_favour"], text, end), None)
    if m_next:
        after_end = m_next.start()
    after = text[end : min(after_end, end + 1500)]
    # outcome sentence
    stated: dict[str, int] = {}
    if "tally" in lang.rx and (m := lang.rx["tally"].search(after)):
        for key in KEYS:
            n = _number(m.groupdict().get(key), lang)
            if n is not None:
                stated[key] = n
    resolution = None
    adopted: bool | None = None
    adopted_m = lang.rx["adopted_as"].search(after[:800]) if "adopted_as" in lang.rx else None
    if adopted_m:
        resolution = f"S/RES/{int(adopted_m['number'])} ({adopted_m['year']})"
        adopted = True
    elif "not_adopted" in lang.rx and lang.rx["not_adopted"].search(after[:800]):
        adopted = False
    # what was voted on
    # the lines announcing the vote ("I shall now put to the vote the oral amendment …")
    # (the previous vote's outcome sentence, which may name an amendment too, is not part of it)
    outcome = [lang.rx[k] for k in ("tally", "adopted_as", "not_adopted") if k in lang.rx]
    prior = before.rstrip("\n").split("\n")[-4:]
    announce = "\n".join(ln for ln in prior if not any(rx.search(ln) for rx in outcome))
    is_amendment = bool("amendment" in lang.rx and lang.rx["amendment"].search(announce))
    subject = None
    # the draft: "the draft resolution contained in document S/2020/24", or earlier in the meeting,
    # "document S/2020/27, which contains the text of a draft resolution" (S/PV.8701)
    window = text[max(0, start - 6000) : start]
    drafts = [m for k in ("draft", "draft_document") if k in lang.rx for m in lang.rx[k].finditer(window)]
    drafts.sort(key=lambda m: m.start())
    if drafts and not is_amendment:
        subject = drafts[-1]["symbol"]
    procedure = "meeting"
    if "written" in lang.rx and lang.rx["written"].search(before):
        procedure = "written"
    # date: "adopted as resolution … of 30 March 2020", the resolution's adoption line, or the document's date
    date = None
    if resolution:
        for r in resolutions:
            if r.symbol == resolution and r.date:
                date = r.date
        if date is None and adopted_m:
            date = find_date(after[adopted_m.end() : 800], lexicon(lang.code))
    if date is None:
        date = find_date(text[:3000], lexicon(lang.code))
    year = int(date[:4]) if date else None

    vote = Vote(
        subject=subject,
        resolution=resolution,
        procedure=procedure,
        date=date,
        adopted=adopted,
        counts={},
        in_favour=[],
        against=[],
        abstaining=[],
        start=start,
        end=end,
        page=doc.page_at(start),
        language=lang.code,
    )
    if is_amendment:
        vote.kind = "amendment"
        earlier = list(lang.rx["draft"].finditer(text, 0, start)) if "draft" in lang.rx else []
        vote.amendment_to = earlier[-1]["symbol"] if earlier else None
    items_by_key: dict[str, list[tuple[str, int, int]]] = {}
    for key in KEYS:
        if key not in spans:
            items_by_key[key] = []
            continue
        a, b = spans[key]
        chunk = text[a:b]
        if lang.none.match(chunk) or not chunk.strip():
            items_by_key[key] = []
            continue
        items_by_key[key] = [(t, a + x, a + y) for t, x, y in _split_items(chunk)]
    flat = [(key, it) for key in KEYS for it in items_by_key[key]]
    try:
        matches = match_members([it[0] for _, it in flat], year, lang.code)
    except ValueError:
        matches = match_members([it[0] for _, it in flat], None, lang.code)
    for (key, (t, a, b)), mt in zip(flat, matches, strict=True):
        c = mt.country
        member = Member(c.name if c else t, c.iso3 if c else None, t, a, b, mt.score)
        getattr(vote, key).append(member)
    _finish(vote, stated, year)
    return vote


def _finish(vote: Vote, stated: dict[str, int], year: int | None) -> None:
    """Counts, inferred outcome and every consistency check, each as an Issue."""
    from .roster import council, is_permanent

    lengths = {k: len(getattr(vote, k)) for k in KEYS}
    vote.counts = {k: stated.get(k, lengths[k]) for k in KEYS}
    for k in KEYS:
        if k in stated and stated[k] != lengths[k]:
            vote.issues.append(
                Issue(
                    "count-mismatch",
                    f"{k.replace('_', ' ')}: the document states {stated[k]} but lists {lengths[k]} members",
                )
            )
    unknown = [m.as_printed for k in KEYS for m in getattr(vote, k) if m.iso3 is None]
    if unknown:
        vote.issues.append(Issue("unknown-member", "not matched to any member state: " + "; ".join(unknown)))
    seen: dict[str, str] = {}
    for k in KEYS:
        for m in getattr(vote, k):
            if m.iso3 and m.iso3 in seen and seen[m.iso3] != k:
                vote.issues.append(
                    Issue("member-in-two-lists", f"{m.name} is listed as {seen[m.iso3]} and {k}")
                )
            if m.iso3:
                seen[m.iso3] = k
    roster = None
    if year is not None:
        try:
            roster = {c.iso3 for c in council(year)}
        except ValueError:
            roster = None
    size = len(roster) if roster else (15 if (year or 2000) >= 1966 else 11)
    total = sum(lengths.values())
    if total > size:
        vote.issues.append(
            Issue("too-many-members", f"{total} members listed, but the Council had {size} seats")
        )
    if roster:
        off = sorted({m.name for k in KEYS for m in getattr(vote, k) if m.iso3 and m.iso3 not in roster})
        if off:
            vote.issues.append(
                Issue("member-not-on-roster", f"not on the Council in {year}: " + ", ".join(off))
            )
    need = 9 if (year or 2000) >= 1966 else 7
    veto = [m.name for m in vote.against if m.iso3 and is_permanent(m.iso3, year)]
    rule = vote.counts["in_favour"] >= need and not veto
    if veto and vote.counts["in_favour"] >= need:  # a negative vote only vetoes a draft that had the votes
        vote.issues.append(Issue("veto", "negative vote of a permanent member: " + ", ".join(veto)))
    if vote.adopted is None:
        vote.adopted = rule
        vote.issues.append(
            Issue(
                "outcome-inferred",
                "outcome not stated; inferred from the adoption rule "
                f"({need} votes in favour and no negative vote of a permanent member)",
            )
        )
    elif vote.adopted != rule:
        vote.issues.append(
            Issue(
                "outcome-mismatch",
                f"the document says {'adopted' if vote.adopted else 'not adopted'}"
                f" but the adoption rule gives {'adopted' if rule else 'not adopted'}",
            )
        )


@functools.lru_cache(maxsize=8)
def _find_arabic_votes(text: str):
    """Arabic blocks of a text; cached, since learning a garbled font's model takes a second or two."""
    from .arabic_votes import find_arabic_votes

    return tuple(find_arabic_votes(text))


def _arabic_votes(doc: Document, resolutions, taken) -> list[Vote]:
    from .roster import countries

    out = []
    cs = countries()
    for blk in _find_arabic_votes(doc.text):
        if any(a <= blk.start < b for a, b in taken):
            continue
        resolution = f"S/RES/{blk.resolution[0]} ({blk.resolution[1]})" if blk.resolution else None
        date = blk.date
        if date is None and resolution:
            date = next((r.date for r in resolutions if r.symbol == resolution and r.date), None)
        if date is None:
            date = find_date(doc.text[:3000], lexicon("ar"))  # the record's own date, when its text is clean
        year = int(date[:4]) if date else (blk.resolution[1] if blk.resolution else None)
        v = Vote(
            subject=None,
            resolution=resolution,
            procedure="written" if _written_ar(doc) else "meeting",
            date=date,
            adopted=True if resolution else None,
            counts={},
            in_favour=[],
            against=[],
            abstaining=[],
            start=blk.start,
            end=blk.end,
            page=doc.page_at(blk.start),
            language="ar",
        )
        for key in KEYS:
            for it in blk.lists.get(key, []):
                c = cs.get(it.iso3) if it.iso3 else None
                printed, a, b = _printed_span(doc.text, it.as_printed, it.start, it.end)
                getattr(v, key).append(Member(c.name if c else printed, it.iso3, printed, a, b, it.score))
        for code, msg in blk.warnings:
            v.issues.append(Issue(code, msg))
        if v.resolution is None:
            _arabic_outcome(v, doc.text[blk.end : blk.end + 800])
        subj = re.search(r"S/\d{4}/\d{1,4}", doc.text[max(0, blk.start - 3000) : blk.start])
        v.subject = subj.group(0) if subj else None
        stated = {"in_favour": blk.tally} if blk.tally is not None else {}
        if year is not None:
            _fill_by_elimination(v, year)
        _finish(v, stated, year)
        out.append(v)
    return out


def _arabic_outcome(vote: Vote, after: str) -> None:
    """The outcome sentence after a clean Arabic vote block: adopted as resolution N (YYYY), or not adopted."""
    from .roster import strip_arabic_marks

    words = lexicon("ar").raw.get("vote", {})
    after = strip_arabic_marks(after).translate(_DIGITS)
    if words.get("adopted_as") and (m := re.search(words["adopted_as"], after)):
        number, year = m["number"] or m["number2"], m["year"] or m["year2"]
        vote.resolution, vote.adopted = f"S/RES/{int(number)} ({year})", True
    elif words.get("not_adopted") and re.search(words["not_adopted"], after):
        vote.adopted = False


def _fill_by_elimination(vote: Vote, year: int) -> None:
    """Name unreadable items when the counts prove who they are.

    When every seat is accounted for (as many items as Council members, every named item a distinct member of
    that year's roster) and all unreadable items sit in one list, the members not yet named are exactly those
    items: the list's membership is then certain. Which printed item is which of them is not, when there are
    several; that pairing is a best effort by string similarity and is said in an issue."""
    from rapidfuzz.distance import Levenshtein

    from .roster import council, normalize_name

    try:
        roster = council(year)
    except ValueError:
        return
    items = [(k, i, m) for k in KEYS for i, m in enumerate(getattr(vote, k))]
    named = [m.iso3 for _, _, m in items if m.iso3]
    loose = [(k, i, m) for k, i, m in items if not m.iso3]
    ids = {c.iso3 for c in roster}
    if (
        not loose
        or len(items) != len(roster)
        or len(set(named)) != len(named)
        or not set(named) <= ids
        or len({k for k, _, _ in loose}) != 1
    ):
        return
    left = [c for c in roster if c.iso3 not in set(named)]
    key = loose[0][0]

    def cost(item: str, c) -> float:
        a = normalize_name(item, "ar").replace(" ", "")
        return min(
            Levenshtein.normalized_distance(a, normalize_name(n, "ar").replace(" ", ""))
            for n in (c.names["ar"], *c.aliases.get("ar", ()))
        )

    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment([[cost(m.as_printed, c) for c in left] for _, _, m in loose])
    lst = getattr(vote, key)
    for r, c in zip(rows, cols, strict=True):
        _, i, m = loose[r]
        country = left[c]
        lst[i] = Member(
            country.name, country.iso3, m.as_printed, m.start, m.end, 0.0 if len(loose) > 1 else 0.5
        )
    names = ", ".join(left[c].name for c in cols)
    certain = "" if len(loose) == 1 else "; which printed item is which of them is uncertain"
    vote.issues.append(
        Issue(
            "assigned-by-elimination",
            f"{len(loose)} unreadable item(s) in the "
            f"{key.replace('_', ' ')} list are the members not otherwise listed ({names}), since all "
            f"{len(roster)} members are accounted for{certain}",
        )
    )


def _letters(text: str) -> str:
    return re.sub(r"[\s\u0640]", "", text)


def _printed_span(text: str, printed: str, start: int, end: int) -> tuple[str, int | None, int | None]:
    """The item exactly as it stands in the text, with its offsets; an item that extraction split in two
    (runs of a line in visual order) has no single span, and gets none rather than a wrong one."""
    raw = text[start:end]
    if _letters(raw) == _letters(printed):
        lead = len(raw) - len(raw.lstrip())
        core = raw.strip()
        return core, start + lead, start + lead + len(core)
    return printed, None, None


def _written_ar(doc: Document) -> bool:
    """Written procedure (a letter) unless the document is a meeting record: an S/PV symbol, or the Arabic
    wording of a vote taken in the meeting ("أجري التصويت برفع الأيدي")."""
    head = doc.text[:5000]
    if re.search(r"(?i)voting procedure|written procedure", head):
        return True
    if (doc.symbol or "").startswith("S/PV"):
        return False
    from .roster import strip_arabic_marks

    meeting = lexicon("ar").raw.get("vote", {}).get("meeting")
    return not (meeting and re.search(meeting, strip_arabic_marks(head)))
