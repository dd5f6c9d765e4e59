"""The PDF engines and the choice between them: `--engine`, else `RESINSPECT_ENGINE`, else the default.

Both engines give a page's glyphs to the same layout (`layout.make_page`), so they differ only in how they
interpret a PDF: `pdfminer` (pdfminer.six, pure Python, the reference) and `pdfium` (PDFium through
pypdfium2, several times faster). Each engine's modules are imported only when a PDF is read.
"""

from __future__ import annotations

import os
from typing import Literal, get_args

from ..errors import ResinspectError, shown
from ..model import Page

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
    if engine == "pdfium":
        from . import pdfium

        return pdfium.read_pdf(data)
    from . import pdf

    return pdf.read_pdf(data)
