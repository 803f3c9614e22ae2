"""A person's group as the article states it ("<Group> leader <Name>", "the <Group> and its leader, <Name>"),
corroborating a listed person whose entry lists no party of its own, when the group is listed under a program the
entry shares (issue 9, session 18). Every name and list row here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.resolve.ties import stated_ties

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _BLANK, links

GROUP = "Veltra Liberation Front"


@pytest.mark.parametrize(
    ("sentence", "tied"),
    [
        (f"Police raided a depot of the {GROUP} militia and its veteran commander, Darun Qasimi.", True),
        (f"{GROUP} leader Darun Qasimi spoke on Monday.", True),
        # a compound, a bare co-mention, another group nearer to "its"
        (f"The anti-{GROUP} commander Darun Qasimi spoke.", False),
        (f"{GROUP}, Darun Qasimi and others met.", False),
        (f"The {GROUP} and the Oskan Army and its leader, Darun Qasimi, met.", False),
    ],
)
def test_the_ties_a_sentence_states(sentence: str, tied: bool) -> None:
    found = stated_ties(sentence, sentence.index("Darun Qasimi"), [GROUP, "Oskan Army"])
    assert (GROUP in [g for g, _ in found]) is tied


def _row(num: int, name: str, kind: str, program: str, remarks: str) -> str:
    return f'{num},"{name}",{kind},"{program}"{_BLANK},"{remarks}"'


ROWS = [
    _row(9961, "QASIMI, Darun", "individual", "SDGT", "DOB 1971; POB Ravenna, Italy."),
    _row(9962, "VELTRA LIBERATION FRONT", "-0- ", "SDGT", "a.k.a. 'VLF'."),
    _row(9963, "OSKAN ARMY", "-0- ", "UKRAINE-EO13660", "a.k.a. 'OSKAN'."),
]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def test_the_listed_groups_leader_is_sanctioned(listed, add) -> None:
    """Failed before session 18: the entry lists no party, nothing reported a designation: a name alone."""
    art = build(
        f"Police raided a depot of the {GROUP} militia and its veteran commander, Darun Qasimi.",
        [("ArmedGroup", [GROUP]), ("Person", ["Darun Qasimi"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Darun Qasimi") == [("ofac-9961", "probable")]


def test_a_group_listed_under_another_program_does_not_corroborate(listed, add) -> None:
    """Control: the group the article ties him to is listed, but under a program the person's entry is not."""
    art = build(
        "Oskan Army commander Darun Qasimi spoke on Monday.",
        [("ArmedGroup", ["Oskan Army"]), ("Person", ["Darun Qasimi"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Darun Qasimi") == [("ofac-9961", "possible")]


def test_a_bare_co_mention_does_not_corroborate(listed, add) -> None:
    art = build(
        f"The {GROUP} was named in the report. Darun Qasimi spoke on Monday.",
        [("ArmedGroup", [GROUP]), ("Person", ["Darun Qasimi"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Darun Qasimi") == [("ofac-9961", "possible")]
