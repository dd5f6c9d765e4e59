"""A stray space inside a word (`text.stray`): the lexicons' patterns read the word whole, in every language,
and the regex rewrite leaves the syntax around the letters as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import resinspect
from resinspect.text.dates import find_date
from resinspect.text.stray import spaced, spaced_digits, spaced_literal

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("pattern", "printed", "cut", "symbol"),
    [
        # a literal phrase, a named group, flags and a repeat count
        (r"(?i)draft\s+resolution\s+(?P<symbol>S/\d{4}/\d{1,4})", "Draft resolution S/2020/1054",
         "Draft resolu tion S/2020/1054", "S/2020/1054"),
        (r"(?i)draft\s+resolution\s+(?P<symbol>S/\d{4}/\d{1,4})", "draft resolution S/2020/1054",
         "dr aft resolution S/2020/1054", "S/2020/1054"),
        # a class is copied as it is, its members never spaced
        (r"[Ss]ecurity\s+[Cc]ouncil", "Security Council", "Secur ity Council", None),
        # escapes of several characters: \u0041 stays one escape, the letters after it are spaced
        (r"\u0041bc", "Abc", "Ab c", None),
        (r"\N{LATIN SMALL LETTER A}bc", "abc", "ab c", None),
        # a class of letters only is a letter of the word: a stray space may stand on either side of it
        (r"(?i)resoluci[óo]n\s+(?P<symbol>\d{1,4})", "resolución 2511", "resoluci ón 2511", "2511"),
        (r"(?i)charg[ée]\s+d.affaires", "Chargé d’affaires", "Charg é d’affaires", None),
        # Cyrillic, Arabic, Chinese letters
        (r"проект\w*\s+резолюции", "проекта резолюции", "проекта резо люции", None),
        (r"مشروع\s+القرار", "مشروع القرار", "مشروع الق رار", None),
        (r"决议草案", "决议草案", "决议 草案", None),
    ],
)  # fmt: skip
def test_a_spaced_pattern_reads_the_word_whole_and_as_printed(pattern, printed, cut, symbol):
    rx = re.compile(spaced(pattern))
    assert not re.search(pattern, cut)  # the pattern as written misses the cut word
    for text in (printed, cut):
        m = rx.search(text)
        assert m and m[0] == text
        if symbol:
            assert m["symbol"] == symbol


def test_only_one_space_and_never_inside_a_look_behind():
    rx = re.compile(spaced(r"(?<!non)vote"))  # a look-behind keeps its fixed width: it still compiles
    assert rx.search("a vo te") and not rx.search("nonvote") and not rx.search("v  ote")
    assert re.compile(spaced("none")).fullmatch("no ne") and not re.compile(spaced("none")).search("no  ne")
    assert re.compile(spaced(r"(?<!non)(?:vo)te")).search("a vo te")[0] == "vo te"  # no space taken before


def test_a_quantified_letter_and_a_repeat_count_keep_their_meaning():
    assert re.fullmatch(spaced("votes?"), "vote") and re.fullmatch(spaced("votes?"), "vot es")
    assert re.fullmatch(spaced(r"a{2}b"), "aab") and not re.fullmatch(spaced(r"a{2}b"), "a{2}b")


def test_a_literal_with_regex_characters():
    assert re.fullmatch(spaced_literal("In favour (of):"), "In fa vour (of):")


def test_a_real_letter_names_its_draft_after_a_cut_word():
    """The pdftotext text of S/2020/1066 prints "documen t S/2020/1054": the draft voted on is still named,
    and the counts stated in its sentence agree with the lists."""
    doc = resinspect.read(str(DATA / "votes/letters/S_2020_1066.en.txt"))
    assert "documen t S/2020/1054" in doc.text
    (v,) = resinspect.extract_votes(doc)
    assert (v.subject, v.adopted, v.resolution) == ("S/2020/1054", False, None)
    assert v.counts.as_dict() == {"in_favour": 5, "against": 0, "abstaining": 10}
    assert not [i for i in v.issues if i.code == "count-mismatch"]


# a preamble citing resolutions without their years (a citation only after the keyword), in four languages
YEARLESS = {
    "en": ("The Security Council,\nRecalling its resolutions 1325 and 2250,\n1. Decides to remain seized of the "
           "matter.\n", "resolutions", "resolu tions"),
    "fr": ("Le Conseil de sécurité,\nRappelant ses résolutions 1325 et 2250,\n1. Décide de rester saisi de la "
           "question.\n", "résolutions", "résolu tions"),
    "es": ("El Consejo de Seguridad,\nRecordando sus resoluciones 1325 y 2250,\n1. Decide seguir ocupándose de la "
           "cuestión.\n", "resoluciones", "resolucio nes"),
    "ru": ("Совет Безопасности,\nссылаясь на свои резолюции 1325 и 2250,\n1. постановляет продолжать заниматься "
           "этим вопросом.\n", "резолюции", "резолю ции"),
}  # fmt: skip


@pytest.mark.parametrize("lang", YEARLESS)
def test_a_keyword_cut_by_a_stray_space_still_makes_a_yearless_number_a_citation(lang):
    text, word, cut = YEARLESS[lang]

    def cited(t: str) -> list[str]:
        return sorted(c.symbol for c in resinspect.extract_citations(resinspect.read_text(t)))

    assert cited(text) == ["S/RES/1325 (2000)", "S/RES/2250 (2015)"]
    assert cited(text.replace(word, cut)) == cited(text)


@pytest.mark.parametrize(
    ("lang", "printed", "cuts"),
    [
        ("en", "on 15 March 2020", ["on 1 5 March 2020", "on 15 Mar ch 2020", "on 15 March 20 20"]),
        ("fr", "le 15 mars 2020", ["le 1 5 mars 2020", "le 15 ma rs 2020", "le 15 mars 202 0"]),
        ("es", "el 15 de marzo de 2020", ["el 1 5 de marzo de 2020", "el 15 de mar zo de 2020"]),
        ("ru", "15 марта 2020 года", ["1 5 марта 2020 года", "15 мар та 2020 года", "15 марта 2 020 года"]),
        ("zh", "2020年3月15日", ["20 20年3月15日", "2020年3月1 5日"]),
        ("ar", "15 آذار/مارس 2020", ["1 5 آذار/مارس 2020", "15 آذار/مارس 20 20"]),
    ],
)  # fmt: skip
def test_a_date_cut_by_a_stray_space_is_the_same_date(lang, printed, cuts):
    assert find_date(printed, lang) == "2020-03-15"
    for cut in cuts:
        assert find_date(cut, lang) == "2020-03-15", cut


def test_a_cut_day_is_read_only_where_no_digit_stands_before_it():
    assert find_date("annex 12 5 March 2020", "en") == "2020-03-05"  # "12 5" is no day 125 nor 25
    assert find_date("item 3 5 March 2020, on 4 May 2020", "en") == "2020-05-04"  # no 35th of March
    assert find_date("le 1 er décembre 2020", "fr") == find_date("le 1er décembre 2020", "fr") == "2020-12-01"
    year = re.compile(spaced_digits(r"\d{4}"))
    assert year.fullmatch("20 20") and not year.fullmatch("20  20")
    assert spaced_digits(r"\d+ \d{1}") == r"\d+ \d{1}"  # uncounted and single digits stay as they are


# a resolution's title block, formula and first paragraphs in each language, its adoption line as printed and
# as a stray space cuts it (in the meeting's number, the day, the month's name, the year), and the other order
# of the Council's name and the date that Chinese resolutions print; the wording after S/RES/2511 (2020)
_TITLE = {
    "en": ("Resolution 2511 (2020)", "The Security Council,", "Recalling its resolutions,", "1. Decides;"),
    "fr": ("Résolution 2511 (2020)", "Le Conseil de sécurité,", "Rappelant ses résolutions,", "1. Décide;"),
    "es": ("Resolución 2511 (2020)", "El Consejo de Seguridad,", "Recordando sus resoluciones,", "1. Decide;"),
    "ru": ("Резолюция 2511 (2020),", "Совет Безопасности,", "ссылаясь на свои резолюции,", "1. постановляет;"),
    "ar": ("القرار 2511 (2020)", "إن مجلس الأمن،", "إذ يشير إلى قراراته،", "1 - يقرر؛"),
    "zh": ("第2511(2020)号决议", "安全理事会，", "回顾其各项决议，", "1. 决定；"),
}  # fmt: skip
_ADOPTED = {
    "en": ("Adopted by the Security Council at its 8732nd meeting, on 25 February 2020",
           ["Adopted by the Security Council at its 87 32nd meeting, on 2 5 February 20 20",
            "Adopted by the Security Council at its 8732nd meeting, on 25 Febru ary 2020"]),
    "fr": ("Adoptée par le Conseil de sécurité à sa 8732e séance, le 25 février 2020",
           ["Adoptée par le Conseil de sécurité à sa 87 32e séance, le 2 5 février 20 20",
            "Adoptée par le Conseil de sécurité à sa 8732e séance, le 25 fév rier 2020"]),
    "es": ("Aprobada por el Consejo de Seguridad en su 8732ª sesión, celebrada el 25 de febrero de 2020",
           ["Aprobada por el Consejo de Seguridad en su 87 32ª sesión, celebrada el 2 5 de febrero de 20 20",
            "Aprobada por el Consejo de Seguridad en su 8732ª sesión, celebrada el 25 de febr ero de 2020"]),
    "ru": ("принятая Советом Безопасности на его 8732-м заседании 25 февраля 2020 года",
           ["принятая Советом Безопасности на его 87 32-м заседании 2 5 февраля 20 20 года",
            "принятая Советом Безопасности на его 8732-м заседании 25 фев раля 2020 года"]),
    "ar": ("الذي اتخذه مجلس الأمن في جلسته 8732، المعقودة في 25 شباط/فبراير 2020",
           ["الذي اتخذه مجلس الأمن في جلسته 8732، المعقودة في 2 5 شباط/فبراير 20 20",
            "الذي اتخذه مجلس الأمن في جلسته 8732، المعقودة في 25 شباط/ فبراير 2020",
            "الذي اتخذه مجلس الأمن في جلسته 8732، المعقودة في 25 شُباط/فبراير 2020"]),
    "zh": ("2020年2月25日安全理事会第8732次会议通过",
           ["安全理事会2020年2月25日第8732次会议通过", "20 20年2月2 5日安全理事会第87 32次会议通过",
            "2020年2月25日 8732次会议通过"]),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(_TITLE))
def test_an_adoption_line_cut_by_a_stray_space_still_dates_the_resolution(lang):
    heading, formula, pp, op = _TITLE[lang]
    printed, cuts = _ADOPTED[lang]

    def read(adopted: str) -> tuple[str | None, str | None, int, list[str]]:
        text = "\n".join([heading, adopted, "", formula, "", pp, "", op, ""])
        (res,) = resinspect.extract_paragraphs(resinspect.read_text(text))
        return res.symbol, res.date, res.title_start or 0, [p.kind for p in res.paragraphs]

    assert read(printed) == ("S/RES/2511 (2020)", "2020-02-25", 0, ["preambular", "operative"])
    for cut in cuts:
        assert read(cut) == read(printed), cut
