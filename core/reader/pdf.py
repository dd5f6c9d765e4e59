"""Read the text layer of a PDF with pdfminer.six: each page's glyphs, laid out in lines by `layout`.

pdfminer interprets the content streams; a small device records each glyph's pen position instead of
building `LTChar` objects and running pdfminer's layout analysis (`layout.make_page` does the rest).
pdfminer is imported inside functions so that importing this module stays cheap.

Every PDF is hostile until read, so the reading is bounded (`limits`): streams inflate through a decoder
that stops at a size (`decode`), the page tree is walked here without recursion and with cycle detection,
each page's interpreter counts operators, glyphs and form XObjects and checks the time budget, and fonts
that name themselves as their own descendant are refused. pdfminer's own log lines are captured: they
become one `pdf-repaired` issue with a count, never a line on stderr.
"""

from __future__ import annotations

import io
import logging
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import SourceError
from ..model import Issue, Page
from . import decode, guard, limits
from .layout import Columns, Glyph, make_page

ENGINE = "pdfminer"
US_LETTER = (0.0, 0.0, 612.0, 792.0)
CHECK_EVERY = 4096  # content-stream objects between two looks at the time budget
FONT_DEPTH = 3  # a Type0 font, its descendant CIDFont: nothing nests deeper in a valid PDF
FAR = 1e12  # points: a glyph farther out than this (or NaN) is not kept


@dataclass
class _PageCount:
    """What one page has drawn so far (forms included): objects of its content, glyphs, forms."""

    number: int = 0
    tokens: int = 0
    next_check: int = CHECK_EVERY
    glyphs: int = 0
    forms: int = 0


@dataclass
class Notes:
    """Problems met and repaired while reading one PDF: pdfminer's log lines and the reader's own."""

    kinds: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, example: str | None = None) -> None:
        self.kinds[kind] += 1
        self.examples.setdefault(kind, (example or kind)[:200])

    def issue(self) -> Issue | None:
        total = sum(self.kinds.values())
        if not total:
            return None
        first = next(iter(self.examples.values()))
        kinds = f", {len(self.kinds)} kinds" if len(self.kinds) > 1 else ""
        return Issue(
            "pdf-repaired",
            f"the PDF is damaged: {total} problem{'s' if total > 1 else ''} repaired or skipped while "
            f"reading it{kinds} (first: {first}); some text may be missing",
        )


class _Collector(logging.Handler):
    """pdfminer's warnings, counted against the PDF being read instead of printed."""

    def __init__(self, notes: Notes):
        super().__init__(logging.WARNING)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.notes.add(str(record.msg), record.getMessage())
        except Exception:  # a message that cannot be formatted is still a problem counted
            self.notes.add(str(record.msg))


class _CapturedLogs:
    """Route pdfminer's log records to `notes` while a PDF is read (not to stderr, nor to the root logger's
    handlers). A handler the application put on the `pdfminer` logger itself still gets them: that is how
    `--verbose` shows them in full."""

    def __init__(self, notes: Notes):
        self.handler = _Collector(notes)
        self.logger = logging.getLogger("pdfminer")

    def __enter__(self) -> None:
        self.propagate = self.logger.propagate
        self.logger.addHandler(self.handler)
        self.logger.propagate = False

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate


def _new_device(rsrc: Any, sink: list[Glyph], cids: list[int], count: _PageCount, lim: limits.Limits) -> Any:
    """A pdfminer text device that records glyphs instead of building LTChar objects."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined

    max_glyphs = lim.glyphs_per_page

    class GlyphSink(PDFTextDevice):
        def render_char(
            self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int, *_: Any
        ) -> float:
            cids[1] += 1
            count.glyphs += 1
            if count.glyphs > max_glyphs:
                raise limits.exceeded(f"more than {limits.amount(max_glyphs)} glyphs on page {count.number}")
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
                cids[0] += 1
            adv: float = font.char_width(cid) * fontsize * scaling
            a, b, c, d, e, f = matrix
            if b == 0 and a > 0 and d > 0 and not font.is_vertical() and text:
                x1, y, size = e + a * adv, f + rise * d, fontsize * d
                descent = font.get_descent() * size
                # a glyph at an endless position or size is on no page (and no JSON number): dropped
                if (
                    -FAR < e < FAR
                    and -FAR < x1 < FAR
                    and -FAR < y < FAR
                    and -FAR < size < FAR
                    and -FAR < descent < FAR
                ):
                    sink.append([e, x1, y, size, text, descent])
            return adv

    return GlyphSink(rsrc)


def _resource_manager(notes: Notes) -> Any:
    from pdfminer.pdfinterp import PDFResourceManager

    class Resources(PDFResourceManager):
        """pdfminer's resource manager, refusing a font that is its own descendant (a Type0 font whose
        /DescendantFonts holds itself, directly or through another: endless recursion otherwise)."""

        depth = 0

        def get_font(self, objid: object, spec: Any) -> Any:
            self.depth += 1
            try:
                if self.depth > FONT_DEPTH:
                    raise SourceError(
                        "truncated or damaged PDF: a font that names itself as its own descendant"
                    )
                return super().get_font(objid, spec)
            finally:
                self.depth -= 1

    return Resources(caching=True)


def _interpreter(rsrc: Any, device: Any, count: _PageCount, notes: Notes, lim: limits.Limits) -> Any:
    """A pdfminer page interpreter with bounds: objects, glyphs and forms per page, form nesting, the
    time budget; a form that draws itself (or one of the forms drawing it) is skipped and noted."""
    from pdfminer import settings
    from pdfminer.pdfinterp import LITERAL_FORM, PDFContentParser, PDFPageInterpreter
    from pdfminer.pdftypes import dict_value, list_value, stream_value
    from pdfminer.psparser import PSEOF, PSKeyword, keyword_name, literal_name
    from pdfminer.utils import MATRIX_IDENTITY, mult_matrix

    max_tokens, max_forms, max_depth = lim.tokens_per_page, lim.forms_per_page, lim.form_depth

    class Bounded(PDFPageInterpreter):
        forms: tuple[int, ...] = ()  # object numbers of the forms being drawn, outermost first

        def dup(self) -> Bounded:
            return Bounded(self.rsrcmgr, self.device)

        def subinterp(self) -> Bounded:
            return self.dup()

        def execute(self, streams: Any) -> None:
            valid = []
            for obj in streams:
                stream = stream_value(obj)
                if stream.objid is None:
                    notes.add("content that is not a stream object (skipped)")
                else:
                    valid.append(stream)
            try:
                parser = PDFContentParser(valid)
            except PSEOF:
                return
            while True:
                try:
                    (_, obj) = parser.nextobject()
                except PSEOF:
                    break
                count.tokens += 1
                if count.tokens >= count.next_check:
                    count.next_check += CHECK_EVERY
                    guard.check()
                    if count.tokens > max_tokens:
                        raise limits.exceeded(
                            f"more than {limits.amount(max_tokens)} operators and operands on page "
                            f"{count.number}"
                        )
                if isinstance(obj, PSKeyword):
                    name = keyword_name(obj)
                    method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
                    func = getattr(self, method, None)
                    if func is not None:
                        nargs = func.__code__.co_argcount - 1
                        if nargs:
                            args = self.pop(nargs)
                            if len(args) == nargs:
                                func(*args)
                        else:
                            func()
                    elif settings.STRICT:
                        raise SourceError(f"truncated or damaged PDF: unknown operator {name!r}")
                else:
                    self.push(obj)

        def do_Do(self, xobjid_arg: Any) -> None:  # noqa: N802 (pdfminer's operator name)
            xobjid = literal_name(xobjid_arg)
            try:
                xobj = stream_value(self.xobjmap[xobjid])
            except KeyError:
                return
            if not (xobj.get("Subtype") is LITERAL_FORM and "BBox" in xobj):
                super().do_Do(xobjid_arg)  # an image: the text device ignores it
                return
            if xobj.objid in self.forms:
                notes.add("a form XObject that draws itself (skipped)")
                return
            if len(self.forms) >= max_depth:
                raise limits.exceeded(f"form XObjects drawn inside one another more than {max_depth} deep")
            count.forms += 1
            if count.forms > max_forms:
                raise limits.exceeded(
                    f"more than {limits.amount(max_forms)} form XObjects drawn on page {count.number}"
                )
            interp = self.subinterp()
            interp.forms = (*self.forms, xobj.objid if xobj.objid is not None else -1)
            bbox = list_value(xobj["BBox"])
            matrix = list_value(xobj.get("Matrix", MATRIX_IDENTITY))
            xobjres = xobj.get("Resources")
            resources = dict_value(xobjres) if xobjres else self.resources.copy()
            self.device.begin_figure(xobjid, bbox, matrix)  # type: ignore[arg-type]
            interp.render_contents(resources, [xobj], ctm=mult_matrix(matrix, self.ctm))  # type: ignore[arg-type]
            self.device.end_figure(xobjid)

    return Bounded(rsrc, device)


def _box(value: Any) -> list[float] | None:
    """A rectangle (/MediaBox, /CropBox) as four numbers within FAR, or None when it is anything else (a
    reference to itself, an array of arrays, an endless number)."""
    from pdfminer.pdftypes import resolve1

    v = resolve1(value)
    if not isinstance(v, list | tuple) or len(v) != 4:
        return None
    nums = [resolve1(x) for x in v]
    if not all(isinstance(x, int | float) and not isinstance(x, bool) and -FAR < x < FAR for x in nums):
        return None
    return [float(x) for x in nums]


def _page_objects(doc: Any, lim: limits.Limits, notes: Notes) -> list[tuple[object, dict[str, Any]]]:
    """The page objects of the document in order, each with the attributes it inherits, found by walking
    the page tree without recursion: a node seen before is a loop (skipped and noted), a tree deeper than
    the bound or with more pages than the bound is refused before any page is read."""
    from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES, PDFPage
    from pdfminer.pdftypes import PDFObjRef, dict_value, list_value

    found: list[tuple[object, dict[str, Any]]] = []
    seen: set[int] = set()
    root = doc.catalog.get("Pages")
    stack: list[tuple[Any, dict[str, Any], int]] = [(root, doc.catalog, 0)] if root is not None else []
    while stack:
        obj, parent, depth = stack.pop()
        objid: object = None
        if isinstance(obj, PDFObjRef):
            if obj.objid in seen:
                notes.add("the page tree refers back to itself (a loop, skipped)")
                continue
            seen.add(obj.objid)
            objid = obj.objid
        props = dict(dict_value(obj))
        for k in PDFPage.INHERITABLE_ATTRS:
            if k not in props and k in parent:
                props[k] = parent[k]
        kind = props.get("Type", props.get("type"))
        if kind is LITERAL_PAGES and "Kids" in props:
            if depth >= lim.page_tree_depth:
                raise limits.exceeded(f"a page tree nested more than {lim.page_tree_depth} deep")
            stack.extend((kid, props, depth + 1) for kid in reversed(list_value(props["Kids"])))
        elif kind is LITERAL_PAGE:
            found.append((objid, props))
            if len(found) > lim.pages:
                raise limits.exceeded(f"more than {limits.amount(lim.pages)} pages")
    if not found:  # no page tree: pdfminer's fallback, every object of type /Page
        from pdfminer.pdfexceptions import PDFObjectNotFound

        for xref in doc.xrefs:
            for objid in xref.get_objids():
                try:
                    obj = doc.getobj(objid)
                except PDFObjectNotFound:
                    continue
                if isinstance(obj, dict) and obj.get("Type") is LITERAL_PAGE:
                    found.append((objid, dict(obj)))
                    if len(found) > lim.pages:
                        raise limits.exceeded(f"more than {limits.amount(lim.pages)} pages")
    return found


def _pages(doc: Any, lim: limits.Limits, notes: Notes) -> Iterator[Any]:
    from pdfminer.pdfpage import PDFPage

    for objid, props in _page_objects(doc, lim, notes):
        if "MediaBox" in props and _box(props["MediaBox"]) is None:
            notes.add("a page size (/MediaBox) that is not four numbers: US Letter assumed")
            props["MediaBox"] = list(US_LETTER)
        if "CropBox" in props and _box(props["CropBox"]) is None:
            del props["CropBox"]
        yield PDFPage(doc, objid, props, None)


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

    Raises SourceError with a one-line message for anything that cannot be read (LimitExceeded past a
    bound)."""
    return read_pdf_report(source)[0]


def read_pdf_report(
    source: str | os.PathLike[str] | bytes, max_pages: int | None = None
) -> tuple[list[Page], list[Issue]]:
    """`read_pdf`, and the issues met on the way (`pdf-repaired`: what pdfminer and the reader repaired or
    skipped, with a count). `max_pages`: read only the first pages (e.g. to look at the first page)."""
    data = load_pdf_bytes(source)
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    if b"%%EOF" not in data[-2048:] and b"%%EOF" not in data:
        raise SourceError("truncated or damaged PDF: no end-of-file marker (%%EOF)")
    lim = limits.current()
    notes = Notes()
    pages: list[Page] = []
    count = _PageCount()
    cids = [0, 0]  # unmapped glyphs on this page, glyphs in the document
    try:
        with _CapturedLogs(notes), decode.bounded(lim, notes.add):
            doc = PDFDocument(PDFParser(io.BytesIO(data)))
            rsrc = _resource_manager(notes)
            sink: list[Glyph] = []
            interp = _interpreter(rsrc, _new_device(rsrc, sink, cids, count, lim), count, notes, lim)
            columns = Columns()
            for number, page in enumerate(_pages(doc, lim, notes), 1):
                if max_pages is not None and number > max_pages:
                    break
                guard.check()
                sink.clear()
                cids[0] = 0
                count.number, count.tokens, count.next_check = number, 0, CHECK_EVERY
                count.glyphs = count.forms = 0
                page.rotate = 0  # read in the content's own coordinates, where the text is upright
                interp.process_page(page)
                x0, y0, x1, y1 = page.mediabox
                pages.append(make_page(number, abs(x1 - x0), abs(y1 - y0), sink, cids[0], columns))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError("encrypted PDF: cannot read without the password") from None
    except SourceError:
        raise
    except RecursionError:
        raise SourceError(
            "truncated or damaged PDF: its objects refer to one another in a loop, or nest too deeply"
        ) from None
    except MemoryError:
        raise SourceError("truncated or damaged PDF: reading it ran out of memory") from None
    except Exception as exc:  # pdfminer raises many types on damaged input
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise SourceError(f"truncated or damaged PDF: {detail}") from None
    if not pages:
        raise SourceError("truncated or damaged PDF: no pages found")
    if not cids[1]:
        raise SourceError("no text layer: this PDF needs OCR")
    issue = notes.issue()
    return pages, [issue] if issue else []


_STREAM = re.compile(rb"stream\r?\n")  # or "endstream": a look-behind would make the search ten times slower
_INFLATE_STEP = 1 << 20  # bytes inflated at a time while a stream's size is measured (and thrown away)
# A stream that may draw text (no font program, image, object stream …) decoding past this is handed to the
# bounded reader: PDFium builds a page's whole text (some 170 bytes a character) before its glyphs can be
# counted. The dev PDFs' largest is 36 KB; 100,000 glyphs, the bound a page, take a megabyte or more.
CONTENT_BYTES = 1 << 20
INFLATE_RATIO = 1032  # the most a deflated byte can inflate to (a 258-byte match in two bits)
_NOT_CONTENT = re.compile(
    rb"/Length[123]|/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType|XML)|/Type\s*/(?:ObjStm|XRef|Metadata|EmbeddedFile)"
)


def stream_risk(data: bytes) -> str | None:
    """Which bound on decoded streams (`limits.stream_bytes`, `limits.decoded_bytes`, CONTENT_BYTES) this
    PDF's deflated streams pass, measured by inflating each one a megabyte at a time into nothing: for an
    engine that inflates a stream whole in one C call (PDFium reaches 2 GB of memory on a 1 GB stream of
    zeros). None when every stream is within the bounds.

    A stream too short to pass its own bound however well it is deflated (`INFLATE_RATIO`) is inflated only
    if the streams' bounds together could pass `limits.decoded_bytes`."""
    lim = limits.current()
    total = 0
    unmeasured: list[memoryview] = []  # streams under their own bound, measured only if the total needs it
    view = memoryview(data)
    for m in _STREAM.finditer(data):
        if data[max(0, m.start() - 3) : m.start()] == b"end":
            continue
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        rest = view[m.end() : end]
        head = data[max(0, m.start() - 400) : m.start()]
        content = not _NOT_CONTENT.search(head[head.rfind(b"<<") :])
        cap = min(lim.stream_bytes, CONTENT_BYTES) if content else lim.stream_bytes
        if INFLATE_RATIO * (len(rest) + 1) <= cap:
            unmeasured.append(rest)
            continue
        size = _inflated(rest, lim.stream_bytes, CONTENT_BYTES if content else None)
        if size == -1:
            return f"a stream that decodes to more than {limits.amount(lim.stream_bytes, 'bytes')}"
        if size == -2:
            return f"a content stream of more than {limits.amount(CONTENT_BYTES, 'bytes')}"
        total += size
        if total > lim.decoded_bytes:
            break
    if unmeasured and total + INFLATE_RATIO * sum(len(rest) + 1 for rest in unmeasured) > lim.decoded_bytes:
        for rest in unmeasured:
            total += _inflated(rest, lim.stream_bytes, None)  # under both bounds of its own: a size
            if total > lim.decoded_bytes:
                break
    if total > lim.decoded_bytes:
        return f"streams that decode to more than {limits.amount(lim.decoded_bytes, 'bytes')} in all"
    return None


def _inflated(rest: memoryview, most: int, content: int | None) -> int:
    """The size `rest` inflates to (0 if it is not deflated, or damaged: the engine decides), -1 past `most`,
    -2 past `content` (a content stream's bound, if it is one)."""
    d = zlib.decompressobj()
    size = 0
    try:
        while not d.eof:
            piece = d.decompress(rest, _INFLATE_STEP)
            size += len(piece)
            if size > most:
                return -1
            if content is not None and size > content:
                return -2
            if not piece and len(d.unconsumed_tail) >= len(rest):
                break  # no progress: the stream ends early (the output still held is under a step)
            rest = memoryview(d.unconsumed_tail)
    except zlib.error:
        pass
    return size


def form_risk(data: bytes) -> str | None:
    """What in this PDF's form XObjects an engine that draws forms in one C call (PDFium) could not be
    stopped in, from the page resources alone, without reading any content: forms nested deeper than the
    bound (`limits.form_depth`; a form drawing the next twice, 25 deep, is 33 million draws) or a form that
    holds itself. None when there is nothing of the kind (or pdfminer cannot parse the file)."""
    if b"/Form" not in data:
        return None
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import LITERAL_FORM
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    lim = limits.current()
    notes = Notes()
    below: dict[int, int] = {}  # form → the deepest chain of forms under it, once measured
    deep = f"form XObjects drawn inside one another more than {lim.form_depth} deep"

    class Risk(Exception):
        pass

    def depth(res: Any, seen: tuple[int, ...]) -> int:
        """The deepest chain of forms under the resources `res` (the forms on the way in, `seen`)."""
        res = resolve1(res)
        xobjects = resolve1(res.get("XObject")) if isinstance(res, dict) else None
        deepest = 0
        for ref in xobjects.values() if isinstance(xobjects, dict) else ():
            objid = getattr(ref, "objid", None)
            attrs = getattr(resolve1(ref), "attrs", None)
            if not isinstance(attrs, dict) or resolve1(attrs.get("Subtype")) is not LITERAL_FORM:
                continue
            if objid is not None and objid in seen:
                raise Risk("a form XObject that draws itself")
            if objid is None or objid not in below:
                if len(seen) + 1 > lim.form_depth:
                    raise Risk(deep)
                under = depth(attrs.get("Resources") or {}, (*seen, objid if objid is not None else -1))
                if objid is None:
                    deepest = max(deepest, 1 + under)
                    continue
                below[objid] = under
            if len(seen) + 1 + below[objid] > lim.form_depth:
                raise Risk(deep)
            deepest = max(deepest, 1 + below[objid])
        return deepest

    try:
        with _CapturedLogs(notes), decode.bounded(lim, notes.add):
            doc = PDFDocument(PDFParser(io.BytesIO(data)))
            for page in _pages(doc, lim, notes):
                depth(page.resources or {}, ())
    except Risk as exc:
        return str(exc)
    except Exception:  # a PDF pdfminer cannot parse: the engine reads it, or says why it cannot
        return None
    return None
