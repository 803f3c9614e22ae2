"""A happening named again ("the shooting", "last Sunday's blasts") is where the report placed it, not where
the last place named before it is (session 21, events_retold)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_retold import retells, retold_places
from threatgraph.model import Event

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2021, 6, 10))


def _all(events: list[Event], trigger: str) -> list[Event]:
    found = [e for e in events if e.trigger == trigger]
    assert found, [(e.trigger, e.type, e.place) for e in events]
    return found


def test_a_retelling_takes_the_happenings_place_not_the_paragraphs_last_one(analyse) -> None:
    text = (
        "A sniper killed a doctor in his home in Strelsau on Friday night.\n\n"
        "Police questioned two men on Saturday. Officials thanked the bank.\n\n"
        "The two men were named in a bulletin sent by the police office in Busovac. "
        "Officials doubted that either was involved in the shooting."
    )
    (shooting,) = _all(analyse(text).events, "shooting")
    assert shooting.place == "Strelsau"


def test_a_retelling_before_the_placed_mention_takes_its_place(analyse) -> None:
    text = (
        "The minister condemned last Sunday's blasts on Tuesday.\n\n"
        "The blasts at the depot in Eastport killed 12 people."
    )
    first = _all(analyse(text).events, "blasts")[0]
    assert first.place == "Eastport"


def test_a_new_happening_told_later_lends_no_place(analyse) -> None:
    text = (
        "The murder of the doctor shocked the country.\n\n"
        "In January, a bombing at a clinic in Busovac killed a security guard."
    )
    events = analyse(text).events
    assert all(e.place is None for e in events if e.trigger == "murder")


def test_another_happening_set_apart_takes_no_place(analyse) -> None:
    text = (
        "Gunmen attacked a police post in Strelsau on Monday, killing four officers.\n\n"
        "Investigators are also looking into the other attacks."
    )
    (other,) = _all(analyse(text).events, "attacks")
    assert other.place is None
    (same,) = _all(analyse(text.replace("the other attacks", "the attacks")).events, "attacks")
    assert same.place == "Strelsau"


def test_a_place_in_the_retellings_own_sentence_stays(analyse) -> None:
    text = (
        "A sniper killed a doctor in his home in Strelsau on Friday night.\n\n"
        "Religious leaders in Busovac condemned the shooting on Sunday."
    )
    (shooting,) = _all(analyse(text).events, "shooting")
    assert shooting.place == "Busovac"


@pytest.mark.parametrize(
    ("text", "noun", "told"),
    [
        ("Officials condemned the shooting.", "shooting", True),
        ("Officials condemned last Sunday's blasts.", "blasts", True),
        ("Officials doubted he took part in the May 3 killing.", "killing", True),
        ("Officials condemned the other attacks.", "attacks", False),
        ("Officials condemned the two bombings.", "bombings", False),
        ("Officials condemned a bombing.", "bombing", False),
        ("Officials condemned attacks.", "attacks", False),
    ],
)
def test_which_nouns_retell(nlp: Language, text: str, noun: str, told: bool) -> None:
    doc = nlp(text)
    (tok,) = [t for t in doc if t.text == noun]
    assert retells(tok) is told


def test_a_reported_state_is_placed_where_it_was_reported(analyse) -> None:
    # "were reported dead in X": the passive speech verb only reports the state; X is where the dead were
    text = "Nine people died in Westport. Five guards were reported dead in Eastport, and 30 others were hurt."
    (hurt,) = _all(analyse(text).events, "hurt")
    assert hurt.place == "Eastport"


def test_a_goal_is_no_place_of_another_happening(analyse) -> None:
    # "handed over to X": where the suspects went; the attacks were not there
    text = (
        "Two suspects were handed over to Uganda for trial. "
        "Officials said the attacks on Monday were plotted by the Kestrel Front."
    )
    assert all(e.place is None for e in analyse(text).events if e.trigger == "attacks")


@pytest.mark.parametrize(
    ("origins", "lent"),
    [
        # a place read around the middle mention (its sentence, its paragraph) is lent to no later retelling
        (["own", "sentence", None], "Eastport"),
        (["own", "paragraph", None], "Eastport"),
        # a place of the middle mention's own phrase is the nearest one
        (["own", "own", None], "Westport"),
    ],
)
def test_which_places_a_retelling_borrows(nlp: Language, origins: list, lent: str) -> None:
    doc = nlp("The blast shook the city. The blast damaged a bank. Officials condemned the blast.")
    tokens = [t for t in doc if t.text == "blast"]
    events = [
        Event(type="ASSAULT", trigger="blast", sentence="", start=0, end=0, place=place)
        for place in ("Eastport", "Westport", None)
    ]
    out = retold_places(events, tokens, list(origins))
    assert out[2].place == lent


def test_a_retelling_keeps_a_place_of_its_own(nlp: Language) -> None:
    doc = nlp("The blast shook the city. Officials condemned the blast.")
    tokens = [t for t in doc if t.text == "blast"]
    events = [
        Event(type="ASSAULT", trigger="blast", sentence="", start=0, end=0, place=place)
        for place in ("Eastport", "Westport")
    ]
    assert retold_places(events, tokens, ["own", "sentence"])[1].place == "Westport"
    assert retold_places(events, tokens, ["own", "paragraph"])[1].place == "Eastport"


def test_the_datelines_speaker_speaks_where_the_story_was_filed(analyse) -> None:
    text = (
        "NAIROBI, March 3 (Xinhua) --\n\n"
        "President Daniel Moi on Tuesday condemned the attack on the Eastport depot.\n\n"
        "The police chief said the blast damaged two trucks.\n\n"
        "Moi also called for a review of security at the country's ports."
    )
    (called,) = _all(analyse(text).events, "called")
    assert called.place == "Nairobi"
    # another speaker may have spoken elsewhere
    other = analyse(text.replace("Moi also called", "The opposition leader called")).events
    assert all(e.place is None for e in other if e.trigger == "called")
