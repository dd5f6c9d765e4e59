"""The vocabulary every stage shares: the six languages, the vote lists, the kinds of paragraph, citation,
procedure and source, the issue codes, a box on the page.

Names and literals only, no classes: the command line builds its options from these without loading the
typed results (`model`, which re-exports every name here).
"""

from __future__ import annotations

from typing import Literal, get_args

Lang = Literal["ar", "en", "es", "fr", "ru", "zh"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)  # the six official languages

VoteList = Literal["in_favour", "against", "abstaining"]
VOTE_LISTS: tuple[VoteList, ...] = get_args(VoteList)  # in the order the UN prints them
VOTE_LABELS: dict[VoteList, str] = {
    "in_favour": "in favour",
    "against": "against",
    "abstaining": "abstaining",
}

ParagraphKind = Literal["preambular", "operative"]
CitationKind = Literal["sc_resolution", "ga_resolution", "presidential_statement", "document"]
CITATION_KINDS: tuple[CitationKind, ...] = get_args(CitationKind)
Procedure = Literal["meeting", "written"]
VoteKind = Literal["draft", "amendment", "procedural"]  # procedural: the provisional agenda, a motion
SourceKind = Literal["pdf", "text"]
SymbolSource = Literal["document", "input", "file name"]  # where a document's symbol was read
Hint = Literal["start", "wrap", "unknown"]  # how a line relates to the line before it on its page

IssueCode = Literal[
    # documents
    "garbled-arabic",
    "cid-glyphs",
    "symbol-mismatch",
    "pdf-repaired",  # damage the PDF reader repaired or skipped (pdfminer's warnings, counted)
    "engine-fallback",  # the PDFium engine could not be bounded on this PDF: pdfminer read it
    "text-decoding",  # a text file that is not clean UTF-8: bad bytes replaced, or its encoding guessed
    # paragraphs
    "structure-doubt",
    # citations
    "citation-year",  # a resolution cited with a year one off its own: read as that resolution
    "citation-later",  # a resolution cited by one adopted before it: kept as printed, a misprint?
    # votes
    "count-mismatch",
    "unknown-member",
    "member-in-two-lists",
    "too-many-members",
    "members-unlisted",  # fewer members in the printed lists than the Council has seats
    "member-not-on-roster",
    "veto",
    "outcome-inferred",
    "outcome-mismatch",
    "weak-evidence",
    "assigned-by-elimination",
    "members-not-printed",
    "item-split",
    "roster-doubt",
    "no-roster",
    "too-many-votes",
    "replies-missing",  # a vote read from the members' replies: fewer replies than seats
    "reply-unread",  # a member's reply that states no position, or two kinds
    "reply-mismatch",  # a member's second letter states another position than its reply
]

Box = tuple[
    float, float, float, float
]  # x0, y0, x1, y1 in PDF points, origin bottom left (as pdfminer gives)
