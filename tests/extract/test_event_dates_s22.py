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
from .conftest import event_days as _day

PUBLISHED = date(2025, 3, 8)  # a Saturday


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


FRIDAY = (date(2025, 3, 7), date(2025, 3, 7))


@pytest.mark.parametrize(
    ("first_day", "expected"),
    [("on Friday", FRIDAY), ("on Thursday", None)],  # attacks on two days: the plural singles out no one date
)
def test_a_plural_mention_of_attacks_on_two_places_takes_their_one_day(analyse, first_day: str, expected) -> None:
    text = (
        f"A bomb exploded outside the police headquarters in Lagos {first_day}, killing nine people.\n\n"
        "On Friday, a car bomb exploded near the courthouse in Kano, killing four.\n\n"
        "No group has claimed responsibility for the blasts."
    )
    blasts = events_with(analyse(text).events, "blasts")
    assert blasts and _day(blasts[0]) == expected
    assert expected is None or blasts[0].date.note  # carried, and says so


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


def test_a_past_happening_does_not_go_on_from_a_date_still_to_come(analyse) -> None:
    text = "Organisers said the marchers would return to Zenda this summer. Riot police arrested six protesters."
    arrested = events_with(analyse(text).events, "arrested")
    assert arrested and all(e.date is None or e.date.start is None or e.date.start <= PUBLISHED for e in arrested)


def test_a_verbless_heading_dates_a_retelling_in_the_present(analyse) -> None:
    text = (
        "Zenda, nineteen ninety-six. A car bomb rocks the city's market. Six people are killed.\n\n"
        "Police arrested a man on Monday. The man is accused of the bombing."
    )
    found = analyse(text).events
    killed, accused = (events_with(found, trigger)[0] for trigger in ("killed", "accused"))
    assert _day(killed) == (date(1996, 1, 1), date(1996, 12, 31)) and killed.date.note  # an inference, said so
    assert accused.date is None or accused.date.start == PUBLISHED  # a heading in another paragraph lends nothing
