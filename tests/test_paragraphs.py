"""Resolutions split into preambular and operative paragraphs: founding sample, one rendered resolution per
language, and one case per rule (real text snippets, source named in each case)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pages import page, pdf
from resinspect.clean import clean
from resinspect.model import RawSource
from resinspect.reader.layout import page_from_text
from resinspect.reader.source import read_source, text_pages
from resinspect.structure.paragraphs import find_resolutions
from resinspect.text.language import detect_language, document_languages

ROOT = Path(__file__).resolve().parent.parent
RENDERED = Path(__file__).parent / "data" / "rendered"


def _text(text: str, kind: str = "text") -> RawSource:
    pages = [page_from_text(1, text)] if kind == "pdf" else text_pages(text)
    return RawSource(input="t", path=None, sha256="", kind=kind, pages=pages, symbol=None, lang=None)


def _resolutions(text: str, kind: str = "text"):
    return find_resolutions(clean(_text(text, kind)))


# ---- founding sample ---------------------------------------------------------------------------------------

SAMPLE_PP = ["Recalling", "Recalling", "Reaffirming", "Underscoring", "Noting with appreciation",
             "Expressing grave concern"]  # fmt: skip
SAMPLE_OP = ["Stresses", "Requests", "Calls on", "Notes", "Requests", "Calls upon", "Reaffirms", "Requests",
             "Calls for", "Requests", "Reaffirms", "Calls on", "Takes note", "Requests", "Decides"]  # fmt: skip


def test_founding_sample():
    # samples/S_2020_249-AR.txt: Arabic letter S/2020/249 with the English draft resolution it put to the vote
    doc = clean(read_source(str(ROOT / "samples" / "S_2020_249-AR.txt")))
    (res,) = find_resolutions(doc)
    pps = [p for p in res.paragraphs if p.kind == "preambular"]
    ops = [p for p in res.paragraphs if p.kind == "operative"]
    assert (len(pps), len(ops)) == (15, 15)
    assert [p.lead for p in pps[: len(SAMPLE_PP)]] == SAMPLE_PP
    assert [p.lead for p in ops] == SAMPLE_OP
    assert [p.number for p in ops] == list(range(1, 16))
    for p in res.paragraphs:
        assert doc.text[p.start : p.end].strip().endswith(p.text[-20:].strip())


# ---- one rendered resolution per language (S/RES/2533 (2020), tests/data/rendered) -------------------------

# first words of each paragraph, from the UNxml XML (shared/eval/cases-dev.jsonl), never from the tool
RENDERED_2533 = {
    "en": ["Recalling its resolutions", "Reaffirming its strong co", "Determining that the deva",
           "Underscoring that Member ", "Demands the full and imme", "Decides to renew the deci",
           "Requests the Secretary-Ge", "Decides to remain activel"],
    "fr": ["Rappelant ses résolutions", "Réaffirmant son ferme att", "Considérant que la situat",
           "Soulignant que l’Article ", "Exige que l’ensemble des ", "Décide de reconduire les ",
           "Prie le Secrétaire généra", "Décide de rester activeme"],
    "es": ["Recordando sus resolucion", "Reafirmando su enérgico c", "Habiendo determinado que ",
           "Recalcando que los Estado", "Exige que se apliquen ple", "Decide prorrogar las deci",
           "Solicita al Secretario Ge", "Decide seguir ocupándose "],
    "ru": ["ссылаясь на свои резолюци", "вновь подтверждая свою тв", "определяя, что ужасающая ",
           "особо отмечая, что соглас", "требует полного и безотла", "постановляет продлить сро",
           "просит Генерального секре", "постановляет продолжать а"],
    "zh": ["回顾其第2042(2012)、2043(2012)", "重申坚定致力于叙利亚的主权、独立、统一和领土完整，", "认定叙利亚境内破坏性的人道主义局势继续对该区域的和",
           "特别指出，会员国根据《联合国宪章》第二十五条有义务", "要求立即全面执行第2139(2014)、2165(", "决定将安全理事会第2165(2014)号决议第2和",
           "请秘书长每月向安理会通报并至少每60天定期提出报告", "决定继续积极处理此案。"],
    "ar": ["إذ يشير إلى قراراته 2042 ", "وإذ يؤكد من جديد التزامه ", "وإذ يرى أن الوضع الإنساني",
           "وإذ يؤكد أن الدول الأعضاء", "يطالب بالتنفيذ الكامل وال", "يقرر تجديد الإجراءات التي",
           "يطلب إلى الأمين العام أن ", "يقرر إبقاء المسألة قيد نظ"],
}  # fmt: skip


def _squash(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("lang", sorted(RENDERED_2533))
def test_rendered_resolution(lang):
    doc = clean(read_source(str(RENDERED / f"S_RES_2533_2020.{lang}.pdf")))
    (res,) = find_resolutions(doc)
    assert res.language == lang
    assert res.symbol == "S/RES/2533 (2020)"
    ids = [p.id for p in res.paragraphs]
    assert ids == ["PP1", "PP2", "PP3", "PP4", "OP1", "OP2", "OP3", "OP4"]
    for p, want in zip(res.paragraphs, RENDERED_2533[lang], strict=True):
        assert _squash(p.text).startswith(_squash(want)), (p.id, p.text[:40])


# Pages without a gap or indent rule that text alone can settle: one-line paragraphs whose gaps equal most of
# the page's pitches (S/RES/2511 (2020) ar, zh), a lead after a comma inside a paragraph (S/RES/2551 (2020)
# ru). Counts and texts from the UNxml XML (shared/eval/cases-dev.jsonl), never from the tool.
LAYOUT_CASES = [
    ("S_RES_2511_2020.ar.pdf", 18, 14, "PP2",
     "وإذ يؤكد من جديد التزامه القوي بوحدة اليمن وسيادته واستقلاله وسلامته الإقليمية،"),
    ("S_RES_2511_2020.zh.pdf", 18, 14, "PP6", "重申所有各方需履行国际法、包括适用的国际人道主义法和国际人权法规定的义务，"),
    ("S_RES_2551_2020.ru.pdf", 18, 38, "PP8",
     "приветствуя прогресс, достигнутый федеральным правительством Сомали в области управления запасами оружия "
     "и боеприпасов, включая принятие Национальной стратегии управления запасами оружия и боеприпасов, "
     "настоятельно призывая продолжать работу по кодификации и осуществлению политики управления запасами "
     "оружия и боеприпасов, включая разработку основанной на подотчетности системы отслеживания оружия для всех "
     "сомалийских сил безопасности, признавая, что ответственность за эффективное управление запасами оружия и "
     "боеприпасов несут федеральное правительство Сомали и штаты — члены федерации, и призывая партнеров Сомали "
     "оказывать федеральному правительству Сомали и штатам — членам федерации поддержку в этих усилиях в "
     "соответствии с архитектурой национальной безопасности Сомали и ее Планом на переходный период,"),
]  # fmt: skip


@pytest.mark.parametrize("name,pp,op,pid,text", LAYOUT_CASES, ids=[c[0] for c in LAYOUT_CASES])
def test_paragraph_breaks_from_page_layout(name, pp, op, pid, text):
    (res,) = find_resolutions(clean(read_source(str(RENDERED / name))))
    kinds = [p.kind for p in res.paragraphs]
    assert (kinds.count("preambular"), kinds.count("operative")) == (pp, op)
    (para,) = [p for p in res.paragraphs if p.id == pid]
    assert _squash(para.text) == _squash(text)


# ---- rules, one case each ----------------------------------------------------------------------------------


def _shape(text: str, kind: str = "text"):
    """(PP count, OP numbers, first words of each paragraph) of the only resolution."""
    (res,) = _resolutions(text, kind)
    return (
        sum(p.kind == "preambular" for p in res.paragraphs),
        [p.number for p in res.paragraphs if p.kind == "operative"],
        [p.text.split(",")[0][:30] for p in res.paragraphs],
    )


RULES = [
    # a text of an older resolution (refworld, as the felixhaass corpus holds those of 1946-1990): the first
    # paragraph ends in a footnote mark after its comma, the second opens with an adjective of state, and the
    # adoption line follows the last operative paragraph: S/RES/100 (1953)
    (
        "Resolution 100 (1953)of 27 October 1953\nThe Security Council,  \nHaving taken note of the report of the "
        "Chief of Staff of the United Nations Truce Supervision Organization in Palestine dated 23 October 1953,1  \n"
        "Desirous of facilitating the consideration of the question, without however prejudicing the rights, "
        "claims the position of the parties concerned,  \n1.         Deems it desirable to that end that the works "
        "acted in the demilitarized zone on 2 September 1953 would be suspended;  \n2.         Notes with "
        "satisfaction the statement made by the Israel representative at the 631st meeting;  \nAdopted unanimously "
        "at the 631st Meeting.  \n",
        (2, [1, 2], ["Having taken note", "Desirous of facilitating"]),
    ),
    # enacting formula and first PP on one line, unnumbered operative part (admission): S/RES/1290 (2000)
    (
        "RESOLUTION 1290 (2000) Adopted by the Security Council at its 4103rd meeting\non 17 February 2000\n"
        "The Security Council, Having examined the application of Tuvalu for admission to the United Nations "
        "(S/2000/5), Recommends to the General Assembly that Tuvalu be admitted to membership in the United Nations.\n",
        (1, [], ["Having examined the applicatio"]),
    ),
    # enacting formula with a colon: S/RES/1315 (2000)
    (
        "The Security Council:\nDeeply concerned at the very serious crimes committed within the territory of "
        "Sierra Leone,\n1. Requests the Secretary-General to negotiate an agreement with the Government of Sierra "
        "Leone to create an independent special court consistent with this resolution;\n",
        (1, [1], ["Deeply concerned at the very s", "Requests the Secretary-General"]),
    ),
    # enacting formula without punctuation: S/RES/1476 (2003)
    (
        "The Security Council\nRecalling its previous relevant resolutions,\nActing under Chapter VII of the "
        "Charter of the United Nations,\n1. Decides that the provisions contained in paragraph 4 of resolution "
        "1472 (2003) shall remain in force;\n2. Decides to remain seized of the matter.\n",
        (2, [1, 2], ["Recalling its previous relevan", "Acting under Chapter VII of th", "Decides that the provisions co",
                     "Decides to remain seized of th"]),
    ),
    # headings inside the operative part, one run together with the paragraph after it: S/RES/1295 (2000)
    (
        "The Security Council,\nReaffirming its resolution 864 (1993),\n19. Calls upon relevant States to "
        "cooperate with the diamond industry to develop and implement more effective arrangements;\n"
        "With regard to funds and financial measures, 20. Encourages States to convene a conference of experts "
        "for the purpose of tracking financial assets;\nWith regard to the trade in arms,\n21. Calls upon all "
        "States to work with financial institutions on their territory;\n",
        (1, [19, 20, 21], ["Reaffirming its resolution 864", "Calls upon relevant States to",
                           "Encourages States to convene a", "Calls upon all States to work"]),
    ),
    # "*** 19." separator run into a paragraph: S/RES/1491 (2003)
    (
        "The Security Council,\nRecalling its resolutions,\n18. Requests the Member States acting through or in "
        "cooperation with the organization referred to in Annex 1-A of the Peace Agreement to continue to report;\n"
        "*** 19. Welcomes the deployment by the European Union (EU) of its Police Mission (EUPM) to Bosnia and "
        "Herzegovina since 1 January 2003; 20. Also requests the Secretary-General to continue to submit reports;\n",
        (1, [18, 19, 20], ["Recalling its resolutions", "Requests the Member States act", "Welcomes the deployment by the",
                           "Also requests the Secretary-Ge"]),
    ),
    # the preamble of a later part, after operative paragraphs, its part number printed after it, as the
    # extraction of S/RES/1305 (2000) (felixhaass) orders part III: "***", the preambular paragraph, "III"
    (
        "The Security Council,\nRecalling its resolutions,\n18. Requests the Member States acting through or in "
        "cooperation with the organization referred to in Annex 1-A of the Peace Agreement to continue to report "
        "to the Council, through the appropriate channels and at least at monthly intervals;\n***\n"
        "Reaffirming the legal basis in the Charter of the United Nations on which the IPTF was given its "
        "mandate in resolution 1035 (1995),\nIII\n19. Decides to extend the mandate of UNMIBH, which includes "
        "the IPTF, for an additional period terminating on 21 June 2001, and also decides that the IPTF shall "
        "continue to be entrusted with the tasks set out in annex 11 of the Peace Agreement;\n",
        (2, [18, 19], ["Recalling its resolutions", "Requests the Member States act", "Reaffirming the legal basis in",
                       "Decides to extend the mandate "]),
    ),
    # an operative number whose period the extraction lost: S/RES/1345 (2001)
    (
        "The Security Council,\nRecalling its resolutions,\n6. Underlines the need for all differences to be "
        "resolved by dialogue among all legitimate parties;\n7 Further underlines the requirement for all parties "
        "to act with restraint;\n8. Decides to remain seized of the matter.\n",
        (1, [6, 7, 8], ["Recalling its resolutions", "Underlines the need for all di", "Further underlines the requi",
                        "Decides to remain seized of th"]),
    ),
    # a preambular paragraph starting with a lead that is also an operative verb: S/RES/2530 (2020)
    (
        "The Security Council,\n\nTaking note of the Secretary-General’s plan for UNDOF to return to the Bravo "
        "side,\n\nRecalls that UNDOF’s deployment and the 1974 Disengagement of Forces Agreement are steps toward "
        "a just and durable peace,\n\nRecalling resolution 2378 (2017),\n\n1. Calls upon the parties concerned to "
        "implement immediately its resolution 338 (1973);\n",
        (3, [1], ["Taking note of the Secretary-G", "Recalls that UNDOF’s deploymen", "Recalling resolution 2378 (201",
                  "Calls upon the parties concern"]),
    ),
    # Arabic "2 -" printed reversed as "- 2" on its own line (PDF): S/RES/2505 (2020) ar
    (
        "إن مجلس الأمن،\n\nوإذ يؤكد من جديد تأييده للاتفاق الذي تم التوصل إليه في ستوكهولم،\n\n"
        "1 - يقرر أن يمدد إلى غاية 15 تموز/يوليه 2020 ولاية بعثة الأمم المتحدة لدعم اتفاق الحديدة؛\n\n"
        "- 2\nيقرر كذلك أن تضطلع البعثة بالولاية التالية:\n\n(أ) قيادة ودعم عمل لجنة تنسيق إعادة الانتشار؛\n",
        (1, [1, 2], ["وإذ يؤكد من جديد تأييده للاتفا", "يقرر أن يمدد إلى غاية 15 تموز/", "يقرر كذلك أن تضطلع البعثة"]),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), RULES, ids=[str(i) for i in range(len(RULES))])
def test_rules(text, want):
    kind = "pdf" if "\n\n" in text else "text"
    pp, ops, firsts = _shape(text, kind)
    assert (pp, ops) == want[:2]
    assert [f[: len(w)] for f, w in zip(firsts, want[2], strict=False)] == want[2]


def test_unnumbered_operative_paragraph_is_not_run_into_the_preamble():
    """S/RES/1358 (2001): one preambular paragraph, then an unnumbered operative one on its own line."""
    (res,) = _resolutions(
        "Resolution 1358 (2001)\nAdopted by the Security Council at its 4337th (closed) meeting, on 27 June 2001\n"
        "The Security Council,\nHaving considered the question of the recommendation for the appointment of the "
        "Secretary-General of the United Nations,\nRecommends to the General Assembly that Mr. Kofi Annan be "
        "appointed Secretary-General of the United Nations for a second term of office from 1 January 2002 to "
        "31 December 2006.\n"
    )
    (pp1,) = [p for p in res.paragraphs if p.kind == "preambular"]
    assert pp1.text.endswith("Secretary-General of the United Nations,")


SUB_IDS = [
    "OP8(a)",
    "OP8(a)(i)",
    "OP8(a)(ii)",
    "OP8(b)",
    "OP8(b)(i)",
    "OP8(b)(ii)",
    "OP8(c)",
    "OP8(c)(i)",
    "OP8(d)",
]


# labels as S/RES/2514 (2020) prints them in each language (shortened); ids are the same in all of them
@pytest.mark.parametrize(
    "text",
    [
        "The Security Council,\nRecalling its resolutions,\n8. Decides that the mandate shall be as follows:\n"
        "(a) Protection of civilians:\n(i) To protect civilians;\n(ii) To deter violence;\n"
        "(b) Creating the conditions:\n(i) To contribute;\n(ii) To ensure security;\n"
        "(c) Supporting the peace process:\n(i) Using good offices;\n(d) Monitoring human rights;\n",
        "Le Conseil de sécurité,\nRappelant ses résolutions,\n8. Décide que le mandat sera le suivant :\n"
        "a) Protection des civils :\ni) Protéger les civils;\nii) Prévenir la violence;\n"
        "b) Instaurer des conditions :\ni) Contribuer;\nii) Assurer la sécurité;\n"
        "c) Appuyer le processus de paix :\ni) User de ses bons offices;\nd) Surveiller les droits;\n",
        "安全理事会，\n回顾其各项决议，\n8. 决定特派团的任务如下：\n(a) 保护平民：\n㈠保护平民；\n㈡制止暴力；\n"
        "(b) 创造有利条件：\n㈠协助；\n㈡确保安全；\n(c) 支持和平进程：\n㈠斡旋；\n(d) 监测人权情况；\n",
        "إن مجلس الأمن،\nإذ يشير إلى قراراته،\n8 - يقرر أن تكون ولاية البعثة كما يلي:\n(أ) حماية المدنيين:\n"
        "‘1’ حماية المدنيين؛\n‘ 2’ ردع العنف؛\n(ب) تهيئة الظروف:\n‘1’ الإسهام؛\n’2‘ ضمان الأمن؛\n"
        "(ج) دعم عملية السلام:\n‘1’ بذل المساعي الحميدة؛\n(د) رصد حقوق الإنسان؛\n",
    ],
    ids=["en", "fr", "zh", "ar"],
)
def test_subparagraph_labels_in_each_language(text):
    (res,) = _resolutions(text)
    (op8,) = [p for p in res.paragraphs if p.id == "OP8"]
    assert [s.id for s in op8.subparagraphs] == SUB_IDS  # the same ids in every language
    printed = {"en": "a i ii b i ii c i d", "fr": "a i ii b i ii c i d", "zh": "a ㈠ ㈡ b ㈠ ㈡ c ㈠ d",
               "ar": "أ 1 2 ب 1 2 ج 1 د"}  # fmt: skip
    lang = "ar" if "(أ)" in text else "zh" if "㈠" in text else "fr" if "a)" in text else "en"
    assert [s.label for s in op8.subparagraphs] == printed[lang].split()  # the label as printed


@pytest.mark.parametrize(
    "items",
    [["㈠确保安全；", "㈡巡逻；", "㈢保护平民；"], ["‘1’ حماية المدنيين؛", "‘2’ الردع؛", "’3‘ الدوريات؛"]],
    ids=["zh", "ar"],
)
def test_second_level_labels_right_under_a_paragraph(items):
    """S/RES/2514 (2020) OP10 lists "(i)", "(ii)", "(iii)" with no letters above: zh and ar print them "㈠", "‘1’"."""
    text = (
        "安全理事会，\n回顾其各项决议，\n10. 决定特派团继续负责：\n"
        + "\n".join(items)
        + "\n11. 决定继续处理此案。\n"
    )
    (res,) = _resolutions(text)
    (op10,) = [p for p in res.paragraphs if p.id == "OP10"]
    assert [s.id for s in op10.subparagraphs] == ["OP10(i)", "OP10(ii)", "OP10(iii)"]


def test_operative_lead_after_a_label():
    """S/RES/1343 (2001): "5. (a) Decides that all States shall …": the lead is the verb after the label."""
    (res,) = _resolutions(
        "The Security Council,\nRecalling its resolutions,\n5. (a) Decides that all States shall take the "
        "necessary measures;\n(b) Decides that the measures shall not apply;\n"
    )
    (op5,) = [p for p in res.paragraphs if p.kind == "operative"]
    assert op5.lead == "Decides"


def test_headings_and_chapeau_subparagraphs():
    # S/RES/1562 (2004): unnumbered headings inside the operative part are no paragraphs; "(a)" items are subs
    text = (
        "The Security Council,\nActing under Chapter VII of the Charter of the United Nations,\n"
        "2. Decides further that the tasks of the residual UNAMSIL presence shall be as follows:\n"
        "Military and civilian police tasks\n(a) To monitor the security situation;\n(b) To patrol the border;\n"
        "Civilian tasks\n(c) To support the Government;\n3. Authorizes the residual UNAMSIL presence to use all "
        "necessary means to carry out its mandate;\n"
    )
    (res,) = _resolutions(text)
    op2 = res.paragraphs[1]
    assert [p.id for p in res.paragraphs] == ["PP1", "OP2", "OP3"]
    assert [s.label for s in op2.subparagraphs] == ["a", "b", "c"]
    assert "Civilian tasks" not in op2.subparagraphs[1].text


@pytest.mark.parametrize(
    ("heading", "adopted", "enacting", "date"),
    [
        # S/RES/2511 (2020) in four languages (corpus/dev/rendered)
        ("Résolution 2511 (2020)", "Adoptée par le Conseil de sécurité à sa 8732e séance, le 25 février 2020",
         "Le Conseil de sécurité,", "2020-02-25"),
        ("Resolución 2511 (2020)", "Aprobada por el Consejo de Seguridad en su 8732ª sesión, celebrada el 25 de "
         "febrero de 2020", "El Consejo de Seguridad,", "2020-02-25"),
        ("Резолюция 2511 (2020),", "принятая Советом Безопасности на его 8732-м заседании 25 февраля 2020 года",
         "Совет Безопасности,", "2020-02-25"),
        ("第2511(2020)号决议", "2020年2月25日 8732次会议通过", "安全理事会，", "2020-02-25"),
        ("القرار 2511 (2020)", "الذي اتخذه مجلس الأمن في جلسته 8732، المعقودة في 25 شباط/فبراير 2020",
         "إن مجلس الأمن،", "2020-02-25"),
        # written procedure, no meeting number: S/RES/2533 (2020) es, zh; S/RES/2521 (2020) ar
        ("Resolución 2533 (2020)", "Aprobada por el Consejo de Seguridad el 11 de julio de 2020",
         "El Consejo de Seguridad,", "2020-07-11"),
        ("第2533(2020)号决议", "安全理事会2020年7月11日通过", "安全理事会，", "2020-07-11"),
        ("القرار 2521 (2020)", "الذي اتخذه مجلس الأمن في جلسته المعقودة في 29 أيار/مايو 2020", "إن مجلس الأمن،",
         "2020-05-29"),
        # a space after the month's slash: S/RES/2551 (2020) ar
        ("القرار 2551 (2020)", "الذي اتخذه مجلس الأمن في جلسته 8775 المعقودة في 12 تشرين الثاني/ نوفمبر 2020",
         "إن مجلس الأمن،", "2020-11-12"),
        # English adoption lines of 2000–2004: S/RES/1358, 1506, 1454, 1340
        ("Resolution 1358 (2001)", "Adopted by the Security Council at its 4337th (closed) meeting, on 27 June 2001",
         "The Security Council,", "2001-06-27"),
        ("Resolution 1506 (2003)", "Adopted by the Security Council at its 4820th meeting (Part II), on 12 "
         "September 2003", "The Security Council,", "2003-09-12"),
        ("Resolution 1454 (2002)", "Adopted by the Security Council at its 4683th meeting, by a vote of 13 to 0, "
         "with 2 abstentions (Russian Federation, Syria), on 30 December 2002", "The Security Council,", "2002-12-30"),
        ("Resolution 1340 (2001)", "Adopted by the Security Council at its 4274th meeting, 8 February 2001",
         "The Security Council,", "2001-02-08"),
    ],
)  # fmt: skip
def test_title_block(heading, adopted, enacting, date):
    text = f"{heading}\n\n{adopted}\n\n{enacting}\n\n"
    (res,) = _resolutions(text + "x,\n\n1. x;\n", "pdf")
    assert res.symbol == "S/RES/{} ({})".format(*re.search(r"(\d{4})\s*\((\d{4})\)", heading).groups())
    assert res.date == date
    assert res.enacting_formula == enacting


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le Conseil de sécurité, Rappelant ses résolutions antérieures", "fr"),
        ("El Consejo de Seguridad, Recordando sus resoluciones anteriores", "es"),
        ("Совет Безопасности, ссылаясь на свои предыдущие резолюции", "ru"),
        ("安全理事会，回顾其以往关于也门的所有相关决议", "zh"),
        ("إن مجلس الأمن، إذ يشير إلى قراراته السابقة", "ar"),
        ("The Security Council, Recalling its previous resolutions", "en"),
        # "la" is Spanish too (S/RES/2533 (2020) es PP2 counted as French once)
        (
            "Reafirmando su enérgico compromiso con la soberanía, la independencia, la unidad y la integridad",
            "es",
        ),
        # "Al", "El" in names are no Spanish (nominees in S/RES/1350 (2001)): no evidence, the default
        (
            "Mr. Moise Ebongue (Cameroon) Mr. Mohamed Al Habib Fassi Fihri (Morocco) Mr. El Mahdi (Egypt)",
            "en",
        ),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_a_list_of_names_says_no_language():
    """A vote list has no function words: it tells no language (it used to count as French)."""
    names = (
        "Albania, Brazil, France, Gabon, Ghana, India, Ireland, Kenya, Mexico, Norway, United Arab Emirates"
    )
    assert detect_language(names, None) is None
    assert detect_language(names) == "en"
    record = (
        "The President: I shall now put the draft resolution to the vote.\nA vote was taken by show of hands.\n"
        f"In favour:\n{names}\nAgainst:\nChina, Russian Federation\nAbstaining:\nNone\n"
    )
    doc = clean(_text(record))
    assert document_languages(doc.text) == ["en"]


# ---- the same resolution in six languages has the same paragraph and sub-paragraph ids -----------------

# (preambular, operative) counts from the UNxml XML (shared/eval/cases-dev.jsonl), never from the tool
XML_COUNTS = {
    "S_RES_2533_2020": (4, 4),
    "S_RES_2505_2020": (4, 9),
    "S_RES_2599_2021": (2, 2),
    "S_RES_2504_2020": (6, 10),
    "S_RES_2580_2021": (1, 0),  # the unnumbered operative part is not counted (and is reported)
}
SIX = sorted(
    {p.name.split(".")[0] for p in RENDERED.glob("*.pdf")}
    & {n for n in XML_COUNTS if all((RENDERED / f"{n}.{lang}.pdf").exists() for lang in RENDERED_2533)}
)


def test_every_six_language_resolution_bundled_is_checked():
    six = {n for n in {p.name.split(".")[0] for p in RENDERED.glob("*.pdf")}
           if all((RENDERED / f"{n}.{lang}.pdf").exists() for lang in RENDERED_2533)}  # fmt: skip
    assert six == set(SIX) == set(XML_COUNTS)


@pytest.mark.parametrize("name", SIX)
def test_same_ids_in_six_languages(name):
    ids = {}
    for lang in sorted(RENDERED_2533):
        (res,) = find_resolutions(clean(read_source(str(RENDERED / f"{name}.{lang}.pdf"))))
        assert res.language == lang
        ids[lang] = [(p.id, [s.id for s in p.subparagraphs]) for p in res.paragraphs]
        kinds = [p.kind for p in res.paragraphs]
        assert (kinds.count("preambular"), kinds.count("operative")) == XML_COUNTS[name], lang
    assert all(v == ids["en"] for v in ids.values()), ids


@pytest.mark.parametrize("lang", sorted(RENDERED_2533))
def test_an_unnumbered_operative_part_is_reported_in_every_language(lang):
    """S/RES/2580 (2021): the preambular paragraph ends with the language's comma (",", "，", "،"), then the
    unnumbered «Recommends …»: not counted as a paragraph, and said so."""
    doc = clean(read_source(str(RENDERED / f"S_RES_2580_2021.{lang}.pdf")))
    (res,) = find_resolutions(doc)
    assert [p.id for p in res.paragraphs] == ["PP1"]
    assert any("unnumbered operative part" in i.message for i in res.issues), res.issues


# ---- labels as printed, ids the same everywhere ---------------------------------------------------------

LABELS = [
    # English lists printed "a." … "c." (S/RES/2524 (2020) en)
    ("en", "a. Assist the Government;\nb. Support the police;\nc. Ensure cooperation;", ["a", "b", "c"],
     ["OP2(a)", "OP2(b)", "OP2(c)"]),
    # Russian Latin labels with a Cyrillic look-alike among them (S/RES/2514 (2020) ru prints «а)» and «с)»)
    ("ru", "а) защищать гражданских лиц;\nb) содействовать;\nс) поддерживать процесс;", ["а", "b", "с"],
     ["OP2(a)", "OP2(b)", "OP2(c)"]),
    # Cyrillic labels in their alphabet: «б» is the second
    ("ru", "а) защищать гражданских лиц;\nб) содействовать;\nв) поддерживать процесс;", ["а", "б", "в"],
     ["OP2(a)", "OP2(b)", "OP2(c)"]),
    # Arabic labels in abjad order: «(هـ)» is the fifth, «(و)» the sixth
    ("ar", "(د) حماية المدنيين؛\n(هـ) رصد حقوق الإنسان؛\n(و) دعم العملية السياسية؛", ["د", "هـ", "و"],
     ["OP2(d)", "OP2(e)", "OP2(f)"]),
    # bullets: items numbered by position
    ("en", "• Provide security to the sites;\n• Complete the graduation of the forces;", ["•", "•"],
     ["OP2(•1)", "OP2(•2)"]),
    # a Chinese list printed without marks after a chapeau ending in a colon (S/RES/2567 (2021) zh OP7)
    # one short line after the chapeau's colon and before the next paragraph: what the colon announced, not a
    # heading (the judges whose terms S/RES/2193 (2014) OP3 extends, "… if sooner:" / "Patrick Robinson
    # (Jamaica)" / "4. Decides …")
    ("en", "Patrick Robinson (Jamaica)", [""], ["OP2(•1)"]),
    ("ru", "Патрик Робинсон (Ямайка)", [""], ["OP2(•1)"]),
    ("ar", "باتريك روبنسون (جامايكا)", [""], ["OP2(•1)"]),
    ("zh", "以符合国际人权法和国际人道法义务的方式为重新指定的平民保护点提供安全保障，并妥善审查参|与在重新指定点"
     "提供安全保障的所有安全部队人员，\n落实必要的联合部队毕业进程，开始予以有效部署，并采用其统一指挥结构，以及|"
     "为此所需的各项安排，", ["", ""], ["OP2(•1)", "OP2(•2)"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "items", "printed", "ids"), LABELS, ids=[f"{x[0]}-{x[3][-1]}" for x in LABELS]
)
def test_labels_and_ids(lang, items, printed, ids):
    head = {"en": "The Security Council,\nRecalling its resolutions,\n1. Decides x;\n2. Decides that the tasks are:",
            "ru": "Совет Безопасности,\nссылаясь на свои резолюции,\n1. постановляет x;\n2. постановляет, что задачи:",
            "ar": "إن مجلس الأمن،\nإذ يشير إلى قراراته،\n1 - يقرر x؛\n2 - يقرر أن تكون المهام كما يلي:",
            "zh": "安全理事会，\n回顾其各项决议，\n1. 决定x；\n2. 促请各方落实以下优先措施："}[lang]  # fmt: skip
    text = f"{head}\n{items}\n3. {'Decides' if lang == 'en' else 'x'} y."
    if (
        lang == "zh"
    ):  # a PDF page ("|" between wrapped lines): the unmarked items stand apart by the layout only
        (res,) = find_resolutions(clean(pdf(page(1, [x.split("|") for x in text.split("\n")]))))
    else:
        (res,) = _resolutions(text + "\n")
    (op2,) = [p for p in res.paragraphs if p.id == "OP2"]
    assert [s.id for s in op2.subparagraphs] == ids
    assert [s.label for s in op2.subparagraphs] == printed
    assert "OP3" in [p.id for p in res.paragraphs]


# A resolution of twelve operative paragraphs per language (constructed): formula, a preambular paragraph, then
# "<n>. <lead> …" (Arabic "<n> - …", Chinese "<n>.<lead>…").
_TWELVE = {
    "en": ("The Security Council,", "Recalling its previous resolutions,", "{n}. Decides to act on item {n};"),
    "fr": ("Le Conseil de sécurité,", "Rappelant ses résolutions antérieures,", "{n}. Décide d’agir sur le point {n};"),
    "ru": ("Совет Безопасности,", "ссылаясь на свои предыдущие резолюции,", "{n}. постановляет действовать по пункту {n};"),
    "ar": ("إن مجلس الأمن،", "إذ يشير إلى قراراته السابقة،", "{n} - يقرر أن يتخذ إجراء بشأن البند {n}؛"),
    "zh": ("安全理事会，", "回顾其以往各项决议，", "{n}.决定就第{n}项采取行动；"),
}  # fmt: skip


def _twelve(lang: str, cut: int | None, printed: int | None = None) -> list[tuple[str, int | None]]:
    formula, pp, op = _TWELVE[lang]
    lines = [formula, pp]
    for n in range(1, 13):
        line = op.format(n=n)
        if n == cut:  # the number printed with a stray space inside it ("1 2."), or another number
            number = str(printed or n)
            line = number[:1] + " " + number[1:] + line[len(str(n)) :]
        lines.append(line)
    raw = RawSource("t.txt", None, "", "text", text_pages("\n".join(lines) + "\n"), None, None)
    (res,) = find_resolutions(clean(raw))
    return [(p.kind, p.number) for p in res.paragraphs]


@pytest.mark.parametrize("lang", sorted(_TWELVE))
def test_an_operative_number_cut_by_a_stray_space_is_the_next_number(lang):
    """'1 2. Decides' after paragraph 11 is paragraph 12 (the sequence and the lead say so); '1 5. Decides' after
    11 is not taken for 15 (nor for 12)."""
    want = [("preambular", None)] + [("operative", n) for n in range(1, 13)]
    assert _twelve(lang, None) == want
    assert _twelve(lang, 12) == want
    assert ("operative", 15) not in _twelve(lang, 12, printed=15)
