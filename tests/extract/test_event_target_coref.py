"""Structures a repeated nominal trigger takes from the first telling of its happening (invented text).

Only a structure hit (``site_nouns``) is lent: the people a first telling names may be victims of a result
clause that a retelling does not mean (events_coref.link_targets)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .conftest import event_reader, events_with

BOMBING = "A truck bomb exploded outside the Freedonian consulate in Eastport on Monday, killing 12 people.\n\n"


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def test_a_definite_repeat_takes_the_structure_hit(events) -> None:
    blast = events_with(events(BOMBING + "The blast was heard across the city."), "blast")
    assert {e.target for e in blast} == {"Freedonian consulate"}


def test_a_chain_of_repeats_keeps_the_structure(events) -> None:
    text = BOMBING + "Neighbours said the blast shook their windows.\n\nThe governor condemned the bombing."
    assert {e.target for e in events_with(events(text), "bombing")} == {"Freedonian consulate"}


def test_the_victims_of_a_first_telling_are_not_lent(events) -> None:
    text = (
        "Gunmen shot dead Mayor Tomas Varga outside his home in Eastport on Friday.\n\n"
        "His wife was in the garden when the shooting happened, police said."
    )
    assert {e.target for e in events_with(events(text), "shooting")} == {None}


def test_a_repeat_with_its_own_target_keeps_it(events) -> None:
    text = BOMBING + "Police linked the bombing of a bus in Sirte last month to the same gang."
    later = [e for e in events_with(events(text), "bombing") if e.sentence.startswith("Police")]
    assert later and all(e.target != "Freedonian consulate" for e in later)


def test_a_repeat_named_apart_borrows_nothing(events) -> None:
    text = BOMBING + "Police said the harbour festival bombing was the work of the same gang."
    later = [e for e in events_with(events(text), "bombing") if e.sentence.startswith("Police")]
    assert all(e.target != "Freedonian consulate" for e in later)


def test_an_indefinite_mention_is_another_happening(events) -> None:
    text = BOMBING + "Hours later a bombing in Westport killed two soldiers."
    later = [e for e in events_with(events(text), "bombing") if e.sentence.startswith("Hours")]
    assert all(e.target != "Freedonian consulate" for e in later)


def test_a_hypothetical_mention_lends_nothing(events) -> None:
    text = (
        "The Kestrel Front threatened to bomb the Northwind refinery next week.\n\n"
        "Police said the bombing of a bus in Sirte on Monday killed four people.\n\n"
        "Officials condemned the bombing."
    )
    last = [e for e in events(text) if e.sentence.startswith("Officials") and e.trigger == "bombing"]
    assert all(e.target != "Northwind refinery" for e in last)


def test_a_bare_plural_subject_tells_particular_acts_a_repeat_may_take(events) -> None:
    text = (
        "Simultaneous bombings at two police stations in Eastport killed nine officers on Monday.\n\n"
        "Officials condemned the bombing."
    )
    last = [e for e in events_with(events(text), "bombing") if e.sentence.startswith("Officials")]
    assert "two police stations" in {e.target for e in last}  # the bombings' own site, not the killing's victims


def test_a_plural_repeat_takes_nothing_from_one_of_two_happenings(events) -> None:
    text = (
        "A bomb exploded outside the police headquarters in Lagos on Thursday, killing nine people.\n\n"
        "On Friday, a car bomb exploded near the courthouse in Kano, killing four.\n\n"
        "No group has claimed responsibility for the blasts."
    )
    assert {e.target for e in events_with(events(text), "blasts")} == {None}
