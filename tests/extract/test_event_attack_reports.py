"""Wire reports of an attack and the reactions to it (invented texts in the shape of agency copy): the
structure a bomb went off at is what it hit, an agency dateline places the story, a condemnation is not
placed where the attack it condemns was, two attacks in one sentence stay two, and an attack named
without a date takes the date the report gives the same attack elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_lead import dateline
from threatgraph.model import Event

from .conftest import analyser, events_with

PUBLISHED = date(2026, 3, 5)  # a Thursday


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


def _events(analyse, text: str) -> list[Event]:
    return analyse(text).events


def _day(ev: Event) -> tuple[date | None, date | None]:
    assert ev.date is not None, ev
    return ev.date.start, ev.date.end


def test_a_bomb_that_went_off_outside_a_building_hit_it(analyse) -> None:
    found = _events(analyse, "Two bombs exploded outside the Freedonian consulate in Strelsau, killing nine people.")
    assert any("consulate" in (e.target or "") for e in events_with(found, "exploded"))
    found = _events(analyse, "Late on Monday a grenade went off beside a police station, wounding four officers.")
    went = events_with(found, "went")  # the station it went off at, and (session 18) the officers it wounded
    assert {e.type for e in went} == {"ASSAULT"} and any("station" in (e.target or "") for e in went)
    found = _events(analyse, "An explosion ripped through a crowded bank in Eastport on Monday.")
    assert "bank" in (events_with(found, "explosion")[0].target or "")


def test_a_building_near_an_attack_on_something_else_is_no_target(analyse) -> None:
    found = _events(analyse, "Soldiers attacked the convoy near the hotel in Sirte.")
    assert [e.target for e in events_with(found, "attacked")] == ["convoy"]


def test_agency_datelines_are_read() -> None:
    assert dateline("\n\nSTRELSAU, Ruritania (AP) _\n\nTwo bombs exploded ...") == "Strelsau"
    assert dateline("OSLO, March 4 (Xinhua) --\n\nThe Norwegian government ...") == "Oslo"
    assert dateline("UNITED NATIONS (AP) _\n\nThe Council ...") == "United Nations"
    assert dateline("We met - then we left.") is None


def test_a_condemnation_is_not_placed_where_the_attack_was(analyse) -> None:
    text = "Eastmark on Wednesday condemned the bombing of the Freedonian embassy in Strelsau."
    found = _events(analyse, text)
    assert events_with(found, "condemned")[0].place is None
    assert events_with(found, "bombing")[0].place == "Strelsau"
    placed = _events(analyse, "TEHRAN, March 4 (Xinhua) --\n\n" + text)
    assert events_with(placed, "condemned")[0].place == "Tehran"
    deplored = _events(analyse, "The Norwegian government deplored the truck bombings of two hotels in Strelsau.")
    assert events_with(deplored, "deplored")[0].type == "ACCUSE"
    assert events_with(deplored, "deplored")[0].place is None


def test_an_act_done_on_a_happening_is_where_the_happening_is(analyse) -> None:
    found = _events(analyse, "The army suppressed the protests in Strelsau.")
    assert events_with(found, "suppressed")[0].place == "Strelsau"


def test_two_attacks_in_two_places_in_one_sentence_stay_two(analyse) -> None:
    text = "The blast in Strelsau came minutes before an explosion ripped through a hotel in Eastport."
    found = [e for e in _events(analyse, text) if e.type == "ASSAULT"]
    assert {e.place for e in found} == {"Strelsau", "Eastport"}


def test_an_undated_mention_takes_the_date_of_the_same_attack_told_elsewhere(analyse) -> None:
    text = (
        "The Norwegian government on Wednesday deplored the truck bombings of two hotels in Strelsau.\n\n"
        "More than 60 people were killed in the blasts outside the two hotels in Strelsau on Tuesday."
    )
    bombings = events_with(_events(analyse, text), "bombings")[0]
    assert _day(bombings) == (date(2026, 3, 3), date(2026, 3, 3))
    assert bombings.date is not None and bombings.date.note  # carried, and said so


def test_an_attack_elsewhere_does_not_lend_its_date(analyse) -> None:
    text = (
        "The Norwegian government on Wednesday deplored the truck bombing of a hotel in Eastport.\n\n"
        "More than 60 people were killed in a blast outside a hotel in Strelsau on Tuesday."
    )
    bombing = events_with(_events(analyse, text), "bombing")[0]
    assert bombing.date is None or bombing.date.start != date(2026, 3, 3)


def test_whoever_speaks_of_an_attack_is_not_made_its_doer(analyse) -> None:
    found = _events(
        analyse, "The Norwegian government on Wednesday deplored the truck bombings of two hotels in Strelsau."
    )
    assert events_with(found, "bombings")[0].source is None
    text = "Minister Anna Lind of Eastmark said the bombings of two hotels in Strelsau show that terror is blind."
    assert events_with(_events(analyse, text), "bombings")[0].source is None
    # a group's own word about its fighters still names them (as a claim)
    claimed = events_with(
        _events(analyse, "The Kestrel Front said its fighters bombed two hotels in Strelsau."), "bombed"
    )
    assert claimed[0].source == "Kestrel Front"


def test_a_name_on_a_blast_says_where_it_was_not_who_set_it_off(analyse) -> None:
    blast = events_with(_events(analyse, "The death toll in the Mali blast has risen to 12, officials said."), "blast")[
        0
    ]
    assert blast.source is None and blast.place == "Mali"
    attack = events_with(_events(analyse, "The Kestrel Front attack killed four soldiers."), "attack")[0]
    assert attack.source == "Kestrel Front"


def test_the_day_something_is_said_does_not_date_the_attack_it_speaks_of(analyse) -> None:
    text = "The death toll in the Strelsau truck bombing has risen to 12, hospital officials said Wednesday."
    for ev in [e for e in _events(analyse, text) if e.trigger == "bombing"]:
        assert ev.date is None or ev.date.start != date(2026, 3, 4), ev.date


def test_an_attack_inside_a_clause_about_other_talks_is_not_dated_by_them(analyse) -> None:
    text = "The minister on Tuesday resumed the talks that were interrupted by the truck bombing of the consulate."
    bombing = events_with(_events(analyse, text), "bombing")[0]
    assert bombing.date is None or bombing.date.start != date(2026, 3, 3), bombing.date


def test_a_report_of_one_dated_attack_dates_its_definite_retellings(analyse) -> None:
    text = (
        "STRELSAU, Ruritania (AP) _\n\n"
        "The minister on Tuesday met his Freedonian counterpart to resume talks that were interrupted by the truck "
        "bombing of the consulate.\n\n"
        "On Feb. 27, the two men had just left a press briefing. They sat in a cafe as a device exploded, "
        "killing 40 people.\n\n"
        "The blast in Strelsau destroyed three shops, officials said Wednesday."
    )
    found = _events(analyse, text)
    for trigger in ("bombing", "blast"):
        ev = events_with(found, trigger)[0]
        assert _day(ev) == (date(2026, 2, 27), date(2026, 2, 27)), trigger
        assert ev.date is not None and ev.date.note  # an inference, said as such


def test_an_attack_that_claimed_lives_is_no_claim(analyse) -> None:
    found = _events(analyse, "On Monday the consulate bombings in Strelsau claimed 40 lives.")
    bombings = events_with(found, "bombings")[0]
    assert bombings.modality == "asserted" and bombings.target == "consulate"


def test_a_name_describing_a_place_is_not_made_a_doer(analyse) -> None:
    text = "At least nine were killed in Eastport. At least seven died in the Ruritanian capital, and 70 were hurt."
    for ev in _events(analyse, text):
        assert ev.source is None, (ev.trigger, ev.source)


def test_a_battle_against_an_abstraction_is_no_attack(analyse) -> None:
    text = "Ruritania and Eastmark need to strengthen their cooperation in this long battle against terrorism."
    assert not [e for e in _events(analyse, text) if e.type == "ASSAULT"]
    attack = events_with(_events(analyse, "The army launched a fierce attack on the rebels."), "attack")[0]
    assert attack.type == "ASSAULT"


def test_an_arrest_that_information_may_lead_to_is_a_prospect(analyse) -> None:
    text = "The minister announced a reward of 2 million dollars for information leading to the arrest of the bombers."
    assert events_with(_events(analyse, text), "arrest")[0].modality == "hypothetical"
    done = "Police said on Monday that a tip had led to the arrest of the bombers."
    assert events_with(_events(analyse, done), "arrest")[0].modality == "asserted"
