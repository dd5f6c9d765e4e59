"""SOURCE → RawSource (pages of lines): a PDF path, an extracted-text file, `-` (stdin) or a UN symbol found in
a library (and, when asked, fetched from the UN's Official Document System first)."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError, shown
from ..model import LANGUAGES, Issue, Page, RawSource, SymbolSource
from ..text.symbols import normalize_symbol, parse_filename, symbol_key
from . import limits
from .layout import lines_from_text
from .library import SUFFIXES, index, search_dirs

ENV_LANG = "RESINSPECT_LANG"


def language_order(lang: str | None) -> list[str]:
    """Preference among a symbol's language versions: --lang, then English, then RESINSPECT_LANG, then the rest."""
    order = [lang] if lang else []
    order.append("en")
    order += [x.strip() for x in os.environ.get(ENV_LANG, "").split(",") if x.strip()]
    order += list(LANGUAGES)
    seen: list[str] = []
    for x in order:
        if x not in seen:
            seen.append(x)
    return seen


def find_symbol(symbol: str, lang: str | None, libraries: Sequence[str | Path] | None) -> Path:
    """The file holding `symbol` in the preferred language, searched in the library folders (each listed
    once per process, `library.index`)."""
    key = symbol_key(symbol)
    found: dict[str | None, Path] = {}
    for folder in search_dirs(libraries):
        for flang, path in index(folder).get(key, {}).items():
            found.setdefault(flang, path)
    if not found:
        raise SourceError(
            f"unknown symbol {shown(symbol)}: not found in samples/ or the library (use --library DIR)"
        )
    if lang and lang not in found:
        held = ", ".join(sorted(x or "?" for x in found))
        raise SourceError(f"{shown(symbol)}: no {lang} version in the library (held: {held})")
    for pref in language_order(lang):
        if pref in found:
            return found[pref]
    return next(iter(found.values()))


def resolve(
    input: str, lang: str | None = None, libraries: Sequence[str | Path] | None = None
) -> Path | None:
    """Path of the SOURCE (None for stdin). Raises SourceError with one clear line."""
    if input == "-":
        return None
    path = Path(input)
    try:
        if path.is_file():
            return path
        if path.is_dir():
            raise SourceError(f"{shown(input)}: is a folder, not a document")
    except OSError as exc:  # a name too long for the file system, a folder we may not enter…
        if normalize_symbol(input) is None:
            raise SourceError(f"{shown(input)}: cannot read ({exc.strerror or exc})") from None
    symbol = normalize_symbol(input)
    if symbol is None:
        sym, _ = parse_filename(input)
        symbol = sym
    if symbol is not None and not (os.sep in input and path.suffix.lower() in SUFFIXES):
        return find_symbol(symbol, lang, libraries)
    raise SourceError(f"{shown(input)}: no such file, and not a UN document symbol")


# control characters (C0 and C1), line breaks, tabs and form feeds aside: what a binary file decoded as text
# is full of (the no-break space and the soft hyphen, which str.isprintable counts too, are text)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_BOMS = (  # longest first: UTF-32 LE begins like UTF-16 LE
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ASCII = bytes(range(128))
NUL_SHARE = 0.05  # a text with more NUL bytes than this share is binary; fewer are dropped, with a warning
THIN = 16  # fewer non-ASCII bytes than this tell nothing about a legacy encoding: cp1252, said to be a guess


def _binary(name: str) -> SourceError:
    return SourceError(f"{name}: not a PDF or a text file (binary content)")


def _replaced(text: str, data: bytes) -> int:
    """How many U+FFFD a lenient decoding put in (beyond those the file itself holds)."""
    return text.count("\ufffd") - data.count("\ufffd".encode())


def decode_text(data: bytes, name: str) -> tuple[str, list[Issue]]:
    """The text of a text file, and what was done to get it (`text-decoding` issues). UTF-8, UTF-16 and
    UTF-32 by their byte-order mark; else UTF-8 when the file holds any valid UTF-8 sequence beyond ASCII,
    a lone byte that is a Latin letter or punctuation in cp1252 read so (a file of mixed encodings) and any
    other invalid byte replaced (U+FFFD); else a legacy 8-bit encoding guessed by
    charset-normalizer (cp1252 where it reads the same), named in a warning when the guess is weak. A few
    NUL bytes are dropped; binary content is refused."""
    issues: list[Issue] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, "replace")
            if bad := _replaced(text, data):
                issues.append(
                    Issue(
                        "text-decoding", f"{bad:,} bytes that are not {encoding.upper()} replaced by U+FFFD"
                    )
                )
            return _printable(text, name), issues
    nul = data.count(b"\x00")
    if nul:
        if nul > NUL_SHARE * len(data):
            raise _binary(name)
        data = data.replace(b"\x00", b"")
        issues.append(Issue("text-decoding", f"{_bytes(nul, 'NUL byte')} dropped"))
    try:
        return _printable(data.decode("utf-8"), name), issues
    except UnicodeDecodeError:
        pass
    non_ascii = len(data.translate(None, _ASCII))
    text, legacy, bad = _mixed(data)
    if non_ascii > legacy + bad:  # valid UTF-8 sequences too (a legacy file holds none): UTF-8, with strays
        if legacy:
            what = f"{_bytes(legacy)} not valid UTF-8 read as cp1252 (a file of mixed encodings)"
            issues.append(Issue("text-decoding", what))
        if bad:
            issues.append(Issue("text-decoding", f"{_bytes(bad)} not valid UTF-8, replaced by U+FFFD"))
        return _printable(text, name), issues
    text, encoding, weak = _legacy(data, non_ascii)
    if weak:
        issues.append(Issue("text-decoding", f"not UTF-8: read as {encoding}, a guess (check the text)"))
    return _printable(text, name), issues


# Bytes that, alone where UTF-8 expects none, are taken for cp1252: the Latin letters and the punctuation of
# the official languages' Latin-script texts (a UTF-8 file with "Communiqu\xe9" or "C\xf4te d'Ivoire" pasted
# in from a Windows file). Any other invalid byte is damage and becomes U+FFFD.
CP1252_STRAYS = frozenset(
    [0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xA0, 0xAB, 0xAD, 0xB0, 0xB7, 0xBB]
    + [b for b in range(0xC0, 0xFE) if b not in (0xD7, 0xF7)]
)


_counts = threading.local()  # per decoding: [bytes read as cp1252, bytes replaced]


def _stray(exc: UnicodeError) -> tuple[str, int]:
    """The codec error handler of `_mixed` (the decoder goes on where it returns: linear in the file)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    if len(chunk) == 1 and chunk[0] in CP1252_STRAYS:
        _counts.value[0] += 1
        return bytes(chunk).decode("cp1252"), exc.end
    _counts.value[1] += len(chunk)  # bytes, so that the caller can tell what is left valid
    return "\ufffd", exc.end  # one per invalid sequence, as the "replace" handler


codecs.register_error("resinspect-cp1252-strays", _stray)


def _mixed(data: bytes) -> tuple[str, int, int]:
    """A UTF-8 text some of whose bytes are not UTF-8: (text, bytes read as cp1252, bytes replaced). A byte
    of CP1252_STRAYS standing alone is read as cp1252; anything else invalid becomes U+FFFD."""
    _counts.value = [0, 0]
    text = data.decode("utf-8", "resinspect-cp1252-strays")
    legacy, bad = _counts.value
    return text, legacy, bad


def _legacy(data: bytes, non_ascii: int) -> tuple[str, str, bool]:
    """A text in a legacy 8-bit encoding: (text, encoding, whether the guess is weak). charset-normalizer
    (already a dependency of pdfminer.six, and the maintained successor of chardet) guesses; cp1252 is
    preferred where it gives the same text (an English, French or Spanish text saved on Windows), and taken
    as a weak guess when a handful of non-ASCII bytes tell nothing."""
    if non_ascii < THIN:
        return data.decode("cp1252", "replace"), "cp1252", True
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return data.decode("cp1252", "replace"), "cp1252", True
    candidates = [best.encoding, *best.could_be_from_charset]
    encoding = "cp1252" if "cp1252" in candidates else best.encoding
    return data.decode(encoding, "replace"), encoding, best.chaos > 0.1 or best.coherence < 0.1


def _bytes(n: int, what: str = "byte") -> str:
    return f"{n:,} {what}{'s' if n != 1 else ''}"


def _printable(text: str, name: str) -> str:
    if len(_UNPRINTABLE.findall(text)) > 0.03 * len(text):
        raise _binary(name)
    return text


def text_pages(text: str) -> list[Page]:
    """Pages of an extracted text: split at form feeds (a text without them is one page here; cleaning
    looks for page ends in it), each line as it stands, a line after a blank one hinted as a start."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f") if "\f" in text else [text]
    if chunks and not chunks[0].strip() and len(chunks) > 1:
        chunks = chunks[1:]
    if chunks and not chunks[-1].strip() and len(chunks) > 1:
        chunks = chunks[:-1]
    return [Page(number, lines_from_text(chunk)) for number, chunk in enumerate(chunks, 1)]


def read_source(
    input: str,
    lang: str | None = None,
    libraries: Sequence[str | Path] | None = None,
    fetch: bool = False,
    engine: str | None = None,
    store: bool = True,
) -> RawSource:
    """Read a SOURCE into pages of lines. With `fetch`, a UN symbol missing from the library is downloaded
    into it first (into the first of `libraries`, else the user's library). `engine`: the PDF engine
    (`engines.choose`); `store`: as `read_data`. Raises SourceError."""
    try:
        path = resolve(input, lang, libraries)
    except SourceError:
        symbol = normalize_symbol(input)
        if not fetch or symbol is None:
            raise
        from .fetch import fetch as fetch_pdf
        from .fetch import log_waiting

        library = Path(libraries[0]) if libraries else None
        fetch_pdf(symbol, lang or "en", library=library, on_wait=log_waiting)
        path = resolve(input, lang, libraries)
    return read_data(read_bytes(input, path), input, path, engine, store)


def read_bytes(input: str, path: Path | None) -> bytes:
    """The bytes of a SOURCE's file (None: standard input), within the file-size bound."""
    limit = limits.current().file_bytes
    too_big = limits.exceeded(f"a file larger than {limits.amount(limit, 'bytes')}")
    if path is None:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise limits.LimitExceeded(f"<stdin>: {too_big}")
        return data
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise SourceError(f"{shown(input)}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise limits.LimitExceeded(f"{shown(input)}: {too_big}")
    return data


PDF_SNIFF = 1024  # the bytes `is_pdf` looks at


def is_pdf(head: bytes, path: Path | None) -> bool:
    """Whether a source is read as a PDF: its first bytes (`PDF_SNIFF` of them are enough) open with %PDF,
    or its file is named .pdf; else it is an extracted text."""
    return head[:PDF_SNIFF].lstrip().startswith(b"%PDF") or (
        path is not None and path.suffix.lower() == ".pdf"
    )


def read_data(
    data: bytes, input: str, path: Path | None = None, engine: str | None = None, store: bool = True
) -> RawSource:
    """Read the bytes of a SOURCE (a PDF or an extracted text) into pages of lines; `input` is what the
    user named, `path` the file they came from (None: standard input or bytes in memory), `engine` the PDF
    engine (`engines.choose`: else RESINSPECT_ENGINE, else the default). A PDF's pages read now are kept in
    the cache at once, unless `store` is False: the caller then keeps them with its cleaned document, in one
    write (`pipeline.read`), and the RawSource says `fresh`."""
    name = str(path) if path else "<stdin>"
    if not data.strip():
        raise SourceError(f"{shown(input)}: empty file")
    sha = hashlib.sha256(data).hexdigest()
    fsym, flang = parse_filename(path.name) if path else (None, None)
    asked = normalize_symbol(input)
    symbol = asked or fsym
    told: SymbolSource | None = "input" if asked else "file name" if fsym else None
    if is_pdf(data, path):
        from . import cache, engines

        chosen = engines.choose(engine)
        found = cache.lookup(sha, chosen)
        fresh = found is None
        if found is None:
            try:
                found = engines.read_pdf_report(data, chosen)
                _check_lines(found[0])
            except SourceError as exc:  # LimitExceeded stays one
                raise type(exc)(f"{shown(input)}: {exc}") from None
            if store:
                cache.put(sha, *found, engine=chosen)
        pages, issues = found
        return RawSource(
            input,
            name if path else None,
            sha,
            "pdf",
            pages,
            symbol,
            flang,
            told,
            chosen,
            tuple(issues),
            fresh=fresh,
        )
    text, issues = decode_text(data, shown(input))
    try:
        _check_text(text)
    except SourceError as exc:
        raise type(exc)(f"{shown(input)}: {exc}") from None
    return RawSource(
        input,
        name if path else None,
        sha,
        "text",
        text_pages(text),
        symbol,
        flang,
        told,
        issues=tuple(issues),
    )


def _check_text(text: str) -> None:
    """A text within the bounds on characters and lines (checked before any line is made)."""
    lim = limits.current()
    if len(text) > lim.text_chars:
        raise limits.exceeded(f"a text of more than {limits.amount(lim.text_chars)} characters")
    if max(text.count("\n"), text.count("\r")) >= lim.text_lines:
        raise limits.exceeded(f"a text of more than {limits.amount(lim.text_lines)} lines")


def _check_lines(pages: list[Page]) -> None:
    lim = limits.current()
    if sum(len(p.lines) for p in pages) > lim.text_lines:
        raise limits.exceeded(f"more than {limits.amount(lim.text_lines)} lines of text")
