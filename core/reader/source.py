"""SOURCE → RawSource (pages of lines): a PDF path, an extracted-text file, `-` (stdin) or a UN symbol found in
a library (and, when asked, fetched from the UN's Official Document System first)."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError, shown
from ..model import LANGUAGES, Page, RawSource, SymbolSource
from ..text.symbols import normalize_symbol, parse_filename, symbol_key
from .layout import lines_from_text
from .library import search_dirs

ENV_LANG = "RESINSPECT_LANG"
_SUFFIXES = {".pdf", ".txt", ".text"}


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
    """The file holding `symbol` in the preferred language, searched in the library folders."""
    key = symbol_key(symbol)
    found: dict[str | None, Path] = {}
    for folder in search_dirs(libraries):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in _SUFFIXES:
                continue
            sym, flang = parse_filename(path.name)
            if sym and symbol_key(sym) == key:
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
    if path.is_file():
        return path
    if path.is_dir():
        raise SourceError(f"{shown(input)}: is a folder, not a document")
    symbol = normalize_symbol(input)
    if symbol is None:
        sym, _ = parse_filename(input)
        symbol = sym
    if symbol is not None and not (os.sep in input and path.suffix.lower() in _SUFFIXES):
        return find_symbol(symbol, lang, libraries)
    raise SourceError(f"{shown(input)}: no such file, and not a UN document symbol")


# Latin-1 characters that are not printable (str.isprintable), line breaks and tabs aside
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\xa0\xad]")


def _decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name}: not a PDF or a text file (binary content)")
    for enc in ("utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    # Real extracted texts are sometimes Latin-1 (e.g. "Charg\xe9 d'Affaires"); accept them if mostly text.
    text = data.decode("latin-1")
    if len(_UNPRINTABLE.findall(text)) > 0.03 * len(text):
        raise SourceError(f"{name}: not a PDF or a text file (binary content)")
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
) -> RawSource:
    """Read a SOURCE into pages of lines. With `fetch`, a UN symbol missing from the library is downloaded
    into it first (into the first of `libraries`, else the user's library). `engine`: the PDF engine
    (`engines.choose`). Raises SourceError."""
    try:
        path = resolve(input, lang, libraries)
    except SourceError:
        symbol = normalize_symbol(input)
        if not fetch or symbol is None:
            raise
        from .fetch import fetch as fetch_pdf

        fetch_pdf(symbol, lang or "en", library=Path(libraries[0]) if libraries else None)
        path = resolve(input, lang, libraries)
    if path is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"{shown(input)}: cannot read ({exc.strerror or exc})") from None
    return read_data(data, input, path, engine)


def read_data(data: bytes, input: str, path: Path | None = None, engine: str | None = None) -> RawSource:
    """Read the bytes of a SOURCE (a PDF or an extracted text) into pages of lines; `input` is what the
    user named, `path` the file they came from (None: standard input or bytes in memory), `engine` the PDF
    engine (`engines.choose`: else RESINSPECT_ENGINE, else the default)."""
    name = str(path) if path else "<stdin>"
    if not data.strip():
        raise SourceError(f"{shown(input)}: empty file")
    sha = hashlib.sha256(data).hexdigest()
    fsym, flang = parse_filename(path.name) if path else (None, None)
    asked = normalize_symbol(input)
    symbol = asked or fsym
    told: SymbolSource | None = "input" if asked else "file name" if fsym else None
    if data[:1024].lstrip().startswith(b"%PDF") or (path and path.suffix.lower() == ".pdf"):
        from . import cache, engines

        chosen = engines.choose(engine)
        pages = cache.get(sha, chosen)
        if pages is None:
            try:
                pages = engines.read_pdf(data, chosen)
            except SourceError as exc:
                raise SourceError(f"{shown(input)}: {exc}") from None
            cache.put(sha, pages, chosen)
        return RawSource(input, name if path else None, sha, "pdf", pages, symbol, flang, told, chosen)
    text = _decode_text(data, shown(input))
    return RawSource(input, name if path else None, sha, "text", text_pages(text), symbol, flang, told)
