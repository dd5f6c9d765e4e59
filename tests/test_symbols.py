"""Symbols: the printed forms users type and the file-name forms found in libraries (core/symbols.py)."""

from __future__ import annotations

import pytest
from resinspect.text.symbols import library_filename, normalize_symbol, parse_filename, symbol_key

NORMALIZE = [
    # SC resolutions: one space before the year, whatever was typed
    ("S/RES/2518 (2020)", "S/RES/2518 (2020)"),
    ("S/RES/2518(2020)", "S/RES/2518 (2020)"),
    ("s/res/2518 (2020)", "S/RES/2518 (2020)"),
    ("S/RES/2518\u00a0(2020)", "S/RES/2518 (2020)"),
    ("S / RES / 2518 ( 2020 )", "S/RES/2518 (2020)"),
    ("  S/RES/2518 (2020)  ", "S/RES/2518 (2020)"),
    ("S/RES/1 (1946)", "S/RES/1 (1946)"),
    ("S_RES_2518_2020", "S/RES/2518 (2020)"),
    ("S-RES-2518(2020)", "S/RES/2518 (2020)"),
    # meeting records
    ("S/PV.8700", "S/PV.8700"),
    ("s/pv.8700", "S/PV.8700"),
    ("S/PV.8700 (Resumption 1)", "S/PV.8700 (Resumption 1)"),
    # presidential statements, GA resolutions
    ("S/PRST/2018/10", "S/PRST/2018/10"),
    ("S/PRST/2018/010", "S/PRST/2018/10"),
    ("A/RES/70/1", "A/RES/70/1"),
    ("a/res/70/1", "A/RES/70/1"),
    ("A/RES/60/251", "A/RES/60/251"),
    # documents, with addenda and corrigenda
    ("S/2020/249", "S/2020/249"),
    ("s/2020/249", "S/2020/249"),
    ("S/2020/0249", "S/2020/249"),
    ("S/2000/1132", "S/2000/1132"),
    ("S/2020/249/Add.1", "S/2020/249/Add.1"),
    ("S/2020/249/corr.1", "S/2020/249/Corr.1"),
    ("S_2020_249", "S/2020/249"),
    # digits printed full width or Arabic-Indic: the symbol's digits are Latin
    ("S/２０２０/２４９", "S/2020/249"),
    ("S/RES/２５１８ (２０２０)", "S/RES/2518 (2020)"),
    ("S/٢٠٢٠/٢٤٩", "S/2020/249"),
    # not symbols
    ("hello", None),
    ("", None),
    ("S/RES/2518", None),
    ("2436 (2018)", None),
    ("S/2020/", None),
    ("samples/S_2020_249-AR.txt", None),
]


@pytest.mark.parametrize(("text", "expected"), NORMALIZE)
def test_normalize_symbol(text, expected):
    assert normalize_symbol(text) == expected


@pytest.mark.parametrize(("text", "expected"), [(t, e) for t, e in NORMALIZE if e])
def test_normalize_symbol_is_idempotent(text, expected):
    assert normalize_symbol(expected) == expected


FILENAMES = [
    ("S_2020_249-AR.txt", ("S/2020/249", "ar")),
    ("S_2020_249.en.txt", ("S/2020/249", "en")),
    ("S_2020_249-zh.TXT", ("S/2020/249", "zh")),
    ("S_2020_249.txt", ("S/2020/249", None)),
    ("/tmp/x/S_2020_249-AR.txt", ("S/2020/249", "ar")),
    # UN job-file letters: A C E F R S
    ("S_PV.8700_E.pdf", ("S/PV.8700", "en")),
    ("S_PV.8700_A.pdf", ("S/PV.8700", "ar")),
    ("S_PV.8700_C.pdf", ("S/PV.8700", "zh")),
    ("S_PV.8700_F.pdf", ("S/PV.8700", "fr")),
    ("S_PV.8700_R.pdf", ("S/PV.8700", "ru")),
    ("S_PV.8700_S.pdf", ("S/PV.8700", "es")),
    ("S_RES_2518_2020.en.txt", ("S/RES/2518 (2020)", "en")),
    ("S_RES_2518_2020.ar.pdf", ("S/RES/2518 (2020)", "ar")),
    ("S_PRST_2018_10.fr.pdf", ("S/PRST/2018/10", "fr")),
    ("A_RES_70_1.en.pdf", ("A/RES/70/1", "en")),
    ("notes.txt", (None, None)),
]


@pytest.mark.parametrize(("name", "expected"), FILENAMES)
def test_parse_filename(name, expected):
    assert parse_filename(name) == expected


ROUND_TRIP = [
    "S/RES/2518 (2020)",
    "S/RES/1 (1946)",
    "S/PV.8700",
    "S/2020/249",
    "S/2020/249/Add.1",
    "S/2020/249/Rev.1/Corr.1",
    "S/PRST/2018/10",
    "A/RES/70/1",
]


@pytest.mark.parametrize("symbol", ROUND_TRIP)
@pytest.mark.parametrize("lang", ["ar", "en", "zh"])
@pytest.mark.parametrize("ext", ["pdf", "txt"])
def test_library_filename_round_trip(symbol, lang, ext):
    """A file saved under library_filename() is found again by its symbol."""
    assert parse_filename(library_filename(symbol, lang, ext)) == (symbol, lang)


def test_library_filename_round_trip_resumption():
    symbol = "S/PV.8700 (Resumption 1)"
    assert parse_filename(library_filename(symbol, "en", "pdf")) == (symbol, "en")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("S/RES/2518 (2020)", "S_RES_2518_2020"),
        ("S/2020/249", "S_2020_249"),
        ("S/PV.8700", "S_PV.8700"),
    ],
)
def test_symbol_key_matches_file_stem(a, b):
    assert symbol_key(a) == symbol_key(b)


def test_symbol_key_distinguishes_documents():
    assert symbol_key("S/2020/249") != symbol_key("S/2020/24")
