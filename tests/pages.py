"""Pages laid out by hand, read as the PDF reader reads them: glyphs placed on a page go through
`reader.layout.make_page`, the half of reading that every PDF engine shares, so the cleaner sees boxes, gaps
and hints as it would from a PDF, in any script."""

from __future__ import annotations

import textwrap

from resinspect.model import Page, RawSource
from resinspect.reader.layout import make_page
from resinspect.text.scripts import RTL_RE, is_wide

WIDTH, HEIGHT = 612.0, 792.0
MARGIN, RIGHT = 93.0, 530.0  # the text block of UN resolutions as rendered
INDENT = 36.0  # first-line indent
SIZE, PITCH, PARA_GAP = 10.0, 15.5, 6.0


def _glyphs(x: float, y: float, text: str, size: float, rtl: bool) -> list[list]:
    """One glyph per character, narrow ones half a size wide; right-to-left text set from `x` leftwards (so
    that its glyphs stand in visual order, as a PDF has them)."""
    out: list[list] = []
    for ch in text:
        w = size * (1.0 if is_wide(ch) else 0.5)
        if rtl:
            x -= w
            out.append([x, x + w, y, size, ch, -0.2 * size])
        else:
            out.append([x, x + w, y, size, ch, -0.2 * size])
            x += w
    return out


def page(number: int, paragraphs: list[list[str]], *, size: float = SIZE, top: float = 720.0,
         foot: list[tuple[str, float]] = (), continued: bool = False, gap: float = PARA_GAP) -> Page:  # fmt: skip
    """A page of paragraphs, each a list of its lines: first line indented, the others at the margin, a gap
    of `gap` points between paragraphs (0: set apart by the indent only); with `continued` the first paragraph
    goes on from the page before (no indent); `foot` adds (text, font size) lines at the foot of the page
    (furniture, footnotes)."""
    glyphs: list[list] = []
    y = top
    for k, lines in enumerate(paragraphs):
        if k:
            y -= gap
        for j, text in enumerate(lines):
            rtl = bool(RTL_RE.search(text))
            ind = INDENT if j == 0 and not (continued and k == 0) else 0
            x = (RIGHT - ind) if rtl else MARGIN + ind
            glyphs += _glyphs(x, y, text, size, rtl)
            y -= PITCH
    y = 90.0
    for text, fsize in foot:
        glyphs += _glyphs(MARGIN, y, text, fsize, bool(RTL_RE.search(text)))
        y -= fsize * 1.4
    return make_page(number, WIDTH, HEIGHT, glyphs)


def wrap(text: str, cells: int) -> list[str]:
    """A paragraph's lines of about `cells` cells (Chinese wraps anywhere, two cells a character)."""
    if any(is_wide(ch) for ch in text):
        lines, cur = [], ""
        for ch in text:
            cur += ch
            if 2 * len(cur) >= cells:
                lines.append(cur)
                cur = ""
        return lines + ([cur] if cur else [])
    return textwrap.wrap(text, cells, break_on_hyphens=False)


def pdf(*pages: Page) -> RawSource:
    return RawSource("t.pdf", None, "", "pdf", list(pages), None, None)
