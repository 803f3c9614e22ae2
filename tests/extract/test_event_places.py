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


def test_a_town_and_its_state_before_a_kind_of_place(analyse) -> None:
    # "in the X, Y, area": the parser hangs the town on the state, the state on "area"
    text = "Gunmen shot a pharmacist in the Strelsau, Ruritania, area on Monday."
    assert _one(analyse(text).events, "shot").place == "Strelsau"


def test_a_place_in_another_happenings_phrase_does_not_place_a_meeting(analyse) -> None:
    text = "The ministers met on Tuesday following the bombing of a market in Strelsau."
    events = analyse(text).events
    assert _one(events, "met").place is None
    assert _one(events, "bombing").place == "Strelsau"


def test_an_act_on_another_happening_is_where_that_happening_is(analyse) -> None:
    text = "Four men supported the rebels' attacks on ships in the Red Sea."
    assert _one(analyse(text).events, "supported").place == "Red Sea"


def test_a_happening_after_a_site_preposition_is_no_site(analyse) -> None:
    # "into the bombings in X" names another happening, not a structure the raid went into
    text = "Officials said the air raid on Yemen was not linked with the inquiry into the bombings in Kenya."
    assert _one(analyse(text).events, "raid").place == "Yemen"


def test_force_on_two_places_puts_each_event_in_its_own(analyse) -> None:
    text = "The air raids on Yemen and Somalia killed 20 people on Monday."
    raids = [e for e in analyse(text).events if e.trigger == "raids"]
    assert {(e.target, e.place) for e in raids} == {("Yemen", "Yemen"), ("Somalia", "Somalia")}


@pytest.mark.parametrize(("first", "carried"), [("attacked", "Yemen"), ("did not attack", None)])
def test_a_negated_happening_lends_the_lead_no_place(analyse, first: str, carried: str | None) -> None:
    # the article's lead place goes to later retellings of its kind of happening, only from one it asserts
    text = f"The army {first} Yemen on Monday, officials said. Rebels attacked a convoy, they said."
    later = [e for e in analyse(text).events if e.source == "Rebels"]
    assert len(later) == 1 and later[0].place == carried


def test_a_gathering_named_by_its_place_locates_what_was_decided_there(analyse) -> None:
    # "at the Brussels summit": the summit met in Brussels, so what it decided was decided there
    text = "NATO decided at last year's Brussels summit to invite Ruritania to start accession talks."
    assert _one(analyse(text).events, "invite").place == "Brussels"


def test_a_spoken_act_is_not_placed_where_what_it_speaks_of_is(analyse) -> None:
    # the condemnation is made where the government is; the mission it speaks of is in Strelsau
    text = "The government of Ruritania deplores these cowardly acts against the mission in Strelsau."
    assert _one(analyse(text).events, "deplores").place != "Strelsau"
    # a place phrase of the act itself still counts
    text = "Speaking in Strelsau, the minister condemned the raids on the camps on Monday."
    assert _one(analyse(text).events, "condemned").place == "Strelsau"


def test_a_visit_is_where_the_place_visited_is(analyse) -> None:
    text = "The foreign minister said she hoped to be visiting Uganda and Rwanda next month."
    places = {e.target: e.place for e in analyse(text).events if e.trigger == "visiting"}
    assert places == {"Uganda": "Uganda", "Rwanda": "Rwanda"}


def test_what_is_aimed_at_is_no_place(analyse) -> None:
    # "targeted at X" names a target; without the rule X is read as where the bombing was
    text = "Gunmen bombed the depot on Friday in an attack targeted at Ruritania."
    assert all(e.place != "Ruritania" for e in analyse(text).events)


@pytest.mark.parametrize(
    ("doer", "seat"),
    [
        ("Tanzanian police", "Tanzania"),
        ("Kenya's parliament", "Kenya"),
        ("Tanzanian riot police", "Tanzania"),
        # forces and officials act abroad; a named court sits where its name does not say
        ("Kenyan troops", None),
        ("Kenyan officials", None),
        ("Libyan World Court", None),
        ("police", None),
    ],
)
def test_the_seat_of_a_domestic_body(doer: str, seat: str | None) -> None:
    from threatgraph.extract.events_places import seat_place

    assert seat_place(doer) == seat


def test_a_domestic_body_acts_at_home(analyse) -> None:
    text = "Ugandan police said on Monday they had arrested six men after a raid."
    assert _one(analyse(text).events, "arrested").place == "Uganda"


def test_a_meeting_is_held_at_its_named_venue(analyse) -> None:
    text = "The foreign ministers met at the United Nations on Monday."
    assert _one(analyse(text).events, "met").place == "United Nations"
    # a place named outright still wins, and a party is no venue
    text = "The envoy held talks with the Taliban in Kabul."
    assert _one(analyse(text).events, "talks").place == "Kabul"


def test_a_verbless_heading_places_a_retelling_in_the_present(analyse) -> None:
    text = (
        "Zenda, nineteen ninety-six. A car bomb rocks the city's market. Six people are killed.\n\n"
        "Mombasa, last spring. A grenade wounds two guards. And last month, a guard is killed when a bomb explodes."
    )
    found = analyse(text).events
    assert _one(found, "killed").place == "Zenda"
    assert _one(found, "wounds").place == "Mombasa"
    late = [e for e in found if e.trigger == "explodes"]
    assert all(e.place != "Mombasa" for e in late)  # a sentence with a date of its own opens another scene


def test_a_heading_places_nothing_told_in_the_past(analyse) -> None:
    text = "Zenda, nineteen ninety-six. Police said gunmen killed six people near the market."
    assert all(e.place != "Zenda" for e in analyse(text).events if e.trigger == "killed")
