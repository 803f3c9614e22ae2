"""Doers given through a charge, a coordinated gerund and other indirect wording (invented text, session 16)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.dates import normalise

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


def test_a_hedged_start_reads_as_the_date_written() -> None:
    got = normalise("since at least 2016", date(2022, 5, 4))
    assert got is not None and (got.start, got.end) == (date(2016, 1, 1), date(2022, 5, 4))
    early = normalise("as early as March 2013", date(2022, 5, 4))
    assert early is not None and (early.start, early.end) == (date(2013, 3, 1), date(2013, 3, 31))


def test_later_that_month_falls_in_the_month_named_before(events) -> None:
    text = (
        "The Kestrel Front raided a customs post near Sirte on 9 August 2019. "
        "Later that month, the Kestrel Front kidnapped a judge in Tobruk."
    )
    ev = events_with(events(text), "kidnapped")[0]
    assert ev.date is not None and (ev.date.start, ev.date.end) == (date(2019, 8, 1), date(2019, 8, 31))


def test_a_definite_description_repeats_the_name_it_was_said_of(events) -> None:
    text = "Tomas Quell is a cleric in Sirte. The cleric has recruited fighters for the Kestrel Front."
    assert [e.source for e in events_with(events(text), "recruited")] == ["Tomas Quell"]


def test_a_description_said_of_two_names_stays_unresolved(events) -> None:
    text = (
        "Tomas Quell is a cleric in Sirte. Ilse Varga is a cleric in Tobruk. "
        "The cleric recruited fighters for the Kestrel Front."
    )
    assert all(e.source is None for e in events_with(events(text), "recruited"))


def test_the_pair_are_the_two_people_named_together_before(events) -> None:
    text = "Police in Sirte arrested Tomas Quell and Ilse Varga. The pair had smuggled rifles to the Kestrel Front."
    assert {e.source for e in events_with(events(text), "smuggled")} == {"Tomas Quell", "Ilse Varga"}


def test_the_two_after_a_list_of_three_stays_unresolved(events) -> None:
    text = (
        "Tomas Quell, Ilse Varga and Oskar Lind ran a money exchange in Sirte. "
        "The two have sent money to the Kestrel Front."
    )
    assert all(e.source is None for e in events_with(events(text), "sent"))


def test_each_designated_party_did_what_its_own_grounds_say(events) -> None:
    text = (
        "The Ministry of Justice designated Ilse Varga for providing financial support to the Kestrel Front"
        " and Tomas Quell for recruiting fighters for the Front."
    )
    found = events(text)
    assert {e.source for e in events_with(found, "recruiting")} == {"Tomas Quell"}
    assert {e.target for e in events_with(found, "providing")} == {"Kestrel Front"}
    assert {e.target for e in events_with(found, "designated")} == {"Ilse Varga", "Tomas Quell"}


def test_a_purpose_after_two_recipients_leaves_them_both_recipients(events) -> None:
    text = (
        "Treasury designated Tomas Quell for providing funds to the Kestrel Front"
        " and the Sirte Brigade for buying rifles."
    )
    assert {e.target for e in events_with(events(text), "providing")} == {"Kestrel Front", "Sirte Brigade"}


def test_a_past_perfect_does_not_take_the_date_of_the_sentence_before(events) -> None:
    text = "Tomas Quell was detained in Sirte in May 2018. He had smuggled rifles to the Kestrel Front."
    ev = events_with(events(text), "smuggled")[0]
    assert ev.date is None


def test_a_later_clause_does_not_take_the_date_of_the_sentence_before(events) -> None:
    text = (
        "In 2015, Tomas Quell joined the Kestrel Front. He later became its treasurer and sent money to its fighters."
    )
    ev = events_with(events(text), "sent")[0]
    assert ev.date is None


def test_a_plain_past_sentence_still_takes_the_paragraphs_date(events) -> None:
    text = "The Kestrel Front raided a customs post near Sirte in May 2018. The Front kidnapped two guards."
    ev = events_with(events(text), "kidnapped")[0]
    assert ev.date is not None and (ev.date.start, ev.date.end) == (date(2018, 5, 1), date(2018, 5, 31))


def test_since_then_runs_from_the_date_named_before_to_publication(events) -> None:
    text = (
        "The Kestrel Front raided a customs post near Sirte on 9 August 2019. "
        "Since then, the Front has kidnapped dozens of travellers."
    )
    ev = events_with(events(text), "kidnapped")[0]
    assert ev.date is not None and (ev.date.start, ev.date.end) == (date(2019, 8, 9), date(2021, 6, 10))


def test_a_dateline_parsed_as_subject_gives_the_body_as_the_doer(events) -> None:
    text = (
        "OSLO — The Norwegian Ministry of Justice's Office of Financial Enforcement (OFE) today sanctioned Tomas Quell."
    )
    ev = events_with(events(text), "sanctioned")[0]
    assert ev.source is not None and "Enforcement" in ev.source


def test_a_capitalised_today_after_a_dateline_dates_the_measure(events) -> None:
    text = "OSLO - Today, the Norwegian Ministry of Justice sanctioned Tomas Quell."
    ev = events_with(events(text), "sanctioned")[0]
    assert ev.date is not None and (ev.date.start, ev.date.end) == (date(2021, 6, 10), date(2021, 6, 10))


def test_a_measure_on_members_is_not_a_measure_on_their_group(events) -> None:
    found = events("Today, the Ministry of Justice sanctioned two Kestrel Front couriers.")
    assert all(e.target != "Kestrel Front" for e in events_with(found, "sanctioned"))
    raid = events_with(events("Kestrel Front fighters raided a customs post in Sirte."), "raided")
    assert [e.source for e in raid] == ["Kestrel Front"]  # members who act still stand for their group
