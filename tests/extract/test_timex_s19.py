"""TIMEX3 readings added in session 19 (invented sentences; quality is measured on TBAQ-cleaned by
``benchmarks/timex_tempeval.py`` and on the dev articles by ``benchmarks/extraction_dev.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from threatgraph.extract import timex
from threatgraph.extract.dates import normalise, timex_spans

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
    ("text", "start", "end"),
    [
        ("July 8 and 9", date(2021, 7, 8), date(2021, 7, 9)),
        ("July 8-9", date(2021, 7, 8), date(2021, 7, 9)),
        ("8 and 9 July 2023", date(2023, 7, 8), date(2023, 7, 9)),
        ("between Oct. 3 and 5", date(2021, 10, 3), date(2021, 10, 5)),
    ],
)
def test_two_days_of_one_month_are_a_range_not_a_year(text: str, start: date, end: date) -> None:
    """The second bare day is a day of the first one's month; dateparser alone read "July 8 and 9" as 1909."""
    d = normalise(text, ANCHOR)
    assert d is not None and (d.start, d.end) == (start, end)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 27), st.integers(1, 28))
def test_no_bare_day_is_ever_read_as_a_year(month: int, first: int, second: int) -> None:
    name = date(2000, month, 1).strftime("%B")
    d = normalise(f"{name} {first} and {second}", ANCHOR)
    assert d is None or (d.start is not None and abs(d.start.year - ANCHOR.year) <= 1)


def test_both_days_of_a_summit_ahead_are_next_ones(spans) -> None:
    got = spans("The ministers will meet at the summit in Oslo on July 8 and 9.")
    assert got == [("July 8", "DATE", "2022-07-08"), ("9", "DATE", "2022-07-09")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fiscal 2021", "2021"),
        ("the current fiscal year", "2022"),
        ("the latest fiscal year", "2021"),
        ("the prior fiscal year", "2021"),
        ("next fiscal year", "2023"),
    ],
)
def test_a_fiscal_year_is_the_year_it_is_named_for(text: str, value: str) -> None:
    """TimeBank writes a fiscal year as a plain year; "latest" is the last one over, as for a quarter."""
    d = normalise(text, ANCHOR)
    assert d is not None and timex.reading(text, d.start, d.end, d.precision, ANCHOR) == ("DATE", value)


def test_the_fiscal_year_alone_is_the_year_of_publication(spans) -> None:
    got = spans("The mill expects lower margins for the fiscal year as grain prices climb.")
    assert got == [("the fiscal year", "DATE", "2022")]


@pytest.mark.parametrize(
    ("sentence", "published", "values"),
    [
        (
            "The board approved a special dividend, payable June 2 to holders of record May 20.",
            date(2022, 4, 20),
            ["2022-06-02", "2022-05-20"],
        ),
        ("The envoy did not explain the April 1 deadline.", ANCHOR, ["2022-04-01"]),
        ("The deadline of Sept. 9 passed quietly.", ANCHOR, ["2021-09-09"]),  # too far ahead: the one that passed
        ("Rebels said the Feb. 20 raid killed two guards.", ANCHOR, ["2022-02-20"]),  # no deadline: the last one
    ],
)
def test_a_deadline_told_in_the_past_is_the_next_day_when_it_is_near(spans, sentence, published, values) -> None:
    """The past tense says when a deadline or a payment day was set, not when it falls."""
    assert [v for _text, _kind, v in spans(sentence, published)] == values


def test_year_ago_after_a_past_year_names_that_year_again(spans) -> None:
    """The text has just named the base of the comparison: "year-ago" names it, not the year before it (a period
    reported on in a later year keeps its comparison a year back: test_timex's one-word comparison)."""
    text = (
        "Third-quarter profit rose to $9 million. For nine months it was $40 million, against a loss in the 2020"
        " period. The year-ago loss had a charge."
    )
    got = {t: v for t, _k, v in spans(text, date(2021, 10, 20))}
    assert got["The year-ago"] == "2020"


def test_a_deadline_signal_before_a_clock_time_reaches_its_day(spans) -> None:
    """ "until 8 a.m. Wednesday": "until" stands before the clock, and still makes the Wednesday a bound."""
    got = spans("The court has given the firm until 8 a.m. Wednesday to file its reply.", date(2022, 3, 14))
    assert got == [("8 a.m. Wednesday", "TIME", "2022-03-16T08:00")]


@pytest.mark.parametrize(
    "text",
    [
        "The firm said that by 2025 it aims to double output, and it forecast higher profit for the full year.",
        "Revenue rose to $9 million from $7 million a year ago. The firm forecast lower profit for the full year.",
    ],
)
def test_the_full_year_is_not_a_target_or_a_comparison_named_before(spans, text: str) -> None:
    got = {t: v for t, _k, v in spans(text, date(2022, 11, 1))}
    assert got["the full year"] == "2022"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The convoy reached the border crossing later in the day.", "2022-03-15"),
        ("On Sunday the army shelled the port. Late in the day, the rebels withdrew.", "2022-03-13"),
    ],
)
def test_later_in_the_day_is_the_day_the_text_tells_of(spans, text: str, value: str) -> None:
    got = [v for t, _k, v in spans(text) if t.lower().endswith("the day")]
    assert got == [value]


def test_the_day_alone_names_no_day(spans) -> None:
    assert [v for t, _k, v in spans("The day belonged to the marchers.") if t.lower() == "the day"] in ([], [""])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The bridge is to reopen to traffic on Tuesday.", "2022-03-22"),  # a plan told in the present
        ("The bridge was to reopen to traffic on Tuesday.", "2022-03-15"),  # told in the past: nearer one
    ],
)
def test_be_to_in_the_present_is_a_plan_ahead(spans, text: str, value: str) -> None:
    assert [v for _t, _k, v in spans(text, date(2022, 3, 16))] == [value]


def test_a_name_or_an_amount_tagged_as_a_date_is_no_timex(nlp: Language) -> None:
    """The model sometimes tags a surname or an adverb as a DATE; with no time word and no reading it is dropped,
    while an unread expression with a time word ("during Ramadan") stays for the caller to see."""
    from spacy.tokens import Span

    doc = nlp("Investigators questioned Kowalczyk and prices fell seasonally during Ramadan.")
    doc.ents = [Span(doc, 2, 3, label="DATE"), Span(doc, 6, 7, label="DATE"), Span(doc, 8, 9, label="DATE")]
    got = [d.text for d in timex_spans(doc, ANCHOR)]
    assert "Kowalczyk" not in got and "seasonally" not in got and "during Ramadan" in got


@pytest.mark.parametrize("text", ["Olympic", "the comparable", "Kowalczyk"])
def test_words_without_time_are_named_so(text: str) -> None:
    assert timex.no_time_word(text)


@pytest.mark.parametrize("text", ["the night of", "All week", "Sept.", "weekends", "nineteen ninety-six", "0735"])
def test_words_with_time_or_digits_are_not(text: str) -> None:
    assert not timex.no_time_word(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3 1/2 years", "P3Y6M"),
        ("four and a half years", "P4Y6M"),  # was read as a range "four and a half": P4Y
        ("half a year", "P6M"),
        ("a year and a half", "P1Y6M"),
        ("four and a half hours", "PT4H30M"),
        ("three to four weeks", "P3W"),
    ],
)
def test_a_fraction_of_a_year_is_written_in_months(text: str, value: str) -> None:
    """TimeML writes a fractional length in the next smaller unit (P3Y6M, not P3.5Y)."""
    assert timex.reading(text, None, None, "unknown", ANCHOR) == ("DURATION", value)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 99), st.sampled_from(["years", "hours"]))
def test_any_count_and_a_half_is_one_more_half(n: int, unit: str) -> None:
    expected = f"P{n}Y6M" if unit == "years" else f"PT{n}H30M"
    assert timex.reading(f"{n} and a half {unit}", None, None, "unknown", ANCHOR) == ("DURATION", expected)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The carrier said fourth-quarter cargo volumes slipped.", "2021-Q4"),
        ("Profits fell in the second half, the brewer said.", "2021-H2"),
        ("The carrier expects fourth-quarter cargo volumes to slip.", "2022-Q4"),  # a forecast: this year's
    ],
)
def test_a_quarter_not_yet_begun_told_in_the_past_is_last_years(spans, text: str, value: str) -> None:
    assert [v for _t, _k, v in spans(text, date(2022, 1, 26))] == [value]


def test_no_more_than_a_length_is_a_length(spans) -> None:
    """ "no more than thirty days" is a bound on a length; only "no hour passes" names no time."""
    assert spans("The inspectors have no more than thirty days to finish.") == [
        ("no more than thirty days", "DURATION", "P30D")
    ]


@pytest.mark.parametrize(("text", "value"), [("the coming years", "PXY"), ("in the coming days", "PXD")])
def test_the_coming_units_are_a_length_as_coming_units_are(text: str, value: str) -> None:
    """ "coming weeks" was already the length PXW; with "the" it was FUTURE_REF. TimeBank marks both as lengths."""
    assert timex.reading(text, None, None, "unknown", ANCHOR) == ("DURATION", value)
