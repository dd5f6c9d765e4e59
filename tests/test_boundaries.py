"""Where paragraphs start, class by class (issue 10), in each language a class applies to.

Constructed text: PDF pages laid out by hand (`tests/pages.py`, through the reader's own layout) and text
files; each case names the class it pins. Expected ids come from how the text is printed, never from a run."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages import page, pdf
from resinspect.clean import clean
from resinspect.model import RawSource
from resinspect.reader.source import text_pages
from resinspect.structure.paragraphs import find_resolutions


def _text(text: str) -> RawSource:
    return RawSource("t.txt", None, "", "text", text_pages(text), None, None)


def _ids(raw: RawSource) -> list[tuple[str, str]]:
    """(id, first words) of every paragraph of the only resolution."""
    (res,) = find_resolutions(clean(raw))
    return [(p.id, p.text[:24]) for p in res.paragraphs]


def _paragraph(raw: RawSource, pid: str) -> str:
    (res,) = find_resolutions(clean(raw))
    return next(p.text for p in res.paragraphs if p.id == pid)


# ---- 1. a line after a page break, decided by how it opens and how the line before ends ----------------

FORMULA = {"ar": "إن مجلس الأمن،", "ru": "Совет Безопасности,", "zh": "安全理事会，", "en": "The Security Council,",
           "es": "El Consejo de Seguridad,", "fr": "Le Conseil de sécurité,"}  # fmt: skip

# a paragraph of three lines in each language, so that each page shows how its lines are spaced
FILLER = {
    "ar": ["وإذ يؤكد من جديد التزامه القوي بسيادة البلد واستقلاله ووحدته وسلامة أراضيه، وبمقاصد ميثاق",
           "الأمم المتحدة ومبادئه، وإذ يعرب عن دعمه الكامل للجهود الجارية التي يبذلها الأمين العام",
           "ومبعوثه الخاص من أجل التوصل إلى تسوية سياسية شاملة ودائمة،"],
    "ru": ["вновь подтверждая свою твердую приверженность суверенитету, независимости, единству и",
           "территориальной целостности страны, а также целям и принципам Устава Организации",
           "Объединенных Наций,"],
    "zh": ["重申坚定致力于该国的主权、独立、统一和领土完整，坚定致力于《联合国宪章》的宗旨和原则，",
           "表示全力支持秘书长及其特使为推动全面、持久的政治解决而开展的各项工作，并欢迎各方",
           "为此作出的努力，"],
    "en": ["Reaffirming its strong commitment to the sovereignty, independence, unity and territorial",
           "integrity of the country, and to the purposes and principles of the Charter of the United",
           "Nations,"],
    "es": ["Reafirmando su enérgico compromiso con la soberanía, la independencia, la unidad y la",
           "integridad territorial del país y con los propósitos y principios de la Carta de las",
           "Naciones Unidas,"],
    "fr": ["Réaffirmant son ferme attachement à la souveraineté, à l’indépendance, à l’unité et à",
           "l’intégrité territoriale du pays, ainsi qu’aux buts et principes de la Charte des",
           "Nations Unies,"],
}  # fmt: skip

# (language, the paragraph's lines on page 1, its lines on page 2, the next paragraph, whether page 2 goes on)
OVER_A_PAGE = [
    # Arabic has no case: a continuation after «،» across the page opens with no lead
    ("ar", ["وإذ يؤكد أن الوضع القائم لا يمكن أن يظل على ما هو عليه، وأن عدم التوصل إلى اتفاق يزيد",
            "التوترات السياسية ويعمق القطيعة بين الطائفتين، ويهدد بحدوث تغييرات لا رجعة فيها،"],
     ["ويحد من احتمالات التوصل إلى تسوية،"], "وإذ يشير إلى بيانه الرئاسي،", True),
    ("ar", ["وإذ يؤكد أن الوضع القائم لا يمكن أن يظل على ما هو عليه، وأن عدم التوصل إلى اتفاق يزيد",
            "التوترات السياسية ويعمق القطيعة بين الطائفتين، ويهدد بحدوث تغييرات لا رجعة فيها،"],
     ["وإذ يشير إلى بيانه الرئاسي الذي أعرب عن بالغ القلق إزاء التطورات،"], "وإذ يدرك أهمية الحوار،", False),
    # Russian leads are in lower case: a lead opens a paragraph over the page, a lower-case word goes on
    ("ru", ["вновь подтверждая свою твердую приверженность суверенитету, независимости, единству",
            "и территориальной целостности страны и ссылаясь на свои предыдущие резолюции,"],
     ["выражая серьезную обеспокоенность по поводу гуманитарной ситуации в стране,"], "призывая стороны,", False),
    ("ru", ["вновь подтверждая свою твердую приверженность суверенитету, независимости, единству",
            "и территориальной целостности страны и ссылаясь на свои предыдущие резолюции, включая"],
     ["резолюцию 2139 (2014), и заявления своего Председателя,"], "призывая стороны,", True),
    # Chinese: a short line ending in «，» at the foot of a page is no paragraph end when the next opens no lead
    ("zh", ["回顾其关于利比亚局势的以往各项决议和主席声明，特别是第1970(2011)号决议，",
            "并回顾其关于在利比亚沿岸公海上严格执行军火禁运的第"],
     ["2292(2016)、2357(2017)和2420(2018)号决议，"], "重申其第2570(2021)号决议，", True),
    ("zh", ["回顾其关于利比亚局势的以往各项决议和主席声明，特别是第1970(2011)号决议，",
            "并回顾其关于在利比亚沿岸公海上严格执行军火禁运的各项决议，"],
     ["重申安理会认定一切形式和表现的恐怖主义是对和平与安全的最严重威胁之一，"], "铭记安理会的首要责任，", False),
    # a line ending in ")" at the foot of a page: the paragraph goes on in lower case
    ("en", ["Welcoming the report of the Secretary-General on the situation in the country, including",
            "the recommendations in its annex on the future of the mission (S/2020/1234)"],
     ["and the progress made since then in implementing the agreement,"], "Stressing the need,", True),
    ("es", ["Acogiendo con beneplácito el informe del Secretario General sobre la situación en el país,",
            "incluidas las recomendaciones que figuran en su anexo sobre la misión (S/2020/1234)"],
     ["y los progresos realizados desde entonces en la aplicación del acuerdo,"], "Destacando la necesidad,", True),
    ("fr", ["Se félicitant du rapport du Secrétaire général sur la situation dans le pays, y compris",
            "les recommandations figurant dans son annexe sur l’avenir de la mission (S/2020/1234)"],
     ["et des progrès accomplis depuis lors dans la mise en œuvre de l’accord,"], "Soulignant la nécessité,", True),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "first", "second", "after", "goes_on"), OVER_A_PAGE,
                         ids=[f"{c[0]}-{'on' if c[4] else 'new'}" for c in OVER_A_PAGE])  # fmt: skip
def test_a_paragraph_over_a_page(lang, first, second, after, goes_on):
    raw = pdf(
        page(1, [[FORMULA[lang]], FILLER[lang], FILLER[lang], first]),
        page(2, [second, [after], FILLER[lang], ["1. x"]]),
    )
    (res,) = find_resolutions(clean(raw))
    pps = [p.text for p in res.paragraphs if p.kind == "preambular"]
    assert len(pps) == (5 if goes_on else 6), pps
    assert pps[2].startswith(first[0][:20]) and pps[-2] == after


def test_russian_lead_inside_a_paragraph_on_a_full_line_goes_on():
    """A lead at a line start where the layout shows a wrapped line is a clause of the paragraph."""
    lines = ["приветствуя прогресс, достигнутый федеральным правительством в области управления запасами",
             "оружия и боеприпасов, включая принятие национальной стратегии управления запасами оружия,",
             "настоятельно призывая продолжать работу по кодификации и осуществлению этой политики,"]  # fmt: skip
    raw = pdf(
        page(
            1,
            [
                [FORMULA["ru"]],
                FILLER["ru"],
                lines,
                ["определяя, что положение представляет угрозу,"],
                ["1. x"],
            ],
        )
    )
    assert [i for i, _ in _ids(raw)] == ["PP1", "PP2", "PP3", "OP1"]


def test_a_page_that_broke_early_keeps_its_last_line_apart():
    """A page whose last line stands well above the foot of the other pages broke before what follows (a
    heading kept with its paragraph): the first line of the next page opens something new, even after a comma."""
    ops = [[f"{k}. Decides to extend the mandate of the mission until 31 December 2022 and to keep",
            "its strength under review and to report to the Council on its work every", "six months;"]
           for k in range(1, 12)]  # fmt: skip
    raw = pdf(
        page(1, [[FORMULA["en"]]] + [FILLER["en"]] * 11),
        page(
            2,
            [FILLER["en"], FILLER["en"], ["Acting under Chapter VII of the Charter of the United Nations,"]],
        ),
        page(3, [["Political situation"], *ops]),
    )
    (res,) = find_resolutions(clean(raw))
    pps = [p.text for p in res.paragraphs if p.kind == "preambular"]
    assert len(pps) == 14 and pps[-1] == "Acting under Chapter VII of the Charter of the United Nations,"
    assert [p.number for p in res.paragraphs if p.kind == "operative"] == list(range(1, 12))
    assert not any("Political" in p.text for p in res.paragraphs)


# ---- 2. page furniture and footnotes between the two halves of a paragraph ------------------------------

PARA = ("Welcoming the report of the Secretary-General on the situation in the country, and the progress made "
        "since then in the implementation of the agreement on the cessation of hostilities")  # fmt: skip
REST = "and on the return of refugees to their homes,"

FURNITURE = [
    ["4"],  # a bare page number
    ["4 07-12345 (E)"],  # the page number and the job number on one line
    ["07-12345** (E)"],  # a job number with two asterisks: its "07-" is no operative paragraph 7
    ["07-12345A (E) 100107"],  # a job number with a letter suffix and its print date
    ["07-12345 4", "*0712345*"],  # the job number, then the page number, and the barcode
]


@pytest.mark.parametrize("furniture", FURNITURE, ids=[f[0] for f in FURNITURE])
def test_furniture_between_the_halves_of_a_paragraph_text(furniture):
    text = "\n".join(
        ["The Security Council,", PARA, *furniture, REST, "1. Decides to remain seized of the matter."]
    )
    assert _ids(_text(text)) == [("PP1", PARA[:24]), ("OP1", "Decides to remain seized")]
    assert _paragraph(_text(text), "PP1") == f"{PARA} {REST}"


def test_footnote_block_at_the_foot_of_a_pdf_page():
    """Footnotes (a smaller font at the foot of the page, opening with their mark) are kept out of the
    paragraph that goes on over the page, and are the page's footnotes."""
    first = ["Welcoming the report of the Secretary-General on the situation in the country,1 and the",
             "progress made since then in the implementation of the agreement on the cessation of"]  # fmt: skip
    foot = [("1 S/2020/1234, annex.", 8.0), ("2 See the statement of its President of 5 May 2020, and the", 8.0),
            ("letters that followed it.", 8.0), ("20-12345 (E)", 8.0)]  # fmt: skip
    raw = pdf(
        page(1, [[FORMULA["en"]], FILLER["en"], first], foot=foot),
        page(2, [["hostilities,2"], FILLER["en"], ["1. Decides to remain seized of the matter."]]),
    )
    doc = clean(raw)
    (res,) = find_resolutions(doc)
    assert [p.id for p in res.paragraphs] == ["PP1", "PP2", "PP3", "OP1"]
    assert res.paragraphs[1].text.endswith("cessation of hostilities,2")
    assert [(f.page, f.mark, f.text) for f in doc.footnotes] == [
        (1, "1", "S/2020/1234, annex."),
        (1, "2", "See the statement of its President of 5 May 2020, and the letters that followed it."),
    ]
    assert "annex" not in doc.text


def test_footnote_after_a_rule_in_text():
    """A text's footnote follows a rule of underscores (S/RES/1502 (2003) as extracted, felixhaass)."""
    text = (
        "The Security Council,\nReaffirming its resolutions 1296 (2000) and 1265 (1999) on the protection of "
        "civilians in armed conflict,1\n__________________ 1 Presidential Statements S/PRST/2002/6 and "
        "S/PRST/2002/41.\n03-46619 (E)\n\fS/RES/1502 (2003)\nWelcoming the adoption by the General Assembly "
        "of resolution 57/28,\n1. Decides to remain seized of the matter.\n"
    )
    doc = clean(_text(text))
    (res,) = find_resolutions(doc)
    assert [p.id for p in res.paragraphs] == ["PP1", "PP2", "OP1"]
    assert [(f.mark, f.text) for f in doc.footnotes] == [
        ("1", "Presidential Statements S/PRST/2002/6 and S/PRST/2002/41.")
    ]


def test_running_header_with_a_typo():
    """A running title repeated at the top of most pages is furniture, also where it is misprinted."""
    leads = ["Recalling", "Reaffirming", "Welcoming", "Stressing", "Noting", "Expressing", "Condemning", "Urging",
             "Commending", "Underlining"]  # fmt: skip
    body = [f"{w} the work of the mission in its {k + 1}th year and the report of the Secretary-General on it,"
            for k, w in enumerate(leads)]  # fmt: skip
    pages = ["The Security Council,\n" + "\n".join(body[:2])]
    titles = [
        "The situation in Somalia",
        "The situation in Somalia",
        "The situaton in Somalia",
        "The situation in Somalia",
    ]
    for k, title in enumerate(titles):
        pages.append(f"{title}\n" + "\n".join(body[2 + 2 * k : 4 + 2 * k]))
    text = "\f".join(pages) + "\n1. Decides to remain seized of the matter.\n"
    (res,) = find_resolutions(clean(_text(text)))
    assert [p.kind for p in res.paragraphs].count("preambular") == 10
    assert not any("Somalia" in p.text for p in res.paragraphs)


# Running titles of facing pages: the parts of the title the other way round on even and odd pages, none on
# the first; "S/2020/123" and an agenda item in several languages, not a form the furniture patterns know
FACING = {
    "en": "The situation concerning Western Sahara",
    "fr": "La situation concernant le Sahara occidental",
    "es": "La situación relativa al Sáhara Occidental",
    "ru": "Положение в отношении Западной Сахары",
}
BODY = [
    "The Council heard a briefing on the work of the mission in the territory and on the",
    "progress of the talks between the parties, and several members spoke on the situation",
    "in the camps and on the need for humanitarian access to every part of the territory.",
]


def _facing_pages(title: str, n: int, titled: bool) -> list:
    pages = [page(1, [["Provisional record of the meeting held on the situation"], BODY])]
    for k in range(2, n + 1):
        head = f"S/2020/123 {title}" if k % 2 == 0 else f"{title} S/2020/123"
        paragraphs = [BODY, [f"Item {k}: statements by the members of the Council on the briefing."]]
        pages.append(page(k, ([[head]] if titled else []) + paragraphs))
    return pages


@pytest.mark.parametrize("n", [6, 7, 12, 13])
@pytest.mark.parametrize("lang", sorted(FACING))
def test_facing_running_titles_are_furniture(lang, n):
    """A running title printed on every page but the first, its parts swapped on facing pages, is removed on
    both kinds of page, whether the document has an even or an odd number of pages: the text is that of the
    same pages without it."""
    title = FACING[lang]
    doc = clean(pdf(*_facing_pages(title, n, titled=True)))
    assert title not in doc.text and "S/2020/123" not in doc.text
    assert doc.text == clean(pdf(*_facing_pages(title, n, titled=False))).text


def test_a_two_page_meeting_record_loses_its_running_title():
    """A meeting record of two pages prints its running title once, too few times to be told by repetition:
    its form (the record's symbol, the agenda item, the date) says what it is."""
    head = "S/PV.8701 The situation in the Middle East 13/01/2020"
    titled = pdf(page(1, [BODY]), page(2, [[head], BODY]))
    plain = pdf(page(1, [BODY]), page(2, [BODY]))
    assert clean(titled).text == clean(plain).text


# The heading of each letter of a compilation of replies: its first line the same on every page but for its
# date, under a line of its own ("Annex IV"), in several languages
REPLY_HEADINGS = {
    "en": ("Annex {n}", "Letter dated {d} February 2021 from the Permanent Representative",
           "of {m} to the United Nations addressed to the President of the Security Council"),
    "fr": ("Annexe {n}", "Lettre datée du {d} février 2021, adressée au Président du Conseil",
           "de sécurité par le Représentant permanent de {m} auprès de l’Organisation"),
    "es": ("Anexo {n}", "Carta de fecha {d} de febrero de 2021 dirigida a la Presidencia del",
           "Consejo de Seguridad por la Representación Permanente de {m} ante las Naciones Unidas"),
    "ru": ("Приложение {n}", "Письмо Постоянного представителя {m} при Организации",
           "Объединенных Наций от {d} февраля 2021 года на имя Председателя Совета Безопасности"),
}  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
MEMBERS = ["China", "Estonia", "France", "India", "Ireland", "Kenya", "Mexico", "Niger"]


@pytest.mark.parametrize("lang", sorted(REPLY_HEADINGS))
def test_a_heading_repeated_under_a_line_of_its_own_is_text(lang):
    """A line repeated near the top of most pages is a running title only where nothing but furniture stands
    between it and the page's edge: the heading of each reply in a compilation, under its annex number, is
    text (the running titles themselves: `test_facing_running_titles_are_furniture`)."""
    number, first, second = REPLY_HEADINGS[lang]
    pages = [
        page(
            k + 1,
            [
                ["S/2021/123"],
                [number.format(n=ROMAN[k])],
                [first.format(d=10 + k, m=m), second.format(d=10 + k, m=m)],
                BODY,
            ],
        )
        for k, m in enumerate(MEMBERS)
    ]
    doc = clean(pdf(*pages))
    for k, m in enumerate(MEMBERS):
        assert first.format(d=10 + k, m=m) in doc.text
        assert number.format(n=ROMAN[k]) in doc.text


def test_a_compilation_keeps_the_headings_of_its_letters():
    """The real compilation of replies S/2021/193 (tests/data/votes/letters): the first line of every
    letter's heading, "Letter dated … from …", stays in the text (under its annex number on each page)."""
    path = Path(__file__).parent / "data" / "votes" / "letters" / "S_2021_193.en.txt"
    raw = path.read_text(encoding="utf-8")
    doc = clean(_text(raw))
    printed = [ln for ln in raw.splitlines() if ln.startswith("Letter dated")]
    assert len(printed) == 17
    assert all(ln in doc.text for ln in printed)


# A sub-paragraph cited at the start of a wrapped line ("paragraph 13⏎(iii) of resolution 2391", "(d), paragraph
# 1 (f)"), then a chapeau with two real sub-paragraphs, in several languages
CITED_LABELS = {
    "en": ("The Security Council,", "Recalling its resolution 2391 (2017),",
           ["1. Recalls all provisions of paragraph 13", "(iii) of resolution 2391 (2017) and requests a report on"],
           ["the measures permitted in paragraph 1", "(d), paragraph 1 (f) and paragraph 2 of that resolution;"],
           "2. Decides:", "(a) to renew the mandate;", "(b) to remain seized of the matter."),
    "fr": ("Le Conseil de sécurité,", "Rappelant sa résolution 2391 (2017),",
           ["1. Rappelle toutes les dispositions du paragraphe 13", "(iii) de la résolution 2391 (2017) et demande"],
           ["un rapport sur les mesures autorisées au paragraphe 1", "(d), paragraphe 1 (f) de cette résolution ;"],
           "2. Décide :", "(a) de proroger le mandat ;", "(b) de rester saisi de la question."),
    "es": ("El Consejo de Seguridad,", "Recordando su resolución 2391 (2017),",
           ["1. Recuerda todas las disposiciones del párrafo 13", "(iii) de la resolución 2391 (2017) y solicita"],
           ["un informe sobre las medidas permitidas en el párrafo 1", "(d), párrafo 1 (f) de esa resolución;"],
           "2. Decide:", "(a) prorrogar el mandato;", "(b) seguir ocupándose de la cuestión."),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(CITED_LABELS))
def test_a_sub_paragraph_cited_at_the_start_of_a_line_opens_none(lang):
    """A label at the start of a line after a line that stops on a number, or followed by a mark, is a
    reference to a sub-paragraph, not one: the paragraph goes on. Real sub-paragraphs after a chapeau stay."""
    formula, pp, op1a, op1b, op2, sub_a, sub_b = CITED_LABELS[lang]
    doc = clean(pdf(page(1, [[formula], [pp], op1a + op1b, [op2], [sub_a], [sub_b]])))
    (res,) = find_resolutions(doc)
    op1, op2p = (p for p in res.paragraphs if p.kind == "operative")
    assert not op1.subparagraphs
    assert "(iii)" in op1.text and "(d), " in op1.text
    assert [s.id for s in op2p.subparagraphs] == ["OP2(a)", "OP2(b)"]


# A sub-paragraph cited after a conjunction that ends a line ("paragraphs 7 (d) and⏎(e) of resolution …"), then a
# chapeau whose first sub-paragraph ends in "; and" before the second, in several languages and label styles
JOINED_LABELS = {
    "en": ("The Security Council,", "Recalling its resolution 2293 (2016),",
           ["1. Recalls the measures imposed by paragraphs 7 (d) and", "(e) of resolution 2293 (2016) and their aims;"],
           "2. Decides:", "(a) to renew the mandate; and", "(b) to remain seized of the matter."),
    "fr": ("Le Conseil de sécurité,", "Rappelant sa résolution 2293 (2016),",
           ["1. Rappelle les mesures imposées par les alinéas 7 d) et", "e) de la résolution 2293 (2016) ;"],
           "2. Décide :", "a) de proroger le mandat ; et", "b) de rester saisi de la question."),
    "es": ("El Consejo de Seguridad,", "Recordando su resolución 2293 (2016),",
           ["1. Recuerda las medidas impuestas en virtud de los párrafos 7 d) y", "e) de su resolución 2293 (2016);"],
           "2. Decide:", "a) prorrogar el mandato; y", "b) seguir ocupándose de la cuestión."),
    "ru": ("Совет Безопасности,", "ссылаясь на свою резолюцию 2293 (2016),",
           ["1. напоминает о мерах, введенных подпунктами 7 (d) и", "(e) резолюции 2293 (2016);"],
           "2. постановляет:", "(a) продлить мандат; и", "(b) продолжать заниматься этим вопросом."),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(JOINED_LABELS))
def test_a_sub_paragraph_cited_after_a_conjunction_opens_none(lang):
    """A label at the start of a line after a line that stops on a conjunction after a number or label (the
    lexicons' list joiners) is cited, not opened; after "; and" the next sub-paragraph still opens."""
    formula, pp, op1, op2, sub_a, sub_b = JOINED_LABELS[lang]
    doc = clean(pdf(page(1, [[formula], [pp], op1, [op2], [sub_a], [sub_b]])))
    (res,) = find_resolutions(doc)
    first, second = (p for p in res.paragraphs if p.kind == "operative")
    assert not first.subparagraphs
    assert op1[1] in first.text
    assert [s.id for s in second.subparagraphs] == ["OP2(a)", "OP2(b)"]


# A preambular paragraph that goes on over a page break, the new page's first line opening with a lead printed
# inside the paragraph as at a paragraph's start («, подчеркивая далее», «，强调指出», «، وإذ يرحب»): set at the
# margin of wrapped lines it goes on; at the first-line indent it is a new paragraph
OVER_THE_PAGE = {
    "ru": (["приветствуя доклад Генерального секретаря и прогресс, достигнутый в осуществлении соглашения,"],
           ["подчеркивая далее необходимость полного осуществления соглашения всеми сторонами,"],
           "принимая к сведению письмо Генерального секретаря,", "1. постановляет продлить мандат."),
    "zh": (["表示深为关切该国境内持续的严重暴力和安全局势，特别是平民伤亡人数居高不下，"],
           ["强调指出必须持续努力减少暴力，"], "注意到秘书长的信，", "1.决定延长授权。"),
    "ar": (["وإذ يكرر تأكيد ضرورة إسراع الحكومة في تقديم المسؤولين عن قتل عضوي الفريق إلى العدالة،"],
           ["وإذ يرحب بالتزام الأمين العام بمواصلة دعم التحقيقات،"], "وإذ يحيط علما برسالة الأمين العام،",
           "1 - يقرر أن يمدد الولاية."),
}  # fmt: skip


@pytest.mark.parametrize("indented", [False, True], ids=["goes-on", "new-paragraph"])
@pytest.mark.parametrize("lang", sorted(OVER_THE_PAGE))
def test_a_lead_at_the_top_of_a_page_is_read_by_its_indent(lang, indented):
    end_of_page, top_of_page, next_pp, op = OVER_THE_PAGE[lang]
    first = page(1, [[FORMULA[lang]], FILLER[lang], FILLER[lang], end_of_page], top=260.0)
    second = page(2, [top_of_page, FILLER[lang], [next_pp], [op]], continued=not indented)
    (res,) = find_resolutions(clean(pdf(first, second)))
    kinds = [p.kind for p in res.paragraphs]
    assert kinds == ["preambular"] * (6 if indented else 5) + ["operative"]
    third = res.paragraphs[2].text
    assert (top_of_page[0] in third) is not indented


# ---- 3. an open quotation mark or bracket: the paragraph has not ended ----------------------------------

QUOTED = [
    # one paragraph per line (text extracted without wrapping): no cut inside the quoted title
    ("text", "Welcoming the “Agreement on Return, Resettling and Rebuilding”, signed by the parties on 3 May "
     "2020 in the capital, and calling on all parties to implement it,"),
    ("text", "Welcoming the signature of the Agreement on Return, Resettling and Rebuilding by the parties on "
     "3 May 2020 in the capital, and calling on all parties to implement it,"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "line"), QUOTED, ids=["quoted", "title-case"])
def test_title_with_a_capitalised_participle_is_no_lead(kind, line):
    text = f"The Security Council,\n{line}\nStressing the need to respect the agreement,\n1. Decides x;\n"
    assert [i for i, _ in _ids(_text(text))] == ["PP1", "PP2", "OP1"]


def test_open_quotation_mark_at_a_line_end_holds_the_paragraph():
    """PDF: "… the “Agreement on Return," / "Resettling and Rebuilding”, …" is one paragraph."""
    lines = ["Welcoming the signature by the parties on 3 May 2020 in the capital of the “Agreement on Return,",
             "Resettling and Rebuilding”, and calling on all parties to implement it without delay,"]  # fmt: skip
    raw = pdf(page(1, [[FORMULA["en"]], FILLER["en"], lines, ["Stressing the need,"], ["1. x"]]))
    assert [i for i, _ in _ids(raw)] == ["PP1", "PP2", "PP3", "OP1"]


# ---- 4. an operative number that is not at a line start -------------------------------------------------

MID = [
    ("… Follow-up and review 17. Requests", "16. Decides that the review shall take place every year; Follow-up and "
     "review 17. Requests the Secretary-General to report on its implementation;"),
    ("after a closing bracket", "16. Decides that the review shall take place every year (S/2020/5) 17. Requests "
     "the Secretary-General to report on its implementation;"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line"), MID, ids=[m[0] for m in MID])
def test_mid_line_operative_number_that_continues_the_sequence(name, line):
    text = f"The Security Council,\nRecalling its resolutions,\n{line}\n18. Decides to remain seized.\n"
    ops = [(i, t) for i, t in _ids(_text(text)) if i.startswith("OP")]
    assert [i for i, _ in ops] == ["OP16", "OP17", "OP18"]
    assert ops[1][1].startswith("Requests")


def test_a_number_out_of_sequence_is_a_doubt_not_a_paragraph():
    text = "The Security Council,\nRecalling its resolutions,\n1. Decides x;\n2. Requests y;\n9. Decides z.\n"
    (res,) = find_resolutions(clean(_text(text)))
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2"]
    assert [i.code for i in res.issues] == ["structure-doubt"]


# ---- 5. numbers and formulas in other scripts -----------------------------------------------------------

FORMULAS = [
    ("zh, no space after the number", "安全理事会，\n回顾其以往各项决议，\n1.决定延长授权；\n2.请秘书长提出报告；\n", ["PP1", "OP1", "OP2"]),
    ("en, no comma", "The Security Council\nRecalling its resolutions,\n1. Decides x.\n", ["PP1", "OP1"]),
    ("ru, no comma before a lead", "Совет Безопасности\nссылаясь на свои резолюции,\n1. постановляет x.\n", ["PP1", "OP1"]),
    ("ar, a stray space", "إ ن مجلس الأمن،\nإذ يشير إلى قراراته السابقة،\n1 - يقرر أن يبقي المسألة قيد نظره.\n",
     ["PP1", "OP1"]),
    ("ar, number printed reversed", "إن مجلس الأمن،\nإذ يشير إلى قراراته السابقة،\n- 1 يقرر أن يمدد الولاية؛\n"
     "- 2 يقرر أن يبقي المسألة قيد نظره.\n", ["PP1", "OP1", "OP2"]),
    ("en, a wrapped “Security Council,” is no second resolution",
     "The Security Council,\nRecalling the letter dated 5 May 2020 from the President of the\nSecurity Council,\n"
     "1. Decides x.\n", ["PP1", "OP1"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "ids"), FORMULAS, ids=[f[0] for f in FORMULAS])
def test_numbers_and_formulas(name, text, ids):
    assert [i for i, _ in _ids(_text(text))] == ids


def test_no_enacting_formula_printed():
    """The preamble right after the adoption line (the formula left out of the printed text)."""
    text = ("Resolution 2573 (2021)\nAdopted by the Security Council on 27 April 2021\nReiterating its primary "
            "responsibility,\n1. Decides x.\n")  # fmt: skip
    (res,) = find_resolutions(clean(_text(text)))
    assert res.symbol == "S/RES/2573 (2021)" and res.enacting_formula is None
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1"]


# ---- 6. headings -----------------------------------------------------------------------------------------

HEADINGS = [
    # a long heading (over 16 words) before the operative part
    ("long", "Prevention of Illicit Exports of Petroleum, including Crude Oil and Refined Petroleum Products, "
     "from Libya and of the Illicit Import of Arms and Related Materiel into the Country"),
    ("colon", "Protection of civilians and of humanitarian and United Nations personnel:"),
    ("parenthesised", "(Follow-up and review)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "heading"), HEADINGS, ids=[h[0] for h in HEADINGS])
def test_heading_is_no_paragraph(name, heading):
    text = (f"The Security Council,\nRecalling its resolutions,\n1. Decides x;\n{heading}\n"
            "2. Requests the Secretary-General to report;\n")  # fmt: skip
    (res,) = find_resolutions(clean(_text(text)))
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2"]
    assert all(heading[:12] not in p.text for p in res.paragraphs)


def test_heading_before_a_number_alone_on_its_line():
    """A heading at the top of a page, before an operative number printed alone ("2.", its text on the next
    line), is no part of the paragraph that ended on the page before."""
    heading = "Дополнительные изъятия из оружейного эмбарго Организации Объединенных Наций"
    text = (f"{FORMULA['ru']}\nссылаясь на свои резолюции,\n1. постановляет продлить мандат миссии до 31 декабря "
            f"2022 года.\f{heading}\n2.\nпостановляет продолжать заниматься этим вопросом.\n")  # fmt: skip
    (res,) = find_resolutions(clean(_text(text)))
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2"]
    assert res.paragraphs[1].text == "постановляет продлить мандат миссии до 31 декабря 2022 года."


def test_heading_numbered_with_digit_and_letter():
    """A heading whose number runs into a letter ("1d：…", Chinese) is no continuation of the paragraph above:
    the letter after a digit is no lower-case start."""
    text = "安全理事会，\n回顾其以往各项决议，\n1. 决定延长授权；\n1d：简易爆炸装置组件限制\n2. 请秘书长提出报告；\n"
    (res,) = find_resolutions(clean(_text(text)))
    assert [(p.id, p.text) for p in res.paragraphs] == [
        ("PP1", "回顾其以往各项决议，"), ("OP1", "决定延长授权；"), ("OP2", "请秘书长提出报告；")
    ]  # fmt: skip


# a heading between the last preambular paragraph and the first operative one, on one line or over two, on
# the same page or at the top of the next (S/RES/2571 (2021) prints it so in all six languages)
LAST_PP = {"ar": "وإذ يتصرف بموجب الفصل السابع من ميثاق الأمم المتحدة،",
           "ru": "действуя на основании главы VII Устава Организации Объединенных Наций,",
           "zh": "根据《联合国宪章》第七章采取行动，",
           "en": "Acting under Chapter VII of the Charter of the United Nations,",
           "es": "Actuando en virtud del Capítulo VII de la Carta de las Naciones Unidas,",
           "fr": "Agissant en vertu du Chapitre VII de la Charte des Nations Unies,"}  # fmt: skip
PP_HEADING = {
    "ar": ["منع صادرات النفط غير المشروعة، بما في ذلك النفط الخام والمنتجات النفطية المكررة"],
    "ru": ["Предотвращение незаконного экспорта нефти, в том числе сырой нефти и", "продуктов нефтепереработки"],
    "zh": ["防止非法出口石油，包括原油和精炼石油产品"],
    "en": ["Prevention of Illicit Exports of Petroleum, including Crude Oil and Refined Petroleum", "Products"],
    "es": ["Prevención de las exportaciones ilícitas de petróleo, incluidos el petróleo crudo y los",
           "productos refinados derivados del petróleo"],
    "fr": ["Prévention des exportations illicites de pétrole, y compris de pétrole brut et de produits",
           "pétroliers raffinés"],
}  # fmt: skip
FIRST_OPS = {
    "ar": [["1 - يدين محاولات تصدير النفط، بما يشمل النفط الخام والمنتجات النفطية المكررة، بصورة",
            "غير مشروعة من ليبيا؛"], ["2 - يقرر أن يبقي المسألة قيد نظره الفعلي."]],
    "ru": [["1. осуждает попытки незаконного экспорта из Ливии нефти, в том числе сырой нефти и",
            "продуктов нефтепереработки;"], ["2. постановляет продолжать активно заниматься этим вопросом."]],
    "zh": [["1.谴责企图从利比亚非法出口石油(包括原油和精炼石油产品)的行为，包括并非依",
            "照利比亚政府授权行事的平行机构的此种行为；"], ["2.决定继续积极处理此案。"]],
    "en": [["1. Condemns attempts to illicitly export petroleum, including crude oil and refined",
            "petroleum products, from Libya;"], ["2. Decides to remain actively seized of the matter."]],
    "es": [["1. Condena los intentos de exportar ilícitamente desde Libia petróleo, incluidos el",
            "petróleo crudo y los productos refinados derivados del petróleo;"],
           ["2. Decide seguir ocupándose activamente de la cuestión."]],
    "fr": [["1. Condamne les tentatives d’exportation illicite de pétrole, y compris de pétrole brut et",
            "de produits pétroliers raffinés, depuis la Libye ;"], ["2. Décide de rester activement saisi de la question."]],
}  # fmt: skip
HEADING_CASES = [(lang, two, over) for lang in PP_HEADING for two in (False, True) for over in (False, True)]


@pytest.mark.parametrize(("lang", "two_lines", "over_a_page"), HEADING_CASES,
                         ids=[f"{c[0]}-{'two' if c[1] else 'one'}-{'page' if c[2] else 'gap'}" for c in HEADING_CASES])  # fmt: skip
def test_heading_after_the_last_preambular_paragraph(lang, two_lines, over_a_page):
    """The heading is no part of the last preambular paragraph (which ends with a comma, so the break before
    the heading is decided by what follows it: an operative number), on one line or over two, after a gap on
    the same page or at the top of the next, where no gap can be measured."""
    heading = PP_HEADING[lang] if two_lines else [" ".join(PP_HEADING[lang])]
    if lang == "zh":
        heading = ["".join(heading)]
    first = [[FORMULA[lang]], FILLER[lang], FILLER[lang], [LAST_PP[lang]]]
    if over_a_page:
        raw = pdf(page(1, first), page(2, [heading, *FIRST_OPS[lang], FILLER[lang]], continued=True))
    else:
        raw = pdf(page(1, [*first, heading, *FIRST_OPS[lang]]))
    (res,) = find_resolutions(clean(raw))
    pps = [p.text for p in res.paragraphs if p.kind == "preambular"]
    assert pps[-1 if not over_a_page else 2] == LAST_PP[lang]
    assert [p.number for p in res.paragraphs if p.kind == "operative"][:2] == [1, 2]
    assert not any(heading[0][:12] in p.text for p in res.paragraphs)


# a heading inside a list, after a chapeau ending in a colon, at the top of a page, in a text whose lines are
# paragraphs (S/RES/1856 (2008) as extracted: "… in order to:" / page break / "Protection of civilians …" /
# "(a) Ensure …"); the chapeau and its sub-paragraphs keep their texts, the heading is in none of them
LIST_HEADING = [
    ("en", "1. Decides that the mission shall, from the adoption of this resolution, have the following mandate, in "
     "this order of priority, working in close cooperation with the Government of the country and with the regional "
     "organizations concerned, in order to:",
     "Protection of civilians, humanitarian personnel and United Nations personnel and facilities",
     ["(a) Ensure the protection of civilians, including humanitarian personnel, under imminent threat of physical "
      "violence, in particular violence emanating from any of the parties engaged in the conflict;",
      "(b) Ensure the protection of United Nations personnel, facilities, installations and equipment;"],
     "2. Requests the Secretary-General to report to the Council every three months on the implementation of this "
     "resolution and on the progress made by the mission towards the priorities set out in paragraph 1 above;"),
    ("fr", "1. Décide que la mission aura, à compter de l’adoption de la présente résolution, le mandat suivant, dans "
     "cet ordre de priorité, en étroite coopération avec le Gouvernement du pays et avec les organisations régionales "
     "concernées, afin de :",
     "Protection des civils, du personnel humanitaire et du personnel et des installations des Nations Unies",
     ["a) Assurer la protection des civils, y compris le personnel humanitaire, se trouvant sous la menace imminente "
      "de violences physiques, en particulier de violences émanant de l’une quelconque des parties au conflit ;",
      "b) Assurer la protection du personnel, des locaux, des installations et du matériel des Nations Unies ;"],
     "2. Prie le Secrétaire général de lui faire rapport tous les trois mois sur l’application de la présente "
     "résolution et sur les progrès accomplis par la mission au regard des priorités énoncées au paragraphe 1 ;"),
    ("es", "1. Decide que la misión tendrá, a partir de la aprobación de la presente resolución, el siguiente mandato, "
     "por este orden de prioridad, en estrecha cooperación con el Gobierno del país y con las organizaciones "
     "regionales interesadas, a fin de:",
     "Protección de los civiles, el personal humanitario y el personal y las instalaciones de las Naciones Unidas",
     ["a) Garantizar la protección de los civiles, incluido el personal humanitario, que se encuentren bajo amenaza "
      "inminente de violencia física, en particular la violencia procedente de cualquiera de las partes;",
      "b) Garantizar la protección del personal, los locales, las instalaciones y el equipo de las Naciones Unidas;"],
     "2. Solicita al Secretario General que lo informe cada tres meses sobre la aplicación de la presente resolución "
     "y sobre los progresos realizados por la misión respecto de las prioridades enunciadas en el párrafo 1;"),
    ("ru", "1. постановляет, что с момента принятия настоящей резолюции миссия будет иметь следующий мандат в "
     "указанном порядке очередности, действуя в тесном сотрудничестве с правительством страны и с заинтересованными "
     "региональными организациями, с тем чтобы:",
     "Защита гражданского населения, гуманитарного персонала и персонала и объектов Организации Объединенных Наций",
     ["a) обеспечивать защиту гражданского населения, включая гуманитарный персонал, находящегося под угрозой "
      "неминуемого физического насилия, в частности насилия со стороны любой из сторон конфликта;",
      "b) обеспечивать защиту персонала, помещений, объектов и имущества Организации Объединенных Наций;"],
     "2. просит Генерального секретаря представлять Совету каждые три месяца доклады об осуществлении настоящей "
     "резолюции и о прогрессе, достигнутом миссией в решении приоритетных задач, изложенных в пункте 1;"),
]  # fmt: skip
ONE_PP = {"en": "Recalling its previous resolutions and the statements of its President on the situation in the country, "
          "in particular its resolutions on the protection of civilians in armed conflict and on children and armed conflict,",
          "fr": "Rappelant ses résolutions antérieures et les déclarations de son président sur la situation dans le pays, en "
          "particulier ses résolutions sur la protection des civils en période de conflit armé et sur les enfants,",
          "es": "Recordando sus resoluciones anteriores y las declaraciones de su Presidencia sobre la situación en el país, en "
          "particular sus resoluciones sobre la protección de los civiles en los conflictos armados y sobre los niños,",
          "ru": "ссылаясь на свои предыдущие резолюции и заявления своего Председателя о положении в стране, в частности на "
          "свои резолюции о защите гражданских лиц в вооруженном конфликте и о детях и вооруженных конфликтах,"}  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "chapeau", "heading", "subs", "after"), LIST_HEADING, ids=[c[0] for c in LIST_HEADING]
)
def test_heading_inside_a_list_at_the_top_of_a_page_one_paragraph_per_line(
    lang, chapeau, heading, subs, after
):
    text = (
        "\n".join([FORMULA[lang], ONE_PP[lang], ONE_PP[lang], chapeau])
        + "\f"
        + "\n".join([heading, *subs, after])
    )
    (res,) = find_resolutions(clean(_text(text + "\n")))
    op1 = next(p for p in res.paragraphs if p.id == "OP1")
    assert op1.text == chapeau[3:]
    assert [x.id for x in op1.subparagraphs] == ["OP1(a)", "OP1(b)"]
    assert [x.text for x in op1.subparagraphs] == [x[x.index(")") + 2 :] for x in subs]
    assert [p.id for p in res.paragraphs] == ["PP1", "PP2", "OP1", "OP2"]


# a paragraph whose first word is no lead, where the layout shows a paragraph's printed start (a vertical gap,
# the first-line indent), after a paragraph that ended with a comma: a conjunction before the lead ("and
# stressing", S/RES/2568 (2021) PP18 in five languages), or a phrase before it ("按照…审查了", S/RES/2529 (2020)
# PP9); the case of the first letter tells nothing there
NO_LEAD = [
    ("en", "and stressing the need for constructive engagement from all relevant stakeholders in these activities,"),
    ("fr", "et soulignant la nécessité d’une participation constructive de toutes les parties prenantes à ces activités,"),
    ("es", "y destacando la necesidad de que todas las instancias pertinentes participen de forma constructiva,"),
    ("ru", "и подчеркивая необходимость конструктивного участия всех соответствующих заинтересованных сторон,"),
    ("zh", "按照第1966(2010)号决议第17段规定的程序，审查了余留机制的工作进展情况，"),
]  # fmt: skip
SHORT_PP = {"en": "Recalling its resolution 2000 (2011),", "fr": "Rappelant sa résolution 2000 (2011),",
            "es": "Recordando su resolución 2000 (2011),", "ru": "ссылаясь на свою резолюцию 2000 (2011),",
            "zh": "回顾其第2000(2011)号决议，"}  # fmt: skip


@pytest.mark.parametrize(("lang", "line"), NO_LEAD, ids=[c[0] for c in NO_LEAD])
def test_paragraph_printed_as_one_with_no_lead(lang, line):
    raw = pdf(page(1, [[FORMULA[lang]], FILLER[lang], [SHORT_PP[lang]], [line], FILLER[lang], ["1. x"]]))
    (res,) = find_resolutions(clean(raw))
    pps = [p.text for p in res.paragraphs if p.kind == "preambular"]
    assert pps[1:3] == [SHORT_PP[lang], line]
    assert len(pps) == 4


@pytest.mark.parametrize(
    "line",
    [
        "وكذلك قراراتهما A/RES/60/180 و )2005( S/RES/1645 المؤرخين 20 كانون الأول/ديسمبر 2005،",
        "وإذ يشير إلى قراره )2020( S/RES/2518 المؤرخ",
        "قراريه )2019( S/RES/2467 و )2021( S/RES/2573 وإذ",
        "البيان ]S/PRST/2019/12[ الصادر",
    ],
)
def test_mirrored_brackets_of_a_right_to_left_line_hold_nothing_open(line):
    """An Arabic line prints the brackets of a left-to-right run mirrored («)<year>( S/RES/<number>», one pair
    or several, round or square): each pair is closed, so the paragraph that follows may open with its lead."""
    from resinspect.clean.join import CleanLine, Joiner

    j = Joiner(("ar",), True, False, {})
    j.advance(CleanLine(line, 0, False, True), True)
    assert not j.open_marks()
    j.advance(CleanLine("ويشير إلى (القرار", 0, False, True), True)
    assert j.open_marks()  # an opening bracket with none closed before it stays open


# an annex numbered with a letter, on the page after the last operative paragraph
SEIZED = {"en": "1. Decides to remain seized of the matter.", "es": "1. Decide seguir ocupándose de la cuestión.",
          "fr": "1. Décide de rester saisi de la question.", "ru": "1. постановляет продолжать заниматься этим вопросом.",
          "zh": "1. 决定继续处理此案。"}  # fmt: skip
LETTERED_ANNEX = [
    ("en", "Annex A"),
    ("es", "Anexo A"),
    ("fr", "Annexe A"),
    ("ru", "Приложение В"),
    ("zh", "附件A"),
]


@pytest.mark.parametrize(("lang", "title"), LETTERED_ANNEX, ids=[a[0] for a in LETTERED_ANNEX])
def test_lettered_annex_ends_the_resolution(lang, title):
    raw = pdf(page(1, [[FORMULA[lang]], FILLER[lang], [SEIZED[lang]]]), page(2, [[title], FILLER[lang]]))
    (res,) = find_resolutions(clean(raw))
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1"]
    assert res.paragraphs[1].text == SEIZED[lang][3:]
    assert not res.issues


# ---- parts (A/B, I/II) ------------------------------------------------------------------------------------

PART_A = ["A Expressing its grave concern at the deterioration of the security situation in the country",
          "and in the region,"]  # fmt: skip
PART_A_OP = ["1. Decides to extend the mandate of the mission until 31 December 2022 and to keep its",
             "strength under review;"]  # fmt: skip
PART_B = ["B Recalling its previous resolutions and the statements of its President on the situation",
          "in the country,"]  # fmt: skip
PART_B_OP = ["1. Decides to renew the measures imposed by paragraph 5 of resolution 2000 (2011) for",
             "a further year."]  # fmt: skip


@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_part_letter_run_into_its_first_line(kind):
    """A part's letter printed on the line of its first paragraph ("A Expressing …", "B Recalling …") opens the
    part: the letter is no part of the text, and the part's preamble and operative numbers start again."""
    paras = [FILLER["en"], PART_A, PART_A_OP, PART_B, PART_B_OP]
    if kind == "pdf":
        raw = pdf(page(1, [[FORMULA["en"]], *paras]))
    else:
        raw = _text("\n".join([FORMULA["en"], *(" ".join(p) for p in paras)]) + "\n")
    (res,) = find_resolutions(clean(raw))
    got = [(p.id, p.text[:12]) for p in res.paragraphs]
    assert got == [("PP1", "Reaffirming "), ("PP2", "Expressing i"), ("OP1", "Decides to e"), ("PP3", "Recalling it"),
                   ("OP1", "Decides to r")]  # fmt: skip


@pytest.mark.parametrize("engine", ["pdfminer", "pdfium"])
def test_a_meeting_record_keeps_no_running_title(engine):
    """S/PV.8700 (samples/, 12 pages) prints "S/PV.8700 The situation in the Middle East 10/01/2020" on even
    pages and "10/01/2020 The situation in the Middle East S/PV.8700" on odd ones (five of them): none of
    either is left inside the speeches."""
    import resinspect

    doc = resinspect.read(Path(__file__).resolve().parents[1] / "samples" / "S_PV.8700_E.pdf", engine=engine)
    assert "10/01/2020" not in doc.text
    assert "Middle East S/PV.8700" not in doc.text and "S/PV.8700 The situation" not in doc.text
    assert (
        "to vote in favour of it.\nThe President: Rule 36" in doc.text
    )  # where the title stood, page 2 to 3


# Two columns a page (meeting records): each column has its own margin and first-line indent, and a
# paragraph that starts at the top of the right column or of a new page is told by its indent alone
SPEECHES = {
    "en": [
        "The President: I thank the Special Envoy for his briefing. I now give the floor to the members of "
        "the Council who wish to make statements.",
        "Mr. Allen (United Kingdom): We welcome the release of prisoners. It shows what the parties can do "
        "when they talk to each other. We call on them to go further and to agree a nationwide ceasefire.",
        "Ms. Juul (Norway): Our delegation shares the concern of the Envoy. The "
        "fighting must stop. Humanitarian access must be granted to every part of the country.",
        "Mr. Zhang Jun (China): China supports the work of the Envoy. We hope that the "
        "parties will show flexibility. The Council should speak with one voice.",
    ],
    "fr": [
        "Le Président : Je remercie l'Envoyé spécial de son exposé. Je donne maintenant la parole aux "
        "membres du Conseil qui souhaitent faire une déclaration.",
        "M. De Rivière (France) : Nous saluons la libération des prisonniers. Elle montre ce que les parties "
        "peuvent faire quand elles se parlent. Nous les appelons à aller plus loin.",
        "Mme Juul (Norvège) : Ma délégation partage la préoccupation de l'Envoyé. "
        "Les combats doivent cesser. L'accès humanitaire doit être accordé partout.",
        "M. Zhang Jun (Chine) : La Chine appuie le travail de l'Envoyé. Nous espérons "
        "que les parties feront preuve de souplesse.",
    ],
    "ru": [
        "Председатель: Я благодарю Специального посланника за его брифинг. Сейчас я предоставляю слово "
        "членам Совета, желающим сделать заявления.",
        "Г-н Аллен (Соединенное Королевство): Мы приветствуем освобождение заключенных. Оно показывает, "
        "чего могут добиться стороны. Мы призываем их пойти дальше.",
        "Г-жа Юуль (Норвегия): Наша делегация разделяет обеспокоенность посланника. Боевые "
        "действия должны прекратиться.",
        "Г-н Чжан Цзюнь (Китай): Китай поддерживает работу посланника. Мы надеемся, "
        "что стороны проявят гибкость.",
    ],
}
LEFT, GUTTER_X, COLUMN = 60.0, 312.0, 240.0


def _two_columns(paragraphs: list[str], per_column: int, last: int | None = None) -> list:
    """The paragraphs wrapped to the column's width, first lines indented, no gap between paragraphs (records
    print none): `per_column` lines a column, left then right; the last page's lines shared between its two
    columns as a typesetter balances them, or all in the left one when they are too few for a page to show
    its two columns. `last`: the last page holds that many lines, balanced however few."""
    import textwrap

    from pages import SIZE, _glyphs
    from resinspect.reader.layout import GUTTER_MIN_ROWS, Columns, make_page

    columns = Columns()  # the document's gutters, as an engine keeps them for one document
    lines = [
        (j == 0, text)
        for p in paragraphs
        for j, text in enumerate(textwrap.wrap(p, int(COLUMN / (SIZE / 2)) - 4))
    ]
    body, tail = (lines[: len(lines) - last], lines[len(lines) - last :]) if last else (lines, [])
    chunks = [body[k : k + 2 * per_column] for k in range(0, len(body), 2 * per_column)] + (
        [tail] if tail else []
    )
    pages = []
    for n, take in enumerate(chunks):
        short = len(take) < 2 * GUTTER_MIN_ROWS and not (last and n == len(chunks) - 1)
        left = len(take) if short else min(per_column, (len(take) + 1) // 2)
        glyphs: list = []
        for k, (first, text) in enumerate(take):
            column, row = (0, k) if k < left else (1, k - left)
            x = (LEFT if column == 0 else GUTTER_X) + (18.0 if first else 0.0)
            glyphs += _glyphs(x, 700.0 - row * 12.0, text, SIZE, False)
        pages.append(make_page(len(pages) + 1, 612.0, 792.0, glyphs, columns=columns))
    return pages


@pytest.mark.parametrize("per_column", [5, 7, 9, 12])
@pytest.mark.parametrize("lang", sorted(SPEECHES))
def test_each_column_has_its_margin_and_indent(lang, per_column):
    """The boundary decision sees a right-column line at its column's margin or first-line indent as it sees
    a left-column one, on every page; before, the two columns' edges, each shared by half the lines, were
    too rare to count and no line of a two-column page was at a margin or an indent."""
    from resinspect.clean import prepare

    _, lines, joiner, _ = prepare(pdf(*_two_columns(SPEECHES[lang], per_column)))
    firsts = {p.split()[0] + " " + p.split()[1] for p in SPEECHES[lang]}
    seen = set()
    for prev, cur in zip(lines, lines[1:], strict=False):
        f = joiner.features(prev, cur)
        first = " ".join(cur.text.split()[:2]) in firsts
        assert (f.at_indent, f.at_margin) == (first, not first), cur.text
        seen.add((cur.box[0] > GUTTER_X - 1, first))
    assert seen == {(False, False), (False, True), (True, False), (True, True)}  # both columns, both kinds


@pytest.mark.parametrize("engine", ["pdfminer", "pdfium"])
def test_a_meeting_record_speech_starts_a_paragraph_after_a_heading_and_a_page(engine):
    """S/PV.8700 (samples/): the agenda item printed as a heading is a paragraph of its own, and the
    President's turn at the top of page 3 (left column, indented) starts one, after a speech that ended at
    the foot of page 2's right column."""
    import resinspect

    doc = resinspect.read(Path(__file__).resolve().parents[1] / "samples" / "S_PV.8700_E.pdf", engine=engine)
    paragraphs = doc.text.split("\n")
    assert "The situation in the Middle East" in paragraphs
    assert any(p.startswith("The President: Rule 36 of the Council") for p in paragraphs)


def _many(speeches: list[str]) -> list[str]:
    """Three times as many speeches, each copy's words after the speaker's name in another order (a document
    repeats no line: a line repeated at the edges of many pages is a running title)."""
    import random

    out = []
    for seed in range(3):
        for text in speeches:
            name, words = text.split(":", 1)
            words = words.split()
            random.Random(seed).shuffle(words)
            out.append(f"{name}: {' '.join(words)}")
    return out


@pytest.mark.parametrize("last", [2, 3, 5, 7])
@pytest.mark.parametrize("lang", sorted(SPEECHES))
def test_a_short_last_page_keeps_its_two_columns(lang, last):
    """A record's last page with its few lines balanced over two columns (fewer rows side by side than a
    page needs to show its gutter) is read column by column, with the gutter of the pages before it: the
    words come in the order printed."""
    speeches = _many(SPEECHES[lang])
    pages = _two_columns(speeches, 8, last=last)
    assert len(pages) >= 3 and len(pages[-1].lines) == last
    assert clean(pdf(*pages)).text.split() == " ".join(speeches).split()


def test_a_one_column_page_after_two_column_ones_stays_one_column():
    """A page of full-width lines (an annex) after two-column pages is not split at their gutter."""
    from pages import SIZE, _glyphs
    from resinspect.reader.layout import make_page

    pages = _two_columns(_many(SPEECHES["en"]), 8)
    text = ["Annex", "Letter dated 10 January 2020 from the Permanent Representative addressed to the"
            " President", "of the Security Council, on the situation in the region and the work of the mission."]  # fmt: skip
    glyphs = [g for k, t in enumerate(text) for g in _glyphs(LEFT, 700.0 - 12.0 * k, t, SIZE, False)]
    pages.append(make_page(len(pages) + 1, 612.0, 792.0, glyphs))
    assert [ln.text for ln in pages[-1].lines] == text
    assert clean(pdf(*pages)).text.split()[-len(" ".join(text).split()) :] == " ".join(text).split()
