"""Coordinated verbs sharing the object only the last one writes (events_args.raised_object)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.events_args import raised_object

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def test_the_first_of_two_verbs_shares_the_object(events) -> None:
    found = events("Police arrested and questioned Tomas Varga in Eastport on Monday.")
    assert {e.target for e in events_with(found, "arrested")} == {"Tomas Varga"}


def test_every_verb_of_a_list_shares_it(events) -> None:
    found = events("Police detained, questioned and released Tomas Varga in Eastport on Monday.")
    assert {e.target for e in events_with(found, "detained")} == {"Tomas Varga"}


def test_a_verb_with_a_complement_of_its_own_shares_nothing(nlp: Language) -> None:
    doc = nlp("Rebels withdrew from Eastport and attacked the army base at Westport on Monday.")
    assert raised_object(doc[1]) == []


def test_a_later_clause_with_its_own_subject_shares_nothing(nlp: Language) -> None:
    doc = nlp("Rebels withdrew and the army shelled the town of Westport on Monday.")
    assert raised_object(doc[1]) == []
