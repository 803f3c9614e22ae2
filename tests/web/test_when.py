"""``<time datetime>`` values: the attribute always denotes exactly the event's interval, in the shortest form."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from threatgraph.web.when import datetime_attr, labelled

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def _denoted(attr: str) -> tuple[date, date]:
    """The interval an HTML date string (or ISO 8601 ``start/end``) stands for."""
    if "/" in attr:
        a, b = attr.split("/")
        return date.fromisoformat(a), date.fromisoformat(b)
    parts = [int(p) for p in attr.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


@given(DAYS, st.integers(min_value=0, max_value=800))
def test_attribute_denotes_the_interval(start, span):
    end = start + timedelta(days=span)
    attr = datetime_attr(start.isoformat(), end.isoformat())
    assert attr is not None and _denoted(attr) == (start, end)
    if "/" in attr:  # the interval form only when no single HTML date string says the same
        assert not (start == end or (start.day == 1 and _denoted(attr[:7]) == (start, end)))


@given(DAYS)
def test_single_days_and_missing_ends(day):
    assert datetime_attr(day.isoformat()) == day.isoformat()
    assert datetime_attr(f"{day.isoformat()}T10:00:00", None) == day.isoformat()


def test_whole_months_and_years_use_the_html_forms():
    assert datetime_attr("2024-02-01", "2024-02-29") == "2024-02"
    assert datetime_attr("2023-02-01", "2023-02-28") == "2023-02"
    assert datetime_attr("2021-01-01", "2021-12-31") == "2021"
    assert datetime_attr("2018-01-01", "2020-12-31") == "2018-01-01/2020-12-31"


def test_no_date_no_attribute():
    for value in (None, "", "late July", "2022-13-01"):
        assert datetime_attr(value, None) is None, value


def test_labelled_labels_rows_and_nested_intervals():
    rows = [
        {"date": "2022-07-01", "date_end": "2022-07-31", "date_precision": "month", "date_text": "July"},
        {"date": None, "date_end": None, "date_precision": None, "date_text": None},
    ]
    labelled(rows)
    assert [r["date_label"] for r in rows] == ["Jul 2022", "undated"]
    nested = [{"date": {"start": "2018-01-01", "end": "2020-12-31", "precision": "year", "text": "2018-2020"}}, {}]
    labelled(nested, key="date")
    assert [r["date_label"] for r in nested] == ["2018–2020", "undated"]
