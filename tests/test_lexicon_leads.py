"""tools/lexicon_leads.py: leads read from AKN XML, matched as the engine matches them, and the lexicons
complete against the UN's XML of a resolution in six languages (tests/data/unxml; the whole UNxml corpus
is checked with the same tool: `python tools/lexicon_leads.py --xml …/unxml --lexicons core/data/lexicon
--check`)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from leadstool import ROOT, leads

UNXML = Path(__file__).parent / "data" / "unxml"


NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _p(inner: str) -> ET.Element:
    return ET.fromstring(f'<p xmlns="{NS}">{inner}</p>')


READ = [
    # (p element, language, lead, text)
    (
        '\t<span class="italic">Recalling</span> its resolutions,',
        "en",
        "Recalling",
        "Recalling its resolutions,",
    ),
    (
        '<span class="italic">Further</span> <span class="italic">recalling</span> x,',
        "en",
        "Further recalling",
        "Further recalling x,",
    ),
    ('\t<span class="bold italic">وإذ يشدّد </span>على المخاطر،', "ar", "وإذ يشدد", "وإذ يشدد على المخاطر،"),
    ('<span class="bold">回顾</span>其以往决议，', "zh", "回顾", "回顾其以往决议，"),
    ("Acting under Chapter VII,", "en", None, "Acting under Chapter VII,"),
    ('(a) <span class="italic">Decides</span> that', "en", "Decides", "Decides that"),
]


@pytest.mark.parametrize("inner, lang, lead, text", READ)
def test_read_lead(inner, lang, lead, text):
    got_lead, got_text, _raw, _later = leads.read_lead(_p(inner), lang)
    assert (got_lead, got_text) == (lead, text)


LEX = leads.Lex(
    "en",
    ("Recalling", "Noting"),
    ("Calls upon", "Requests", "Decides", "Recalls"),
    ("Further", "Strongly"),
    re.compile(r"[A-Z][a-z]+ing\b"),
)
CLASSIFY = [
    # (paragraph id, lead, text, status)
    ("PP1", "Recalling", "Recalling its resolutions", "exact"),
    ("PP1", "Noting with concern", "Noting with concern that", "prefix"),
    ("PP1", "Welcoming", "Welcoming the report", "opener"),
    ("PP1", "Recalls", "Recalls that", "operative-style"),
    ("OP1", "Calls", "Calls upon all States", "exact"),  # "upon" not italic: the engine sees the text
    ("OP2", "Further requests", "Further requests the Secretary-General", "exact"),
    ("OP3", "Recalling", "Recalling its resolution, decides", "preambular-style"),
    ("OP4", "Directs", "Directs the Committee", "uncovered"),
    ("PP2", "Recognizes", "Recognizes the role", "uncovered"),
]


@pytest.mark.parametrize("pid, lead, text, status", CLASSIFY)
def test_classify(pid, lead, text, status):
    assert leads.classify(leads.Para(pid, lead, text, text), LEX)[0] == status


def test_lexicons_cover_every_lead_of_the_bundled_xml(capsys):
    """Every PP/OP lead of S/RES/2533 (2020) in its six languages is matched by its lexicon: a lead missing
    from a lexicon fails here with the report naming it."""
    rc = leads.main(["--xml", str(UNXML), "--lexicons", str(ROOT / "core" / "data" / "lexicon"), "--check"])
    out = capsys.readouterr().out
    assert rc == 0, out[out.find("-- uncovered") :][:3000]
