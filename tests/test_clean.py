"""Cleaning: page furniture, re-joining wrapped lines, splitting run-together paragraphs (one case per rule,
real snippets with their source named)."""

from __future__ import annotations

import pytest
from resinspect.clean import clean, is_furniture, split_run_together
from resinspect.model import RawSource
from resinspect.reader.layout import page_from_text
from resinspect.reader.source import text_pages


def _pages(texts: list[str], kind: str) -> list:
    """Pages as the reader gives them: a text file's lines, or a PDF's with hints written as blank lines and
    tabs (`layout.page_text`)."""
    if kind == "pdf":
        return [page_from_text(k, t) for k, t in enumerate(texts, 1)]
    return text_pages("\f".join(texts))


def _clean(text: str, kind: str = "text") -> list[str]:
    raw = RawSource(
        input="t",
        path=None,
        sha256="",
        kind=kind,
        pages=_pages(text.split("\f"), kind),
        symbol=None,
        lang=None,
    )
    return clean(raw).text.split("\n")


@pytest.mark.parametrize(
    "line",
    [
        "/...",  # continuation mark, S/RES/1287 (2000) (felixhaass)
        "S/RES/1287 (2000) Page 2",  # running header, S/RES/1287 (2000) (felixhaass)
        "* 2 0 0 1 4 8 8 *",  # spaced barcode, S/RES/2507 (2020) rendered en
        "00-63621* (E) 200900 `````````",  # job number, S/RES/1319 (2000)
        "04-51437 (E) *0451437*",  # job number with barcode, S/RES/1562 (2004)
        "* Reissued for technical reasons.",  # reissue footnote, S/RES/1319 (2000)
        "__________________",  # the rule above a footnote block (its footnotes: tests/test_boundaries.py)
        "-----",  # end rule, S/RES/1290 (2000)
        "* Definitions for the purpose of this resolution only: Means of delivery: missiles, rockets",  # S/RES/1540 (2004)
        "1 A/74/976-S/2020/773。",  # symbol-only footnote, S/RES/2558 (2020) zh
        # a meeting record's running title, either way round on facing pages, in the record's language
        "S/PV.8700 The situation in the Middle East 10/01/2020",
        "10/01/2020 The situation in the Middle East S/PV.8700",
        "S/PV.8701 (Resumption 1) La situation au Moyen-Orient 13/01/2020",
        "13/01/2020 Положение на Ближнем Востоке S/PV.8701",
    ],
)
def test_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Recalling its resolutions 1234 (1999) of 9 April 1999,",
        "1. Decides to remain actively seized of the matter.",
        "Annex",
        "*** 19. Welcomes the deployment by the European Union (EU) of its Police Mission",  # S/RES/1491 (2003)
        "(a) To monitor the security situation;",
        "(see S/PV.8699), the Council met again on 10 January 2020 to consider",
    ],
)
def test_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        # S/RES/1480 (2003): short line with two operative paragraphs
        ("1. Decides to extend the current mandate of UNMISET until 20 May 2004; 2. Decides to remain actively "
         "seized of the matter.", 2),
        # S/RES/1290 (2000): enacting formula, preamble and unnumbered operative paragraph on one line
        ("The Security Council, Having examined the application of Tuvalu for admission to the United Nations "
         "(S/2000/5), Recommends to the General Assembly that Tuvalu be admitted to membership in the United "
         "Nations.", 3),
        # S/RES/1308 (2000): adverb + lead ("Further recognizing") after a comma
        ("Reaffirming the importance of a coordinated international response to the HIV/AIDS pandemic, given its "
         "possible growing impact on social instability and emergency situations, Further recognizing that the "
         "HIV/AIDS pandemic is also exacerbated by conditions of violence and instability,", 2),
        # S/RES/1314 (2000): a participle in a list is no lead
        ("Underlining the need for all parties concerned to comply with the provisions of the Charter, and "
         "recalling the Ottawa Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of "
         "Anti-Personnel Mines and on Their Destruction,", 1),
        # a vote list is no preamble (tests/test_votes.py letter)
        ("China, the Dominican Republic, Indonesia, the Niger, the Russian Federation, South Africa and Viet Nam.", 1),
        # S/RES/161 (1961) in its refworld text: the letter of part B run onto the last paragraph of part A
        ("5.         Reaffirms Security Council resolutions 143 (1960) of 14 July 1960 and reminds all States of "
         "their obligations under these resolutions.  B  ", 2),
        ("Decides to remain actively seized of the matter; II", 2),
        # a letter after a sentence's end inside a line is no part: "… of Plan B", "annex A"
        ("Welcomes the progress in implementing the plan set out in annex A and the fallback arrangements of Plan B",
         1),
    ],
)  # fmt: skip
def test_split_run_together(line, pieces):
    assert len(split_run_together(line)) == pieces


RULES = [
    # one paragraph per line (felixhaass texts, S/RES/1304 (2000)): a capitalised line after a comma is a new
    # paragraph even without a listed lead; a page break mid-sentence goes on
    (
        "The Security Council,\n"
        "Reaffirming also the sovereignty of the Democratic Republic of the Congo over its natural resources, and "
        "noting with concern reports of the illegal exploitation of the country's assets and the potential "
        "consequences of these actions on security conditions and the continuation of hostilities,\n"
        "In this regard, calling on all the parties to the conflict in the Democratic Republic of the Congo and "
        "others concerned to cooperate fully with the expert panel on the illegal exploitation of natural resources,\n"
        "Expressing in particular its outrage at renewed fighting between Ugandan and Rwandan forces in Kisangani, "
        "Democratic Republic of the Congo, which began on 5 June 2000, and at the failure of Uganda and Rwanda to "
        "comply with their\n00-48559 (E) `````````\n\fS/RES/1304 (2000)\n"
        "commitment to cease hostilities and withdraw from Kisangani made in their joint statements,\n",
        "text",
        4,
        "comply with their commitment to cease hostilities",
    ),
    # footnote mark after the final comma (felixhaass, S/RES/1502 (2003)) ends the paragraph
    (
        "Reaffirming its resolutions 1296 (2000), of 19 April 2000, and 1265 (1999), of 17 September 1999, on "
        "protection of civilians in armed conflict, and noting the statements of its President on this subject,1\n"
        "Welcoming the adoption by the General Assembly of resolutions 57/28 entitled Scope of legal protection "
        "under the Convention on the Safety of United Nations and Associated Personnel and 57/155,\n"
        "Reaffirming the obligation of all humanitarian personnel and United Nations and its associated personnel "
        "to observe and respect the laws of the country in which they are operating,\n",
        "text",
        3,
        None,
    ),
    # PDF (S/RES/2507 (2020) rendered en): the reader sets the first line of "(a)" apart from the rest, and a
    # paragraph goes on over the page; both are wraps
    (
        "(a) Supplies intended solely for the support of or use by MINUSCA and the\n\n"
        "European Union training missions deployed in the CAR, French forces under the conditions\n"
        "provided by paragraph 52 of resolution 2499 (2019);\n\n"
        "Further taking note of the midterm report (S/2019/608) and the final report (S/2019/930) of the Panel\n"
        "of Experts on the CAR established pursuant to resolution 2127 (2013), and taking note also of the Panel of Experts’\n"
        "\f\nrecommendations,\n\nDetermining that the situation in the CAR continues to constitute a threat,\n",
        "pdf",
        3,
        "MINUSCA and the European Union",
    ),
    # PDF, over a page after a comma, lower case goes on (S/RES/2531 (2020) rendered en)
    (
        "Recalling its strong condemnation of all instances of attacks against civilians,\n\f\n"
        "including those involving violence against women, children, and persons in vulnerable situations,\n\n"
        "Expressing grave concern at ongoing reports of sexual and gender-based violence,\n",
        "pdf",
        2,
        "civilians, including those",
    ),
    # vote labels stay on their own line (S/PV.8700)
    (
        "A vote was taken by show of hands.\n\nIn favour:\n\nChina, Russian Federation, Viet Nam\n\nAgainst:\n\n"
        "Belgium, Dominican Republic, Estonia, France, Germany\n",
        "pdf",
        5,
        None,
    ),
    # a title before a name does not end the paragraph (S/RES/2529 (2020) rendered es)
    (
        "Habiendo considerado la propuesta del Secretario General de que se nombre al Sr.\n"
        "Serge Brammertz Fiscal del Mecanismo (S/2020/580),\n",
        "pdf",
        1,
        "al Sr. Serge Brammertz",
    ),
    # Russian: lower-case continuation without a gap is a wrap (S/RES/2533 (2020) rendered ru)
    (
        "вновь подтверждая свою твердую приверженность суверенитету,\n"
        "независимости, единству и территориальной целостности Сирии,\n\n"
        "определяя, что ужасающая гуманитарная ситуация в Сирии по-прежнему создает угрозу,\n",
        "pdf",
        2,
        "суверенитету, независимости",
    ),
    # Chinese: lines join without a space; a short line after a clause mark ends the paragraph
    # (S/RES/2511 (2020) rendered zh)
    (
        "表示关切也门境内当前的政治、安全、经济和人道主义挑战，包括持续不断的暴力和被\n"
        "迫失踪，以及非法转让、不利于稳定地积累和滥用武器构成的威胁，\n"
        "强调环境风险，联合国官员有必要立即能够检查和维护位于胡塞武装所控也门北部的\n"
        "Safer号油船，\n",
        "pdf",
        2,
        "暴力和被迫失踪",
    ),
    # a number alone on its line: its text follows; and it starts a paragraph (letter S/2020/246)
    (
        "Acting under Article 41 of Chapter VII of the Charter of the United Natio ns,\n1.\n"
        "Decides to extend until 30 April 2021 the mandate of the Panel of Experts,\n",
        "text",
        2,
        "1. Decides to extend",
    ),
    # "Annex 1 to resolution …" inside a wrapped paragraph is no annex title (letter S/2020/590)
    (
        "Recalling Article 25 and Article 26 of the Statute of the Mechanism, set out in\n"
        "Annex 1 to resolution 1966 (2010), concerning the supervision of the enforcement of\n"
        "sentences and pardon or commutation of sentences, respectively,\n"
        "Having regard to Article 14, paragraph 4 of the Statute of the Mechanism,\n",
        "text",
        2,
        "set out in Annex 1 to resolution",
    ),
]


@pytest.mark.parametrize(("text", "kind", "n", "joined"), RULES, ids=[str(i) for i in range(len(RULES))])
def test_rejoin(text, kind, n, joined):
    lines = _clean(text, kind)
    assert len(lines) == n, lines
    if joined:
        assert any(joined in x for x in lines), lines


# A line that ends inside a compound at its hyphen goes on with no space, whether letters or a number stand
# before the hyphen (as broken in S/RES/2610 (2021) en "60-|day", S/RES/2579 (2021) ru "40-|процентной")
COMPOUNDS = [
    ("en", "Decides that the Committee may shorten the 60-", "day period referred to in paragraph 65,"),
    ("en", "Requests the Secretary-General and the troop-", "contributing countries to report on it,"),
    ("fr", "Décide de proroger le régime pour la période 2020-", "2022 prévue dans la résolution,"),
    ("es", "Decide prorrogar el régimen por un período de 2020-", "2021 en las condiciones previstas,"),
    ("ru", "Приветствует достижение 40-", "процентной квоты участия женщин в процессе,"),
]


@pytest.mark.parametrize("kind", ["text", "pdf"])
@pytest.mark.parametrize(
    ("lang", "first", "second"), COMPOUNDS, ids=[c[0] + str(i) for i, c in enumerate(COMPOUNDS)]
)
def test_a_compound_broken_at_its_hyphen_is_one_word(lang, first, second, kind):
    cut = first.rsplit(" ", 1)[-1]
    lines = _clean(f"{first}\n{second}\n", kind)
    assert len(lines) == 1, lines
    assert f"{cut}{second.split()[0]}" in lines[0], lines


# A hyphen left hanging before a conjunction ("troop- and police-contributing", S/RES/2568 and 2592 (2021) as
# printed): broken after it, the line goes on with the space; a compound that goes on with the conjunction
# ("hit-and-run") does not
SUSPENDED = [
    ("en", "Urges the troop-", "and police-contributing countries to act,", "troop- and police-contributing"),
    ("en", "power-", "or resource-sharing arrangements,", "power- or resource-sharing"),
    ("fr", "les politiques micro-", "et macroéconomiques des États,", "micro- et macroéconomiques"),
    ("es", "las políticas micro-", "y macroeconómicas de los Estados,", "micro- y macroeconómicas"),
    ("ru", "военно-", "и полицейских контингентов,", "военно- и полицейских"),
    ("en", "Condemns the hit-", "and-run attacks on the mission,", "hit-and-run"),
]


@pytest.mark.parametrize("kind", ["text", "pdf"])
@pytest.mark.parametrize(
    ("lang", "first", "second", "joined"), SUSPENDED, ids=[c[0] + str(i) for i, c in enumerate(SUSPENDED)]
)
def test_a_hyphen_hanging_before_a_conjunction_keeps_its_space(lang, first, second, joined, kind):
    lead = {
        "en": "Recalling the measures taken by",
        "fr": "Rappelant",
        "es": "Recordando",
        "ru": "Напоминая",
    }[lang]
    lines = _clean(f"{lead} {first}\n{second}\n", kind)
    assert len(lines) == 1 and joined in lines[0], lines


def test_arabic_text_lines_stay_one_per_line():
    # text input (not PDF): right-to-left lines are never re-joined (tests/data/ar/S_2020_249.ar.txt style)
    text = "مجلس الأمن\nرسالة مؤرخة 30 آذار/مارس 2020 موجهة إلى الأمين العام من رئيس\nمجلس الأمن\n"
    assert _clean(text) == [
        "مجلس الأمن",
        "رسالة مؤرخة 30 آذار/مارس 2020 موجهة إلى الأمين العام من رئيس",
        "مجلس الأمن",
    ]


def test_offsets_point_into_text():
    raw = RawSource(
        input="t",
        path=None,
        sha256="",
        kind="pdf",
        pages=_pages(
            ["The Security Council,\n\nRecalling its resolutions,\n", "1. Decides to remain seized.\n"], "pdf"
        ),
        symbol=None,
        lang=None,
    )
    doc = clean(raw)
    assert doc.text[doc.page_starts[1] :].startswith("1. Decides")


@pytest.mark.parametrize(
    ("line", "langs", "mended"),
    [
        ("Re affirming its commitment,", ("en",), "Reaffirming its commitment,"),
        ("Noting with con cern the reports,", ("en",), "Noting with concern the reports,"),
        ("12. De cides to remain seized.", ("en",), "12. Decides to remain seized."),
        ("Rappe lant ses résolutions antérieures,", ("fr",), "Rappelant ses résolutions antérieures,"),
        ("Reafir mando su compromiso,", ("es",), "Reafirmando su compromiso,"),
        ("ссы лаясь на свои резолюции,", ("ru",), "ссылаясь на свои резолюции,"),
        ("وإ ذ يشير إلى قراراته،", ("ar",), "وإذ يشير إلى قراراته،"),
        ("回 顾其第2042(2012)号决议，", ("zh",), "回顾其第2042(2012)号决议，"),
        ("Re affirming its commitment,", (), "Reaffirming its commitment,"),  # no language known: all
        # kept: a listed lead already whole, a piece going on in capitals, words no lead is made of, a lead
        # of another language, a space after a whole lead, a line that is no paragraph's start
        ("Reaffirming its commitment,", ("en",), None),
        ("Re Affirming its commitment,", ("en",), None),
        ("In bringing peace to the region,", ("en",), None),
        ("Re affirming its commitment,", ("fr",), None),
        ("请 秘书长每六十天报告，", ("zh",), None),
        ("of the Re affirming kind,", ("en",), None),
    ],
)
def test_a_lead_cut_by_a_stray_space_is_mended(line, langs, mended):
    from resinspect.clean.leads import mend_lead

    got = mend_lead(line, langs)
    assert got == (mended or line) and (mended is not None or got is line)
