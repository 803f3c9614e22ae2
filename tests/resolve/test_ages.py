"""Ages and birth years stated beside a person's name (:mod:`threatgraph.resolve.ages`), and the judge reading a
contradiction with the listed birth date as evidence against (session 16). Every sentence is invented."""

from __future__ import annotations

from datetime import date

import pytest

from threatgraph.names.forms import name_form
from threatgraph.resolve.ages import stated_birth_years
from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, judge

NAME = "Tobias Okello Marangu"
ON = date(2021, 3, 1)


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        (f"{NAME}, 33, of Eastport, pleaded guilty.", (1987, 1988)),
        (f"{NAME} (33) pleaded guilty.", (1987, 1988)),
        (f"{NAME}, aged 33, pleaded guilty.", (1987, 1988)),
        (f"Police said the 33-year-old {NAME} pleaded guilty.", (1987, 1988)),
        (f"{NAME} (TOM), 33, pleaded guilty.", (1987, 1988)),
        (f"{NAME}, born in 1960 in Eastport, pleaded guilty.", (1960, 1960)),
        (f"{NAME} (born 1960) pleaded guilty.", (1960, 1960)),
        (f"{NAME}, born on March 4, 1960, pleaded guilty.", (1960, 1960)),
        # numbers that are not the person's age
        (f"{NAME}, 33 others and a driver were held.", None),
        (f"{NAME}, 5, Harbour Road.", None),
        (f"In 2019, {NAME} pleaded guilty.", None),
        (f"{NAME}, who ran a 40-year-old firm, pleaded guilty.", None),
        (f"{NAME}, born in 2015, was named.", None),  # after the article's date less the youngest age
    ],
)
def test_the_age_or_birth_year_beside_the_name(sentence: str, years: tuple[int, int] | None) -> None:
    start = sentence.index(NAME)
    assert stated_birth_years(sentence, start, start + len(NAME), ON) == years


def test_an_age_needs_the_articles_date_but_a_birth_year_does_not() -> None:
    s = f"{NAME}, 33, of Eastport, pleaded guilty."
    assert stated_birth_years(s, 0, len(NAME), None) is None
    s = f"{NAME} (born 1960) pleaded guilty."
    assert stated_birth_years(s, 0, len(NAME), None) == (1960, 1960)


ENTRY = {
    "schema": "Person",
    "properties": {"name": ["Tobias Okello MARANGU"], "birthDate": ["1959", "1960"]},
    "links": [],
}


def _facts(*born: tuple[int, int]) -> ActorFacts:
    return ActorFacts("Person", [name_form(NAME, "Person")], {}, designated=True, born=born)


def test_a_stated_age_far_from_every_listed_birth_year_stops_a_probable_link() -> None:
    assert judge(_facts(), ENTRY, "Person").state == PROBABLE
    j = judge(_facts((1987, 1988)), ENTRY, "Person")
    assert j.state == POSSIBLE and any(
        x.startswith("age: the articles give a birth in 1987") for x in j.evidence_against
    )
    # within the slack of a listed ("circa") year: no contradiction
    assert judge(_facts((1961, 1962)), ENTRY, "Person").state == PROBABLE
    # one disagreeing statement is enough: two ages on one actor mean two people merged
    assert judge(_facts((1960, 1960), (1990, 1991)), ENTRY, "Person").state == POSSIBLE
    # an entry without a birth date says nothing either way
    bare = {**ENTRY, "properties": {"name": ["Tobias Okello MARANGU"]}}
    assert judge(_facts((1987, 1988)), bare, "Person").state == PROBABLE
