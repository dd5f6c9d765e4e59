"""Compare the paragraph leads of the UN's own XML with what the lexicons would match.

Run by a maintainer when a lexicon's `[paragraph]` section changes (standard library only):

    python tools/lexicon_leads.py --xml /work/shared/corpus/dev/unxml --lexicons core/data/lexicon
    python tools/lexicon_leads.py --xml … --lexicons … --check        # exit 1 when a lead is uncovered

The XML is UN DGACM AKN4UN (UNxml/SCresolutions): `<year>/<Language>/*.xml` (six languages) and
`Pre-2020/<year>/*.xml` (English). Preambular paragraphs are `preamble/container` (PP1, PP2, … in order),
operative ones `mainBody//paragraph` with an integer `num` (OPn), as the evaluation's truth counts them.
The lead of a paragraph is the styled run (`<span class="italic">`, `"bold italic"` in Arabic, `"bold"` in
Chinese) at the start of its first `p`; consecutive styled runs separated only by spaces are one lead.

Leads are normalised (NFC, whitespace collapsed, final punctuation dropped; Arabic without tashkeel and
tatweel, as the lexicons write it) and checked against the lexicon of their language the way
resinspect's `core/lexicon.py` and `core/paragraphs.py` use it (case-sensitive, like the tool):

* a PP lead is covered if it starts (at a word end; anywhere in Chinese) with one of `preambular_leads`,
  or with one of `lead_adverbs` followed by a lead with its first letter in lower case, or if the
  paragraph's text matches `preambular_opener`;
* an OP lead is covered the same way by `operative_leads` (optionally after an adverb). An OP that opens
  with a preambular-style phrase ("Emphasising the importance …, decides …") is counted apart, not as a gap.

Also reported: leads covered only by a shorter listed lead or only by the opener regex (informational),
paragraphs whose start is not styled, and, for resolutions present in several languages, paragraphs
(PPn / OPn) that carry a lead in one language while the same paragraph is missing or unstyled in another.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
LANGS = ("en", "fr", "es", "ru", "ar", "zh")
FOLDERS = {"English": "en", "French": "fr", "Spanish": "es", "Russian": "ru", "Arabic": "ar", "Chinese": "zh"}
STYLED = ("italic", "bold")  # a lead's span class contains one of these ("italic", "bold italic", "bold")

# Paragraphs that are not what they seem, found while writing this tool: errors of the XML (or of the UN text
# itself) that no lexicon is tuned to. Reported apart, not counted as uncovered.
# (symbol, language or "*", paragraph id or "*") -> what is wrong.
KNOWN = {
    ("S/RES/2567 (2021)", "ru", "*"): "the Russian file holds the Spanish text (so does the truth)",
    (
        "S/RES/2568 (2021)",
        "*",
        "PP18",
    ): "'and stressing …' (fr, es, ru, zh alike): the end of PP17 made a paragraph",
    (
        "S/RES/1285 (2000)",
        "en",
        "PP8",
    ): "'urging the parties …' in lower case: the end of PP7 made a paragraph",
    ("S/RES/2607 (2021)", "ru", "PP5"): "an empty container: the Russian ids after it are one ahead",
    ("S/RES/2537 (2020)", "ru", "PP6"): "'по объединению …' in lower case: the end of PP5 made a paragraph "
    "(the Russian ids after it are one ahead)",
    ("S/RES/2525 (2020)", "en", "OP11"): "'Request' for 'Requests' (the English text's own typo)",
    ("S/RES/1889 (2009)", "en", "OP15"): "'Request' for 'Requests' (the English text's own typo)",
    ("S/RES/2556 (2020)", "fr", "OP19"): "'Prends note' for 'Prend note' (the French text's own typo)",
    (
        "S/RES/2556 (2020)",
        "*",
        "OP30",
    ): "'Ensure the protection …' (six languages): a mandate task numbered as a paragraph",
    (
        "S/RES/2612 (2021)",
        "*",
        "OP30",
    ): "'Ensure the protection …' (six languages): a mandate task numbered as a paragraph",
    (
        "S/RES/1409 (2002)",
        "en",
        "OP17",
    ): "'IDENTICAL GOODS PREVIOUSLY SUBMITTED:' a form line numbered as a paragraph",
    (
        "S/RES/2526 (2020)",
        "ar",
        "PP5",
    ): "«ويؤكد من جديد» without «إذ» (the other languages: a preambular participle)",
    ("S/RES/2556 (2020)", "ar", "OP43"): "«ويطلب» with «و» (the other languages: 'Requests')",
}


def known(symbol: str, lang: str, pid: str) -> str | None:
    for key in ((symbol, lang, pid), (symbol, "*", pid), (symbol, lang, "*")):
        if key in KNOWN:
            return KNOWN[key]
    return None


_WS = re.compile(r"\s+")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # tashkeel, tatweel
_FINAL_PUNCT = " ,;:.،؛，；：。"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUM = re.compile(r"^\(?\s*(\d{1,3})\s*[.\-–．)]?\s*$")
_SUB_LABEL = re.compile(r"^\(?[a-zа-я\u0621-\u064a]{1,2}\)$|^\([ivx]{1,5}\)$")  # "(a)" before "Decides"
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# Languages whose preambular and operative leads are the same words (Chinese «回顾», «欢迎» in both parts): a
# preambular lead found only in the operative list is a gap there, not a drafting slip, and the other way round.
_SAME_FORM = {"zh"}
_SYMBOL = re.compile(r"/(\d{3,4})-(\d{4})/")


def norm(s: str, lang: str, marks: bool = False) -> str:
    """NFC, whitespace collapsed; Arabic without tashkeel and tatweel unless `marks`."""
    s = unicodedata.normalize("NFC", _WS.sub(" ", s.replace("\u00a0", " "))).strip()
    if lang == "ar" and not marks:
        s = _ARABIC_MARKS.sub("", s)
    return s


# ---------------------------------------------------------------- the XML


@dataclass
class Para:
    pid: str  # PP3, OP12 (X3: a preambular line inside a mainBody section, not counted by the truth)
    lead: str | None  # the styled run at the start, normalised; None when the start is not styled
    text: str  # the paragraph's first p, normalised
    raw: str = ""  # the same with its Arabic marks (what a PDF of it prints and resinspect matches literally)
    later: str | None = (
        None  # the first styled run further on, when the start is not styled ("In this context,
    )
    # <i>requests</i>")


@dataclass
class Resolution:
    symbol: str
    lang: str
    path: Path
    paras: dict[str, Para] = field(default_factory=dict)
    odd: list[str] = field(default_factory=list)  # XML oddities seen while reading


def _styled(e: ET.Element) -> bool:
    return e.tag == NS + "span" and any(s in (e.get("class") or "") for s in STYLED)


def _text(e: ET.Element) -> str:
    return "".join(e.itertext())


def read_lead(p: ET.Element, lang: str) -> tuple[str | None, str, str, str | None]:
    """The styled lead at the start of `p` (or None), the whole text of `p`, both normalised, that text
    with its Arabic marks, and (when the start is not styled) the first styled run further on."""
    full, raw = norm(_text(p), lang), norm(_text(p), lang, marks=True)
    head = (p.text or "").strip()
    if head and _SUB_LABEL.match(head):
        full, raw = full[len(head) :].lstrip(), raw[len(head) :].lstrip()
    kids = list(p)
    if head and not _SUB_LABEL.match(head) or not kids or not _styled(kids[0]):
        later = next((norm(_text(k), lang).strip(_FINAL_PUNCT) for k in kids if _styled(k)), None)
        return None, full, raw, later or None
    parts = [_text(kids[0])]
    for prev, nxt in zip(kids, kids[1:], strict=False):
        if (prev.tail or "").strip() or not _styled(nxt):
            break
        parts.append((prev.tail or "") + _text(nxt))
    lead = norm("".join(parts), lang).strip(_FINAL_PUNCT)
    return lead or None, full, raw, None


def _first_p(e: ET.Element) -> ET.Element | None:
    """The paragraph's first text: its content, its list's intro, or, when the intro is empty ("11. (a)
    Expresses …"), its first point."""
    for path in (
        f"{NS}content/{NS}p",
        f"{NS}list/{NS}intro/{NS}p",
        f"{NS}list/{NS}point/{NS}content/{NS}p",
        f"{NS}p",
        f"{NS}blockList/{NS}listIntroduction",
    ):
        p = e.find(path)
        if p is not None and _text(p).strip():
            return p
    return None


def _num(e: ET.Element) -> int | None:
    n = e.find(NS + "num")
    if n is None:
        return None
    m = _NUM.match(_text(n).strip().translate(_DIGITS))
    return int(m[1]) if m else None


def read_resolution(path: Path, lang: str) -> Resolution | None:
    root = ET.parse(path).getroot()
    stmt = next((c for c in root if c.tag != NS + "meta"), None)
    if stmt is None or stmt.get("name") not in (None, "resolution"):
        return None  # presidential statements (S/PRST/…) have no PP/OP structure
    this = root.find(f".//{NS}FRBRWork/{NS}FRBRthis")
    m = _SYMBOL.search(this.get("value", "")) if this is not None else None
    if not m:
        return None
    date = root.find(f".//{NS}FRBRWork/{NS}FRBRdate")
    year = (date.get("date") or "")[:4] if date is not None else ""
    year = year if year.isdigit() and int(year) >= 1946 else ""  # some files say 0001-01-01
    res = Resolution(f"S/RES/{int(m[1])} ({year or m[2]})", lang, path)
    if (
        year and year != m[2]
    ):  # S/RES/2510 (2019) in the French and Spanish files of a resolution of 2020-02-12
        res.odd.append(f"symbol S/RES/{int(m[1])} ({m[2]}) in the XML, adopted {date.get('date')}")
    pre = stmt.find(NS + "preamble")
    for k, c in enumerate(pre.findall(NS + "container") if pre is not None else [], 1):
        p = _first_p(c)
        lead, text, raw, later = read_lead(p, lang) if p is not None else (None, "", "", None)
        res.paras[f"PP{k}"] = Para(f"PP{k}", lead, text, raw, later)
    body = stmt.find(NS + "mainBody")
    if body is None:
        return res
    x = 0
    pending: int | None = None  # a number in an empty paragraph, the text in the next one
    for e in body.iter():
        if e.tag == NS + "crossHeading" and e.get("refersTo") == "#preamble":
            x += 1
            lead, text, raw, later = read_lead(e, lang)
            res.paras[f"X{x}"] = Para(f"X{x}", lead, text, raw, later)
            res.odd.append(f"X{x}: preambular line inside a mainBody section ({(lead or text)[:40]!r})")
            continue
        if e.tag != NS + "paragraph":
            continue
        n, p = _num(e), _first_p(e)
        if p is None:
            if n is not None:
                pending = n
                res.odd.append(f"OP{n}: number in an empty paragraph, text in the next")
            continue
        if n is None and pending is not None:
            n, pending = pending, None
        if n is None:
            continue  # a heading ("Mandate") or an unnumbered paragraph: not an OP in the truth
        lead, text, raw, later = read_lead(p, lang)
        if f"OP{n}" in res.paras:
            res.odd.append(f"OP{n}: number repeated")
            continue
        res.paras[f"OP{n}"] = Para(f"OP{n}", lead, text, raw, later)
    return res


def read_corpus(xml: Path) -> list[Resolution]:
    out = []
    for path in sorted(xml.rglob("*.xml")):
        rel = path.relative_to(xml).parts
        if rel[0] == "Pre-2020":
            lang = "en"
        elif len(rel) >= 3 and rel[1] in FOLDERS:
            lang = FOLDERS[rel[1]]
        else:
            continue
        res = read_resolution(path, lang)
        if res is not None:
            out.append(res)
    return out


# ---------------------------------------------------------------- the lexicons


@dataclass
class Lex:
    lang: str
    pp: tuple[str, ...]
    op: tuple[str, ...]
    adverbs: tuple[str, ...]
    opener: re.Pattern[str] | None


def load_lexicons(folder: Path) -> dict[str, Lex]:
    out = {}
    for lang in LANGS:
        para = tomllib.loads((folder / f"{lang}.toml").read_text(encoding="utf-8")).get("paragraph", {})

        def longest(key: str, para: dict = para) -> tuple[str, ...]:
            return tuple(sorted(para.get(key, []), key=len, reverse=True))

        rx = para.get("preambular_opener")
        out[lang] = Lex(
            lang,
            longest("preambular_leads"),
            longest("operative_leads"),
            longest("lead_adverbs"),
            re.compile(rx) if rx else None,
        )
    return out


def _lower1(w: str) -> str:
    return w[:1].lower() + w[1:]


def _starts(text: str, word: str) -> bool:
    """`text` opens with `word` ending at a word end (anywhere when `word` is Chinese), as in paragraphs._lead."""
    return text.startswith(word) and (
        len(text) == len(word) or not text[len(word)].isalnum() or bool(_CJK.match(word))
    )


def listed(lead: str, words: tuple[str, ...], adverbs: tuple[str, ...]) -> str | None:
    """The longest listed lead that `lead` opens with, perhaps after an adverb ("Further requests")."""
    for w in words:
        if _starts(lead, w):
            return w
    for adv in adverbs:
        if lead.startswith(adv + " "):
            rest = lead[len(adv) + 1 :]
            for w in words:
                if _starts(rest, _lower1(w)) or _starts(rest, w):
                    return f"{adv} {w}"
    return None


def classify(para: Para, lx: Lex) -> tuple[str, str | None]:
    """('exact' | 'prefix' | 'opener' | 'preambular-style' | 'operative-style' | 'phrase-first' | 'uncovered',
    the listed lead that matched)."""
    text = para.text
    pp = not para.pid.startswith("OP")
    words = lx.pp if pp else lx.op
    hit = listed(text, words, lx.adverbs)  # the tool sees the text: "Calls" in italic, "upon" not
    if hit is not None:
        return ("exact" if para.lead is None or len(hit) >= len(para.lead) else "prefix"), hit
    if pp:
        if lx.opener is not None and lx.opener.match(para.text):
            return "opener", None
        if lx.lang not in _SAME_FORM and listed(text, lx.op, lx.adverbs):
            return "operative-style", None  # "Recalls that …" in a preamble (S/RES/2530 (2020) en, PP19)
        if para.later and (
            listed(para.later, words, lx.adverbs) or (lx.opener and lx.opener.match(para.later))
        ):
            return "phrase-first", None  # «按照第1966(2010)号决议…，审查了…» (S/RES/2529 (2020) zh, PP9)
        return "uncovered", None
    if lx.lang not in _SAME_FORM and (
        listed(text, lx.pp, lx.adverbs) or (lx.opener is not None and lx.opener.match(para.text))
    ):
        return "preambular-style", None
    if para.later and (
        listed(para.later, words, lx.adverbs)
        or listed(para.later[:1].upper() + para.later[1:], words, lx.adverbs)
    ):
        return (
            "phrase-first",
            None,
        )  # "In this context, requests …" (S/RES/1304 (2000) en, OP5): the verb is later
    return "uncovered", None


# ---------------------------------------------------------------- the report


def _opening(text: str) -> str:
    """The first words of a text: three words, or eight characters of Chinese."""
    return (" ".join(text.split()[:3]) if " " in text[:40] else text[:8]) or "∅"


def _shown(p: Para) -> str:
    return p.lead if p.lead is not None else "[unstyled] " + _opening(p.text)


def report(corpus: list[Resolution], lexes: dict[str, Lex], out, top: int) -> int:
    """Print the report; the number of uncovered leads (occurrences)."""
    uncovered_total = 0
    by_lang: dict[str, list[Resolution]] = defaultdict(list)
    for r in corpus:
        by_lang[r.lang].append(r)
    for lang in LANGS:
        docs = by_lang.get(lang, [])
        if not docs:
            continue
        lx = lexes[lang]
        stats: dict[str, Counter] = defaultdict(Counter)
        groups: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (status, kind) -> lead -> n
        first: dict[tuple[str, str, str], str] = {}
        unstyled = 0
        marked: Counter = (
            Counter()
        )  # covered without the Arabic marks, not as printed (resinspect matches literally)
        for r in docs:
            for p in r.paras.values():
                kind = "OP" if p.pid.startswith("OP") else "PP"
                status, _ = classify(p, lx)
                if status == "uncovered" and known(r.symbol, lang, p.pid):
                    status = "known"
                if (
                    p.raw != p.text
                    and status in ("exact", "prefix")
                    and not listed(p.raw, lx.pp if kind == "PP" else lx.op, lx.adverbs)
                ):
                    marked[" ".join(p.raw.split()[:3])] += 1
                    first.setdefault(
                        ("marks", kind, " ".join(p.raw.split()[:3])), f"{r.symbol} {lang}, {p.pid}"
                    )
                stats[kind][status] += 1
                unstyled += p.lead is None
                shown = _shown(p)
                groups[(status, kind)][shown] += 1
                why = f" — {known(r.symbol, lang, p.pid)}" if status == "known" else ""
                first.setdefault((status, kind, shown), f"{r.symbol} {lang}, {p.pid}{why}")
        n_pp, n_op = sum(stats["PP"].values()), sum(stats["OP"].values())
        print(
            f"\n== {lang}: {len(docs)} resolutions, {n_pp} PP, {n_op} OP, {unstyled} without a styled lead",
            file=out,
        )
        for kind in ("PP", "OP"):
            print(f"  {kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(stats[kind].items())), file=out)
        for status, kind, title in (
            ("uncovered", "PP", "uncovered PP leads"),
            ("uncovered", "OP", "uncovered OP leads"),
            ("opener", "PP", "PP leads covered only by preambular_opener"),
            ("prefix", "PP", "PP leads covered only by a shorter listed lead"),
            ("prefix", "OP", "OP leads covered only by a shorter listed lead"),
            ("preambular-style", "OP", "OPs opening with a preambular-style phrase"),
            ("operative-style", "PP", "PPs opening with an operative lead (drafting, not a lexicon gap)"),
            ("phrase-first", "PP", "PPs whose (covered) lead comes after an opening phrase"),
            ("phrase-first", "OP", "OPs whose (listed) verb comes after an opening phrase"),
            ("known", "PP", "PPs that are XML or drafting errors (KNOWN, not tuned to)"),
            ("known", "OP", "OPs that are XML or drafting errors (KNOWN, not tuned to)"),
        ):
            c = groups.get((status, kind))
            if not c:
                continue
            if status == "uncovered":
                uncovered_total += sum(c.values())
            print(f"  -- {title}: {sum(c.values())} ({len(c)} distinct)", file=out)
            limit = None if status == "uncovered" else top
            for lead, n in c.most_common(limit):
                print(f"     {n:5d}  {lead}   [first: {first[(status, kind, lead)]}]", file=out)
        if marked:
            print(
                f"  -- leads covered only without their marks (as printed they match the opener at most): "
                f"{sum(marked.values())}",
                file=out,
            )
            for lead, n in marked.most_common(top):
                kind = "PP" if ("marks", "PP", lead) in first else "OP"
                print(f"     {n:5d}  {lead}   [first: {first[('marks', kind, lead)]}]", file=out)
    _report_oddities(corpus, out)
    _report_cross(corpus, out)
    print(f"\nUNCOVERED {uncovered_total}", file=out)
    return uncovered_total


def _report_oddities(corpus: list[Resolution], out) -> None:
    rows = [(r, o) for r in corpus for o in r.odd]
    print(f"\n== XML oddities: {len(rows)}", file=out)
    for r, o in rows:
        print(f"   {r.symbol} {r.lang}: {o}   [{r.path.name}]", file=out)


def _report_cross(corpus: list[Resolution], out) -> None:
    """Paragraphs with a lead in one language and missing, or unstyled, in another of the same resolution."""
    by_sym: dict[str, dict[str, Resolution]] = defaultdict(dict)
    for r in corpus:
        by_sym[r.symbol][r.lang] = r
    rows: list[str] = []
    same: dict[tuple[str, str], list[str]] = defaultdict(
        list
    )  # (lang, opening) -> "symbol PPn", unstyled only
    for sym, versions in sorted(by_sym.items()):
        if len(versions) < 2:
            continue
        counts = {
            lang: (sum(p.startswith("PP") for p in r.paras), sum(p.startswith("OP") for p in r.paras))
            for lang, r in versions.items()
        }
        if len(set(counts.values())) > 1:
            rows.append(
                f"{sym}: PP/OP counts differ: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in counts.items())
            )
        ids = sorted(
            {pid for r in versions.values() for pid in r.paras if not pid.startswith("X")},
            key=lambda s: (s[:2] != "PP", int(s[2:])),
        )
        bare = set()  # languages whose version has (almost) no styled leads: one line, not one per paragraph
        for lang, r in versions.items():
            n = sum(p.lead is None for pid, p in r.paras.items() if not pid.startswith("X"))
            if n > 3 and n >= len(r.paras) / 2:
                bare.add(lang)
                rows.append(f"{sym}: {n} of {len(r.paras)} paragraphs without a styled lead in {lang}")
        for pid in ids:
            have = {lang: r.paras.get(pid) for lang, r in versions.items() if lang not in bare}
            with_lead = {lang: p.lead for lang, p in have.items() if p is not None and p.lead is not None}
            if not with_lead:
                continue
            missing = [lang for lang, p in have.items() if p is None]
            unstyled = [lang for lang, p in have.items() if p is not None and p.lead is None]
            if not missing and len(unstyled) == 1:
                same[(unstyled[0], _opening(have[unstyled[0]].text)[:6])].append(f"{sym} {pid}")
                continue
            if missing or unstyled:
                example = next(iter(with_lead.items()))
                desc = []
                if missing:
                    desc.append("missing in " + ",".join(missing))
                if unstyled:
                    desc.append(
                        "no styled lead in "
                        + ",".join(f"{lang} ({_opening(have[lang].text)})" for lang in unstyled)
                    )
                rows.append(
                    f"{sym} {pid}: {'; '.join(desc)} (lead in {len(with_lead)} languages, "
                    f"e.g. {example[0]} {example[1]!r})"
                )
    print(
        f"\n== Across languages: {len(rows)} finding(s) on paragraphs whose lead has no counterpart", file=out
    )
    for row in rows:
        print("   " + row, file=out)
    n = sum(len(v) for v in same.values())
    print(
        f"\n== Across languages: {n} paragraph(s) styled in five languages, not in one (by opening)", file=out
    )
    for (lang, opening), where in sorted(same.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        more = f" … (+{len(where) - 4})" if len(where) > 4 else ""
        print(f"   {len(where):4d}  {lang} {opening!r}: {', '.join(where[:4])}{more}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--xml", type=Path, required=True, help="the unxml folder (years, Pre-2020)")
    ap.add_argument("--lexicons", type=Path, required=True, help="core/data/lexicon")
    ap.add_argument("--lang", action="append", choices=LANGS, help="only these languages (repeatable)")
    ap.add_argument("--top", type=int, default=25, help="rows shown per informational group (default 25)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a lead is uncovered")
    args = ap.parse_args(argv)
    corpus = read_corpus(args.xml)
    if args.lang:
        corpus = [r for r in corpus if r.lang in args.lang]
    if not corpus:
        print(f"error: no AKN resolutions under {args.xml}", file=sys.stderr)
        return 2
    uncovered = report(corpus, load_lexicons(args.lexicons), sys.stdout, args.top)
    return 1 if args.check and uncovered else 0


if __name__ == "__main__":
    sys.exit(main())
