"""Where an event happened: the place phrase of its trigger, read through kinds of place,
renamings, directions and "Town, Country" pairs (the most specific place wins)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.model import Event

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2021, 6, 10))


def _one(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger == trigger]
    assert found, [(e.trigger, e.type, e.place) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a place name compounded with a kind of place
        ("The army said the airstrike occurred in the Lower Juba region on May 2.", "airstrike", "Lower Juba"),
        # a direction phrase and a renaming: the capital is the landmark, named in apposition
        (
            "Government forces launched an airstrike against the rebels about 40 kilometers north of the capital, "
            "Bangui, in the early hours of Monday.",
            "airstrike",
            "Bangui",
        ),
        # a place name compounded with a kind of place
        (
            "Gunmen attacked a police checkpoint in Dzharkand district on Sunday, killing four officers.",
            "attacked",
            "Dzharkand",
        ),
        # a place naming the happening itself, and "out of" a place
        ("The Kestrel Front admitted the Kandahar truck bombing on Monday.", "bombing", "Kandahar"),
        ("Army units drove the Kestrel Front out of most of Ruritania in March.", "drove", "Ruritania"),
    ],
)
def test_place_phrases(analyse, text: str, trigger: str, place: str) -> None:
    assert _one(analyse(text).events, trigger).place == place


def test_a_place_named_outright_beats_a_landmark(analyse) -> None:
    text = (
        "Militants of the Black Hand attacked army headquarters in Busovac, about 25 kilometers east of "
        "Strelsau, on Monday."
    )
    ev = _one(analyse(text).events, "attacked")
    assert ev.place == "Busovac"


def test_a_town_before_its_country_is_the_place(analyse) -> None:
    text = (
        "Ruritania stands with Borduria after the Black Hand's attack on Borduran soldiers serving at the "
        "United Nations Mission in Ruritania (UNMR) base in Velgrad, Ruritania."
    )
    assert _one(analyse(text).events, "attack").place == "Velgrad"


@pytest.mark.parametrize(
    "text",
    [
        # the place of a relative clause on another noun is where that noun's happening is
        "Farmers reported attacks by the Black Hand, a spread of the violence the group carries out in Strelsau.",
        "The Black Hand, which was founded in Strelsau, attacked a convoy on Monday.",
    ],
)
def test_a_place_in_another_relative_clause_is_not_the_event_place(analyse, text: str) -> None:
    attack = _one(analyse(text).events, "attacks" if "attacks" in text else "attacked")
    assert attack.place is None


def test_a_relative_clause_on_the_trigger_places_it(analyse) -> None:
    text = "The government condemned the attack by the Black Hand that struck the airport in Strelsau on Monday."
    assert _one(analyse(text).events, "attack").place == "Strelsau"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Black Hand fighters shelled the town of Strelsau, killing six.", "shelled"),
        ("Black Hand fighters stormed the Strelsau district on Monday.", "stormed"),
    ],
)
def test_force_aimed_at_a_place_happens_there(analyse, text: str, trigger: str) -> None:
    assert _one(analyse(text).events, trigger).place == "Strelsau"


def test_a_target_that_is_no_place_gives_no_place(analyse) -> None:
    text = "Black Hand fighters attacked the Ruritanian army convoy on Monday."
    assert _one(analyse(text).events, "attacked").place is None
