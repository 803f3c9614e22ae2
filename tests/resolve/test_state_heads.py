"""A head of state named by the role "<Nationality> leader" corroborates the list entry of that state's national
(issue 9, session 22).

A list's entry for a head of state often states only a birth date and a place of birth or nationality: the office
was the reason for the listing, not a field of it. News names him "<Nationality> leader <Name>"; the role and the
entry's country single him out (one head per state at a time). Every name and list row here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, heads_listed_state, judge

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, links

ENTRY = {
    "schema": "Person",
    "properties": {"name": ["Zorvan HALIQ"], "birthDate": ["1948"], "birthPlace": ["Kidal, Mali"]},
    "links": [],
}


def _facts(name: str, *roles: str) -> ActorFacts:
    return ActorFacts("Person", [name_form(name, "Person")], {}, roles=roles)


@pytest.mark.parametrize(
    ("role", "head"),
    [
        ("Malian leader", ("Malian leader", "ml")),
        ("Malian President", ("Malian President", "ml")),
        ("Malian strongman", ("Malian strongman", "ml")),
        # one of many, not the head of the state
        ("Malian rebel leader", None),
        ("Malian opposition leader", None),
        ("former Malian President", None),
        ("Malian businessman", None),
        # the head of another state, or a place rather than a nationality
        ("Nigerien leader", None),
        ("Mali leader", None),
    ],
)
def test_only_a_nationality_and_a_head_of_state_word_name_the_head(role: str, head: tuple | None) -> None:
    assert heads_listed_state(_facts("Zorvan Haliq", role), ENTRY) == head


def test_the_head_of_the_entrys_state_is_probable() -> None:
    """Failed before session 22: the full name and the role were there, but nothing the entry states corroborated."""
    j = judge(_facts("Zorvan Haliq", "Malian leader"), ENTRY, "Person")
    assert j.state == PROBABLE
    assert any("head of Mali" in x for x in j.evidence_for)


def test_a_namesake_without_the_role_stays_for_review() -> None:
    assert judge(_facts("Zorvan Haliq"), ENTRY, "Person").state == POSSIBLE
    assert judge(_facts("Zorvan Haliq", "Malian rebel leader"), ENTRY, "Person").state == POSSIBLE


def test_the_head_of_another_state_is_never_sanctioned() -> None:
    j = judge(_facts("Zorvan Haliq", "Nigerien leader"), ENTRY, "Person")
    assert j.state == POSSIBLE and not any("head of" in x for x in j.evidence_for)


def test_an_entry_that_states_no_country_is_not_corroborated() -> None:
    entry = {"schema": "Person", "properties": {"name": ["Zorvan HALIQ"]}, "links": []}
    assert judge(_facts("Zorvan Haliq", "Malian leader"), entry, "Person").state == POSSIBLE


ROWS = [_row(9721, "HALIQ, Zorvan", "individual", "DOB 1948; POB Kidal, Mali.")]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def test_the_head_of_state_named_by_role_is_linked(listed, add) -> None:
    art = build("Malian leader Zorvan Haliq met the envoys on Tuesday.", [("Person", ["Zorvan Haliq"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Zorvan Haliq") == [("ofac-9721", "probable")]


def test_a_rebel_leader_of_the_name_stays_for_review(listed, add) -> None:
    art = build("Malian rebel leader Zorvan Haliq met the envoys on Tuesday.", [("Person", ["Zorvan Haliq"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Zorvan Haliq") == [("ofac-9721", "possible")]
