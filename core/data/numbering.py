"""Security Council resolution numbers by year (`sc_resolutions.toml`): numbers run by year, so a number
names one year, and a number with a year names a resolution only where the year's range holds it."""

from __future__ import annotations

import functools

from .load import load


@functools.cache
def _years() -> dict[int, tuple[int, int]]:
    return {int(y): (int(a), int(b)) for y, (a, b) in load("sc_resolutions")["years"].items()}


def is_sc_resolution(number: int, year: int) -> bool:
    """True when `number (year)` names a Security Council resolution (numbers run by year); past the table's
    last year, any number past its last one."""
    years = _years()
    if year in years:
        first, last = years[year]
        return first <= number <= last
    last_year = max(years)
    return year > last_year and number > years[last_year][1]


def year_of(number: int) -> int | None:
    """The year of Security Council resolution `number` (numbers run by year), or None past the table."""
    for year, (first, last) in _years().items():
        if first <= number <= last:
            return year
    return None
