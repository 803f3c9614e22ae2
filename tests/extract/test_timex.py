"""TIMEX3 readings, tense-aware anchoring and numbers that are not dates (invented regression cases;
quality is measured on real text by ``benchmarks/extraction_dev.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from threatgraph.extract import timex
from threatgraph.extract.dates import normalise, timex_spans

ANCHOR = date(2022, 3, 15)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("now", "DATE", "PRESENT_REF"),
        ("these days", "DATE", "PRESENT_REF"),
        ("recent weeks", "DATE", "PAST_REF"),
        ("the future", "DATE", "FUTURE_REF"),
        ("20 years", "DURATION", "P20Y"),
        ("22 months", "DURATION", "P22M"),
        ("for years", "DURATION", "PXY"),
        ("decades", "DURATION", "PXDE"),
        ("the last several weeks", "DURATION", "PXW"),
        ("the next six months", "DURATION", "P6M"),
        ("more than two-and-a-half decades", "DURATION", "P25Y"),
        ("at least 30 days", "DURATION", "P30D"),
        ("a couple of years", "DURATION", "P2Y"),
        ("eight trading days", "DURATION", "P8D"),
        ("the first nine months", "DURATION", "P9M"),
        ("the next two years or so", "DURATION", "P2Y"),
        ("hours", "DURATION", "PTXH"),
        ("every day", "SET", "P1D"),
        ("every quarter", "SET", "P1Q"),
        ("several quarters", "DURATION", "PXQ"),
        ("weekly", "SET", "P1W"),
        ("7:33 P.M. EDT", "TIME", "2022-03-15T19:33"),
        ("8:30 a.m.", "TIME", "2022-03-15T08:30"),
    ],
)
def test_readings_without_an_interval(text: str, kind: str, value: str) -> None:
    assert timex.reading(text, None, None, "unknown", ANCHOR) == (kind, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("last year's", "2021"),
        ("this summer", "2022-SU"),
        ("later this year", "2022"),
        ("by the end of the year", "2022"),
        ("the mid-1990s", "199"),
        ("third-quarter", "2022-Q3"),
        ("the 20th century", "19"),
        ("this week", "2022-W11"),
        ("one week ago", "2022-03-08"),
        ("almost a year ago", "2021"),
        ("just last month", "2022-02"),
        ("Tuesday's", "2022-03-15"),
        ("June last year", "2021-06"),
        ("April next year", "2023-04"),
        ("early October this year", "2022-10"),
        ("this year's third quarter", "2022-Q3"),
        ("earlier this week", "2022-W11"),
        ("earlier this month", "2022-03"),
        ("the weekend", "2022-W10-WE"),
        ("next weekend", "2022-W11-WE"),
        ("late yesterday", "2022-03-14"),
        ("early Monday", "2022-03-14"),
        ("this past spring", "2021-SP"),
        ("sometime next year", "2023"),
        ("the nineties", "199"),
        ("a week or so ago", "2022-03-08"),
    ],
)
def test_calendar_values(text: str, value: str) -> None:
    d = normalise(text, ANCHOR)
    assert d is not None, text
    assert timex.reading(text, d.start, d.end, d.precision, ANCHOR) == ("DATE", value)


@pytest.fixture(scope="module")
def spans(nlp: Language):
    def run(text: str, published: date = ANCHOR):
        return timex_spans(nlp(text), published)

    return run


def test_future_clause_takes_the_next_month_and_weekday(spans) -> None:
    got = {d.text: d for d in spans("The envoy will travel to Geneva in June and will meet the delegation on Monday.")}
    assert got["June"].timex_value == "2022-06"
    monday = next(d for k, d in got.items() if "Monday" in k)
    assert monday.start == date(2022, 3, 21)


def test_past_clause_keeps_the_last_month(spans) -> None:
    got = {d.text: d for d in spans("The envoy travelled to Geneva in June.")}
    assert got["June"].timex_value == "2021-06"


def test_ages_counts_and_document_numbers_are_not_dates(spans) -> None:
    texts = [d.text for d in spans("Police named the gunmen, 31, and 34, under Executive Order 13224 on Sunday.")]
    assert not any(t in ("31", "34", "13224") for t in texts)


def test_untagged_references_are_found_with_offsets(spans) -> None:
    text = "The toll has now risen to 100, officials said at 8:30 a.m."
    found = spans(text)
    now = next(d for d in found if d.text == "now")
    assert now.timex_value == "PRESENT_REF" and text[now.start_char : now.end_char] == "now"
    assert any(d.timex_type == "TIME" for d in found)


def test_a_weekday_with_a_part_of_the_day_is_that_day_with_the_part(spans) -> None:
    night = spans("The attack on the depot happened on Thursday night near the border.")
    morning = spans("Gunmen struck the camp late Saturday morning, police said.")
    assert [(d.timex_type, d.timex_value) for d in night if "Thursday" in d.text] == [("TIME", "2022-03-10TNI")]
    assert [d.timex_value for d in morning if "Saturday" in d.text] == ["2022-03-12TMO"]


def test_a_day_part_alone_is_no_date() -> None:
    assert timex.without_day_part("night") is None and timex.without_day_part("Friday") is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_reading_never_fails_on_any_text(text: str) -> None:
    kind, value = timex.reading(text, None, None, "unknown", ANCHOR)
    assert kind in ("DATE", "TIME", "DURATION", "SET") and isinstance(value, str)


def test_a_clock_time_without_minutes_is_a_time() -> None:
    assert timex.reading("3 p.m.", None, None, "unknown", ANCHOR) == ("TIME", "2022-03-15T15:00")
    assert timex.reading("3 million", None, None, "unknown", ANCHOR)[0] != "TIME"


def test_a_range_signal_is_not_part_of_the_value(spans) -> None:
    """ "since January" is January..publication on the timeline, but its TIMEX3 value is January's."""
    got = {d.text: d for d in spans("Fighting has continued since January, and the curfew will last until 2024.")}
    since = next(d for k, d in got.items() if "January" in k)
    assert since.timex_value == "2022-01" and since.end == ANCHOR  # the interval still runs to publication
    assert next(d for k, d in got.items() if "2024" in k).timex_value == "2024"


def test_an_offset_date_counts_from_the_date_before_it(spans) -> None:
    """The timeline puts "a year later" in 2010; TimeML marks its words as the duration P1Y with "later" as
    the signal (TimeBank: "three days later" is P3D), so that is its TIMEX3 reading."""
    got = {d.text: d for d in spans("He was jailed in 2009 and freed a year later.")}
    assert got["a year later"].start == date(2010, 1, 1)
    assert (got["a year later"].timex_type, got["a year later"].timex_value) == ("DURATION", "P1Y")
    early = {d.text: d for d in spans("He was freed in 2009, and jailed a year earlier.")}
    assert early["a year earlier"].timex_value == "2008"  # "earlier" keeps the date reading


def test_a_scheduled_day_of_a_month_is_the_next_one(spans) -> None:
    ahead = spans("The talks are scheduled for April 7, the envoy said.")
    assert [d.timex_value for d in ahead if "April" in d.text] == ["2022-04-07"]
    back = spans("The talks were held on April 7, the envoy said.")
    assert [d.timex_value for d in back if "April" in d.text] == ["2021-04-07"]


def test_last_night_is_the_night_before_publication(spans) -> None:
    got = spans("Troops raided the compound last night, officials said.")
    assert [(d.timex_type, d.timex_value) for d in got if "night" in d.text] == [("TIME", "2022-03-14TNI")]


def test_two_expressions_the_model_tagged_as_one_are_read_apart(spans) -> None:
    """ "in March 2011 after months of ...": a date and a duration joined by a signal word."""
    got = [(d.text, d.timex_value) for d in spans("She took over the cell in March 2011 after months of planning.")]
    assert ("March 2011", "2011-03") in got and ("months", "PXM") in got


def test_an_offset_with_its_own_object_is_no_offset_from_an_earlier_date(spans) -> None:
    got = spans("He was jailed in 2009 and freed two days before the vote.")
    assert not any(d.timex_value in ("2022-03-13", "2009-12-30") for d in got)  # neither from publication nor 2009


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("the first half of 2019", "DATE", "2019-H1"),
        ("the second half", "DATE", "2022-H2"),
        ("fiscal 2019", "DATE", "2019"),  # TimeBank writes a fiscal year as the year it is named for
        ("fiscal year 2020", "DATE", "2020"),
        ("earlier today", "DATE", "2022-03-15"),
        ("the past year", "DURATION", "P1Y"),
        ("last year", "DATE", "2021"),
    ],
)
def test_halves_fiscal_years_and_rolling_windows(text: str, kind: str, value: str) -> None:
    d = normalise(text, ANCHOR)
    start, end, precision = (d.start, d.end, d.precision) if d is not None else (None, None, "unknown")
    assert timex.reading(text, start, end, precision, ANCHOR) == (kind, value)


@pytest.mark.parametrize(
    ("sentence", "word", "value"),
    [
        # a present tense or an infinitive: the nearer occurrence, here the coming one
        ("The ministry plans to publish its report on April 2.", "April 2", "2022-04-02"),
        ("The delegation leaves for Oslo on Thursday.", "Thursday", "2022-03-17"),
        # a past or perfect tense keeps the last one
        ("The delegation left for Oslo on Thursday.", "Thursday", "2022-03-10"),
        ("The ministry has published its report in April.", "April", "2021-04"),
        # a participle takes the tense of the clause it hangs from
        ("Prices have fluctuated sharply, rising to a peak in April.", "April", "2021-04"),
        # the bound of a stretch may lie ahead whatever the tense
        ("The lenders extended the loans through April.", "April", "2022-04"),
    ],
)
def test_the_clause_decides_which_way_an_undated_expression_points(spans, sentence, word, value) -> None:
    got = [d.timex_value for d in spans(sentence) if word in d.text]
    assert got == [value]


def test_a_weekday_beside_a_day_of_the_month_chooses_the_year() -> None:
    d = normalise("Wednesday, March 16", ANCHOR)  # 16 March is a Wednesday in 2022, a Tuesday in 2021
    assert d is not None and d.start == date(2022, 3, 16)
    slip = normalise("Friday, March 16", date(2022, 3, 15))  # no year nearby fits: the day as read
    assert slip is not None and slip.start is not None and slip.start.month == 3


def test_references_to_the_past_and_the_near_term_are_found_where_the_phrase_ends(spans) -> None:
    found = {
        d.text: d.timex_value for d in spans("Such raids were rare in the past, and calm is expected in the near term.")
    }
    assert found.get("the past") == "PAST_REF" and found.get("the near term") == "FUTURE_REF"
    assert "the past" not in {d.text for d in spans("Officials met the envoy in the past week.")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the latest quarter", "2022-Q4"),  # published in March: the last quarter to have ended
        ("the quarter", "2022-Q4"),
        ("the current quarter", "2023-Q1"),
        ("the year-earlier quarter", "2021-Q4"),
        ("the quarter a year ago", "2021-Q4"),
        ("the 2020 quarter", "2020-Q4"),
        ("the year-ago second quarter", "2022-Q2"),
        ("the fiscal first quarter", "2023-Q1"),
        ("last year's third quarter", "2022-Q3"),
    ],
)
def test_quarters_named_by_where_they_lie(text: str, value: str) -> None:
    anchor = date(2023, 3, 1)
    d = normalise(text, anchor)
    assert d is not None, text
    assert timex.reading(text, d.start, d.end, d.precision, anchor) == ("DATE", value)


def test_a_quarter_ended_on_a_day_is_two_expressions(spans) -> None:
    got = {d.text: d.timex_value for d in spans("Sales fell in the third quarter ended Sept. 30, the firm said.")}
    assert got == {"the third quarter": "2021-Q3", "Sept. 30": "2021-09-30"}


def test_a_year_earlier_keeps_the_quarter_it_counts_from(spans) -> None:
    text = "Profit rose in the second quarter of 2021, up from $3 million a year earlier."
    got = {d.text: d.timex_value for d in spans(text)}
    assert got["a year earlier"] == "2020-Q2"


def test_a_reference_to_the_present_names_no_day_for_that_day(spans) -> None:
    got = {d.text: d.timex_value for d in spans("Markets are calm these days, and that day the envoy left.")}
    assert got.get("these days") == "PRESENT_REF" and got.get("that day") != "PRESENT_REF"


def test_a_range_written_with_both_ends_carries_its_first_end(spans) -> None:
    """TimeML marks each end of "from 2011 to 2017" as a TIMEX3; the one expression carries the first's value
    (not "201", the 2010s), while its interval still spans the whole range."""
    got = next(d for d in spans("Output fell from 2011 to 2017, the ministry said.") if "2011" in d.text)
    assert got.timex_value == "2011" and (got.start, got.end) == (date(2011, 1, 1), date(2017, 12, 31))


def test_a_one_word_comparison_is_the_period_just_named_a_year_before(spans) -> None:
    text = "Net income in the third quarter of 2021 was below year-earlier levels."
    got = {d.text: d.timex_value for d in spans(text)}
    assert got.get("year-earlier") == "2020-Q3"


def test_a_year_earlier_counts_from_the_period_reported_not_from_the_comparison(spans) -> None:
    text = "Sales in the second quarter of 2021 beat the year-ago quarter; profit rose from $2 million a year earlier."
    got = {d.text: d.timex_value for d in spans(text)}
    assert got.get("a year earlier") == "2020-Q2"


@pytest.mark.parametrize(
    ("sentence", "word", "extent"),
    [
        ("Fighting has continued since January in the north.", "January", "January"),
        ("Raids rose during the quarter, officials said.", "quarter", "the quarter"),
        ("Last year's offensive failed.", "year", "Last year"),
        ("Output fell from 2011 to 2017, the ministry said.", "2011", "2011"),
    ],
)
def test_the_timex_extent_leaves_out_signals_and_possessives(spans, sentence, word, extent) -> None:
    """TimeML marks "since", "during" as signals beside the TIMEX3, and a possessive ending outside it; the
    interval's text keeps the words it was read from."""
    got = next(d for d in spans(sentence) if word in d.text)
    assert sentence[got.start_char : got.end_char] == extent


def test_a_clock_time_before_its_day_is_one_time_of_that_day(spans) -> None:
    found = spans("The convoy leaves at 9 a.m. Thursday, officials said.")
    got = [(d.text, d.timex_type, d.timex_value) for d in found]
    assert got == [("9 a.m. Thursday", "TIME", "2022-03-17T09:00")]


def test_midnight_of_a_day_is_its_24th_hour(spans) -> None:
    got = [(d.timex_type, d.timex_value) for d in spans("The deadline expired at midnight Friday.")]
    assert got == [("TIME", "2022-03-11T24")]


def test_the_second_end_of_a_written_range_is_an_expression_of_its_own(spans) -> None:
    sentence = "Output fell from 2011 to 2017, the ministry said."
    got = [(sentence[d.start_char : d.end_char], d.timex_value) for d in spans(sentence)]
    assert got == [("2011", "2011"), ("2017", "2017")]


def test_a_year_ago_beside_a_reported_quarter_is_that_quarter_a_year_back(spans) -> None:
    """Results compare a period with the same period a year before: "a year ago" after a reported quarter is
    that quarter (2021-Q3), not the calendar year around the day a year before publication."""
    text = "Harbor Mills said third-quarter sales reached $40 million, against $31 million a year ago."
    got = {d.text: (d.timex_value, d.start, d.end) for d in spans(text, date(2022, 11, 2))}
    assert got["a year ago"] == ("2021-Q3", date(2021, 7, 1), date(2021, 9, 30))


@pytest.mark.parametrize(
    "text",
    [
        "The third quarter was calm. A year ago, the valley was a war zone.",  # no amounts compared
        "Third-quarter sales reached $40 million. Two ferries sank in March; a year ago one did.",  # nearer: March
    ],
)
def test_a_year_ago_without_a_reported_period_to_compare_counts_from_publication(spans, text) -> None:
    got = {d.text.strip(): d.timex_value for d in spans(text, date(2022, 11, 2))}
    assert got[next(k for k in got if k.lower().endswith("a year ago"))] == "2021"


def test_a_period_ended_on_a_day_is_its_length_and_the_day(spans) -> None:
    """ "the nine months ended June 30": TimeML's DURATION P9M and the DATE of the day; the length carries the
    whole period on the timeline."""
    text = "For the nine months ended June 30, the co-operative lost $4 million."
    got = {d.text: (d.timex_type, d.timex_value, d.start, d.end) for d in spans(text, date(2022, 8, 10))}
    assert got == {
        "the nine months": ("DURATION", "P9M", date(2021, 10, 1), date(2022, 6, 30)),
        "June 30": ("DATE", "2022-06-30", date(2022, 6, 30), date(2022, 6, 30)),
    }
    year = {d.text: d.timex_value for d in spans("Revenue for the fiscal year ending March 31 doubled.")}
    assert year == {"the fiscal year": "P1Y", "March 31": "2022-03-31"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the last twenty-four hours", "PT24H"),
        ("thirty six months", "P36M"),
        ("an hour and a half", "PT1H30M"),
        ("a minute and a half later", "PT1M30S"),
        ("5 1/2 hours", "PT5H30M"),
    ],
)
def test_durations_with_spelled_compound_numbers_and_halves(text: str, value: str) -> None:
    assert timex.reading(text, None, None, "unknown", ANCHOR) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("nineteen eighty-four", date(1984, 1, 1), date(1984, 12, 31)),
        ("March nineteen ninety-one", date(1991, 3, 1), date(1991, 3, 31)),
        ("the summer of nineteen oh six", date(1906, 6, 1), date(1906, 8, 31)),
        ("two thousand and three", date(2003, 1, 1), date(2003, 12, 31)),
    ],
)
def test_years_spelled_out_as_broadcasts_say_them(text: str, start: date, end: date) -> None:
    d = normalise(text, ANCHOR)
    assert d is not None and (d.start, d.end) == (start, end)


TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@given(st.integers(2, 9), st.integers(1, 9), st.sampled_from(["-", " "]))
def test_any_spelled_year_of_the_century_reads_as_its_digits(ten: int, unit: int, joint: str) -> None:
    words = f"nineteen {TENS[ten - 2]}{joint}{UNITS[unit - 1]}"
    assert timex.spelled_years(words) == str(1900 + 10 * ten + unit)
    assert timex.spelled_number(f"{TENS[ten - 2]}{joint}{UNITS[unit - 1]}") == 10 * ten + unit


def test_a_length_in_thousands_of_years_is_no_year() -> None:
    assert timex.spelled_years("more than two thousand years") == "more than two thousand years"


@pytest.mark.parametrize(
    ("sentence", "published", "word", "value"),
    [
        ("The ministry extended the registration period to Nov. 20.", date(2022, 11, 2), "Nov. 20", "2022-11-20"),
        ("The league had set Dec. 3 as the deadline for bids.", date(2022, 11, 2), "Dec. 3", "2022-12-03"),
        ("The council postponed the vote until June.", date(2022, 5, 20), "June", "2022-06"),
        ("A judge ordered the ferry to stay in port until March 6.", date(2022, 1, 15), "March 6", "2022-03-06"),
        ("The rebels held the town until March 6.", date(2022, 1, 15), "March 6", "2021-03-06"),
        ("The ministry has published its report in April.", date(2022, 3, 15), "April", "2021-04"),
    ],
)
def test_a_date_a_verb_sets_is_the_nearer_one_whatever_the_tense(spans, sentence, published, word, value) -> None:
    """ "extended ... to Nov. 20": the past tense is the act of setting, not the time of the date it sets;
    a realised past ("held the town until March 6") keeps the last one."""
    got = {d.text: d.timex_value for d in spans(sentence, published)}
    assert got[next(k for k in got if word in k)] == value


def test_a_spelled_out_year_is_a_year_written_whatever_the_clause(spans) -> None:
    """A month with its year in words is as dated as "January 1997": no tense moves it."""
    got = {d.text: d.timex_value for d in spans("The sign on the gate says January nineteen ninety-seven.")}
    assert got == {"January nineteen ninety-seven": "1997-01"}


def test_a_frequency_word_before_a_noun_is_a_kind_not_a_time(spans) -> None:
    """ "a quarterly dividend", "annual payout": the word says what kind of thing it is; "meets weekly" and
    "a daily rally" say how often something happens."""
    assert spans("The co-operative raised its quarterly dividend and its annual payout.") == []
    assert [d.timex_value for d in spans("Crowds joined the daily rally.")] == ["P1D"]
    got = [(d.text, d.timex_type, d.timex_value) for d in spans("The council meets weekly in the old hall.")]
    assert got == [("weekly", "SET", "P1W")]


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The market is held every Monday in the square.", "every Monday", "XXXX-WXX-1"),
        ("Floods come to the delta each July.", "each July", "XXXX-07"),
        ("The hut is rented out every summer.", "every summer", "XXXX-SU"),
    ],
)
def test_every_named_day_month_or_season_is_a_set(spans, sentence, text, value) -> None:
    got = [(d.text, d.timex_type, d.timex_value) for d in spans(sentence)]
    assert got == [(text, "SET", value)]


def test_a_clock_time_the_model_tagged_with_its_day_is_that_day_at_that_hour(spans) -> None:
    """ "10 p.m. Wednesday" tagged as one TIME: the Wednesday is dated as a day alone would be."""
    got = [(d.text, d.timex_type, d.timex_value) for d in spans("The ferry sank at 10 p.m. Wednesday off the cape.")]
    assert got == [("10 p.m. Wednesday", "TIME", "2022-03-09T22:00")]


@pytest.mark.parametrize(
    ("sentence", "published", "text", "value"),
    [
        ("The ferry service resumed on Thanksgiving Day.", date(2022, 12, 10), "Thanksgiving Day", "2022-11-24"),
        ("The ferry service resumed on Thanksgiving Day.", date(2022, 11, 1), "Thanksgiving Day", "2021-11-25"),
        ("Talks will resume after Easter.", date(2024, 1, 20), "Easter", "2024-03-31"),
        ("Pilgrims crowded the square on Good Friday.", date(2019, 5, 1), "Good Friday", "2019-04-19"),
        ("The levee broke on New Year's Eve.", date(2023, 1, 3), "New Year's Eve", "2022-12-31"),
    ],
)
def test_holidays_are_the_days_they_fall_on(spans, sentence, published, text, value) -> None:
    got = [(d.text, d.timex_value) for d in spans(sentence, published)]
    assert got == [(text, value)]


def test_a_holiday_naming_a_kind_of_thing_is_no_date(spans) -> None:
    assert spans("A truck drove into a Christmas market in the old town.") == []


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1999, date(1999, 4, 4)),
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2025, date(2025, 4, 20)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_by_the_gregorian_computus(year: int, easter: date) -> None:
    got = normalise(f"Easter {year}", None)
    assert got is not None and got.start == easter


@given(st.integers(1900, 2100))
def test_easter_is_a_sunday_between_march_22_and_april_25(year: int) -> None:
    got = normalise(f"Easter Sunday {year}", None)
    assert got is not None and got.start is not None
    assert got.start.weekday() == 6 and date(year, 3, 22) <= got.start <= date(year, 4, 25)


def test_the_first_months_of_a_year_are_their_length_and_the_year(spans) -> None:
    """TimeML marks "the first six months of 2019" as a DURATION (P6M) and the year; the length carries those
    months of that year on the timeline."""
    got = {
        d.text: (d.timex_type, d.timex_value, d.start, d.end)
        for d in spans("Exports fell in the first six months of 2019.")
    }
    assert got == {
        "the first six months": ("DURATION", "P6M", date(2019, 1, 1), date(2019, 6, 30)),
        "2019": ("DATE", "2019", date(2019, 1, 1), date(2019, 12, 31)),
    }


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Sales for the full year were flat, the co-operative said.", "2022"),
        ("The mill closed in 2015, and for the year output fell by half.", "2015"),
    ],
)
def test_the_year_is_the_year_the_text_is_about(spans, sentence, value) -> None:
    """ "the year", "the full year": the last year the text named, or the year of publication."""
    got = {d.text: d.timex_value for d in spans(sentence)}
    assert got[next(k for k in got if k.endswith("year"))] == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Third-quarter output at the mill rose 10% from a year earlier.",
        "Third-quarter output at the mill rose. In the year-earlier period, it made 400 tonnes.",
    ],
)
def test_a_comparison_with_a_year_earlier_is_the_reported_period_a_year_back(spans, sentence) -> None:
    got = [d for d in spans(sentence, date(2022, 10, 20)) if "year" in d.text]
    assert [(d.timex_value, d.start, d.end, d.precision) for d in got] == [
        ("2021-Q3", date(2021, 7, 1), date(2021, 9, 30), "range")
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        # a plan told in the past: the cancelled service was due the day before publication
        ("A memorial service planned for Saturday was cancelled after the threats.", date(2022, 3, 13), "2022-03-12"),
        # a plan still ahead
        ("A memorial service planned for Saturday will draw thousands.", date(2022, 3, 13), "2022-03-19"),
        # planning in the past tense sets a date that may lie ahead: the nearer Saturday
        ("Fishermen planned a protest at the harbour on Saturday.", date(2022, 3, 18), "2022-03-19"),
        # the second end of a range is no deadline
        ("The co-operative bought 2,000 tonnes from Feb. 14 to Thursday.", date(2022, 3, 14), "2022-03-10"),
    ],
)
def test_plans_ranges_and_the_way_a_weekday_points(spans, sentence, published, value) -> None:
    got = [d.timex_value for d in spans(sentence, published) if "day" in sentence[d.start_char : d.end_char]]
    assert got == [value]


def test_the_future_is_a_reference_where_the_phrase_ends_there(spans) -> None:
    got = [(d.text, d.timex_value) for d in spans("Peace is unlikely in the near future, the envoy said.")]
    assert got == [("the near future", "FUTURE_REF")]
    assert spans("The future of the port is unclear.") == []


def test_in_the_past_before_any_word_but_a_length_is_a_past_reference(spans) -> None:
    got = [(d.text, d.timex_value) for d in spans("The ministry said in the past it would not negotiate.")]
    assert got == [("the past", "PAST_REF")]
    got = [(d.text, d.timex_value) for d in spans("Prices rose in the past three weeks.")]
    assert got == [("the past three weeks", "P3W")]


@pytest.mark.parametrize(
    ("text", "value"), [("almost two decades", "P20Y"), ("a decade", "P10Y"), ("three centuries", "P300Y")]
)
def test_a_counted_decade_or_century_is_written_in_years_as_timebank_does(text: str, value: str) -> None:
    """TimeBank writes "two decades" as P20Y; an uncounted "decades" keeps its unit (PXDE)."""
    assert timex.reading(text, None, None, "unknown", ANCHOR) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "value"), [("two to three weeks", "P2W"), ("between four and six days", "P4D"), ("10-15 years", "P10Y")]
)
def test_a_length_given_as_a_range_reads_by_its_first_end(text: str, value: str) -> None:
    assert timex.reading(text, None, None, "unknown", ANCHOR) == ("DURATION", value)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("the week of March 9", date(2022, 3, 15), date(2022, 3, 7), date(2022, 3, 13)),
        ("last Oct. 23", date(2022, 3, 15), date(2021, 10, 23), date(2021, 10, 23)),
        ("a fourth-quarter", date(2022, 11, 2), date(2022, 10, 1), date(2022, 12, 31)),
    ],
)
def test_a_week_of_a_day_a_last_day_of_a_month_and_a_quarter_after_a(text, published, start, end) -> None:
    d = normalise(text, published)
    assert d is not None and (d.start, d.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("the end of the month", date(2022, 3, 21), date(2022, 3, 31)),
        ("early next month", date(2022, 4, 1), date(2022, 4, 10)),
        ("late last month", date(2022, 2, 21), date(2022, 2, 28)),
    ],
)
def test_a_part_of_a_month_named_by_where_it_lies(text: str, start: date, end: date) -> None:
    """ "early next month" is April 1-10 in a March article, not all of April; the TIMEX3 value stays the month."""
    d = normalise(text, ANCHOR)
    assert d is not None and (d.start, d.end) == (start, end)
    assert timex.reading(text, d.start, d.end, d.precision, ANCHOR) == ("DATE", start.strftime("%Y-%m"))


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Officials said they did not plan to move the boats on Thursday morning.", "2022-03-17TMO"),  # open
        ("The permit had been scheduled to lapse on Friday morning.", "2022-03-11TMO"),
        ("The permit is scheduled to lapse on Friday morning.", "2022-03-18TMO"),
    ],
)
def test_a_weekday_with_its_part_of_the_day_points_as_the_weekday_does(spans, sentence, value) -> None:
    """ "Thursday morning" follows the clause as "Thursday" does; a plan told in the pluperfect does not put it
    ahead (published on a Monday: the nearer Friday is the last one)."""
    assert [d.timex_value for d in spans(sentence, date(2022, 3, 14))] == [value]


def test_a_year_ago_quarter_keeps_its_own_reading(spans) -> None:
    """ "the year-ago quarter" is read as a quarter, not counted from whatever day came before it."""
    text = "Output rose in the quarter ended Sept. 30, against 400 tonnes in the year-ago quarter."
    got = {d.text: d.timex_value for d in spans(text, date(2022, 11, 1))}
    assert got["the year-ago quarter"] == "2021-Q3"


@pytest.mark.parametrize(("text", "value"), [("an additional year", "P1Y"), ("another week", "P1W")])
def test_one_more_unit_is_a_duration_of_one(text: str, value: str) -> None:
    assert timex.reading(text, None, None, "unknown", ANCHOR) == ("DURATION", value)


def test_the_weeks_ahead_is_an_unstated_length_from_now() -> None:
    assert timex.reading("the weeks ahead", None, None, "unknown", ANCHOR) == ("DURATION", "PXW")


def test_noon_is_a_clock_time_and_joins_its_day(spans) -> None:
    got = [(d.text, d.timex_type, d.timex_value) for d in spans("The convoy reached the port at noon Thursday.")]
    assert got == [("noon Thursday", "TIME", "2022-03-10T12:00")]
