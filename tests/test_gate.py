"""The literal gate before a whole-document scan (`text/gate.py`): what it finds in a pattern's tree, and that a
gated scan finds exactly the matches of the plain one, on real texts and on generated ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from resinspect.data.lexicon import all_lexicons
from resinspect.extract import citations
from resinspect.text import gate

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    [*ROOT.glob("samples/*.txt"), *ROOT.glob("tests/data/votes/**/*.txt"), *ROOT.glob("tests/data/ar/*.txt")]
)


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def _lexicon_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for lx in all_lexicons():
        for name, value in vars(lx.vote).items():
            if isinstance(value, re.Pattern):
                out.append((f"{lx.lang}.vote.{name}", value))
    out += [("ga_before", citations._ga_before()), ("ga_after", citations._ga_after())]
    return out


PATTERNS = _lexicon_patterns()


def test_the_tally_sentences_get_a_gate_in_every_language():
    """Every language's tally sentence names its votes with words: each gets a gate, so a resolution with no
    tally is not scanned with it."""
    for lx in all_lexicons():
        need = gate.required(lx.vote.tally_label)
        assert need is not None, lx.lang
        assert not need.holds("The Security Council, recalling its resolutions,", 0, 49, {}), lx.lang


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_gated_scans_find_what_plain_scans_find_on_real_texts(name, pattern):
    assert len(TEXTS) >= 10
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        assert _spans(gate.finditer(pattern, text)) == _spans(pattern.finditer(text)), (name, path.name)


def test_a_real_tally_is_found_through_the_gate():
    text = (ROOT / "tests/data/votes/meeting_split.en.txt").read_text(encoding="utf-8")
    en = next(lx for lx in all_lexicons() if lx.lang == "en")
    assert list(en.vote.tally_label.finditer(text))  # the file holds one: the test below is not empty
    assert _spans(gate.finditer(en.vote.tally_label, text)) == _spans(en.vote.tally_label.finditer(text))
    assert _spans(gate.finditer(en.vote.tally_label, text, 10, len(text) - 10)) == _spans(
        en.vote.tally_label.finditer(text, 10, len(text) - 10)
    )


@pytest.mark.parametrize(
    "pattern,needs",
    [
        (r"abc\s+def", "all('abc', 'def')"),  # runs broken by a class
        (r"ab(?:cd)e", "'abcde'"),  # a group's literals run on
        (r"\babc\b", "'abc'"),  # zero-width: transparent
        (r"x(?:abc|defg)y", "any('abc', 'defg')"),
        (r"(?:abc|d)y", None),  # one alternative needs nothing of 3 characters
        (r"(?:abc)?xyz", "'xyz'"),  # optional: not needed
        (r"(?:abc)+xyz", "all('abc', 'xyz')"),  # at least once: needed, not joined to what follows
        (r"ab{2}c", None),  # a repeat ends runs: a, b, c on their own
        (r"(?i:abc)DEF", "all('abc', 'DEF')"),  # different flags: two literals
        (r"[ab]c", None),
        (r"大会第?", "'大会'"),  # wide characters count twice
    ],
)
def test_what_a_pattern_needs(pattern, needs):
    need = gate.required(re.compile(pattern))
    assert (repr(need) if need else None) == needs


def test_flags_are_those_where_the_literal_stands():
    need = gate.required(re.compile(r"(?i:abc)DEF"))
    assert need is not None
    assert need.holds("ABC DEF", 0, 7, {})
    assert not need.holds("ABC def", 0, 7, {})  # DEF is case-sensitive
    assert gate.required(re.compile(r"(?i)hello")).holds("HeLLo", 0, 5, {})


GENERATED = [  # each with a gate (asserted), so that the comparison below tests it
    r"abca+b",
    r"(?:abc|bca)(?:\s+a)?",
    r"(?i:abc)ca|cab(?:b|c)a",
    r"\babc(?=a)a+b",
    r"(?:a|b)\w*cab",
    r"(?i)ABC|bAc",
    r"(?<!a)bca(?!b)",
    r"a(?:bca){1,3}c",
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(GENERATED),
    st.text(alphabet="abcABC (\n", max_size=60),
    st.integers(0, 10),
    st.integers(0, 70),
)
def test_gated_scans_find_what_plain_scans_find_on_generated_text(pattern, text, pos, endpos):
    rx = re.compile(pattern)
    assert gate.required(rx) is not None
    assert _spans(gate.finditer(rx, text, pos, endpos)) == _spans(rx.finditer(text, pos, endpos))
