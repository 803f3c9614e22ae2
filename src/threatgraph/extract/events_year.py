"""A day of the month written without its year, dating an event: the year the text gives it, or none.

News writes a day's year only when it is not plain ("on Jan. 20" in a March piece, "on Dec. 17" in a
January one), so the date reader takes the most recent such day before publication. That reading holds
for a day of the publication's own year or of the last season; a day further back, in an earlier year,
is not news told that way: it names a happening the reader is expected to know ("the Sept. 11 attacks"
in a piece years later), whose year the words leave open (TIMEX3 writes it XXXX-09-11). The article
may write that day with its year elsewhere ("on Sept. 11, 2001"), which gives the year.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from threatgraph.extract.dates import vocabulary
from threatgraph.model import DateInterval

if TYPE_CHECKING:
    from spacy.tokens import Span

#: how far back a day written without its year may lie, across a new year, and still be the last one
#: ("on Dec. 17" in a March piece); beyond it, in an earlier year, the year is not the reader's to guess
RECENT_DAYS = 120

_YEAR = re.compile(r"\b\d{4}\b")
_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
# a word that places the day by itself ("last Jan. 20", "this May 3", "Monday, Oct. 26"): not a bare day
_PLACING = frozenset({"last", "this", "next", "past", "previous", "coming"})


def _bare_day(text: str) -> bool:
    """Whether an expression is a day of a month and nothing else that would place its year: a month
    name and a day number, no year, no weekday and no word such as "last" ("Sept. 11", "11 September",
    "the 7th of October")."""
    words = re.findall(r"[a-z]+", text.lower())
    grammar = vocabulary()
    if _YEAR.search(text) or not _DAY.search(text):
        return False
    if any(w in _PLACING or w in grammar["weekdays"] for w in words):
        return False
    return any(w in grammar["months"] for w in words)


def _written_year(
    interval: DateInterval, dated: list[tuple[Span, DateInterval]], published: date | None
) -> date | None:
    """The same day of the same month written with its year elsewhere in the article (the last such
    year not after publication), other than the year the reader guessed; None when there is none."""
    assert interval.start is not None
    found = [
        iv.start
        for _span, iv in dated
        if iv.start is not None
        and iv.start == iv.end
        and (iv.start.month, iv.start.day) == (interval.start.month, interval.start.day)
        and iv.start.year != interval.start.year
        and _YEAR.search(iv.text)
        and (published is None or iv.start <= published)
    ]
    return max(found) if found else None


def year_of_day(
    interval: DateInterval | None, dated: list[tuple[Span, DateInterval]], published: date | None
) -> DateInterval | None:
    """An event's date with the year of a bare day of a month settled: the year the article writes for
    that day elsewhere; else the last such day when it is of the publication's year or at most
    :data:`RECENT_DAYS` back; else the year left open (no interval, value ``XXXX-MM-DD``, a note
    saying why). Any other interval is returned as it is; a day after publication (a plan, a
    deadline) is the clause's tense to settle, not this."""
    if interval is None or interval.start is None or interval.start != interval.end or interval.precision != "day":
        return interval
    if not _bare_day(interval.text):
        return interval
    written = _written_year(interval, dated, published)
    if written is not None and (published is None or interval.start <= published):
        note = f"the year the article writes for {interval.text} elsewhere ({written.year})"
        return replace(interval, start=written, end=written, note=note, timex_value=written.isoformat())
    if published is None or interval.start > published:
        return interval
    if interval.start.year == published.year or (published - interval.start).days <= RECENT_DAYS:
        return interval
    day = interval.start
    note = (
        f"{interval.text} without its year, more than {RECENT_DAYS} days before publication in an earlier "
        "year: a happening named by its day, whose year the text does not give"
    )
    return replace(interval, start=None, end=None, note=note, timex_value=f"XXXX-{day.month:02d}-{day.day:02d}")
