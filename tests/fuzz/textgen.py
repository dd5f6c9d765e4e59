"""Pathological text inputs for resinspect (extracted-text files, and command-line strings).

Every constructor returns `bytes` (the file's content) except the argv attacks at the end, which return
strings. Seeds come from the repository's `samples/` so that the generators work without the shared corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
EN_SEED = SAMPLES / "S_2020_249.en.txt"  # a letter with the resolution it announces
AR_SEED = SAMPLES / "S_2020_249-AR.txt"  # the founding sample: Arabic garbled by a broken font map

KB = 1024
MB = 1024 * 1024


def seed_en() -> str:
    return EN_SEED.read_text(encoding="utf-8")


def seed_ar() -> str:
    return AR_SEED.read_text(encoding="utf-8")


def resolution_text() -> str:
    """The resolution in the English seed: from "The Security Council," to the end."""
    text = seed_en()
    k = text.find("The Security Council,")
    return text[k:] if k >= 0 else text


def _fill(unit: str, size: int, sep: str = "\n") -> bytes:
    """`unit` repeated (joined by sep) until the UTF-8 size reaches `size` bytes, cut to exactly that
    many bytes at a character boundary."""
    b = (unit.rstrip("\n") + sep).encode("utf-8")
    reps = size // len(b) + 1
    data = (b * reps)[:size]
    return data.decode("utf-8", "ignore").encode("utf-8")


def resolution_repeated(size: int) -> bytes:
    """A resolution text repeated to `size` bytes (128 KB … 16 MB)."""
    return _fill(resolution_text(), size)


def one_line(size: int) -> bytes:
    """One line of `size` bytes: the resolution with its line breaks turned into spaces, repeated."""
    flat = " ".join(resolution_text().split())
    return _fill(flat, size, sep=" ").replace(b"\n", b" ")


_VERBS = ["Decides", "Requests", "Calls upon", "Urges", "Welcomes", "Stresses", "Encourages", "Demands"]


def numbered_paragraphs(size: int) -> bytes:
    """Nothing but numbered operative paragraphs ("1. Decides …\n2. Requests …") up to `size` bytes."""
    out, n, total = [], 0, 0
    while total < size:
        n += 1
        line = f"{n}. {_VERBS[n % len(_VERBS)]} that the mandate shall continue as set out in paragraph {n - 1};\n"
        out.append(line)
        total += len(line)
    return "".join(out).encode("utf-8")[:size]


VOTE_BLOCK = "In favour:\nFrance, China.\nAgainst:\nNone.\nAbstaining:\nNone.\n"


def vote_blocks(size: int) -> bytes:
    """The vote block "In favour: France, China. Against: None. Abstaining: None." repeated to `size`."""
    return _fill(VOTE_BLOCK, size)


def in_favour_only(lines: int = 2000, extra: str = "") -> bytes:
    """A text made only of `In favour:` lines (no member named anywhere)."""
    return (("In favour:" + extra + "\n") * lines).encode("utf-8")


def arabic_doubled(size: int) -> bytes:
    """The garbled Arabic founding sample doubled until it reaches `size` bytes (cut at a line end)."""
    text = seed_ar()
    while len(text.encode("utf-8")) < size:
        text = text + "\n" + text
    data = text.encode("utf-8")[:size]
    k = data.rfind(b"\n")
    return data[: k + 1] if k > 0 else data


# ------------------------------------------------------------------------------------ decoding (12)


def invalid_utf8(count: int = 1, seed: str = "en", rng_seed: int = 0) -> bytes:
    """A UTF-8 file with `count` invalid bytes (0xFF) put between characters."""
    data = (seed_en() if seed == "en" else seed_ar()).encode("utf-8")
    if seed == "en":
        data = data.replace(b"Charge", "Chargé".encode()).replace(
            b"peacekeeping", "peace\u2011keeping".encode()
        )
        data = "Côte d’Ivoire, Türkiye — ".encode() + data
    rng = random.Random(rng_seed)
    cuts = sorted(rng.randrange(len(data)) for _ in range(count))
    out, last = bytearray(), 0
    for c in cuts:
        while c < len(data) and (data[c] & 0xC0) == 0x80:  # not inside a multi-byte character
            c += 1
        out += data[last:c] + b"\xff"
        last = c
    out += data[last:]
    return bytes(out)


def utf16(bom: bool = True, endian: str = "le", seed: str = "en") -> bytes:
    text = seed_en() if seed == "en" else seed_ar()
    body = text.encode(f"utf-16-{endian}")
    return ((b"\xff\xfe" if endian == "le" else b"\xfe\xff") if bom else b"") + body


def utf32(bom: bool = True, endian: str = "le", seed: str = "en") -> bytes:
    text = seed_en() if seed == "en" else seed_ar()
    body = text.encode(f"utf-32-{endian}")
    return ((b"\xff\xfe\x00\x00" if endian == "le" else b"\x00\x00\xfe\xff") if bom else b"") + body


def cp1252() -> bytes:
    """The English seed with typographic quotes, dashes and accents, encoded as Windows-1252."""
    text = seed_en().replace('"', "\u201c").replace("'", "\u2019")
    text = "Côte d’Ivoire — “Chargé d’affaires” – ‘peacekeeping’ …\n" + text
    return text.encode("cp1252", "replace")


def nul_bytes(where: str = "start") -> bytes:
    """NUL bytes in a text file: at the start, after 4 KB (past the binary sniffing), or sprinkled."""
    data = seed_en().encode("utf-8")
    if where == "start":
        return b"\x00" + data
    if where == "after_4k":
        return data[:5000] + b"\x00" * 8 + data[5000:]
    if where == "sprinkled":
        return data[:4096] + data[4096:].replace(b"\n", b"\x00\n")
    raise ValueError(where)


# ---------------------------------------------------------------------------------- argv attacks (6)

NEWLINE_SYMBOL = "nope\nerror: injected second line"
ESCAPE_SYMBOL = "S/2020/\x1b[2J\x1b[31mRED\x1b[0m"


def long_symbol(n: int = 10_000) -> str:
    """A 10,000-character "symbol" (looks like one: S/2020/ and digits)."""
    return "S/2020/" + "9" * (n - len("S/2020/"))


FETCH_SYMBOLS = [".", "..", "///", "S/../../etc", "S/2020/249\nerror: x"]
