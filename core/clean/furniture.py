"""Page furniture: running headers, job numbers, barcodes, page counters, link lines, distribution lines.

Patterns are data (`core/data/patterns.toml`); a running title is a short line repeated at the top or bottom
of most pages. A text extracted without page breaks gets its pages back from the furniture clusters that end
them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ..data.lexicon import scoped
from ..data.load import load
from ..model import Line

_PAGE_COUNTER = re.compile(r"(?:^|\s)\d{1,3}/\d{1,3}(?:\s|$)")
_JOB = re.compile(r"\d{2}-\d{5}")
_DIGIT_RUN = re.compile(r"\d+")
_SPACE_RUN = re.compile(r"\s+")
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
    """A line as running titles are compared: lower case, digits as `#`, single spaces."""
    return _DIGIT_RUN.sub("#", _SPACE_RUN.sub(" ", line.strip().lower()))


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


def repeated_headers(pages: list[list[Line]]) -> set[str]:
    """Lines repeated near the top or bottom of at least three pages (running titles), as `norm_key`s."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        body = [s for s in (ln.text.strip() for ln in lines) if s]
        edge = set(norm_key(s) for s in body[:EDGE_LINES] + body[-EDGE_LINES:] if len(s) < HEADER_CHARS)
        counts.update(edge)
    return {k for k, n in counts.items() if n >= 3 and n >= len(pages) // 2}
