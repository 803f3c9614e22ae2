"""Arguments of designation narratives by construction (issue 11, session 13): releases tell who did
what through possessors, "for" grounds, control and surnames. Invented text; each test names the
mechanism it holds."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.extract.events_actors import surnames_as_people
from threatgraph.model import Event, Mention

from .conftest import event_reader, events_with


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def _one(found: list[Event], trigger: str) -> Event:
    return events_with(found, trigger)[0]


def test_a_possessor_with_an_of_object_is_the_doer(events) -> None:
    # "X's arrest" alone makes X the one arrested; with "of Y" taking the patient, X arrests
    found = _one(events("Ruritania's arrest of Jan Kowalczyk drew protests."), "arrest")
    assert (found.source, found.target) == ("Ruritania", "Jan Kowalczyk")


def test_a_possessor_alone_is_still_the_patient(events) -> None:
    found = [e for e in events("Jan Kowalczyk's arrest drew protests.") if e.trigger == "arrest"]
    assert all(e.source != "Jan Kowalczyk" for e in found)


def test_a_named_lists_possessor_lists(events) -> None:
    found = _one(events("The Kestrel Front was added to the European Union's Consolidated Sanctions List."), "added")
    assert (found.source, found.target) == ("European Union", "Kestrel Front")


def test_talks_between_two_sides_name_both(events) -> None:
    found = _one(
        events("Jan Kowalczyk arranged meetings between Piotr Nowacki and government officials from several nations."),
        "meetings",
    )
    assert found.source == "Piotr Nowacki"  # not the arranger, not "nations" from the "from" phrase
    assert found.target is not None and "officials" in found.target


def test_a_measures_for_names_what_its_patient_did(events) -> None:
    text = (
        "The Kestrel Front and its leader, Jan Kowalczyk, are sanctioned under several decrees, "
        "including for support of the Northern Army."
    )
    support = {(e.source, e.target) for e in events(text) if e.trigger == "support"}
    assert ("Kestrel Front", "Northern Army") in support


def test_an_act_noun_object_controls_nothing(events) -> None:
    # "took action to disrupt … by designating": the ministry designates, not "action"
    text = (
        "The Ministry of Finance took action today to disrupt the Kestrel Front's networks "
        "by designating Jan Kowalczyk."
    )
    found = _one(events(text), "designating")
    assert (found.source, found.target) == ("Ministry of Finance", "Jan Kowalczyk")


def test_a_person_object_still_controls(events) -> None:
    found = _one(events("The Kestrel Front sent Jan Kowalczyk to attack the Northern Army."), "attack")
    assert found.source == "Jan Kowalczyk"


def _mention(doc, start: int, end: int, label: str, group: int) -> Mention:
    span = doc[start:end]
    return Mention(span.start_char, span.end_char, span.text, label, span.text.lower(), "", 0, group, span.text)


def test_a_surname_typed_as_a_place_reads_as_the_person(nlp: Language) -> None:
    doc = nlp("Amadou Issa Kidal was designated. Kidal led the raid. The troops stayed in Kidal.")
    mentions = [
        _mention(doc, 0, 3, "Person", 0),
        _mention(doc, 6, 7, "Location", 1),
        _mention(doc, 15, 16, "Location", 1),
    ]
    spans = [doc.char_span(m.start, m.end) for m in mentions]
    out = surnames_as_people(mentions, spans)
    assert (out[1].label, out[1].group, out[1].canonical) == ("Person", 0, "Amadou Issa Kidal")
    assert out[2].label == "Location"  # "in Kidal" is where


def test_a_surname_two_people_share_stays_a_place(nlp: Language) -> None:
    doc = nlp("Amadou Kidal and Moussa Kidal were designated. Kidal led the raid.")
    mentions = [_mention(doc, 0, 2, "Person", 0), _mention(doc, 3, 5, "Person", 1), _mention(doc, 8, 9, "Location", 2)]
    spans = [doc.char_span(m.start, m.end) for m in mentions]
    assert surnames_as_people(mentions, spans)[2].label == "Location"


def test_a_participation_verb_reaches_through_wrapping_nouns(events) -> None:
    text = (
        "Kestrel Front personnel have engaged in an ongoing pattern of serious criminal activity, "
        "including mass executions and child abductions in Ruritania."
    )
    assert {e.source for e in events(text) if e.type == "ASSAULT"} == {"Kestrel Front"}


def test_a_report_of_attacks_names_no_attacker(events) -> None:
    found = events("The Ministry of Finance released reports of attacks on the Northern Army.")
    assert all(e.source != "Ministry of Finance" for e in found if e.type == "ASSAULT")


def test_a_relative_clause_on_a_predicate_noun_is_its_subjects(events) -> None:
    text = (
        "As of July 2013, Jan Kowalczyk was a Kestrel Front commander who represented the group "
        "in negotiations with the Ruritanian government."
    )
    assert _one(events(text), "negotiations").source == "Jan Kowalczyk"  # not the Front he commands


def test_a_relative_clause_on_a_carried_out_act_is_the_carriers(events) -> None:
    text = "In February, Ruritanian forces conducted a daring mission in Eastland that eliminated the Front's emir."
    assert _one(events(text), "eliminated").source == "Ruritanian forces"  # not "daring mission"


def test_goods_given_do_nothing_themselves(events) -> None:
    found = events("The Northern Army provided rockets that hit the Kestrel Front.")
    assert all(e.source != "Northern Army" for e in found if e.type == "ASSAULT")


def test_a_fronted_from_phrase_is_no_object_control(events) -> None:
    text = "From kidnapping schoolgirls to mass fatality attacks, the Kestrel Front represents a threat to society."
    assert _one(events(text), "kidnapping").source == "Kestrel Front"  # not "threat"


def test_a_grounds_possessive_is_the_measures_patient(events) -> None:
    # "its" is the designated party, not the nearer subject that designates
    text = (
        "The Ministry of Finance designated the Northern Guard in 2016 for its role in perpetrating "
        "violence on the Eastland people."
    )
    assert _one(events(text), "violence").source == "Northern Guard"


def test_a_passive_conjunct_takes_the_active_subject_as_patient(events) -> None:
    found = _one(events("Jan Kowalczyk fled to Eastland and was captured by the Northern Army."), "captured")
    assert (found.source, found.target) == ("Northern Army", "Jan Kowalczyk")


def test_a_release_speaks_in_the_present_whatever_the_parse_takes_for_an_auxiliary(events) -> None:
    text = (
        "Today, the Ministry of Finance of Ruritania designated two financiers of the Kestrel Front.\n\n"
        "Fly Eastland is being designated for having assisted the Kestrel Front."
    )
    found = [e for e in events(text) if e.trigger == "designated" and e.sentence.startswith("Fly")]
    assert all(e.source == "Ministry of Finance" for e in found)


def test_coordinated_passives_share_the_last_agent(events) -> None:
    text = "The two gunmen wounded a guard, but were shot and killed by a police officer on the scene."
    found = _one(events(text), "shot")
    assert found.source is not None and "officer" in found.source


def test_a_list_parsed_as_its_owners_apposition_still_has_the_owner(events) -> None:
    text = (
        "Jan Kowalczyk joined the Kestrel Front in 2012. "
        "In 2015, he was placed on the United Nations (UNSCR 1267) sanctions list."
    )
    found = _one(events(text), "placed")
    assert (found.source, found.target) == ("United Nations", "Jan Kowalczyk")
