"""Type constraints on event arguments (issue 11, session 15): whom a PLOVER type can be done to or by.
Invented text; each test names the constraint."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from threatgraph.extract.events_args import noun_args, subject

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def test_support_of_an_activity_is_support_of_its_owner(events) -> None:
    found = events("Brightwater Trading has supported the operations of the Kestrel Front since 2019.")
    assert {e.target for e in events_with(found, "supported")} == {"Kestrel Front"}


def test_support_of_a_possessed_activity_helps_the_possessor(events) -> None:
    found = events("Brightwater Trading financed the Kestrel Front's recruitment drives in the north.")
    assert {e.target for e in events_with(found, "financed")} == {"Kestrel Front"}


def test_an_actor_object_stays_the_target(events) -> None:
    # "the people of X" can be helped themselves: the owner rule is for activities only
    found = events("The Eastland Relief Fund supported the families of the victims.")
    assert all(e.target != "victims" for e in events_with(found, "supported"))


def test_a_measure_supports_no_one(events) -> None:
    # "These designations support a strategy": an act of law is no supporter (PLOVER SUPPORT needs an actor)
    found = events("These designations support the government's strategy to counter the Kestrel Front.")
    assert not [e for e in found if e.trigger == "support"]


def test_a_country_an_act_is_on_is_its_target(events) -> None:
    found = events("The Kestrel Front's attack on Moldova killed twelve soldiers.")
    assert {e.target for e in events_with(found, "attack")} == {"Moldova"}


def test_a_country_one_is_in_stays_a_place(events) -> None:
    found = events("The Kestrel Front attacked a convoy in Moldova.")
    assert all(e.target != "Moldova" for e in events_with(found, "attacked"))


def test_a_measure_object_is_a_party_however_worded(events) -> None:
    found = events("The Ministry of Finance of Ruritania has sanctioned numerous entities in the region.")
    assert {e.target for e in events_with(found, "sanctioned")} == {"numerous entities"}


def test_a_bare_plural_measure_object_is_anyone(events) -> None:
    # "the power to designate persons": persons of the kind, no one in particular
    found = events("The ministry's power to designate persons derives from the statute.")
    assert not [e for e in found if e.trigger == "designate" and e.target]


def test_an_infinitive_on_a_noun_is_not_done_to_it(events) -> None:
    # "a cell to kidnap foreigners": the cell is for kidnapping, nobody kidnaps the cell
    text = "The Kestrel Front directed its members to develop a cell to kidnap or attack foreigners in Eastland."
    found = events(text)
    assert all(e.target != "cell" for e in found if e.trigger == "kidnap")


def test_grounds_hung_on_a_complement_still_name_the_patient_as_doer(nlp: Language) -> None:
    # a fixed parse as the model often gives it: "for providing" hung on "pursuant", not on the verb;
    # the grounds are still the measure's, so its patient provides (and gets the nominal act too)
    words = [
        "OFAC",
        "designated",
        "Kestrel",
        "as",
        "an",
        "SDGT",
        "pursuant",
        "to",
        "Decree",
        "7",
        "for",
        "providing",
        "support",
    ]
    heads = [1, 1, 1, 1, 5, 3, 5, 6, 7, 8, 5, 10, 11]
    deps = ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "amod", "prep", "pobj", "nummod", "prep", "pcomp", "dobj"]
    pos = ["PROPN", "VERB", "PROPN", "ADP", "DET", "PROPN", "ADJ", "ADP", "PROPN", "NUM", "ADP", "VERB", "NOUN"]
    lemmas = [
        "OFAC",
        "designate",
        "Kestrel",
        "as",
        "a",
        "SDGT",
        "pursuant",
        "to",
        "Decree",
        "7",
        "for",
        "provide",
        "support",
    ]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert [t.text for t in subject(doc[11])] == ["Kestrel"]
    assert [t.text for t in noun_args(doc[12]).sources] == ["Kestrel"]


def test_a_common_noun_owner_of_an_act_is_its_doer(events) -> None:
    # the act is the bandits' own: it neither borrows the Front's doer nor goes without one
    text = "The Kestrel Front's attack on Eastport was condemned. Officials also reported the bandits' attacks."
    found = events(text)
    assert {e.source for e in events_with(found, "attacks")} == {"bandits"}


def test_resources_handed_to_someone_name_the_helped(events) -> None:
    found = events("In 2019 Jan Kowalczyk distributed money to the Kestrel Front in the north.")
    assert {e.target for e in events_with(found, "distributed")} == {"Kestrel Front"}


def test_holdings_taken_from_someone_hit_their_owner(events) -> None:
    found = events("Kestrel Front fighters confiscated land and other property from residents in 2020.")
    assert {e.target for e in events_with(found, "confiscated")} == {"residents"}


def test_a_thing_moved_does_not_do_the_purpose(events) -> None:
    # "sent funds to support X": the funds support nobody, the sender does
    found = events("Jan Kowalczyk sent funds to support the Kestrel Front in 2018.")
    assert {e.source for e in events_with(found, "support")} == {"Jan Kowalczyk"}
