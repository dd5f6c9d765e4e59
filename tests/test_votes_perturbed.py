"""Property: any layout of a vote's names gives the same vote.

Every vote document bundled in the repo (tests/data, samples) is read; its votes must equal the truth below
(from `shared/eval/cases-dev.jsonl` for the real letters and records, from the text itself for the
constructed ones). Then hypothesis rewrites the document (`perturb`: lists re-wrapped at random widths and
hyphenated, spaces inside their words and, now and then, inside any word of the document, label synonyms, a
block rewritten as a tally sentence, with or without the in-favour names) and the votes read from the rewrite must be the same: counts, the three member sets, the
resolution, the outcome and the draft voted on.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import resinspect
from councils import C2020, C2021
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from perturb import Plan, perturb
from resinspect.reader.library import samples_dir
from test_votes import ABST_2504, AR, ES, FR, RU, YES_2504, ZH

DATA = Path(__file__).parent / "data"


def _v(yes: set, no: set = frozenset(), abst: set = frozenset()) -> tuple[frozenset, frozenset, frozenset]:
    return frozenset(yes), frozenset(no), frozenset(abst)


# source → votes in document order (in favour, against, abstaining)
DOCS: dict[str, list[tuple[frozenset, frozenset, frozenset]]] = {
    "votes/written_2518.en.txt": [_v(C2020)],
    "votes/written_the_names.en.txt": [_v(C2020 - {"CHN", "DOM", "RUS"}, abst={"CHN", "DOM", "RUS"})],
    "votes/meeting_split.en.txt": [_v(C2020 - {"CHN", "RUS", "GBR", "USA", "VNM"}, abst={"CHN", "RUS", "GBR", "USA", "VNM"})],
    "votes/letters/S_2021_96.en.txt": [_v(C2021)],
    "votes/letters/S_2020_657.en.txt": [_v(C2020 - {"CHN", "RUS"}, {"CHN", "RUS"})],
    "votes/letters/S_2021_515.en.txt": [_v(C2021 - {"IND", "KEN"}, abst={"IND", "KEN"})],
    "votes/letters/S_2020_1063.en.txt": [_v(C2020 - {"RUS", "ZAF"}, abst={"RUS", "ZAF"})],
    "votes/letters/S_2020_851.en.txt": [_v(C2020)],
    "votes/letters/S_2021_193.en.txt": [_v(C2021)],
    "votes/letters/S_2021_194.en.txt": [_v(C2021 - {"RUS"}, abst={"RUS"})],
    "votes/letters/S_2021_382.en.txt": [_v(C2021)],
    "votes/letters/S_2020_1066.en.txt": [_v({"CHN", "IDN", "RUS", "ZAF", "VNM"}, abst=C2020 - {"CHN", "IDN", "RUS", "ZAF", "VNM"})],
    "ar/S_2020_249.clean.ar.txt": [_v(C2020)],
    "samples:S_2020_249.en.txt": [_v(C2020)],
    "samples:S_PV.8700_E.pdf": [
        _v({"CHN", "RUS", "VNM"}, {"BEL", "DOM", "EST", "FRA", "DEU", "GBR", "USA"}, {"IDN", "NER", "VCT", "ZAF", "TUN"}),
        _v(YES_2504, abst=ABST_2504),
    ],
    "constructed:fr": [_v(YES_2504, abst=ABST_2504)],
    "constructed:es": [_v(YES_2504, abst=ABST_2504)],
    "constructed:ru": [_v(YES_2504, abst=ABST_2504)],
    "constructed:zh": [_v(YES_2504, abst=ABST_2504)],
    "constructed:ar": [_v(YES_2504, abst=ABST_2504)],
}  # fmt: skip
# compilations of the members' replies: their votes have no block, lists or labels to rewrite; what may change
# is any word of the document (stray spaces), the names in the replies' headings among them
REPLIES = {f"votes/letters/S_2021_{n}.en.txt" for n in (193, 194, 382)}
CONSTRUCTED = {"fr": FR, "es": ES, "ru": RU, "zh": ZH, "ar": AR}


def _text(source: str) -> str:
    """The document's cleaned text (what the engine reads), from its bundled file."""
    kind, _, name = source.rpartition(":")
    if kind == "constructed":
        return resinspect.read_text(CONSTRUCTED[name]).text
    path = samples_dir() / name if kind == "samples" else DATA / source
    return resinspect.read(str(path)).text


def _read(text: str) -> list:
    return resinspect.extract_votes(resinspect.read_text(text))


def _key(v) -> tuple:
    sets = tuple(frozenset(m.iso3 for m in v.members(k)) for k in ("in_favour", "against", "abstaining"))
    return v.counts.as_dict(), sets, v.resolution, v.adopted, v.subject


_BASE: dict[str, tuple[str, list]] = {}


def _base(source: str) -> tuple[str, list]:
    if source not in _BASE:
        text = _text(source)
        _BASE[source] = (text, _read(text))
    return _BASE[source]


@pytest.mark.parametrize("source", DOCS)
def test_bundled_documents_read_right(source):
    _, votes = _base(source)
    assert [tuple(frozenset(m.iso3 for m in v.members(k)) for k in ("in_favour", "against", "abstaining"))
            for v in votes] == DOCS[source]  # fmt: skip
    for v in votes:
        assert not [i for i in v.issues if i.code in ("unknown-member", "count-mismatch")]


plans = st.builds(
    Plan,
    seed=st.integers(0, 2**32 - 1),
    rewrap=st.booleans(),
    spaces=st.integers(0, 4),
    synonyms=st.booleans(),
    prose=st.booleans(),
    name_favour=st.booleans(),
    stray=st.sampled_from([0.0, 0.05, 0.2]),
)


@pytest.mark.parametrize("source", DOCS)
@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans)
def test_any_layout_gives_the_same_votes(source, plan):
    if source in REPLIES:
        plan = replace(plan, rewrap=False, spaces=0, synonyms=False, prose=False, stray=max(plan.stray, 0.05))
    text, votes = _base(source)
    changed = perturb(text, votes, plan)
    got = _read(changed)
    assert [_key(v) for v in got] == [_key(v) for v in votes], changed
    if plan.prose and not plan.name_favour:
        assert all(not v.members_printed for v in got if v.counts["in_favour"])


@pytest.mark.parametrize("source", DOCS)
def test_the_rewrite_changes_the_document(source):
    """The helper does rewrite each document: the property above is not checked on unchanged text."""
    text, votes = _base(source)
    for plan in (Plan(1, True, 3, True, False, True, 0.2), Plan(2, False, 0, False, True, False)):
        changed = perturb(text, votes, plan)
        assert changed != text
        assert len(_read(changed)) == len(votes)
