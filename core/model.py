"""Typed results of the engine. Plain frozen dataclasses; JSON field names live in jsonout.py only."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Issue:
    """A warning attached to a result: stable machine code, human message, pages affected."""

    code: str
    message: str
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of something in the cleaned text (`resinspect text`)."""

    text: str
    start: int
    end: int
    page: int


@dataclass(slots=True)
class Document:
    """A source after reading and cleaning: the text every offset points into, and its page index."""

    input: str
    path: str | None
    sha256: str
    text: str
    page_starts: list[int]  # offset in `text` where each source page begins (page 1 first)
    kind: str  # "pdf" or "text"
    symbol: str | None = None
    languages: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    source_pages: int | None = None  # number of pages in the source

    @property
    def pages(self) -> int:
        return self.source_pages or len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page number of a character offset."""
        return max(1, bisect.bisect_right(self.page_starts, offset))


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
    kind: str  # "preambular" | "operative"
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
    issues: list[Issue] = field(default_factory=list)


@dataclass(slots=True)
class Citation:
    kind: str  # sc_resolution | ga_resolution | presidential_statement | document
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


@dataclass(slots=True)
class Vote:
    subject: str | None
    resolution: str | None
    procedure: str  # "meeting" | "written"
    date: str | None
    adopted: bool | None
    counts: dict[str, int]
    in_favour: list[Member]
    against: list[Member]
    abstaining: list[Member]
    issues: list[Issue] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    page: int | None = None
    language: str | None = None
    kind: str = "draft"  # "draft" | "amendment"
    amendment_to: str | None = None  # the draft an amendment would change
