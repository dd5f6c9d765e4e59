"""A vote by written procedure recorded only as the members' replies (`extract/votes/replies.py`): the real
compilations S/2021/193 and S/2021/194 (tests/data/votes/README.md), and compilations built from their wording
with the class's variants: headings with and without "to the United Nations", replies in another order, one
reply missing, a vote against, a document that states its vote in a block as well."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import resinspect
from councils import C2021

DATA = Path(__file__).parent / "data" / "votes" / "letters"
NAMES = {  # the 2021 Council as its replies' headings name them
    "CHN": "China", "EST": "Estonia", "FRA": "France", "IND": "India", "IRL": "Ireland", "KEN": "Kenya",
    "MEX": "Mexico", "NER": "the Niger", "NOR": "Norway", "RUS": "the Russian Federation",
    "VCT": "Saint Vincent and the Grenadines", "TUN": "Tunisia",
    "GBR": "the United Kingdom of Great Britain and Northern Ireland", "USA": "the United States of America",
    "VNM": "Viet Nam",
}  # fmt: skip
SAYS = {  # what a reply says, by position (wording of the real replies)
    "in_favour": "I have the honour to inform you that {who} votes in favour of the draft resolution.",
    "against": "I have the honour to inform you that {who} votes against the draft resolution.",
    "abstaining": "I have the honour to inform you that {who} abstains in the voting on draft resolution S/2021/178.",
}
COVER = (
    "S/2021/194\nUnited Nations\nSecurity Council\nDistr.: General\n26 February 2021\n\n"
    "Letter dated 25 February 2021 from the President of the Security Council addressed to the\n"
    "Secretary-General and the Permanent Representatives of the members of the Security Council\n"
    "I have the honour to refer to Security Council resolution 2564 (2021), related to the agenda item “The\n"
    "situation in the Middle East”, adopted on 25 February 2021.\n"
    "Resolution 2564 (2021) was adopted in accordance with the voting procedure set out in the letter dated\n"
    "27 March 2020 from the President of the Security Council (S/2020/253).\n"
    "Pursuant to that procedure, I enclose herewith copies of the related documents:\n"
    "My letter dated 24 February 2021 (annex I), putting to the vote the draft resolution contained in\n"
    "document S/2021/178 (see enclosure to annex I);\n"
    "Letters received in response from the members of the Security Council indicating their national\n"
    "positions on the draft resolution (annexes II to XVI).\n"
    "(Signed) Barbara Woodward\nPresident of the Security Council\n\f"
)  # fmt: skip
NUMERALS = "II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split()


def compilation(positions: dict[str, str], un: bool = True, cover: str = COVER) -> str:
    """A compilation whose replies state `positions` (member → position), in that order."""
    parts = [cover]
    for k, (iso3, key) in enumerate(positions.items()):
        who = NAMES[iso3]
        mission = f"of {who} to the United Nations" if un else f"of {who}"
        parts.append(
            f"Annex {NUMERALS[k]}\nLetter dated 24 February 2021 from the Permanent Representative\n"
            f"{mission} addressed to the President of the Security Council\n"
            f"{SAYS[key].format(who=who[0].upper() + who[1:])}\n(Signed) A. Name\n"
            f"Permanent Representative {mission}\n\f"
        )
    return "".join(parts)


def votes(text: str) -> list:
    return resinspect.extract_votes(resinspect.read_text(text))


def sets(v) -> tuple[set, set, set]:
    return tuple({m.iso3 for m in v.members(k)} for k in ("in_favour", "against", "abstaining"))


def codes_of(v) -> set[str]:
    """The ISO codes of the members in the vote's lists."""
    return {m.iso3 for k in ("in_favour", "against", "abstaining") for m in v.members(k)}


def codes(v) -> set[str]:
    return {i.code for i in v.issues}


RUSSIA_ABSTAINS = {iso3: "abstaining" if iso3 == "RUS" else "in_favour" for iso3 in sorted(C2021)}


def assert_russia_abstains_on_2564(v) -> None:
    """The vote of S/2021/194 as the constructed compilations state it, read with no issue."""
    assert sets(v) == (C2021 - {"RUS"}, set(), {"RUS"}) and not v.issues
    assert (v.subject, v.resolution, v.adopted, v.date) == (
        "S/2021/178",
        "S/RES/2564 (2021)",
        True,
        "2021-02-25",
    )


@pytest.mark.parametrize(
    ("name", "resolution", "draft", "date", "want"),
    [
        ("S_2021_193.en.txt", "S/RES/2563 (2021)", "S/2021/175", "2021-02-25", (C2021, set(), set())),
        (
            "S_2021_194.en.txt",
            "S/RES/2564 (2021)",
            "S/2021/178",
            "2021-02-25",
            (C2021 - {"RUS"}, set(), {"RUS"}),
        ),
        ("S_2021_382.en.txt", "S/RES/2571 (2021)", "S/2021/369", "2021-04-16", (C2021, set(), set())),
    ],
)
def test_a_real_compilation_gives_the_vote_of_its_replies(name, resolution, draft, date, want):
    (v,) = resinspect.extract_votes(resinspect.read(str(DATA / name)))
    assert (v.subject, v.resolution, v.adopted, v.date, v.procedure) == (
        draft,
        resolution,
        True,
        date,
        "written",
    )
    assert sets(v) == want and not v.issues
    assert v.counts.as_dict() == {
        k: len(s) for k, s in zip(("in_favour", "against", "abstaining"), want, strict=True)
    }
    for m in v.in_favour + v.abstaining:  # each member where its reply's heading names it
        assert m.start is not None and m.end is not None


@pytest.mark.parametrize("un", [True, False], ids=["to-the-un", "no-un"])
@pytest.mark.parametrize("order", ["alphabetical", "reversed"])
def test_a_constructed_compilation_in_any_order_and_heading(un, order):
    positions = RUSSIA_ABSTAINS if order == "alphabetical" else dict(reversed(RUSSIA_ABSTAINS.items()))
    (v,) = votes(compilation(positions, un=un))
    assert_russia_abstains_on_2564(v)


# Who signs a reply, how its heading is dated and wrapped (S/2020/573: "Letter dated 19 June 2020 from the Special
# Envoy to the / Security Council of the Dominican Republic addressed to the", "Letter dated 22 June from the
# Chargé d'affaires of the United / Kingdom of Great Britain and / Northern Ireland to the / United Nations …"),
# and a cover letter that names the resolution, then says "The resolution was adopted on …"
SENDERS = ["Permanent Representative", "Chargé d’affaires a.i.", "Special Envoy to the Security Council",
           "Deputy Permanent Representative", "Permanent Mission"]  # fmt: skip
COVER_NAMED = COVER.replace(
    "Resolution 2564 (2021) was adopted in accordance",
    "The resolution was adopted on 25 February 2021, in accordance",
).replace(", adopted on 25 February 2021.", " and adopted.")


@pytest.mark.parametrize("width", [30, 45, 70, 200])
@pytest.mark.parametrize("dated", ["24 February 2021", "24 February"])
def test_replies_from_any_sender_with_their_headings_wrapped_anywhere(width, dated):
    assert "2564 (2021) was adopted" not in COVER_NAMED and "was adopted on 25 February" in COVER_NAMED
    parts = [COVER_NAMED]
    for k, (iso3, key) in enumerate(RUSSIA_ABSTAINS.items()):
        who = NAMES[iso3]
        heading = (
            f"Letter dated {dated} from the {SENDERS[k % len(SENDERS)]} of {who} to the United Nations "
            "addressed to the President of the Security Council"
        )
        parts.append(
            f"Annex {NUMERALS[k]}\n" + "\n".join(textwrap.wrap(heading, width)) + "\n"
            f"{SAYS[key].format(who=who[0].upper() + who[1:])}\n(Signed) A. Name\n\f"
        )
    (v,) = votes("".join(parts))
    assert_russia_abstains_on_2564(v)


# More headings of real compilations (S/2020/266-270, 408, S/2021/136, 518): a note verbale, a Representative, a
# Chargé d'affaires of the Permanent Mission, a letter with no date, a state named by its formal name; under a
# cover letter that encloses "Letters in reply received from Security Council members"
HEADINGS = {
    "note": "Note verbale dated 24 February 2021 from the Permanent Mission of {who} to the United Nations",
    "representative": "Letter dated 24 February 2021 from the Representative of {who} to the United Nations",
    "mission": "Letter dated 24 February 2021 from the Chargé d’affaires a.i. of the Permanent Mission of {who} to "
    "the United Nations",
    "undated": "Letter from the Permanent Representative of {who} to the United Nations",
}
FORMAL = {"EST": "the Republic of Estonia", "IND": "the Republic of India", "NOR": "the Kingdom of Norway",
          "TUN": "the Republic of Tunisia", "VNM": "the Socialist Republic of Viet Nam"}  # fmt: skip
COVER_IN_REPLY = COVER.replace(
    "Letters received in response from the members of the Security Council",
    "Letters in reply received from Security Council members",
)


def _compilation_headed(heading: str, names: dict[str, str], cover: str = COVER_IN_REPLY) -> str:
    parts = [cover]
    for k, (iso3, key) in enumerate(RUSSIA_ABSTAINS.items()):
        who = names.get(iso3, NAMES[iso3])
        line = heading.format(who=who) + " addressed to the President of the Security Council"
        says = SAYS[key].format(who=NAMES[iso3][0].upper() + NAMES[iso3][1:])
        parts.append(
            f"Annex {NUMERALS[k]}\n" + "\n".join(textwrap.wrap(line, 60)) + f"\n{says}\n(Signed) A. Name\n\f"
        )
    return "".join(parts)


@pytest.mark.parametrize("formal", [False, True], ids=["short-names", "formal-names"])
@pytest.mark.parametrize("heading", sorted(HEADINGS))
def test_replies_under_every_kind_of_heading(heading, formal):
    assert "Letters in reply received from Security Council members" in COVER_IN_REPLY
    (v,) = votes(_compilation_headed(HEADINGS[heading], FORMAL if formal else {}))
    assert_russia_abstains_on_2564(v)


def test_a_reply_whose_heading_is_misprinted_is_read_by_the_member_its_text_names():
    """A heading that names no member ("Permanent Representative of sium", S/2020/268): the one member its
    position sentence names ("… that Belgium votes in favour"); where that sentence names two, no guess."""
    text = _compilation_headed(HEADINGS["representative"], {"EST": "sium"})
    (v,) = votes(text)
    assert_russia_abstains_on_2564(v)
    two = text.replace("that Estonia votes in favour", "that, with Ireland, Estonia votes in favour")
    (v,) = votes(two)
    assert "EST" not in codes_of(v) and {"unknown-member", "replies-missing"} <= codes(v)


def test_a_missing_reply_is_said_and_never_guessed():
    positions = dict(RUSSIA_ABSTAINS)
    del positions["KEN"]
    (v,) = votes(compilation(positions))
    assert sets(v) == (C2021 - {"RUS", "KEN"}, set(), {"RUS"})
    assert v.counts.as_dict() == {"in_favour": 13, "against": 0, "abstaining": 1}
    assert codes(v) == {"replies-missing"}
    (issue,) = v.issues
    assert issue.message.endswith("none read from Kenya")


def test_a_permanent_members_vote_against_is_a_veto_the_cover_letter_is_checked_against():
    positions = {iso3: "against" if iso3 == "RUS" else "in_favour" for iso3 in sorted(C2021)}
    (v,) = votes(compilation(positions))
    assert sets(v) == (C2021 - {"RUS"}, {"RUS"}, set())
    # the cover letter says the resolution was adopted; the replies say a permanent member voted against
    assert {"veto", "outcome-mismatch"} <= codes(v)
    cover = COVER.replace("Resolution 2564 (2021) was adopted", "The draft resolution has not been adopted")
    cover = cover.replace("Security Council resolution 2564 (2021)", "the draft resolution S/2021/178")
    (v,) = votes(compilation(positions, cover=cover))
    assert (v.resolution, v.adopted) == (None, False) and codes(v) == {"veto"}


def test_a_reply_that_states_no_position_is_left_out():
    text = compilation(RUSSIA_ABSTAINS).replace("Kenya votes in favour of", "Kenya refers to")
    (v,) = votes(text)
    assert "KEN" not in set().union(*sets(v)) and codes(v) == {"reply-unread", "replies-missing"}


def test_a_document_that_states_its_vote_in_a_block_is_read_from_the_block():
    block = (
        "The draft resolution received 3 votes in favour, none against and no abstentions (China, Estonia,"
        " France). The draft resolution has been adopted as resolution 2564 (2021).\n"
    )
    text = compilation(RUSSIA_ABSTAINS).replace(
        "(Signed) Barbara Woodward", block + "(Signed) Barbara Woodward"
    )
    (v,) = votes(text)
    assert v.counts.as_dict() == {"in_favour": 3, "against": 0, "abstaining": 0}
    assert "replies-missing" not in codes(v)


def test_letters_from_members_without_the_cover_letter_are_no_vote():
    text = compilation(RUSSIA_ABSTAINS).replace("Letters received in response from the members", "Letters")
    assert votes(text) == []
