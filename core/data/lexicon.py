"""Per-language words and forms (`core/data/lexicon/<lang>.toml`), loaded once, checked and compiled.

Every key a lexicon file may hold is named here (`_KEYS`); a file with a key this module does not read is an
error, so data and code cannot drift apart. Sections: `[detect]` (telling Latin-script languages apart),
`[structure]` (enacting formula, headings, adoption line, dates, annexes), `[paragraph]` (leads),
`[citation]` (keywords before and after resolution numbers, list joiners, other bodies), `[vote]` (vote-list
labels, the word for an empty list, the sentences around a vote), `[garble]` (Arabic: phrases and words a
broken font map is recognised and learned by), `[months]`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from ..model import VOTE_LISTS, VoteList
from ..text.scripts import CYRILLIC, LATIN, WIDE_RE
from ..text.stray import spaced, spaced_digits
from .load import load

NEVER = re.compile(r"(?!x)x")

# every key of every section, and its type: "re" (a regex), "str", "int", "words" (a list of strings),
# "numbers" (a table of word → int), "months" (a table of month name → 1..12)
_KEYS: dict[str, dict[str, str]] = {
    "": {"language": "str"},
    "detect": {"words": "words", "any_case": "words"},
    "structure": {
        "enacting": "re", "resolution_heading": "re", "adopted": "re", "annex": "re", "date": "re",
        "heading_max_words": "int",
    },
    "paragraph": {
        "preambular_leads": "words", "operative_leads": "words", "lead_adverbs": "words",
        "preambular_opener": "re", "lead_fallback": "re", "suspended_joiners": "words",
        "unfinished_words": "words",
    },
    "citation": {
        "sc_keyword": "re", "sc_keyword_after": "re", "ga_keyword": "re", "ga_keyword_after": "re",
        "list_joiners": "words",
        "other_body_before": "re", "other_body_after": "re",
    },
    "vote": {
        "in_favour": "words", "against": "words", "abstaining": "words", "none": "words",
        "written": "re", "meeting": "re", "tally_number": "re", "tally_label": "re", "adopted_as": "re",
        "not_adopted": "re", "amendment": "re", "draft": "re", "draft_document": "re", "after_list": "re", "numbers": "numbers",
        "procedural": "re", "adopted": "re", "adopted_line": "re",
        "articles": "words", "replies": "re", "reply_from": "re", "reply_position": "re", "reply_end": "re",
        "reply_adopted": "re", "vote_closes": "re", "report_dated": "re", "state_form": "re",
    },
    "garble": {"body_anchors": "words", "common_words": "words"},
    "months": {},  # any key: a month name
}  # fmt: skip


@dataclass(frozen=True)
class VoteWords:
    """How a language prints a vote: list labels, the word for an empty list, the sentences around it."""

    labels: dict[VoteList, tuple[str, ...]]  # in_favour / against / abstaining label words
    none: tuple[str, ...]
    written: re.Pattern[str]  # a written-procedure letter says so before its vote block
    meeting: re.Pattern[str]  # a vote taken in a meeting ("A vote was taken by show of hands")
    # a tally sentence's count clauses: a list's label (groups in_favour / against / abstaining, or `to` with
    # the count against as `m`: "9 votes to none"), and the number that ends just before it (group n)
    tally_label: re.Pattern[str]
    tally_number: re.Pattern[str]
    # "adopted as resolution N (YYYY)", groups number, year (or number2, year2); the year may be left out
    adopted_as: re.Pattern[str]
    not_adopted: re.Pattern[str]
    amendment: re.Pattern[str]
    # the announcement puts a procedural question to the vote (the provisional agenda)
    procedural: re.Pattern[str]
    # a procedural question "has been adopted" (no resolution), looked for when `not_adopted` is not found
    adopted: re.Pattern[str]
    # the adoption line an older resolution's text ends with, its vote in it ("Adopted at the 942nd meeting by 9
    # votes to none, with 2 abstentions (…)"): the vote on the resolution whose text holds it
    adopted_line: re.Pattern[str]
    draft: re.Pattern[str]  # the draft voted on, group symbol
    draft_document: re.Pattern[str]  # "document S/<year>/<n>, which contains the text of a draft resolution"
    after_list: re.Pattern[str]  # where the sentence after a vote begins, if extraction joined it on
    numbers: dict[str, int]  # number words of tallies ("eleven")
    articles: tuple[str, ...] = ()  # articles a list may print before a name ("the Niger", "la Chine")
    # a compilation of the members' replies to a vote by written procedure (`votes.replies`): the cover letter
    # says it encloses them; a reply's heading names the member (group member); the position a reply states
    # (groups in_favour / against / abstaining), before the reply ends (its signature); the cover letter's
    # "Resolution N (YYYY) was adopted" (groups number, year)
    replies: re.Pattern[str] = NEVER
    reply_from: re.Pattern[str] = NEVER
    reply_position: re.Pattern[str] = NEVER
    reply_end: re.Pattern[str] = NEVER
    reply_adopted: re.Pattern[str] = NEVER
    state_form: re.Pattern[str] = NEVER  # a state's formal name before its short one: "the Republic of"
    # the date of a vote by written procedure where no adoption line dates it: the day its voting period
    # expired ("… will expire at 3.00 p.m. on Monday, 22 June 2020"), else the date of the President's letter
    # that reports it (its heading, "Letter dated 8 July 2020 from the President …"); group date
    vote_closes: re.Pattern[str] = NEVER
    report_dated: re.Pattern[str] = NEVER


@dataclass(frozen=True, eq=False)  # one per language (cached): compared and hashed by identity
class Lexicon:
    lang: str
    # [structure]
    enacting: re.Pattern[str]
    resolution_heading: re.Pattern[str]
    adopted: re.Pattern[str]  # the adoption line, its date (as `date` reads one) the group `date`
    annex: re.Pattern[str]
    heading_max_words: int
    date: re.Pattern[str]  # a printed date with groups day, month, year
    # [paragraph]
    preambular_leads: tuple[str, ...]  # longest first
    operative_leads: tuple[str, ...]
    lead_adverbs: tuple[str, ...]
    preambular_opener: re.Pattern[str]
    lead_fallback: re.Pattern[str]  # the lead when no listed lead applies (default: the first word)
    suspended_joiners: tuple[str, ...]  # "troop- and police-contributing": a hyphen left hanging before them
    unfinished_words: frozenset[str]  # words no paragraph ends on ("the", "of"): a line ending on one goes on
    # [citation]
    sc_keyword: re.Pattern[str]  # before a resolution number ("resolution", «القرار», «第»)
    sc_keyword_after: re.Pattern[
        str
    ]  # after a run of resolution numbers, where the language has it («号决议»)
    ga_keyword: re.Pattern[str]
    ga_keyword_after: re.Pattern[str]
    list_joiners: tuple[str, ...]
    other_body_before: re.Pattern[str]
    other_body_after: re.Pattern[str]
    # [months], [detect]
    months: dict[str, int]
    detect_words: frozenset[str]  # telling Latin-script languages apart: lower case only
    detect_any_case: frozenset[str]
    vote: VoteWords
    # [garble] (Arabic)
    body_anchors: tuple[str, ...]
    common_words: frozenset[str]


def _rx(section: dict[str, Any], key: str, default: str | None = None) -> re.Pattern[str]:
    value = section.get(key, default)
    return re.compile(value) if value else NEVER


def _spaced_rx(section: dict[str, Any], key: str) -> re.Pattern[str]:
    """A pattern whose words are read with a stray space inside them (`text.stray`), for what is read from a few
    words: the sentences around a vote (the draft's symbol, the outcome, the written procedure), the keywords
    around a resolution number (a number without its year is a citation only after one) and the lines a
    resolution is found by (the enacting formula, its heading, its adoption line, an annex title)."""
    value = section.get(key)
    return re.compile(spaced(value)) if value else NEVER


def _with_numbers(section: dict[str, Any], key: str, numbers: dict[str, int]) -> re.Pattern[str]:
    """A pattern in which `{number}` stands for a count: digits, or one of the language's number words (longest
    first; the spaces of a word of several, any white space), its words read with a stray space inside them."""
    value = section.get(key)
    if not value:
        return NEVER
    words = sorted(numbers, key=len, reverse=True)
    number = "(?:" + "|".join([r"\d+", *(re.escape(w).replace(r"\ ", r"\s+") for w in words)]) + ")"
    return re.compile(spaced(value.replace("{number}", number)))


def _with_months(section: dict[str, Any], default: str, months: dict[str, int]) -> re.Pattern[str]:
    """The date pattern, in which `{month}` stands for one of the language's month names (longest first, any
    case), each read with a stray space inside it ("Janu ary"); without month names, any word. A stray space
    may stand inside the day and the year too ("1 5", "20 20")."""
    names = "|".join(spaced(re.escape(m)) for m in sorted(months, key=len, reverse=True))
    month = f"(?i:{names})" if names else r"[^\W\d_]+"
    return re.compile(spaced_digits(section.get("date", default)).replace("{month}", month))


def _with_date(section: dict[str, Any], key: str, date: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern in which `{date}` stands for the language's printed date (`date`, as `_with_months` builds
    it: month names and digits read with a stray space inside them) as the group `date`; its other words
    read with a stray space inside them, as `_spaced_rx` reads them, and its counted digits as the date's
    (a meeting's number "60 63rd")."""
    value = section.get(key)
    if not value:
        return NEVER
    # the placeholder stands in as a character no rewrite touches (a private-use one), then is put in
    spaced_value = spaced_digits(spaced(value.replace("{date}", _DATE_SLOT)))
    return re.compile(spaced_value.replace(_DATE_SLOT, f"(?P<date>{date.pattern})"))


_DATE_SLOT = "\ue000"


def _check(lang: str, data: dict[str, Any]) -> None:
    """Every key is one this module reads, with a value of the right type."""
    for section, value in data.items():
        if not isinstance(value, dict):
            section, value = "", {section: value}
        if section not in _KEYS:
            raise ValueError(f"lexicon/{lang}.toml: unknown section [{section}]")
        for key, v in value.items():
            kind = "months" if section == "months" else _KEYS[section].get(key)
            ok = {
                "re": isinstance(v, str),
                "str": isinstance(v, str),
                "int": isinstance(v, int),
                "words": isinstance(v, list) and all(isinstance(x, str) for x in v),
                "numbers": isinstance(v, dict) and all(isinstance(x, int) for x in v.values()),
                "months": isinstance(v, int) and 1 <= v <= 12,
                None: False,
            }[kind]
            if not ok:
                where = f"[{section}] {key}" if section else key
                raise ValueError(f"lexicon/{lang}.toml: {where}: unknown key or wrong type")
    if data.get("language", lang) != lang:
        raise ValueError(f"lexicon/{lang}.toml says language = {data['language']!r}")


@functools.cache
def languages() -> tuple[str, ...]:
    """The languages that have a lexicon file (the six official languages)."""
    folder = files("resinspect.data").joinpath("lexicon")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


def _by_len(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def lexicon(lang: str) -> Lexicon:
    data = load(f"lexicon/{lang}")
    _check(lang, data)
    st, para, cit = data.get("structure", {}), data.get("paragraph", {}), data.get("citation", {})
    vt, gb, det = data.get("vote", {}), data.get("garble", {}), data.get("detect", {})
    numbers = {" ".join(str(k).casefold().split()): int(v) for k, v in vt.get("numbers", {}).items()}
    months = {str(k).casefold(): int(v) for k, v in data.get("months", {}).items()}
    date = _with_months(st, r"(?P<day>\d{1,2})\s+(?P<month>{month})\s+(?P<year>\d{4})", months)
    vote = VoteWords(
        labels={k: tuple(vt.get(k, ())) for k in VOTE_LISTS},
        none=tuple(vt.get("none", ())),
        written=_spaced_rx(vt, "written"),
        meeting=_spaced_rx(vt, "meeting"),
        tally_label=_with_numbers(vt, "tally_label", numbers),
        tally_number=_with_numbers(vt, "tally_number", numbers),
        adopted_as=_spaced_rx(vt, "adopted_as"),
        not_adopted=_spaced_rx(vt, "not_adopted"),
        amendment=_spaced_rx(vt, "amendment"),
        procedural=_spaced_rx(vt, "procedural"),
        adopted=_spaced_rx(vt, "adopted"),
        adopted_line=_spaced_rx(vt, "adopted_line"),
        draft=_spaced_rx(vt, "draft"),
        draft_document=_spaced_rx(vt, "draft_document"),
        after_list=_spaced_rx(vt, "after_list"),
        numbers=numbers,
        articles=tuple(vt.get("articles", ())),
        replies=_spaced_rx(vt, "replies"),
        reply_from=_with_date(vt, "reply_from", date),
        reply_position=_spaced_rx(vt, "reply_position"),
        reply_end=_spaced_rx(vt, "reply_end"),
        reply_adopted=_spaced_rx(vt, "reply_adopted"),
        state_form=_spaced_rx(vt, "state_form"),
        vote_closes=_with_date(vt, "vote_closes", date),
        report_dated=_with_date(vt, "report_dated", date),
    )
    return Lexicon(
        lang=lang,
        enacting=_spaced_rx(st, "enacting"),
        resolution_heading=_spaced_rx(st, "resolution_heading"),
        adopted=_with_date(st, "adopted", date),
        annex=_spaced_rx(st, "annex"),
        heading_max_words=int(st.get("heading_max_words", 8)),
        date=date,
        preambular_leads=_by_len(para.get("preambular_leads", [])),
        operative_leads=_by_len(para.get("operative_leads", [])),
        lead_adverbs=_by_len(para.get("lead_adverbs", [])),
        preambular_opener=_rx(para, "preambular_opener"),
        lead_fallback=_rx(para, "lead_fallback", r"[^\W\d_][\w’'\-]*"),
        suspended_joiners=tuple(para.get("suspended_joiners", ())),
        unfinished_words=frozenset(para.get("unfinished_words", ())),
        sc_keyword=_spaced_rx(cit, "sc_keyword"),
        sc_keyword_after=_spaced_rx(cit, "sc_keyword_after"),
        ga_keyword=_spaced_rx(cit, "ga_keyword"),
        ga_keyword_after=_spaced_rx(cit, "ga_keyword_after"),
        list_joiners=tuple(cit.get("list_joiners", ())),
        other_body_before=_spaced_rx(cit, "other_body_before"),
        other_body_after=_spaced_rx(cit, "other_body_after"),
        months=months,
        detect_words=frozenset(det.get("words", [])),
        detect_any_case=frozenset(det.get("any_case", [])),
        vote=vote,
        body_anchors=tuple(gb.get("body_anchors", ())),
        common_words=frozenset(gb.get("common_words", ())),
    )


def scoped(pattern: str) -> str:
    """`(?i)x` → `(?i:x)`, so patterns with leading global flags can be joined with `|`."""
    pattern = re.sub(r"\(\?P<\w+>", "(?:", pattern)  # group names repeat across languages
    m = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return f"(?{m[1]}:{pattern[m.end() :]})" if m else f"(?:{pattern})"


def all_lexicons() -> list[Lexicon]:
    return [lexicon(x) for x in languages()]


def any_of(patterns: list[re.Pattern[str]], suffix: str = "") -> re.Pattern[str]:
    """One regex matching any of the (non-empty) patterns, each followed by `suffix`."""
    parts = [scoped(rx.pattern) + suffix for rx in patterns if rx is not NEVER]
    return re.compile("|".join(parts) or NEVER.pattern)


@dataclass(frozen=True)
class Joiners:
    """What joins the items of a list, in any language (from every lexicon's `list_joiners`)."""

    link: re.Pattern[str]  # the link between two items: ", ", " and ", "、", " و"
    apart: tuple[str, ...]  # conjunctions written apart from the next word: "and", "et", "y", "и"
    attached: tuple[str, ...]  # conjunctions written joined to it: the Arabic «و», the Chinese «和»
    marks: str  # punctuation between items: ",;،؛、，；"
    after_item: re.Pattern[str]  # a line that stops on a conjunction after a number or label ("81 (a) and")


@functools.cache
def joiners() -> Joiners:
    """The list joiners of every lexicon, sorted into words and marks."""
    words: list[str] = []
    marks: list[str] = []
    for lx in all_lexicons():
        for j in lx.list_joiners:
            (marks if not re.search(r"\w", j) else words).append(j)
    words = sorted(dict.fromkeys(words), key=len, reverse=True)
    spaced = [w for w in words if re.match(f"[{LATIN}{CYRILLIC}]", w)]
    bare = [w for w in words if w not in spaced]  # Arabic «و» and Chinese «和» need no spaces around them
    alts = [r"\s*[" + re.escape("".join(dict.fromkeys(marks))) + r"]\s*"] if marks else []
    if spaced:
        alts.append(r"\s+(?:" + "|".join(map(re.escape, spaced)) + r")\s+")
    if bare:
        alts.append(r"\s*(?:" + "|".join(map(re.escape, bare)) + r")\s*")
    conj = [r"\s+(?:" + "|".join(map(re.escape, spaced)) + ")"] if spaced else []
    conj += [r"\s*(?:" + "|".join(map(re.escape, bare)) + ")"] if bare else []
    return Joiners(
        re.compile("(?:" + "|".join(alts) + ")"),
        tuple(spaced),
        tuple(bare),
        "".join(dict.fromkeys(marks)),
        re.compile(r"[\d)](?:" + ("|".join(conj) or "(?!)") + r")\s*$"),
    )


@functools.cache
def structural_line() -> re.Pattern[str]:
    """A line that is a resolution heading, adoption line, enacting formula or annex title in any language."""
    parts = []
    for lx in all_lexicons():
        for rx in (lx.enacting, lx.resolution_heading):
            if rx is not NEVER:
                parts.append(scoped(rx.pattern) + "$")
        if lx.adopted is not NEVER:
            parts.append(scoped(lx.adopted.pattern))
    return re.compile("|".join(parts) or NEVER.pattern)


@functools.cache
def annex_line() -> re.Pattern[str]:
    """A line that is an annex title in any language (no final comma: not "Annex 1 to resolution …,")."""
    parts = [
        r"(?!.*[,;،，；]$)" + scoped(lx.annex.pattern) + "$" for lx in all_lexicons() if lx.annex is not NEVER
    ]
    return re.compile("|".join(parts) or NEVER.pattern)


def _word(w: str) -> str:
    """A listed word as a regex that ends at a word boundary, except in scripts without spaces (a Chinese lead
    runs straight into its object: «回顾其第…号决议»)."""
    return re.escape(w) + ("" if WIDE_RE.match(w[-1:]) else r"\b")


def _chosen(langs: tuple[str, ...]) -> list[Lexicon]:
    return [lexicon(x) for x in langs] if langs else all_lexicons()


@functools.cache
def leads_mark_a_start(langs: tuple[str, ...] = ()) -> bool:
    """Whether these languages print a preambular lead capitalised where it opens a paragraph (English, French,
    Spanish), so that its case tells it from the same word inside a sentence; not where leads are printed in
    lower case (Russian) or the script has no case (Arabic, Chinese)."""
    return all(any(w[:1].isupper() for w in lx.preambular_leads) for lx in _chosen(langs))


@functools.cache
def lead_start(langs: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A line opening with a preambular lead or opener in these languages (default: any), for telling where a
    paragraph starts. Arabic is matched without marks (`text.arabic.strip_marks`), as the leads are listed."""
    parts = []
    for lx in _chosen(langs):
        if lx.preambular_opener is not NEVER:
            parts.append(scoped(lx.preambular_opener.pattern))
        parts += [_word(w) for w in lx.preambular_leads]
        if lx.lead_adverbs and lx.preambular_leads:
            # an adverb before a lead, which is then in lower case: "Further recalling", "Also welcoming"
            leads = "|".join(re.escape(w[:1].lower() + w[1:]) for w in lx.preambular_leads)
            advs = "|".join(re.escape(w) for w in lx.lead_adverbs)
            parts.append(rf"(?:{advs})\s+(?:{leads})\b")
    return re.compile("|".join(parts) or NEVER.pattern)


@functools.cache
def operative_start(langs: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A line opening with an operative lead in these languages (default: any): an unnumbered operative
    paragraph, or the text after an operative number."""
    parts = []
    for lx in _chosen(langs):
        words = [w for w in lx.operative_leads if w not in lx.preambular_leads]
        advs = "|".join(re.escape(w) for w in lx.lead_adverbs)
        if words:
            low = "|".join(re.escape(w[:1].lower() + w[1:]) for w in words)
            parts.append("(?:" + "|".join(_word(w) for w in words) + ")")
            if advs:
                parts.append(rf"(?:{advs})\s+(?:{low})\b")
    return re.compile("|".join(parts) or NEVER.pattern)
