"""Arabic vote lists read from the text itself: garbled fonts (per-document glyph model) and clean Arabic."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import resinspect
from hypothesis import given, settings
from hypothesis import strategies as st
from resinspect.clean.garble import garble_score
from resinspect.extract.votes.arabic import ArabicVoteBlock, find_arabic_votes

DATA = Path(__file__).parent / "data" / "ar"
KINDS = ("in_favour", "against", "abstaining")
ALL_2020 = {
    "BEL",
    "CHN",
    "DOM",
    "EST",
    "FRA",
    "DEU",
    "IDN",
    "NER",
    "RUS",
    "VCT",
    "ZAF",
    "TUN",
    "GBR",
    "USA",
    "VNM",
}
# S/2020/246 lists its members in Arabic alphabetical order
ORDER_246 = [
    "RUS",
    "EST",
    "DEU",
    "IDN",
    "BEL",
    "TUN",
    "DOM",
    "ZAF",
    "VCT",
    "CHN",
    "FRA",
    "VNM",
    "GBR",
    "NER",
    "USA",
]


def cleaned(name: str) -> str:
    """The input the engine gets: lines stripped, blank lines dropped."""
    raw = (DATA / name).read_text(encoding="utf-8")
    return "\n".join(s for s in (ln.strip() for ln in raw.split("\n")) if s)


def one_block(text: str) -> ArabicVoteBlock:
    blocks = find_arabic_votes(text, resinspect.extract_paragraphs(resinspect.read_text(text)))
    assert len(blocks) == 1
    return blocks[0]


def iso_sets(block: ArabicVoteBlock) -> dict[str, set[str | None]]:
    return {k: {i.iso3 for i in block.lists[k]} for k in KINDS}


def assert_no_confident_wrong(block: ArabicVoteBlock, truth: dict[str, set[str]]) -> None:
    for k in KINDS:
        for item in block.lists[k]:
            assert item.iso3 is None or item.iso3 in truth[k], (k, item)
            assert 0.0 <= item.score <= 1.0


CASES = [
    # file, truth (in favour, against, abstaining), tally, resolution, date,
    # items named with confidence now (at least; the rest must be reported unassigned, never wrong)
    ("S_2020_249.ar.txt", (ALL_2020, set(), set()), 15, (2518, 2020), "2020-03-30", 15),
    ("S_2020_246.ar.txt", (ALL_2020, set(), set()), 15, (2515, 2020), "2020-03-30", 15),
    ("S_2020_590.ar.txt", (ALL_2020 - {"RUS"}, set(), {"RUS"}), 14, (2529, 2020), "2020-06-25", 15),
    (
        "S_2020_698.ar.txt",
        (ALL_2020 - {"CHN", "DOM", "RUS"}, set(), {"CHN", "DOM", "RUS"}),
        12,
        (2533, 2020),
        "2020-07-11",
        15,
    ),
    (
        "S_2020_1063.ar.txt",
        (ALL_2020 - {"RUS", "ZAF"}, set(), {"RUS", "ZAF"}),
        13,
        (2548, 2020),
        "2020-10-30",
        15,
    ),
]


@pytest.mark.parametrize(
    ("name", "truth", "tally", "resolution", "date", "named"), CASES, ids=[c[0] for c in CASES]
)
def test_garbled_letters(name, truth, tally, resolution, date, named):
    text = cleaned(name)
    block = one_block(text)
    truth_d = dict(zip(KINDS, truth, strict=True))
    assert block.garbled
    assert any(code == "garbled-arabic" for code, _ in block.warnings)
    assert block.tally == tally
    assert block.resolution == resolution
    assert block.date == date
    # item counts come from the commas and survive garbling and run order
    assert [len(block.lists[k]) for k in KINDS] == [len(t) for t in truth]
    # whatever is not certain is left unassigned, never confidently wrong
    assert_no_confident_wrong(block, truth_d)
    for k in KINDS:
        for item in block.lists[k]:
            assert 0 <= item.start < item.end <= len(text)
    got = [i.iso3 for k in KINDS for i in block.lists[k]]
    assert len(got) - got.count(None) >= named
    if None in got:
        assert any(code == "weak-evidence" for code, _ in block.warnings)
    else:  # every member named: the three lists are exact, each with a clear margin
        assert iso_sets(block) == truth_d
        assert min(i.score for k in KINDS for i in block.lists[k]) > 0.8


def test_wrong_year_roster_names_no_outsider():
    """With the 2022 roster, the 2020 members that left the Council fit outsiders better: never named."""
    text = cleaned("S_2020_246.ar.txt")
    block = find_arabic_votes(text, resinspect.extract_paragraphs(resinspect.read_text(text)), year=2022)[0]
    stayed = {"CHN", "FRA", "GBR", "RUS", "USA"}  # on both rosters
    named = {i.iso3 for i in block.lists["in_favour"] if i.iso3}
    assert named <= stayed
    assert any(code == "roster-doubt" for code, _ in block.warnings)


def test_clean_arabic_letter():
    text = cleaned("S_2020_249.clean.ar.txt")
    block = one_block(text)
    assert not block.garbled
    assert iso_sets(block) == {"in_favour": ALL_2020, "against": set(), "abstaining": set()}
    assert all(i.score > 0.5 for i in block.lists["in_favour"])
    assert block.tally == 15
    assert block.resolution == (2518, 2020)
    assert block.date == "2020-03-30"
    assert block.warnings == ()
    first = block.lists["in_favour"][0]
    assert text[first.start : first.end] == "الاتحاد الروسي"


def test_clean_arabic_split_vote_and_indic_digits():
    text = cleaned("S_2020_249.clean.ar.txt")
    text = text.replace("الاتحاد الروسي، وإستونيا،", "وإستونيا،").replace(
        "الممتنعون عن التصويت:\nلا يوجد.", "الممتنعون عن التصويت:\nالاتحاد الروسي."
    )
    text = text.replace("على 15 صوتا", "على ١٤ صوتا").replace("2518 (2020)", "(٢٠٢٠) ٢٥١٨")
    block = one_block(text)
    assert iso_sets(block) == {"in_favour": ALL_2020 - {"RUS"}, "against": set(), "abstaining": {"RUS"}}
    assert block.tally == 14
    assert block.resolution == (2518, 2020)


def _with_items_permuted(text: str, block: ArabicVoteBlock, seed: int) -> str:
    """Rebuild the text with the in-favour items (as the engine segmented them) in another order."""
    lines = text.split("\n")
    labels = [i for i, ln in enumerate(lines) if ln.endswith(":") and len(ln.split()) <= 5]
    items = [i.as_printed for i in block.lists["in_favour"]]
    random.Random(seed).shuffle(items)
    new = ["،  ".join(items[k : k + 6]) for k in range(0, len(items), 6)]
    new = [s + ("،" if k < len(new) - 1 else ".") for k, s in enumerate(new)]
    return "\n".join(lines[: labels[0] + 1] + new + lines[labels[1] :])


@pytest.mark.parametrize("name", ["S_2020_1063.ar.txt"])
def test_shuffled_items_give_same_members(name):
    text = cleaned(name)
    base = one_block(text)
    truth = dict(zip(KINDS, next(c[1] for c in CASES if c[0] == name), strict=True))
    for seed in (7,):
        block = one_block(_with_items_permuted(text, base, seed))
        assert [len(block.lists[k]) for k in KINDS] == [len(base.lists[k]) for k in KINDS]
        assert_no_confident_wrong(block, truth)
        named = [i.iso3 for i in block.lists["in_favour"] if i.iso3]
        assert len(named) >= sum(1 for i in base.lists["in_favour"] if i.iso3)
        assert {i.iso3 for i in block.lists["abstaining"]} == truth["abstaining"]


def test_too_damaged_list_is_not_guessed():
    text = cleaned("S_2020_246.ar.txt")
    lines = text.split("\n")
    labels = [i for i, ln in enumerate(lines) if ln.endswith(":") and len(ln.split()) <= 5]
    rng = random.Random(3)
    letters = [chr(c) for c in range(0x0628, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
    for i in range(labels[0] + 1, labels[1]):
        lines[i] = re.sub(
            r"[\u0621-\u064a]", lambda m: rng.choice(letters) if rng.random() < 0.8 else m.group(), lines[i]
        )
    block = one_block("\n".join(lines))
    assert len(block.lists["in_favour"]) == 15  # counted by commas all the same
    assert any(code == "weak-evidence" for code, _ in block.warnings)
    got = [i.iso3 for i in block.lists["in_favour"]]
    assert got.count(None) >= 13
    # nothing the damage left is named wrongly
    assert sum(g is not None and g != t for g, t in zip(got, ORDER_246, strict=True)) == 0, got


def test_garble_score():
    sample = cleaned("S_2020_249.ar.txt")
    body = "\n".join(sample.split("\n")[2:20])
    assert garble_score(body) > 0.6
    assert garble_score(cleaned("S_2020_249.clean.ar.txt")) < 0.2
    assert garble_score("The Security Council") == 0.0


def test_clean_arabic_lists_are_not_garbled(tmp_path):
    """Standalone «و» before numbers and one-letter labels «(ه)» are clean Arabic (they once made the rendered
    S/RES/2533 (2020) and the annex of S/RES/2551 (2020) look garbled)."""
    citations = "وإذ يشير إلى قراراته 2042 (2012) و 2043 (2012) و 2118 (2013) و 2139 (2014) و 2165 (2014) و 2191 (2014)"
    assert garble_score(citations) < 0.5
    annex = "\n".join(
        ["2 - سلائف المتفجرات:", "(أ) نترات الأمونيوم؛", "(ب) نترات البوتاسيوم؛", "(ج) كلورات الصوديوم؛",
         "(د) حمض النيتريك؛", "(ه) حمض الكبريتيك."]
    )  # fmt: skip
    assert garble_score(annex) <= 0.5  # no common word, but nothing broken either
    path = tmp_path / "annex.ar.txt"
    path.write_text(annex + "\n", encoding="utf-8")
    assert not [i for i in resinspect.read(str(path)).issues if i.code == "garbled-arabic"]


def test_no_vote_block():
    assert find_arabic_votes("رسالة مؤرخة 30 آذار/مارس 2020\nلا شيء هنا.") == []


# --- class 6 of issue 9: two names in one item (a list mark lost) --------------------------------------


def _without_mark(text: str, line: int, k: int) -> str:
    lines = text.split("\n")
    marks = [m.start() for m in re.finditer("،", lines[line])]
    lines[line] = lines[line][: marks[k]] + " " + lines[line][marks[k] + 1 :]
    return "\n".join(lines)


@pytest.mark.parametrize("name", ["S_2020_246.ar.txt", "S_2020_1063.ar.txt", "S_2020_698.ar.txt"])
def test_two_names_in_one_item_are_cut_or_said(name):
    """Each list mark of the first list line removed in turn: the stated count and the roster cut the
    merged item where they can; where they cannot, the block says so. No wrong member, ever."""
    text = cleaned(name)
    truth = dict(zip(KINDS, next(c[1] for c in CASES if c[0] == name), strict=True))
    first = text.split("\n").index(next(ln for ln in text.split("\n") if ln.endswith(":"))) + 1
    cut = 0
    for k in range(text.split("\n")[first].count("،") - 1):
        block = one_block(_without_mark(text, first, k))
        assert_no_confident_wrong(block, truth)
        codes = [c for c, _ in block.warnings]
        if iso_sets(block) == truth:
            assert "item-split" in codes
            cut += 1
        else:
            assert "count-mismatch" in codes or "weak-evidence" in codes
    assert cut >= 3


@pytest.mark.parametrize("name", ["S_2020_246.ar.txt", "S_2020_698.ar.txt"])
@settings(max_examples=3, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**16))
def test_spaces_inside_garbled_items_change_nothing(name, seed):
    """A broken font prints some letters as spaces: more spaces inside items are no new evidence."""
    text = cleaned(name)
    base = iso_sets(one_block(text))
    rng = random.Random(seed)
    lines = text.split("\n")
    labels = [i for i, ln in enumerate(lines) if ln.endswith(":") and len(ln.split()) <= 5]
    for i in range(labels[0] + 1, labels[1]):
        for _ in range(3):
            spots = [
                j for j in range(1, len(lines[i]) - 1) if lines[i][j - 1].isalpha() and lines[i][j].isalpha()
            ]
            j = rng.choice(spots)
            lines[i] = lines[i][:j] + " " + lines[i][j:]
    assert iso_sets(one_block("\n".join(lines))) == base


def _marks_between(text: str, items: list) -> list[int]:
    """Offsets of the list marks («،») between neighbouring items of one list, in the order printed."""
    spans = sorted((i.start, i.end) for i in items)
    return [
        a + m.start()
        for (_, a), (b, _) in zip(spans, spans[1:], strict=False)
        for m in re.finditer("،", text[a:b])
    ]


@pytest.mark.parametrize("name", ["S_2020_698.ar.txt", "S_2020_1063.ar.txt"])
def test_two_names_in_one_item_of_an_uncounted_list_are_cut_or_said(name):
    """The letters state the number in favour only. Where a mark between two abstaining names is lost, the
    Council's seats (every member votes in the lists) cut the merged item, or the vote says which member is
    in no list (`members-unlisted`). Never a wrong member, never a silent loss."""
    text = cleaned(name)
    truth = dict(zip(KINDS, next(c[1] for c in CASES if c[0] == name), strict=True))
    marks = _marks_between(text, list(one_block(text).lists["abstaining"]))
    assert marks
    cut = 0
    for at in marks:
        merged = text[:at] + " " + text[at + 1 :]
        block = one_block(merged)
        assert_no_confident_wrong(block, truth)
        (vote,) = resinspect.extract_votes(resinspect.read_text(merged))
        codes = {i.code for i in vote.issues}
        if iso_sets(block) == truth:
            assert "item-split" in [c for c, _ in block.warnings]
            cut += 1
        else:
            assert codes & {"members-unlisted", "unknown-member", "weak-evidence"}, codes
    assert cut >= 1


@pytest.mark.parametrize("name", ["S_2020_246.ar.txt", "S_2020_590.ar.txt", "S_2020_698.ar.txt"])
@pytest.mark.parametrize("step", [1, 2])
def test_spaces_inside_garbled_labels_change_nothing(name, step):
    """A broken font prints some letters as spaces, and a label may then hold more words than a label has
    («المم كعرأ و  ال شر ا:»): each label cut by a space every `step` letters is still a label, and the lists
    are the same."""
    text = cleaned(name)
    base = iso_sets(one_block(text))
    lines = text.split("\n")
    labels = [i for i, s in enumerate(lines) if s.endswith(":") and len(s.split()) <= 5 and "." not in s]
    assert len(labels) >= 3
    for i in labels[-3:]:
        letters = lines[i].rstrip(":").replace(" ", "")
        lines[i] = " ".join(letters[k : k + step] for k in range(0, len(letters), step)) + ":"
    assert max(len(lines[i].split()) for i in labels[-3:]) > 5  # more words than a label has
    assert iso_sets(one_block("\n".join(lines))) == base
