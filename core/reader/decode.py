"""Bounded stream decoding for pdfminer: a deflate bomb stops at a size instead of filling the memory.

pdfminer decodes a stream in `pdftypes.PDFStream.decode` with `zlib.decompress` (no size limit), falls back
to `decompress_corrupted` for damaged data (one byte at a time, into a growing bytes object: quadratic), and
decodes LZW and RunLength with no limit either. `bounded(limits)` makes those four names in `pdftypes`
point here for as long as a PDF is read: the same results and the same errors, but every stream inflates
through a decoder that stops past `limits.stream_bytes`, all the streams of one document together stop past
`limits.decoded_bytes`, and damaged deflate data is re-read in one linear pass. Outside `bounded` (someone
else using pdfminer in the same process) the originals are called.
"""

from __future__ import annotations

import contextlib
import io
import threading
import zlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from . import limits

CHUNK = 64 * 1024  # compressed bytes fed to the decoder at a time on the damaged-data path


@dataclass
class _Budget:
    lim: limits.Limits
    note: Callable[[str], None]
    decoded: int = 0

    def room(self) -> int:
        """Bytes the next stream may decode to."""
        left = self.lim.decoded_bytes - self.decoded
        return max(0, min(self.lim.stream_bytes, left))

    def spend(self, n: int) -> None:
        self.decoded += n

    def too_big(self) -> limits.LimitExceeded:
        if self.lim.decoded_bytes - self.decoded < self.lim.stream_bytes:
            what = f"its streams decode to more than {limits.amount(self.lim.decoded_bytes, 'bytes')} in all"
        else:
            what = f"a stream decodes to more than {limits.amount(self.lim.stream_bytes, 'bytes')}"
        return limits.exceeded(what + " (a compression bomb?)")


_BUDGET: ContextVar[_Budget | None] = ContextVar("resinspect_decode_budget", default=None)
_ORIGINAL: dict[str, Any] = {}
_LOCK = threading.Lock()


def inflate(data: bytes) -> bytes:
    """`zlib.decompress(data)` within the budget: the same result and the same zlib.error for truncated or
    damaged data, LimitExceeded past the size."""
    budget = _BUDGET.get()
    if budget is None:
        return zlib.decompress(data)
    room = budget.room()
    d = zlib.decompressobj()
    out = d.decompress(data, room + 1)
    if len(out) > room:
        raise budget.too_big()
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    budget.spend(len(out))
    return out


def inflate_damaged(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted` in one linear pass and within the budget: inflate as far as the
    data allows; an error in the last four bytes (the checksum) keeps what was inflated, an error before
    them raises zlib.error as pdfminer does. Data that ends early is kept too, and noted."""
    budget = _BUDGET.get()
    if budget is None:
        return _ORIGINAL["decompress_corrupted"](data)
    room = budget.room()
    d = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    for pos in range(0, len(data), CHUNK):
        chunk = data[pos : pos + CHUNK]
        saved = d.copy()
        try:
            piece = d.decompress(chunk, room + 1 - size)
        except zlib.error:
            d = saved  # find the byte that fails, one at a time from where this chunk began
            for k in range(len(chunk)):
                try:
                    piece = d.decompress(chunk[k : k + 1], room + 1 - size)
                except zlib.error:
                    if pos + k < len(data) - 3:
                        raise
                    budget.note("Data-loss while decompressing corrupted data")
                    budget.spend(size)
                    return b"".join(parts)
                parts.append(piece)
                size += len(piece)
                if size > room:
                    raise budget.too_big() from None
            raise  # pragma: no cover - the chunk failed as a whole, so one of its bytes must
        parts.append(piece)
        size += len(piece)
        if size > room:
            raise budget.too_big()
        if d.eof:
            break
    if not d.eof:
        budget.note("a compressed stream that ends early (truncated): its text may be incomplete")
    budget.spend(size)
    return b"".join(parts)


def lzw(data: bytes) -> bytes:
    """pdfminer's LZW decoding, stopped past the budget (LZW expands up to a few thousand times)."""
    budget = _BUDGET.get()
    if budget is None:
        return _ORIGINAL["lzwdecode"](data)
    from pdfminer.lzw import LZWDecoder

    room = budget.room()
    parts: list[bytes] = []
    size = 0
    for part in LZWDecoder(io.BytesIO(data)).run():
        size += len(part)
        if size > room:
            raise budget.too_big()
        parts.append(part)
    budget.spend(size)
    return b"".join(parts)


def run_length(data: bytes) -> bytes:
    """RunLength decoding (PDF 1.7, 7.4.5), stopped past the budget; data that ends early keeps what was
    decoded."""
    budget = _BUDGET.get()
    if budget is None:
        return _ORIGINAL["rldecode"](data)
    room = budget.room()
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        i += 1
        if length == 128:
            break
        if length < 128:
            out += data[i : i + length + 1]
            i += length + 1
        else:
            out += data[i : i + 1] * (257 - length)
            i += 1
        if len(out) > room:
            raise budget.too_big()
    budget.spend(len(out))
    return bytes(out)


class _Zlib:
    """What `pdftypes` sees as its `zlib` module: the real one, with `decompress` bounded."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        return inflate(data) if not args else zlib.decompress(data, *args)


def _install() -> None:
    """Point pdfminer's decoders here (once per process; outside `bounded` they call the originals)."""
    with _LOCK:
        if _ORIGINAL:
            return
        from pdfminer import pdftypes

        for name in ("zlib", "decompress_corrupted", "lzwdecode", "rldecode"):
            _ORIGINAL[name] = getattr(pdftypes, name)
        pdftypes.zlib = _Zlib()  # type: ignore[assignment]
        pdftypes.decompress_corrupted = inflate_damaged
        pdftypes.lzwdecode = lzw
        pdftypes.rldecode = run_length


@contextlib.contextmanager
def bounded(lim: limits.Limits, note: Callable[[str], None]) -> Iterator[None]:
    """Decode every stream read in the block within `lim`; `note(kind)` hears of repaired damage."""
    _install()
    token = _BUDGET.set(_Budget(lim, note))
    try:
        yield
    finally:
        _BUDGET.reset(token)
