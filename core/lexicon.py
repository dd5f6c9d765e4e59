"""Per-language words and forms (core/data/lexicon/<lang>.toml), loaded once and compiled."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

from .data_files import load

_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class Lexicon:
    lang: str
    enacting: re.Pattern[str]
    resolution_heading: re.Pattern[str]
    adopted: re.Pattern[str]
    annex: re.Pattern[str]
    heading_max_words: int
    preambular_leads: tuple[str, ...]  # longest first
    operative_leads: tuple[str, ...]
    lead_adverbs: tuple[str, ...]
    preambular_opener: re.Pattern[str]
    lead_fallback: re.Pattern[str]  # the lead when no listed lead applies (default: the first word)
    date: re.Pattern[str]  # a printed date with groups day, month, year
    sc_keyword: re.Pattern[str]
    ga_keyword: re.Pattern[str]
    months: dict[str, int]
    detect_words: frozenset[str]  # telling Latin-script languages apart: lower case only
    detect_any_case: frozenset[str]
    raw: dict


def _rx(section: dict, key: str) -> re.Pattern[str]:
    value = section.get(key)
    return re.compile(value) if value else _NEVER


@functools.cache
def languages() -> tuple[str, ...]:
    folder = files("resinspect.data").joinpath("lexicon")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


@functools.cache
def lexicon(lang: str) -> Lexicon:
    data = load(f"lexicon/{lang}")
    st, para, cit = data.get("structure", {}), data.get("paragraph", {}), data.get("citation", {})
    by_len = functools.partial(sorted, key=len, reverse=True)
    return Lexicon(
        lang=lang,
        enacting=_rx(st, "enacting"),
        resolution_heading=_rx(st, "resolution_heading"),
        adopted=_rx(st, "adopted"),
        annex=_rx(st, "annex"),
        heading_max_words=int(st.get("heading_max_words", 8)),
        preambular_leads=tuple(by_len(para.get("preambular_leads", []))),
        operative_leads=tuple(by_len(para.get("operative_leads", []))),
        lead_adverbs=tuple(by_len(para.get("lead_adverbs", []))),
        preambular_opener=_rx(para, "preambular_opener"),
        lead_fallback=re.compile(para.get("lead_fallback", r"[^\W\d_][\w’'\-]*")),
        date=re.compile(st.get("date", r"(?P<day>\d{1,2})\s+(?P<month>\S+)\s+(?P<year>\d{4})")),
        sc_keyword=_rx(cit, "sc_keyword"),
        ga_keyword=_rx(cit, "ga_keyword"),
        months={str(k).casefold(): int(v) for k, v in data.get("months", {}).items()},
        detect_words=frozenset(data.get("detect", {}).get("words", [])),
        detect_any_case=frozenset(data.get("detect", {}).get("any_case", [])),
        raw=data,
    )


def scoped(pattern: str) -> str:
    """`(?i)x` → `(?i:x)`, so patterns with leading global flags can be joined with `|`."""
    pattern = re.sub(r"\(\?P<\w+>", "(?:", pattern)  # group names repeat across languages
    m = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return f"(?{m[1]}:{pattern[m.end() :]})" if m else f"(?:{pattern})"


def all_lexicons() -> list[Lexicon]:
    return [lexicon(x) for x in languages()]


@functools.cache
def structural_line() -> re.Pattern[str]:
    """A line that is a resolution heading, adoption line, enacting formula or annex title in any language."""
    parts = []
    for lx in all_lexicons():
        for rx in (lx.enacting, lx.resolution_heading):
            if rx is not _NEVER:
                parts.append(scoped(rx.pattern) + "$")

        if lx.adopted is not _NEVER:
            parts.append(scoped(lx.adopted.pattern))
    return re.compile("|".join(parts) or _NEVER.pattern)


@functools.cache
def annex_line() -> re.Pattern[str]:
    """A line that is an annex title in any language (no final comma: not "Annex 1 to resolution …,")."""
    parts = [
        r"(?!.*[,;،，；]$)" + scoped(lx.annex.pattern) + "$"
        for lx in all_lexicons()
        if lx.annex is not _NEVER
    ]
    return re.compile("|".join(parts) or _NEVER.pattern)


@functools.cache
def lead_start() -> re.Pattern[str]:
    """A line opening with a preambular lead or opener in any language (for re-joining wrapped lines)."""
    parts = []
    for lx in all_lexicons():
        if lx.preambular_opener is not _NEVER:
            parts.append(scoped(lx.preambular_opener.pattern))
        parts += [re.escape(w) + r"\b" for w in lx.preambular_leads]
        if lx.lead_adverbs and lx.preambular_leads:
            # an adverb before a lead, which is then in lower case: "Further recalling", "Also welcoming"
            leads = "|".join(re.escape(w[:1].lower() + w[1:]) for w in lx.preambular_leads)
            advs = "|".join(re.escape(w) for w in lx.lead_adverbs)
            parts.append(rf"(?:{advs})\s+(?:{leads})\b")
    return re.compile("|".join(parts) or _NEVER.pattern)


@functools.cache
def operative_start() -> re.Pattern[str]:
    """A line opening with an operative lead in any language (an unnumbered operative paragraph)."""
    parts = []
    for lx in all_lexicons():
        words = [w for w in lx.operative_leads if w not in lx.preambular_leads]
        advs = "|".join(re.escape(w) for w in lx.lead_adverbs)
        if words:
            low = "|".join(re.escape(w[:1].lower() + w[1:]) for w in words)
            parts.append("(?:" + "|".join(map(re.escape, words)) + r")\b")
            if advs:
                parts.append(rf"(?:{advs})\s+(?:{low})\b")
    return re.compile("|".join(parts) or _NEVER.pattern)
