"""When and where an event happened, from the syntax of its sentence and the structure of its
article (invented texts): day-naming times, periods cut at publication, happenings counted from
another, a measure placed at its issuer's dateline, a name that says whose and not where."""

from __future__ import annotations

from datetime import date

import pytest

from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article, Event

PUBLISHED = date(2024, 1, 25)  # a Thursday


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _events(extractor: Extractor, text: str, published: date | None = PUBLISHED) -> list[Event]:
    return next(extractor.analyse([Article(text=text, published=published)])).events


def _one(events: list[Event], trigger: str, source: str | None = None) -> Event:
    found = [e for e in events if e.trigger == trigger and (source is None or (e.source and source in e.source))]
    assert found, [(e.trigger, e.source, e.target) for e in events]
    return found[0]


def test_a_time_that_names_a_day_dates_the_event(extractor: Extractor) -> None:
    text = "The Kestrel Front attacked an army post in Sirte last night."
    ev = _one(_events(extractor, text), "attacked")
    assert ev.date is not None and (ev.date.start, ev.date.end) == (date(2024, 1, 24), date(2024, 1, 24))


def test_a_clock_time_alone_dates_nothing(extractor: Extractor) -> None:
    text = "The Kestrel Front attacked an army post in Sirte at 3 p.m."
    ev = _one(_events(extractor, text), "attacked")
    assert ev.date is None or ev.date.note is not None  # never the publication day as if stated


def test_this_weeks_happenings_end_by_publication(extractor: Extractor) -> None:
    text = "The Kestrel Front carried out this week's raids on army posts in Sirte."
    ev = _one(_events(extractor, text), "raids")
    assert ev.date is not None and ev.date.start == date(2024, 1, 22) and ev.date.end == PUBLISHED


def test_a_plan_keeps_its_future(extractor: Extractor) -> None:
    text = "The Kestrel Front plans to attack army posts in Sirte this week."
    ev = _one(_events(extractor, text), "attack")
    assert ev.modality == "hypothetical"
    assert ev.date is None or ev.date.end is None or ev.date.end >= PUBLISHED


def test_happenings_since_a_dated_one_run_to_publication(extractor: Extractor) -> None:
    text = (
        "The Kestrel Front has carried out dozens of raids on army posts since the Viper Brigade's attack "
        "on Sirte on October 7."
    )
    found = _events(extractor, text)
    raids = _one(found, "raids")
    assert raids.date is not None and (raids.date.start, raids.date.end) == (date(2023, 10, 7), PUBLISHED)
    attack = _one(found, "attack")
    assert attack.date is not None and (attack.date.start, attack.date.end) == (date(2023, 10, 7), date(2023, 10, 7))


def test_a_happening_after_another_is_not_dated_by_it(extractor: Extractor) -> None:
    text = "After the Viper Brigade's raid on Sirte on May 3, the Kestrel Front attacked a convoy near Tobruk."
    ev = _one(_events(extractor, text), "attacked", "Kestrel")
    assert ev.date is None or (ev.date.start, ev.date.end) != (date(2023, 5, 3), date(2023, 5, 3))


def test_a_possessive_retelling_takes_the_earlier_date(extractor: Extractor) -> None:
    text = (  # the bombing is not the article's lead (its first sentences), which is carried otherwise
        "Police in Tobruk arrested a smuggler on Monday.\n"
        "Officials met in Tobruk to discuss trade routes.\n"
        "Hundreds of traders protested in Derna on Tuesday.\n"
        "Ruritania sent food aid to Derna on Wednesday.\n"
        "The Viper Brigade bombed a market in Sirte on October 7, 2023.\n"
        "In November 2023, following the Viper Brigade's bombing, the Kestrel Front moved fighters to Derna."
    )
    ev = _one(_events(extractor, text), "bombing")
    assert ev.date is not None and ev.date.start == date(2023, 10, 7)
    assert ev.date.note and "earlier" in ev.date.note
    assert ev.place != "Derna"


def test_a_measure_is_placed_at_the_release_dateline(extractor: Extractor) -> None:
    text = (
        "Lisbon – Today, the Ruritanian Ministry of Finance designated three leaders of militias "
        "that attacked protesters in Sirte."
    )
    ev = _one(_events(extractor, text), "designated")
    assert ev.place == "Lisbon"


def test_sanctions_on_a_body_are_not_placed_in_it(extractor: Extractor) -> None:
    text = "Ruritania imposed sanctions on the commanders of the forces of Eastmark on Monday."
    ev = _one(_events(extractor, text), "sanctions")
    assert ev.place is None


def test_a_name_before_a_noun_says_whose_not_where(extractor: Extractor) -> None:
    text = "The Kestrel Front was blamed for raids on U.S. and allied troops in Sirte."
    ev = _one(_events(extractor, text), "raids")
    assert ev.place == "Sirte"
