"""The only place JSON field names are spelled (see docs/CONTRACT.md). Explicit dicts, contract key order."""

from __future__ import annotations

from typing import Any

from ..model import Citation, Document, Inspection, Issue, Member, Paragraph, Resolution, Vote

SCHEMA_VERSION = 1


def source(doc: Document) -> dict[str, Any]:
    return {
        "input": doc.input,
        "path": doc.path,
        "sha256": doc.sha256,
        "symbol": doc.symbol,
        "symbol_source": doc.symbol_source,
        "languages": list(doc.languages),
        "pages": doc.pages,
    }


def issue(i: Issue) -> dict[str, Any]:
    return {"code": i.code, "message": i.message, "pages": list(i.pages)}


def _head(doc: Document) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "source": source(doc)}


def _place(doc: Document, start: int | None, end: int | None) -> dict[str, Any]:
    """Where a fact is on the page: `box`, its bounding box on its first page (`[x0, y0, x1, y1]`, PDF
    points, origin bottom left), and `boxes`, one `{page, box}` per line it covers; both null for text input
    (no geometry) and for facts with no place in the text."""
    if doc.kind != "pdf" or start is None or end is None:
        return {"box": None, "boxes": None}
    boxes = doc.boxes(start, end)
    if not boxes:
        return {"box": None, "boxes": []}
    first = boxes[0][0]
    on_first = [b for p, b in boxes if p == first]
    union = [min(b[0] for b in on_first), min(b[1] for b in on_first)]
    union += [max(b[2] for b in on_first), max(b[3] for b in on_first)]
    return {"box": union, "boxes": [{"page": p, "box": list(b)} for p, b in boxes]}


def paragraph(doc: Document, p: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": p.id,
        "kind": p.kind,
        "number": p.number,
        "lead": p.lead,
        "text": p.text,
        "page": p.page,
        "start": p.start,
        "end": p.end,
        **_place(doc, p.start, p.end),
        # always present, empty when there are none: scripts can iterate it without a test
        "subparagraphs": [
            {
                "id": s.id,
                "label": s.label,
                "text": s.text,
                "page": s.page,
                "start": s.start,
                "end": s.end,
                **_place(doc, s.start, s.end),
            }
            for s in p.subparagraphs
        ],
    }
    return out


def _title(doc: Document, r: Resolution) -> dict[str, Any] | None:
    """The resolution's title block (its symbol, heading and adoption line, above the enacting formula)."""
    if r.title_start is None:
        return None
    start, end = r.title_start, r.start
    while end > start and doc.text[end - 1] == "\n":
        end -= 1
    return {"text": doc.text[start:end], "start": start, "end": end, **_place(doc, start, end)}


def resolution(doc: Document, r: Resolution | None, kind: str | None = None) -> dict[str, Any]:
    out = _head(doc)
    paras = [] if r is None else [p for p in r.paragraphs if kind is None or p.kind == kind]
    out.update(
        {
            "resolution": r.symbol if r else None,
            "language": r.language if r else (doc.languages[0] if doc.languages else None),
            "date": r.date if r else None,
            "page": r.page if r else None,
            "counts": {
                "preambular": sum(p.kind == "preambular" for p in paras),
                "operative": sum(p.kind == "operative" for p in paras),
            },
            "title": _title(doc, r) if r else None,
            "paragraphs": [paragraph(doc, p) for p in paras],
            "warnings": [issue(i) for i in doc.issues + (r.issues if r else [])],
        }
    )
    return out


def citation(doc: Document, c: Citation) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "symbol": c.symbol,
        "number": c.number,
        "year": c.year,
        "paragraphs": list(c.paragraphs),
        "count": c.count,
        "mentions": [
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "page": m.page,
                "citing": m.citing,
                "paragraph": m.paragraph,
                **_place(doc, m.start, m.end),
            }
            for m in c.mentions
        ],
    }


def citations(doc: Document, cits: list[Citation]) -> dict[str, Any]:
    out = _head(doc)
    out["citations"] = [citation(doc, c) for c in cits]
    out["warnings"] = [issue(i) for i in doc.issues]
    return out


def member(doc: Document, m: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"name": m.name, "iso3": m.iso3, "as_printed": m.as_printed}
    if m.start is not None:
        out["start"], out["end"] = m.start, m.end
    if m.score is not None:
        out["score"] = round(m.score, 3)
    out.update(_place(doc, m.start, m.end))
    return out


def vote(doc: Document, v: Vote) -> dict[str, Any]:
    return {
        "subject": v.subject,
        "resolution": v.resolution,
        "procedure": v.procedure,
        "date": v.date,
        "adopted": v.adopted,
        "counts": v.counts.as_dict(),
        "in_favour": [member(doc, m) for m in v.in_favour],
        "against": [member(doc, m) for m in v.against],
        "abstaining": [member(doc, m) for m in v.abstaining],
        "members_printed": v.members_printed,
        "warnings": [i.message for i in v.issues],
        "issues": [issue(i) for i in v.issues],
        "kind": v.kind,
        "amendment_to": v.amendment_to,
        "language": v.language,
        "page": v.page,
        "start": v.start,
        "end": v.end,
        **_place(doc, v.start, v.end),
    }


def votes(doc: Document, vs: list[Vote]) -> dict[str, Any]:
    out = _head(doc)
    out["votes"] = [vote(doc, v) for v in vs]
    out["warnings"] = [issue(i) for i in doc.issues]
    return out


def inspection(ins: Inspection) -> dict[str, Any]:
    doc = ins.document
    out = _head(doc)
    out["resolutions"] = [
        {k: v for k, v in resolution(doc, r).items() if k not in ("schema_version", "source", "warnings")}
        for r in ins.resolutions
    ]
    out["citations"] = [citation(doc, c) for c in ins.citations]
    out["votes"] = [vote(doc, v) for v in ins.votes]
    out["warnings"] = [issue(i) for i in doc.issues]
    return out
