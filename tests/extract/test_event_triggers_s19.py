"""What the trigger lexicon missed on 1998 wire and broadcast news (session 19, issue 11; invented sentences):
investigations (PLOVER ACCUSE, mode investigate), agreements and ratifications (AGREE), refusals and objections
(REJECT), criticism (ACCUSE), and the modality of "going to" and "without". Each class was missing from
``plover.yaml``; each test fails on the session-18 code.

The investigator of an attack is never its doer: the investigation is said about the attack, like a
condemnation, so its subject is kept from the doer-chooser ("The FBI is investigating the bombing" gave the FBI
as the bomber before)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_lexicon import plover_of
from threatgraph.model import Event

from .conftest import analyser, events_with

PUBLISHED = date(2026, 3, 5)


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


def _none_of(events: list[Event], word: str) -> bool:
    return not [e for e in events if e.trigger == word]


def _roots(events: list[Event], word: str) -> set[str]:
    return {plover_of(e.type, e.subtype)[0] for e in events_with(events, word)}


def test_questioning_people_is_an_investigation(analyse) -> None:
    found = analyse("Police questioned three suspects in Sirte on Monday.").events
    (ev,) = events_with(found, "questioned")
    assert plover_of(ev.type, ev.subtype) == ("ACCUSE", "investigate")
    assert ev.source == "Police" and "suspects" in (ev.target or "")


def test_questioning_an_idea_is_no_event(analyse) -> None:
    found = analyse("The Ruritanian minister questioned the wisdom of the plan on Monday.").events
    assert _none_of(found, "questioned")


def test_nominal_investigation_and_inquiry(analyse) -> None:
    found = analyse("Ruritania's police opened an inquiry into the shooting of two guards in Sirte.").events
    assert "ACCUSE" in _roots(found, "inquiry")
    found = analyse("The Borduria Commission will finish its investigation of the raid within a year.").events
    (ev,) = events_with(found, "investigation")
    assert ev.modality == "hypothetical"


def test_the_investigator_is_not_the_attacker(analyse) -> None:
    found = analyse("The FBI is investigating the bombing in Sirte.").events
    assert events_with(found, "investigating")
    assert all(e.source is None for e in events_with(found, "bombing"))


def test_ratification_and_agreement(analyse) -> None:
    found = analyse("The Ruritanian Senate ratified the treaty with Borduria on Monday.").events
    assert "AGREE" in _roots(found, "ratified")
    found = analyse("Foreign ministers of Ruritania and Borduria agreed to set up a joint panel.").events
    assert "AGREE" in _roots(found, "agreed")


def test_agreeing_with_an_opinion_is_no_agreement(analyse) -> None:
    found = analyse("Both Ruritanian senators agree this was a horrible crime.").events
    assert _none_of(found, "agree")


def test_refusal_is_a_rejection_and_its_object_did_not_happen(analyse) -> None:
    found = analyse("Ruritania refused to hand over the suspects to Borduria.").events
    (ev,) = events_with(found, "refused")
    assert plover_of(ev.type, ev.subtype)[0] == "REJECT" and ev.modality == "asserted"


def test_refusing_to_be_named_is_no_rejection(analyse) -> None:
    text = "A Ruritanian official, who refused to be identified, said the convoy was attacked near Sirte."
    assert _none_of(analyse(text).events, "refused")


def test_criticism_is_an_accusation(analyse) -> None:
    found = analyse("Ruritania sharply criticized Borduria on Monday.").events
    (ev,) = events_with(found, "criticized")
    assert plover_of(ev.type, ev.subtype)[0] == "ACCUSE" and ev.target == "Borduria"


def test_going_to_is_the_future(analyse) -> None:
    found = analyse("The Kestrel Front is going to attack the convoy near Sirte.").events
    assert [e.modality for e in events_with(found, "attack")] == ["hypothetical"]


def test_what_happens_without_an_act_is_negated(analyse) -> None:
    found = analyse("The Kestrel Front seized the port of Sirte without an attack.").events
    assert [e.modality for e in events_with(found, "attack")] == ["negated"]
    assert [e.modality for e in events_with(found, "seized")] == ["asserted"]


def test_approving_a_party_s_step_is_an_agreement_approving_force_is_not(analyse) -> None:
    found = analyse("The Ruritanian parliament approved the enlargement of the alliance on Monday.").events
    assert "AGREE" in _roots(found, "approved")
    text = "A committee of Kestrel Front leaders approved the use of violence against protesters in Sirte."
    assert _none_of(analyse(text).events, "approved")


def test_slaying_genocide_and_bloodshed_are_uses_of_force(analyse) -> None:
    found = analyse("The Kestrel Front denied any role in the slaying of a judge in Sirte on Monday.").events
    assert "ASSAULT" in _roots(found, "slaying")
    found = analyse("Ruritanian militias carried out a genocide of the Vel minority in 1994.").events
    assert "ASSAULT" in _roots(found, "genocide")


def test_a_military_buildup_is_a_mobilisation(analyse) -> None:
    found = analyse("Iran's military buildup near Basra continued on Monday.").events
    assert "MOBILIZE" in _roots(found, "buildup")


def test_a_warning_someone_gives_is_a_threat_a_travel_warning_is_not(analyse) -> None:
    found = analyse("Ruritania's warning to Borduria came on Monday.").events
    (ev,) = events_with(found, "warning")
    assert plover_of(ev.type, ev.subtype)[0] == "THREATEN" and ev.source == "Ruritania"
    found = analyse("Ruritania lifted its travel warnings for Borduria on Monday.").events
    assert _none_of(found, "warnings")


def test_using_force_is_a_use_of_force(analyse) -> None:
    found = analyse("Ruritania said it would use force against the Kestrel Front if talks fail.").events
    (ev,) = events_with(found, "use")
    assert plover_of(ev.type, ev.subtype)[0] == "ASSAULT" and ev.modality == "hypothetical"


def test_talks_and_inquiries_stand_without_named_sides(analyse) -> None:
    found = analyse("Negotiations over the port broke off at noon on Thursday in Sirte.").events
    (ev,) = events_with(found, "Negotiations")
    assert ev.source is None and ev.target is None and ev.date is not None
    found = analyse("An investigation into the bombing in Sirte began on Monday.").events
    assert "ACCUSE" in _roots(found, "investigation")


def test_anyone_under_a_negation_is_nobody(analyse) -> None:
    found = analyse("Police said it did not appear that anyone was injured in Sirte on Monday.").events
    assert [e.modality for e in events_with(found, "injured")] == ["negated"]
    found = analyse("Police said two guards were injured in Sirte on Monday.").events
    assert [e.modality for e in events_with(found, "injured")] == ["asserted"]


def test_a_scheduled_meeting_has_not_happened(analyse) -> None:
    found = analyse("The Ruritanian envoy was scheduled to meet with President Ramos in Sirte.").events
    assert [e.modality for e in events_with(found, "meet")] == ["hypothetical"]


def test_expressed_outrage_is_a_condemnation(analyse) -> None:
    found = analyse("Ruritania expressed outrage at the raid on its embassy in Sirte.").events
    assert "ACCUSE" in _roots(found, "expressed")


def test_a_withdrawal_is_a_retreat_withdrawing_an_objection_is_not(analyse) -> None:
    found = analyse("The Ruritanian army withdrew from Sirte on Monday.").events
    assert "RETREAT" in _roots(found, "withdrew")
    found = analyse("Ruritania withdrew its objection to the Borduria treaty on Monday.").events
    assert _none_of(found, "withdrew")


def test_hundreds_of_people_questioned_are_people(analyse) -> None:
    found = analyse("Hundreds of people have been questioned by Ruritanian police in Sirte.").events
    assert "ACCUSE" in _roots(found, "questioned")


def test_praise_and_gifts(analyse) -> None:
    found = analyse("Ruritania's president lavished praise on Borduria's rescue teams on Monday.").events
    assert "SUPPORT" in _roots(found, "lavished")
    found = analyse("Ruritania announced a gift of medical supplies to Borduria on Monday.").events
    assert "AID" in _roots(found, "gift")


def test_a_minister_visiting_a_state_consults_tourists_visiting_it_do_not(analyse) -> None:
    found = analyse("The Ruritanian foreign minister visited Borduria on Monday.").events
    (ev,) = events_with(found, "visited")
    assert plover_of(ev.type, ev.subtype)[0] == "CONSULT" and ev.target == "Borduria"
    text = "The State Department recommended that Americans exercise caution when visiting Borduria."
    assert _none_of(analyse(text).events, "visiting")
    assert _none_of(analyse("Karl Mertens visited the Galaxy Star, a ship held in Sirte.").events, "visited")


def test_a_weapon_that_lands_is_an_attack(analyse) -> None:
    found = analyse("A rocket landed near the Ruritanian embassy in Sirte on Monday.").events
    (ev,) = events_with(found, "rocket")
    assert plover_of(ev.type, ev.subtype)[0] == "ASSAULT" and "embassy" in (ev.target or "")
    assert not analyse("The Ruritanian plane landed in Sirte on Monday.").events
