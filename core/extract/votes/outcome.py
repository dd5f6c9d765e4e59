"""What a vote decided and how it was taken, from the sentences around it, for every reader (labelled blocks,
Arabic blocks, tallies in prose): the stated tally and the members it names, the resolution adopted (or that
it was not), the draft or amendment voted on, the procedure and the date. Wording per language is the
lexicons' `[vote]`; `read` is the one entry point."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from ...data.lexicon import NEVER, Lexicon
from ...data.numbering import year_of
from ...model import VOTE_LISTS, Counts, Document, Procedure, Resolution, Vote, VoteKind, VoteList
from ...text import gate
from ...text.arabic import strip_marks
from ...text.dates import find_date
from ...text.scripts import ARABIC_MARKS, latin_digits
from ...text.stray import lookup
from ...text.symbols import normalize_symbol, parse_sc_resolution, sc_resolution

OUTCOME_CHARS = 800  # the outcome sentence follows the block within this many characters
DRAFT_WINDOW = 6000  # the draft voted on is named within this many characters before the block
CONTEXT = 1500  # characters before a vote searched for its procedure and announcement
_UNMARKED = re.compile(f"[^{ARABIC_MARKS}]+")


@dataclass(frozen=True)
class Tally:
    """A sentence stating a vote's counts: where it stands, the counts, and the members it names per list
    (offsets of the bracketed names in the text)."""

    start: int
    end: int
    counts: dict[VoteList, int]
    named: dict[VoteList, tuple[int, int]] = field(default_factory=dict)


@dataclass
class Outcome:
    subject: str | None
    resolution: str | None
    adopted: bool | None
    date: str | None
    procedure: Procedure
    kind: VoteKind
    amendment_to: str | None
    tally: Tally | None

    @property
    def year(self) -> int | None:
        """The year of the vote (for its roster): of its date, else of the resolution it adopted."""
        if self.date:
            return int(self.date[:4])
        res = parse_sc_resolution(self.resolution)
        return res[1] if res else None

    @property
    def stated(self) -> dict[VoteList, int]:
        return dict(self.tally.counts) if self.tally else {}

    def vote(self, doc: Document, start: int, end: int, lang: str) -> Vote:
        """An empty vote (no members yet) with this outcome, printed at `[start, end)`."""
        return Vote(
            subject=self.subject,
            resolution=self.resolution,
            procedure=self.procedure,
            date=self.date,
            adopted=self.adopted,
            counts=Counts(),
            in_favour=[],
            against=[],
            abstaining=[],
            start=start,
            end=end,
            page=doc.page_at(start),
            language=lang,
            kind=self.kind,
            amendment_to=self.amendment_to,
        )


def _number(word: str | None, lx: Lexicon) -> int | None:
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return lookup(lx.vote.numbers, w)


def _plain(text: str, lx: Lexicon) -> tuple[str, Callable[[int], int]]:
    """The text as the lexicon's patterns read it (Latin digits; Arabic without marks), and where a
    character of it stands in `text` (in Arabic, a position past the end: the end). The places are kept a run of
    unmarked characters at a time, so that the cost is that of the runs, not of every character."""
    text = latin_digits(text)
    if lx.lang != "ar" or len(strip_marks(text)) == len(text):
        return text, lambda i: i
    runs = [m.span() for m in _UNMARKED.finditer(text)]
    starts = list(accumulate((b - a for a, b in runs), initial=0))  # where each run starts in the plain text
    plain = "".join(text[a:b] for a, b in runs)

    def place(i: int) -> int:
        if i >= len(plain):
            return len(text)
        k = bisect.bisect_right(starts, i) - 1
        return runs[k][0] + i - starts[k]

    return plain, place


# characters between two count clauses of one tally sentence (", with", "; there were no votes")
MAX_JOIN = 30
_JOIN_STOP = re.compile(r"[.!?。\d]")  # a sentence's end or another number between two clauses: not joined
NUMBER_BEFORE = 40  # characters before a label searched for its number
NAMES_MAX = 600  # characters a bracket of names after a count may hold
MAX_COUNT = 15  # the Council's members: a larger number before a label is not a count of votes
_OPEN, _CLOSE = "(（", ")）"


@dataclass
class _Clause:
    start: int
    end: int
    counts: dict[VoteList, int]
    named: dict[VoteList, tuple[int, int]]


def _clauses(plain: str, lx: Lexicon) -> Iterator[_Clause]:
    """The count clauses of `plain` in order: a number just before a list's label, and the bracket of
    names after it, if any ("two against (China and the Russian Federation)"; "9 votes to none")."""
    vw = lx.vote
    for m in gate.finditer(vw.tally_label, plain):
        before = vw.tally_number.search(plain, max(0, m.start() - NUMBER_BEFORE), m.start())
        n = _number(before["n"], lx) if before else None
        if before is None or n is None or n > MAX_COUNT:
            continue
        groups = m.groupdict()
        key: VoteList
        counts: dict[VoteList, int]
        if groups.get("to"):  # "9 votes to none": in favour, then against
            against = _number(groups.get("m"), lx)
            if against is None or against > MAX_COUNT:
                continue
            counts = {"in_favour": n, "against": against}
            key = "against"
        else:
            key = next(k for k in VOTE_LISTS if groups.get(k))
            counts = {key: n}
        end = m.end()
        named: dict[VoteList, tuple[int, int]] = {}
        if (bracket := _bracket(plain, end)) is not None:
            named[key] = (bracket[0] + 1, bracket[1])
            end = bracket[1] + 1
        yield _Clause(before.start(), end, counts, named)


def _bracket(text: str, i: int) -> tuple[int, int] | None:
    """(opening, closing) of the bracket that opens at `i` after white space, its own brackets balanced."""
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text) or text[i] not in _OPEN:
        return None
    depth = 0
    for j in range(i, min(len(text), i + NAMES_MAX)):
        if text[j] in _OPEN:
            depth += 1
        elif text[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return i, j
    return None


def tallies(text: str, lx: Lexicon, start: int = 0, end: int | None = None) -> Iterator[Tally]:
    """Every tally sentence in `text[start:end]`, in order: count clauses in any order, joined by a few words
    and each list counted once, with a count in favour among them ("received 13 votes in favour, two
    against (China and the Russian Federation), and no abstentions"; "the result of the vote was 14 in
    favour, with 1 abstention (…) and none against"; "adopted by 9 votes to none, with 1 abstention")."""
    if lx.vote.tally_label is NEVER:
        return
    part = text[start:end]
    plain, place = _plain(part, lx)

    def tally(chain: list[_Clause]) -> Tally | None:
        counts = {k: v for c in chain for k, v in c.counts.items()}
        if "in_favour" not in counts:
            return None
        named = {
            k: (start + place(a), start + place(b - 1) + 1) for c in chain for k, (a, b) in c.named.items()
        }
        return Tally(start + place(chain[0].start), start + place(chain[-1].end - 1) + 1, counts, named)

    chain: list[_Clause] = []
    for c in _clauses(plain, lx):
        if chain:
            gap = plain[chain[-1].end : c.start]
            stated = {k for x in chain for k in x.counts}
            if len(gap) > MAX_JOIN or _JOIN_STOP.search(gap) or stated & c.counts.keys():
                if (t := tally(chain)) is not None:
                    yield t
                chain = []
        chain.append(c)
    if chain and (t := tally(chain)) is not None:
        yield t


def stated_counts(after: str, lx: Lexicon) -> dict[VoteList, int]:
    """The counts the tally sentence after a block states ("received 11 votes in favour, none against …")."""
    t = next(tallies(after, lx), None)
    return dict(t.counts) if t else {}


def adoption(after: str, lx: Lexicon, procedural: bool = False) -> tuple[str | None, bool | None, int | None]:
    """(resolution adopted, adopted?, where in `after` the adoption sentence ends) from the sentence after
    a block: "adopted as resolution <n> (<year>)", «اتُخذ مشروع القرار بوصفه القرار <n> (<year>)» (without the
    year, the one the number belongs to), or "has not been adopted"; a procedural question's "has been adopted"
    (no resolution) where `procedural`."""
    text = strip_marks(latin_digits(after[:OUTCOME_CHARS]))
    # the vote's own outcome is the first one stated after it: a later one is the next vote's ("… amendment
    # has not been adopted. … The draft resolution has been adopted unanimously as resolution …")
    found: list[tuple[int, str | None, bool, int | None]] = []
    if m := lx.vote.adopted_as.search(text):
        groups = m.groupdict()
        number, year = (
            groups.get("number") or groups.get("number2"),
            groups.get("year") or groups.get("year2"),
        )
        if number and not year:  # "adopted as resolution 2538 of 28 August 2020": the number's own year
            year = year_of(int(number))
        if number:
            found.append((m.start(), sc_resolution(number, year) if year else None, True, m.end()))
    if m := lx.vote.not_adopted.search(text):
        found.append((m.start(), None, False, None))
    if procedural and (m := lx.vote.adopted.search(text)):
        found.append((m.start(), None, True, None))
    if not found:
        return None, None, None
    _, resolution, adopted, end = min(found, key=lambda f: f[0])
    return resolution, adopted, end


def _announced(before: str, lx: Lexicon, rx: re.Pattern[str]) -> bool:
    """Whether the lines announcing the vote ("I shall now put to the vote the oral amendment …") hold `rx`;
    the previous vote's outcome sentence, which may hold it too, is not part of them."""
    vw = lx.vote
    outcome = [vw.adopted_as, vw.not_adopted]
    prior = before.rstrip("\n").split("\n")[-4:]
    announce = "\n".join(
        ln for ln in prior if not any(r.search(ln) for r in outcome) and next(tallies(ln, lx), None) is None
    )
    return bool(rx.search(announce))


def is_amendment(before: str, lx: Lexicon) -> bool:
    """Whether the announcement names an amendment ("I shall now put to the vote the oral amendment …")."""
    return _announced(before, lx, lx.vote.amendment)


def is_procedural(before: str, lx: Lexicon) -> bool:
    """Whether the announcement puts a procedural question to the vote ("I shall therefore put the provisional
    agenda to the vote"): nine votes decide it, and no member's negative vote is a veto (Charter, Art. 27.2)."""
    return _announced(before, lx, lx.vote.procedural)


def subject(doc: Document, start: int, lx: Lexicon) -> str | None:
    """The draft voted on: "the draft resolution contained in document S/<year>/<n>", or earlier in the
    meeting, "document S/<year>/<n>, which contains the text of a draft resolution"."""
    window = doc.text[max(0, start - DRAFT_WINDOW) : start]
    drafts = [m for rx in (lx.vote.draft, lx.vote.draft_document) for m in rx.finditer(window)]
    drafts.sort(key=lambda m: m.start())
    return _printed(drafts[-1]["symbol"]) if drafts else None


def _printed(symbol: str) -> str:
    """A symbol as read, in its printed form (`symbols.normalize_symbol`: Latin digits) where it has one."""
    return normalize_symbol(symbol) or symbol


def amended_draft(doc: Document, start: int, lx: Lexicon) -> str | None:
    """The draft an amendment would change: the last one named before it."""
    earlier = list(lx.vote.draft.finditer(doc.text, 0, start))
    return _printed(earlier[-1]["symbol"]) if earlier else None


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
    doc: Document,
    resolutions: list[Resolution],
    resolution: str | None,
    after: str,
    lx: Lexicon,
    written: bool = False,
) -> str | None:
    """The date of a vote: the adopted resolution's adoption line, a date in the outcome sentence; by written
    procedure, the day its voting period expired, else the date of the letter that reports it (`[vote]
    vote_closes`, `report_dated`: not the day the letter was distributed); or the document's own date."""
    if resolution:
        for r in resolutions:
            if r.symbol == resolution and r.date:
                return r.date
        _, _, end = adoption(after, lx)
        if end is not None and (d := find_date(after[end:OUTCOME_CHARS], lx)):
            return d
    head = doc.text[:HEAD_CHARS]
    if written:
        for m in (lx.vote.vote_closes.search(doc.text), lx.vote.report_dated.search(head)):
            if m is not None and (d := find_date(m["date"], lx)):
                return d
    return find_date(head, lx)


HEAD_CHARS = 3000  # a document's own date (and a letter's heading) is printed this near its start
SENTENCE_BACK = 300  # characters before a tally searched for the start of its sentence
_SENTENCE_END = re.compile(r"[.!?。]\s|\n\s*\n")


def sentence_start(text: str, i: int) -> int:
    """Where the sentence holding position `i` starts: after the last sentence end (or blank line) before it,
    at most SENTENCE_BACK characters back."""
    lo = max(0, i - SENTENCE_BACK)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, i)]
    return ends[-1] if ends else lo


def read(
    doc: Document,
    resolutions: list[Resolution],
    lx: Lexicon,
    start: int,
    end: int,
    stop: int,
    sentence: int | None = None,
) -> Outcome:
    """The outcome of the vote printed at `[start, end)` (a block, or a tally sentence): its tally and
    adoption sentence are looked for after `end` and before `stop` (where the next vote begins), its
    announcement, procedure and draft before `start`. `sentence`: where the tally sentence printed at
    `[start, end)` starts, the adoption looked for from there ("The draft resolution was adopted by 9 votes
    to none, with 1 abstention, as resolution …")."""
    text = doc.text
    before = text[max(0, start - CONTEXT) : start]
    limit = min(stop, end + CONTEXT)
    after = text[end if sentence is None else sentence : limit]
    tally = next(tallies(text, lx, start, limit), None)
    amendment = is_amendment(before, lx)
    procedural = not amendment and is_procedural(before, lx)
    resolution, adopted, _ = adoption(after, lx, procedural)
    how = procedure(doc, before, lx)
    date = vote_date(doc, resolutions, resolution, after, lx, how == "written")
    kind: VoteKind = "amendment" if amendment else "procedural" if procedural else "draft"
    return Outcome(
        subject=None if amendment or procedural else subject(doc, start, lx),
        resolution=resolution,
        adopted=adopted,
        date=date,
        procedure=how,
        kind=kind,
        amendment_to=amended_draft(doc, start, lx) if amendment else None,
        tally=tally,
    )
