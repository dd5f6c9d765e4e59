"""The engine's verbs: read a source, then get its paragraphs, citations and votes as typed results."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .citations import extract_citations as _extract_citations
from .clean import clean
from .model import Citation, Document, Resolution, Vote
from .paragraphs import detect_language, find_resolutions
from .source import read_source

_LANG_SAMPLE = 150


def _languages(doc: Document) -> list[str]:
    """Languages present, in order of first appearance, from lines with enough letters.

    At most `_LANG_SAMPLE` lines, spread evenly over the document, are looked at: a language that fills 5 %
    of a document is seen in such a sample, and long documents cost no more than short ones."""
    letters: Counter[str] = Counter()
    first: dict[str, int] = {}
    lines = doc.text.split("\n")
    step = max(1, len(lines) // _LANG_SAMPLE)
    for i in range(0, len(lines), step):
        line = lines[i][:300]  # a paragraph's opening says its language
        if len(line) < 12:
            continue
        n = sum(map(str.isalpha, line))
        if n < 12:
            continue
        lang = detect_language(line, None)
        if lang is None:
            continue  # no word that tells: names, figures
        letters[lang] += n
        first.setdefault(lang, i)
    total = sum(letters.values()) or 1
    langs = [x for x in letters if letters[x] >= 0.05 * total]
    return sorted(langs, key=first.get)


def read(source: str, lang: str | None = None, library: list[str] | None = None) -> Document:
    """Read and clean a SOURCE (path, symbol or "-"). Raises SourceError for unreadable input."""
    raw = read_source(source, lang=lang, libraries=library)
    doc = _cached_document(raw) if raw.kind == "pdf" else None
    if doc is None:
        doc = clean(raw)
        if not doc.text.strip():
            from .errors import SourceError

            raise SourceError(f"{source}: no text in this document")
        doc.languages = _languages(doc)
        _check_garbling(doc)
        if raw.kind == "pdf":
            _store_document(raw, doc)
    doc.languages = doc.languages or ([raw.lang] if raw.lang else [])
    return doc


def _cached_document(raw) -> Document | None:
    """The cleaned document of this PDF from the cache (written by this same engine), for this call's input."""
    from . import cache
    from .model import Issue

    d = cache.get_document(raw.sha256)
    if d is None:
        return None
    try:
        return Document(
            input=raw.input,
            path=raw.path,
            sha256=raw.sha256,
            text=d["text"],
            page_starts=list(d["page_starts"]),
            kind=raw.kind,
            symbol=raw.symbol,
            languages=list(d["languages"]),
            issues=[Issue(i["code"], i["message"], tuple(i["pages"])) for i in d["issues"]],
            source_pages=d["source_pages"],
        )
    except (KeyError, TypeError):  # a damaged entry is a miss
        return None


def _store_document(raw, doc: Document) -> None:
    from . import cache

    cache.put_document(
        raw.sha256,
        raw.pages,
        {
            "text": doc.text,
            "page_starts": doc.page_starts,
            "languages": doc.languages,
            "issues": [{"code": i.code, "message": i.message, "pages": list(i.pages)} for i in doc.issues],
            "source_pages": doc.source_pages,
        },
    )


def _check_garbling(doc: Document) -> None:
    if "ar" not in doc.languages:
        return
    try:
        from .arabic_votes import garble_score
    except ImportError:
        return
    from .model import Issue

    score = garble_score(doc.text)
    # per page, so that the warning names the pages whose Arabic is damaged (a clean letter may carry a
    # garbled annex, or the reverse); a page with too little Arabic to judge goes with the document
    bounds = [*doc.page_starts, len(doc.text)]
    pages: dict[int, float] = {}
    for k in range(len(doc.page_starts)):
        part = doc.text[bounds[k] : bounds[k + 1]]
        words = len(_ARABIC_WORD.findall(part))
        if words:
            page_score = garble_score(part) if words >= _GARBLE_MIN_WORDS else score
            if page_score > _GARBLED:
                pages[k + 1] = page_score
    if pages:
        doc.issues.append(
            Issue(
                "garbled-arabic",
                f"the Arabic text is garbled by a broken font mapping (garble score {max(pages.values()):.2f}) "
                f"on page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}: Arabic words are not reliable",
                tuple(pages),
            )
        )


_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
_GARBLE_MIN_WORDS = 30  # Arabic words a page needs for its own garble score
# garble_score above which the Arabic is called garbled: text with no sign either way (no common word, no
# broken token: a list of chemicals) scores exactly this and is not
_GARBLED = 0.5


def extract_paragraphs(doc: Document) -> list[Resolution]:
    """Every resolution in the document, with its paragraphs."""
    return find_resolutions(doc)


def extract_citations(doc: Document, resolutions: list[Resolution] | None = None) -> list[Citation]:
    """Citations in the document, grouped by cited symbol."""
    return _extract_citations(doc, find_resolutions(doc) if resolutions is None else resolutions)


def extract_votes(doc: Document, resolutions: list[Resolution] | None = None) -> list[Vote]:
    """Every vote in the document, in document order."""
    from .votes import extract_votes as _extract_votes

    return _extract_votes(doc, find_resolutions(doc) if resolutions is None else resolutions)


@dataclass
class Inspection:
    document: Document
    resolutions: list[Resolution] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)


def inspect(source: str, lang: str | None = None, library: list[str] | None = None) -> Inspection:
    """Everything about one SOURCE."""
    doc = read(source, lang, library)
    res = find_resolutions(doc)
    return Inspection(doc, res, extract_citations(doc, res), extract_votes(doc, res))
