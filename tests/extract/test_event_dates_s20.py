"""Event dates anchored right (session 20, issue 11; invented texts).

A day of a month written without its year takes the year the article writes for it elsewhere, or the
last such day when that is of the publication's year or within a season; further back it names a
happening whose year the text leaves open. A happening set apart in time ("a week after an attack on a
base") takes neither the lead's date nor blocks the paragraph's date from a later retelling."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_year import RECENT_DAYS, year_of_day
from threatgraph.model import DateInterval

from .conftest import analyser, events_with

PUBLISHED = date(2025, 3, 4)  # a Tuesday


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUBLISHED)


def _day(event) -> tuple[date | None, date | None] | None:
    return None if event.date is None else (event.date.start, event.date.end)


def test_a_named_day_far_back_in_an_earlier_year_leaves_the_year_open(analyse) -> None:
    text = "Officials in Strelsau said the Kestrel Front carried out the Sept. 11 attacks on the capital."
    attacks = events_with(analyse(text).events, "attacks")[0]
    assert attacks.date is not None
    assert attacks.date.start is None and attacks.date.end is None  # not 2024-09-11
    assert attacks.date.timex_value == "XXXX-09-11"
    assert attacks.date.note


def test_a_named_day_takes_the_year_the_article_writes_for_it(analyse) -> None:
    text = (
        "The Kestrel Front bombed the Strelsau rail station on Sept. 11, 2019, killing 40. "
        "Survivors of the Sept. 11 bombing marched in the capital on Monday."
    )
    events = analyse(text).events
    bombing = [e for e in events if e.trigger == "bombing"][0]
    assert _day(bombing) == (date(2019, 9, 11),) * 2
    marched = events_with(events, "marched")[0]
    assert _day(marched) == (date(2025, 3, 3),) * 2  # the Monday before the Tuesday of publication


def test_a_day_of_the_last_season_keeps_its_recent_year(analyse) -> None:
    text = "Gunmen attacked a police post in Zenda on Dec. 17, killing four officers."
    attacked = events_with(analyse(text).events, "attacked")[0]
    assert _day(attacked) == (date(2024, 12, 17),) * 2


def test_a_day_of_the_publication_year_keeps_it_however_far_back(analyse) -> None:
    text = "Gunmen attacked a police post in Zenda on Jan. 3, killing four officers."
    attacked = events_with(analyse(text, published=date(2025, 11, 20)).events, "attacked")[0]
    assert _day(attacked) == (date(2025, 1, 3),) * 2


def test_a_clause_day_far_back_in_an_earlier_year_is_left_open_too(analyse) -> None:
    text = "Gunmen attacked a police post in Zenda on May 20, killing four officers."
    attacked = events_with(analyse(text).events, "attacked")[0]
    assert attacked.date is not None and attacked.date.start is None  # not 2024-05-20
    assert attacked.date.timex_value == "XXXX-05-20"


def test_year_of_day_leaves_alone_what_places_its_own_year() -> None:
    def day(text: str, d: date) -> DateInterval:
        return DateInterval(text=text, start=d, end=d, precision="day")

    far = date(2024, 5, 20)
    assert (PUBLISHED - far).days > RECENT_DAYS
    for text in ("May 20, 2024", "Monday, May 20", "last May 20", "2024-05-20"):
        kept = year_of_day(day(text, far), [], PUBLISHED)
        assert kept is not None and kept.start == far, text
    ahead = day("May 20", date(2025, 5, 20))  # a plan: the clause's tense settles it, not this
    assert year_of_day(ahead, [], PUBLISHED) == ahead
    week = DateInterval(text="May 20", start=far, end=date(2024, 5, 26), precision="range")
    assert year_of_day(week, [], PUBLISHED) == week


def test_an_undefined_happening_set_apart_takes_no_lead_date(analyse) -> None:
    text = (
        "Militants attacked a market in Zenda on Monday, a week after an attack on a nearby army base. "
        "The attack killed 12 people."
    )
    events = analyse(text, published=date(2026, 3, 16)).events
    earlier = [e for e in events if e.trigger == "attack" and e.target and "base" in e.target]
    assert earlier and all(e.date is None or e.date.start is None for e in earlier)  # not Monday
    killed = [e for e in events if "killed" in e.sentence and e.trigger in ("killed", "attack")]
    assert killed and all(_day(e) == (date(2026, 3, 16),) * 2 for e in killed)


def test_a_retelling_in_a_later_paragraph_keeps_the_date_a_set_apart_mention_did_not_give(analyse) -> None:
    text = (
        "The president met the army chief in Strelsau on Tuesday.\n\n"
        "Militants attacked a market in Zenda on Monday, a week after an attack on a nearby army base. "
        "The attack killed 12 people."
    )
    events = analyse(text, published=date(2026, 3, 16)).events
    killed = [e for e in events if "killed" in e.sentence and e.trigger in ("killed", "attack")]
    assert killed and all(_day(e) == (date(2026, 3, 16),) * 2 for e in killed)


def test_a_dateline_day_yields_to_the_day_the_sentence_gives(analyse) -> None:
    text = (
        "STRELSAU, March 13 (Reuters) - Militants attacked an army convoy near Zenda on Thursday, officials said.\n\n"
        "The army will hold talks with tribal leaders on Saturday."
    )
    events = analyse(text, published=date(2026, 3, 16)).events
    attacked = events_with(events, "attacked")[0]
    assert _day(attacked) == (date(2026, 3, 12),) * 2  # the Thursday before the Friday it was filed
    talks = [e for e in events if e.trigger == "talks"]
    assert all(_day(e) == (date(2026, 3, 14),) * 2 for e in talks)  # the Saturday after, by the future tense


def test_a_dateline_day_alone_still_dates_its_sentence(analyse) -> None:
    text = "STRELSAU, March 13 (Reuters) - Militants attacked an army convoy near Zenda, officials said."
    attacked = events_with(analyse(text, published=date(2026, 3, 16)).events, "attacked")[0]
    assert _day(attacked) == (date(2026, 3, 13),) * 2


def test_a_clause_of_sequence_is_not_dated_by_the_clause_above_it(analyse) -> None:
    text = (
        "The suspect was seen crossing the border days after a sniper killed a judge in Zenda, "
        "the Strelsau Herald reported Friday."
    )
    killed = events_with(analyse(text, published=date(2026, 3, 20)).events, "killed")[0]
    assert killed.date is None or killed.date.start is None  # not the report's Friday


def test_a_clause_of_sequence_keeps_a_date_of_its_own(analyse) -> None:
    text = "After gunmen stormed the village on Monday, the army deployed troops to Zenda on Tuesday."
    events = analyse(text, published=date(2026, 3, 20)).events
    assert _day(events_with(events, "stormed")[0]) == (date(2026, 3, 16),) * 2
    assert _day(events_with(events, "deployed")[0]) == (date(2026, 3, 17),) * 2


def test_the_happening_behind_its_victims_is_not_dated_by_their_clause(analyse) -> None:
    text = "The minister flew to Zenda on Wednesday to help victims of the bombing of the rail station."
    bombing = events_with(analyse(text, published=date(2026, 3, 20)).events, "bombing")[0]
    assert bombing.date is None or bombing.date.start is None  # not the flight's Wednesday
