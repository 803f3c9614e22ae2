"""Temporal expressions normalised against an article's publication date.

An analyst's timeline needs intervals, not strings: "late July" in a piece published
2022-08-15 is 2022-07-21..2022-07-31. Absolute calendar dates are read by dateparser; the
fuzzy and relative forms it does not model (parts of months and years, seasons, "since last
year", "from 2019 to 2021", "two weeks ago") come from a small grammar whose words live in
``dates.yaml``. When an expression needs the publication date and the article has none, the
interval stays open (``start``/``end`` None) with a note saying so, never a guess.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threatgraph.datafiles import load_yaml
from threatgraph.extract import timex
from threatgraph.extract.schemas import DatesFile
from threatgraph.model import Article, DateInterval

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

GRAMMAR_FILE = Path(__file__).with_name("dates.yaml")
UNKNOWN_ANCHOR = "publication date unknown"
NOT_UNDERSTOOD = "not a recognised date expression"
MIN_YEAR, MAX_YEAR = 1000, 2999


@dataclass(frozen=True, slots=True)
class _Res:
    """An interval under construction; ``floating`` means it needed the anchor and had none."""

    start: date | None
    end: date | None
    precision: str
    floating: bool = False


@cache
def _grammar() -> dict[str, Any]:
    data = load_yaml(GRAMMAR_FILE, DatesFile)
    months: dict[str, int] = {}
    for i in range(1, 13):
        months[calendar.month_name[i].lower()] = i
        months[calendar.month_abbr[i].lower()] = i
    months["sept"] = 9
    data["months"] = months
    return data


def vocabulary() -> Mapping[str, Any]:
    """The grammar of ``dates.yaml`` (parts of months and years, seasons, numbers), read-only by convention.

    The date labels of the web pages and the CLI (``web/datelabel.py``) name intervals with the same words
    the grammar reads, so "late" means days 21..31 in both directions.
    """
    return _grammar()


def _alt(words: object) -> str:
    """A regex alternation of the given words, longest first so "end of" beats "end"."""
    return "|".join(re.escape(str(w)) for w in sorted(words, key=lambda w: -len(str(w))))  # type: ignore[attr-defined]


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    g = _grammar()
    month = _alt(g["months"])
    mpart = _alt(g["month_parts"])
    ypart = _alt(g["year_parts"])
    season = _alt(g["seasons"])
    unit = _alt(g["units"])
    shift = _alt(g["period_shift"])
    num = _alt(g["numbers"]) + r"|\d+"
    year = r"(\d{4})"
    return {
        "lead": re.compile(rf"^(?:{_alt(g['lead_words'])})\s+"),
        "year": re.compile(rf"^(?:(?:the\s+)?year\s+)?{year}$"),  # "1996", "the year 2000"
        "decade": re.compile(r"^(?:the\s+)?(\d{3}0)'?s$"),
        "decade_word": re.compile(rf"^(?:the\s+)?({_alt(g['decade_words'])})$"),
        "month": re.compile(rf"^({month})\.?(?:,?\s+(?:of\s+)?{year})?$"),
        "month_part": re.compile(rf"^({mpart})[\s-]*(?:the\s+month\s+of\s+)?({month})\.?(?:,?\s+{year})?$"),
        "month_part_rel": re.compile(rf"^({mpart})[\s-]*(?:the\s+month|({shift})\s+month)$"),
        "year_part": re.compile(rf"^({ypart})[\s-]*(?:{year}|({shift}|the)\s+year)$"),
        "decade_part": re.compile(rf"^(?:the\s+)?({_alt(g['decade_parts'])})[\s-]*(\d{{3}}0)'?s$"),
        "century": re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century$"),
        "later": re.compile(rf"^(?:{_alt(g['later_words'])})\s+this\s+({unit})$"),
        "season": re.compile(rf"^(?:(?:the\s+)?({season})(?:\s+(?:of\s+)?{year})?|{year}\s+({season}))$"),
        "quarter": re.compile(
            rf"^(?:the\s+)?(?:({_alt(g['quarters'])})[\s-]+quarter(?:\s+of)?|(q[1-4]))(?:\s+{year})?$"
        ),
        "quarter_ref": re.compile(
            rf"^(?:(?:{_alt(g['quarter_openers'])})\s+)?(?:({_alt(g['quarter_year_back'])}|\d{{4}})\s+)?"
            rf"(?:({_alt(g['quarter_refs'])})\s+)?(?:fiscal[\s-]+)?(?:({_alt(g['quarters'])})[\s-]+)?quarter"
            rf"(?:\s+(a\s+year\s+(?:ago|earlier)))?(?:\s+{year})?$"
        ),
        "week_of": re.compile(r"^(?:the\s+)?week\s+of\s+(.+)$"),
        "shifted_weekday_date": re.compile(
            rf"^(?:this\s+)?(?:{shift})\s+({_alt(g['weekdays'])}),?\s+((?:{month})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?)$"
        ),
        "last_day": re.compile(r"^(?:last|this\s+past)\s+(.+\d)$"),
        "weekend": re.compile(rf"^(?:the\s+)?(?:({shift})\s+)?weekend$"),
        "half": re.compile(rf"^(?:the\s+)?({_alt(g['halves'])})[\s-]+half(?:\s+of)?(?:\s+(?:the\s+year|{year}))?$"),
        "fiscal": re.compile(rf"^(?:fiscal(?:\s+year)?|fy)\s*'?{year}$"),
        "shift": re.compile(rf"^({shift})\s+({unit}|{season}|{month}|{_alt(g['weekdays'])})$"),
        "ago": re.compile(rf"^({num})\s+({unit})s?\s+ago$"),
        "past_n": re.compile(rf"^(?:the\s+)?(?:past|last|previous)\s+({num})\s+({unit})s$"),
        "earlier": re.compile(rf"^(?:{_alt(g['earlier_words'])})\s+(this|last)\s+({unit})$"),
        "weekday": re.compile(rf"^(?:on\s+)?({_alt(g['weekdays'])})$"),
        "year_range": re.compile(r"^(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})$"),
        "range": re.compile(rf"^(?:({_alt(g['range_open'])})\s+)?(.+?)\s+(?:{_alt(g['range_joiners'])})\s+(.+)$"),
        "open": re.compile(rf"^({_alt(g['range_open'])})\s+(.+)$"),
        "has_month": re.compile(rf"\b(?:{month})\b"),
        # "June last year", "early October this year", "next year's first quarter": a part named with its year
        "year_named": re.compile(rf"^(.+?)\s+(?:of\s+)?({shift})\s+year$|^({shift})\s+year'?s\s+(.+)$"),
    }


def _clean(text: str) -> str:
    s = " ".join(text.lower().replace("’", "'").split())
    s = timex.spelled_years(s.strip(" .,;:()\"'“”"))  # "nineteen ninety-six": 1996
    s = _spelled_days(s)  # "march eighth": march 8
    s = re.sub(r"^((?:by|at|until|before|the)\s+)?year(?:-|'s\s+)end$", r"\1the end of the year", s)  # "year-end"
    s = re.sub(r"\bfiscal\s+(?=year$)", "", s)  # "the current fiscal year": the year it is named for, as "fiscal 1989"
    s = re.sub(r"\s+or\s+so$|\s+or\s+so(?=\s+(?:ago|earlier|later)$)", "", s)  # "a week or so ago": a week ago
    return re.sub(r"'s$", "", s)  # possessives: "last year's", "Tuesday's"


@cache
def _day_ordinal() -> tuple[re.Pattern[str], dict[str, int]]:
    """A day of a month written as an ordinal word ("eighth", "twenty-first") and the words' values."""
    g = _grammar()
    ordinals, tens = g["day_ordinals"], g["day_ordinal_tens"]
    compound = rf"(?:{_alt(tens)})[\s-]+(?:{_alt(k for k, v in ordinals.items() if v < 10)})"
    words = rf"(?:{compound}|{_alt(ordinals)})"
    month = _alt(g["months"])
    pattern = re.compile(rf"\b({month})\.?\s+(?:the\s+)?({words})\b|\bthe\s+({words})\s+of\s+({month})\b")
    return pattern, {**ordinals, **tens}


def _spelled_days(s: str) -> str:
    """ "march eighth", "the twenty-first of may" -> "march 8", "21 may": days spoken as ordinal words."""
    pattern, values = _day_ordinal()

    def digits(m: re.Match[str]) -> str:
        word = m[2] or m[3]
        n = sum(values[w] for w in re.split(r"[\s-]+", word))
        return f"{m[1]} {n}" if m[1] else f"{n} {m[4]}"

    return pattern.sub(digits, s)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _check_year(y: int) -> int:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueError(f"year {y} out of range")
    return y


def _recent_year(month: int, anchor: date) -> int:
    """The year of the most recent ``month`` not after the anchor (news speaks of the past)."""
    return anchor.year if month <= anchor.month else anchor.year - 1


def _months_span(y: int, m1: int, m2: int, precision: str) -> _Res:
    """Months m1..m2 of year y; m2 < m1 wraps into the next year (winter)."""
    end_year = y + 1 if m2 < m1 else y
    return _Res(date(y, m1, 1), _month_end(end_year, m2), precision)


def _shift_months(d: date, n: int) -> date:
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    return date(_check_year(y), m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _period(unit: str, anchor: date, shift: int) -> _Res:
    """The whole day/week/month/year ``shift`` periods away from the one holding ``anchor``."""
    if unit == "day":
        d = anchor + timedelta(days=shift)
        return _Res(d, d, "day")
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
        return _Res(monday, monday + timedelta(days=6), "range")
    if unit == "month":
        first = _shift_months(anchor.replace(day=1), shift)
        return _Res(first, _month_end(first.year, first.month), "month")
    y = _check_year(anchor.year + shift)
    return _Res(date(y, 1, 1), date(y, 12, 31), "year")


def _number(word: str) -> int:
    return int(word) if word.isdigit() else int(_grammar()["numbers"][word])


def _floating(precision: str) -> _Res:
    return _Res(None, None, precision, floating=True)


def _parse_point(s: str, anchor: date | None) -> _Res | None:
    """One expression that is not a range."""
    g, p = _grammar(), _patterns()
    if (named := _year_named(s, anchor)) is not None:
        return named
    if m := p["year"].match(s):
        y = _check_year(int(m[1]))
        return _Res(date(y, 1, 1), date(y, 12, 31), "year")
    if m := p["decade"].match(s):
        y = _check_year(int(m[1]))
        return _Res(date(y, 1, 1), date(y + 9, 12, 31), "range")
    if (m := p["decade_word"].match(s)) and anchor is not None:  # "the nineties": the latest such decade begun
        y = anchor.year // 100 * 100 + 10 * g["decade_words"][m[1]]
        y = _check_year(y if y <= anchor.year else y - 100)
        return _Res(date(y, 1, 1), date(y + 9, 12, 31), "range")
    if m := p["month"].match(s):
        mo = g["months"][m[1]]
        if m[2]:
            y = _check_year(int(m[2]))
        elif anchor is None:
            return _floating("month")
        else:
            y = _recent_year(mo, anchor)
        return _Res(date(y, mo, 1), _month_end(y, mo), "month")
    if m := p["month_part"].match(s):
        d1, d2 = g["month_parts"][m[1]]
        mo = g["months"][m[2]]
        if m[3]:
            y = _check_year(int(m[3]))
        elif anchor is None:
            return _floating("month")
        else:
            y = _recent_year(mo, anchor)
        last = calendar.monthrange(y, mo)[1]
        return _Res(date(y, mo, min(d1, last)), date(y, mo, min(d2, last)), "month")
    if m := p["month_part_rel"].match(s):  # "the end of the month", "early next month": part of a month shifted
        if anchor is None:
            return _floating("month")
        d1, d2 = g["month_parts"][m[1]]
        whole = _period("month", anchor, g["period_shift"].get(m[2] or "this", 0))
        assert whole.start is not None and whole.end is not None
        return _Res(whole.start.replace(day=d1), whole.start.replace(day=min(d2, whole.end.day)), "month")
    if m := p["year_part"].match(s):
        m1, m2 = g["year_parts"][m[1]]
        if m[2]:
            return _months_span(_check_year(int(m[2])), m1, m2, "year")
        if anchor is None:
            return _floating("year")
        return _months_span(_check_year(anchor.year + g["period_shift"].get(m[3], 0)), m1, m2, "year")
    if m := p["decade_part"].match(s):
        first, last = g["decade_parts"][m[1]]
        y = _check_year(int(m[2]))
        return _Res(date(y + first, 1, 1), date(y + last, 12, 31), "range")
    if m := p["century"].match(s):
        n = int(m[1])
        if not 1 <= n <= 30:
            return None
        return _Res(
            date(_check_year(max(MIN_YEAR, (n - 1) * 100 + 1)), 1, 1), date(_check_year(n * 100), 12, 31), "range"
        )
    if m := p["later"].match(s):
        if anchor is None:
            return _floating("range")
        whole = _period(m[1], anchor, 0)
        return _Res(anchor, whole.end, "range")
    if m := p["season"].match(s):
        name = m[1] or m[4]
        year_text = m[2] or m[3]
        m1, m2 = g["seasons"][name]
        if year_text:
            return _months_span(_check_year(int(year_text)), m1, m2, "season")
        if anchor is None:
            return _floating("season")
        y = anchor.year if m1 <= anchor.month else anchor.year - 1
        return _months_span(y, m1, m2, "season")
    if m := p["quarter"].match(s):
        q = g["quarters"][m[1]] if m[1] else int(m[2][1])
        if m[3]:
            y = _check_year(int(m[3]))
        elif anchor is None:
            return _floating("range")
        else:
            y = anchor.year
        return _months_span(y, 3 * q - 2, 3 * q, "range")
    if (m := p["quarter_ref"].match(s)) and s not in ("quarter", "fiscal quarter"):
        return _quarter_ref(m, anchor)
    if m := p["half"].match(s):  # "the first half of 2019"; alone, of the publication year
        h = g["halves"][m[1]]
        if m[2]:
            y = _check_year(int(m[2]))
        elif anchor is None:
            return _floating("range")
        else:
            y = anchor.year
        return _months_span(y, 6 * h - 5, 6 * h, "range")
    if m := p["fiscal"].match(s):  # "fiscal 2019": the year it is named for (its bounds vary by body)
        y = _check_year(int(m[1]))
        return _Res(date(y, 1, 1), date(y, 12, 31), "year")
    if m := p["weekend"].match(s):
        return _weekend(m[1], anchor)
    if s in g["relative_days"]:
        if anchor is None:
            return _floating("day")
        d = anchor + timedelta(days=g["relative_days"][s])
        return _Res(d, d, "day")
    if m := p["shift"].match(s):
        return _shifted(m[1], m[2], anchor)
    if m := p["ago"].match(s):
        n, unit = _number(m[1]), m[2]
        if anchor is None:
            return _floating("range" if unit == "week" else unit)
        back = {"day": 1, "week": 7}
        if unit in back:
            d = anchor - timedelta(days=n * back[unit])
            return _Res(d, d, "day") if unit == "day" else _period("week", d, 0)
        return _period(unit, _shift_months(anchor, -n * (12 if unit == "year" else 1)), 0)
    if m := p["past_n"].match(s):
        n, unit = _number(m[1]), m[2]
        if anchor is None:
            return _floating("range")
        months = {"month": 1, "year": 12}
        if unit in months:
            return _Res(_shift_months(anchor, -n * months[unit]), anchor, "range")
        return _Res(anchor - timedelta(days=n * (7 if unit == "week" else 1)), anchor, "range")
    if m := p["earlier"].match(s):
        if anchor is None:
            return _floating("range")
        whole = _period(m[2], anchor, 0 if m[1] == "this" else -1)
        return _Res(whole.start, anchor if m[1] == "this" else whole.end, "range")
    if m := p["weekday"].match(s):
        if anchor is None:
            return _floating("day")
        back = (anchor.weekday() - g["weekdays"].index(m[1])) % 7
        d = anchor - timedelta(days=back)
        return _Res(d, d, "day")
    if m := p["shifted_weekday_date"].match(s):  # "this coming Sunday, March 8": the date says which Sunday
        return _parse_point(f"{m[1]}, {m[2]}", anchor)
    week_of = (m := p["week_of"].match(s)) and _parse_point(m[1], anchor)
    if week_of and week_of.start is not None and week_of.start == week_of.end:  # "the week of March 6": its week
        return _period("week", week_of.start, 0)
    if (m := p["last_day"].match(s)) and p["has_month"].search(m[1]) and anchor is not None:
        day = _parse_point(m[1], anchor)  # "last Oct. 23": the latest Oct. 23 before publication
        if day is not None and day.start is not None and day.start == day.end:
            d = day.start if day.start < anchor else day.start.replace(year=day.start.year - 1)
            return _Res(d, d, "day")
    return _absolute(s, anchor)


def _quarter_ref(m: re.Match[str], anchor: date | None) -> _Res | None:
    """A quarter named by where it lies from the publication date, not (only) by its number: "the
    quarter", "the latest quarter" (the last to have ended: business news reports a quarter once it is
    over), "the current quarter" (the one under way), "the year-earlier quarter", "the quarter a year
    ago", "the 1988 quarter" (the same quarter of another year), "the fiscal first quarter"."""
    g = _grammar()
    back, which, number, ago, year_text = m[1], m[2], m[3], m[4], m[5]
    if back is not None and back.isdigit():
        back, year_text = None, back
    if anchor is None and year_text is None:
        return _floating("range")
    if number is not None:
        q = g["quarters"][number]
        y = int(year_text) if year_text else anchor.year if anchor else 0
    else:
        assert anchor is not None or year_text is not None
        ref = anchor or date(int(year_text or 0), 12, 31)
        current = (ref.month - 1) // 3 + 1
        under_way = which is not None and g["quarter_refs"][which] == "current"
        q, y = (current, ref.year) if under_way else ((current - 1, ref.year) if current > 1 else (4, ref.year - 1))
        if year_text:
            y = int(year_text)
    if (back or ago) and not year_text:
        y -= 1
    y = _check_year(y)
    return _months_span(y, 3 * q - 2, 3 * q, "range")


def _weekend(shift_word: str | None, anchor: date | None) -> _Res | None:
    """ "the weekend", "last weekend", "this weekend" (the latest Saturday and Sunday, the pair holding the
    anchor if it falls on one), "next weekend" (the coming one)."""
    if anchor is None:
        return _floating("range")
    shift = _grammar()["period_shift"].get(shift_word or "", 0)
    saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)  # the last Saturday, or the anchor's own
    if shift > 0:
        saturday += timedelta(days=7)
    elif shift < 0 and anchor.weekday() >= 5:
        saturday -= timedelta(days=7)  # "last weekend" said on a Sunday is the one before
    return _Res(saturday, saturday + timedelta(days=1), "range")


def _year_named(s: str, anchor: date | None) -> _Res | None:
    """ "June last year", "April next year", "this year's third quarter": the part read with the year the
    shift names, counted from the anchor; None when the part alone does not read as a date of a year."""
    m = _patterns()["year_named"].match(s)
    if m is None:
        return None
    part, word = (m[1], m[2]) if m[1] else (m[4], m[3])
    if part.split()[-1] in _grammar()["period_shift"] or part in ("the", "a"):
        return None  # "the last year", "over the past year": a shift of the year itself
    probe = _parse_point(f"{part} 2000", None)
    if probe is None or probe.floating:
        return None
    if anchor is None:
        return _floating(probe.precision)
    return _parse_point(f"{part} {_check_year(anchor.year + _grammar()['period_shift'][word])}", anchor)


def _shifted(shift_word: str, what: str, anchor: date | None) -> _Res | None:
    """ "last year", "this month", "next week", "last summer", "last July", "last Friday"."""
    g = _grammar()
    shift = g["period_shift"][shift_word]
    if what in g["units"] and shift_word in g.get("rolling_shift", ()) and anchor is not None:
        return _parse(f"past 1 {what}s", anchor)  # "the past year": the window up to the anchor
    if what in g["units"]:
        return _floating("range" if what == "week" else what) if anchor is None else _period(what, anchor, shift)
    if what in g["seasons"]:
        if anchor is None:
            return _floating("season")
        base = _parse_point(what, anchor)
        assert base is not None and base.start is not None
        if shift == 0:  # "this summer": the season of the publication year, whether past or to come
            m1 = g["seasons"][what][0]
            y = anchor.year - 1 if m1 == 12 and anchor.month <= 2 else anchor.year
            return _months_span(y, m1, g["seasons"][what][1], "season")
        y = base.start.year + (shift if shift > 0 else 0) - (1 if shift < 0 and base.end and base.end >= anchor else 0)
        m1, m2 = g["seasons"][what]
        return _months_span(y, m1, m2, "season")
    if what in g["months"]:
        if anchor is None:
            return _floating("month")
        mo = g["months"][what]
        y = _recent_year(mo, anchor)
        if shift == 0:  # "this September": the month of the publication year, whether past or to come
            y = anchor.year
        elif shift < 0 and mo == anchor.month:
            y -= 1
        elif shift > 0:
            y = anchor.year if mo > anchor.month else anchor.year + 1
        return _Res(date(y, mo, 1), _month_end(y, mo), "month")
    if what in g["weekdays"]:
        if anchor is None:
            return _floating("day")
        idx = g["weekdays"].index(what)
        if shift > 0:
            d = anchor + timedelta(days=(idx - anchor.weekday()) % 7 or 7)
        else:
            d = anchor - timedelta(days=(anchor.weekday() - idx) % 7 or (7 if shift < 0 else 0))
        return _Res(d, d, "day")
    return None


def _absolute(s: str, anchor: date | None) -> _Res | None:
    """Calendar dates with a day ("24 January 2019", "2019-01-24") via dateparser."""
    if not re.search(r"\d", s):
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if iso:
        d = date(_check_year(int(iso[1])), int(iso[2]), int(iso[3]))
        return _Res(d, d, "day")
    if not _patterns()["has_month"].search(s) or len(s) > 40:
        return None
    has_year = re.search(r"\b\d{4}\b", s) is not None
    if len(re.findall(r"(?<![\d:])\d{1,2}(?![\d:])", s)) > 1:
        return None  # "July 8 and 9", "July 8-9": two days, not one (dateparser takes "9" for 1909)
    if not has_year and anchor is None:
        return _floating("day")
    parsed = _dateparser(s, anchor)
    if parsed is None:
        return None
    _check_year(parsed.year)
    if not has_year and anchor is not None and (named := _weekday_named(s)) is not None:
        parsed = _year_of_weekday(parsed, named, anchor)
    return _Res(parsed, parsed, "day")


def _weekday_named(s: str) -> int | None:
    """The weekday an expression names beside its date ("Monday, Oct. 26"), as 0 (Monday) .. 6."""
    days = _grammar()["weekdays"]
    found = [days.index(w) for w in re.findall(r"[a-z]+", s) if w in days]
    return found[0] if len(found) == 1 else None


def _year_of_weekday(day: date, weekday: int, anchor: date) -> date:
    """ "Monday, Oct. 26" without a year: the year, of those around the anchor, in which that day is a
    Monday (the nearest such); the day as read when no year nearby fits (a slip of the writer's)."""
    fits = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        if candidate.weekday() == weekday:
            fits.append(candidate)
    return min(fits, key=lambda d: abs((d - anchor).days)) if fits else day


@lru_cache(maxsize=4096)
def _dateparser(s: str, anchor: date | None) -> date | None:
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        parsed = dateparser.parse(s, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def _range_parts(s: str) -> tuple[str | None, str, str] | None:
    """The opener and the two ends of a range written with both ("from May to June 2020", "July 8-9"), each
    end completed with what it shares with the other ("May 2020", "July 9"); None for anything else."""
    m = _patterns()["range"].match(re.sub(r"(?<![\d-])(\d{1,2})\s*[-–—]\s*(\d{1,2})(?![\d-])", r"\1 - \2", s))
    if m is None:
        return None
    return m[1], _with_year(m[2], m[3]), _with_month(m[2], m[3])


def _with_year(left: str, right: str) -> str:
    """ "May to June 2020": the left end borrows the right end's year when it has none; "24 and 25 April":
    a bare day borrows the right end's month (and year)."""
    if (day := re.fullmatch(r"\d{1,2}", left)) and (m := re.fullmatch(r"\d{1,2}\s+(\D+?)(,?\s+\d{4})?", right)):
        return f"{day[0]} {m[1]}{m[2] or ''}" if _patterns()["month"].match(m[1]) else left
    if re.search(r"\b\d{4}\b", left):
        return left
    year = re.search(r"\b(\d{4})\b", right)
    return f"{left} {year[1]}" if year and not left.isdigit() else left


def _with_month(left: str, right: str) -> str:
    """ "July 8 and 9": a bare day as the right end is a day of the left end's month (and year)."""
    day = re.fullmatch(r"(\d{1,2})(,?\s+\d{4})?", right)
    month = re.fullmatch(r"(\D+?)\s+\d{1,2}(?:,?\s+(\d{4}))?", left)
    if day is None or month is None or not _patterns()["month"].match(month[1]):
        return right
    return f"{month[1]} {day[1]}{day[2] or (', ' + month[2] if month[2] else '')}"


def _named_day(s: str) -> date | None:
    """The day a name stands for ("9/11"), with a lead word dropped ("on 9/11")."""
    named = _grammar()["named_days"]
    words = s.split()
    return named.get(words[-1]) if words and (len(words) == 1 or words[0] in _grammar()["lead_words"]) else None


def holiday_names() -> list[str]:
    """The holidays ``dates.yaml`` dates, longest first (for patterns that find them in a text)."""
    g = _grammar()
    names = [*g["holidays_fixed"], *g["holidays_by_rule"], *g["holidays_from_easter"]]
    return sorted(names, key=len, reverse=True)


def _easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_in(name: str, year: int) -> date:
    """The day of a holiday of ``dates.yaml`` in a year."""
    g = _grammar()
    if name in g["holidays_fixed"]:
        month, day = g["holidays_fixed"][name]
        return date(_check_year(year), month, day)
    if name in g["holidays_from_easter"]:
        return _easter(_check_year(year)) + timedelta(days=g["holidays_from_easter"][name])
    month, weekday, nth = g["holidays_by_rule"][name]
    first = date(_check_year(year), month, 1)
    if nth > 0:
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = _month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(s: str, anchor: date | None) -> _Res | None:
    """ "Thanksgiving Day", "last Christmas", "next Easter", "Christmas 1998": the latest one not after the
    anchor (the next one after "next"), or the one of the year written; None for anything else."""
    m = re.fullmatch(rf"(?:(last|this|next|this past)\s+)?({_alt(holiday_names())})(?:,?\s+(\d{{4}}))?", s)
    if m is None:
        return None
    name = m[2]
    if m[3]:
        day = _holiday_in(name, int(m[3]))
        return _Res(day, day, "day")
    if anchor is None:
        return _floating("day")
    day = _holiday_in(name, anchor.year)
    if m[1] == "next":
        day = day if day > anchor else _holiday_in(name, anchor.year + 1)
    elif day > anchor:
        day = _holiday_in(name, anchor.year - 1)
    return _Res(day, day, "day")


def _parse(s: str, anchor: date | None) -> _Res | None:
    p = _patterns()
    if (day := _named_day(s)) is not None:
        return _Res(day, day, "day")
    if (feast := _holiday(s, anchor)) is not None:
        return feast
    point = _parse_point(s, anchor)
    if point is not None:
        return point
    if m := p["year_range"].match(s):
        y1 = _check_year(int(m[1]))
        tail = m[2]
        y2 = _check_year(int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail))
        if y2 < y1:
            return None
        return _Res(date(y1, 1, 1), date(y2, 12, 31), "range")
    if parts := _range_parts(s):
        opener, left, right = parts
        if opener in (None, "from", "between"):
            a = _parse_point(left, anchor)
            b = _parse_point(right, anchor)
            if a is not None and b is not None:
                start, end = a.start, b.end
                if start and end and end < start:
                    return None
                return _Res(start, end, "range", a.floating or b.floating)
    if m := p["open"].match(s):
        opener = _grammar()["range_open"][m[1]]
        inner = _parse(m[2], anchor)
        if inner is None:
            return None
        if opener == "since":
            end = anchor if anchor is not None else None
            if inner.start and end and end < inner.start:
                end = inner.end
            return _Res(inner.start, end, "range", inner.floating or anchor is None)
        if opener == "until":
            return _Res(None, inner.end, "range", inner.floating)
        return inner
    if m := p["lead"].match(s):
        return _parse(s[m.end() :], anchor)
    return None


def normalise(text: str, published: date | None) -> DateInterval | None:
    """Normalise one temporal expression into an interval, or None when it is not a date.

    ``published`` is the anchor for relative expressions ("last year", "late July"); when it
    is None such expressions keep ``start``/``end`` None (or the end of a "since" range open)
    and carry the note "publication date unknown". Absolute ones ("January 2019", "2011",
    "from 2019 to 2021") resolve either way.
    """
    if isinstance(published, datetime):  # a timestamp from a feed: its calendar day is the anchor
        published = published.date()
    cached = _normalise(text, published)
    return dataclasses.replace(cached) if cached is not None else None


@lru_cache(maxsize=8192)
def _normalise(text: str, published: date | None) -> DateInterval | None:
    s = _clean(text)
    if not s or len(s) > 80:
        return None
    try:
        res = _parse(s, published)
    except (ValueError, OverflowError, KeyError):
        return None
    if res is None:
        return None
    note = UNKNOWN_ANCHOR if res.floating else None
    return DateInterval(text=text.strip(), start=res.start, end=res.end, precision=res.precision, note=note)


# --- spans in a parsed document ----------------------------------------------------------

_LEFT_OPENERS = {"since", "from", "between", "until", "till", "before", "during", "early", "late", "mid"}


_JOINERS = {"to", "until", "till", "through", "and", "-", "–", "—"}


def _with_day_part(ent: Span) -> Span:
    """ "Thursday" + "night", "late Saturday" + "morning" tagged apart by the model: one part of one day."""
    doc = ent.doc
    if ent.end < len(doc) and timex.grammar()["day_part"].fullmatch(doc[ent.end].lower_):
        return doc[ent.start : ent.end + 1]
    return ent


_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NP_DETERMINERS = frozenset({"the", "a", "an"})
_PREMODIFIER = frozenset({"nummod", "compound", "amod"})


def _untagged_dates(doc: Doc, taken: set[int]) -> list[Span]:
    """Dates the model tagged as numbers or not at all: a named day ("9/11"), a day relative to
    publication capitalised and so taken for a name ("WASHINGTON - Today, …"), a part of a year ("the early
    2018 riots"), a year written before its noun ("a 2015 offensive")."""
    named, parts = _grammar()["named_days"], _grammar()["year_parts"]
    days = {d for d in _grammar()["relative_days"] if " " not in d}
    out: list[Span] = []
    for t in doc:
        if t.i in taken:
            continue
        if t.text in named or (t.lower_ in days and t.is_title and t.dep_ in ("npadvmod", "advmod", "nsubj", "ROOT")):
            out.append(doc[t.i : t.i + 1])  # "9/11"; "WASHINGTON - Today, …" with "Today" taken for a name
        elif _YEAR.fullmatch(t.text) and t.i > 0:
            before = doc[t.i - 1]
            if before.lower_ in parts and before.i not in taken:
                out.append(doc[t.i - 1 : t.i + 1])
            elif before.lower_ in _NP_DETERMINERS and t.dep_ in _PREMODIFIER and t.head.pos_ == "NOUN":
                out.append(doc[t.i : t.i + 1])
    return out


def _since_then(doc: Doc, taken: set[int]) -> list[Span]:
    """ "since then", "ever since" (``anaphoric_since``): a stretch from the date named before to
    publication, which the model does not tag; read from the words, dated by :func:`_resolve_anaphora`."""
    phrases = [p.split() for p in _grammar()["anaphoric_since"]]
    firsts = {words[0] for words in phrases}
    out: list[Span] = []
    for t in doc:
        if t.lower_ not in firsts:
            continue
        for words in phrases:
            span = doc[t.i : t.i + len(words)]
            if len(span) == len(words) and [w.lower_ for w in span] == words and not any(w.i in taken for w in span):
                if words[-1] == "since" and span.end < len(doc) and doc[span.end].like_num:
                    continue  # "ever since 2019" is the year's own range
                out.append(span)
    return out


_PROBE = date(2001, 1, 10)  # any anchor: only whether a TIME expression names a day is asked of it


def _day_times(doc: Doc, taken: set[int]) -> list[Span]:
    """TIME entities that name a day ("last night", "this morning", "late Tuesday night"): the model
    tags them TIME, yet they date a happening as a DATE does, and so does a clock time on a named day ("at
    10 p.m. Wednesday": :func:`_read` dates the Wednesday). A clock time or a duration alone ("3 p.m.",
    "hours") names no day and stays out, so no event is dated by the publication day through it."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "TIME" or any(t.i in taken for t in ent):
            continue
        days = (timex.without_day_part(ent.text), timex.without_clock(ent.text))
        if normalise(ent.text, _PROBE) is not None or any(d is not None and normalise(d, _PROBE) for d in days):
            out.append(ent)
    return out


def _with_shift(ent: Span) -> Span:
    """ "this week's strikes", "last month's raid": the model tags the bare unit ("week") as the DATE
    and leaves out the shift word that says which week, without which the unit dates nothing."""
    doc, g = ent.doc, _grammar()
    if len(ent) != 1 or ent.start == 0 or ent[0].lower_ not in g["units"]:
        return ent
    return doc[ent.start - 1 : ent.end] if doc[ent.start - 1].lower_ in g["period_shift"] else ent


def _joins(doc: Doc, ent: Span) -> bool:
    """Whether the word after a date joins it to the next as the two ends of a range: "to",
    "until", a dash; "and" only after "between" ("in May 2014 and June 2019" lists two dates)."""
    word = doc[ent.end].lower_
    if word not in _JOINERS:
        return False
    return word != "and" or (ent.start > 0 and doc[ent.start - 1].lower_ == "between")


def _without_last_conjunction(ent: Span) -> Span:
    """The entity without a closing "and"/"or" the model swallowed ("both 1990 and" before "1991"): the word
    joins two dates listed, it is part of neither."""
    if len(ent) > 1 and ent[-1].lower_ in ("and", "or") and ent[-1].pos_ == "CCONJ":
        return ent[:-1]
    return ent


def _joined_dates(doc: Doc) -> list[Span]:
    """DATE entities, with "2018 to 2020" joined when the model tagged the two ends apart."""
    ents = [e for e in doc.ents if e.label_ == "DATE"]
    taken = {t.i for e in ents for t in e}
    ents += _untagged_dates(doc, taken) + _day_times(doc, taken) + _since_then(doc, taken)
    ents = [_with_shift(_without_last_conjunction(e)) for e in ents]
    ents.sort(key=lambda e: e.start)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.start == ent.end + 1 and _joins(doc, ent):
            out.append(doc[ent.start : nxt.end])
            i += 2
            continue
        if (widened := _with_day_part(ent)) is not ent:
            out.append(widened)
            i += 1
            continue
        if (
            ent.end + 1 < len(doc)
            and _joins(doc, ent)
            and re.fullmatch(r"\d{4}", doc[ent.end + 1].text)
            and doc[ent.end + 1].ent_type_ in ("", "CARDINAL")
        ):
            out.append(doc[ent.start : ent.end + 2])  # "from 2021 to 2022" with 2022 tagged CARDINAL
            i += 1
            continue
        out.append(ent)
        i += 1
    return out


def date_spans(doc: Doc, published: date | None) -> list[tuple[Span, DateInterval]]:
    """Every DATE entity of ``doc`` (widened to a preceding "since"/"from"…) with its interval.

    Entities the grammar cannot read are kept with precision "unknown" and a note, so a caller
    sees every temporal expression and knows which ones were not understood. Ages, counts and
    document numbers the model took for dates ("27", "Decree 4471") are left out.
    """
    out: list[tuple[Span, DateInterval]] = []
    for ent in _joined_dates(doc):
        if timex.not_a_date(ent):
            continue
        span = ent
        if ent.start > 0 and doc[ent.start - 1].lower_ in _LEFT_OPENERS:
            span = doc[ent.start - 1 : ent.end]
        read = _read(span, ent, published)
        parts = (
            (_listed_dates(ent, published) or _signalled_dates(ent, published)) if read.note == NOT_UNDERSTOOD else []
        )
        out += parts or [(span, read)]
    return _resolve_anaphora(out, published)


def _listed_dates(ent: Span, published: date | None) -> list[tuple[Span, DateInterval]]:
    """ "May 2014 and June 2019" (the model tags a list of dates as one): each date on its
    own, when every part reads as one; nothing when any part does not."""
    cuts = [t for t in ent if t.lower_ in ("and", ",") and t.i > ent.start]
    if not any(t.lower_ == "and" for t in cuts):
        return []
    bounds, lo = [], ent.start
    for cut in cuts:
        bounds.append((lo, cut.i))
        lo = cut.i + 1
    bounds.append((lo, ent.end))
    doc = ent.doc
    parts = [doc[a:b] for a, b in bounds if b > a]
    out = [(part, _read(part, part, published)) for part in parts]
    if len(out) < 2 or any(iv.start is None for _part, iv in out):
        return []
    return out


#: words inside one model DATE span that relate two expressions ("March 2011 after months of ...")
_INNER_SIGNALS = frozenset({"after", "before", "following", "since", "until", "till", "ended", "ending", "of"})


def _signalled_dates(ent: Span, published: date | None) -> list[tuple[Span, DateInterval]]:
    """ "March 2011 after months" (the model tags two expressions joined by a signal as one): each on its
    own, when the first reads as a date and the second as a date or a duration; nothing otherwise."""
    cuts = [t.i for t in ent if t.lower_ in _INNER_SIGNALS and ent.start < t.i < ent.end - 1]
    if len(cuts) != 1:
        return []
    doc = ent.doc
    first, second = doc[ent.start : cuts[0]], doc[cuts[0] + 1 : ent.end]
    head, tail = _read(first, first, published), _read(second, second, published)
    if head.start is None and doc[cuts[0]].lower_ in ("ended", "ending"):
        head = _period_ended(first, tail) or head
    if doc[cuts[0]].lower_ == "of":
        head = _part_of_year(first, head, tail)  # "the first nine months of 1997": P9M and 1997
        if head is None:
            return []
    if head.start is None or not (tail.start is not None or tail.timex_type == "DURATION"):
        return []
    return [(first, head), (second, tail)]


_FIRST_MONTHS = re.compile(r"^(?:the\s+)?(first|last)\s+(\w+)\s+(month|quarter)s$")


def _part_of_year(first: Span, head: DateInterval, year: DateInterval) -> DateInterval | None:
    """ "the first nine months" of "the first nine months of 1997": TimeML's DURATION P9M beside the year's
    DATE; its interval is those months of that year (1997-01-01..1997-09-30) when the year is one. None when
    the head is no duration (the span is left whole)."""
    if head.timex_type != "DURATION" or not head.timex_value:
        return None
    m = _FIRST_MONTHS.match(_clean(first.text))
    whole_year = year.start is not None and year.end is not None and year.precision == "year"
    if m is None or not whole_year or not (m[2].isdigit() or m[2] in _grammar()["numbers"]):
        return head
    assert year.start is not None
    months = _number(m[2]) * (3 if m[3] == "quarter" else 1)
    if not 0 < months <= 12:
        return head
    y = year.start.year
    start, end = (1, months) if m[1] == "first" else (13 - months, 12)
    return dataclasses.replace(head, start=date(y, start, 1), end=_month_end(y, end), precision="range", note=None)


_PERIOD_ENDED = re.compile(r"^(?:the\s+)?(?:fiscal\s+)?(?:(\w+)\s+)?(year|month|week)s?$")


def _period_ended(first: Span, end: DateInterval) -> DateInterval | None:
    """ "the year" of "the year ended Sept. 30", "the six months" of "the six months ending June 30": a
    reporting period of that length up to the day named. TimeML marks the length as a DURATION (P1Y, P6M)
    and the day as a DATE of its own; the interval is the period itself (1988-10-01..1989-09-30), so a
    timeline still gets the whole of it. None when the words are no such length or the day is no day."""
    m = _PERIOD_ENDED.match(_clean(first.text))
    if m is None or end.start is None or end.start != end.end:
        return None
    count = m[1] or "a"
    if not (count.isdigit() or count in _grammar()["numbers"]) or count in _grammar()["vague_counts"]:
        return None
    n, unit = _number(count), m[2]
    kind, value = timex.reading(f"{count} {unit}{'s' if n > 1 else ''}", None, None, "range", None)
    if kind != "DURATION":
        return None
    last = end.start
    if unit == "week":
        start = last - timedelta(weeks=n) + timedelta(days=1)
    else:
        start = _shift_months(last, -n * (12 if unit == "year" else 1)) + timedelta(days=1)
    lo, hi = _timex_extent(first)
    return DateInterval(
        text=first.text.strip(),
        start=start,
        end=last,
        precision="range",
        timex_type=kind,
        timex_value=value,
        start_char=lo,
        end_char=hi,
    )


#: an expression that itself names a period before another ("a year ago", "the year-earlier quarter")
_COMPARED = re.compile(r"\b(?:ago|earlier|before|previous|prior)\b|-(?:ago|earlier|before)\b")

_ANAPHORA_REACH = 2500  # characters: "on the same day" looks back a few paragraphs, not across the page


def _anaphoric_unit(text: str) -> str | None:
    """The unit of an anaphoric date ("the same day" -> day, "that year" -> year), None for others.
    A bare "the day" or "the year" names no earlier date; "that day" and "the same day" do."""
    g = _grammar()
    words = _clean(text).split()
    while len(words) > 2 and words[0] in g["anaphoric_leads"]:
        words = words[1:]  # "later that month": the month named before
    if len(words) < 2 or words[0] not in g["anaphoric_openers"]:
        return None
    marked = words[1] in g["anaphoric_marks"]
    rest = words[2:] if marked else words[1:]
    if len(rest) != 1 or (not marked and words[0] == "the"):
        return None
    return g["anaphoric_units"].get(rest[0])


def _anaphoric_shift(text: str) -> tuple[str, int, bool] | None:
    """(unit, shift, whole period) of a date counted from an earlier one: "the next day" ->
    ("day", 1, True), "the following year" -> ("year", 1, True), "two days later" -> ("day", 2,
    False), "a week earlier" -> ("week", -1, False); None for anything else."""
    g = _grammar()
    words = _clean(text).split()
    units = g["anaphoric_units"]
    if len(words) > 1 and words[0] == "from":
        words = words[1:]  # "rose 10% from a year earlier": the comparison's signal
    period_noun = len(words) == 3 and words[2] not in units and words[2] not in ("quarter", "half")
    if period_noun and words[0] == "the" and words[1] in g["anaphoric_compounds"]:
        words = words[:2]  # "the year-earlier period", "the year-ago results": the period just named, a year back
    if words and words[0] == "the":
        words = words[1:] if len(words) == 2 and words[1] in g["anaphoric_compounds"] else words
    if len(words) == 1 and words[0] in g["anaphoric_compounds"]:  # "year-earlier" (results), "the year-ago"
        return units[words[0].split("-")[0]], int(g["anaphoric_compounds"][words[0]]), False
    if len(words) == 3 and words[0] == "the" and words[1] in g["anaphoric_shifts"] and words[2] in units:
        return units[words[2]], int(g["anaphoric_shifts"][words[1]]), True
    if len(words) < 3 or words[-1] not in g["anaphoric_directions"]:
        return None
    count, unit = " ".join(words[:-2]), words[-2]
    unit = unit[:-1] if unit.endswith("s") and unit[:-1] in units else unit
    if unit not in units or count in g["vague_counts"] or not (count.isdigit() or count in g["numbers"]):
        return None
    return units[unit], _number(count) * int(g["anaphoric_directions"][words[-1]]), False


def _shifted_from(unit: str, shift: int, whole: bool, prev: DateInterval) -> tuple[date, date] | None:
    """The interval ``shift`` units from an earlier one, when that one is precise enough for the unit:
    the whole next/previous period ("the next month" of May 2019 is June 2019), or the day counted
    from an earlier day ("two days later", "a week earlier")."""
    if _unit_bounds(unit, prev) is None:
        return None
    assert prev.start is not None
    if not whole and unit in ("day", "week"):
        d = prev.start + timedelta(days=shift * (7 if unit == "week" else 1))
        return d, d
    assert prev.end is not None
    part_of_year = prev.start != prev.end and (prev.start.month, prev.start.day, prev.end.month) != (1, 1, 12)
    if not whole and unit == "year" and part_of_year:
        # "profit rose in the third quarter from a year earlier": the same quarter (month, season) a year before
        end = _month_end(prev.end.year + shift, prev.end.month) if prev.end.day > 27 else prev.end
        return prev.start.replace(year=prev.start.year + shift), end.replace(year=prev.end.year + shift)
    res = _period(unit, prev.start, shift)
    assert res.start is not None and res.end is not None
    return res.start, res.end


def _base_of_comparison(text: str, found: list[tuple[Span, DateInterval]], j: int, published: date | None) -> bool:
    """ "year-earlier" (results), "the year-ago" whose antecedent ``found[j]`` is itself the base of a comparison:
    a period over before the publication year that follows a later one the text reports on ("third-quarter sales
    slipped … In 2020 storm costs came to $7 million … The year-earlier costs", "for nine months … against a loss in
    the 2020 period. The year-ago loss"). The text has just named the year before the one reported on,
    so the word names it again rather than the year before it."""
    words = _clean(text).split()
    prev = found[j][1]
    if not any(w in _grammar()["anaphoric_compounds"] for w in words) or published is None or prev.end is None:
        return False
    if prev.end.year >= published.year:
        return False
    reach = found[j][0].start_char - _ANAPHORA_REACH
    return any(
        iv.end is not None and iv.end > prev.end and not (iv.timex_value or "").endswith("_REF")
        for sp, iv in found[:j]
        if sp.start_char >= reach
    )


def _anaphoric(text: str) -> bool:
    return _anaphoric_unit(text) is not None or _anaphoric_shift(text) is not None


def _resolve_anaphora(
    found: list[tuple[Span, DateInterval]], published: date | None
) -> list[tuple[Span, DateInterval]]:
    """Give "the same day", "that month" the date of the nearest earlier expression precise enough
    for the unit (a day for "the same day"): the text has already said which day it means. "The
    next day", "two days later" are counted from that date in the same way, instead of from the
    publication date, whenever the text gives one before them."""
    out = list(found)
    counted: set[int] = set()  # anaphoric expressions dated from an earlier one: they may date the next
    since = set(_grammar()["anaphoric_since"])
    for k, (span, interval) in enumerate(out):
        if interval.start is None and _clean(span.text) in since:
            out[k] = _since_earlier(out, k, published)
            continue
        bare_year = interval.start is None and _BARE_YEAR.match(_clean(span.text)) is not None
        unit = "year" if bare_year else _anaphoric_unit(span.text) if interval.start is None else None
        shift = _anaphoric_shift(span.text) if unit is None else None
        if unit is None and shift is None:
            if (years := _years_ago(span.text)) is not None and published is not None:
                out[k] = _ago_of_report(out, k, years, published)
            continue
        for j in range(k - 1, -1, -1):
            before, prev = out[j]
            if span.start_char - before.start_char > _ANAPHORA_REACH:
                break
            if prev.start is None or prev.end is None or (_anaphoric(before.text) and j not in counted):
                continue
            if (prev.timex_value or "").endswith("_REF"):
                continue  # "these days", "now": the present, not a day the text has named
            if bare_year and _not_the_year_told(before):
                continue
            if shift is not None and shift[1] < 0 and _COMPARED.search(before.text.lower()):
                continue  # "a year earlier" after "the quarter a year ago": counted from the period reported on
            if shift is None:  # "the same day" reads as the earlier expression does
                bounds, kept, said = _unit_bounds(unit or "day", prev), unit or "day", prev.text
            elif _base_of_comparison(span.text, out, j, published):
                bounds, kept, said = (prev.start, prev.end), shift[0], prev.text
            else:  # "two days later" reads as itself, counted from the earlier date
                bounds, kept, said = _shifted_from(*shift, prev), shift[0], span.text
            if bounds is None:
                continue
            start, end = bounds
            precision = "day" if start == end else kept if kept in ("month", "year") else "range"
            if precision == "year" and (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
                precision = "range"  # "a year earlier" than a quarter: that quarter, not a whole year
            kind, value = timex.reading(said, start, end, precision, published)
            out[k] = (
                span,
                dataclasses.replace(
                    interval, start=start, end=end, precision=precision, note=None, timex_type=kind, timex_value=value
                ),
            )
            counted.add(k)
            break
        else:
            if bare_year and published is not None:  # no year named before: the year of publication
                start, end = date(published.year, 1, 1), date(published.year, 12, 31)
                out[k] = (
                    span,
                    dataclasses.replace(
                        interval, start=start, end=end, precision="year", note=None, timex_value=str(published.year)
                    ),
                )
    return out


def _not_the_year_told(span: Span) -> bool:
    """An earlier expression that is not the year a bare "the (full) year" goes on telling about: a comparison
    ("the year-earlier $8 million", "a year ago") or a bound or target ("it aims by 2025 to …")."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    bound = before in timex.grammar()["deadline_signals"] or span[0].lower_ in timex.grammar()["deadline_signals"]
    return bound or _COMPARED.search(span.text.lower()) is not None


#: "the year", "the full year", "earlier in the year": the year the text is about (the last one it named, or the
#: year of publication), as news uses it ("sales for the full year", "a high for the year")
_BARE_YEAR = re.compile(r"^(?:(?:earlier|later)\s+in\s+|for\s+)?the\s+(?:(?:full|whole|entire|calendar)\s+)?year$")


#: "later in the day", "early in the day": the day the text is telling of; "the day" alone ("the day after the
#: vote", "the day was theirs") names none
_BARE_DAY = re.compile(r"^(?:earlier|later|early|late)\s+in\s+the\s+day$")


def _day_told(span: Span, interval: DateInterval, found: list[DateInterval], published: date | None) -> DateInterval:
    """ "later in the day", "Late in the day" (the model tags them as times, or only "the day"): a DATE of the day
    the text is telling of, the last single day it named within a few paragraphs, or the day of publication."""
    doc = span.doc
    lead = doc[max(0, span.start - 2) : span.start].text if span.text.lower() == "the day" else ""
    if interval.start is not None or published is None or not _BARE_DAY.match(_clean(f"{lead} {span.text}")):
        return interval
    day = published
    for prev in reversed(found):
        if span.start_char - (prev.start_char or 0) > _ANAPHORA_REACH:
            break
        if prev.start is not None and prev.start == prev.end and not (prev.timex_value or "").endswith("_REF"):
            day = prev.start
            break
    return dataclasses.replace(
        interval, start=day, end=day, precision="day", note=None, timex_type="DATE", timex_value=day.isoformat()
    )


_YEARS_AGO = re.compile(r"^(?:(?:from|than|with|since)\s+)?(a|one|two|three|\d)\s+years?\s+ago$")
#: the TIMEX3 value of a period a company reports on: a quarter or a half of a year
_REPORTED = re.compile(r"^\d{4}-(?:Q[1-4]|H[12])$")


def _years_ago(text: str) -> int | None:
    """The count of "a year ago", "two years ago" (after a comparing "from", "than"); None for others."""
    m = _YEARS_AGO.match(_clean(text))
    return _number(m[1]) if m else None


def _ago_of_report(
    found: list[tuple[Span, DateInterval]], k: int, years: int, published: date
) -> tuple[Span, DateInterval]:
    """ "a year ago" right after a reported quarter or half ("third-quarter profit rose 19% from a year
    ago", "net was $5 million, against $3 million a year ago") compares with the same period a year back
    (1988-Q3), as results are compared, not with the calendar year around the day a year before the
    publication date. Only in a sentence that compares amounts or says what it compares with ("from",
    "than"), and when the nearest earlier dated expression is such a period that has ended; otherwise
    ("A year ago, he was unknown") the reading from the publication date stays."""
    span, interval = found[k]
    if not _compares(span):
        return span, interval
    for j in range(k - 1, -1, -1):
        before, prev = found[j]
        if span.start_char - before.start_char > _ANAPHORA_REACH:
            break
        if prev.start is None or prev.end is None or (prev.timex_value or "").endswith("_REF"):
            continue
        if _COMPARED.search(before.text.lower()):
            continue  # an earlier "a year ago", "the year-ago quarter": the compared period, not the reported one
        if not _REPORTED.match(prev.timex_value or "") or prev.end > published:
            break
        bounds = _shifted_from("year", -years, False, prev)
        if bounds is None:
            break
        start, end = bounds
        kind, value = timex.reading(span.text, start, end, "range", published)
        return span, dataclasses.replace(
            interval, start=start, end=end, precision="range", note=None, timex_type=kind, timex_value=value
        )
    return span, interval


#: entity labels of the amounts a results sentence compares
_AMOUNTS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
_COMPARING = frozenset({"from", "than", "with", "against", "versus", "vs"})


def _compares(span: Span) -> bool:
    """The expression's sentence compares amounts ("$5 million, up from $3 million a year ago") or the
    expression follows a comparing word ("higher than a year ago")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in _COMPARING or span[0].lower_ in _COMPARING:
        return True
    sent = span.sent
    return any(e.label_ in _AMOUNTS and sent.start <= e.start < sent.end for e in doc.ents)


def _since_earlier(found: list[tuple[Span, DateInterval]], k: int, published: date | None) -> tuple[Span, DateInterval]:
    """ "since then" read as the stretch from the nearest earlier dated expression to publication; left
    unread (not understood) when there is none in reach or no publication date."""
    span, interval = found[k]
    for j in range(k - 1, -1, -1):
        before, prev = found[j]
        if span.start_char - before.start_char > _ANAPHORA_REACH:
            break
        if prev.start is None or published is None or prev.start > published:
            continue
        kind, value = timex.reading(prev.text, prev.start, published, "range", published)
        changed = dataclasses.replace(
            interval, start=prev.start, end=published, precision="range", note=None, timex_type=kind, timex_value=value
        )
        return span, changed
    return span, interval


def _unit_bounds(unit: str, prev: DateInterval) -> tuple[date, date] | None:
    """The ``unit`` around an earlier interval, when that interval is precise enough to give it."""
    assert prev.start is not None and prev.end is not None
    one_day = prev.start == prev.end
    if unit == "day":
        return (prev.start, prev.end) if one_day else None
    if unit == "week":
        monday = prev.start - timedelta(days=prev.start.weekday())
        return (monday, monday + timedelta(days=6)) if one_day else None
    same_month = (prev.start.year, prev.start.month) == (prev.end.year, prev.end.month)
    if unit == "month":
        return (prev.start.replace(day=1), _month_end(prev.start.year, prev.start.month)) if same_month else None
    if prev.start.year != prev.end.year:
        return None
    return date(prev.start.year, 1, 1), date(prev.start.year, 12, 31)


def _read(span: Span, ent: Span, published: date | None) -> DateInterval:
    """The interval and TIMEX3 reading of one span (``ent`` is the span without a widening opener)."""
    way = timex.direction(span) if published is not None else "past"
    interval = normalise(span.text, published)
    if interval is None and span is not ent:
        interval = normalise(ent.text, published)
    if interval is None and span.label_ == "TIME" and (day := timex.without_clock(span.text)) is not None:
        interval = normalise(day, published)  # "10 p.m. Wednesday": date the Wednesday, keep the hour for the value
        if interval is not None:
            interval.text = span.text.strip()
    if interval is None and (day := timex.without_day_part(span.text)) is not None:
        interval = normalise(day, published)  # "Friday night": date the Friday, keep the night for the value
        if interval is not None:
            interval.text = span.text.strip()
    if interval is None:
        interval = _reference(span.text, published)
    elif way == "future":
        interval = _range_ahead(_forward(interval, published), way, published)
    elif way == "open":
        interval = _range_ahead(_nearest(interval, published), way, published)
    elif way == "soon":
        interval = _soon(interval, published)
    elif way == "past" and published is not None:
        interval = _last_part_of_year(interval, published)
    kind, value = _timex_reading(interval, published)
    if way != "past" and published is not None and span is not ent and interval.start is None:
        way = timex.direction(span, signals=False)  # "held the town until March 6": the verb's past decides
        if way != "past":
            interval, kind, value = _bound_ahead(interval, ent, way, published, (kind, value))
    interval.timex_type, interval.timex_value = kind, value
    interval.start_char, interval.end_char = _timex_extent(span)
    return interval


def _in_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _range_ahead(interval: DateInterval, way: str, published: date) -> DateInterval:
    """A range of undated days or months in a clause about the future or setting a date ("the summit on July 8
    and 9" in a May article) lies where its first end would lie alone: the whole range moves by the years
    the first end moves, as "July 8" alone would (:func:`_forward`, :func:`_nearest`)."""
    if interval.start is None or interval.end is None or re.search(r"\b\d{4}\b", interval.text):
        return interval
    first = _range_start(interval.text, published)
    if first is None or first.start is None:
        return interval
    moved = _forward(first, published) if way == "future" else _nearest(first, published)
    if moved is first or moved.start is None:
        return interval
    years = moved.start.year - first.start.year
    return dataclasses.replace(interval, start=_in_years(interval.start, years), end=_in_years(interval.end, years))


def _bound_ahead(
    interval: DateInterval, ent: Span, way: str, published: date, reading: tuple[str, str]
) -> tuple[DateInterval, str, str]:
    """ "until March 6", "till June" in a clause that looks ahead or sets a deadline ("ordered him to stay
    until March 6"): the bound is the next (or the nearer) March 6, as an undated day alone would be, not the
    last one the grammar picked; the stretch still has no start."""
    inner = normalise(ent.text, published)
    if interval.end is None or inner is None or inner.start is None:
        return interval, *reading
    moved = _forward(inner, published) if way == "future" else _nearest(inner, published)
    if moved is inner or moved.end is None or moved.end <= interval.end:
        return interval, *reading
    kind, value = timex.reading(moved.text, moved.start, moved.end, moved.precision, published)
    return dataclasses.replace(interval, end=moved.end), kind, value


#: Words before a temporal expression that TimeML marks as a SIGNAL beside the TIMEX3, not inside it.
_SIGNAL_WORDS = frozenset({"since", "from", "until", "till", "through", "before", "after", "by", "during", "between"})


def _timex_extent(span: Span) -> tuple[int, int]:
    """Where the TIMEX3 of a span lies in the text: without a leading signal ("since" of "since January",
    "during" of "during the quarter") and without a possessive ending ("last year's"), as TimeML marks it;
    for a range with both ends written, its first end (see :func:`_range_start`). The interval's ``text``
    keeps the words it was read from ("since January" runs to publication)."""
    lo, hi = span.start, span.end
    doc = span.doc
    if hi - lo > 1 and doc[lo].lower_ in _SIGNAL_WORDS:
        lo += 1
    if hi - lo > 1 and doc[hi - 1].lower_ in ("'s", "’s"):
        hi -= 1
    if (joiner := _range_joiner(span)) is not None:
        hi = joiner  # "from 1991 to 1997": the expression carries its first end, as its value does
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _range_joiner(span: Span) -> int | None:
    """The index of the word joining the two written ends of a range ("to" of "from 1991 to 1997"), None
    when the span is not such a range."""
    joiner = next((t.i for t in span[1:-1] if t.lower_ in _JOINERS), None)
    return joiner if joiner is not None and _range_start(span.text, _PROBE) is not None else None


def _range_ends(dated: list[tuple[Span, DateInterval]], published: date | None) -> list[DateInterval]:
    """Each dated expression, and after a range written with both ends its second end as an expression of
    its own ("1997" of "from 1991 to 1997"), as TimeML marks it; the range keeps its interval."""
    out: list[DateInterval] = []
    for span, interval in dated:
        out.append(interval)
        joiner = _range_joiner(span)
        if joiner is not None and joiner + 1 < span.end:
            second = span.doc[joiner + 1 : span.end]
            alone = _read(second, second, published)
            if alone.note == NOT_UNDERSTOOD and interval.end is not None and re.fullmatch(r"\d{1,2}", second.text):
                day = interval.end  # "9" of "July 8 and 9": the range's last day
                alone = dataclasses.replace(
                    alone, start=day, end=day, precision="day", note=None, timex_value=day.isoformat()
                )
            out.append(alone)
    return out


#: A range's opening word ("since", "until"...) before one expression: TimeML's signal, not part of the timex.
_SIGNAL = re.compile(r"^(?:since|from|until|till|through|before|after|by)\s+(?=\S)", re.IGNORECASE)


def _timex_reading(interval: DateInterval, published: date | None) -> tuple[str, str]:
    """(TIMEX3 type, value) of an interval. "since January" is the range January..publication on the
    timeline, but the timex is "January" (2019-01), the signal word apart: the value is read from the
    expression after the signal when that expression is one date, not a range of its own."""
    inner = _SIGNAL.sub("", interval.text)
    if inner != interval.text and not any(w in _JOINERS for w in _clean(inner).split()):
        alone = normalise(inner, published)
        if alone is not None and alone.start is not None:
            return timex.reading(alone.text, alone.start, alone.end, alone.precision, published)
    if (first := _range_start(interval.text, published)) is not None:
        if first.start is not None and first.end is not None and interval.start is not None:
            years = interval.start.year - first.start.year  # the range moved ahead with its clause
            first = dataclasses.replace(first, start=_in_years(first.start, years), end=_in_years(first.end, years))
        return timex.reading(first.text, first.start, first.end, first.precision, published)
    return timex.reading(interval.text, interval.start, interval.end, interval.precision, published)


def _range_start(text: str, published: date | None) -> DateInterval | None:
    """The first end of a range written with both ends ("from 1991 to 1997", "between May and June 2020"):
    TimeML marks each end as a TIMEX3 of its own, and one expression here carries the first one's value
    (the range itself stays on the timeline); None for anything else."""
    s = _clean(text)
    p = _patterns()
    if m := p["year_range"].match(s):
        left, right = m[1], m[2]
    elif (parts := _range_parts(s)) and parts[0] in (None, "from", "between"):
        left, right = parts[1], parts[2]
    else:
        return None
    first, second = normalise(left, published), normalise(right, published)
    if first is None or second is None or first.start is None or second.start is None:
        return None
    return first


def _reference(text: str, published: date | None) -> DateInterval:
    """An expression the interval grammar does not read: a reference to the present, past or future
    ("now", "recent weeks") is anchored at publication; anything else stays "not understood"."""
    kind, value = timex.reading(text, None, None, "unknown", published)
    if kind == "DATE" and value.endswith("_REF") and published is not None:
        start = None if value == "PAST_REF" else published
        end = None if value == "FUTURE_REF" else published
        return DateInterval(text=text.strip(), start=start, end=end, precision="day" if start == end else "range")
    if kind == "TIME" and published is not None:
        return DateInterval(text=text.strip(), start=published, end=published, precision="day")
    return DateInterval(text=text.strip(), start=None, end=None, precision="unknown", note=NOT_UNDERSTOOD)


_BACKWARD = re.compile(r"\b(?:last|ago|yesterday|earlier|past|previous|since|recent|\d{4})\b", re.IGNORECASE)


def _forward(interval: DateInterval, published: date) -> DateInterval:
    """An undated month, season, weekday or day of a month in a clause about the future is the next one
    ("will meet in June", "is scheduled for April 7" in a March article), not the last one the past-leaning
    grammar picked."""
    if interval.start is None or interval.end is None or interval.start >= published:
        return interval
    if _BACKWARD.search(_clean(interval.text)) or interval.precision not in ("day", "month", "season"):
        return interval
    if interval.precision == "day":
        if interval.start != interval.end:
            return interval
        if _patterns()["has_month"].search(_clean(interval.text)):  # "scheduled for April 7": next April 7
            if _weekday_named(_clean(interval.text)) is not None:
                return interval  # "Monday, Oct. 26": the weekday has already chosen the year
            try:
                day = interval.start.replace(year=interval.start.year + 1)
            except ValueError:
                return interval
            return dataclasses.replace(interval, start=day, end=day)
        name = re.sub(r"^(?:on|at|the)\s+", "", _clean(interval.text))
        if name in holiday_names():  # "will meet at Christmas": the next one, recomputed (Easter moves)
            day = _holiday_in(name, interval.start.year + 1)
            return dataclasses.replace(interval, start=day, end=day)
        # "Thursday morning", "8 a.m. Friday": the Thursday, the Friday
        day_text = timex.without_day_part(interval.text) or timex.without_clock(interval.text) or interval.text
        if not _patterns()["weekday"].match(_clean(day_text)):
            return interval
        step = timedelta(days=7)
        return dataclasses.replace(interval, start=interval.start + step, end=interval.end + step)
    try:
        start = interval.start.replace(year=interval.start.year + 1)
        end = _month_end(interval.end.year + 1, interval.end.month)
    except ValueError:
        return interval
    return dataclasses.replace(interval, start=start, end=end)


def _nearest(interval: DateInterval, published: date) -> DateInterval:
    """An undated month, weekday or day of a month in a clause with no past tense ("plans to announce on
    Nov. 6", "payable Dec. 7", "the deadline in February") is the occurrence nearer the publication date:
    the next one when it comes sooner than the last one went."""
    ahead = _forward(interval, published)
    if ahead is interval or ahead.start is None or interval.end is None:
        return interval
    return ahead if (ahead.start - published) < (published - interval.end) else interval


def _last_part_of_year(interval: DateInterval, published: date) -> DateInterval:
    """A quarter or half named without its year in a past clause ("said fourth-quarter sales
    slipped" in a January article) is the last one of that name, last year's when this year's has not begun; the
    grammar reads it in the year of publication, right for a quarter under way or over, or in a forecast."""
    if interval.start is None or interval.end is None or interval.start <= published:
        return interval
    s = re.sub(r"^(?:the|its|their|his|her|a)\s+", "", _clean(interval.text))
    m = _patterns()["quarter"].match(s) or _patterns()["half"].match(s)
    if m is None or re.search(r"\d{4}", s):
        return interval
    return dataclasses.replace(interval, start=_in_years(interval.start, -1), end=_in_years(interval.end, -1))


#: how far ahead a deadline told in the past tense may fall and still be the next one ("the June 3 deadline")
_SOON = timedelta(days=92)


def _soon(interval: DateInterval, published: date) -> DateInterval:
    """The day of a deadline or a payment in a past clause: the nearer occurrence when it lies at most
    :data:`_SOON` ahead, the last one otherwise (a deadline that has passed is told in the past too)."""
    ahead = _nearest(interval, published)
    if ahead is interval or ahead.start is None or ahead.start - published > _SOON:
        return interval
    return ahead


def timex_spans(doc: Doc, published: date | None) -> list[DateInterval]:
    """Every temporal expression of ``doc`` with its interval, TIMEX3 reading and offsets: the model's
    DATE and TIME entities plus the references, clock times and frequencies it leaves untagged. The
    offsets are each expression's TIMEX3 extent (:func:`_timex_extent`: "January" of "since January");
    a range written with both ends is listed as its two ends, the first carrying the range's interval.
    Expressions that say no time at all are left out (:func:`_told`)."""
    found = _range_ends(date_spans(doc, published), published)
    taken = [(d.start_char, d.end_char) for d in found]
    for ent in doc.ents:
        if ent.label_ == "TIME" and not _overlaps(ent.start_char, ent.end_char, taken) and not timex.not_a_date(ent):
            span = _with_day_part(ent)
            found.append(_read(span, span, published))
            taken.append((span.start_char, span.end_char))
    for start, end in timex.extra_spans(doc.text):
        if _overlaps(start, end, taken):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or timex.not_a_date(span):
            continue
        found.append(_read(span, span, published))
        taken.append((start, end))
    found.sort(key=lambda d: d.start_char)
    for k, d in enumerate(found):
        if d.start is None and (span := doc.char_span(d.start_char, d.end_char, alignment_mode="expand")) is not None:
            found[k] = _day_told(span, d, found[:k], published)
    found = [d for d in found if _told(d)]
    return _clock_on_day(found, doc.text)


def _told(d: DateInterval) -> bool:
    """Whether an expression says when: it has a TIMEX3 value, or a place on the timeline, or waits only for a
    publication date to get one ("last year" in an undated text). One the grammar did not understand and no
    TIMEX3 reading fits ("the third straight month", "the night of", "as little as 99 cents") says nothing
    a reader or a TimeML scorer could use, and is not listed among the article's dates, unless it names a
    particular time (a feast of a calendar the grammar does not compute, "during Ramadan"); event dating still
    sees it through :func:`date_spans`. Words with no time in them at all ("Paralympic") are never listed."""
    if d.timex_value or (d.note == NOT_UNDERSTOOD and timex.names_a_time(d.text)):
        return True  # "during Ramadan": a named time the grammar cannot place is still shown to the reader
    return d.note != NOT_UNDERSTOOD and (d.start is not None or not timex.no_time_word(d.text))


#: what may stand between a clock time and the day it is on: "9 a.m. Tuesday", "5 p.m. EST, Nov. 6"
_CLOCK_DAY_GAP = re.compile(r"[\s,]*(?:on\s+)?")


def _clock_on_day(found: list[DateInterval], text: str) -> list[DateInterval]:
    """A clock time followed by the day it is on ("9 a.m. Tuesday", "5 p.m. EST, Nov. 6") is one TIMEX3 of
    that day at that hour, as TimeML marks it, not a time of the publication day and a date beside it."""
    out: list[DateInterval] = []
    i = 0
    while i < len(found):
        clock, day = found[i], found[i + 1] if i + 1 < len(found) else None
        hour = re.fullmatch(r".+T(\d\d:\d\d)", clock.timex_value) if clock.timex_type == "TIME" else None
        if (
            hour is not None
            and day is not None
            and day.timex_type == "DATE"
            and day.start is not None
            and day.start == day.end
            and _CLOCK_DAY_GAP.fullmatch(text[clock.end_char : day.start_char])
        ):
            out.append(
                dataclasses.replace(
                    day,
                    text=text[clock.start_char : day.end_char],
                    timex_type="TIME",
                    timex_value=f"{day.start.isoformat()}T{hour[1]}",
                    start_char=clock.start_char,
                )
            )
            i += 2
            continue
        out.append(clock)
        i += 1
    return out


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def extract_dates(doc: Doc, article: Article) -> list[DateInterval]:
    """Every temporal expression of ``doc``, normalised against ``article.published``."""
    return timex_spans(doc, article.published)
