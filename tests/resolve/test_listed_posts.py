"""A listed person's post written only in the list's remarks ("Deputy Prime Minister", "President since <year>"),
and a post naming no country read as an office of the entry's own state (issue 9, session 18).

OFAC's older entries give the post as a remark clause, which the loader keeps in the notes; the judge read posts
only from ``position``, so the listed office holder named with that office by the articles was a name alone.
Every name here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, judge, listed_posts

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, links

ENTRY = {
    "schema": "Person",
    "properties": {
        "name": ["Tarvel ODUNSKI"],
        "nationality": ["md"],
        "notes": ["Deputy Prime Minister", "named in a resolution of the Security Council of the United Nations"],
    },
    "links": [],
}


def _facts(*roles: str) -> ActorFacts:
    return ActorFacts("Person", [name_form("Tarvel Odunski", "Person")], {}, roles=roles)


def test_a_short_note_naming_an_office_is_a_listed_post() -> None:
    assert listed_posts(ENTRY) == ["Deputy Prime Minister"]


def test_the_office_of_the_entrys_own_state_named_before_the_name_corroborates() -> None:
    """Failed before session 18: the post was in the notes, and it names no country."""
    j = judge(_facts("Moldovan Deputy Prime Minister"), ENTRY, "Person")
    assert j.state == PROBABLE
    assert any(x.startswith("affiliation: listed as 'Deputy Prime Minister'") for x in j.evidence_for)


@pytest.mark.parametrize(
    "role",
    [
        "Romanian Deputy Prime Minister",  # another state's office: a namesake
        "Moldovan Defence Minister",  # another office
        "Deputy Prime Minister",  # the office alone fits every state's holder
    ],
)
def test_another_state_or_another_office_does_not(role: str) -> None:
    assert judge(_facts(role), ENTRY, "Person").state == POSSIBLE


ROWS = [
    _row(9901, "ODUNSKI, Tarvel", "individual", "DOB 1950; nationality Moldova; Deputy Prime Minister."),
]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def test_end_to_end_the_remark_post_links_the_office_holder(listed, add) -> None:
    art = build(
        "Moldovan Deputy Prime Minister Tarvel Odunski met the envoy on Monday.",
        [("Person", ["Tarvel Odunski"]), ("Place", ["Moldovan"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Tarvel Odunski") == [("ofac-9901", "probable")]


def test_end_to_end_a_namesake_with_another_states_office_stays_for_review(listed, add) -> None:
    art = build(
        "Romanian Deputy Prime Minister Tarvel Odunski met the envoy on Monday.",
        [("Person", ["Tarvel Odunski"]), ("Place", ["Romanian"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Tarvel Odunski") == [("ofac-9901", "possible")]
