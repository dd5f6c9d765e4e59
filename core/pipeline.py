"""The engine's verbs: read a source, then get its paragraphs, citations and votes as typed results.

The pipeline, as stage calls: `reader` (SOURCE → pages of lines) → `clean` (→ Document) → `structure`
(→ resolutions) → `extract` (→ citations, votes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from .clean import clean, name
from .errors import SourceError
from .extract.citations import extract_citations as _extract_citations
from .extract.votes import extract_votes as _extract_votes
from .model import Citation, Document, Inspection, RawSource, Resolution, Vote
from .reader import cache
from .reader.source import read_data, read_source, text_pages
from .structure import find_resolutions


def read(
    source: str | Path | bytes,
    lang: str | None = None,
    library: Sequence[str | Path] | None = None,
    fetch: bool = False,
    engine: str | None = None,
    *,
    called: str = "<bytes>",
) -> Document:
    """Read and clean a SOURCE: a path, a UN symbol, "-" (standard input), or the bytes of a PDF or text
    file (`called`: what to call them in messages and records). With `fetch`, a symbol missing from the
    library is downloaded first. `engine`: the PDF engine, "pdfium" or "pdfminer" (default:
    RESINSPECT_ENGINE, else `reader.engines.DEFAULT`). Raises SourceError for unreadable input."""
    # a PDF's pages read now are kept with its cleaned document, in one write
    if isinstance(source, bytes | bytearray):
        raw = read_data(bytes(source), called, engine=engine, store=False)
    else:
        raw = read_source(str(source), lang=lang, libraries=library, fetch=fetch, engine=engine, store=False)
    doc = None if raw.fresh else cache.load_document(raw)
    if doc is None:
        try:
            doc = clean(raw)
        except SourceError:
            if raw.fresh:  # the pages are good for another look (`resinspect text`)
                cache.put(raw.sha256, raw.pages, raw.issues, raw.engine)
            raise
        doc.issues[:0] = raw.issues  # what the reader met (damage repaired, an encoding guessed)
        cache.store_document(raw, doc)
        return doc
    return name(doc, raw)


def read_text(text: str, name: str = "<text>", symbol: str | None = None) -> Document:
    """Clean text held in memory (text extracted from a UN PDF), as `read` cleans a text file."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return clean(RawSource(name, None, sha, "text", text_pages(text), symbol, None))


def extract_paragraphs(doc: Document) -> list[Resolution]:
    """Every resolution in the document, with its paragraphs."""
    return find_resolutions(doc)


def extract_citations(doc: Document, resolutions: list[Resolution] | None = None) -> list[Citation]:
    """Citations in the document, grouped by cited symbol."""
    return _extract_citations(doc, find_resolutions(doc) if resolutions is None else resolutions)


def extract_votes(doc: Document, resolutions: list[Resolution] | None = None) -> list[Vote]:
    """Every vote in the document, in document order."""
    return _extract_votes(doc, find_resolutions(doc) if resolutions is None else resolutions)


def inspect(
    source: str | Path | bytes,
    lang: str | None = None,
    library: Sequence[str | Path] | None = None,
    fetch: bool = False,
    engine: str | None = None,
    *,
    called: str = "<bytes>",
) -> Inspection:
    """Everything about one SOURCE (or the bytes of one, `called` so; `engine`: as `read`)."""
    doc = read(source, lang, library, fetch, engine, called=called)
    res = find_resolutions(doc)
    return Inspection(doc, res, _extract_citations(doc, res), _extract_votes(doc, res))
