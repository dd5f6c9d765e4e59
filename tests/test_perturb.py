"""Perturbations that must not change the paragraphs (hypothesis): the same resolution re-wrapped at another
width, with its page breaks elsewhere, with page furniture between any two lines.

The resolution is constructed (English, Russian, Chinese, Arabic); PDF pages go through the reader's layout
(`tests/pages.py`), text through the text reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pages import PARA_GAP, page, pdf, wrap
from perturb import FULL_WIDTH, OTHER_SPACES, UNSEEN
from resinspect.clean import clean, prepare
from resinspect.data.lexicon import lexicon
from resinspect.extract.citations import extract_citations
from resinspect.model import RawSource
from resinspect.reader.source import text_pages
from resinspect.structure.paragraphs import find_resolutions
from resinspect.text.numbering import OP_NUMBER
from resinspect.text.scripts import is_wide
from xmlpages import blocks, xml_counts, xml_pdf

RESOLUTIONS = {
    "en": ("The Security Council,", [
        "Recalling its resolutions 2042 (2012), 2043 (2012), 2118 (2013) and 2139 (2014), and the statements "
        "of its President of 3 August 2011 and 21 March 2012,",
        "Reaffirming its strong commitment to the sovereignty, independence, unity and territorial integrity "
        "of the country, and to the purposes and principles of the Charter of the United Nations,",
        "Welcoming the report of the Secretary-General (S/2020/1234), and the progress made since then in the "
        "implementation of the agreement on the cessation of hostilities,",
        "1. Demands the full and immediate implementation of all provisions of its resolutions by all parties, "
        "and calls on them to facilitate safe and unhindered humanitarian access;",
        "2. Requests the Secretary-General to report to the Council every sixty days on the implementation of "
        "this resolution and on compliance with it by all parties;",
        "3. Decides to remain actively seized of the matter.",
    ]),
    "ru": ("Совет Безопасности,", [
        "ссылаясь на свои резолюции 2042 (2012), 2043 (2012), 2118 (2013) и 2139 (2014), а также на заявления "
        "своего Председателя от 3 августа 2011 года и 21 марта 2012 года,",
        "вновь подтверждая свою твердую приверженность суверенитету, независимости, единству и "
        "территориальной целостности страны, а также целям и принципам Устава,",
        "приветствуя доклад Генерального секретаря (S/2020/1234) и прогресс, достигнутый с тех пор в "
        "осуществлении соглашения о прекращении боевых действий,",
        "1. требует полного и безотлагательного осуществления всеми сторонами всех положений своих резолюций и "
        "призывает их обеспечить безопасный и беспрепятственный гуманитарный доступ;",
        "2. просит Генерального секретаря представлять Совету доклады каждые шестьдесят дней;",
        "3. постановляет продолжать активно заниматься этим вопросом.",
    ]),
    "zh": ("安全理事会，", [
        "回顾其第2042(2012)、2043(2012)、2118(2013)和2139(2014)号决议以及2011年8月3日和2012年3月21日的主席声明，",
        "重申坚定致力于该国的主权、独立、统一和领土完整，坚定致力于《联合国宪章》的宗旨和原则，",
        "欢迎秘书长的报告(S/2020/1234)以及此后在执行停止敌对行动协议方面取得的进展，",
        "1.要求所有各方立即全面执行其各项决议的所有规定，并呼吁各方为安全和不受阻碍的人道主义准入提供便利；",
        "2.请秘书长每六十天向安理会报告本决议的执行情况以及所有各方遵守本决议的情况；",
        "3.决定继续积极处理此案。",
    ]),
    "ar": ("إن مجلس الأمن،", [
        "إذ يشير إلى قراراته السابقة وإلى بيانات رئيسه بشأن الحالة في البلد، وإذ يؤكد من جديد التزامه القوي "
        "بسيادة البلد واستقلاله ووحدته وسلامة أراضيه،",
        "وإذ يرحب بتقرير الأمين العام وبالتقدم المحرز منذ ذلك الحين في تنفيذ الاتفاق المتعلق بوقف الأعمال "
        "العدائية، وإذ يشدد على ضرورة احترام الاتفاق،",
        "وإذ يعرب عن بالغ قلقه إزاء الحالة الإنسانية في البلد وإزاء استمرار العنف ضد المدنيين،",
        "1 - يطالب جميع الأطراف بالتنفيذ الكامل والفوري لجميع أحكام قراراته، ويدعوها إلى تيسير وصول المساعدة "
        "الإنسانية بأمان ودون عوائق؛",
        "2 - يطلب إلى الأمين العام أن يقدم إلى المجلس تقريرا عن تنفيذ هذا القرار كل ستين يوما؛",
        "3 - يقرر أن يبقي المسألة قيد نظره الفعلي.",
    ]),
}  # fmt: skip

FURNITURE = ["20-12345 (E)", "2/6 20-12345", "* 2 0 1 2 3 4 5 *", "S/RES/2533 (2020)", "4", "20-12345** (E)"]


def _expected(lang: str) -> list[str]:
    """The paragraphs as given, without their numbers."""
    return [p[m.end() :] if (m := OP_NUMBER.match(p)) else p for p in RESOLUTIONS[lang][1]]


def _squash(s: str) -> str:
    return "".join(s.split())


def _paragraphs(raw: RawSource) -> list[str]:
    (res,) = find_resolutions(clean(raw))
    return [p.text for p in res.paragraphs]


def _pdf(lang: str, cells: int, lines_per_page: int, gap: float = PARA_GAP) -> RawSource:
    """The resolution wrapped at about `cells` cells, `lines_per_page` lines a page, `gap` points between
    paragraphs."""
    formula, paras = RESOLUTIONS[lang]
    flat = [
        (k, j, line)
        for k, p in enumerate([[formula]] + [wrap(x, cells) for x in paras])
        for j, line in enumerate(p)
    ]
    pages = []
    for start in range(0, len(flat), lines_per_page):
        chunk = flat[start : start + lines_per_page]
        groups: list[list[str]] = []
        for k, (para, _, line) in enumerate(chunk):
            if k and para == chunk[k - 1][0]:
                groups[-1].append(line)
            else:
                groups.append([line])
        pages.append(page(len(pages) + 1, groups, continued=chunk[0][1] > 0, gap=gap))
    return pdf(*pages)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lang=st.sampled_from(sorted(RESOLUTIONS)), cells=st.integers(70, 100), per_page=st.integers(7, 30))
def test_rewrapped_pdf_pages_keep_their_paragraphs(lang, cells, per_page):
    got = _paragraphs(_pdf(lang, cells, per_page))
    assert [_squash(x) for x in got] == [_squash(x) for x in _expected(lang)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lang=st.sampled_from(sorted(RESOLUTIONS)), cells=st.integers(70, 100), per_page=st.integers(7, 30))
def test_paragraphs_set_apart_by_their_indent_only_are_read_as_with_gaps(lang, cells, per_page):
    """PDF pages whose paragraphs stand no further apart than their lines, each first line indented (a
    document set without space between paragraphs): the same paragraphs as with gaps."""
    got = _paragraphs(_pdf(lang, cells, per_page, gap=0.0))
    assert [_squash(x) for x in got] == [_squash(x) for x in _expected(lang)]


@settings(max_examples=25, deadline=None)
@given(lang=st.sampled_from(["en", "ru"]), data=st.data())
def test_furniture_and_page_breaks_in_text_change_nothing(lang, data):
    """One paragraph per line (text extracted without wrapping): furniture between any two lines, page breaks
    anywhere."""
    formula, paras = RESOLUTIONS[lang]
    lines = [formula, *paras]
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        if k and k < len(lines) - 1 and data.draw(st.booleans()):
            out += data.draw(st.lists(st.sampled_from(FURNITURE), min_size=1, max_size=3))
            if data.draw(st.booleans()):
                out.append("\f")
    text = "\n".join(out).replace("\n\f\n", "\n\f") + "\n"
    got = _paragraphs(RawSource("t.txt", None, "", "text", text_pages(text), None, None))
    assert [_squash(x) for x in got] == [_squash(x) for x in _expected(lang)]


def _first_word(p: str) -> tuple[int, int]:
    """Where a paragraph's first word (after its number) is: [a, b); in Chinese, which has no spaces, the
    longest lead of the lexicon it starts with."""
    a = m.end() if (m := OP_NUMBER.match(p)) else 0
    if is_wide(p[a]):
        lx = lexicon("zh")
        return a, a + max(len(w) for w in (*lx.preambular_leads, *lx.operative_leads) if p.startswith(w, a))
    b = a
    while b < len(p) and not p[b].isspace() and p[b] not in ",;:":
        b += 1
    return a, b


def _text(formula: str, paras_lines: list[list[str]]) -> RawSource:
    lines = [formula] + [line for p in paras_lines for line in p]
    return RawSource("t.txt", None, "", "text", text_pages("\n".join(lines) + "\n"), None, None)


def _read(raw: RawSource) -> list[tuple[str, str | None, str]]:
    (res,) = find_resolutions(clean(raw))
    return [(p.text, p.lead, p.kind) for p in res.paragraphs]


@pytest.mark.parametrize("source", ["text", "pdf"])
@pytest.mark.parametrize("lang", sorted(RESOLUTIONS))
def test_every_lead_cut_in_the_middle_reads_as_before(lang, source):
    """Each paragraph's first word cut in its middle by a space (lines as wrapped at 80 cells), in a text and
    on a PDF page: the same paragraphs, leads and kinds."""
    formula, paras = RESOLUTIONS[lang]
    wrapped = [wrap(p, 80) for p in paras]
    cut = []
    for lines in wrapped:
        a, b = _first_word(lines[0])
        k = (a + b + 1) // 2 if b - a > 1 else a  # a lead of one character cannot be cut
        cut.append([lines[0][:k] + " " + lines[0][k:] if k > a else lines[0], *lines[1:]])

    def read(paras_lines: list[list[str]]) -> list[tuple[str, str | None, str]]:
        if source == "text":
            return _read(_text(formula, paras_lines))
        return _read(pdf(page(1, [[formula], *paras_lines])))

    want = read(wrapped)
    assert [_squash(x) for x, _, _ in want] == [_squash(x) for x in _expected(lang)]
    assert read(cut) == want


@pytest.mark.parametrize("lang", sorted(RESOLUTIONS))
def test_every_cut_of_the_enacting_formula_reads_as_before(lang):
    """The enacting formula ("The Security Council,", «安全理事会，») with a space put between any two of its
    letters, one cut at a time: the resolution is still found, with the same paragraphs."""
    formula, paras = RESOLUTIONS[lang]
    want = _read(_text(formula, [[p] for p in paras]))
    cuts = [k for k in range(1, len(formula)) if formula[k - 1].isalpha() and formula[k].isalpha()]
    assert len(cuts) >= 3
    for k in cuts:
        assert _read(_text(formula[:k] + " " + formula[k:], [[p] for p in paras])) == want, k


@settings(max_examples=40, deadline=None)
@given(lang=st.sampled_from(sorted(RESOLUTIONS)), cells=st.integers(60, 100), data=st.data())
def test_a_stray_space_inside_a_lead_changes_nothing(lang, cells, data):
    """A space inside the first word of any paragraph ("Re affirming", "1. De mands", "ссы лаясь", "回 顾",
    "وإ ذ"), as a text layer leaves where glyphs stand apart, the lines wrapped where they were: the same
    paragraphs, each with its lead whole."""
    formula, paras = RESOLUTIONS[lang]
    wrapped = [wrap(p, cells) for p in paras]
    want = _paragraphs(_text(formula, wrapped))
    # a wrap that puts a lead inside a paragraph at a line's start after a comma reads as two paragraphs in a
    # text without blank lines or geometry (the Arabic paragraph that goes on "، وإذ يؤكد …"): not this class
    assume([_squash(x) for x in want] == [_squash(x) for x in _expected(lang)])
    spaced = []
    for lines in wrapped:
        a, b = _first_word(lines[0])
        if b - a > 1 and data.draw(st.booleans()):
            cut = data.draw(st.integers(a + 1, b - 1))
            lines = [lines[0][:cut] + " " + lines[0][cut:], *lines[1:]]
        spaced.append(lines)
    assert _paragraphs(_text(formula, spaced)) == want


LIGATURES = {"ffi": "\ufb03", "ffl": "\ufb04", "ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02"}


def _reading(raw: RawSource) -> tuple[list[tuple[str, str | None, str]], list[tuple[str, list[str]]]]:
    doc = clean(raw)
    resolutions = find_resolutions(doc)
    (res,) = resolutions
    cited = [(c.symbol, c.paragraphs) for c in extract_citations(doc, resolutions)]
    return [(p.text, p.lead, p.kind) for p in res.paragraphs], cited


def _inside_words(line: str) -> list[int]:
    """Positions between two characters of one word (neither white space)."""
    return [k for k in range(1, len(line)) if not line[k - 1].isspace() and not line[k].isspace()]


@settings(max_examples=40, deadline=None)
@given(lang=st.sampled_from(sorted(RESOLUTIONS)), cells=st.integers(60, 100), data=st.data())
def test_characters_that_print_nothing_change_nothing(lang, cells, data):
    """Zero-width spaces and joiners, a byte-order mark, bidirectional marks and soft hyphens inside any words
    of a text (its leads, keywords, numbers and years too), no-break and thin spaces for some of its spaces:
    the same paragraphs, leads, kinds and citations, in each paragraph's text the characters as printed."""
    formula, paras = RESOLUTIONS[lang]
    wrapped = [wrap(p, cells) for p in paras]
    want = _reading(_text(formula, wrapped))
    assume([_squash(x) for x, _, _ in want[0]] == [_squash(x) for x in _expected(lang)])  # as above
    marked = []
    for lines in wrapped:
        out = []
        for line in lines:
            where = _inside_words(line)
            cuts = sorted(set(data.draw(st.lists(st.sampled_from(where), max_size=6)))) if where else []
            for k in reversed(cuts):
                line = line[:k] + data.draw(st.sampled_from(UNSEEN)) + line[k:]
            spaces = [k for k, ch in enumerate(line) if ch == " "]
            for k in set(data.draw(st.lists(st.sampled_from(spaces), max_size=6))) if spaces else ():
                line = line[:k] + data.draw(st.sampled_from(OTHER_SPACES)) + line[k + 1 :]
            out.append(line)
        marked.append(out)
    assert _reading(_text(formula, marked)) == want


# the resolutions above that cite (the Arabic one does not)
@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_ligatures_and_full_width_digits_read_as_letters_and_digits(lang):
    """A text with its Latin letter pairs as ligatures (ﬁ, ﬀ, ﬃ …) and its digits full width (resolution
    numbers, years, paragraph numbers and a document symbol): the same reading, the digits of each symbol
    Latin. The paragraphs' text keeps the digits as printed."""
    formula, paras = RESOLUTIONS[lang]
    wrapped = [wrap(p, 80) for p in paras]
    want = _reading(_text(formula, wrapped))
    assert [c for c in want[1] if c[1] == ["PP1"]] == [
        (f"S/RES/{n} ({y})", ["PP1"]) for n, y in ((2042, 2012), (2043, 2012), (2118, 2013), (2139, 2014))
    ]

    def variant(line: str) -> str:
        for pair, ligature in LIGATURES.items():
            line = line.replace(pair, ligature)
        return line.translate(FULL_WIDTH)

    changed = [[variant(x) for x in lines] for lines in wrapped]
    assert changed != wrapped
    got = _reading(_text(formula, changed))
    assert got[1] == want[1]
    assert [(lead, kind) for _, lead, kind in got[0]] == [(lead, kind) for _, lead, kind in want[0]]
    # (a Chinese line cut inside a number joins the next without a space when the digits are wide)
    assert [_squash(x.translate(FULL_WIDTH)) for x, _, _ in want[0]] == [_squash(x) for x, _, _ in got[0]]


UNXML = Path(__file__).parent / "data" / "unxml" / "2020"
XML_LANGS = {
    "English": "en",
    "French": "fr",
    "Spanish": "es",
    "Russian": "ru",
    "Arabic": "ar",
    "Chinese": "zh",
}


@pytest.mark.parametrize("gap", [6.0, 0.0], ids=["gaps", "indent-only"])
@pytest.mark.parametrize("folder", sorted(XML_LANGS))
def test_a_real_resolution_set_with_or_without_gaps_has_the_xmls_paragraphs(folder, gap):
    """The UN XML of S/RES/2533 (2020) in each language set on pages (tests/xmlpages.py), its paragraphs a few
    points apart or set apart by their first-line indent only: the preambular and operative paragraphs the
    XML counts."""
    (path,) = (UNXML / folder).glob("*.xml")
    lang = XML_LANGS[folder]
    raw = xml_pdf(path, lang, gap)
    assert prepare(raw).joiner.hints_for_gaps is (gap == 0.0)  # told apart by clean.join.gapless
    resolutions = find_resolutions(clean(raw))
    got = [(sum(p.kind == k for p in r.paragraphs) for k in ("preambular", "operative")) for r in resolutions]
    assert [tuple(x) for x in got] == [xml_counts(path, lang)]


# A paragraph whose sentence goes on over a line break right before a word that is also a lead, the line
# before stopping inside the sentence (no comma): in Russian the lead is printed in lower case inside a
# sentence as at a paragraph's start, and Chinese has no case, so only the line before tells.
INNER_LEAD = {
    "ru": (["Совет Безопасности,", "ссылаясь на свои предыдущие резолюции и вновь",
            "подтверждая свою приверженность суверенитету страны,", "приветствуя доклад Генерального секретаря,",
            "1. постановляет продолжать активно заниматься этим вопросом."], 2),
    "zh": (["安全理事会，", "回顾其以往关于该国局势的各项决议和主席声明，并", "重申坚定致力于该国的主权、独立和统一，",
            "欢迎秘书长的报告，", "1.决定继续积极处理此案。"], 2),
    # a lead printed capitalised after a line without its comma: a paragraph whose comma was lost
    "en": (["The Security Council,", "Recalling its previous resolutions on the situation in the country",
            "Reaffirming its commitment to the sovereignty of the country,", "Welcoming the report,",
            "1. Decides to remain actively seized of the matter."], 3),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(INNER_LEAD))
def test_a_lead_word_going_on_a_sentence_over_a_line_break(lang):
    lines, preambular = INNER_LEAD[lang]
    (res,) = find_resolutions(clean(_text(lines[0], [[x] for x in lines[1:]])))
    assert [p.kind for p in res.paragraphs] == ["preambular"] * preambular + ["operative"]


def _counts(raw: RawSource) -> list[tuple[int, int]]:
    return [
        (sum(p.kind == "preambular" for p in r.paragraphs), sum(p.kind == "operative" for p in r.paragraphs))
        for r in find_resolutions(clean(raw))
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    folder=st.sampled_from(sorted(XML_LANGS)),
    cells=st.integers(40, 140),
    breaks=st.lists(st.integers(1, 10**6), max_size=3),
)
def test_a_text_whose_paragraphs_stand_apart_by_blank_lines_reads_the_same_however_wrapped(
    folder, cells, breaks
):
    """The UN XML of S/RES/2533 (2020) as a text typed or saved paragraph by paragraph: a blank line after
    each paragraph, its lines wrapped at any width (Arabic too, whose text lines are otherwise never re-joined,
    and Russian, whose leads are printed in lower case as inside a sentence), a page break before any line:
    the XML's paragraphs."""
    (path,) = (UNXML / folder).glob("*.xml")
    lang = XML_LANGS[folder]
    lines = "\n\n".join("\n".join(wrap(b, cells)) for b in blocks(path)).split("\n")
    for k in breaks:
        lines[k % len(lines)] = "\f" + lines[k % len(lines)]
    text = "\n".join(lines) + "\n"
    raw = RawSource("t.txt", None, "", "text", text_pages(text), None, None)
    assert prepare(raw).joiner.blank_apart
    assert _counts(raw) == [xml_counts(path, lang)]


def test_a_text_double_spaced_throughout_is_not_taken_for_one_set_apart_by_blank_lines():
    """A blank line after every line (as some extractions print): blank lines tell nothing there."""
    formula, paras = RESOLUTIONS["en"]
    lines = [formula] + [line for p in paras for line in wrap(p, 60)]
    raw = RawSource("t.txt", None, "", "text", text_pages("\n\n".join(lines) + "\n"), None, None)
    assert not prepare(raw).joiner.blank_apart


# A name wrapped at a line break whose next word looks like a lead (a capitalised participle), in a text
# wrapped without blank lines (pdftotext): after a word no paragraph ends on ("the", the lexicons'
# `unfinished_words`), or before a capitalised word, the name goes on
NAMES_WRAPPED = [
    ("Emphasizing the importance of finding sustainable solutions for IDPs in keeping with the",
     "Guiding Principles on Internal Displacement, and underlining the need for support,"),
    ("Welcoming the closure of the Office of the High Representative, as confirmed by the PIC",
     "Steering Board communiqués,"),
    ("Condemning all offences contained within the International Convention against the",
     "Taking of Hostages, and expressing serious concern at the conditions of detention,"),
    ("Recalling the statements of its President on Post-Conflict",
     "Peacebuilding S/PRST/2012/29 and S/PRST/2015/2,"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("before", "after"), NAMES_WRAPPED, ids=["the", "PIC", "against-the", "Post-Conflict"]
)
def test_a_name_wrapped_before_a_word_that_looks_like_a_lead_stays_in_its_paragraph(before, after):
    lines = ["Recalling its previous resolutions,", before, after, "Noting the report,", "1. Decides to act."]
    (res,) = find_resolutions(clean(_text("The Security Council,", [[x] for x in lines])))
    assert [p.kind for p in res.paragraphs] == ["preambular"] * 3 + ["operative"]
    assert res.paragraphs[1].text == f"{before} {after}"


def test_in_a_text_of_one_paragraph_a_line_a_lead_before_a_name_opens_its_paragraph():
    """Lines that are paragraphs (extracted without wrapping): a paragraph that lost its comma, then a lead
    before a capitalised name ("Welcoming African Union efforts …"): two paragraphs, as the lines say."""
    lines = [
        "Recalling its previous resolutions and the statements of its President on the situation in the country, "
        "in particular those on the protection of civilians and on the humanitarian situation in the region",
        "Welcoming African Union efforts to support the peace process and the implementation of the agreement by "
        "all parties, and encouraging further engagement by the African Union and the subregional organizations,",
        "1. Decides to remain actively seized of the matter, and to keep the situation under close review.",
    ]
    raw = _text("The Security Council,", [[x] for x in lines])
    assert prepare(raw).joiner.one_per_line
    (res,) = find_resolutions(clean(raw))
    assert [p.kind for p in res.paragraphs] == ["preambular", "preambular", "operative"]


# A preambular paragraph with a semicolon inside, wrapped right after it, the next line in lower case (S/RES/2542
# (2020) en: "… under civilian government authority;" / "and a unified Libyan Central Bank,"): one paragraph, in
# languages whose leads are capitalised; a list of labelled items after a semicolon still opens each item
INNER_SEMICOLON = {
    "en": ("The Security Council,", ["Stressing the need for unified security forces under civilian authority;",
           "and a unified central bank,"], "Welcoming the report,",
           ["1. Decides that the tasks are:", "aa) to monitor the ceasefire;", "bb) to report to the Council."]),
    "fr": ("Le Conseil de sécurité,", ["Soulignant la nécessité de forces de sécurité unifiées sous autorité civile ;",
           "et d’une banque centrale unifiée,"], "Se félicitant du rapport,",
           ["1. Décide que les tâches sont :", "aa) surveiller le cessez-le-feu ;", "bb) faire rapport au Conseil."]),
    "es": ("El Consejo de Seguridad,", ["Destacando la necesidad de unas fuerzas de seguridad unificadas;",
           "y de un banco central unificado,"], "Acogiendo con beneplácito el informe,",
           ["1. Decide que las tareas son:", "aa) vigilar el alto el fuego;", "bb) informar al Consejo."]),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(INNER_SEMICOLON))
def test_a_semicolon_inside_a_preambular_paragraph_before_a_lower_case_line_ends_nothing(lang):
    formula, pp1, pp2, op = INNER_SEMICOLON[lang]
    (res,) = find_resolutions(clean(_text(formula, [pp1, [pp2], op])))
    pps = [p for p in res.paragraphs if p.kind == "preambular"]
    assert [p.text for p in pps] == [" ".join(pp1), pp2]
    (op1,) = [p for p in res.paragraphs if p.kind == "operative"]
    assert len(op1.subparagraphs) == 2
