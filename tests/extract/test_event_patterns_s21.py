"""Phrasal triggers of force added in session 21 (event_patterns.yaml blow-up, set-fire), with their targets."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def test_blowing_up_is_an_explosives_attack_on_its_object(events) -> None:
    found = events_with(events("Militants blew up a bridge near Eastport on Monday."), "blew")
    assert {(e.type, e.subtype, e.target) for e in found} == {("ASSAULT", "explosives", "bridge")}


def test_setting_fire_to_something_destroys_it(events) -> None:
    text = "Fighters of the Kestrel Front set fire to the Northwind refinery in Sirte on Monday."
    found = events_with(events(text), "set")
    assert {(e.type, e.subtype) for e in found} == {("ASSAULT", "property destruction")}
    assert any(e.target and "Northwind" in e.target for e in found)


def test_setting_a_date_is_no_attack(events) -> None:
    found = events("The court set a date for the trial of Tomas Varga on Monday.")
    assert all(e.type != "ASSAULT" for e in found)
