"""Event arguments by construction (issue 11, session 11): who did it when the sentence says so
only through its grammar or through the document. Invented text; each test names the mechanism."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatgraph.model import Event

from .conftest import event_reader


@pytest.fixture(scope="module")
def events(nlp: Language):
    return event_reader(nlp)


def _on(found: list[Event], opening: str, trigger: str) -> Event:
    """The event of ``trigger`` in the sentence that opens with ``opening``."""
    hits = [e for e in found if e.trigger == trigger and e.sentence.startswith(opening)]
    assert hits, [(e.trigger, e.source, e.target, e.sentence[:30]) for e in found]
    return hits[0]


RELEASE = (
    "Today, the Ministry of Finance of Ruritania designated two financiers of the Kestrel Front.\n\n"
    "Jan Kowalczyk is being designated for having acted for or on behalf of the Kestrel Front. "
    "Piotr Nowacki is designated for having assisted the group.\n\n"
    "This action freezes the assets of both men.\n\n"
    "The Kestrel Front was designated as a terrorist group in 2015."
)


def test_a_release_performs_its_measures_in_its_own_voice(events) -> None:
    found = events(RELEASE)
    for opening in ("Jan Kowalczyk", "Piotr Nowacki"):
        assert _on(found, opening, "designated").source == "Ministry of Finance"
    assert _on(found, "This action", "freezes").source == "Ministry of Finance"


def test_a_past_measure_keeps_its_unknown_author(events) -> None:
    # "was designated in 2015": a historical act the release does not attribute
    assert _on(events(RELEASE), "The Kestrel Front was", "designated").source is None


def test_no_issuer_no_borrowed_doer(events) -> None:
    found = events("Jan Kowalczyk is designated for having assisted the Kestrel Front, the paper reported.")
    assert all(e.source is None for e in found if e.type == "SANCTION")


def test_a_list_of_acts_shares_its_governor(events) -> None:
    found = events("The Kestrel Front has been involved in extortion, abductions and killings in the north.")
    assaults = [e for e in found if e.type == "ASSAULT"]  # one happening of the sentence, however many triggers
    assert assaults
    assert {e.source for e in assaults} == {"Kestrel Front"}


def test_a_predicate_noun_acts_for_its_named_subject(events) -> None:
    found = events("The Kestrel Front is a militant group that provides weapons training to foreign recruits.")
    assert _on(found, "The Kestrel Front", "training").source == "Kestrel Front"


def test_an_infinitive_under_a_subjectless_verb_takes_that_verbs_doer(events) -> None:
    found = events(
        "The Kestrel Front is a militant group that trains recruits and plays a role in attempting to "
        "kidnap Ruritanian officials."
    )
    assert _on(found, "The Kestrel Front", "kidnap").source == "Kestrel Front"


@pytest.mark.parametrize(
    "text",
    [
        "Jan Kowalczyk served a prison sentence for his role in the 2017 bombing of a Ruritanian market.",
        "Jan Kowalczyk was the mastermind behind the bombing of a Ruritanian market.",
        "Jan Kowalczyk played a leading role in the bombing of a Ruritanian market.",
        "Jan Kowalczyk was responsible for ordering the bombing of a Ruritanian market.",
    ],
)
def test_who_held_a_role_in_an_act_did_it(events, text: str) -> None:
    assert _on(events(text), "Jan Kowalczyk", "bombing").source == "Jan Kowalczyk"


def test_a_first_person_doer_is_never_replaced_by_anothers(events) -> None:
    found = events(
        "The Kestrel Front carried out a strike on a Ruritanian market in May.\n\n"
        "Last week, I authorized a strike on the Front's training camp."
    )
    assert _on(found, "Last week", "strike").source != "Kestrel Front"


def test_a_subject_pronoun_continues_the_subject_before_it(events) -> None:
    found = events(
        "Jan Kowalczyk was Piotr Nowacki's deputy. He was his closest aide for a decade. "
        "For years, he directed attacks on Ruritanian soldiers."
    )
    assert _on(found, "For years", "attacks").source == "Jan Kowalczyk"


def test_a_date_naming_an_attack_is_no_doer(events) -> None:
    found = events("Jan Kowalczyk had a leading role in a January 2019 attack on a Ruritanian police post.")
    assert _on(found, "Jan Kowalczyk", "attack").source == "Jan Kowalczyk"


def test_a_mans_followers_are_not_the_man(events) -> None:
    found = events("In a video, Jan Kowalczyk urged his followers to attack Ruritanian soldiers.")
    assert _on(found, "In a video", "attack").source != "Jan Kowalczyk"


def test_whose_effort_an_infinitive_names_does_it(events) -> None:
    found = events("The Kestrel Front failed in its efforts to conduct a raid on the Sirte prison.")
    assert _on(found, "The Kestrel Front", "raid").source == "Kestrel Front"


def test_an_instance_and_a_dated_attack_share_their_clause(events) -> None:
    found = events(
        "Jan Kowalczyk supervised Kestrel Front operations, including suicide bombings and assassinations. "
        "Piotr Nowacki helped organize the August 26, 2011 suicide attack on the Sirte police headquarters."
    )
    assert _on(found, "Jan Kowalczyk", "bombings").source in ("Jan Kowalczyk", "Kestrel Front")
    assert _on(found, "Piotr Nowacki", "attack").source == "Piotr Nowacki"


def test_an_abbreviation_before_a_hyphen_is_a_name_of_its_own(nlp: Language, events) -> None:
    assert [t.text for t in nlp.tokenizer("the U.S.-backed force")] == ["the", "U.S.", "-", "backed", "force"]
    found = events("Kestrel Front fighters attacked the U.S.-backed Ruritanian Defense Forces near Sirte.")
    backed = [e for e in found if e.trigger == "backed"]
    assert backed
    assert backed[0].source == "U.S."


def test_which_is_never_said_of_people(events) -> None:
    found = events("The Kestrel Front has carried out attacks against civilians, which killed dozens.")
    killed = _on(found, "The Kestrel Front", "killed")
    assert killed.source == "Kestrel Front"  # the attacks killed, by the Front; never "civilians"


def test_a_designation_only_one_body_may_make_is_that_bodys(events) -> None:
    found = events(
        "The Kestrel Front was designated as a Foreign Terrorist Organization in 2015. "
        "The Sirte Brigade was designated as a terrorist group in 2016."
    )
    assert _on(found, "The Kestrel Front", "designated").source == "Department of State"
    assert _on(found, "The Sirte Brigade", "designated").source is None  # many bodies list terrorist groups


def test_a_passive_agent_hung_on_the_role_is_still_the_agent(events) -> None:
    found = events("The Sirte Brigade was listed as a terrorist entity by Canada in 2016.")
    assert _on(found, "The Sirte Brigade", "listed").source == "Canada"
