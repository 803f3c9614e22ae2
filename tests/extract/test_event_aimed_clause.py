"""Whom a violent act named by a noun hit, told by a verb of aiming or harm (plover.yaml aiming_verbs)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.events_args import aimed_by_clause
from threatgraph.extract.events_lexicon import lexicon

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def test_the_object_of_a_harm_verb_is_the_acts_target(events) -> None:
    found = events("The attacks of the past month have harmed farmers near Eastport.")
    assert {e.target for e in events_with(found, "attacks")} == {"farmers"}


def test_a_country_an_act_was_targeted_at_is_its_target_not_its_place(events) -> None:
    attacks = events_with(events("Officials condemned the attacks that were targeted at Norway."), "attacks")
    assert {e.target for e in attacks} == {"Norway"}
    assert all(e.place != "Norway" for e in attacks)


def test_a_verb_outside_the_list_says_nothing_of_whom(nlp: Language) -> None:
    doc = nlp("The attacks have worried civilians in Eastport.")
    assert "worry" not in lexicon().words["aiming_verbs"]
    assert aimed_by_clause(doc[1]) == []
