"""One table of constructed cases per way vote reading used to fail (issue 9), in several languages.

1. a name broken over a line, with a conjunction inside it;  2. extraction spacing inside words;
3. label words and list endings;  4. the tally in a sentence;  5. an Arabic letter followed by a long English
annex;  6. (garbled Arabic, two names in one item: `test_arabic_votes.py`).

The texts are constructed with the wording of real letters and records (S/2020/246 … 1063, S/2020/657 and
661, S/PV.8700) and the names as the UN prints them; expected members are written by hand from the text.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import resinspect
from councils import C1961, C1985, C2011, C2018, C2020, C2021
from perturb import FULL_WIDTH, OTHER_SPACES, UNSEEN
from resinspect.data.lexicon import lexicon
from resinspect.extract.votes.outcome import adoption

DATA = Path(__file__).parent / "data"


# A written-procedure letter per language: date line, result line, the three labels.
HEAD = {
    "en": ("Letter dated {d} July {y} from the President of the Security Council\n"
           "The result of the vote is as follows:\n", ("In favour:", "Against:", "Abstaining:"), "None."),
    "fr": ("Lettre datée du {d} juillet {y}, adressée par le Président du Conseil de sécurité\n"
           "Le résultat du vote est le suivant :\n", ("Pour :", "Contre :", "Abstentions :"), "Néant."),
    "es": ("Carta de fecha {d} de julio de {y} dirigida por el Presidente del Consejo de Seguridad\n"
           "El resultado de la votación es el siguiente:\n",
           ("Votos a favor:", "Votos en contra:", "Abstenciones:"), "Ninguno."),
    "ru": ("Письмо Председателя Совета Безопасности от {d} июля {y} года\n"
           "Результаты голосования являются следующими:\n",
           ("Голосовали за:", "Голосовали против:", "Воздержались:"), "Нет."),
    "zh": ("{y}年7月{d}日安全理事会主席的信\n表决结果如下：\n", ("赞成：", "反对：", "弃权："), "无"),
    "ar": ("رسالة مؤرخة {d} تموز/يوليه {y} موجهة من رئيس مجلس الأمن\nوكانت نتيجة التصويت هي كما يلي:\n",
           ("المؤيدون:", "المعارضون:", "الممتنعون عن التصويت:"), "لا يوجد."),
}  # fmt: skip


def letter(
    lang: str, yes: str, no: str | None = None, abst: str | None = None, year: int = 2020, **kw
) -> str:
    head, labels, none = HEAD[lang]
    labels = kw.get("labels", labels)
    text = head.format(d=10, y=year)
    for label, items in zip(labels, (yes, no or none, abst or none), strict=True):
        text += f"{label}\n{items}\n"
    return text + kw.get("after", "")


def votes_of(tmp_path: Path, text: str, name: str = "doc.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    doc = resinspect.read(str(p))
    return doc, resinspect.extract_votes(doc)


def sets(v) -> tuple[set, set, set]:
    return ({m.iso3 for m in v.in_favour}, {m.iso3 for m in v.against}, {m.iso3 for m in v.abstaining})


def check(doc, v, want: tuple[set, set, set]) -> None:
    assert sets(v) == want
    assert [len(v.in_favour), len(v.against), len(v.abstaining)] == [
        len(w) for w in want
    ]  # nothing cut in two
    assert not [i for i in v.issues if i.code in ("unknown-member", "count-mismatch", "too-many-members")]
    for key in ("in_favour", "against", "abstaining"):
        for m in v.members(key):
            if m.start is not None:
                assert doc.text[m.start : m.end] == m.as_printed


# --- 1. a name broken over a line, with a conjunction inside it -----------------------------------------

BROKEN = [
    ("en", letter(
        "en",
        "Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the\n"
        "Grenadines, South Africa, Tunisia, the United Kingdom\nof Great Britain and Northern Ireland and the "
        "United States of America.",
        "China and the Russian\nFederation.", "Viet Nam."), (C2020 - {"CHN", "RUS", "VNM"}, {"CHN", "RUS"}, {"VNM"})),
    ("en-2018", letter(
        "en",
        "Bolivia (Plurinational\nState of), China, Côte d’Ivoire, Equatorial\nGuinea, Ethiopia, France, "
        "Kazakhstan, Kuwait, Netherlands, Peru, Poland and Sweden.",
        "the United States of\nAmerica.", "Russian Federation and United Kingdom of Great Britain and\n"
        "Northern Ireland.", year=2018), (C2018 - {"USA", "RUS", "GBR"}, {"USA"}, {"RUS", "GBR"})),
    ("en-2011", letter(
        "en",
        "Bosnia and\nHerzegovina, Brazil, China, Colombia, France, Gabon, Germany, India, Lebanon, Nigeria, "
        "Portugal, Russian Federation, South Africa, United Kingdom of Great Britain and Northern Ireland and\n"
        "United States of America.", year=2011), (C2011, set(), set())),
    ("fr", letter(
        "fr",
        "Afrique du Sud, Allemagne, Belgique, Estonie, France, Indonésie, Niger, République dominicaine,\n"
        "Saint-Vincent-et-les Grenadines, Tunisie, Royaume-Uni de Grande-Bretagne et\nd’Irlande du Nord et "
        "États-Unis d’Amérique.", "Chine et Fédération de\nRussie.", "Viet Nam."),
     (C2020 - {"CHN", "RUS", "VNM"}, {"CHN", "RUS"}, {"VNM"})),
    ("es", letter(
        "es",
        "Alemania, Bélgica, Estonia, Francia, Indonesia, Níger, República Dominicana, San Vicente y las\n"
        "Granadinas, Sudáfrica, Túnez, Reino Unido de Gran Bretaña e\nIrlanda del Norte y Estados Unidos de "
        "América.", "China y Federación de Rusia.", "Viet Nam."),
     (C2020 - {"CHN", "RUS", "VNM"}, {"CHN", "RUS"}, {"VNM"})),
    ("ru", letter(
        "ru",
        "Бельгия, Германия, Доминиканская Республика, Индонезия, Нигер, Сент-Винсент и\nГренадины, Тунис, "
        "Франция, Эстония, Южная Африка, Соединенное Королевство Великобритании и Северной\nИрландии и "
        "Соединенные Штаты Америки.", "Китай и Российская\nФедерация.", "Вьетнам."),
     (C2020 - {"CHN", "RUS", "VNM"}, {"CHN", "RUS"}, {"VNM"})),
    ("zh", letter(
        "zh",
        "比利时、多米尼加共和国、爱沙尼亚、法国、德国、印度尼西亚、尼日尔、圣文森特和\n格林纳丁斯、南非、突尼斯、"
        "大不列颠及北\n爱尔兰联合王国和美利坚合众国", "中国和俄罗斯联邦", "越南"),
     (C2020 - {"CHN", "RUS", "VNM"}, {"CHN", "RUS"}, {"VNM"})),
    ("ar", letter(
        "ar",
        "ألمانيا، وإستونيا، وإندونيسيا، وبلجيكا، وتونس، والجمهورية الدومينيكية، وجنوب أفريقيا، وسانت فنسنت\n"
        "وجزر غرينادين، وفرنسا، والمملكة المتحدة لبريطانيا العظمى\nوأيرلندا الشمالية، والنيجر، والولايات "
        "المتحدة الأمريكية.", "الاتحاد الروسي، والصين.", "فييت نام."),
     (C2020 - {"CHN", "RUS", "VNM"}, {"CHN", "RUS"}, {"VNM"})),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text", "want"), BROKEN, ids=[c[0] for c in BROKEN])
def test_name_broken_over_a_line(tmp_path, case, text, want):
    doc, vs = votes_of(tmp_path, text)
    (v,) = vs
    check(doc, v, want)
    assert v.language == case.split("-")[0]


# --- 2. extraction spacing inside words ---------------------------------------------------------------

SPACED = [
    ("en", letter(
        "en",
        "Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Russian\nFederation, "
        "Saint Vincent and the Grenadines, South Africa, Tunisia, United Kingd om of\nGreat Britain and "
        "North ern Ireland, United States of America, Viet Nam .", "None", "Chi na ."),
     (C2020 - {"CHN"}, set(), {"CHN"})),
    ("fr", letter(
        "fr",
        "Afrique du Sud, Allemagne, Belgique, Estonie, Fédération de Rus sie, France, Indonésie, Niger, "
        "République domini caine, Saint-Vincent-et-les Grena dines, Tunisie, Royaume-Uni de Grande-Bre tagne "
        "et d’Irlande du Nord, États-Unis d’Amé rique, Viet Nam .", abst="Chine ."),
     (C2020 - {"CHN"}, set(), {"CHN"})),
    ("ar", letter(
        "ar",
        "الاتحاد الرو سي، وإستو نيا، وألمانيا، وإندونيسيا، وبلجيكا، وتونس، والجمهورية الدومي نيكية، وجنوب "
        "أفريقيا، وسانت فنسنت وجزر غرينا دين، وفرنسا، وفييت نام، والمملكة المت حدة لبريطانيا العظمى وأيرلندا "
        "الشمالية، والنيجر، والولايات المتحدة الأمريكية .", abst="الصين ."),
     (C2020 - {"CHN"}, set(), {"CHN"})),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "want"), SPACED, ids=[c[0] for c in SPACED])
def test_spacing_inside_words(tmp_path, lang, text, want):
    doc, (v,) = votes_of(tmp_path, text)
    check(doc, v, want)


# --- 3. label words and list endings --------------------------------------------------------------------

YES_EN = ("Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the "
          "Grenadines, South Africa, Tunisia, United Kingdom of Great Britain and Northern Ireland, United "
          "States of America")  # fmt: skip
LABELS = [
    ("en-for", letter("en", YES_EN, "None", "China, Russian Federation, Viet Nam",
                      labels=("For:", "Against:", "Abstentions:"))),
    ("en-no-stops", letter("en", YES_EN, "None", "China, Russian\nFederation, Viet Nam",
                           after="The draft resolution received 12 votes in favour, none against and 3 "
                                 "abstentions.\n")),
    ("fr-votent", letter("fr", "Afrique du Sud, Allemagne, Belgique, Estonie, France, Indonésie, Niger, "
                               "République dominicaine, Saint-Vincent-et-les Grenadines, Tunisie, Royaume-Uni de "
                               "Grande-Bretagne et d’Irlande du Nord, États-Unis d’Amérique",
                         "Néant", "Chine, Fédération de Russie, Viet Nam",
                         labels=("Votent pour :", "Votent contre :", "S’abstiennent :"))),
    ("es-a-favor", letter("es", "Alemania, Bélgica, Estonia, Francia, Indonesia, Níger, República Dominicana, "
                                "San Vicente y las Granadinas, Sudáfrica, Túnez, Reino Unido de Gran Bretaña e "
                                "Irlanda del Norte, Estados Unidos de América", "Ninguno",
                          "China, Federación de Rusia, Viet Nam",
                          labels=("A favor:", "En contra:", "Abstenciones:"))),
    ("ru-za", letter("ru", "Бельгия, Германия, Доминиканская Республика, Индонезия, Нигер, Сент-Винсент и "
                           "Гренадины, Тунис, Франция, Эстония, Южная Африка, Соединенное Королевство "
                           "Великобритании и Северной Ирландии, Соединенные Штаты Америки", "Нет",
                     "Китай, Российская Федерация, Вьетнам", labels=("За:", "Против:", "Воздержались:"))),
    ("zh", letter("zh", "比利时、多米尼加共和国、爱沙尼亚、法国、德国、印度尼西亚、尼日尔、圣文森特和格林纳丁斯、南非、"
                        "突尼斯、大不列颠及北爱尔兰联合王国、美利坚合众国", "无", "中国、俄罗斯联邦、越南")),
    ("ar", letter("ar", "ألمانيا، وإستونيا، وإندونيسيا، وبلجيكا، وتونس، والجمهورية الدومينيكية، وجنوب "
                        "أفريقيا، وسانت فنسنت وجزر غرينادين، وفرنسا، والمملكة المتحدة لبريطانيا العظمى وأيرلندا "
                        "الشمالية، والنيجر، والولايات المتحدة الأمريكية", "لا يوجد",
                  "الاتحاد الروسي، والصين، وفييت نام")),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text"), LABELS, ids=[c[0] for c in LABELS])
def test_label_words_and_list_endings(tmp_path, case, text):
    doc, (v,) = votes_of(tmp_path, text)
    check(doc, v, (C2020 - {"CHN", "RUS", "VNM"}, set(), {"CHN", "RUS", "VNM"}))
    assert v.counts.as_dict() == {"in_favour": 12, "against": 0, "abstaining": 3}


def _cut_labels(text: str, labels: tuple[str, ...]) -> str:
    """Each label with a space put in the middle of its longest word ("In fa vour:", "Absten tions :")."""
    for label in labels:
        word = max(label.replace(":", " ").replace("：", " ").split(), key=len)
        if len(word) > 1:
            k = len(word) // 2
            text = text.replace(label, label.replace(word, word[:k] + " " + word[k:], 1), 1)
    return text


LABEL_SETS = {"en-for": ("For:", "Against:", "Abstentions:"), "fr-votent": ("Votent pour :", "Votent contre :",
              "S’abstiennent :"), "es-a-favor": ("A favor:", "En contra:", "Abstenciones:"),
              "ru-za": ("За:", "Против:", "Воздержались:")}  # fmt: skip


@pytest.mark.parametrize(("case", "text"), LABELS, ids=[c[0] for c in LABELS])
def test_a_stray_space_inside_each_label_changes_nothing(tmp_path, case, text):
    """The three labels each cut by a space inside a word, as a text layer leaves where glyphs stand apart:
    the same lists."""
    labels = LABEL_SETS.get(case, HEAD[case.split("-")[0]][1])
    cut = _cut_labels(text, labels)
    assert cut != text
    doc, (v,) = votes_of(tmp_path, cut)
    check(doc, v, (C2020 - {"CHN", "RUS", "VNM"}, set(), {"CHN", "RUS", "VNM"}))
    assert v.counts.as_dict() == {"in_favour": 12, "against": 0, "abstaining": 3}


def _unseen_and_spaced(text: str) -> str:
    """Each space a no-break or thin one (in turn), a character that prints nothing inside every third word of
    more than three letters, the digits full width: a text pasted from a web page or a word processor."""
    out, words = [], 0
    for k, part in enumerate(text.split(" ")):
        if len(part) > 3 and part[:3].isalpha():
            words += 1
            if words % 3 == 0:
                part = part[:2] + UNSEEN[words % len(UNSEEN)] + part[2:]
        out.append(part if not k else OTHER_SPACES[k % len(OTHER_SPACES)] + part)
    return "".join(out).translate(FULL_WIDTH)


@pytest.mark.parametrize(("case", "text"), LABELS, ids=[c[0] for c in LABELS])
def test_other_spaces_and_characters_that_print_nothing_change_nothing(tmp_path, case, text):
    """The letter with no-break and thin spaces for its spaces, zero-width characters and soft hyphens inside
    its words and its digits full width: the same lists and counts, the year read."""
    changed = _unseen_and_spaced(text)
    assert changed != text
    doc, (v,) = votes_of(tmp_path, changed)
    check(doc, v, (C2020 - {"CHN", "RUS", "VNM"}, set(), {"CHN", "RUS", "VNM"}))
    assert v.counts.as_dict() == {"in_favour": 12, "against": 0, "abstaining": 3}


def test_a_draft_printed_with_full_width_digits_is_named_with_latin_ones(tmp_path):
    text = letter(
        "en", "Belgium", after="The draft resolution S/２０２０/６５４ received 1 vote in favour.\n"
    )
    text = text.replace(
        "The result",
        "the voting procedure on the draft resolution contained in document S/２０２０/６５４. The result",
    )
    _, (v,) = votes_of(tmp_path, text)
    assert v.subject == "S/2020/654"


# A vote's own outcome sentence ("has not been adopted"), then the next vote's tally and adoption as a
# resolution, printed without a block of its own: the first vote's outcome is its own sentence
OWN_THEN_NEXT = {
    "en": "The draft resolution has not been adopted.\nThe draft resolution contained in document S/2020/99 "
          "received 15 votes in favour. The draft resolution has been adopted unanimously as resolution 2518 "
          "(2020).\n",
    "fr": "Le projet de résolution n'a pas été adopté.\nLe projet de résolution a recueilli 15 voix pour. Il a "
          "été adopté en tant que résolution 2518 (2020).\n",
    "es": "El proyecto de resolución no ha sido aprobado.\nEl proyecto de resolución ha obtenido 15 votos a favor. "
          "Ha sido aprobado como resolución 2518 (2020).\n",
    "ru": "Проект резолюции не принят.\nПроект резолюции получил 15 голосов за. Он принят в качестве резолюции "
          "2518 (2020).\n",
    "zh": "决议草案未获通过。\n决议草案获得15票赞成。决议草案通过成为第2518(2020)号决议。\n",
}  # fmt: skip


@pytest.mark.parametrize(("case", "text"), [c for c in LABELS if c[0].split("-")[0] in OWN_THEN_NEXT],
                         ids=[c[0] for c in LABELS if c[0].split("-")[0] in OWN_THEN_NEXT])  # fmt: skip
def test_a_votes_outcome_is_its_own_sentence_not_the_next_votes(tmp_path, case, text):
    _, votes = votes_of(tmp_path, text + OWN_THEN_NEXT[case.split("-")[0]])
    assert (votes[0].adopted, votes[0].resolution) == (False, None)


# The President's sentence after the vote run onto the last list by extraction, the speaker's name with the
# interpretation note of meeting records ("The President (spoke in Spanish):", S/PV records' wording)
SPOKE = {
    "en": "The President (spoke in Spanish): The draft resolution received 12 votes in favour, none against and "
          "3 abstentions.",
    "fr": "Le Président (parle en espagnol) : Le projet de résolution a recueilli 12 voix pour, 0 voix contre et "
          "3 abstentions.",
    "es": "La Presidenta (habla en inglés): El proyecto de resolución ha obtenido 12 votos a favor, 0 en contra "
          "y 3 abstenciones.",
    "ru": "Председатель (говорит по-английски): Проект резолюции получил 12 голосов за, 0 голосов против и 3 "
          "воздержавшихся.",
    "zh": "主席（以英语发言）：决议草案获得12票赞成、0票反对、3票弃权。",
}  # fmt: skip
RUN_ON = {case.split("-")[0]: text for case, text in LABELS if case in ("en-no-stops", "fr-votent", "es-a-favor",
                                                                          "ru-za", "zh")}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(SPOKE))
@pytest.mark.parametrize("plain", [True, False], ids=["no-note", "note"])
def test_a_speakers_sentence_run_onto_the_last_list_ends_it(tmp_path, lang, plain):
    sentence = SPOKE[lang]
    if plain:  # the speaker without the interpretation note
        sentence = sentence.replace(" (spoke in Spanish)", "").replace(" (parle en espagnol)", "")
        sentence = sentence.replace(" (habla en inglés)", "").replace(" (говорит по-английски)", "")
        sentence = sentence.replace("（以英语发言）", "")
    text = RUN_ON[lang].split("The draft resolution received")[0].rstrip("\n")
    sep = "" if lang == "zh" else " "
    doc, (v,) = votes_of(tmp_path, f"{text}{sep}{sentence}\n")
    check(doc, v, (C2020 - {"CHN", "RUS", "VNM"}, set(), {"CHN", "RUS", "VNM"}))
    assert v.counts.as_dict() == {"in_favour": 12, "against": 0, "abstaining": 3}


def test_for_in_prose_is_no_vote(tmp_path):
    text = "Note by the President\nFor: the attention of the members of the Security Council.\nThank you.\n"
    _, vs = votes_of(tmp_path, text)
    assert vs == []


# --- 4. the tally in a sentence -------------------------------------------------------------------------

PROSE_HEAD = ("Letter dated 8 July 2020 from the President of the Security Council\n"
              "I have the honour to refer to the draft resolution contained in document S/2020/654. In "
              "accordance with the voting procedure, the draft resolution received ")  # fmt: skip
NOT_ADOPTED = (
    " The draft resolution has not been adopted, owing to the negative vote of a permanent member.\n"
)

PROSE = [
    # (id, text, counts, (favour, against, abstaining) or None where a list stays empty, members_printed)
    ("en-against-named", PROSE_HEAD + "13 votes in favour, two against (China and the Russian\nFederation), and "
     "no abstentions." + NOT_ADOPTED, (13, 2, 0), (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set()), False),
    ("en-all-named", PROSE_HEAD + "two votes in favour (China and the Russian Federation), two against "
     "(France and the United Kingdom of Great Britain and Northern Ireland) and eleven abstentions (Belgium, "
     "Dominican Republic, Estonia, Germany, Indonesia, Niger, Saint Vincent and the Grenadines, South Africa, "
     "Tunisia, the United States of America and Viet Nam)." + NOT_ADOPTED, (2, 2, 11),
     ({"CHN", "RUS"}, {"FRA", "GBR"}, C2020 - {"CHN", "RUS", "FRA", "GBR"}), True),
    ("en-count-only", PROSE_HEAD + "15 votes in favour. The draft resolution has been adopted as resolution "
     "2530 (2020).\n", (15, 0, 0), (C2020, set(), set()), False),
    ("en-undecided", PROSE_HEAD + "12 votes in favour, none against and 3 abstentions." + NOT_ADOPTED,
     (12, 0, 3), (set(), set(), set()), False),
    ("en-older-form", "Provisional verbatim record, Friday, 10 May 1985, at 3.30 p.m.\nThe President: The draft "
     "resolution was adopted by 13 votes to none, with 2 abstentions (United Kingdom of Great Britain and\n"
     "Northern Ireland and United States of America).\n", (13, 0, 2), (C1985 - {"GBR", "USA"}, set(),
     {"GBR", "USA"}), False),
    ("fr-older-form", "Procès-verbal, vendredi 10 mai 1985\nLe Président : Le projet de résolution a été adopté "
     "par 13 voix contre zéro, avec 2 abstentions (Royaume-Uni de Grande-Bretagne et d’Irlande du Nord et "
     "États-Unis d’Amérique).\n", (13, 0, 2), (C1985 - {"GBR", "USA"}, set(), {"GBR", "USA"}), False),
    ("fr-against-named",
     "Lettre datée du 8 juillet 2020 adressée par le Président du Conseil de sécurité\nConformément à la "
     "procédure de vote, le projet de résolution S/2020/654 a recueilli 13 voix pour, 2 voix contre (la Chine "
     "et la Fédération de\nRussie) et zéro abstention. Le projet de résolution n’a pas été adopté.\n",
     (13, 2, 0), (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set()), False),
    ("es-against-named",
     "Carta de fecha 8 de julio de 2020 dirigida por el Presidente del Consejo de Seguridad\nDe conformidad "
     "con el procedimiento de votación, el proyecto de resolución S/2020/654 ha obtenido 13 votos a favor, 2 "
     "en contra (China y la Federación de Rusia) y ninguna abstención. El proyecto de resolución no ha sido "
     "aprobado.\n", (13, 2, 0), (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set()), False),
    ("ru-against-named",
     "Письмо Председателя Совета Безопасности от 8 июля 2020 года\nВ соответствии с процедурой голосования "
     "проект резолюции S/2020/654 получил 13 голосов за, 2 голоса против (Китай и Российская Федерация) и 0 "
     "воздержавшихся. Проект резолюции не принят.\n", (13, 2, 0),
     (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set()), False),
    ("zh-against-named",
     "2020年7月8日安全理事会主席的信\n根据表决程序，决议草案(S/2020/654)获得13票赞成、2票反对（中国和俄罗斯联邦）、0票弃权。"
     "决议草案未获通过。\n", (13, 2, 0), (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set()), False),
    ("ar-against-named",
     "رسالة مؤرخة 8 تموز/يوليه 2020 موجهة من رئيس مجلس الأمن\nوقد أُجري التصويت وفقا للإجراء المبين في "
     "الرسالة، وحصل مشروع القرار على 13 صوتا مؤيدا، مقابل 2 صوتا معارضا (الاتحاد الروسي والصين)، وامتناع 0 عضو "
     "عن التصويت. لم يُعتمد مشروع القرار.\n", (13, 2, 0), (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set()), False),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text", "counts", "want", "printed"), PROSE, ids=[c[0] for c in PROSE])
def test_tally_in_a_sentence(tmp_path, case, text, counts, want, printed):
    _, vs = votes_of(tmp_path, text)
    (v,) = vs
    assert tuple(v.counts.as_dict().values()) == counts
    assert sets(v) == want
    assert v.members_printed is printed
    codes = [i.code for i in v.issues]
    if not printed and any(want):
        assert "assigned-by-elimination" in codes
    if not any(want):
        assert "members-not-printed" in codes
    assert "count-mismatch" not in codes and "unknown-member" not in codes
    if (
        "not" in text
        or "n’a pas" in text
        or "no ha" in text
        or "не принят" in text
        or "未获" in text
        or "لم" in text
    ):
        assert v.adopted is False and v.resolution is None


# The clauses of one tally in any order, joined by other words: the same vote. Per language: the sentence before
# the clauses, the in favour / against / abstaining clauses, the joiners, and the sentence after.
CLAUSES = {
    "en": (PROSE_HEAD, ("13 votes in favour", "two against (China and the Russian Federation)", "no abstentions"),
           (", ", " and ", ", with "), "." + NOT_ADOPTED),
    "fr": ("Lettre datée du 8 juillet 2020 adressée par le Président du Conseil de sécurité\nLe projet de "
           "résolution S/2020/654 a recueilli ",
           ("13 voix pour", "2 voix contre (la Chine et la Fédération de Russie)", "zéro abstention"),
           (", ", " et ", ", avec "), ". Le projet de résolution n’a pas été adopté.\n"),
    "es": ("Carta de fecha 8 de julio de 2020 dirigida por el Presidente del Consejo de Seguridad\nEl proyecto "
           "de resolución S/2020/654 ha obtenido ",
           ("13 votos a favor", "2 en contra (China y la Federación de Rusia)", "ninguna abstención"),
           (", ", " y ", ", con "), ". El proyecto de resolución no ha sido aprobado.\n"),
    "ru": ("Письмо Председателя Совета Безопасности от 8 июля 2020 года\nПроект резолюции S/2020/654 получил ",
           ("13 голосов за", "2 голоса против (Китай и Российская Федерация)", "0 воздержавшихся"),
           (", ", " и ", ", при "), ". Проект резолюции не принят.\n"),
    "zh": ("2020年7月8日安全理事会主席的信\n决议草案(S/2020/654)获得",
           ("13票赞成", "2票反对（中国和俄罗斯联邦）", "0票弃权"), ("、", "，", "和"), "。决议草案未获通过。\n"),
    "ar": ("رسالة مؤرخة 8 تموز/يوليه 2020 موجهة من رئيس مجلس الأمن\nوحصل مشروع القرار على ",
           ("13 صوتا مؤيدا", "2 صوتا معارضا (الاتحاد الروسي والصين)", "امتناع 0 عضو عن التصويت"),
           ("، ", "، و", "، مقابل "), ". لم يُعتمد مشروع القرار.\n"),
}  # fmt: skip
ORDERS = list(itertools.permutations(range(3)))


@pytest.mark.parametrize("lang", sorted(CLAUSES))
@pytest.mark.parametrize("order", ORDERS, ids=["".join(map(str, o)) for o in ORDERS])
def test_a_tally_s_clauses_in_any_order_are_one_vote(tmp_path, lang, order):
    head, clauses, joiners, tail = CLAUSES[lang]
    a, b, c = (clauses[k] for k in order)
    seed = sum(k * 3**i for i, k in enumerate(order))
    text = head + a + joiners[seed % 3] + b + joiners[(seed + 1) % 3] + c + tail
    _, vs = votes_of(tmp_path, text)
    (v,) = vs
    assert v.counts.as_dict() == {"in_favour": 13, "against": 2, "abstaining": 0}, text
    assert sets(v) == (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set()), text
    assert v.adopted is False and v.resolution is None


LETTER = "Letter dated 25 June 2020 from the President of the Security Council\n"
# Other sentences that state the vote of S/RES/2529 (2020) (14 in favour, none against, the Russian Federation
# abstaining), each in another wording: (id, text)
OTHER_TALLIES = [
    ("result-was", LETTER + "The result of the vote was 14 in favour, none against and 1 abstention (Russian "
     "Federation). The draft resolution has been adopted as resolution 2529 (2020).\n"),
    ("adopted-by-to", LETTER + "The draft resolution was adopted by 14 votes to none, with 1 abstention (Russian "
     "Federation), as resolution 2529 (2020).\n"),
    ("by-a-vote-of", LETTER + "The draft resolution was adopted by a vote of 14 in favour to none against, with 1 "
     "abstention (Russian Federation). It has been adopted as resolution 2529 (2020).\n"),
    ("semicolon", LETTER + "The draft resolution received 14 votes in favour and one abstention (Russian "
     "Federation); there were no votes against. The draft resolution has been adopted as resolution 2529 (2020).\n"),
    ("fr-adopte-par", "Lettre datée du 25 juin 2020 adressée par le Président du Conseil de sécurité\nLe projet "
     "de résolution a été adopté par 14 voix contre zéro, avec une abstention (Fédération de Russie), en tant "
     "que résolution 2529 (2020).\n"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text"), OTHER_TALLIES, ids=[c[0] for c in OTHER_TALLIES])
def test_other_tally_sentences(tmp_path, case, text):
    _, vs = votes_of(tmp_path, text)
    (v,) = vs
    assert v.counts.as_dict() == {"in_favour": 14, "against": 0, "abstaining": 1}
    assert v.resolution == "S/RES/2529 (2020)" and v.adopted is True
    assert sets(v) == (C2020 - {"RUS"}, set(), {"RUS"})


# The adoption sentence with the resolution's number and no year: the number tells the year (numbers run by
# year). (lang, sentence)
NO_YEAR = [
    ("en", "The draft resolution has been adopted as resolution 2529 of 25 June 2020."),
    ("fr", "Le projet de résolution a été adopté en tant que résolution 2529 du 25 juin 2020."),
    ("es", "El proyecto de resolución ha sido aprobado como resolución 2529, de 25 de junio de 2020."),
    ("ru", "Проект резолюции принят в качестве резолюции 2529 от 25 июня 2020 года."),
    ("zh", "决议草案已通过第2529号决议。"),
    ("ar", "وقد اتخذ مشروع القرار بوصفه القرار 2529 المؤرخ 25 حزيران/يونيه 2020."),
]


@pytest.mark.parametrize(("lang", "sentence"), NO_YEAR, ids=[c[0] for c in NO_YEAR])
def test_an_adoption_sentence_without_the_year(lang, sentence):
    resolution, adopted, _ = adoption(" " + sentence, lexicon(lang))
    assert (resolution, adopted) == ("S/RES/2529 (2020)", True)
    # a number the table does not know is still an adoption, of no resolution named
    assert adoption(" " + sentence.replace("2529", "9999"), lexicon(lang))[:2] == (None, True)


def test_a_letter_whose_adoption_sentence_has_no_year(tmp_path):
    text = LETTER + (
        "The draft resolution received 14 votes in favour, none against and 1 abstention (Russian Federation).\n"
        "The resolution has been adopted as resolution 2529 of 25 June 2020.\n"
    )
    (v,) = votes_of(tmp_path, text)[1]
    assert v.resolution == "S/RES/2529 (2020)" and v.adopted is True
    assert sets(v) == (C2020 - {"RUS"}, set(), {"RUS"})


def test_a_real_letter_whose_adoption_sentence_has_no_year():
    """The pdftotext text of S/2020/851: its lists on one page, "adopted as resolution 2538 of 28 August 2020"
    on the next."""
    doc = resinspect.read(str(DATA / "votes/letters/S_2020_851.en.txt"))
    assert "as resolution 2538 of 28 August 2020" in doc.text
    (v,) = resinspect.extract_votes(doc)
    assert (v.subject, v.resolution, v.adopted) == ("S/2020/838", "S/RES/2538 (2020)", True)
    assert sets(v) == (C2020, set(), set()) and not v.issues


NOT_TALLIES = [
    # numbers before the words of a tally that state none: a resolution's number, a block's empty list
    LETTER + "Recalling resolution 2231 against "
    "the background of its resolutions 1 against 2, and measures against 15 persons in favour of peace.\n",
    LETTER + "The draft resolution received 16 votes in favour.\n",
]


@pytest.mark.parametrize("text", NOT_TALLIES, ids=["resolution-numbers", "more-than-the-council"])
def test_numbers_before_tally_words_that_are_no_tally(tmp_path, text):
    _, vs = votes_of(tmp_path, text)
    assert vs == []


def test_the_adoption_line_of_an_older_resolution_is_its_vote(tmp_path):
    """The text of S/RES/161 (1961) B as refworld prints it (the felixhaass corpus covers 1946-2015): its last line
    states the vote, names no resolution and is the vote on the resolution whose text it ends."""
    text = (
        "Resolution 161 (1961) of 21 February 1961\nThe Security Council,  \nGravely concerned at the continuing "
        "deterioration of the situation in the Congo,  \n1.         Urges the convening of the Parliament and the "
        "taking of necessary protective measures in that connexion;  \n2.         Calls upon all States to extend "
        "their full co-operation and assistance.  \nAdopted at the 942nd meeting by 9 votes to none, with 2 "
        "abstentions (France, Union of Soviet Socialist Republics).  \n"
    )
    _, vs = votes_of(tmp_path, text)
    (v,) = vs
    assert (v.resolution, v.adopted, v.procedure, v.date) == (
        "S/RES/161 (1961)",
        True,
        "meeting",
        "1961-02-21",
    )
    assert v.counts.as_dict() == {"in_favour": 9, "against": 0, "abstaining": 2}
    assert sets(v) == (C1961 - {"FRA", "SUN"}, set(), {"FRA", "SUN"})
    assert not v.members_printed


def test_real_letter_reporting_a_vote_in_a_sentence():
    """S/2020/661: the vote of S/2020/657 (a vetoed draft) in one sentence naming only the members against."""
    doc = resinspect.read(str(DATA / "votes" / "letters" / "S_2020_661.en.txt"))
    (v,) = resinspect.extract_votes(doc)
    assert v.subject == "S/2020/654" and v.adopted is False and v.resolution is None
    assert v.counts.as_dict() == {"in_favour": 13, "against": 2, "abstaining": 0}
    assert sets(v) == (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set())
    assert not v.members_printed
    assert "assigned-by-elimination" in [i.code for i in v.issues]
    assert v.date == "2020-07-08"  # the letter's date ("Letter dated 8 July 2020 from the President …"), not
    # the day it was distributed (9 July), nor that of the procedure's letter it cites (27 March 2020)


# the President's letter putting a draft to the vote, annexed: its voting period's end is the vote's date
VOTING_PERIOD = (
    "\fAnnex 1\nLetter dated 6 July 2020 from the President of the Security Council addressed to the\n"
    "Permanent Representatives of the members of the Security Council\n"
    "In my capacity as President of the Security Council, I hereby put the above-mentioned draft resolution to\n"
    "a vote. The non-extendable 24-hour voting period for this draft resolution will begin at 10 a.m. on\n"
    "Monday, 6 July 2020. The non-extendable 24-hour voting period will expire at 10 a.m. on Tuesday,\n"
    "7 July 2020.\n"
)


def test_a_written_vote_not_adopted_is_dated_by_its_voting_period():
    text = (DATA / "votes" / "letters" / "S_2020_661.en.txt").read_text(encoding="utf-8")
    (v,) = resinspect.extract_votes(resinspect.read_text(text + VOTING_PERIOD))
    assert (v.adopted, v.date) == (False, "2020-07-07")


def test_tally_after_a_block_is_the_block_s():
    """S/2020/657 prints the block and then the same tally in a sentence: one vote, its members printed."""
    doc = resinspect.read(str(DATA / "votes" / "letters" / "S_2020_657.en.txt"))
    (v,) = resinspect.extract_votes(doc)
    assert v.members_printed and sets(v) == (C2020 - {"CHN", "RUS"}, {"CHN", "RUS"}, set())


# A meeting record whose columns extraction read out of order: a speech between two lists, after "In favour:"
# (a speaker's turn) and after "Against: None" (the rest of a speech), and one that mentions amendments before
# the vote, as S/PV.8775 read by pdftotext
SPEECH_BETWEEN = {
    "en": ("The President: I shall now put the draft resolution to the vote.\nMr. Zhang (China): In the consultations we "
           "proposed many constructive amendments.\nA vote was taken by show of hands.\n"
           "In favour:\n{favour}\n\nMr. Hunter (United States of America): The United States welcomes the renewal of\n"
           "the sanctions regime for Somalia and of the mandate of the Panel of Experts.\nAgainst:\nNone\n\n"
           "The authorities in this resolution are an important part of the arms embargo, which every\n"
           "Council member has committed to upholding.\nAbstaining:\nChina, Russian Federation\n\n"
           "The President: The draft resolution received 13 votes in favour, none against and 2 abstentions.\n"
           "The draft resolution has been adopted as resolution 2551 (2020).\n",
           "Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the\n"
           "Grenadines, South Africa, Tunisia, United Kingdom of Great Britain and Northern Ireland, United\n"
           "States of America, Viet Nam"),
    "fr": ("Le Président : Je vais maintenant mettre aux voix le projet de résolution.\nIl est procédé au vote à main levée.\n"
           "Votent pour :\n{favour}\n\nM. Hunter (États-Unis d’Amérique) : Les États-Unis se félicitent du renouvellement\n"
           "du régime de sanctions concernant la Somalie.\nVotent contre :\nNéant\n\n"
           "Les pouvoirs que confère cette résolution sont un élément important de l’embargo sur les armes.\n"
           "S’abstiennent :\nChine, Fédération de Russie\n\n"
           "Le Président : Le projet de résolution a recueilli 13 voix pour, zéro voix contre et 2 abstentions.\n"
           "Le projet de résolution a été adopté en tant que résolution 2551 (2020).\n",
           "Afrique du Sud, Allemagne, Belgique, Estonie, États-Unis d’Amérique, France, Indonésie, Niger,\n"
           "République dominicaine, Royaume-Uni de Grande-Bretagne et d’Irlande du Nord, Saint-Vincent-et-les\n"
           "Grenadines, Tunisie, Viet Nam"),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(SPEECH_BETWEEN))
def test_a_speech_read_between_two_lists_is_no_part_of_them(tmp_path, lang):
    text, favour = SPEECH_BETWEEN[lang]
    _, vs = votes_of(tmp_path, text.format(favour=favour))
    (v,) = vs
    assert sets(v) == (C2020 - {"CHN", "RUS"}, set(), {"CHN", "RUS"})
    assert v.resolution == "S/RES/2551 (2020)" and v.adopted is True
    assert v.kind == "draft"  # amendments a speech mentions are not one put to the vote
    assert not v.issues


# --- 5. an Arabic letter followed by a long English annex -------------------------------------------------


def _long_annex() -> str:
    english = (Path(resinspect.__file__).parent / "samples" / "S_2020_249.en.txt").read_text(encoding="utf-8")
    annex = english[english.index("Resolution 2518") :]
    return "\f" + "\f".join([annex] * 6)  # many pages of English after one page of Arabic


def test_arabic_letter_with_long_english_annex_clean(tmp_path):
    arabic = (DATA / "ar" / "S_2020_249.clean.ar.txt").read_text(encoding="utf-8")
    doc, vs = votes_of(tmp_path, arabic + _long_annex())
    assert "ar" not in doc.languages  # the whole reads as English …
    assert doc.page_languages[0][0] == "ar"  # … its first page as Arabic
    ar = [v for v in vs if v.language == "ar"]
    assert len(ar) == 1 and sets(ar[0]) == (C2020, set(), set())


def test_arabic_letter_with_long_english_annex_garbled():
    """S/2021/254 (garbled, sample font): 24 pages, the English annex most of them."""
    doc = resinspect.read(str(DATA / "ar" / "S_2021_254.ar.txt"))
    (v,) = resinspect.extract_votes(doc)
    assert v.resolution == "S/RES/2567 (2021)"
    named = {m.iso3 for m in v.in_favour}
    assert named - {None} <= C2021 and len(v.in_favour) == 15
    assert "garbled-arabic" in [i.code for i in v.issues]


# --- a procedural question put to the vote: nine votes decide it, no negative vote is a veto -------------

PROCEDURAL = {
    "en": ("Security Council\n8700th meeting\nFriday, 10 January 2020, 3 p.m.\n"
           "The President: There is an objection to the adoption of the provisional agenda. I shall therefore put "
           "the provisional agenda to the vote.\nA vote was taken by show of hands.\n",
           ("In favour:", "Against:", "Abstaining:"),
           ("Belgium, Dominican Republic, Estonia, France, Germany, Niger, Tunisia, United Kingdom of Great Britain "
            "and Northern Ireland, United States of America", "China, Russian Federation, South Africa, Viet Nam",
            "Indonesia, Saint Vincent and the Grenadines"),
           "The President: There were 9 votes in favour, 4 against and 2 abstentions. The provisional agenda has "
           "been adopted, having obtained the required number of votes.\n"),
    "fr": ("Conseil de sécurité\n8700e séance\nVendredi 10 janvier 2020, à 15 heures\n"
           "Le Président : Je mets donc aux voix l’ordre du jour provisoire.\nIl est procédé au vote à main levée.\n",
           ("Votent pour :", "Votent contre :", "S’abstiennent :"),
           ("Allemagne, Belgique, Estonie, France, Niger, République dominicaine, Tunisie, Royaume-Uni de "
            "Grande-Bretagne et d’Irlande du Nord, États-Unis d’Amérique",
            "Afrique du Sud, Chine, Fédération de Russie, Viet Nam", "Indonésie, Saint-Vincent-et-les Grenadines"),
           "Le Président : Il y a eu 9 voix pour, 4 voix contre et 2 abstentions. L’ordre du jour provisoire est "
           "adopté, ayant obtenu le nombre de voix requis.\n"),
    "es": ("Consejo de Seguridad\n8700ª sesión\nViernes 10 de enero de 2020, a las 15.00 horas\n"
           "El Presidente: Someto a votación el orden del día provisional.\nSe procede a votar a mano alzada.\n",
           ("Votos a favor:", "Votos en contra:", "Abstenciones:"),
           ("Alemania, Bélgica, Estonia, Francia, Níger, República Dominicana, Túnez, Reino Unido de Gran Bretaña "
            "e Irlanda del Norte, Estados Unidos de América", "China, Federación de Rusia, Sudáfrica, Viet Nam",
            "Indonesia, San Vicente y las Granadinas"),
           "El Presidente: Ha habido 9 votos a favor, 4 en contra y 2 abstenciones. Queda aprobado el orden del "
           "día provisional, al haber obtenido el número de votos necesario.\n"),
    "ru": ("Совет Безопасности\n8700-е заседание\nПятница, 10 января 2020 года, 15 ч. 00 м.\n"
           "Председатель: Я ставлю на голосование предварительную повестку дня.\n"
           "Проводится голосование поднятием рук.\n",
           ("Голосовали за:", "Голосовали против:", "Воздержались:"),
           ("Бельгия, Германия, Доминиканская Республика, Нигер, Тунис, Франция, Эстония, Соединенное "
            "Королевство Великобритании и Северной Ирландии, Соединенные Штаты Америки",
            "Вьетнам, Китай, Российская Федерация, Южная Африка", "Индонезия, Сент-Винсент и Гренадины"),
           "Председатель: Было подано 9 голосов за, 4 голоса против и 2 воздержавшихся. Предварительная повестка "
           "дня утверждена, поскольку она получила необходимое число голосов.\n"),
    "zh": ("安全理事会\n第8700次会议\n2020年1月10日星期五下午3时\n主席：我将临时议程付诸表决。\n进行举手表决。\n",
           ("赞成：", "反对：", "弃权："),
           ("比利时、多米尼加共和国、爱沙尼亚、法国、德国、尼日尔、突尼斯、大不列颠及北爱尔兰联合王国、美利坚合众国",
            "中国、俄罗斯联邦、南非、越南", "印度尼西亚、圣文森特和格林纳丁斯"),
           "主席：表决结果如下：9票赞成、4票反对、2票弃权。临时议程获得通过，因为它获得了所需票数。\n"),
}  # fmt: skip
P_YES = frozenset("BEL DOM EST FRA DEU NER TUN GBR USA".split())
P_NO, P_ABST = frozenset("CHN RUS ZAF VNM".split()), frozenset("IDN VCT".split())


def _procedural(lang: str, outcome: str | None = None) -> str:
    head, labels, lists, after = PROCEDURAL[lang]
    body = "".join(f"{label}\n{items}\n" for label, items in zip(labels, lists, strict=True))
    return head + body + (after if outcome is None else outcome)


@pytest.mark.parametrize("lang", sorted(PROCEDURAL))
def test_a_procedural_vote_has_no_veto(tmp_path, lang):
    """The provisional agenda put to the vote, two permanent members against, nine in favour: adopted as the
    record says, a procedural vote, and no veto or outcome-mismatch warning."""
    doc, (v,) = votes_of(tmp_path, _procedural(lang))
    check(doc, v, (P_YES, P_NO, P_ABST))
    assert v.kind == "procedural" and v.adopted is True and v.subject is None
    assert not {i.code for i in v.issues} & {"veto", "outcome-mismatch", "outcome-inferred"}


@pytest.mark.parametrize("lang", sorted(PROCEDURAL))
def test_an_unstated_procedural_outcome_follows_the_nine_votes_rule(tmp_path, lang):
    doc, (v,) = votes_of(tmp_path, _procedural(lang, outcome=""))
    assert v.kind == "procedural" and v.adopted is True
    (inferred,) = [i for i in v.issues if i.code == "outcome-inferred"]
    assert "9 votes in favour)" in inferred.message and "veto" not in {i.code for i in v.issues}


def test_the_same_lists_on_a_draft_are_a_veto(tmp_path):
    """The control: a draft resolution with the same lists is vetoed."""
    head, labels, lists, _ = PROCEDURAL["en"]
    head = head.replace(
        "the provisional agenda to the vote",
        "the draft resolution contained in document S/2020/30 to the vote",
    ).replace("the adoption of the provisional agenda", "it")
    text = (
        _procedural("en")
        .replace(PROCEDURAL["en"][0], head)
        .replace(
            "The provisional agenda has been adopted, having obtained the required number of votes",
            "The draft resolution has not been adopted, owing to the negative vote of a permanent member",
        )
    )
    doc, (v,) = votes_of(tmp_path, text)
    assert v.kind == "draft" and v.adopted is False and v.subject == "S/2020/30"
    assert "veto" in {i.code for i in v.issues}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_last_list_wrapped_a_word_a_line_is_read_whole(tmp_path, lang):
    """The last list of a block runs over as many lines as its names take (here 13, a word a line), not a
    fixed few: "United⏎States⏎of⏎America." is one member to its last word."""
    if lang == "en":
        head = "Letter dated 25 June 2020 from the President of the Security Council\nIn favour:\n"
        yes, no = (
            "Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the Grenadines, South Africa, Tunisia, Viet Nam.",
            "Against:\nNone.\nAbstentions:\n",
        )
        abst = "China, Russian Federation, United Kingdom of Great Britain and Northern Ireland, United States of America."
        tail = "\nThe draft resolution has been adopted as resolution 2504 (2020).\n"
    else:
        head = "أُجري التصويت على مشروع القرار الوارد في الوثيقة S/2020/24.\nالمؤيدون:\n"
        yes = "ألمانيا، إستونيا، إندونيسيا، بلجيكا، تونس، الجمهورية الدومينيكية، جنوب أفريقيا، سانت فنسنت وجزر غرينادين، فرنسا، فييت نام، النيجر."
        no = "المعارضون:\nلا أحد.\nالممتنعون عن التصويت:\n"
        abst = "الاتحاد الروسي، الصين، المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية، الولايات المتحدة الأمريكية."
        tail = "\nاتُخذ مشروع القرار بوصفه القرار 2504 (2020).\n"
    text = head + yes + "\n" + no + abst.replace(" ", "\n") + tail
    assert abst.count(" ") + 1 > 8  # more lines than the old fixed bound
    (v,) = votes_of(tmp_path, text, f"doc.{lang}.txt")[1]
    assert sets(v) == (C2020 - {"CHN", "RUS", "GBR", "USA"}, set(), {"CHN", "RUS", "GBR", "USA"})
