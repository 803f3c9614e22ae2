"""False events and dates in designation releases and speeches (invented sentences, issue 11).

A law's scope, a statute's list of alternatives, "demonstrated its resolve", a danger to "the peace",
one person moving house: none is an event. Present-tense announcements happen on the publication
day; a date written inside the noun phrase dates that noun; two dates in one sentence are two
happenings; a name like "9/11" is a day.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.model import Event

from .conftest import analyser

PUB = date(2023, 5, 10)


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUB)


def _of(events: list[Event], trigger: str) -> list[Event]:
    return [e for e in events if e.trigger == trigger]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # what a law covers
        (
            "The Ministry listed the Red Hand Brigade under Order 12, as revised, which targets "
            "rebels and those providing money to rebels.",
            "targets",
        ),
        (
            "The Ministry listed the Red Hand Brigade under Order 12, as revised, which targets "
            "rebels and those providing money to rebels.",
            "providing",
        ),
        # a statute's alternatives, not what happened
        (
            "Ivo Marten is designated for having funded, armed, or provided money, weapons, "
            "or other support to the Red Hand Brigade.",
            "provided",
        ),
        (
            "Ivo Marten is designated for having funded, armed, or provided money, weapons, "
            "or other support to the Red Hand Brigade.",
            "support",
        ),
        # anyone at all
        ("Ruritania will pursue the Red Hand Brigade, and all who fund them risk sanctions.", "fund"),
        # other senses of protest and threat verbs
        ("The Ruritanian navy demonstrated its resolve in the strait.", "demonstrated"),
        ("The Red Hand Brigade still threatens the security and prosperity of Ruritania.", "threatens"),
        # one person moving house
        ("In 2019 he moved to Eastport to live with his wife.", "moved"),
    ],
)
def test_no_event(analyse, text: str, trigger: str) -> None:
    found = _of(analyse(text).events, trigger)
    assert not found, [(e.type, e.source, e.target) for e in found]


def test_real_events_beside_the_non_events_stay(analyse) -> None:
    a = analyse(
        "Ivo Marten is designated for having provided weapons to the Red Hand Brigade. "
        "The Red Hand Brigade threatened to attack Eastport. Protesters demonstrated in Eastport on Monday. "
        "Ruritania moved troops to the border with Eastland."
    )
    types = {(e.trigger, e.type) for e in a.events}
    assert ("designated", "SANCTION") in types
    assert ("threatened", "THREATEN") in types
    assert ("demonstrated", "PROTEST") in types
    assert ("moved", "DEPLOY") in types


def test_rallying_people_is_mobilising_them(analyse) -> None:
    found = _of(analyse("The Red Hand Brigade tried to rally Ruritanian youths into a common front.").events, "rally")
    assert found and {e.type for e in found} == {"MOBILIZE"}


def test_a_cue_word_elsewhere_in_the_sentence_does_not_retype_the_verb(analyse) -> None:
    a = analyse(
        "The Ministry designated the Red Hand Brigade, whose fighters targeted a police checkpoint in Eastport."
    )
    found = _of(a.events, "targeted")
    assert found and {e.type for e in found} == {"ASSAULT"}


def test_a_participle_in_the_designation_clause_is_the_sanction(analyse) -> None:
    found = _of(analyse("Firms targeted this week are being designated by the Ministry.").events, "targeted")
    assert all(e.type == "SANCTION" for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Finance is designating the Red Hand Brigade under Order 12.",
        "Ivo Marten is being designated by the Ministry of Finance for leading the Red Hand Brigade.",
        "The Eastland Council is imposing fresh sanctions on the Red Hand Brigade.",
    ],
)
def test_a_present_announcement_happens_on_the_publication_day_said_as_such(analyse, text: str) -> None:
    found = [e for e in analyse(text).events if e.type == "SANCTION"]
    assert found
    for e in found:
        assert e.date is not None and (e.date.start, e.date.end) == (PUB, PUB)
        assert e.date.note and "publication" in e.date.note
    assert all(e.date is None for e in analyse(text, published=None).events if e.type == "SANCTION")


@pytest.mark.parametrize(
    ("text", "trigger", "day"),
    [
        ("Ivo Marten led the fighters in the March 3, 2019 attack on the Eastport garrison.", "attack", (2019, 3, 3)),
        ("Ivo Marten planned the June 9, 2014 suicide attack on the Eastport station.", "attack", (2014, 6, 9)),
    ],
)
def test_a_date_inside_the_noun_phrase_dates_the_noun(analyse, text: str, trigger: str, day) -> None:
    found = _of(analyse(text).events, trigger)
    assert found and found[0].date is not None and found[0].date.start == date(*day)


def test_two_dates_in_one_sentence_are_two_happenings(analyse) -> None:
    a = analyse(
        "The Red Hand Brigade was designated by the Ministry on May 2, 2016, and on June 8, 2018 was "
        "designated by the Council."
    )
    days = {e.date.start for e in a.events if e.type == "SANCTION" and e.date is not None}
    assert {date(2016, 5, 2), date(2018, 6, 8)} <= days


def test_a_circumstance_date_dates_the_clause(analyse) -> None:
    a = analyse("During the early 2018 riots in Eastport, the Red Hand Brigade opened fire on demonstrators.")
    found = [e for e in a.events if e.type == "ASSAULT"]
    assert found and found[0].date is not None
    assert (found[0].date.start, found[0].date.end) == (date(2018, 1, 1), date(2018, 4, 30))


def test_no_earlier_date_when_the_sentence_dates_another_happening(analyse) -> None:
    a = analyse(
        "As of January 2011, Ivo Marten commanded the Red Hand Brigade.\n\n"
        "Ivo Marten was arrested in March 2011 and escaped from prison when Brigade fighters attacked the prison."
    )
    found = _of(a.events, "attacked")
    assert found and all(e.date is None or e.date.start != date(2011, 1, 1) for e in found)


def test_a_named_day_is_that_day(analyse) -> None:
    found = _of(analyse("Ivo Marten mourned every life that was lost in the attack of 9/11.").events, "attack")
    assert found and found[0].date is not None and found[0].date.start == date(2001, 9, 11)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Ivo Marten directed fighters to build a cell to abduct or attack foreigners in Eastport.",
            "abduct",
            "hypothetical",
        ),
        ("Ivo Marten built a network to kidnap foreigners in Eastport.", "kidnap", "hypothetical"),
        ("This step to freeze the accounts of the Red Hand Brigade follows its attacks.", "freeze", "asserted"),
        ("Ivo Marten was tasked with carrying out raids on ships in the strait.", "raids", "demanded"),
        (
            "Ivo Marten is committed to continuing attacks on ships in the strait.",
            "attacks",
            "hypothetical",
        ),
        ("The Red Hand Brigade committed attacks against ships in the strait.", "attacks", "asserted"),
        ("Ivo Marten sought training in Eastland before he was expelled by its police.", "expelled", "asserted"),
        ("Ivo Marten plans to flee before Eastland police can arrest him.", "arrest", "hypothetical"),
        ("Ivo Marten released a video urging his supporters to attack the Ruritanian army.", "attack", "demanded"),
        ("The Red Hand Brigade's recent attacks on ships threaten to disrupt trade.", "attacks", "asserted"),
        ("The Red Hand Brigade's persistent attacks on ships threaten to disrupt trade.", "attacks", "asserted"),
    ],
)
def test_modality(analyse, text: str, trigger: str, expected: str) -> None:
    found = _of(analyse(text).events, trigger)
    assert found, [(e.trigger, e.type) for e in analyse(text).events]
    assert found[0].modality == expected


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        ("Red Hand Brigade gunmen hijacked a cargo ship off Eastport on Monday.", "hijacked", "ASSAULT"),
        ("Eastland expelled two Red Hand Brigade organisers on Monday.", "expelled", "COERCE"),
        ("Eastland troops eliminated three Red Hand Brigade commanders near Eastport.", "eliminated", "ASSAULT"),
        ("Ivo Marten distributed money to Red Hand Brigade fighters in Eastport.", "distributed", "SUPPORT"),
    ],
)
def test_more_triggers(analyse, text: str, trigger: str, type_: str) -> None:
    found = _of(analyse(text).events, trigger)
    assert found and found[0].type == type_, [(e.trigger, e.type) for e in analyse(text).events]


def test_eliminating_a_tax_is_no_killing(analyse) -> None:
    assert not _of(analyse("The Eastland Council eliminated the fuel tax in Eastport on Monday.").events, "eliminated")


def test_one_name_of_a_ground_is_not_a_list_of_alternatives(analyse) -> None:
    a = analyse("Ivo Marten is designated for serving or aiding the Red Hand Brigade, which he funded.")
    assert _of(a.events, "designated")


def test_goods_are_a_transfer_only_when_one_is_told(analyse) -> None:
    used = analyse("Red Hand Brigade gunmen attacked ships near Eastport using advanced weapons.")
    assert not [e for e in used.events if e.trigger == "weapons" and e.type == "SUPPORT"]
    sent = analyse("The Red Hand Brigade received weapons from Eastland in March 2021.")
    assert [e for e in sent.events if e.trigger == "weapons" and e.type == "SUPPORT"]


def test_what_a_task_acts_on_exists(analyse) -> None:
    a = analyse("Ivo Marten was tasked by militia commanders with suppressing the protests in Eastport.")
    protests = _of(a.events, "protests")
    assert protests and protests[0].modality == "asserted"
    assert _of(a.events, "suppressing")[0].modality == "demanded"


def test_a_statutes_list_the_parser_breaks_is_still_no_event(analyse) -> None:
    text = (
        "Later, the ministry listed the Kestrel Front under Decree 9 for being behind or complicit in, or having "
        "taken part in, the targeting of farmers, traders, or any villagers through the use of force, or "
        "kidnapping, forced removal, or attacks on clinics, markets, or places where villagers are sheltering."
    )
    events = analyse(text).events
    assert [e.type for e in events] == ["SANCTION"], [(e.trigger, e.type) for e in events]


def test_a_happening_after_the_statutes_list_in_a_new_clause_stays(analyse) -> None:
    text = (
        "The ministry designated the Kestrel Front for having armed, housed, or paid the militia, or lent it "
        "trucks, and on May 2 the militia attacked a police post in Sirte."
    )
    assert _of(analyse(text).events, "attacked")


@pytest.mark.parametrize(
    ("text", "killing"),
    [
        ("The envoy worked with local officials to execute the militia's deployment in Sirte.", False),
        ("The Kestrel Front executed two hostages in Sirte on Monday.", True),
        ("Three soldiers were executed by the Kestrel Front in Sirte.", True),
    ],
)
def test_execute_kills_only_people(analyse, text: str, killing: bool) -> None:
    assert bool([e for e in analyse(text).events if e.trigger.startswith("execute") and e.type == "ASSAULT"]) is killing


def test_this_designation_takes_the_date_of_the_releases_own_act(analyse) -> None:
    text = (
        "Today, the Department of State is designating Rudolf Rassendyll as a Specially Designated Global "
        "Terrorist.\n\nOwing to this designation, banks must freeze his accounts."
    )
    events = [e for e in analyse(text).events if e.trigger == "designation"]
    assert events and all(e.date is not None and e.date.start == PUB and e.date.note for e in events)


def test_the_ground_of_a_measure_does_not_take_the_measures_date(analyse) -> None:
    text = (
        "The ministry listed the Black Hand as a terrorist group under Decree 9 on May 3, 2009 "
        "for providing support to the Kestrel Front."
    )
    events = analyse(text).events
    assert any(e.type == "SANCTION" and e.date and e.date.start == date(2009, 5, 3) for e in events)
    grounds = [e for e in events if e.trigger == "providing"]
    assert grounds and all(e.date is None for e in grounds)


def test_the_ground_keeps_a_date_of_its_own(analyse) -> None:
    events = analyse("The ministry designated Rudolf Rassendyll in 2019 for attacking a police post in 2017.").events
    attacks = [e for e in events if e.trigger == "attacking"]
    assert attacks and all(e.date is not None and e.date.start == date(2017, 1, 1) for e in attacks)


def test_sanctions_as_an_institution_are_no_event(analyse) -> None:
    text = "The strength of Ruritanian sanctions comes from the ministry's reach over banks."
    assert not [e for e in analyse(text).events if e.type == "SANCTION"]
    assert [e for e in analyse("Ruritania imposes sanctions.").events if e.type == "SANCTION"]


def test_a_code_is_not_a_word(analyse) -> None:
    text = "The ministry is also naming two lorries of the Black Hand, with registrations XR-TAB and XR-BAN."
    assert not [e for e in analyse(text).events if e.trigger == "BAN"]


def test_a_known_happening_under_a_generic_doer_stays(analyse) -> None:
    """ "those who were responsible for the bombing of X": the doer is open, the bombing happened."""
    text = "Police vowed to find those who were responsible for the bombing of the Eastport fuel depot."
    found = _of(analyse(text).events, "bombing")
    assert found and found[0].type == "ASSAULT" and found[0].source is None and found[0].target is not None


def test_acts_of_a_kind_under_a_generic_doer_stay_general(analyse) -> None:
    text = "The new law punishes anyone who funds attacks on Ruritanian towns."
    assert not _of(analyse(text).events, "attacks")
