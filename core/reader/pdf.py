"""Read the text layer of a PDF with pdfminer.six: each page's glyphs, laid out in lines by `layout`.

pdfminer interprets the content streams; a small device records each glyph's pen position instead of
building `LTChar` objects and running pdfminer's layout analysis (`layout.make_page` does the rest).
pdfminer is imported inside functions so that importing this module stays cheap.
"""

from __future__ import annotations

import io
import os
from typing import Any

from ..errors import SourceError
from ..model import Page
from .layout import Glyph, make_page

ENGINE = "pdfminer"


def _new_device(rsrc: Any, sink: list[Glyph], cids: list[int]) -> Any:
    """A pdfminer text device that records glyphs instead of building LTChar objects."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class GlyphSink(PDFTextDevice):
        def render_char(
            self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int, *_: Any
        ) -> float:
            cids[1] += 1
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
                cids[0] += 1
            adv: float = font.char_width(cid) * fontsize * scaling
            a, b, c, d, e, f = matrix
            if b == 0 and a > 0 and d > 0 and not font.is_vertical() and text:
                sink.append(
                    [e, e + a * adv, f + rise * d, fontsize * d, text, font.get_descent() * fontsize * d]
                )
            return adv

    return GlyphSink(rsrc)


def load_pdf_bytes(source: str | os.PathLike[str] | bytes) -> bytes:
    """The bytes of a PDF (path or bytes), checked to look like one. Raises SourceError."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        try:
            with open(source, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    if not data:
        raise SourceError("empty file")
    if b"%PDF-" not in data[:1024]:
        start = data[:16].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise SourceError(f"not a PDF (starts with {start!r})")
    return data


def read_pdf(source: str | os.PathLike[str] | bytes) -> list[Page]:
    """Read every page of a PDF (path or bytes) into lines in reading order, with boxes and hints.

    Raises SourceError with a one-line message for anything that cannot be read.
    """
    data = load_pdf_bytes(source)
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    if b"%%EOF" not in data[-2048:] and b"%%EOF" not in data:
        raise SourceError("truncated or damaged PDF: no end-of-file marker (%%EOF)")
    pages: list[Page] = []
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        rsrc = PDFResourceManager(caching=True)
        sink: list[Glyph] = []
        cids = [0, 0]  # unmapped glyphs on this page, glyphs in the document
        interp = PDFPageInterpreter(rsrc, _new_device(rsrc, sink, cids))
        for number, page in enumerate(PDFPage.create_pages(doc), 1):
            sink.clear()
            cids[0] = 0
            page.rotate = 0  # read in the content's own coordinates, where the text is upright
            interp.process_page(page)
            x0, y0, x1, y1 = page.mediabox
            pages.append(make_page(number, abs(x1 - x0), abs(y1 - y0), sink, cids[0]))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError("encrypted PDF: cannot read without the password") from None
    except SourceError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged input
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise SourceError(f"truncated or damaged PDF: {detail}") from None
    if not pages:
        raise SourceError("truncated or damaged PDF: no pages found")
    if not cids[1]:
        raise SourceError("no text layer: this PDF needs OCR")
    return pages
