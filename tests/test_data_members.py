"""Integrity of core/data/members.toml and core/data/council.toml."""

import re
import tomllib
import unicodedata
from importlib import resources

import pytest
from resinspect.data import roster
from resinspect.model import LANGUAGES as LANGS

COUNTRIES = roster.countries()
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _all_strings():
    for country in COUNTRIES.values():
        for lang in LANGS:
            yield country.iso3, lang, country.names[lang]
            for alias in country.aliases.get(lang, ()):
                yield country.iso3, lang, alias


def test_193_members_plus_former_states_and_observers():
    raw = tomllib.loads(resources.files("resinspect.data").joinpath("members.toml").read_text("utf-8"))
    status = {iso3: entry["status"] for iso3, entry in raw.items()}
    assert sum(1 for s in status.values() if s == "member") == 193
    assert {k for k, s in status.items() if s == "observer"} == {"VAT", "PSE"}
    assert {"SUN", "YUG", "CSK", "ZAR", "DDR"} <= {k for k, s in status.items() if s == "former"}


def test_iso3_codes_are_three_capitals():
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in COUNTRIES)


def test_every_state_has_six_nonempty_names():
    for country in COUNTRIES.values():
        assert set(country.names) == set(LANGS), country.iso3
        assert all(name.strip() == name and name for name in country.names.values()), country.iso3
        assert set(country.aliases) <= set(LANGS), country.iso3


def test_names_are_in_the_right_script():
    for iso3, lang, text in _all_strings():
        if lang == "ru":
            assert not re.search("[A-Za-z]", text), (iso3, text)  # e.g. a Latin "x" in «Чеxия»
        if lang == "ar":
            assert re.search("[\u0600-\u06ff]", text), (iso3, text)
        if lang == "zh":
            assert re.search("[\u4e00-\u9fff]", text), (iso3, text)


def test_no_name_or_alias_maps_to_two_states():
    owner: dict[str, str] = {}
    for iso3, lang, text in _all_strings():
        key = roster.normalize_name(text, lang)
        assert owner.setdefault(key, iso3) == iso3, f"{text!r} is both {owner[key]} and {iso3}"


def test_strings_are_nfc_without_arabic_presentation_forms():
    for iso3, _lang, text in _all_strings():
        assert unicodedata.is_normalized("NFC", text), (iso3, text)
        assert not PRESENTATION_FORMS.search(text), (iso3, text)


def test_permanent_flags():
    assert {c.iso3 for c in COUNTRIES.values() if c.permanent} == {"CHN", "FRA", "GBR", "RUS", "USA", "SUN"}


@pytest.mark.parametrize(
    "iso3,lang,name",
    [
        ("RUS", "ar", "الاتحاد الروسي"),
        ("CHN", "ar", "الصين"),
        ("VNM", "ar", "فييت نام"),
        ("ZAF", "ar", "جنوب أفريقيا"),
        ("VCT", "ar", "سانت فنسنت وجزر غرينادين"),
        ("USA", "ar", "الولايات المتحدة الأمريكية"),
        ("DOM", "ar", "الجمهورية الدومينيكية"),
        ("EST", "ar", "إستونيا"),
        ("DEU", "ar", "ألمانيا"),
        ("IDN", "ar", "إندونيسيا"),
        ("NER", "ar", "النيجر"),
        ("BEL", "ar", "بلجيكا"),
        ("TUN", "ar", "تونس"),
        ("FRA", "ar", "فرنسا"),
        ("GBR", "ar", "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"),
        ("IRN", "ar", "جمهورية إيران الإسلامية"),
        ("GBR", "en", "United Kingdom of Great Britain and Northern Ireland"),
        ("CIV", "en", "Côte d’Ivoire"),
        ("TUR", "en", "Türkiye"),
        ("CZE", "ru", "Чехия"),
        ("SUN", "en", "Union of Soviet Socialist Republics"),
        ("VAT", "en", "Holy See"),
        ("PSE", "en", "State of Palestine"),
    ],
)
def test_printed_forms_are_the_primary_names(iso3, lang, name):
    assert COUNTRIES[iso3].names[lang] == name


# --- council.toml ---------------------------------------------------------------------------


def test_council_covers_1946_to_2026():
    assert roster.council_years() == range(1946, 2027)


@pytest.mark.parametrize("year", range(1946, 2027))
def test_council_size_and_permanent_members(year):
    members = roster.council(year)
    codes = [c.iso3 for c in members]
    assert len(set(codes)) == len(codes)
    assert len(members) == (11 if year <= 1965 else 15)
    permanent = [c for c in codes if roster.is_permanent(c, year)]
    assert len(permanent) == 5
    assert set(permanent) == {"CHN", "FRA", "GBR", "USA", "SUN" if year < 1992 else "RUS"}


@pytest.mark.parametrize(
    "year,present,absent",
    [
        (1956, {"YUG"}, {"PHL"}),
        (1957, {"PHL"}, {"YUG"}),
        (1960, {"POL"}, {"TUR"}),
        (1961, {"TUR", "LBR"}, {"POL", "IRL"}),
        (1962, {"IRL", "ROU"}, {"LBR", "PHL"}),
        (1964, {"CSK", "CIV"}, {"MYS"}),
        (1965, {"MYS"}, {"CSK"}),
        (1980, {"DDR"}, {"DEU"}),
        (1983, {"ZAR"}, {"COD"}),
        (1991, {"SUN", "IND"}, {"RUS"}),
        (1992, {"RUS", "IND"}, {"SUN", "CIV"}),
        (2014, {"JOR"}, {"SAU"}),
        (2017, {"ITA"}, {"NLD"}),
        (2018, {"NLD"}, {"ITA"}),
        (2024, {"DZA", "ECU", "GUY", "JPN", "MLT", "MOZ", "KOR", "SLE", "SVN", "CHE"}, set()),
        (2025, {"DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM"}, set()),
        (2026, {"BHR", "COL", "COD", "DNK", "GRC", "LVA", "LBR", "PAK", "PAN", "SOM"}, set()),
    ],
)
def test_council_special_cases(year, present, absent):
    codes = {c.iso3 for c in roster.council(year)}
    assert present <= codes
    assert not absent & codes


def test_every_council_member_is_a_known_state():
    for year in roster.council_years():
        assert all(c.iso3 in COUNTRIES for c in roster.council(year))
