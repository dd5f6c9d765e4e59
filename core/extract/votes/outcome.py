"""What a vote decided and how it was taken, from the sentences around its block, for every block reader:
the stated tally, the resolution adopted (or that it was not), the draft or amendment voted on, the procedure
and the date. Wording per language is the lexicons' `[vote]`."""

from __future__ import annotations

from ...data.lexicon import Lexicon
from ...model import VOTE_LISTS, Document, Procedure, Resolution, VoteList
from ...text.arabic import strip_marks
from ...text.dates import find_date
from ...text.scripts import latin_digits
from ...text.symbols import sc_resolution

OUTCOME_CHARS = 800  # the outcome sentence follows the block within this many characters
DRAFT_WINDOW = 6000  # the draft voted on is named within this many characters before the block


def _number(word: str | None, lx: Lexicon) -> int | None:
    if word is None:
        return None
    w = word.lower()
    if w.isdigit():
        return int(w)
    return lx.vote.numbers.get(w)


def stated_counts(after: str, lx: Lexicon) -> dict[VoteList, int]:
    """The counts the tally sentence after a block states ("received 11 votes in favour, none against …")."""
    stated: dict[VoteList, int] = {}
    if m := lx.vote.tally.search(after):
        for key in VOTE_LISTS:
            n = _number(m.groupdict().get(key), lx)
            if n is not None:
                stated[key] = n
    return stated


def adoption(after: str, lx: Lexicon) -> tuple[str | None, bool | None, int | None]:
    """(resolution adopted, adopted?, where in `after` the adoption sentence ends) from the sentence after
    a block: "adopted as resolution 2504 (2020)", «اتُخذ مشروع القرار بوصفه القرار 2504 (2020)», or "has not
    been adopted"."""
    text = strip_marks(latin_digits(after[:OUTCOME_CHARS]))
    if m := lx.vote.adopted_as.search(text):
        groups = m.groupdict()
        number, year = (
            groups.get("number") or groups.get("number2"),
            groups.get("year") or groups.get("year2"),
        )
        if number and year:
            return sc_resolution(number, year), True, m.end()
    if lx.vote.not_adopted.search(text):
        return None, False, None
    return None, None, None


def is_amendment(before: str, lx: Lexicon) -> bool:
    """Whether the lines announcing the vote ("I shall now put to the vote the oral amendment …") name an
    amendment; the previous vote's outcome sentence, which may name one too, is not part of them."""
    vw = lx.vote
    outcome = [vw.tally, vw.adopted_as, vw.not_adopted]
    prior = before.rstrip("\n").split("\n")[-4:]
    announce = "\n".join(ln for ln in prior if not any(rx.search(ln) for rx in outcome))
    return bool(vw.amendment.search(announce))


def subject(doc: Document, start: int, lx: Lexicon) -> str | None:
    """The draft voted on: "the draft resolution contained in document S/2020/24", or earlier in the meeting,
    "document S/2020/27, which contains the text of a draft resolution"."""
    window = doc.text[max(0, start - DRAFT_WINDOW) : start]
    drafts = [m for rx in (lx.vote.draft, lx.vote.draft_document) for m in rx.finditer(window)]
    drafts.sort(key=lambda m: m.start())
    return drafts[-1]["symbol"] if drafts else None


def amended_draft(doc: Document, start: int, lx: Lexicon) -> str | None:
    """The draft an amendment would change: the last one named before it."""
    earlier = list(lx.vote.draft.finditer(doc.text, 0, start))
    return earlier[-1]["symbol"] if earlier else None


def procedure(doc: Document, before: str, lx: Lexicon) -> Procedure:
    """`written` when a written-procedure letter says so before the block; else `meeting` when the vote was
    taken in a meeting (a meeting record, or the wording of a vote by show of hands or put to the vote); else
    `written` (a vote reported by letter)."""
    if lx.vote.written.search(before):
        return "written"
    if (doc.symbol or "").startswith("S/PV") or lx.vote.meeting.search(strip_marks(before)):
        return "meeting"
    return "written"


def vote_date(
    doc: Document, resolutions: list[Resolution], resolution: str | None, after: str, lx: Lexicon
) -> str | None:
    """The date of a vote: the adopted resolution's adoption line, a date in the outcome sentence, or the
    document's own date."""
    if resolution:
        for r in resolutions:
            if r.symbol == resolution and r.date:
                return r.date
        _, _, end = adoption(after, lx)
        if end is not None and (d := find_date(after[end:OUTCOME_CHARS], lx)):
            return d
    return find_date(doc.text[:3000], lx)
