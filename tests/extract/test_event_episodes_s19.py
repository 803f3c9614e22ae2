"""Dates that belong to another happening of the paragraph or the lead (session 19, issue 11; invented texts).

A paragraph's date is written for the happening it dates; a later undated mention of a kind of happening the
paragraph set apart in time ("met on Wednesday after the bombing") is that earlier happening again, not the
meeting. A lead's date carried by kind of happening yields to a mention of the same site that has a date of
its own, and so does the lead's place carried with it."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Span

from threatgraph.extract.events import extract_events
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Article

from .conftest import analyser, events_with

PUBLISHED = date(2026, 3, 14)  # a Saturday


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


def _day(event) -> tuple[date | None, date | None] | None:
    return None if event.date is None else (event.date.start, event.date.end)


def test_a_later_mention_of_a_happening_set_apart_keeps_no_paragraph_date(analyse) -> None:
    text = (
        "The Ruritanian cabinet met on Wednesday in Strelsau following the bombing of the Freedonian consulate, "
        "which has killed nine people. Three guards died in the consulate bombing."
    )
    events = analyse(text).events
    met = events_with(events, "met")[0]
    assert _day(met) == (date(2026, 3, 11),) * 2
    died = [e for e in events if e.trigger in ("died", "bombing") and "guards" in e.sentence]
    assert died
    assert all(e.date is None or e.date.start != date(2026, 3, 11) for e in died)  # not the meeting's Wednesday


def test_a_later_mention_of_the_paragraphs_own_happening_keeps_its_date(analyse) -> None:
    text = "Gunmen bombed a bus depot in Strelsau on Wednesday. Three guards were killed in the blast."
    killed = events_with(analyse(text).events, "killed")[0]
    assert _day(killed) == (date(2026, 3, 11),) * 2


def test_a_same_site_mention_overrides_the_lead_date_and_place_carried_to_it(analyse) -> None:
    text = (
        "STRELSAU, Ruritania (AP) _\n\n"
        "Ruritanian jets struck rebel camps in Zenda on Thursday.\n\n"
        "The consulate bombing, on March 2, killed 40 people in Eastport.\n\n"
        "Officials said the camps were linked with the consulate attack."
    )
    events = analyse(text).events
    attack = [e for e in events_with(events, "attack") if "linked" in e.sentence]
    assert attack
    assert _day(attack[0]) == (date(2026, 3, 2),) * 2  # not the lead's Thursday
    assert attack[0].place != "Zenda"


def test_a_dated_description_does_not_take_the_doer_of_another_happening(analyse) -> None:
    text = (
        "Ruritania launched an air raid on rebel camps in Zenda on Tuesday. "
        "Officials said the raid was not linked with the March 2 bombings in Eastport."
    )
    events = analyse(text).events
    assert events_with(events, "raid")[0].source == "Ruritania"
    bombings = events_with(events, "bombings")
    assert bombings and all(e.source is None for e in bombings)  # the raid's doer did not bomb Eastport


def test_a_dated_instance_of_an_earlier_plural_keeps_its_doer(analyse) -> None:
    text = (
        "Since 2010, the Kestrel Front has carried out numerous attacks. "
        "They include the 2014 bombings of a fuel depot in Eastport."
    )
    bombings = events_with(analyse(text).events, "bombings")
    assert bombings and bombings[0].source == "Kestrel Front"


def test_someone_is_nobody_the_text_names(analyse) -> None:
    text = (
        "The Kestrel Front denied any role. "
        "Someone planted a bomb under a car in Eastport on Monday, killing two people."
    )
    killing = events_with(analyse(text).events, "killing")
    assert killing and all(e.source is None for e in killing)  # not the Front, which denied it


def test_a_clause_subject_that_names_no_doer_is_not_filled_in(analyse) -> None:
    text = (
        "Police questioned the Kestrel Front's leader on Monday. Whoever fired the shot killed two guards in Eastport."
    )
    events = analyse(text).events
    assert all(e.source is None for e in events_with(events, "fired") + events_with(events, "killed"))


def test_earlier_in_the_day_is_the_day_of_the_clause_it_leans_on(analyse) -> None:
    text = "On Friday Ruritania's envoy denounced the shelling that wounded nine nurses in Eastport earlier in the day."
    events = analyse(text).events
    for word in ("shelling",):
        found = events_with(events, word)
        assert found and _day(found[0]) == (date(2026, 3, 13),) * 2, word


def test_a_capitalised_structure_modifying_an_attack_is_what_was_hit(analyse) -> None:
    text = "Ruritanian officials blamed the Kestrel Front for the Hotel bombing in Eastport on Monday."
    bombing = events_with(analyse(text).events, "bombing")
    assert all(e.source != "Hotel" for e in bombing)
    assert any(e.target == "Hotel" for e in bombing)


def test_a_planned_attack_lends_no_doer_to_a_later_description(nlp: Language) -> None:
    text = (
        "Gunmen loyal to the Kestrel Front intend to attack a dam next spring, a minister warned. "
        "Hotel owners in Eastport said the bombing had driven tourists away."
    )
    doc = nlp(text)
    rules = extract_events(doc, extract_mentions(doc), Article(text=text, published=PUBLISHED), choose_doers=False)
    assert events_with(rules, "attack")[0].modality == "hypothetical"
    assert all(e.source is None for e in events_with(rules, "bombing"))  # the rules lend it no doer


def test_a_day_before_the_noun_dates_it_whatever_the_model_tagged(nlp: Language) -> None:
    # a day of the last season (events_year: a day further back, in an earlier year, leaves its year open)
    text = "Few pilgrims cancelled because of the Jan. 4 Cathedral bombings in Eastport, which left nine dead."
    doc = nlp(text)
    # the model sometimes takes such a day for part of an event's name: tag it so, as it did on real text
    doc.ents = [Span(doc, e.start, e.end, label="EVENT") if e.label_ == "DATE" else e for e in doc.ents]
    found = extract_events(doc, extract_mentions(doc), Article(text=text, published=PUBLISHED))
    assert _day(events_with(found, "bombings")[0]) == (date(2026, 1, 4),) * 2
