"""Votes: one test per kind of vote block, each consistency warning, other languages, the bundled samples.

Expected members are written from the documents' own vote blocks (the fixtures in tests/data/votes, the
letters in shared/corpus/dev/letters, and the show-of-hands blocks printed by `resinspect text` for
samples/S_PV.8700_E.pdf), never copied from the tool's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import resinspect
from resinspect.reader.library import samples_dir

DATA = Path(__file__).parent / "data" / "votes"
SAMPLES = samples_dir()

# The Council of 2020 (council.toml; the 15 names of the S/2020/249 vote block)
COUNCIL_2020 = {
    "BEL", "CHN", "DOM", "EST", "FRA", "DEU", "IDN", "NER",
    "RUS", "VCT", "ZAF", "TUN", "GBR", "USA", "VNM",
}  # fmt: skip


def _votes(path: Path | str):
    doc = resinspect.read(str(path))
    return doc, resinspect.extract_votes(doc)


def _write(tmp_path: Path, text: str, name: str = "doc.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _iso(members) -> set[str | None]:
    return {m.iso3 for m in members}


def _codes(v) -> list[str]:
    return [i.code for i in v.issues]


def _check_offsets(doc, v) -> None:
    for key in ("in_favour", "against", "abstaining"):
        for m in getattr(v, key):
            assert doc.text[m.start : m.end] == m.as_printed


# ------------------------------------------------------------------------------------------------
# English blocks


def test_written_procedure_letter():
    doc, vs = _votes(DATA / "written_2518.en.txt")
    (v,) = vs
    assert v.procedure == "written"
    assert v.subject == "S/2020/240"
    assert v.resolution == "S/RES/2518 (2020)"
    assert v.date == "2020-03-30"
    assert v.adopted is True
    assert v.counts.as_dict() == {"in_favour": 15, "against": 0, "abstaining": 0}
    assert _iso(v.in_favour) == COUNCIL_2020 and len(v.in_favour) == 15
    assert v.against == [] and v.abstaining == []
    assert v.issues == []
    names = [m.name for m in v.in_favour]
    assert "United Kingdom of Great Britain and Northern Ireland" in names  # wrapped over two lines
    assert "United States of America" in names  # "United States\nof America"
    _check_offsets(doc, v)


def test_names_written_with_the():
    """S/2020/698 style: "the Niger", "China, the Dominican Republic and the Russian Federation"."""
    doc, vs = _votes(DATA / "written_the_names.en.txt")
    (v,) = vs
    assert v.resolution == "S/RES/2533 (2020)"
    assert v.subject == "S/2020/684"
    assert v.date == "2020-07-11"
    assert v.adopted is True
    assert v.counts.as_dict() == {"in_favour": 12, "against": 0, "abstaining": 3}
    assert _iso(v.abstaining) == {"CHN", "DOM", "RUS"}
    assert _iso(v.in_favour) == COUNCIL_2020 - {"CHN", "DOM", "RUS"}
    niger = next(m for m in v.in_favour if m.iso3 == "NER")
    assert (niger.name, niger.as_printed) == ("Niger", "the Niger")
    assert v.issues == []
    _check_offsets(doc, v)


def test_meeting_record_split_vote_with_wrapped_lists():
    doc, vs = _votes(DATA / "meeting_split.en.txt")
    (v,) = vs
    assert v.procedure == "meeting"
    assert v.subject == "S/2020/30"
    assert v.resolution == "S/RES/2505 (2020)"
    assert v.adopted is True
    assert v.counts.as_dict() == {"in_favour": 10, "against": 0, "abstaining": 5}
    assert _iso(v.abstaining) == {"CHN", "RUS", "GBR", "USA", "VNM"}
    assert _iso(v.in_favour) == COUNCIL_2020 - _iso(v.abstaining)
    assert "VCT" in _iso(v.in_favour)  # "Saint\nVincent and the Grenadines"
    assert v.issues == []
    _check_offsets(doc, v)


MEETING_ONE_LINE_LISTS = """Friday, 10 January 2020, 3 p.m.
The President: I shall now put to the vote the draft resolution contained in document S/2020/30.
A vote was taken by show of hands.
In favour:
Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the Grenadines, \
South Africa, Tunisia, United Kingdom of Great Britain and Northern Ireland, United States of America
Against:
China, Russian Federation
Abstaining:
Viet Nam
The President: The draft resolution received 12 votes in favour, 2 against and 1 abstention. The draft \
resolution has not been adopted, owing to the negative vote of a permanent member of the Council.
"""


def test_meeting_record_one_line_lists(tmp_path):
    doc, vs = _votes(_write(tmp_path, MEETING_ONE_LINE_LISTS))
    (v,) = vs
    assert _iso(v.against) == {"CHN", "RUS"}
    assert _iso(v.abstaining) == {"VNM"}
    assert len(v.in_favour) == 12 and None not in _iso(v.in_favour)


LETTER = """Letter dated 10 July 2020 from the President of the Security Council
The result of the vote is as follows:
In favour:
{yes}.
Against:
{no}.
Abstaining:
{abst}.
{outcome}
"""


def _letter(tmp_path, yes, no="None", abst="None", outcome="") -> Path:
    return _write(tmp_path, LETTER.format(yes=yes, no=no, abst=abst, outcome=outcome))


ALL_BUT_CHN_RUS = (
    "Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the "
    "Grenadines, South Africa, Tunisia, United Kingdom of Great Britain and Northern Ireland, "
    "United States of America, Viet Nam"
)


def test_failed_vote(tmp_path):
    path = _letter(
        tmp_path,
        "Belgium, Estonia, France, Germany, Saint Vincent and the Grenadines, Tunisia, United Kingdom of "
        "Great Britain and Northern Ireland, United States of America",
        abst="China, the Dominican Republic, Indonesia, the Niger, the Russian Federation, South Africa "
        "and Viet Nam",
        outcome="The draft resolution received 8 votes in favour, none against and 7 abstentions. The draft "
        "resolution has not been adopted, having failed to obtain the required number of votes.",
    )
    doc, (v,) = _votes(path)
    assert v.adopted is False
    assert v.resolution is None
    assert v.counts.as_dict() == {"in_favour": 8, "against": 0, "abstaining": 7}
    assert _iso(v.abstaining) == {"CHN", "DOM", "IDN", "NER", "RUS", "ZAF", "VNM"}
    assert "veto" not in _codes(v) and "outcome-mismatch" not in _codes(v)
    assert v.issues == []
    _check_offsets(doc, v)


def test_veto(tmp_path):
    path = _letter(
        tmp_path,
        ALL_BUT_CHN_RUS,
        no="China, Russian Federation",
        outcome="The draft resolution received 13 votes in favour, 2 against and no abstentions. The draft "
        "resolution has not been adopted, owing to the negative vote of a permanent member of the Council.",
    )
    doc, (v,) = _votes(path)
    assert _iso(v.against) == {"CHN", "RUS"}
    assert v.counts.as_dict() == {"in_favour": 13, "against": 2, "abstaining": 0}
    assert v.adopted is False
    assert v.resolution is None
    assert _codes(v) == ["veto"]
    assert "China" in v.issues[0].message and "Russian Federation" in v.issues[0].message


def test_veto_with_outcome_not_stated(tmp_path):
    """No outcome sentence: the rule decides (not adopted) and says so."""
    doc, (v,) = _votes(_letter(tmp_path, ALL_BUT_CHN_RUS, no="China, Russian Federation"))
    assert v.adopted is False
    assert "veto" in _codes(v) and "outcome-inferred" in _codes(v)


def test_permanent_member_against_without_the_votes_is_no_veto(tmp_path):
    path = _letter(
        tmp_path,
        "Belgium, Estonia, France",
        no="China, Germany",
        abst="Dominican Republic, Indonesia, Niger, Russian Federation, Saint Vincent and the Grenadines, "
        "South Africa, Tunisia, United Kingdom of Great Britain and Northern Ireland, "
        "United States of America, Viet Nam",
        outcome="The draft resolution has not been adopted, having failed to obtain the required number of votes.",
    )
    _, (v,) = _votes(path)
    assert v.adopted is False
    assert "veto" not in _codes(v)


ADOPTED_2530 = "The resolution has been adopted as resolution 2530 (2020) of 10 July 2020."

# (in favour, against, abstaining, outcome sentence, issue code expected)
WARNINGS = [
    (
        ALL_BUT_CHN_RUS + ", China, Russian Federation",
        "None",
        "None",
        "The draft resolution received 14 votes in favour. " + ADOPTED_2530,
        "count-mismatch",
    ),
    (
        ALL_BUT_CHN_RUS + ", China",
        "China",
        "Russian Federation",
        ADOPTED_2530,
        "member-in-two-lists",
    ),
    (
        ALL_BUT_CHN_RUS + ", China, Russian Federation",
        "None",
        "Japan, Kenya",
        ADOPTED_2530,
        "too-many-members",
    ),
    (
        ALL_BUT_CHN_RUS + ", China, Japan",
        "None",
        "None",
        ADOPTED_2530,
        "member-not-on-roster",
    ),
    (
        ALL_BUT_CHN_RUS + ", China, Atlantis",
        "None",
        "None",
        ADOPTED_2530,
        "unknown-member",
    ),
    (
        ALL_BUT_CHN_RUS,
        "China, Russian Federation",
        "None",
        ADOPTED_2530,
        "outcome-mismatch",
    ),
    (
        "Belgium, Estonia, France, Germany",
        "None",
        "None",
        ADOPTED_2530,
        "outcome-mismatch",
    ),
]


@pytest.mark.parametrize(("yes", "no", "abst", "outcome", "code"), WARNINGS, ids=[w[-1] for w in WARNINGS])
def test_consistency_warning(tmp_path, yes, no, abst, outcome, code):
    doc, (v,) = _votes(_letter(tmp_path, yes, no, abst, outcome))
    assert code in _codes(v)
    assert v.resolution == "S/RES/2530 (2020)"
    _check_offsets(doc, v)


def test_consistency_warning_details(tmp_path):
    _, (v,) = _votes(_letter(tmp_path, ALL_BUT_CHN_RUS + ", China, Atlantis", outcome=ADOPTED_2530))
    msg = next(i.message for i in v.issues if i.code == "unknown-member")
    assert "Atlantis" in msg
    atl = next(m for m in v.in_favour if m.as_printed == "Atlantis")
    assert atl.iso3 is None
    # stated count wins, the difference is reported
    _, (v,) = _votes(
        _letter(
            tmp_path,
            ALL_BUT_CHN_RUS + ", China, Russian Federation",
            outcome="The draft resolution received 14 votes in favour. " + ADOPTED_2530,
        )
    )
    assert v.counts["in_favour"] == 14 and len(v.in_favour) == 15


def test_clean_vote_has_no_warning(tmp_path):
    _, (v,) = _votes(
        _letter(
            tmp_path,
            ALL_BUT_CHN_RUS + ", China, Russian Federation",
            outcome="The draft resolution received 15 votes in favour. " + ADOPTED_2530,
        )
    )
    assert v.issues == []
    assert _iso(v.in_favour) == COUNCIL_2020


def test_congo_and_democratic_republic_of_the_congo(tmp_path):
    _, (v,) = _votes(
        _letter(
            tmp_path,
            "Congo, Democratic Republic of the Congo, Belgium",
            abst="the Congo",
            outcome=ADOPTED_2530,
        )
    )
    assert [(m.as_printed, m.iso3) for m in v.in_favour] == [
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Belgium", "BEL"),
    ]
    assert [m.iso3 for m in v.abstaining] == ["COG"]
    assert "member-in-two-lists" in _codes(v)


# ------------------------------------------------------------------------------------------------
# Other languages: constructed blocks with the labels of core/data/votes.toml (not real UN text)

# constructed
FR = """Il est procédé au vote à main levée sur le projet de résolution publié sous la cote S/2020/24.
Votent pour :
Afrique du Sud, Allemagne, Belgique, Estonie, France, Indonésie, Niger, République dominicaine, \
Saint-Vincent-et-les Grenadines, Tunisie, Viet Nam.
Votent contre :
Néant.
S'abstiennent :
Chine, États-Unis d'Amérique, Fédération de Russie, Royaume-Uni de Grande-Bretagne et d'Irlande du Nord.
Le projet de résolution a été adopté en tant que résolution 2504 (2020).
"""
# constructed
ES = """Se procede a votar a mano alzada sobre el proyecto de resolución que figura en el documento S/2020/24.
Votos a favor:
Alemania, Bélgica, Estonia, Francia, Indonesia, Níger, República Dominicana, San Vicente y las Granadinas, \
Sudáfrica, Túnez, Viet Nam.
Votos en contra:
Ninguno.
Abstenciones:
China, Estados Unidos de América, Federación de Rusia, Reino Unido de Gran Bretaña e Irlanda del Norte.
El proyecto de resolución ha sido aprobado como resolución 2504 (2020).
"""
# constructed
RU = """Проводится голосование поднятием рук по проекту резолюции, содержащемуся в документе S/2020/24.
Голосовали за:
Бельгия, Вьетнам, Германия, Доминиканская Республика, Индонезия, Нигер, Сент-Винсент и Гренадины, Тунис, \
Франция, Эстония, Южная Африка.
Голосовали против:
Нет.
Воздержались:
Китай, Российская Федерация, Соединенное Королевство Великобритании и Северной Ирландии, \
Соединенные Штаты Америки.
Проект резолюции принят в качестве резолюции 2504 (2020).
"""
# constructed
ZH = """举手表决。决议草案(S/2020/24)
赞成：
比利时、多米尼加共和国、爱沙尼亚、法国、德国、印度尼西亚、尼日尔、圣文森特和格林纳丁斯、南非、突尼斯、越南
反对：
无
弃权：
中国、俄罗斯联邦、大不列颠及北爱尔兰联合王国、美利坚合众国
决议草案通过，成为第2504(2020)号决议。
"""
# constructed (clean Arabic meeting-record wording; the corpus holds no Arabic meeting record)
AR = """أُجري التصويت برفع الأيدي على مشروع القرار الوارد في الوثيقة S/2020/24.
المؤيدون:
ألمانيا، إستونيا، إندونيسيا، بلجيكا، تونس، الجمهورية الدومينيكية، جنوب أفريقيا، سانت فنسنت وجزر غرينادين، \
فرنسا، فييت نام، النيجر.
المعارضون:
لا أحد.
الممتنعون عن التصويت:
الاتحاد الروسي، الصين، المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية، الولايات المتحدة الأمريكية.
اتُخذ مشروع القرار بوصفه القرار 2504 (2020).
"""

YES_2504 = {"BEL", "DEU", "DOM", "EST", "FRA", "IDN", "NER", "TUN", "VCT", "VNM", "ZAF"}
ABST_2504 = {"CHN", "GBR", "RUS", "USA"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", FR),
        ("es", ES),
        pytest.param("ru", RU, id="ru"),
        pytest.param("zh", ZH, id="zh"),
        pytest.param("ar", AR, id="ar"),
    ],
)
def test_constructed_other_language_blocks(tmp_path, lang, text):
    doc, vs = _votes(_write(tmp_path, text))
    (v,) = vs
    assert v.language == lang
    assert v.procedure == "meeting"
    assert v.resolution == "S/RES/2504 (2020)"
    assert v.adopted is True
    assert _iso(v.in_favour) == YES_2504 and len(v.in_favour) == 11
    assert v.against == []
    assert _iso(v.abstaining) == ABST_2504 and len(v.abstaining) == 4
    assert v.counts.as_dict() == {"in_favour": 11, "against": 0, "abstaining": 4}
    _check_offsets(doc, v)


# Belgium as each block prints it, with the list mark after it
BELGIUM = {"fr": "Belgique, ", "es": "Bélgica, ", "ru": "Бельгия, ", "zh": "比利时、", "ar": "بلجيكا، "}


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fr", FR), ("es", ES), ("ru", RU), ("zh", ZH), ("ar", AR)],
    ids=["fr", "es", "ru", "zh", "ar"],
)
def test_a_member_in_no_list_is_said(tmp_path, lang, text):
    """Every member of the Council votes in the lists a document prints: a member lost from them (here
    Belgium, dropped from the block) is named in an issue, in any language; the full block has none."""
    _, (full,) = _votes(_write(tmp_path, text))
    assert "members-unlisted" not in _codes(full)
    assert BELGIUM[lang] in text
    _, (v,) = _votes(_write(tmp_path, text.replace(BELGIUM[lang], ""), "lost.txt"))
    assert _iso(v.in_favour) == YES_2504 - {"BEL"}
    (issue,) = [i for i in v.issues if i.code == "members-unlisted"]
    assert issue.message.endswith("in no list: Belgium")


def test_a_member_in_no_list_of_a_letter_is_said(tmp_path):
    _, (v,) = _votes(_letter(tmp_path, ALL_BUT_CHN_RUS + ", China", outcome=ADOPTED_2530))
    (issue,) = [i for i in v.issues if i.code == "members-unlisted"]
    assert issue.message == "14 members listed, but the Council had 15 seats; in no list: Russian Federation"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", FR),
        ("es", ES),
        pytest.param("ru", RU, id="ru"),
        pytest.param("ar", AR, id="ar"),
    ],
)
def test_constructed_other_language_subject(tmp_path, lang, text):
    _, (v,) = _votes(_write(tmp_path, text))
    assert v.subject == "S/2020/24"


def test_constructed_arabic_vote_not_adopted(tmp_path):
    """A clean Arabic record: the date from its heading, "not adopted" from its outcome sentence."""
    text = "مجلس الأمن\nالجلسة 8700\nالجمعة، 10 كانون الثاني/يناير 2020\n" + AR.replace(
        "اتُخذ مشروع القرار بوصفه القرار 2504 (2020).", "لم يُعتمد مشروع القرار."
    )
    _, (v,) = _votes(_write(tmp_path, text))
    assert (v.resolution, v.adopted, v.date, v.procedure) == (None, False, "2020-01-10", "meeting")
    assert not [i for i in v.issues if i.code == "outcome-inferred"]


# ------------------------------------------------------------------------------------------------
# Bundled samples


@pytest.fixture(scope="module")
def pv8700():
    return _votes(SAMPLES / "S_PV.8700_E.pdf")


def test_pv8700_two_votes(pv8700):
    doc, vs = pv8700
    assert len(vs) == 2
    amend, draft = vs
    # the oral amendment (S/PV.8700 p. 2): 3-7-5, not adopted
    assert amend.subject is None
    assert amend.resolution is None
    assert amend.adopted is False
    assert amend.procedure == "meeting"
    assert amend.date == "2020-01-10"
    assert amend.counts.as_dict() == {"in_favour": 3, "against": 7, "abstaining": 5}
    assert _iso(amend.in_favour) == {"CHN", "RUS", "VNM"}
    assert _iso(amend.against) == {"BEL", "DOM", "EST", "FRA", "DEU", "GBR", "USA"}
    assert _iso(amend.abstaining) == {"IDN", "NER", "VCT", "ZAF", "TUN"}
    # draft S/2020/24 adopted as resolution 2504 (2020), 11-0-4
    assert draft.subject == "S/2020/24"
    assert draft.resolution == "S/RES/2504 (2020)"
    assert draft.adopted is True
    assert draft.procedure == "meeting"
    assert draft.date == "2020-01-10"
    assert draft.counts.as_dict() == {"in_favour": 11, "against": 0, "abstaining": 4}
    assert _iso(draft.in_favour) == YES_2504
    assert draft.against == []
    assert _iso(draft.abstaining) == ABST_2504
    assert "veto" not in _codes(amend)  # France, UK, US against, but the amendment lacked 9 votes
    for v in vs:
        assert "outcome-mismatch" not in _codes(v) and "count-mismatch" not in _codes(v)
        _check_offsets(doc, v)
    assert amend.start < draft.start


def test_pv8700_amendment_is_named(pv8700):
    _, (amend, draft) = pv8700
    assert amend.kind == "amendment" and amend.amendment_to == "S/2020/24"
    assert draft.kind == "draft" and draft.amendment_to is None


def test_s_2020_249_english():
    doc, vs = _votes(SAMPLES / "S_2020_249.en.txt")
    (v,) = vs
    assert v.counts.as_dict() == {"in_favour": 15, "against": 0, "abstaining": 0}
    assert _iso(v.in_favour) == COUNCIL_2020 and len(v.in_favour) == 15
    assert v.procedure == "written"
    assert v.date == "2020-03-30"
    assert v.adopted is True
    assert v.resolution == "S/RES/2518 (2020)"
    assert v.subject == "S/2020/240"
    assert v.issues == []
    _check_offsets(doc, v)


# Constructed from S/PV.8700's wording: the President's sentence run onto the abstaining list, as text
# extraction does when a list line and the next sentence are joined.
GLUED_SENTENCE = """A vote was taken by show of hands.
In favour: Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the \
Grenadines, South Africa, Tunisia, Viet Nam
Against: None
Abstaining: China, Russian Federation, United Kingdom of Great Britain and Northern Ireland, United States of \
America The President: The draft resolution received 11 votes in favour, none against and 4 abstentions. The \
draft resolution has been adopted as resolution 2504 (2020).
"""


def test_sentence_run_onto_the_last_list(tmp_path):
    _, (v,) = _votes(_write(tmp_path, GLUED_SENTENCE))
    assert _iso(v.abstaining) == {"CHN", "RUS", "GBR", "USA"} and len(v.abstaining) == 4
    assert v.resolution == "S/RES/2504 (2020)" and v.adopted is True
    assert v.counts.as_dict() == {"in_favour": 11, "against": 0, "abstaining": 4}
    assert "unknown-member" not in _codes(v)


# Wording of S/PV.8701 (13 January 2020): the draft is named once, well before the vote.
UNANIMOUS_NAMED_EARLIER = (
    "Members of the Council have before them document S/2020/27, which contains the text of a draft "
    "resolution submitted by the United Kingdom of Great Britain and Northern Ireland.\n"
    + "\n".join(
        f"Mr. Speaker {i} (Belgium): A statement of some length on the situation in Yemen, paragraph {i}."
        for i in range(40)
    )
    + "\nI shall put the draft resolution to the vote now.\nA vote was taken by show of hands.\nIn favour:\n"
    "Belgium, China, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Russian Federation, "
    "Saint Vincent and the Grenadines, South Africa, Tunisia, United Kingdom of Great Britain and Northern "
    "Ireland, United States of America, Viet Nam\n"
    "The President: The draft resolution received 15 votes in favour. The draft resolution has been adopted "
    "unanimously as resolution 2505 (2020).\n"
)


def test_subject_named_earlier_in_the_meeting(tmp_path):
    _, (v,) = _votes(_write(tmp_path, UNANIMOUS_NAMED_EARLIER))
    assert v.subject == "S/2020/27" and v.resolution == "S/RES/2505 (2020)" and v.kind == "draft"
    assert v.counts.as_dict() == {"in_favour": 15, "against": 0, "abstaining": 0} and len(v.in_favour) == 15
