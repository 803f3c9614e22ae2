"""Event arguments through nominal and predicative chains, claims, partitives and condemnations."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.model import Event

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def _one(events: list[Event], trigger: str) -> Event:
    return events_with(events, trigger)[0]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The Kestrel Front was responsible for the 2019 bombing of a hotel in Sirte.", "bombing"),
        ("The Kestrel Front issued its claim of the bombing of a hotel in Sirte on Friday.", "bombing"),
        ("One of the fighters of the Kestrel Front attacked a checkpoint in Sirte.", "attacked"),
    ],
)
def test_the_doer_reached_through_a_chain(events, text: str, trigger: str) -> None:
    ev = _one(events(text), trigger)
    assert ev.source is not None and "Kestrel Front" in ev.source


def test_attack_by_x_on_y_names_both(events) -> None:
    ev = _one(events("The attack by the Kestrel Front on the Sand Vipers killed ten people."), "attack")
    assert (ev.source, ev.target) == ("Kestrel Front", "Sand Vipers")


def test_an_attack_targeting_y(events) -> None:
    ev = _one(events("The Kestrel Front launched an attack targeting the Sand Vipers near Sirte."), "attack")
    assert (ev.source, ev.target) == ("Kestrel Front", "Sand Vipers")


def test_condemning_an_attack_is_aimed_at_its_perpetrator(events) -> None:
    found = events("The Sand Vipers condemned the attack by the Kestrel Front on a school.")
    ev = _one(found, "condemned")
    assert ev.target == "Kestrel Front"  # not "attack", and never the condemner


def test_a_happening_with_no_doer_leaves_no_target(events) -> None:
    found = events("The Sand Vipers condemned the bombing of a school in Sirte.")
    for ev in found:
        if ev.trigger == "condemned":
            assert ev.target is None or "bombing" not in ev.target


def test_a_claim_in_the_paragraph_names_the_doer_as_a_claim(events) -> None:
    found = events(
        "Two bombs exploded at a market in Sirte on Monday, killing twelve people. "
        "The Kestrel Front claimed responsibility in a statement.\n\n"
        "A bomb exploded at a bus station in Brega on Tuesday."
    )
    first = _one(found, "exploded")
    assert first.source == "Kestrel Front" and first.modality == "claimed"  # its word, not a fact
    other = [e for e in found if "Brega" in e.sentence]
    assert other and all(e.source is None for e in other)  # another paragraph is not claimed


def test_a_denied_claim_names_nobody(events) -> None:
    found = events("A bomb exploded at a market in Sirte on Monday. The Kestrel Front did not claim responsibility.")
    assert all(e.source is None for e in found if e.trigger == "exploded")
