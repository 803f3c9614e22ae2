"""Targets a repeated nominal trigger borrows from the first telling of its happening (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def test_the_repeated_shooting_takes_the_victim_of_the_first_telling(events) -> None:
    text = (
        "Gunmen shot dead Mayor Tomas Varga outside his home in Eastport on Friday.\n\n"
        "His wife was in the garden when the shooting happened, police said."
    )
    shooting = events_with(events(text), "shooting")
    assert {e.target for e in shooting} == {"Tomas Varga"}


def test_a_chain_of_repeats_keeps_the_victim(events) -> None:
    text = (
        "Gunmen shot dead Mayor Tomas Varga outside his home in Eastport on Friday.\n\n"
        "Neighbours described the shooting as cowardly.\n\n"
        "The governor also condemned the shooting."
    )
    shootings = events_with(events(text), "shooting")
    assert len({e.sentence for e in shootings}) == 2
    assert all(e.target == "Tomas Varga" for e in shootings)


def test_a_repeat_with_its_own_target_keeps_it(events) -> None:
    text = (
        "Gunmen shot dead Mayor Tomas Varga outside his home in Eastport on Friday.\n\n"
        "Police linked the shooting of Judge Ana Petrov last month to the same gang."
    )
    later = [e for e in events_with(events(text), "shooting") if "Petrov" in e.sentence]
    assert all(e.target != "Tomas Varga" for e in later)


def test_one_act_does_not_repeat_acts_of_a_kind(events) -> None:
    text = (
        "Gunmen shot dead Mayor Tomas Varga outside his home in Eastport on Friday.\n\n"
        "Critics said the campaign had led to violent attacks against judges.\n\n"
        "Residents decried the attack."
    )
    attack = [e for e in events_with(events(text), "attack") if e.sentence.startswith("Residents")]
    assert {e.target for e in attack} == {"Tomas Varga"}  # "attacks against judges" is a kind, not this act


def test_a_hypothetical_mention_lends_nothing(events) -> None:
    text = (
        "The Kestrel Front threatened to bomb the Northwind refinery next week.\n\n"
        "Police said the bombing of a bus in Sirte on Monday killed four people.\n\n"
        "Officials condemned the bombing."
    )
    found = events(text)
    last = [e for e in found if e.sentence.startswith("Officials") and e.trigger == "bombing"]
    assert all(e.target != "Northwind refinery" for e in last)


def test_an_unnamed_noun_for_people_is_a_target(events) -> None:
    found = events("Riot police clashed with demonstrators in Eastport on Monday.")
    assert {e.target for e in events_with(found, "clashed")} == {"demonstrators"}


def test_an_unnamed_noun_for_people_is_a_doer(events) -> None:
    found = events("Villagers attacked a police post in Eastport on Monday.")
    assert {e.source for e in events_with(found, "attacked")} == {"Villagers"}


def test_a_bare_plural_subject_tells_particular_acts_a_repeat_may_take(events) -> None:
    text = (
        "Simultaneous bombings at two police stations in Eastport killed nine officers on Monday.\n\n"
        "Officials condemned the bombing."
    )
    last = [e for e in events_with(events(text), "bombing") if e.sentence.startswith("Officials")]
    assert "two police stations" in {e.target for e in last}  # the bombings' own site, not only the killing's victims


def test_a_bare_plural_object_for_people_is_anyone_of_the_kind(events) -> None:
    text = "The Council may designate and add persons of any nationality to its list."
    assert all(e.target != "persons" for e in events(text))
