"""The PDF engines and the choice between them: `--engine`, else `RESINSPECT_ENGINE`, else the default.

Both engines give a page's glyphs to the same layout (`layout.make_page`), so they differ only in how they
interpret a PDF: `pdfminer` (pdfminer.six, pure Python, the reference) and `pdfium` (PDFium through
pypdfium2, several times faster). Each engine's modules are imported only when a PDF is read.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal, get_args

from ..errors import ResinspectError, shown

if TYPE_CHECKING:  # the command line reads the engine names without loading the typed results
    from ..model import Issue, Page

ENV_ENGINE = "RESINSPECT_ENGINE"
Engine = Literal["pdfium", "pdfminer"]
ENGINES: tuple[Engine, ...] = get_args(Engine)
DEFAULT: Engine = "pdfminer"
# the version of each engine's glyphs, part of the cache key (with layout.READER_VERSION): bump an engine's
# number when the glyphs it gives for the same PDF change
VERSIONS: dict[Engine, int] = {"pdfium": 1, "pdfminer": 1}


def choose(engine: str | None = None) -> Engine:
    """The engine asked for, else the one `RESINSPECT_ENGINE` names, else DEFAULT. Raises ResinspectError
    (exit 2) for a name that is neither."""
    name = engine or os.environ.get(ENV_ENGINE, "").strip().lower() or DEFAULT
    for known in ENGINES:
        if name == known:
            return known
    where = "" if engine else f" ({ENV_ENGINE})"
    raise ResinspectError(f"unknown PDF engine {shown(name)!r}{where}; use {' or '.join(ENGINES)}")


def read_pdf(data: bytes, engine: Engine) -> list[Page]:
    """Every page of a PDF read by `engine`, as lines in reading order. Raises SourceError."""
    return read_pdf_report(data, engine)[0]


def read_pdf_report(data: bytes, engine: Engine) -> tuple[list[Page], list[Issue]]:
    """`read_pdf`, and the issues met on the way (`pdf-repaired`, from the pdfminer engine; PDFium repairs
    silently). PDFium draws a page's forms, and inflates a stream, in one call that no deadline or bound
    reaches: a PDF whose streams decode past the bounds, or whose forms nest past the bound or hold
    themselves, is read by pdfminer instead (`engine-fallback`), whose reader is bounded step by step. Raises SourceError
    (LimitExceeded past a bound)."""
    from ..model import Issue
    from . import pdf

    if engine == "pdfium":
        from . import pdfium

        risk = pdf.stream_risk(data) or pdf.form_risk(data)
        if risk is None:
            return pdfium.read_pdf(data), []
        pages, issues = pdf.read_pdf_report(data)  # whose interpreter is bounded form by form
        why = f"read by the pdfminer engine: {risk}, which PDFium could not be stopped in"
        return pages, [*issues, Issue("engine-fallback", why, ())]
    return pdf.read_pdf_report(data)
