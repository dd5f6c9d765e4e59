"""Printed dates in the six languages → ISO dates, through each lexicon's date form and month names."""

from __future__ import annotations

import re

from ..data.lexicon import Lexicon, lexicon
from .arabic import strip_marks
from .scripts import latin_digits
from .stray import compact, lookup


def find_date(s: str, lang: str | Lexicon) -> str | None:
    """The first date printed in `s` in the language's form ("30 March 2020", «30 آذار/مارس 2020»,
    «2020年3月30日»), as an ISO date."""
    lx = lexicon(lang) if isinstance(lang, str) else lang
    for m in lx.date.finditer(latin_digits(s)):
        # Arabic double names, spaced or not ("تشرين الثاني/ نوفمبر") and with their marks or not ("الأوّل")
        name = strip_marks(re.sub(r"\s*/\s*", "/", m["month"]))
        digits = compact(name)  # a month by its number («2020年12月»), cut by a stray space or not
        month = int(digits) if digits.isdigit() else lookup(lx.months, name.casefold())
        day = int(compact(m["day"]))
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{compact(m['year'])}-{month:02d}-{day:02d}"
    return None
