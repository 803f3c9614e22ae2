"""Doers shared between event mentions, and the argument chains added with them (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.model import Event

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def _all(events: list[Event], trigger: str) -> list[Event]:
    return events_with(events, trigger)


def _one(events: list[Event], trigger: str) -> Event:
    return _all(events, trigger)[0]


def test_a_list_of_strikes_takes_the_doer_of_the_summary(events) -> None:
    text = (
        "On Monday, Atlantic coalition forces conducted 12 strikes against the Kestrel Front.\n"
        "The following is a summary of the strikes conducted since the last report:\n"
        "*  Near Sirte, one strike destroyed a Kestrel Front vehicle.\n"
        "*  Near Tobruk, two strikes struck a Kestrel Front tactical unit and destroyed a fighting position.\n"
    )
    found = events(text)
    strikes = [e for e in found if e.trigger in ("strike", "strikes") and e.sentence.lstrip("* ").startswith("Near")]
    assert len(strikes) == 2
    assert all(e.source is not None and "coalition forces" in e.source for e in strikes)
    destroyed = _all(found, "destroyed")
    assert all(e.source is None or "coalition" in e.source for e in destroyed)


def test_an_unattributed_mention_in_between_stops_the_search(events) -> None:
    text = (
        "The Kestrel Front attacked a police checkpoint in Sirte on Monday.\n\n"
        "On Tuesday, a bomb exploded in a crowded market in Tobruk. The attack killed five people."
    )
    ev = _one(events(text), "attack")
    assert ev.source is None  # the market bombing named nobody; the Front's Monday attack is another one


def test_a_strike_that_hits_takes_the_strikes_doer(events) -> None:
    found = events("Norway condemned the bombing by the Kestrel Front last night that hit the fuel depot.")
    ev = _one(found, "bombing")
    assert (ev.source, ev.target) == ("Kestrel Front", "fuel depot")


def test_a_clause_after_a_name_is_not_read_as_the_attacks(events) -> None:
    found = events("Norway condemned the bombing by the Kestrel Front that hit the fuel depot.")
    assert all(e.target != "fuel depot" for e in found if e.trigger == "bombing")  # "that" may be the Front


def test_the_wounded_in_an_attack_were_wounded_by_its_doer(events) -> None:
    found = events("The commander was wounded in the attack by the Kestrel Front on the checkpoint.")
    ev = _one(found, "wounded")
    assert ev.source == "Kestrel Front"


def test_an_attack_with_no_doer_gives_its_victims_none(events) -> None:
    ev = _one(events("Ten villagers were killed in an attack on the market in Sirte."), "killed")
    assert ev.source is None


def test_support_shares_the_doer_of_the_clause_it_qualifies(events) -> None:
    ev = _one(events("Norway stayed resolute in support of the Sand Vipers."), "support")
    assert (ev.source, ev.target) == ("Norway", "Sand Vipers")


def test_a_relative_pronoun_after_a_name_refers_to_the_name(events) -> None:
    text = "The Sand Vipers mounted raids on the Kestrel Front, which has been shelling the army for years."
    ev = _one(events(text), "shelling")
    assert ev.source == "Kestrel Front"  # never the raiders the parser may hang the clause on


def test_a_series_of_attacks_is_launched_by_the_subject(events) -> None:
    ev = _one(events("The Kestrel Front mounted a series of attacks on the Sand Vipers."), "attacks")
    assert (ev.source, ev.target) == ("Kestrel Front", "Sand Vipers")


def test_a_violent_act_keeps_a_thing_as_target_but_not_a_place_phrase(events) -> None:
    found = events("The Kestrel Front attacked a number of worshippers on a busy street in Sirte.")
    targets = {e.target for e in _all(found, "attacked")}
    assert "worshippers" in targets
    assert not any(t and "street" in t for t in targets)


def test_a_group_owned_thing_stands_for_the_group(events) -> None:
    ev = _one(events("Atlantic forces conducted an airstrike against a Kestrel Front truck bomb."), "airstrike")
    assert ev.target == "Kestrel Front"


def test_a_role_said_of_someone_makes_them_the_doer(events) -> None:
    text = "Canada listed the Northern Relief Fund as a supporter of the Kestrel Front."
    ev = _one(events(text), "supporter")
    assert (ev.source, ev.target) == ("Northern Relief Fund", "Kestrel Front")


def test_who_uses_a_means_to_strike_is_the_doer(events) -> None:
    ev = _one(events("Donors paid for drones that the Kestrel Front employs to target convoys."), "target")
    assert (ev.source, ev.target) == ("Kestrel Front", "convoys")


def test_allegiance_pledged_to_someone_targets_them(events) -> None:
    ev = _one(events("Omar Lang pledged his loyalty to the Kestrel Front in 2019."), "pledged")
    assert (ev.source, ev.target) == ("Omar Lang", "Kestrel Front")


def test_standing_with_someone_is_aimed_at_them(events) -> None:
    ev = _one(events("Canada stands with Norway."), "stands")
    assert ev.target == "Norway"


def test_killed_in_someones_operation_names_them(events) -> None:
    ev = _one(events("Two Kestrel Front commanders were killed in a Sand Vipers operation outside Sirte."), "killed")
    assert (ev.source, ev.target) == ("Sand Vipers", "Kestrel Front")


def test_a_bombing_hits_whom_its_result_clause_names(events) -> None:
    found = events("Omar Lang detonated a bomb at the gate, killing four guards.")
    ev = _one(found, "detonated")
    assert ev.source == "Omar Lang" and ev.target is not None and "guards" in ev.target
    assert all(e.source == "Omar Lang" for e in found if e.trigger == "killing")


def test_weapons_donated_to_someone_are_aimed_at_them(events) -> None:
    ev = _one(events("Norway supplies rifles to the Sand Vipers."), "supplies")
    assert (ev.source, ev.target) == ("Norway", "Sand Vipers")


def test_we_in_a_quotation_is_the_body_that_says_it(events) -> None:
    text = "“Our units were able to wage an operation against the cell,” the Kestrel Front said on Monday."
    assert _one(events(text), "operation").source == "Kestrel Front"


def test_we_said_by_a_person_stays_unresolved(events) -> None:
    ev = _one(events("“We attacked the base,” Omar Lang said."), "attacked")
    assert ev.source is None


def test_a_relative_pronoun_after_a_place_is_not_the_place(events) -> None:
    text = "The Kestrel Front claimed the bombing of a hotel in Sirte, Libya, which killed nine guests."
    assert all(e.source != "Libya" for e in events(text))


def test_a_statement_does_not_repeat_an_earlier_ones_speaker(events) -> None:
    text = "Norway accused the Kestrel Front of the bombing. Officials take the new threat seriously."
    assert all(e.source is None for e in events(text) if e.trigger == "threat")


def test_funds_used_for_attacks_are_not_their_target(events) -> None:
    found = events("The charity tells donors that funds will be used to buy weapons and carry out attacks.")
    assert all(e.target != "funds" and e.source != "funds" for e in found)


def test_killed_when_someone_attacked_names_them(events) -> None:
    ev = _one(events("Three guards were killed when Kestrel Front militants stormed the depot."), "killed")
    assert ev.source == "Kestrel Front"


def test_a_body_that_says_it_did_something_did_it(events) -> None:
    ev = _one(events("The Kestrel Front said it had attacked the base near Sirte."), "attacked")
    assert ev.source == "Kestrel Front"


def test_a_body_that_says_someone_else_acted_did_not(events) -> None:
    ev = _one(events("The Kestrel Front said the police arrested its members in Sirte."), "arrested")
    assert ev.source != "Kestrel Front"


def test_an_attack_on_y_by_x(events) -> None:
    ev = _one(events("An attack on a police station by the Kestrel Front left five dead."), "attack")
    assert (ev.source, ev.target) == ("Kestrel Front", "police station")


def test_the_militants_are_the_armed_group_just_named(events) -> None:
    found = events("Kestrel Front fighters raided the village. The militants burned homes and abducted ten girls.")
    assert _one(found, "burned").source == "Kestrel Front"


def test_the_soldiers_are_not_the_armed_group_just_named(events) -> None:
    found = events("The Kestrel Front attacked the base. The soldiers killed two attackers.")
    assert _one(found, "killed").source != "Kestrel Front"


def test_we_in_a_statement_is_the_body_it_opens_with(events) -> None:
    text = "Canada deplores the Kestrel Front raid on Sirte. We stand with the people of Libya."
    assert _one(events(text), "stand").source == "Canada"


def test_we_in_a_paragraph_with_a_quotation_is_left_alone(events) -> None:
    text = "Canada deplores the raid on Sirte.\n\n“We stand with the people,” a resident said."
    assert _one(events(text), "stand").source is None


def test_accused_of_an_attack_makes_the_accused_its_doer_not_the_accuser(events) -> None:
    ev = _one(events("Norway accused the Kestrel Front of carrying out the attack."), "attack")
    assert ev.source == "Kestrel Front" and ev.modality != "asserted"


def test_a_gerund_after_after_keeps_the_subject(events) -> None:
    ev = _one(events("Omar Lang wounded a guard after opening fire."), "opening")
    assert ev.source == "Omar Lang"


def test_blamed_for_an_attack(events) -> None:
    ev = _one(events("Norway blamed the Kestrel Front for the attack on the embassy."), "attack")
    assert ev.source == "Kestrel Front"


def test_militants_loyal_to_a_group_are_the_group(events) -> None:
    ev = _one(events("Militants loyal to the Kestrel Front attacked a checkpoint."), "attacked")
    assert ev.source == "Kestrel Front"


def test_a_bombing_claimed_by_a_group_in_a_relative_clause(events) -> None:
    ev = _one(events("The bombing, which was claimed by the Kestrel Front, left twelve dead."), "bombing")
    assert ev.source == "Kestrel Front"


def test_an_unknown_name_modifying_a_bombing_is_no_doer_and_lends_none(events) -> None:
    text = "Omar Lang planned the ZXQ bombing in Eastport. Later, the attack on the ZXQ building was praised."
    found = events(text)
    assert all(e.source != "ZXQ" for e in found if e.trigger in ("bombing", "attack"))


def test_support_does_not_pass_between_the_people_of_a_release(events) -> None:
    text = (
        "Omar Lang provided weapons to the Kestrel Front.\n\n"
        "Tariq Mansoor was designated for providing support to the Sand Vipers, including weapons."
    )
    assert all(e.source != "Omar Lang" for e in events(text) if "Tariq" in e.sentence)
