"""Facts drawn where they were found: page images with each fact's box outlined and labelled (PDF input), or
the cleaned text with each fact's span highlighted (text input, as HTML).

PDF pages are rendered by PDFium (pypdfium2, BSD/Apache licensed, a wheel with no build step; it is the
project's second PDF engine too): the boxes and labels are added to the page as vector objects (rectangles,
Helvetica text) before rendering, so labels are crisp at any scale and no imaging library is needed; the
bitmap is written as PNG with zlib. `resinspect show` is the command.
"""

from __future__ import annotations

import html
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import VOTE_LABELS, VOTE_LISTS, Box, Document, Inspection

Colour = tuple[int, int, int]
COLOURS: dict[str, Colour] = {
    "in_favour": (0, 140, 60),
    "against": (200, 30, 30),
    "abstaining": (230, 140, 0),
    "vote": (90, 90, 90),
    "paragraph": (30, 90, 200),
    "citation": (140, 40, 170),
}
SCALE = 150 / 72  # 150 dots per inch: small print stays readable
LABEL_SIZE = 6.0  # points
STROKE = 0.9  # points


@dataclass(frozen=True)
class Mark:
    """A fact to show: its span in the cleaned text, a label and what kind of fact it is (its colour)."""

    start: int
    end: int
    label: str
    kind: str  # a key of COLOURS


class SelectionError(ValueError):
    """The selection names nothing in this document (no vote 3, no paragraph OP40 …)."""


def marks(
    ins: Inspection,
    vote: int | None = None,
    paragraph: str | None = None,
    citation: str | None = None,
) -> list[Mark]:
    """The facts to show: the vote numbered `vote` (1-based: its block and each member, by list), the
    paragraph or sub-paragraph `paragraph` ("OP3", "OP3(a)", "PP2"), every mention of `citation`; with no
    selection, every vote, paragraph and citation. Raises SelectionError when a selection names nothing."""
    out: list[Mark] = []
    everything = vote is None and paragraph is None and citation is None
    votes = list(enumerate(ins.votes, 1))
    if vote is not None:
        votes = [(k, v) for k, v in votes if k == vote]
        if not votes:
            raise SelectionError(f"no vote {vote} (the document has {len(ins.votes)})")
    if vote is not None or everything:
        for k, v in votes:
            if v.start is not None and v.end is not None:
                out.append(Mark(v.start, v.end, f"vote {k}", "vote"))
            for key in VOTE_LISTS:
                for m in v.members(key):
                    if m.start is not None and m.end is not None:
                        out.append(Mark(m.start, m.end, m.iso3 or "?", key))
    if paragraph is not None or everything:
        found = False
        for r in ins.resolutions:
            for p in r.paragraphs:
                if everything or p.id == paragraph:
                    out.append(Mark(p.start, p.end, p.id, "paragraph"))
                    found = True
                for s in p.subparagraphs:
                    if s.id == paragraph:
                        out.append(Mark(s.start, s.end, s.id, "paragraph"))
                        found = True
        if paragraph is not None and not found:
            raise SelectionError(f"no paragraph {paragraph}")
    if citation is not None or everything:
        cits = [c for c in ins.citations if everything or c.symbol == citation]
        if citation is not None and not cits:
            raise SelectionError(f"{citation} is not cited in this document")
        out += [Mark(m.start, m.end, c.symbol, "citation") for c in cits for m in c.mentions]
    return out


def legend() -> list[tuple[str, Colour]]:
    return [(VOTE_LABELS[k], COLOURS[k]) for k in VOTE_LISTS] + [
        (k, COLOURS[k]) for k in ("vote", "paragraph", "citation")
    ]


# ------------------------------------------------------------------------------------------------- PDF


def boxed(doc: Document, ms: Iterable[Mark]) -> dict[int, list[tuple[Box, Mark]]]:
    """Each mark's boxes (one per line it covers), by page; the label goes on its first box only."""
    out: dict[int, list[tuple[Box, Mark]]] = {}
    for m in ms:
        for k, (page, box) in enumerate(doc.boxes(m.start, m.end)):
            out.setdefault(page, []).append((box, m if k == 0 else Mark(m.start, m.end, "", m.kind)))
    return out


def render_pdf(
    pdf: str | Path, doc: Document, ms: list[Mark], out: str | Path, pages: list[int] | None = None
) -> list[Path]:
    """One PNG per page that has a mark (or per page in `pages`), named `OUT-p<page>.png` beside `out`;
    returns the files written."""
    import pypdfium2 as pdfium

    by_page = boxed(doc, ms)
    wanted = sorted(by_page) if pages is None else pages
    base = Path(out)
    stem = base.with_suffix("") if base.suffix.lower() == ".png" else base
    written = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for number in wanted:
            if not 1 <= number <= len(document):
                raise SelectionError(f"no page {number} (the document has {len(document)})")
            page = document[number - 1]
            try:
                for box, m in by_page.get(number, []):
                    _draw(document, page, box, m)
                bitmap = page.render(scale=SCALE, rev_byteorder=True)
                target = stem.parent / f"{stem.name}-p{number}.png"
                _write_png(target, bitmap.to_numpy())
                written.append(target)
            finally:
                page.close()
    finally:
        document.close()
    return written


def _draw(document: Any, page: Any, box: Box, m: Mark) -> None:
    """Outline `box` in the mark's colour and write its label above the box's left corner."""
    import ctypes

    import pypdfium2.raw as raw

    r, g, b = COLOURS[m.kind]
    x0, y0, x1, y1 = box
    pad = 1.0
    rect = raw.FPDFPageObj_CreateNewRect(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)
    raw.FPDFPageObj_SetStrokeColor(rect, r, g, b, 255)
    raw.FPDFPageObj_SetStrokeWidth(rect, ctypes.c_float(STROKE))
    raw.FPDFPath_SetDrawMode(rect, 0, True)  # stroke only
    raw.FPDFPage_InsertObject(page.raw, rect)
    if m.label:  # on a white ground, so that it reads over the line above
        width = 0.56 * LABEL_SIZE * len(m.label) + 1.0
        ground = raw.FPDFPageObj_CreateNewRect(x0 - pad, y1 + pad + 0.3, width, LABEL_SIZE)
        raw.FPDFPageObj_SetFillColor(ground, 255, 255, 255, 215)
        raw.FPDFPath_SetDrawMode(ground, 1, False)  # fill only (alternate fill mode)
        raw.FPDFPage_InsertObject(page.raw, ground)
        text = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(LABEL_SIZE))
        data = (m.label + "\x00").encode("utf-16-le")
        buf = ctypes.create_string_buffer(data, len(data))
        raw.FPDFText_SetText(text, ctypes.cast(buf, raw.FPDF_WIDESTRING))
        raw.FPDFPageObj_SetFillColor(text, r, g, b, 255)
        raw.FPDFPageObj_Transform(text, 1, 0, 0, 1, x0 - pad + 0.5, y1 + pad + 1.3)
        raw.FPDFPage_InsertObject(page.raw, text)
    raw.FPDFPage_GenerateContent(page.raw)


def _write_png(path: Path, pixels: Any) -> None:
    """An RGB image (height × width × 3 bytes) as a PNG file (no filter, zlib-compressed rows)."""
    height, width = pixels.shape[:2]
    rows = b"".join(b"\x00" + pixels[y].tobytes() for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(png)
    tmp.replace(path)


# ------------------------------------------------------------------------------------------------ text


def render_html(doc: Document, ms: list[Mark], out: str | Path) -> Path:
    """The cleaned text (what every offset points into) with each mark's span highlighted and labelled."""
    cuts = sorted({0, len(doc.text), *(m.start for m in ms), *(m.end for m in ms)})
    starting: dict[int, list[Mark]] = {}
    for m in ms:
        starting.setdefault(m.start, []).append(m)
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for m in starting.get(a, []):  # each fact's label where it begins
            r, g, bl = COLOURS[m.kind]
            parts.append(f'<sup style="color: rgb({r},{g},{bl})">{html.escape(m.label)}</sup>')
        active = [m for m in ms if m.start <= a and m.end >= b and m.start < m.end]
        piece = html.escape(doc.text[a:b])
        if not active:
            parts.append(piece)
            continue
        inner = min(active, key=lambda m: m.end - m.start)  # the most specific fact gives the colour
        r, g, bl = COLOURS[inner.kind]
        title = html.escape(" · ".join(m.label for m in active), quote=True)
        parts.append(
            f'<mark style="background: rgba({r},{g},{bl},0.18); border-bottom: 2px solid rgb({r},{g},{bl})" '
            f'title="{title}" data-kind="{inner.kind}">{piece}</mark>'
        )
    key = " ".join(
        f'<span style="outline: 1px solid rgb{c}; padding: 0 .3em">{html.escape(k)}</span>'
        for k, c in legend()
    )
    page = (
        "<!doctype html>\n<meta charset=utf-8>\n"
        f"<title>{html.escape(doc.symbol or doc.input)} — resinspect show</title>\n"
        f"<p style='font: 13px sans-serif'>{html.escape(doc.input)} · {key}</p>\n"
        "<pre style='white-space: pre-wrap; font: 14px/1.5 serif'>" + "".join(parts) + "</pre>\n"
    )
    target = Path(out)
    if target.suffix.lower() != ".html":
        target = target.with_suffix(".html")
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target


def show(
    ins: Inspection,
    out: str | Path,
    vote: int | None = None,
    paragraph: str | None = None,
    citation: str | None = None,
    pages: list[int] | None = None,
) -> list[Path]:
    """Draw the selected facts (see `marks`): page images for a PDF read from a file, an HTML page of the
    cleaned text otherwise. Returns the files written; raises SelectionError when the selection names
    nothing."""
    doc = ins.document
    ms = marks(ins, vote, paragraph, citation)
    if doc.kind == "pdf" and doc.path is not None:
        return render_pdf(doc.path, doc, ms, out, pages)
    if pages:
        ms = [m for m in ms if doc.page_at(m.start) in pages]
    return [render_html(doc, ms, out)]
