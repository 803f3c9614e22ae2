"""Doers given through a charge, a coordinated gerund and other indirect wording (invented text, session 16)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def test_the_one_charged_did_the_act_the_charge_names(events) -> None:
    found = events("Tomas Quell pleaded guilty in March to charges of smuggling rifles to the Kestrel Front.")
    assert [e.source for e in events_with(found, "smuggling")] == ["Tomas Quell"]


def test_the_object_of_an_arrest_on_suspicion_is_the_suspect_not_the_police(events) -> None:
    found = events("Police in Sirte arrested Tomas Quell and two other men on suspicion of bombing a ferry terminal.")
    assert {e.source for e in events_with(found, "bombing")} == {"Tomas Quell"}


def test_a_charge_noun_without_a_clause_names_nobody(events) -> None:
    found = events("Charges of bombing a ferry terminal were dropped.")
    assert all(e.source is None for e in found if e.trigger == "bombing")


def test_a_gerund_hung_on_a_purpose_clause_shares_the_first_gerunds_doer(events) -> None:
    text = (
        "Tomas Quell admitted to charges of writing letters to raise support for the rebels"
        " and sending money to a Kestrel Front commander."
    )
    sendings = [e for e in events(text) if e.trigger == "sending" and e.target == "Kestrel Front"]
    assert [e.source for e in sendings] == ["Tomas Quell"]
