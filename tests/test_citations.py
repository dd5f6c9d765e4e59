"""Citations: every printed form, negatives, offsets and pages, and the founding sample.

Each row puts a snippet in a preambular paragraph of a small resolution (2600 (2021), adopted 1 March 2021)
written to a .txt file, reads it through the engine and compares the citations found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import resinspect
from hypothesis import given
from hypothesis import strategies as st
from resinspect.data.numbering import is_sc_resolution
from resinspect.reader.library import samples_dir
from resinspect.text.normal import normalised

SAMPLES = samples_dir()

HEAD = (
    "Resolution 2600 (2021)\n"
    "Adopted by the Security Council at its 9000th meeting, on 1 March 2021\n"
    "The Security Council,\n"
)
TAIL = "1. Decides to remain seized of the matter.\n"

SC, GA, PRST, DOC = "sc_resolution", "ga_resolution", "presidential_statement", "document"

# snippet -> [(kind, symbol, mention text)] in the order the engine lists them (kind, then first mention)
FORMS = [
    ("its resolution 2436 (2018)", [(SC, "S/RES/2436 (2018)", "its resolution 2436 (2018)")]),
    ("resolution 2436 (2018)", [(SC, "S/RES/2436 (2018)", "resolution 2436 (2018)")]),
    (
        "its resolutions 2378 (2017) and 2436 (2018)",
        [
            (SC, "S/RES/2378 (2017)", "its resolutions 2378 (2017)"),
            (SC, "S/RES/2436 (2018)", "2436 (2018)"),
        ],
    ),
    (
        "resolutions 1267 (1999), 1989 (2011), 2253 (2015)",
        [
            (SC, "S/RES/1267 (1999)", "resolutions 1267 (1999)"),
            (SC, "S/RES/1989 (2011)", "1989 (2011)"),
            (SC, "S/RES/2253 (2015)", "2253 (2015)"),
        ],
    ),
    (
        "its resolution 1325 (2000) of 31 October 2000",
        [(SC, "S/RES/1325 (2000)", "its resolution 1325 (2000)")],
    ),
    ("S/RES/2436 (2018)", [(SC, "S/RES/2436 (2018)", "S/RES/2436 (2018)")]),
    ("S/RES/2436(2018)", [(SC, "S/RES/2436 (2018)", "S/RES/2436(2018)")]),
    (
        "the text at https://undocs.org/en/S/RES/2436(2018) on peacekeeping",
        [(SC, "S/RES/2436 (2018)", "S/RES/2436(2018)")],
    ),
    # a no-break space is read as the plain space it prints (docs/CONTRACT.md, text/normal.py)
    ("resolution 2436\u00a0(2018)", [(SC, "S/RES/2436 (2018)", "resolution 2436 (2018)")]),
    ("the statement of its President S/PRST/2018/10", [(PRST, "S/PRST/2018/10", "S/PRST/2018/10")]),
    ("General Assembly resolution A/RES/70/1", [(GA, "A/RES/70/1", "A/RES/70/1")]),
    (
        "General Assembly resolution 60/251",
        [(GA, "A/RES/60/251", "General Assembly resolution 60/251")],
    ),
    (
        "General Assembly resolution 377 A (V)",
        [(GA, "A/RES/377(V)", "resolution 377 A (V)")],
    ),
    ("the report of the Secretary-General S/2020/240", [(DOC, "S/2020/240", "S/2020/240")]),
    ("the report S/2000/1132", [(DOC, "S/2000/1132", "S/2000/1132")]),
    # a number alone: the year from the table of resolution numbers (S/RES/2551 (2020) en "recalling resolution
    # 2520"; S/RES/1468 (2003) "its resolutions 1261, 1314, 1379 and 1460")
    ("resolution 2520", [(SC, "S/RES/2520 (2020)", "resolution 2520")]),
    (
        "its resolutions 1261, 1314, 1379 and 1460",
        [
            (SC, "S/RES/1261 (1999)", "its resolutions 1261"),
            (SC, "S/RES/1314 (2000)", "1314"),
            (SC, "S/RES/1379 (2001)", "1379"),
            (SC, "S/RES/1460 (2003)", "1460"),
        ],
    ),
    (
        "the Committee established under Security Council resolution 1267 and those to whom resolution 1373 applies",
        [
            (SC, "S/RES/1267 (1999)", "Security Council resolution 1267"),
            (SC, "S/RES/1373 (2001)", "resolution 1373"),
        ],
    ),
    # negatives
    ("General Assembly resolution 1514 on decolonization", []),  # the Assembly's, whatever its number
    (
        "resolution 2520 and the General Assembly resolution 70/1",
        [
            (SC, "S/RES/2520 (2020)", "resolution 2520"),
            (GA, "A/RES/70/1", "General Assembly resolution 70/1"),
        ],
    ),
    ("resolution 12 of the conference", []),  # a short number after "resolution" may be anything
    ("the draft resolution contained in document S/2021/5", [(DOC, "S/2021/5", "S/2021/5")]),
    ("the measures in paragraph 8 (b) of that resolution", []),
    ("the 600 million people in need", []),
    ("the events of 2020", []),
    ("its resolution 2600 (2021)", []),  # the resolution itself
    # later than the citing resolution: a misprinted number, kept as printed (with a `citation-later` warning)
    ("its resolution 2700 (2023)", [(SC, "S/RES/2700 (2023)", "its resolution 2700 (2023)")]),
    ("resolution 1234 (2018)", []),  # 1234 was adopted in 1999, not 2018
    ("the 15 (2020) members", []),
]


def _resolution_file(tmp_path: Path, preamble: list[str], ops: str = TAIL) -> Path:
    path = tmp_path / "res.txt"
    path.write_text(HEAD + "".join(f"Recalling {p},\n" for p in preamble) + ops, encoding="utf-8")
    return path


def _check_mentions(doc, cits) -> None:
    for c in cits:
        assert c.count == len(c.mentions) >= 1
        for m in c.mentions:
            assert doc.text[m.start : m.end] == m.text
            assert m.page == doc.page_at(m.start)


@pytest.mark.parametrize(("snippet", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_citation_forms(tmp_path, snippet, expected):
    doc = resinspect.read(str(_resolution_file(tmp_path, [snippet])))
    res = resinspect.extract_paragraphs(doc)
    assert [r.symbol for r in res] == ["S/RES/2600 (2021)"]
    cits = resinspect.extract_citations(doc, res)
    got = [(c.kind, c.symbol, c.mentions[0].text) for c in cits]
    assert got == expected
    _check_mentions(doc, cits)
    for c in cits:
        assert c.paragraphs == ["PP1"]
        assert c.mentions[0].text in normalised(snippet)  # the snippet as read (text/normal.py)


@pytest.mark.parametrize(
    ("snippet", "number", "year"),
    [("resolution 2436 (2018)", 2436, 2018), ("S/RES/1325(2000)", 1325, 2000)],
)
def test_sc_resolution_number_and_year(tmp_path, snippet, number, year):
    doc = resinspect.read(str(_resolution_file(tmp_path, [snippet])))
    (c,) = resinspect.extract_citations(doc)
    assert (c.number, c.year) == (number, year)


def test_paragraphs_counts_and_pages(tmp_path):
    """Mentions grouped per symbol, with the paragraphs that cite it and the page each mention is on."""
    path = tmp_path / "res.txt"
    path.write_text(
        HEAD
        + "Recalling its resolutions 2378 (2017) and 2436 (2018),\n"
        + "Welcoming the report of the Secretary-General (S/2020/240),\n"
        + "1. Requests the Secretary-General to implement resolution 2436 (2018);\n"
        + "\f2. Decides that the measures in resolution 2436 (2018) and S/RES/2378 (2017) shall apply;\n"
        + "3. Decides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    doc = resinspect.read(str(path))
    cits = {c.symbol: c for c in resinspect.extract_citations(doc)}
    assert set(cits) == {"S/RES/2378 (2017)", "S/RES/2436 (2018)", "S/2020/240"}
    c = cits["S/RES/2436 (2018)"]
    assert c.paragraphs == ["PP1", "OP1", "OP2"]
    assert c.count == 3
    assert [m.page for m in c.mentions] == [1, 1, 2]
    c = cits["S/RES/2378 (2017)"]
    assert c.paragraphs == ["PP1", "OP2"]
    assert [m.page for m in c.mentions] == [1, 2]
    assert [m.text for m in c.mentions] == ["its resolutions 2378 (2017)", "S/RES/2378 (2017)"]
    assert cits["S/2020/240"].paragraphs == ["PP2"]
    _check_mentions(doc, cits.values())


def test_citations_outside_a_resolution(tmp_path):
    """A letter with no resolution text: citations are found but belong to no paragraph."""
    path = tmp_path / "letter.txt"
    path.write_text(
        "Letter dated 30 March 2020 from the President of the Security Council\n"
        "I have the honour to refer to resolution 2436 (2018) and to document S/2020/240.\n",
        encoding="utf-8",
    )
    doc = resinspect.read(str(path))
    cits = resinspect.extract_citations(doc)
    assert [(c.kind, c.symbol, c.paragraphs) for c in cits] == [
        (SC, "S/RES/2436 (2018)", []),
        (DOC, "S/2020/240", []),
    ]
    _check_mentions(doc, cits)


@pytest.mark.parametrize(
    ("number", "year", "expected"),
    [
        (2436, 2018, True),
        (2398, 2018, True),
        (2451, 2018, True),
        (2397, 2018, False),  # last of 2017
        (2452, 2018, False),  # first of 2019
        (1234, 2018, False),
        (1, 1946, True),
        (2518, 2020, True),
    ],
)
def test_is_sc_resolution(number, year, expected):
    assert is_sc_resolution(number, year) is expected


# ------------------------------------------------------------------------------------------------
# The founding sample and its English version


@pytest.mark.parametrize(
    "source", [str(SAMPLES / "S_2020_249-AR.txt"), str(SAMPLES / "S_2020_249.en.txt")], ids=["ar", "en"]
)
def test_founding_sample_citations(source):
    doc = resinspect.read(source)
    cits = resinspect.extract_citations(doc)
    got = {c.symbol: (c.kind, c.paragraphs, c.count) for c in cits}
    assert got == {
        "S/RES/2436 (2018)": (SC, ["PP12", "OP11"], 2),
        "S/RES/2378 (2017)": (SC, ["OP11", "OP14"], 2),
        "S/2020/240": (DOC, [], 1),
    }
    assert "S/RES/2518 (2020)" not in got  # the annexed resolution itself
    _check_mentions(doc, cits)
    # the cited paragraphs really hold the mentions
    paras = {p.id: p for r in resinspect.extract_paragraphs(doc) for p in r.paragraphs}
    assert "2436 (2018)" in paras["PP12"].text and "2436 (2018)" in paras["OP11"].text
    assert "2378 (2017)" in paras["OP11"].text and "2378 (2017)" in paras["OP14"].text


def test_founding_sample_english_pages():
    """Pages from the form feeds of the English pdftotext file (PP12 on page 3, OP11 on 4, OP14 on 5)."""
    doc = resinspect.read(str(SAMPLES / "S_2020_249.en.txt"))
    cits = {c.symbol: c for c in resinspect.extract_citations(doc)}
    assert [m.page for m in cits["S/RES/2436 (2018)"].mentions] == [3, 4]
    assert [m.page for m in cits["S/RES/2378 (2017)"].mentions] == [4, 5]
    assert [m.page for m in cits["S/2020/240"].mentions] == [1]
    assert doc.pages == 5


def test_founding_sample_page_count():
    """The sample has no form feeds: its page counter ('2/6') and link lines mark its pages."""
    doc = resinspect.read(str(SAMPLES / "S_2020_249-AR.txt"))
    assert doc.pages == 6
    pages = {c.symbol: sorted({m.page for m in c.mentions}) for c in resinspect.extract_citations(doc)}
    assert pages["S/2020/240"] == [1]
    assert pages["S/RES/2436 (2018)"][0] > 2  # the annex starts after the two pages of the letter


# Forms in other languages and scripts, as text extraction leaves them (sources named per row).
LANGUAGE_FORMS = [
    # S/RES/2515 (2020), Chinese rendered PDF: a justified line's gap splits a number ("1 985(2011)")
    ("回顾其以往各项相关决议，包括第 825(1993)、1 985(2011)、2050(2012)", False, {825, 1985, 2050}),
    # issue 4: one keyword wrapping a list
    ("第2378(2017)和2436(2018)号决议", False, {2378, 2436}),
    # S/RES/2558 (2020), Arabic rendered PDF: a Latin symbol in a right-to-left line, brackets mirrored
    ("وكذلك قراراتهما A/RES/60/180 و )2005( S/RES/1645 المؤرخين", True, {1645}),
    ("قراريه )2019( S/RES/2467 و )2020( S/RES/2518 وإذ", True, {2467, 2518}),  # (constructed: two of them)
    ("وإذ يشير إلى قراره (2017) S/RES/2378 المؤرخ", True, {2378}),  # (brackets as drawn, not mirrored)
    # Arabic text left in visual order ("(2018) 2436") and Arabic-Indic digits
    ("القرار (2018) 2436 والقرار ٢٣٧٨ (٢٠١٧)", True, {2436, 2378}),
    ("résolutions 2378 (2017) et 2436 (2018)", False, {2378, 2436}),
    # year-less, as some other-language versions follow the English (S/RES/2548 (2020) ru, 2551 (2020) es)
    ("ссылаясь на резолюции 1325 и 2250", False, {1325, 2250}),
    ("recordando la resolución 2520", False, {2520}),
    ("回顾联合国安全理事会第1325和2250号决议及相关决议", False, {1325, 2250}),  # S/RES/2548 (2020) zh
    ("وإذ يشير إلى قراري مجلس الأمن التابع للأمم المتحدة 1325 و 2250 والقرارات", True, {1325, 2250}),  # ar
    ("وإذ يشير إلى القرار 2520 وإذ يكرر", True, {2520}),  # S/RES/2551 (2020) ar
    ("大会第74/273号决议", False, set()),  # the General Assembly's
    ("rappelant la résolution 1514 de l’Assemblée générale", False, set()),
    ("resoluciones 2378 (2017) y 2436 (2018)", False, {2378, 2436}),
    ("резолюции 2436 (2018)", False, {2436}),
    # not citations: a year-less number, a number not adopted in that year
    ("第 2 段 (2018)、1 234(2018)", False, set()),
    # a stray space inside a number or its year, in any script (constructed; the number joined is that
    # year's resolution): read as the number printed, never its first part as a year-less resolution
    ("recalling its resolution 243 6 (2018),", False, {2436}),
    ("rappelant sa résolution 24 36 (2018) et la résolution 2378 (201 7)", False, {2436, 2378}),
    ("recordando su resolución 2 436 (2018)", False, {2436}),
    ("ссылаясь на свою резолюцию 243 6 (2018)", False, {2436}),
    ("回顾其第243 6(2018)号决议", False, {2436}),
    ("وإذ يشير إلى قراره 243 6 (2018)", True, {2436}),
    ("S/RES/2436 (20 18)", False, {2436}),
    ("resolution 243 6 (2010)", False, set()),  # 2436 is not of 2010: neither 243 nor 6 either
    ("resolution 2436 1 (2018)", False, {2436}),  # 24361 is no number: the year-less 2436 stands
]


@pytest.mark.parametrize(("text", "rtl", "numbers"), LANGUAGE_FORMS)
def test_language_forms(text, rtl, numbers):
    from resinspect.extract.citations import candidates

    found = {c.number for c in candidates(text, rtl) if c.kind == SC}
    assert found == numbers


def test_same_citations_in_every_language():
    """The six language versions of a resolution cite the same resolutions and statements in the same
    paragraphs (S/RES/2533 (2020), tests/data/rendered)."""
    found = {}
    for lang in ("ar", "en", "es", "fr", "ru", "zh"):
        doc = resinspect.read(
            str(Path(__file__).parent / "data" / "rendered" / f"S_RES_2533_2020.{lang}.pdf")
        )
        cits = resinspect.extract_citations(doc)
        found[lang] = {(c.kind, c.symbol, tuple(c.paragraphs)) for c in cits if c.kind in (SC, PRST)}
    assert len(found["en"]) == 26
    assert all(v == found["en"] for v in found.values()), {k: found["en"] ^ v for k, v in found.items()}


# --- the General Assembly named in each language (keywords from the lexicons) ---------------------------

GA_FORMS = [
    ("en", "Recalling General Assembly resolution 60/251 of 15 March 2006,", ["A/RES/60/251"]),
    ("en", "Recalling resolution 60/251 of the General Assembly,", ["A/RES/60/251"]),
    ("en", "General Assembly resolutions 60/251 and 61/16,", ["A/RES/60/251", "A/RES/61/16"]),
    ("fr", "Rappelant la résolution 60/251 de l’Assemblée générale,", ["A/RES/60/251"]),
    (
        "fr",
        "Rappelant les résolutions 60/251 et 61/16 de l'Assemblée générale,",
        ["A/RES/60/251", "A/RES/61/16"],
    ),
    (
        "fr",
        "Rappelant les résolutions de l’Assemblée générale 60/251 et 61/16,",
        ["A/RES/60/251", "A/RES/61/16"],
    ),
    ("es", "Recordando la resolución 60/251 de la Asamblea General,", ["A/RES/60/251"]),
    (
        "es",
        "Recordando las resoluciones de la Asamblea General 60/251 y 61/16,",
        ["A/RES/60/251", "A/RES/61/16"],
    ),
    ("ru", "ссылаясь на резолюцию 60/251 Генеральной Ассамблеи,", ["A/RES/60/251"]),
    ("ru", "ссылаясь на резолюции Генеральной Ассамблеи 60/251 и 61/16,", ["A/RES/60/251", "A/RES/61/16"]),
    ("zh", "回顾大会第60/251号决议，", ["A/RES/60/251"]),
    ("ar", "وإذ يشير إلى قرار الجمعية العامة 60/251،", ["A/RES/60/251"]),
]


@pytest.mark.parametrize(
    ("lang", "text", "symbols"), GA_FORMS, ids=[f"{x[0]}-{i}" for i, x in enumerate(GA_FORMS)]
)
def test_general_assembly_by_number_in_every_language(lang, text, symbols):
    from resinspect.extract.citations import candidates

    got = [c.symbol for c in sorted(candidates(text, lang == "ar"), key=lambda c: c.start) if c.kind == GA]
    assert got == symbols
    # and never as a Security Council resolution
    assert not [c for c in candidates(text, lang == "ar") if c.kind == SC]


@pytest.mark.parametrize(
    "text",
    [
        "résolution 5/1 du Conseil des droits de l’homme",  # another body's, by number alone
        "resolución 1514 de la Asamblea General",
        "резолюция 1514 Генеральной Ассамблеи",
        "人权理事会第5/1号决议",
        "Human Rights Council resolution 1514",
    ],
)
def test_other_bodies_are_not_security_council_resolutions(text):
    from resinspect.extract.citations import candidates

    assert not [c for c in candidates(text, False) if c.kind == SC]


@given(
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 90)), max_size=40),
    st.tuples(st.integers(0, 400), st.integers(0, 90)),
)
def test_taken_spans_overlap_as_a_plain_scan_says(spans, query):
    """Mentions already found are filed by position (a 50 MB text has tens of thousands); whether a new one
    overlaps any of them is what the scan over all of them says, empty spans included."""
    from resinspect.extract.citations import _Taken

    taken = _Taken()
    for a, n in spans:
        taken.append((a, a + n))
    a, b = query[0], query[0] + query[1]
    assert taken.free(a, b) == all(b <= x or a >= x + n for x, n in spans)


# A resolution printed with a year one off its own (2195 was adopted on 19 December 2014; 1739 in 2007; 2577
# in 2021): cited as the resolution itself where a keyword or a list of citations leaves no doubt (S/RES/2617
# (2021) in six languages prints "2195 (2015)", S/RES/1865 (2009) "resolution 1739 (2008)")
MISDATED = [
    ("resolutions 2185 (2014), 2195 (2015) and 2199 (2015)", False),
    ("its resolution 1739 (2008)", False),
    ("résolutions 2185 (2014), 2195 (2015) et 2199 (2015)", False),
    ("las resoluciones 2195 (2015) y 2199 (2015)", False),
    ("резолюции 2185 (2014), 2195 (2015) и 2199 (2015)", False),
    ("第2185(2014)、2195(2015)和2199(2015)号决议", False),
    ("القرارات 2185 (2014) و 2195 (2015) و 2199 (2015)", True),
]


@pytest.mark.parametrize(("text", "rtl"), MISDATED, ids=[m[0][:24] for m in MISDATED])
def test_a_misdated_resolution_is_cited_as_itself(text, rtl):
    from resinspect.extract.citations import candidates, year_of

    misdated = [c for c in candidates(text, rtl) if c.printed_year is not None]
    assert len(misdated) == 1
    (c,) = misdated
    assert c.year == year_of(c.number) and abs(c.printed_year - c.year) == 1
    assert c.symbol == f"S/RES/{c.number} ({c.year})"
    assert f"{c.number}" in text[c.start : c.end] and f"{c.printed_year}" in text[c.start : c.end]


@pytest.mark.parametrize(
    "text",
    [
        "some 2195 (2015) cases were reported",  # no keyword, no list of citations around it
        "resolutions 2185 (2014), 2195 (2017)",  # three years off: not a slip of the year
        "resolution 1234 (2018)",  # adopted in 1999
    ],
)
def test_a_number_with_another_year_is_no_citation(text):
    from resinspect.extract.citations import candidates

    assert not any(c.printed_year is not None for c in candidates(text, False))


def test_a_misdated_citation_says_so_once(tmp_path):
    doc = resinspect.read(str(_resolution_file(tmp_path, ["its resolutions 2185 (2014) and 2195 (2015)"])))
    for _ in range(2):  # asked twice: one warning
        cits = resinspect.extract_citations(doc)
    assert [c.symbol for c in cits] == ["S/RES/2185 (2014)", "S/RES/2195 (2014)"]
    assert cits[1].mentions[0].text == "2195 (2015)" and cits[1].paragraphs == ["PP1"]
    (warning,) = [i for i in doc.issues if i.code == "citation-year"]
    assert "«2195 (2015)» is read as S/RES/2195 (2014)" in warning.message and warning.pages == (1,)
    _check_mentions(doc, cits)


def test_a_later_resolution_cited_is_kept_as_printed_and_said(tmp_path):
    """Resolution 2600 (2021) citing "2610 (2021)", adopted after it: a misprinted number (the class of the
    Russian S/RES/2540 (2020), «резолюции 2550 (2020)» where the other languages print 2520). Kept as printed,
    with a `citation-later` warning, once; its own number with another year is no citation."""
    doc = resinspect.read(
        str(
            _resolution_file(
                tmp_path, ["its resolutions 2585 (2021) and 2610 (2021)", "resolution 2600 (2020)"]
            )
        )
    )
    for _ in range(2):  # asked twice: one warning
        cits = resinspect.extract_citations(doc)
    assert [c.symbol for c in cits] == ["S/RES/2585 (2021)", "S/RES/2610 (2021)"]
    (warning,) = [i for i in doc.issues if i.code == "citation-later"]
    assert "S/RES/2600 (2021) cites S/RES/2610 (2021), adopted after it" in warning.message
    _check_mentions(doc, cits)
