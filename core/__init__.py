"""resinspect: votes, paragraphs and citations from UN Security Council documents.

The engine's public API: read a source, get typed results. Nothing here prints or exits.

    >>> import resinspect
    >>> doc = resinspect.read("S/2020/249")
    >>> [p.id for r in resinspect.extract_paragraphs(doc) for p in r.paragraphs][:2]
    ['PP1', 'PP2']

Where things live (the pipeline, stage by stage): `reader/` (SOURCE → pages of lines with boxes), `clean/`
(→ Document), `structure/` (→ resolutions and paragraphs), `extract/` (→ citations, votes), `export/` (→ JSON,
CSV, SQLite, graph); shared by all: `model` (the typed results), `text/` (scripts, symbols, languages, dates,
Arabic), `data/` (lexicons, rosters, the TOML tables); `pipeline` joins the stages, `corpus` runs many sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import NotFound, ResinspectError, SourceError
from .version import __version__

if TYPE_CHECKING:
    from .model import (
        Citation,
        Document,
        Inspection,
        Issue,
        Member,
        Mention,
        Paragraph,
        Resolution,
        SubParagraph,
        Vote,
    )
    from .pipeline import extract_citations, extract_paragraphs, extract_votes, inspect, read, read_text

_API = ("extract_citations", "extract_paragraphs", "extract_votes", "inspect", "read", "read_text")
_MODEL = (
    "Citation", "Document", "Inspection", "Issue", "Member", "Mention", "Paragraph", "Resolution",
    "SubParagraph", "Vote",
)  # fmt: skip


def __dir__() -> list[str]:
    """The public names (so that help(resinspect) documents the verbs and types, loading them then)."""
    return sorted(__all__)


def __getattr__(name: str) -> object:
    """The verbs load on first use, so `resinspect --help` does not pay for the engine's imports."""
    if name in _API:
        from . import pipeline

        return getattr(pipeline, name)
    if name in _MODEL:
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'resinspect' has no attribute {name!r}")


__all__ = [
    "Citation",
    "Document",
    "Inspection",
    "Issue",
    "Member",
    "Mention",
    "NotFound",
    "Paragraph",
    "ResinspectError",
    "Resolution",
    "SourceError",
    "SubParagraph",
    "Vote",
    "__version__",
    "extract_citations",
    "extract_paragraphs",
    "extract_votes",
    "inspect",
    "read",
    "read_text",
]
