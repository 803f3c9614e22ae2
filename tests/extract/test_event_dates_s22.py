"""Event dates anchored right (session 22, issue 11; invented texts).

A plural definite mention ("the blasts", "the two bombings") refers to every attack the report has dated,
so when they struck two places on one day it takes that day, and none when they were on two days.
Of two dates the parser hangs on one verb, the one written right after its object's phrase is the object's
("condemned Saturday the attacks in X Friday"). A clock time on a named day ("at 10 p.m. Wednesday") is a
date of the sentence. The month of a noun called planned or slated is the plan's, the nearer one.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.dates import date_spans, normalise

from .conftest import analyser, events_with

PUBLISHED = date(2025, 3, 8)  # a Saturday


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


def _day(event) -> tuple[date | None, date | None] | None:
    return None if event.date is None else (event.date.start, event.date.end)


FRIDAY = (date(2025, 3, 7), date(2025, 3, 7))

TWO_PLACES = (
    "A bomb exploded outside the police headquarters in Lagos on Friday, killing nine people.\n\n"
    "Also on Friday, a car bomb exploded near the courthouse in Kano, killing four.\n\n"
)


@pytest.mark.parametrize(
    "last",
    [
        "No group has claimed responsibility for the blasts.",
    ],
)
def test_a_plural_mention_of_attacks_on_two_places_on_one_day_takes_that_day(analyse, last: str) -> None:
    events = analyse(TWO_PLACES + last).events
    plural = [e for e in events if e.type and e.sentence.strip() == last and e.trigger.endswith("s")]
    assert plural, [(e.trigger, e.sentence) for e in events]
    assert _day(plural[0]) == FRIDAY
    assert plural[0].date is not None and plural[0].date.note  # carried, and says so


def test_a_plural_mention_takes_nothing_when_the_attacks_were_on_two_days(analyse) -> None:
    text = (
        "A bomb exploded outside the police headquarters in Lagos on Thursday, killing nine people.\n\n"
        "On Friday, a car bomb exploded near the courthouse in Kano, killing four.\n\n"
        "No group has claimed responsibility for the blasts."
    )
    blasts = [e for e in analyse(text).events if e.trigger == "blasts"]
    assert blasts and blasts[0].date is None


def test_the_date_after_the_object_of_a_verb_with_its_own_date_is_the_objects(analyse) -> None:
    text = "The Ruritanian government Saturday strongly condemned two bomb attacks in Zenda and Strelsau Friday."
    events = analyse(text).events
    attacks = events_with(events, "attacks")[0]
    assert _day(attacks) == FRIDAY
    condemned = events_with(events, "condemned")[0]
    assert _day(condemned) == (PUBLISHED, PUBLISHED)


def test_one_date_after_the_object_stays_the_verbs(analyse) -> None:
    text = "The Ruritanian government strongly condemned the bomb attacks in Zenda Friday."
    condemned = events_with(analyse(text).events, "condemned")[0]
    assert _day(condemned) == FRIDAY


def test_a_clock_time_on_a_named_day_dates_its_sentence(nlp: Language, analyse) -> None:
    text = (
        "Gunmen stormed a post office in Zenda on Friday.\n\nThe clerk was kidnapped at 10 p.m. Wednesday, police said."
    )
    spans = [(s.text, iv.start) for s, iv in date_spans(nlp(text), PUBLISHED)]
    assert ("10 p.m. Wednesday", date(2025, 3, 5)) in spans
    kidnapped = events_with(analyse(text).events, "kidnapped")[0]
    assert _day(kidnapped) == (date(2025, 3, 5),) * 2  # not the Friday of the sentence before


@pytest.mark.parametrize("planned", ["slated", "planned", "scheduled", "upcoming"])
def test_the_month_of_a_planned_visit_is_the_next_one(nlp: Language, planned: str) -> None:
    text = f"The minister said they had been talking about the {planned} visit of the Ruritanian envoy in May."
    spans = [(s.text, iv.start, iv.end) for s, iv in date_spans(nlp(text), PUBLISHED)]
    assert ("May", date(2025, 5, 1), date(2025, 5, 31)) in spans


def test_a_month_of_a_past_visit_stays_the_last_one(nlp: Language) -> None:
    text = "The minister said they had been talking about the visit of the Ruritanian envoy in May."
    spans = [(s.text, iv.start) for s, iv in date_spans(nlp(text), PUBLISHED)]
    assert ("May", date(2024, 5, 1)) in spans
    assert normalise("May", PUBLISHED) is not None


def test_a_later_sentence_goes_on_from_the_main_clause_date_not_a_background_one(analyse) -> None:
    text = (
        "The court Friday rejected objections to a case that has blocked the trial of two men suspected of "
        "blowing up a jet over Zenda in 1988. Ruritania hailed the ruling."
    )
    hailed = events_with(analyse(text).events, "hailed")[0]
    assert _day(hailed) == FRIDAY


def test_a_past_happening_does_not_go_on_from_a_date_still_to_come(analyse) -> None:
    text = "Organisers said the marchers would return to Zenda this summer. Riot police arrested six protesters."
    arrested = events_with(analyse(text).events, "arrested")
    assert arrested and all(e.date is None or e.date.start is None or e.date.start <= PUBLISHED for e in arrested)


def test_a_verbless_heading_dates_a_retelling_in_the_present(analyse) -> None:
    text = (
        "Zenda, nineteen ninety-six. A bomb blast shocks the city's games. One person is killed.\n\n"
        "Police arrested a man on Monday. The man is accused of the bombing."
    )
    events = analyse(text).events
    killed = events_with(events, "killed")[0]
    assert killed.date is not None and (killed.date.start, killed.date.end) == (date(1996, 1, 1), date(1996, 12, 31))
    assert killed.date.note  # an inference, said as such
    accused = events_with(events, "accused")[0]
    assert accused.date is None or accused.date.start == PUBLISHED  # a heading in another paragraph lends nothing
