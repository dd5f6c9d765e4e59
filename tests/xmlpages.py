"""A resolution's UN XML (AKN4UN) set on pages by hand (`pages.py`), as a renderer would set it: its cover
lines, enacting formula and paragraphs in document order, each numbered paragraph or sub-paragraph with its
printed number, wrapped at a width, whole paragraphs to a page. What the XML counts as preambular and
operative paragraphs is read by `tools/lexicon_leads.py`, the evaluation's rule."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from leadstool import leads
from pages import page, pdf, wrap
from resinspect.model import RawSource

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
LINES_PER_PAGE = 40


def _text(e: ET.Element) -> str:
    return re.sub(r"\s+", " ", "".join(e.itertext())).strip()


def blocks(path: Path) -> list[str]:
    """The text blocks a page shows, in order: cover lines, the formula and each preambular paragraph, and in
    the body each heading and paragraph, a number put before the text that follows it."""
    root = ET.parse(path).getroot()
    stmt = next(c for c in root if c.tag != NS + "meta")
    out: list[str] = []
    for part in ("coverPage", "preamble"):
        e = stmt.find(NS + part)
        out += [t for p in (e.iter(NS + "p") if e is not None else ()) if (t := _text(p))]
    pending: list[str] = []

    def walk(e: ET.Element) -> None:
        for c in e:
            if c.tag == NS + "num":
                pending.append(_text(c))
            elif c.tag in (NS + "p", NS + "heading", NS + "crossHeading"):
                if t := _text(c):
                    out.append(" ".join([*pending, t]))
                    pending.clear()
            else:
                walk(c)

    body = stmt.find(NS + "mainBody")
    if body is not None:
        walk(body)
    return out


def xml_pdf(path: Path, lang: str, gap: float, cells: int = 80) -> RawSource:
    """The resolution set on pages, `gap` points between paragraphs (0: their first-line indent only)."""
    paras = [wrap(b, cells) for b in blocks(path)]
    if lang == "ar":  # pages.py sets each character right to left: a number's digits as a PDF draws them
        paras = [[re.sub(r"[0-9]+", lambda m: m[0][::-1], x) for x in p] for p in paras]
    pages, cur, n = [], [], 0
    for p in paras:
        if cur and n + len(p) > LINES_PER_PAGE:
            pages.append(page(len(pages) + 1, cur, gap=gap))
            cur, n = [], 0
        cur.append(p)
        n += len(p)
    if cur:
        pages.append(page(len(pages) + 1, cur, gap=gap))
    return pdf(*pages)


def xml_counts(path: Path, lang: str) -> tuple[int, int]:
    """(preambular, operative) paragraphs as the XML counts them."""
    res = leads.read_resolution(path, lang)
    assert res is not None
    return sum(k.startswith("PP") for k in res.paras), sum(k.startswith("OP") for k in res.paras)
