"""Build core/data/members.toml and core/data/council.toml.

Run once by a maintainer, never at run time:

    pip install countrycode          # GPL-3.0-or-later; build-time only, not a dependency
    python tools/build_members.py

The six UN short names of the 193 member states come from the `countrycode` package's `codelist`
(columns ``un.name.{ar,en,es,fr,ru,zh}``, scraped from un.org/{lang}/member-states). The corrections,
document-print forms, aliases, historical states and observers below are hand-written; Council
membership is hand-written as terms (see core/data/SOURCES.md).
"""

from __future__ import annotations

import pickle
import unicodedata
from importlib.util import find_spec
from pathlib import Path

LANGS = ("en", "fr", "es", "ru", "zh", "ar")
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "core" / "data"

# Names as UN *documents* print them, where un.org/member-states (countrycode) differs.
OVERRIDES: dict[str, dict[str, str]] = {
    # countrycode has a Latin "x" in «Чеxия».
    "CZE": {"ru": "Чехия"},
    # Arabic documents print the plain forms; un.org uses inverted list forms (kept as aliases).
    "IRN": {"ar": "جمهورية إيران الإسلامية", "zh": "伊朗伊斯兰共和国"},
    "BOL": {"ar": "دولة بوليفيا المتعددة القوميات", "zh": "多民族玻利维亚国"},
    "VEN": {"ar": "جمهورية فنزويلا البوليفارية", "zh": "委内瑞拉玻利瓦尔共和国"},
    "FSM": {"ar": "ولايات ميكرونيزيا الموحدة", "zh": "密克罗尼西亚联邦"},
    # Arabic documents print «وأيرلندا» (founding sample); un.org has «وآيرلندا».
    "GBR": {"ar": "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"},
    # Chinese documents use the full form for the Dominican Republic.
    "DOM": {"zh": "多米尼加共和国"},  # un.org: «多米尼加» (kept as alias)
    # Since 2022-2023 the UN prints "Netherlands (Kingdom of the)".
    "NLD": {
        "en": "Netherlands (Kingdom of the)",
        "fr": "Pays-Bas (Royaume des)",
        "es": "Países Bajos (Reino de los)",
        "ru": "Нидерланды (Королевство)",
        "zh": "荷兰王国",
        "ar": "مملكة هولندا",
    },
}

# Hand-written aliases per language: formal names, older names, typographic variants.
ALIASES: dict[str, dict[str, list[str]]] = {
    "GBR": {
        "en": ["United Kingdom", "UK", "Great Britain"],
        "fr": ["Royaume-Uni"],
        "es": ["Reino Unido"],
        "ru": ["Соединенное Королевство", "Соединённое Королевство", "Великобритания"],
        "zh": ["联合王国", "英国"],
        "ar": ["المملكة المتحدة"],
    },
    "USA": {
        "en": ["United States", "USA", "US"],
        "fr": ["États-Unis"],
        "es": ["Estados Unidos"],
        "ru": ["Соединенные Штаты", "Соединённые Штаты Америки", "США"],
        "zh": ["美国"],
        "ar": ["الولايات المتحدة"],
    },
    "RUS": {
        "en": ["Russia"],
        "fr": ["Russie"],
        "es": ["Rusia"],
        "ru": ["Россия"],
        "zh": ["俄罗斯"],
        "ar": ["روسيا"],
    },
    "CHN": {
        "en": ["People's Republic of China", "Republic of China"],
        "fr": ["République populaire de Chine"],
        "es": ["República Popular China"],
        "ru": ["Китайская Народная Республика"],
        "zh": ["中华人民共和国"],
        "ar": ["جمهورية الصين الشعبية"],
    },
    "FRA": {"en": ["French Republic"], "fr": ["République française"]},
    "TUR": {
        "en": ["Turkey", "Turkiye"],
        "fr": ["Turquie"],
        "es": ["Turquía"],
        "zh": ["土耳其共和国"],
    },
    "SWZ": {
        "en": ["Swaziland", "Kingdom of Eswatini"],
        "fr": ["Swaziland"],
        "es": ["Swazilandia"],
        "ru": ["Свазиленд"],
        "ar": ["سوازيلند"],
    },
    "LBY": {
        "en": ["Libyan Arab Jamahiriya", "Libyan Arab Republic"],
        "fr": ["Jamahiriya arabe libyenne"],
        "es": ["Jamahiriya Árabe Libia"],
        "ru": ["Ливийская Арабская Джамахирия"],
        "zh": ["阿拉伯利比亚民众国"],
        "ar": ["الجماهيرية العربية الليبية"],
    },
    "MMR": {"en": ["Burma"], "fr": ["Birmanie"], "es": ["Birmania"], "ru": ["Бирма"], "zh": ["缅甸联邦"]},
    "MKD": {
        "en": ["The former Yugoslav Republic of Macedonia", "Republic of North Macedonia"],
        "fr": ["ex-République yougoslave de Macédoine"],
        "es": ["ex República Yugoslava de Macedonia"],
        "ru": ["бывшая югославская Республика Македония"],
        "zh": ["前南斯拉夫的马其顿共和国"],
        "ar": ["جمهورية مقدونيا اليوغوسلافية السابقة"],
    },
    "CIV": {
        "en": ["Côte d'Ivoire", "Cote d'Ivoire", "Cote d’Ivoire", "Ivory Coast"],
        "fr": ["Côte d'Ivoire"],
        "es": ["Côte d'Ivoire"],
        "ru": ["Кот-д'Ивуар"],
        "ar": ["ساحل العاج"],
    },
    "LAO": {"en": ["Lao People's Democratic Republic", "Laos"]},
    "PRK": {"en": ["Democratic People's Republic of Korea", "North Korea"], "zh": ["朝鲜"]},
    "KOR": {
        "en": ["Korea, Republic of", "South Korea"],
        "fr": ["Corée du Sud"],
        "zh": ["韩国"],
        "ar": ["كوريا الجنوبية"],
    },
    "CZE": {
        "en": ["Czech Republic"],
        "fr": ["République tchèque"],
        "es": ["República Checa"],
        "ru": ["Чешская Республика"],
        "zh": ["捷克共和国"],
        "ar": ["الجمهورية التشيكية"],
    },
    "SVK": {"en": ["Slovak Republic"], "fr": ["République slovaque"], "es": ["República Eslovaca"]},
    "CPV": {"en": ["Cape Verde"], "fr": ["Cap-Vert"]},
    "TZA": {"en": ["Tanzania", "United Republic of Tanganyika and Zanzibar"], "fr": ["Tanzanie"]},
    "VNM": {"en": ["Vietnam"], "fr": ["Vietnam"], "zh": ["越南社会主义共和国"], "ar": ["فيتنام"]},
    "SYR": {
        "en": ["Syria"],
        "fr": ["Syrie"],
        "es": ["Siria"],
        "ru": ["Сирия"],
        "zh": ["叙利亚"],
        "ar": ["سوريا", "سورية"],
    },
    "IRN": {
        "en": ["Iran", "Islamic Republic of Iran"],
        "fr": ["République islamique d’Iran"],
        "es": ["República Islámica del Irán"],
        "zh": ["伊朗"],
        "ar": ["إيران (جمهورية - إسلامية)", "إيران"],
    },
    "BOL": {
        "en": ["Bolivia", "Plurinational State of Bolivia"],
        "fr": ["Bolivie"],
        "es": ["Estado Plurinacional de Bolivia"],
        "zh": ["玻利维亚 (多民族国)", "玻利维亚"],
        "ar": ["بوليفيا (دولة-متعددة القوميات)", "بوليفيا"],
    },
    "VEN": {
        "en": ["Venezuela", "Bolivarian Republic of Venezuela"],
        "fr": ["République bolivarienne du Venezuela"],
        "es": ["República Bolivariana de Venezuela"],
        "zh": ["委内瑞拉（玻利瓦尔共和国）", "委内瑞拉"],
        "ar": ["فنزويلا (جمهورية - البوليفارية)", "فنزويلا"],
    },
    "FSM": {
        "en": ["Federated States of Micronesia", "Micronesia"],
        "zh": ["密克罗尼西亚 (联邦)"],
        "ar": ["ميكرونيزيا (ولايات ــ الموحدة)"],
    },
    "MDA": {"en": ["Moldova"]},
    "NLD": {
        "en": ["Netherlands", "Kingdom of the Netherlands"],
        "fr": ["Pays-Bas"],
        "es": ["Países Bajos"],
        "ru": ["Нидерланды"],
        "zh": ["荷兰"],
        "ar": ["هولندا"],
    },
    "DEU": {
        "en": ["Federal Republic of Germany"],
        "fr": ["République fédérale d’Allemagne"],
        "es": ["República Federal de Alemania"],
        "ru": ["Федеративная Республика Германия"],
        "zh": ["德意志联邦共和国"],
        "ar": ["جمهورية ألمانيا الاتحادية"],
    },
    "EGY": {
        "en": ["United Arab Republic"],
        "fr": ["République arabe unie"],
        "es": ["República Árabe Unida"],
        "ru": ["Объединенная Арабская Республика"],
        "zh": ["阿拉伯联合共和国"],
        "ar": ["الجمهورية العربية المتحدة"],
    },
    "BLR": {
        "en": ["Byelorussian Soviet Socialist Republic", "Byelorussian SSR"],
        "fr": ["RSS de Biélorussie"],
        "ru": ["Белорусская ССР"],
        "zh": ["白俄罗斯苏维埃社会主义共和国"],
        "ar": ["جمهورية بيلوروسيا الاشتراكية السوفياتية"],
    },
    "UKR": {
        "en": ["Ukrainian Soviet Socialist Republic", "Ukrainian SSR"],
        "fr": ["RSS d’Ukraine"],
        "ru": ["Украинская ССР"],
        "zh": ["乌克兰苏维埃社会主义共和国"],
        "ar": ["جمهورية أوكرانيا الاشتراكية السوفياتية"],
    },
    "LKA": {
        "en": ["Ceylon"],
        "fr": ["Ceylan"],
        "es": ["Ceilán"],
        "ru": ["Цейлон"],
        "zh": ["锡兰"],
        "ar": ["سيلان"],
    },
    "BFA": {
        "en": ["Upper Volta"],
        "fr": ["Haute-Volta"],
        "es": ["Alto Volta"],
        "ru": ["Верхняя Вольта"],
        "zh": ["上沃尔特"],
        "ar": ["فولتا العليا"],
    },
    "BEN": {"en": ["Dahomey"], "fr": ["Dahomey"]},
    "MYS": {"en": ["Malaya", "Federation of Malaya"], "fr": ["Fédération de Malaisie"]},
    "KHM": {"en": ["Kampuchea", "Democratic Kampuchea"], "fr": ["Kampuchea démocratique"]},
    "CMR": {"en": ["United Republic of Cameroon"], "fr": ["République-Unie du Cameroun"]},
    "COG": {"en": ["Republic of the Congo", "Congo (Brazzaville)"], "fr": ["République du Congo"]},
    "COD": {"en": ["Congo (Democratic Republic of the)", "DR Congo"], "fr": ["RD Congo"]},
    "YEM": {
        "en": ["Yemen Arab Republic"],
        "fr": ["République arabe du Yémen"],
        "es": ["República Árabe del Yemen"],
        "ru": ["Йеменская Арабская Республика"],
        "zh": ["阿拉伯也门共和国"],
        "ar": ["الجمهورية العربية اليمنية"],
    },
    "DOM": {"zh": ["多米尼加"]},
    "SAU": {"en": ["Kingdom of Saudi Arabia"]},
    "ARE": {"en": ["UAE"]},
    "GMB": {"en": ["The Gambia", "Gambia, The"]},
    "BHS": {"en": ["The Bahamas"]},
    "BRN": {"en": ["Brunei"]},
    "TLS": {"en": ["East Timor"]},
    "STP": {"en": ["São Tomé and Príncipe"]},
    "PSE": {
        "en": ["Palestine"],
        "fr": ["Palestine"],
        "es": ["Palestina"],
        "ru": ["Палестина"],
        "zh": ["巴勒斯坦"],
        "ar": ["فلسطين"],
    },
    "SUN": {
        "en": ["USSR", "Soviet Union"],
        "fr": ["URSS", "Union soviétique"],
        "es": ["URSS", "Unión Soviética"],
        "ru": ["СССР", "Советский Союз"],
        "zh": ["苏联"],
        "ar": ["الاتحاد السوفياتي"],
    },
    "YUG": {
        "en": ["Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia"],
        "fr": ["République fédérative socialiste de Yougoslavie", "République fédérale de Yougoslavie"],
        "es": ["República Federativa Socialista de Yugoslavia", "República Federativa de Yugoslavia"],
        "ru": ["Социалистическая Федеративная Республика Югославия", "Союзная Республика Югославия"],
        "zh": ["南斯拉夫社会主义联邦共和国", "南斯拉夫联盟共和国"],
        "ar": ["جمهورية يوغوسلافيا الاتحادية الاشتراكية", "جمهورية يوغوسلافيا الاتحادية"],
    },
    "CSK": {
        "en": ["Czech and Slovak Federal Republic", "Czechoslovak Socialist Republic"],
        "fr": ["République fédérative tchèque et slovaque"],
    },
    "ZAR": {"en": ["Republic of Zaire"], "fr": ["Zaire", "République du Zaïre"]},
    "DDR": {"en": ["East Germany"], "fr": ["RDA"]},
}

# States no longer members (or never members) and observers: six names each, by hand.
EXTRA: dict[str, dict[str, str]] = {
    "SUN": {
        "en": "Union of Soviet Socialist Republics",
        "fr": "Union des Républiques socialistes soviétiques",
        "es": "Unión de Repúblicas Socialistas Soviéticas",
        "ru": "Союз Советских Социалистических Республик",
        "zh": "苏维埃社会主义共和国联盟",
        "ar": "اتحاد الجمهوريات الاشتراكية السوفياتية",
    },
    "YUG": {
        "en": "Yugoslavia",
        "fr": "Yougoslavie",
        "es": "Yugoslavia",
        "ru": "Югославия",
        "zh": "南斯拉夫",
        "ar": "يوغوسلافيا",
    },
    "SCG": {
        "en": "Serbia and Montenegro",
        "fr": "Serbie-et-Monténégro",
        "es": "Serbia y Montenegro",
        "ru": "Сербия и Черногория",
        "zh": "塞尔维亚和黑山",
        "ar": "صربيا والجبل الأسود",
    },
    "CSK": {
        "en": "Czechoslovakia",
        "fr": "Tchécoslovaquie",
        "es": "Checoslovaquia",
        "ru": "Чехословакия",
        "zh": "捷克斯洛伐克",
        "ar": "تشيكوسلوفاكيا",
    },
    "ZAR": {"en": "Zaire", "fr": "Zaïre", "es": "Zaire", "ru": "Заир", "zh": "扎伊尔", "ar": "زائير"},
    "DDR": {
        "en": "German Democratic Republic",
        "fr": "République démocratique allemande",
        "es": "República Democrática Alemana",
        "ru": "Германская Демократическая Республика",
        "zh": "德意志民主共和国",
        "ar": "جمهورية ألمانيا الديمقراطية",
    },
    "YMD": {
        "en": "Democratic Yemen",
        "fr": "Yémen démocratique",
        "es": "Yemen Democrático",
        "ru": "Демократический Йемен",
        "zh": "民主也门",
        "ar": "اليمن الديمقراطية",
    },
    "VAT": {
        "en": "Holy See",
        "fr": "Saint-Siège",
        "es": "Santa Sede",
        "ru": "Святейший Престол",
        "zh": "教廷",
        "ar": "الكرسي الرسولي",
    },
    "PSE": {
        "en": "State of Palestine",
        "fr": "État de Palestine",
        "es": "Estado de Palestina",
        "ru": "Государство Палестина",
        "zh": "巴勒斯坦国",
        "ar": "دولة فلسطين",
    },
}
STATUS = {
    "SUN": "former",
    "YUG": "former",
    "SCG": "former",
    "CSK": "former",
    "ZAR": "former",
    "DDR": "former",
    "YMD": "former",
    "VAT": "observer",
    "PSE": "observer",
}
PERMANENT = {"CHN", "FRA", "GBR", "RUS", "USA", "SUN"}

# ---------------------------------------------------------------------------------------------
# Security Council: elected members as terms (first year, last year); permanent seats by period.
PERMANENT_SEATS = [
    ("CHN", 1946, 2026),
    ("FRA", 1946, 2026),
    ("GBR", 1946, 2026),
    ("USA", 1946, 2026),
    ("SUN", 1946, 1991),
    ("RUS", 1992, 2026),
]
TERMS_TEXT = """
1946 1947 AUS BRA POL
1946 1946 EGY MEX NLD
1947 1948 BEL COL SYR
1948 1949 ARG CAN UKR
1949 1950 CUB EGY NOR
1950 1951 ECU IND YUG
1951 1952 BRA NLD TUR
1952 1953 CHL GRC PAK
1953 1954 COL DNK LBN
1954 1955 BRA NZL TUR
1955 1956 BEL IRN PER
1956 1957 AUS CUB
1956 1956 YUG
1957 1957 PHL
1957 1958 COL IRQ SWE
1958 1959 CAN JPN PAN
1959 1960 ARG ITA TUN
1960 1961 ECU LKA
1960 1960 POL
1961 1961 TUR
1961 1962 CHL EGY
1961 1961 LBR
1962 1962 IRL
1962 1963 GHA VEN
1962 1962 ROU
1963 1963 PHL
1963 1964 BRA MAR NOR
1964 1965 BOL CIV
1964 1964 CSK
1965 1965 MYS
1965 1966 JOR NLD URY
1966 1966 NZL UGA
1966 1967 ARG BGR JPN MLI NGA
1967 1968 BRA CAN DNK ETH IND
1968 1969 DZA HUN PAK PRY SEN
1969 1970 COL FIN NPL ESP ZMB
1970 1971 BDI NIC POL SLE SYR
1971 1972 ARG BEL ITA JPN SOM
1972 1973 GIN IND PAN SDN YUG
1973 1974 AUS AUT IDN KEN PER
1974 1975 BLR CMR CRI IRQ MRT
1975 1976 GUY ITA JPN SWE TZA
1976 1977 BEN LBY PAK PAN ROU
1977 1978 CAN IND MUS DEU VEN
1978 1979 BOL CSK GAB KWT NGA
1979 1980 BGD JAM NOR PRT ZMB
1980 1981 DDR MEX NER PHL TUN
1981 1982 IRL JPN PAN ESP UGA
1982 1983 GUY JOR POL TGO ZAR
1983 1984 MLT NLD NIC PAK ZWE
1984 1985 BFA EGY IND PER UKR
1985 1986 AUS DNK MDG THA TTO
1986 1987 BGR COG GHA ARE VEN
1987 1988 ARG DEU ITA JPN ZMB
1988 1989 DZA BRA NPL SEN YUG
1989 1990 CAN COL ETH FIN MYS
1990 1991 CIV CUB ROU YEM ZAR
1991 1992 AUT BEL ECU IND ZWE
1992 1993 CPV HUN JPN MAR VEN
1993 1994 BRA DJI NZL PAK ESP
1994 1995 ARG CZE NGA OMN RWA
1995 1996 BWA DEU HND IDN ITA
1996 1997 CHL EGY GNB POL KOR
1997 1998 CRI JPN KEN PRT SWE
1998 1999 BHR BRA GAB GMB SVN
1999 2000 ARG CAN MYS NAM NLD
2000 2001 BGD JAM MLI TUN UKR
2001 2002 COL IRL MUS NOR SGP
2002 2003 BGR CMR GIN MEX SYR
2003 2004 AGO CHL DEU PAK ESP
2004 2005 DZA BEN BRA PHL ROU
2005 2006 ARG DNK GRC JPN TZA
2006 2007 COG GHA PER QAT SVK
2007 2008 BEL IDN ITA PAN ZAF
2008 2009 BFA CRI HRV LBY VNM
2009 2010 AUT JPN MEX TUR UGA
2010 2011 BIH BRA GAB LBN NGA
2011 2012 COL DEU IND PRT ZAF
2012 2013 AZE GTM MAR PAK TGO
2013 2014 ARG AUS LUX KOR RWA
2014 2015 TCD CHL JOR LTU NGA
2015 2016 AGO MYS NZL ESP VEN
2016 2017 EGY JPN SEN UKR URY
2017 2018 BOL ETH KAZ SWE
2017 2017 ITA
2018 2018 NLD
2018 2019 CIV GNQ KWT PER POL
2019 2020 BEL DOM DEU IDN ZAF
2020 2021 EST NER VCT TUN VNM
2021 2022 IND IRL KEN MEX NOR
2022 2023 ALB BRA GAB GHA ARE
2023 2024 ECU JPN MLT MOZ CHE
2024 2025 DZA GUY KOR SLE SVN
2025 2026 DNK GRC PAK PAN SOM
2026 2027 BHR COL COD LVA LBR
"""
NOTES = {
    1946: "Egypt, Mexico and the Netherlands were elected for one year only (Charter Art. 23(2), first election).",
    1956: "Split term 1956-1957: Yugoslavia served 1956, the Philippines 1957.",
    1957: "Split term 1956-1957: Yugoslavia served 1956, the Philippines 1957.",
    1960: "Split term 1960-1961: Poland served 1960, Turkey 1961.",
    1961: "Split terms: Poland 1960 / Turkey 1961; Liberia 1961 / Ireland 1962.",
    1962: "Split terms: Liberia 1961 / Ireland 1962; Romania 1962 / the Philippines 1963.",
    1963: "Split term 1962-1963: Romania 1962, the Philippines 1963.",
    1964: "Split term 1964-1965: Czechoslovakia 1964, Malaysia 1965.",
    1965: "Split term 1964-1965: Czechoslovakia 1964, Malaysia 1965. Last year of 11 seats.",
    1966: "First year of 15 seats; New Zealand and Uganda elected for 1966 only.",
    1971: "China's seat: Republic of China until 25 October 1971 (GA res. 2758), PRC after; both CHN.",
    1977: "DEU = Federal Republic of Germany.",
    1978: "DEU = Federal Republic of Germany.",
    1980: "DDR = German Democratic Republic.",
    1981: "DDR = German Democratic Republic.",
    1984: "Upper Volta renamed Burkina Faso in August 1984 (BFA).",
    1987: "DEU = Federal Republic of Germany.",
    1988: "DEU = Federal Republic of Germany.",
    1990: "Yemen: elected as Democratic Yemen, the united Republic of Yemen from 22 May 1990 (YEM).",
    1991: "The Russian Federation took the USSR's seat on 24 December 1991; table uses SUN for 1991.",
    1992: "RUS from 1992. India 1991-1992 (the 1992-2023 corpus CSV has Côte d'Ivoire here: wrong).",
    2014: "Jordan took the seat Saudi Arabia was elected to and declined.",
    2017: "Split term 2017-2018: Italy 2017, the Netherlands 2018.",
    2018: "Split term 2017-2018: Italy 2017, the Netherlands 2018.",
}
FIRST_YEAR, LAST_YEAR = 1946, 2026


def council_by_year() -> dict[int, tuple[list[str], list[str]]]:
    elected: dict[int, list[str]] = {y: [] for y in range(FIRST_YEAR, LAST_YEAR + 1)}
    for line in TERMS_TEXT.strip().splitlines():
        start, end, *codes = line.split()
        for year in range(int(start), int(end) + 1):
            if year in elected:
                elected[year].extend(codes)
    out = {}
    for year, codes in elected.items():
        perm = sorted(c for c, a, b in PERMANENT_SEATS if a <= year <= b)
        out[year] = (perm, sorted(codes))
    return out


# ---------------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load_codelist() -> dict[str, dict[str, str]]:
    spec = find_spec("countrycode")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install countrycode (build-time only)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "codelist.pickle"
    with path.open("rb") as fh:
        d = pickle.load(fh)  # noqa: S301 - the package's own data file
    rows: dict[str, dict[str, str]] = {}
    for i, iso3 in enumerate(d["iso3c"]):
        en = d["un.name.en"][i]
        if not isinstance(en, str) or not en:
            continue
        rows[iso3] = {lang: nfc(d[f"un.name.{lang}"][i]) for lang in LANGS}
    return rows


def build_members() -> str:
    rows = load_codelist()
    if len(rows) != 193:
        raise SystemExit(f"expected 193 member states in countrycode, got {len(rows)}")
    entries: dict[str, dict[str, str]] = {}
    for iso3, names in rows.items():
        entries[iso3] = dict(names)
        entries[iso3].update(OVERRIDES.get(iso3, {}))
    for iso3, names in EXTRA.items():
        entries[iso3] = dict(names)
    lines = [
        "# UN member states, former states found in Security Council records, and observers.",
        "# Generated by tools/build_members.py (see SOURCES.md); edit that script, not this file.",
        "# names: the UN short name per language as printed in documents; aliases: other forms seen.",
        "# Upper/lower case, quotes, dashes, Arabic alef/yeh/teh marbuta are handled by",
        "# resinspect.roster.normalize_name, not by aliases.",
        "",
    ]
    for iso3 in sorted(entries):
        names = {k: nfc(v) for k, v in entries[iso3].items()}
        lines.append(f"[{iso3}]")
        lines.append(f"status = {toml_str(STATUS.get(iso3, 'member'))}")
        if iso3 in PERMANENT:
            lines.append("permanent = true")
        lines.append("names = { " + ", ".join(f"{lang} = {toml_str(names[lang])}" for lang in LANGS) + " }")
        aliases = ALIASES.get(iso3, {})
        parts = []
        for lang in LANGS:
            vals = [nfc(a) for a in aliases.get(lang, []) if nfc(a) != names[lang]]
            vals = list(dict.fromkeys(vals))
            if vals:
                parts.append(f"{lang} = [" + ", ".join(toml_str(v) for v in vals) + "]")
        if parts:
            lines.append("aliases = { " + ", ".join(parts) + " }")
        lines.append("")
    return "\n".join(lines)


def build_council() -> str:
    lines = [
        "# Security Council membership by calendar year, 1946-2026 (elected members change on 1 January).",
        "# Generated by tools/build_members.py from terms (see SOURCES.md); edit that script, not this file.",
        "# 11 seats (5 permanent + 6 elected) until 1965, 15 (5 + 10) from 1966. ISO 3166-1 alpha-3;",
        "# CHN is the China seat throughout (Republic of China until October 1971), SUN the USSR until 1991.",
        "",
    ]
    for year, (perm, elected) in council_by_year().items():
        lines.append(f"[{year}]")
        lines.append("permanent = [" + ", ".join(toml_str(c) for c in perm) + "]")
        lines.append("elected = [" + ", ".join(toml_str(c) for c in elected) + "]")
        if year in NOTES:
            lines.append(f"note = {toml_str(NOTES[year])}")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    (DATA / "members.toml").write_text(build_members(), encoding="utf-8")
    (DATA / "council.toml").write_text(build_council(), encoding="utf-8")
    for year, (perm, elected) in council_by_year().items():
        want = 6 if year <= 1965 else 10
        if len(perm) != 5 or len(elected) != want or len(set(elected)) != want:
            raise SystemExit(f"{year}: {len(perm)} permanent, {len(elected)} elected")


if __name__ == "__main__":
    main()
