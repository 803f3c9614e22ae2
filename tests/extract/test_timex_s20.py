"""TIMEX3 readings added in session 20 (invented sentences; quality is measured on TBAQ-cleaned by
``benchmarks/timex_tempeval.py`` and on the dev articles by ``benchmarks/extraction_dev.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract import timex
from threatgraph.extract.dates import _without_last_conjunction, normalise, timex_spans

ANCHOR = date(2022, 3, 15)  # a Tuesday


@pytest.fixture(scope="module")
def spans(nlp: Language):
    def run(text: str, published: date = ANCHOR):
        """(the TIMEX3's own words, its type, its value) of each expression."""
        return [
            (text[d.start_char : d.end_char], d.timex_type, d.timex_value) for d in timex_spans(nlp(text), published)
        ]

    return run


@pytest.mark.parametrize(
    ("text", "month"),
    [("this September", date(2022, 9, 1)), ("this January", date(2022, 1, 1)), ("this March", date(2022, 3, 1))],
)
def test_this_month_is_the_month_of_the_publication_year(text: str, month: date) -> None:
    """ "this September" in a March article is the coming one, "this January" the one gone: the year is the same."""
    d = normalise(text, ANCHOR)
    assert d is not None and d.start == month


@pytest.mark.parametrize("text", ["the year 2030", "the year two thousand and thirty", "year 2030"])
def test_the_year_named_with_its_word_is_that_year(text: str) -> None:
    d = normalise(text, ANCHOR)
    assert d is not None and (d.start, d.end) == (date(2030, 1, 1), date(2030, 12, 31))


def test_the_last_half_of_a_year_is_its_second_half(spans) -> None:
    got = spans("The mill expects slower orders in the last half of 2023.")
    assert got == [("the last half of 2023", "DATE", "2023-H2")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a week earlier", "P1W"),
        ("each of the past four years", "P4Y"),
        ("at least the past 30 months", "P30M"),
        ("just weeks ago", "PXW"),
        ("the first three years", "P3Y"),
        ("until forty years", "P40Y"),
    ],
)
def test_a_phrase_ending_in_a_length_is_that_length_when_nothing_dates_it(text: str, value: str) -> None:
    assert timex.reading(text, None, None, "unknown", None) == ("DURATION", value)


@pytest.mark.parametrize("text", ["the fourth straight month", "half-century", "the night of", "Easter week"])
def test_a_bare_unit_states_no_length(text: str) -> None:
    assert timex.reading(text, None, None, "unknown", None) == ("DATE", "")


@pytest.mark.parametrize("text", ["The merger should close by year-end.", "Rules must be in place by year's end."])
def test_the_year_end_is_the_end_of_the_year(spans, text: str) -> None:
    (got,) = spans(text)
    assert got[1:] == ("DATE", "2022")


def test_a_conjunction_the_model_swallowed_joins_two_dates_listed(spans) -> None:
    got = spans("Earnings will fall by 9% in both 1990 and 1991.")
    assert [value for _words, _kind, value in got] == ["1990", "1991"]


def test_a_closing_conjunction_is_cut_from_a_date_entity(nlp: Language) -> None:
    doc = nlp("The plant will lose money in both 2024 and 2025.")
    start = next(t.i for t in doc if t.text == "both")
    assert _without_last_conjunction(doc[start : start + 3]).text == "both 2024"
    assert _without_last_conjunction(doc[start : start + 2]).text == "both 2024"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The vote is on April eighth.", "2022-04-08"),
        ("The vote is on the twenty-first of April.", "2022-04-21"),
        ("The talks ended on March thirtieth.", "2021-03-30"),
        ("The rally is this coming Sunday, March twentieth.", "2022-03-20"),
    ],
)
def test_a_day_spoken_as_an_ordinal_word_is_that_day(spans, text: str, value: str) -> None:
    (got,) = spans(text)
    assert got[1:] == ("DATE", value)


def test_an_expression_not_understood_and_without_a_value_is_not_listed(nlp: Language) -> None:
    text = "Hiring grew for the third consecutive month, and it is growing now."
    found = timex_spans(nlp(text), ANCHOR)
    assert all(d.timex_value for d in found)
    assert "now" in [d.text for d in found]


def test_a_relative_date_in_an_undated_text_is_still_listed(nlp: Language) -> None:
    (last_year,) = timex_spans(nlp("The mill closed last year."), None)
    assert last_year.text == "last year" and last_year.start is None and last_year.note


def test_told_keeps_a_value_or_an_interval_and_drops_the_rest() -> None:
    from threatgraph.extract.dates import NOT_UNDERSTOOD, _told
    from threatgraph.model import DateInterval

    unread = DateInterval("the night of", None, None, "unknown", NOT_UNDERSTOOD)
    assert not _told(unread)
    assert _told(DateInterval("now", None, None, "unknown", NOT_UNDERSTOOD, timex_value="PRESENT_REF"))
    assert _told(DateInterval("2019", date(2019, 1, 1), date(2019, 12, 31), "year"))


@pytest.mark.parametrize(
    ("text", "named"),
    [("during Ramadan", True), ("that March", True), ("the third straight month", False), ("the night of", False)],
)
def test_names_a_time_tells_a_named_time_from_a_unit(text: str, named: bool) -> None:
    assert timex.names_a_time(text) is named
