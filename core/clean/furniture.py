"""Page furniture: running headers, job numbers, barcodes, page counters, link lines, distribution lines.

Patterns are data (`core/data/patterns.toml`); a running title is a short line repeated at the top or bottom
of most pages. A text extracted without page breaks gets its pages back from the furniture clusters that end
them.
"""

from __future__ import annotations

import difflib
import functools
import re
import statistics
from collections import Counter

from ..data.lexicon import scoped
from ..data.load import load
from ..model import Footnote, Line

_PAGE_COUNTER = re.compile(r"(?:^|\s)\d{1,3}/\d{1,3}(?:\s|$)")
_JOB = re.compile(r"\d{2}-\d{5}")
_DIGIT_RUN = re.compile(r"\d+")
HEADER_CHARS = 90  # running titles are shorter than this
EDGE_LINES = 4  # and stand among the first or last lines of a page
_COUNTER_OF = re.compile(r"(?m)^\s*(?:\d{2}-\d{5}\s*\*?\s+)?\d{1,3}/(\d{1,3})(?:\s+\d{2}-\d{5}.*)?\s*$")


@functools.cache
def _furniture() -> re.Pattern[str]:
    """The furniture patterns as one alternation (one match per line instead of one per pattern)."""
    data = load("patterns")["furniture"]
    return re.compile("|".join(scoped(p) for p in [*data["patterns"], data["symbol_line"]]))


def is_furniture(line: str) -> bool:
    return _furniture().fullmatch(line.strip()) is not None


@functools.cache
def title_abbrev() -> re.Pattern[str]:
    """A title before a name ("Mr.", "Sr.") ending a line: its period ends no paragraph."""
    return re.compile(
        r"(?:^|\s)(?:" + "|".join(map(re.escape, load("patterns")["titles"]["before_names"])) + r")$"
    )


def norm_key(line: str) -> str:
    """A line as running titles are compared: lower case, digits as `#`, its words in sorted order. A
    running title printed on facing pages often has its parts the other way round on even and odd pages
    ("S/PV.<n> <agenda item> <dd/mm/yyyy>" and "<dd/mm/yyyy> <agenda item> S/PV.<n>"): one title."""
    return " ".join(sorted(_DIGIT_RUN.sub("#", line.lower()).split()))


def counter_totals(pages: list[str]) -> list[int]:
    """Page totals printed in page counters (`2/6 20-04846`): a text that lost its page breaks still says
    how many pages its source had."""
    return [int(m[1]) for p in pages for m in _COUNTER_OF.finditer(p) if 0 < int(m[1]) < 1000]


def split_text_pages(lines: list[Line]) -> list[list[Line]]:
    """Text without form feeds: a furniture cluster holding a page counter, a job number or the page's link
    lines ends a page."""
    pages: list[list[Line]] = [[]]
    content_seen = False
    in_cluster = False
    for line in lines:
        s = line.text.strip()
        fur = bool(s) and is_furniture(s)
        # pdfminer writes a page's link annotations (`https://undocs.org/…`) after its text: a page end too
        ends_page = _PAGE_COUNTER.search(s) or _JOB.search(s) or s.startswith(("http://", "https://"))
        if fur and content_seen and ends_page and not in_cluster:
            in_cluster = True
        if in_cluster and s and not fur:
            pages.append([])
            in_cluster = False
            content_seen = False
        pages[-1].append(line)
        if s and not fur:
            content_seen = True
    return pages


def near_repeated(key: str, repeated: set[str]) -> bool:
    """Whether a line (as a `norm_key`) is a running title, or one with a typo (a letter or two off)."""
    if key in repeated:
        return True
    return any(
        abs(len(k) - len(key)) <= 2 and difflib.SequenceMatcher(None, k, key).ratio() >= TITLE_LIKE
        for k in repeated
    )


TITLE_LIKE = 0.9  # a running title printed with a typo is this close to the others


def running_titles(body: list[str], repeated: set[str]) -> set[int]:
    """Which of a page's non-blank lines are running titles: lines repeated over the pages (`repeated`, with
    a typo or two) that stand among the page's first or last EDGE_LINES lines with nothing but furniture and
    other running titles between them and the edge. A heading repeated under a line of its own ("Annex IV"
    above "Letter dated … from the Permanent Representative" on each page of a compilation) is text."""
    found: set[int] = set()
    n = len(body)
    for order in (range(min(EDGE_LINES, n)), range(n - 1, max(n - EDGE_LINES, 0) - 1, -1)):
        for i in order:
            s = body[i]
            if len(s) < HEADER_CHARS and near_repeated(norm_key(s), repeated):
                found.add(i)
            elif not is_furniture(s):
                break
    return found


# A footnote opens with its mark: a number ("1", the "1 ()" of right-to-left extraction), asterisks
_MARK = re.compile(r"(?P<mark>\d{1,2}|\*{1,3})(?:\s*\(\s*\))?\s+(?=\S)")
_RULE = re.compile(r"_{5,}\s*")
FOOTNOTE_SIZE = 0.85  # footnotes are set in a font at most this share of the body's


def body_size(pages: list[list[Line]]) -> float | None:
    """The font size of the body text (the median line height of a PDF's lines), None for text input."""
    heights = [ln.box[3] - ln.box[1] for page in pages for ln in page if ln.box is not None]
    return statistics.median(heights) if heights else None


def split_footnotes(page: list[Line], number: int, size: float | None) -> tuple[list[Line], list[Footnote]]:
    """A page's lines without its footnotes, and the footnotes. In a PDF the footnote block is the run of
    lines in a smaller font at the foot of the page (below it only furniture) from the first that opens
    with a mark, and a line of the block without a mark continues the footnote above; in text, footnotes
    follow a rule of underscores ("__________________ 1 Presidential …"), each opening with its mark, up to
    the first line that has none."""
    start = None
    if size is not None:
        k = len(page)
        for i in range(len(page) - 1, -1, -1):
            ln, s = page[i], page[i].text.strip()
            if not s or (is_furniture(s) and not _MARK.match(s) and not _RULE.match(s)):
                continue  # the job number, the page counter, a barcode below the block
            if ln.box is None or ln.box[3] - ln.box[1] > FOOTNOTE_SIZE * size:
                break
            k = i
        start = next(
            (
                i
                for i in range(k, len(page))
                if _MARK.match(page[i].text.strip()) or _RULE.match(page[i].text.strip())
            ),
            None,
        )
    else:
        start = next((i for i, ln in enumerate(page) if _RULE.match(ln.text.strip())), None)
    if start is None:
        return page, []
    notes: list[Footnote] = []
    body = page[:start]
    for i in range(start, len(page)):
        ln = page[i]
        s = ln.text.strip()
        if _RULE.match(s):
            s = _RULE.sub("", s, count=1)
        m = _MARK.match(s)
        if not s:
            continue
        if m:
            notes.append(Footnote(number, m["mark"], s[m.end() :], ln.box))
        elif is_furniture(s):
            body.append(ln)  # furniture below the block stays for the cleaner to drop
        elif notes and size is not None:
            last = notes[-1]
            notes[-1] = Footnote(last.page, last.mark, f"{last.text} {s}", last.box)
        else:
            body.extend(page[i:])  # text input: a line without a mark is text again
            break
    return body, notes


def repeated_headers(pages: list[list[Line]]) -> set[str]:
    """Lines repeated near the top or bottom of at least three pages (running titles), as `norm_key`s: of
    at least half the pages but the first (a title may stand on every other page, and not on the cover)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        body = [s for s in (ln.text.strip() for ln in lines) if s]
        edge = set(norm_key(s) for s in body[:EDGE_LINES] + body[-EDGE_LINES:] if len(s) < HEADER_CHARS)
        counts.update(edge)
    return {k for k, n in counts.items() if n >= 3 and n >= (len(pages) - 1) // 2}
