"""Date normalisation: worked examples from the issue, unknown anchors, and properties."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.extract.dates import UNKNOWN_ANCHOR, normalise

PUB = date(2022, 8, 15)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("late July", date(2022, 7, 21), date(2022, 7, 31), "month"),
        ("in late July", date(2022, 7, 21), date(2022, 7, 31), "month"),
        ("early September", date(2021, 9, 1), date(2021, 9, 10), "month"),  # after the anchor month: last year
        ("mid-March 2020", date(2020, 3, 11), date(2020, 3, 20), "month"),
        ("January 2019", date(2019, 1, 1), date(2019, 1, 31), "month"),
        ("in 2011", date(2011, 1, 1), date(2011, 12, 31), "year"),
        ("from 2019 to 2021", date(2019, 1, 1), date(2021, 12, 31), "range"),
        ("2019-21", date(2019, 1, 1), date(2021, 12, 31), "range"),
        ("between May and June 2020", date(2020, 5, 1), date(2020, 6, 30), "range"),
        ("since last year", date(2021, 1, 1), PUB, "range"),
        ("Since 2019", date(2019, 1, 1), PUB, "range"),
        ("last year", date(2021, 1, 1), date(2021, 12, 31), "year"),
        ("late last year", date(2021, 9, 1), date(2021, 12, 31), "year"),
        ("earlier this year", date(2022, 1, 1), PUB, "range"),
        ("the summer of 2020", date(2020, 6, 1), date(2020, 8, 31), "season"),
        ("winter 2021", date(2021, 12, 1), date(2022, 2, 28), "season"),
        ("mid-2019", date(2019, 5, 1), date(2019, 8, 31), "year"),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31), "range"),
        ("24 January 2019", date(2019, 1, 24), date(2019, 1, 24), "day"),
        ("January 24, 2019", date(2019, 1, 24), date(2019, 1, 24), "day"),
        ("2019-01-24", date(2019, 1, 24), date(2019, 1, 24), "day"),
        ("yesterday", date(2022, 8, 14), date(2022, 8, 14), "day"),
        ("on Friday", date(2022, 8, 12), date(2022, 8, 12), "day"),  # 2022-08-15 is a Monday
        ("three months ago", date(2022, 5, 1), date(2022, 5, 31), "month"),
        ("last month", date(2022, 7, 1), date(2022, 7, 31), "month"),
        ("the past two years", date(2020, 8, 15), PUB, "range"),
        ("the past year", date(2021, 8, 15), PUB, "range"),  # a window up to the anchor, unlike "last year"
        ("the past week", date(2022, 8, 8), PUB, "range"),
        ("the first quarter of 2020", date(2020, 1, 1), date(2020, 3, 31), "range"),
    ],
)
def test_examples(text: str, start: date, end: date, precision: str) -> None:
    got = normalise(text, PUB)
    assert got is not None, text
    assert (got.start, got.end, got.precision) == (start, end, precision)
    assert got.note is None
    assert got.text == text


@pytest.mark.parametrize("text", ["late July", "since last year", "last year", "Friday", "two weeks ago", "July"])
def test_relative_without_publication_date_says_so(text: str) -> None:
    got = normalise(text, None)
    assert got is not None
    assert got.start is None and got.end is None
    assert got.note == UNKNOWN_ANCHOR


@pytest.mark.parametrize("text", ["January 2019", "2011", "from 2019 to 2021", "24 January 2019"])
def test_absolute_resolve_without_publication_date(text: str) -> None:
    got = normalise(text, None)
    assert got is not None and got.start is not None and got.end is not None
    assert got.note is None


def test_since_without_anchor_keeps_known_start() -> None:
    got = normalise("since 2019", None)
    assert got is not None
    assert got.start == date(2019, 1, 1) and got.end is None and got.note == UNKNOWN_ANCHOR


@pytest.mark.parametrize("text", ["", "young", "14 days", "Zainabiyoun", "fifth", "from 2021 to 2019", "9999"])
def test_not_dates(text: str) -> None:
    assert normalise(text, PUB) is None


def test_result_is_not_shared_between_calls() -> None:
    a = normalise("January 2019", PUB)
    assert a is not None
    a.start = None
    b = normalise("January 2019", PUB)
    assert b is not None and b.start == date(2019, 1, 1)


anchors = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), anchors))
def test_never_crashes_and_intervals_are_ordered(text: str, anchor: date | None) -> None:
    got = normalise(text, anchor)
    if got is not None:
        assert got.precision in {"day", "month", "season", "year", "range", "unknown"}
        if got.start and got.end:
            assert got.start <= got.end


words = st.sampled_from(
    ["late", "early", "mid", "since", "from", "to", "last", "this", "next", "year", "month", "week", "summer", "winter"]
    + [calendar.month_name[i] for i in range(1, 13)]
    + ["2019", "2021", "1999", "ago", "two", "the", "of", "in", "and", "Friday", "quarter", "first"]
    + ["weekend", "latest", "current", "year-ago", "nineties", "fiscal", "a", "earlier", "past"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(words, min_size=1, max_size=4), anchors)
def test_grammar_combinations_are_ordered(parts: list[str], anchor: date) -> None:
    got = normalise(" ".join(parts), anchor)
    if got is not None and got.start and got.end:
        assert got.start <= got.end


@settings(max_examples=200, deadline=None)
@given(anchors)
def test_today_like_expressions_contain_the_anchor(anchor: date) -> None:
    for text in ("today", "this week", "this month", "this year", "earlier this year", "since last year"):
        got = normalise(text, anchor)
        assert got is not None and got.start is not None and got.end is not None
        assert got.start <= anchor <= got.end, text


@settings(max_examples=200, deadline=None)
@given(anchors, st.integers(min_value=1, max_value=30))
def test_days_ago_is_exact(anchor: date, n: int) -> None:
    got = normalise(f"{n} days ago", anchor)
    assert got is not None and got.start == got.end == anchor - timedelta(days=n)


@settings(max_examples=200, deadline=None)
@given(anchors, st.integers(min_value=1, max_value=12), st.integers(min_value=1900, max_value=2100))
def test_month_year_is_the_whole_month(anchor: date, month: int, year: int) -> None:
    got = normalise(f"{calendar.month_name[month]} {year}", anchor)
    assert got is not None
    assert got.start == date(year, month, 1)
    assert got.end == date(year, month, calendar.monthrange(year, month)[1])


@settings(max_examples=200, deadline=None)
@given(anchors, st.integers(min_value=1, max_value=12), st.sampled_from(["early", "mid", "late"]))
def test_part_of_month_is_never_after_anchor_month(anchor: date, month: int, part: str) -> None:
    got = normalise(f"{part} {calendar.month_name[month]}", anchor)
    assert got is not None and got.start is not None and got.end is not None
    assert got.start.month == got.end.month == month
    assert (got.start.year, got.start.month) <= (anchor.year, anchor.month)


def test_timestamp_anchor_is_its_day() -> None:
    got = normalise("since 2019", datetime(2022, 8, 15, 13, 30))
    assert got is not None and got.end == PUB and type(got.end) is date


@settings(max_examples=200, deadline=None)
@given(anchors)
def test_quarters_named_from_publication_lie_where_they_say(anchor: date) -> None:
    latest, current, back = (
        normalise(t, anchor) for t in ("the latest quarter", "the current quarter", "the year-earlier quarter")
    )
    assert latest and current and back and latest.start and latest.end and current.start and current.end
    assert latest.end < anchor and (anchor - latest.end).days <= 92  # the last quarter to have ended
    assert current.start <= anchor <= current.end
    assert back.start == latest.start.replace(year=latest.start.year - 1)


@settings(max_examples=200, deadline=None)
@given(anchors)
def test_weekends_are_a_saturday_and_a_sunday_around_the_anchor(anchor: date) -> None:
    last, coming = normalise("the weekend", anchor), normalise("next weekend", anchor)
    assert last and coming and last.start and last.end and coming.start
    assert last.start.weekday() == 5 and (last.end - last.start).days == 1
    assert 0 <= (anchor - last.start).days < 7 and coming.start > anchor


@settings(max_examples=200, deadline=None)
@given(anchors, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_a_named_weekday_fixes_the_year_of_a_day(anchor: date, month: int, day: int) -> None:
    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1) if 1000 <= y <= 2999]
    weekday = date(years[0], month, day).weekday()  # a weekday that fits one of the years around the anchor
    name = calendar.day_name[weekday]
    got = normalise(f"{name}, {calendar.month_name[month]} {day}", anchor)
    assert got is not None and got.start is not None and got.start.weekday() == weekday
