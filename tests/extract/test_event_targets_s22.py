"""What a use of force hit when its object is the means (session 22, issue 11; invented sentences): "fired
mortar shells at a police post" hit the post. An object that is what was hit ("attacked the convoy at the
crossing") still makes the aiming phrase a where."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.events_lexicon import lexicon

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Militants fired mortar shells at a police post in Eastport.", "police post"),
        ("Gunmen fired rockets at the hotel on Monday.", "hotel"),
        ("The rebels fired shells at an army checkpoint near Sirte.", "army checkpoint"),
    ],
)
def test_a_means_object_leaves_the_aiming_phrase_as_what_was_hit(events, sentence: str, target: str) -> None:
    assert {"shell", "rocket"} <= lexicon().words["instrument_nouns"]
    assert {e.target for e in events_with(events(sentence), "fired")} == {target}


def test_an_object_that_was_hit_keeps_the_aiming_phrase_a_where(events) -> None:
    found = events_with(events("Soldiers attacked the convoy at the crossing near Eastport."), "attacked")
    assert {e.target for e in found} == {"convoy"}


@pytest.mark.parametrize(
    ("sentence", "trigger", "target"),
    [
        ("A patrol car was hit with petrol bombs in Eastport.", "hit", "patrol car"),
        ("Gunmen attacked the truck with rockets near Sirte.", "attacked", "truck"),
    ],
)
def test_a_vehicle_is_what_was_hit_when_the_verb_names_its_means_apart(
    events, sentence: str, trigger: str, target: str
) -> None:
    assert {"car", "truck"} <= lexicon().words["instrument_nouns"]
    assert {e.target for e in events_with(events(sentence), trigger)} == {target}


def test_a_vehicle_with_no_means_beside_it_stays_the_means(events) -> None:
    assert all(e.target is None for e in events("A car was detonated near the market in Eastport."))
