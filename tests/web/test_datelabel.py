"""Date labels for timelines: short, by precision, the same from an interval, its dict or a dossier row."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from threatgraph.extract.dates import normalise
from threatgraph.model import DateInterval
from threatgraph.web.datelabel import label

PUBLISHED = date(2022, 8, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 March 2021", "2021-03-14"),
        ("March 2021", "Mar 2021"),
        ("late July", "late Jul 2022"),
        ("early March 2020", "early Mar 2020"),
        ("mid-November 2020", "mid Nov 2020"),
        ("summer 2021", "summer 2021"),
        ("winter 2021", "winter 2021–22"),
        ("2021", "2021"),
        ("early 2019", "early 2019"),
        ("from 2018 to 2020", "2018–2020"),
        ("from May to July 2021", "May–Jul 2021"),
        ("last week", "8–14 Aug 2022"),
        ("since 2021", "2021–15 Aug 2022"),
        ("since March 2021", "Mar 2021–15 Aug 2022"),
        ("the past two years", "15 Aug 2020–15 Aug 2022"),
    ],
)
def test_labels_by_precision(text: str, expected: str) -> None:
    interval = normalise(text, PUBLISHED)
    assert interval is not None
    assert label(interval) == expected


def test_unanchored_expression_says_the_publication_date_is_missing() -> None:
    interval = normalise("late July", None)
    assert interval is not None and interval.start is None
    assert label(interval) == "late July (no pub. date)"


def test_not_understood_and_empty_intervals() -> None:
    odd = DateInterval(text="the holy month", start=None, end=None, precision="unknown", note="x")
    assert label(odd) == "the holy month"
    assert label(DateInterval(text="", start=None, end=None, precision="unknown")) == "undated"


def test_dict_forms_give_the_same_label() -> None:
    interval = normalise("late July", PUBLISHED)
    assert interval is not None
    as_dict = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in dataclasses.asdict(interval).items()}
    row = {"date": "2022-07-21", "date_end": "2022-07-31", "date_precision": "month", "date_text": "late July"}
    assert label(as_dict) == label(row) == label(interval) == "late Jul 2022"
    assert label({"date": "2022-08-15", "date_end": None, "date_precision": "published"}) == "2022-08-15 (published)"
    assert label({"date": None, "date_text": "late July", "date_precision": None}) == "late July (no pub. date)"
    assert label({"date": None, "date_text": None}) == "undated"


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="'yesterday-ish'"):
        label({"date": "yesterday-ish"})
    with pytest.raises(TypeError, match="str"):
        label("2021-03-01")  # type: ignore[arg-type]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 800))
def test_any_closed_interval_gets_a_short_label_without_raw_dots(start: date, days: int) -> None:
    end = date.fromordinal(start.toordinal() + days)
    text = label(DateInterval(text="x", start=start, end=end, precision="range"))
    assert ".." not in text and len(text) <= 24
    assert str(end.year) in text or str(end.year % 100).zfill(2) in text


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_a_day_is_its_iso_date(day: date) -> None:
    assert label(DateInterval(text="x", start=day, end=day, precision="day")) == day.isoformat()


def test_entity_command_timeline_uses_labels(store) -> None:
    from threatgraph.app import Threatgraph
    from threatgraph.cli import app
    from threatgraph.ingest.samples import samples_dir
    from threatgraph.store.read import find_entities

    report = Threatgraph(store).ingest([samples_dir() / "fajr-brigade-designation.txt"])
    assert not report.failed, report.failed
    found = find_entities(store, "Liwa al-Fajr")
    assert found
    db = store.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["entity", found[0].id, "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Mar 2021" in result.output  # "placed Liwa al-Fajr on its sanctions list in March 2021"
    assert "2021-03-01..2021-03-31" not in result.output
