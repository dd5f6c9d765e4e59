"""Typed results of the engine (the vocabulary every stage shares is re-exported from `vocabulary`).

Plain dataclasses, no behaviour beyond small derived properties; JSON field names live in
`export/jsonout.py` only. The pipeline, stage by stage:

    reader/    SOURCE → RawSource: pages of Lines (text, box on the page, paragraph hint)
    clean/     RawSource → Document: cleaned text, page index, where each cleaned line came from
    structure/ Document → Resolution (paragraphs)
    extract/   Document (+ resolutions) → Citation, Vote
    export/    results → JSON, CSV, SQLite, graph, DHL rows
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# the shared vocabulary (languages, vote lists, kinds, issue codes, Box) has its home in `vocabulary`: every stage
# reads it from here too
from .vocabulary import (  # noqa: F401
    CITATION_KINDS,
    LANGUAGES,
    VOTE_LABELS,
    VOTE_LISTS,
    Box,
    CitationKind,
    Hint,
    IssueCode,
    Lang,
    ParagraphKind,
    Procedure,
    SourceKind,
    SymbolSource,
    VoteKind,
    VoteList,
)

# ------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a source page: its text, its box on the page (None for text input), and what the page's
    layout says about it: `start` (evidently opens a paragraph), `wrap` (evidently continues the line before)
    or `unknown` (left to the cleaner's text rules).

    `gap`, for the cleaner's boundary decision: the distance from the line before in the page's usual line
    pitch (1.0 for a wrapped line; None for text input, a page's first line or the first line of a column).
    Indents and how full a line is the cleaner measures from the boxes of the lines it keeps as text."""

    text: str
    box: Box | None = None
    hint: Hint = "unknown"
    chars: tuple[float, ...] | None = None  # x0, x1 of each character of `text`, flattened (PDFs)
    gap: float | None = None

    def span_box(self, a: int, b: int) -> Box | None:
        """The box of characters `[a, b)` of this line: their x extent (when known, else the line's) and the
        line's height."""
        if self.box is None:
            return None
        x0, y0, x1, y1 = self.box
        xs = self.chars[2 * a : 2 * b] if self.chars is not None and 0 <= a < b <= len(self.text) else ()
        return (min(xs), y0, max(xs), y1) if xs else self.box


@dataclass(frozen=True, slots=True)
class Page:
    """One source page: 1-based number, lines in reading order, size (PDFs) and unmapped `(cid:N)` glyphs."""

    number: int
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None
    cid_glyphs: int = 0

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


@dataclass(frozen=True, slots=True)
class RawSource:
    """What was read, before cleaning: pages of lines, and where they came from."""

    input: str
    path: str | None
    sha256: str
    kind: SourceKind
    pages: list[Page]
    symbol: str | None
    lang: Lang | None  # language told by the file name, if any
    symbol_source: SymbolSource | None = None  # "input" (a symbol was asked for) or "file name"
    engine: str | None = None  # the PDF engine that read the pages (reader/engines.py); None for text
    issues: tuple[Issue, ...] = ()  # what the reader met: damage repaired, a text's encoding guessed
    # a PDF read now, not taken from the cache (so its entry holds no cleaned document yet)
    fresh: bool = False


# ------------------------------------------------------------------------------------------ documents


@dataclass(frozen=True, slots=True)
class Issue:
    """A warning attached to a result: stable machine code, human message, pages affected."""

    code: IssueCode
    message: str
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TextLine:
    """Where a stretch `[start, end)` of the cleaned text came from: the source page, the line's box, and
    (when the text is the source line's own, unchanged) that line's index on its page and the offset of the
    stretch in it, so that part of a line has a box of its own."""

    start: int
    end: int
    page: int
    box: Box | None = None
    line: int | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote of a source page, kept out of the cleaned text: its mark as printed ("1", "*"), its text and
    where it stands (1-based page, box of its first line; None for text input)."""

    page: int
    mark: str
    text: str
    box: Box | None = None


@dataclass(slots=True)
class Document:
    """A source after reading and cleaning: the text every offset points into, its page index, the source
    line behind each stretch of text, and the languages of the whole and of each page."""

    input: str
    path: str | None
    sha256: str
    text: str
    page_starts: list[int]  # offset in `text` where each source page begins (page 1 first)
    kind: SourceKind
    symbol: str | None = None
    languages: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    source_pages: int | None = None  # number of pages in the source
    lines: list[TextLine] = field(default_factory=list)  # in text order
    page_languages: list[list[str]] = field(default_factory=list)  # per page, in order of appearance
    footnotes: list[Footnote] = field(default_factory=list)  # in page order, out of `text`
    # the pages as read (PDFs: lines with boxes), [] for text
    layout: list[Page] = field(default_factory=list)
    symbol_source: SymbolSource | None = (
        None  # the first page's header ("document"), else "input", "file name"
    )
    header_symbol: str | None = None  # the symbol the first page's header prints, if any

    @property
    def pages(self) -> int:
        return self.source_pages or len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page number of a character offset."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def boxes(self, start: int, end: int) -> list[tuple[int, Box]]:
        """(page, box) of the text `[start, end)` on each source line it touches, in text order: the part of
        the line it covers where the characters' positions are known, else the whole line; [] for text
        input, which has no geometry."""
        i = max(0, bisect.bisect_right(self.lines, start, key=_line_start) - 1)
        out: list[tuple[int, Box]] = []
        for ln in self.lines[i:]:
            if ln.start >= max(end, start + 1):
                break
            if ln.end <= start or ln.box is None:
                continue
            box: Box | None = ln.box
            if ln.line is not None and ln.offset is not None and ln.page <= len(self.layout):
                a, b = max(start, ln.start) - ln.start, min(max(end, start + 1), ln.end) - ln.start
                src = self.layout[ln.page - 1].lines
                if ln.line < len(src):
                    box = src[ln.line].span_box(ln.offset + a, ln.offset + b)
            if box is not None:
                out.append((ln.page, box))
        return out


def _line_start(line: TextLine) -> int:
    return line.start


# ------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of something in the cleaned text (`resinspect text`), and who cites it there."""

    text: str
    start: int
    end: int
    page: int
    citing: str | None = None  # the resolution whose paragraph holds the mention
    paragraph: str | None = None  # that paragraph's id


@dataclass(frozen=True, slots=True)
class SubParagraph:
    id: str
    label: str
    text: str
    start: int
    end: int
    page: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    kind: ParagraphKind
    number: int | None
    lead: str | None
    text: str
    page: int
    start: int
    end: int
    subparagraphs: tuple[SubParagraph, ...] = ()


@dataclass(slots=True)
class Resolution:
    """One resolution found in a source: its symbol, language and paragraphs."""

    symbol: str | None
    language: str
    start: int
    end: int
    page: int
    date: str | None = None
    enacting_formula: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    title_start: int | None = None  # where its title block (symbol, heading, adoption line) begins
    issues: list[Issue] = field(default_factory=list)


@dataclass(slots=True)
class Citation:
    kind: CitationKind
    symbol: str
    number: int | None
    year: int | None
    paragraphs: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # English short name as the UN prints it (or the printed form when unmatched)
    iso3: str | None
    as_printed: str
    start: int | None = None
    end: int | None = None
    score: float | None = None  # match confidence in [0, 1]


@dataclass(frozen=True, slots=True)
class Counts:
    """The numbers a vote states (or, where it states none, the lengths of its lists)."""

    in_favour: int = 0
    against: int = 0
    abstaining: int = 0

    def __getitem__(self, key: VoteList) -> int:
        return int(getattr(self, key))

    def as_dict(self) -> dict[str, int]:
        return {k: self[k] for k in VOTE_LISTS}


@dataclass(slots=True)
class Vote:
    subject: str | None
    resolution: str | None
    procedure: Procedure
    date: str | None
    adopted: bool | None
    counts: Counts
    in_favour: list[Member]
    against: list[Member]
    abstaining: list[Member]
    issues: list[Issue] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    page: int | None = None
    language: str | None = None
    kind: VoteKind = "draft"
    amendment_to: str | None = None  # the draft an amendment would change
    members_printed: bool = True  # False: the document states counts but does not print who voted how

    def members(self, key: VoteList) -> list[Member]:
        """The list named `key` (`in_favour`, `against`, `abstaining`)."""
        lists: dict[str, list[Member]] = {
            "in_favour": self.in_favour, "against": self.against, "abstaining": self.abstaining
        }  # fmt: skip
        return lists[key]


@dataclass
class Inspection:
    """Everything about one source: the document, its resolutions, citations and votes."""

    document: Document
    resolutions: list[Resolution] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
