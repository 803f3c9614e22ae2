"""Human date labels for timelines: "Mar 2021", "late Jul 2022", "2018–2020", "late July (no pub. date)".

Presentation, not extraction: the extract stage turns text into intervals (``extract/dates.py``); this
module turns an interval back into a short label for people. The web pages, the API's ``date_label``
and the CLI timeline all call :func:`label`, so one interval reads the same everywhere. The words for
parts of months and years and for seasons come from the same grammar the extractor reads.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from threatgraph.extract.dates import NOT_UNDERSTOOD, vocabulary
from threatgraph.model import DateInterval
from threatgraph.store.records import TimelineEvent

#: What can be labelled: an extracted interval, its dict, a timeline event or its JSON form.
Dated = DateInterval | TimelineEvent | Mapping[str, Any]

#: Shown after an expression that needed the publication date and had none ("late July (no pub. date)").
NO_ANCHOR_LABEL = "no pub. date"
_DASH = "–"


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValueError(f"date label: {value!r} is not an ISO date") from exc


def _fields(value: Dated) -> tuple[date | None, date | None, str, str, str | None]:
    """(start, end, precision, text, note) of a DateInterval, its dict, or a timeline event (record or JSON)."""
    if isinstance(value, DateInterval):
        return value.start, value.end, value.precision, value.text, value.note
    if isinstance(value, TimelineEvent):
        text = " ".join((value.date_text or "").split())
        return _as_date(value.date), _as_date(value.date_end), value.date_precision or "", text, None
    if not isinstance(value, Mapping):
        raise TypeError(f"date label: expected a DateInterval or a mapping, got {type(value).__name__}")
    if "precision" in value or "start" in value:  # DateInterval as a dict (API, JSON export)
        keys = ("start", "end", "precision", "text", "note")
    else:  # a dossier timeline row: date/date_end/date_precision/date_text
        keys = ("date", "date_end", "date_precision", "date_text", "date_note")
    start, end, precision, text, note = (value.get(k) for k in keys)
    return _as_date(start), _as_date(end), str(precision or ""), " ".join(str(text or "").split()), note


#: English month abbreviations, fixed (``calendar.month_abbr`` follows the process locale).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _mon(d: date) -> str:
    return _MONTHS[d.month - 1]


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end == _month_end(end)


def _part_word(parts: Mapping[str, list[int]], lo: int, hi: int, clip: int | None = None) -> str | None:
    """The first grammar word whose bounds are (lo, hi): "late" for days 21..31 or months 9..12."""
    for word, (a, b) in parts.items():
        if a == lo and (min(b, clip) if clip else b) == hi:
            return str(word)
    return None


def _shape(start: date, end: date, precision: str) -> str:
    """A short label for a closed interval, using the precision to name parts of months, years and seasons."""
    g = vocabulary()
    if start == end:
        return start.isoformat()
    if start == date(start.year, 1, 1) and end == date(end.year, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}{_DASH}{end.year}"
    if _whole_months(start, end):
        if precision == "year" and start.year == end.year:
            word = _part_word(g["year_parts"], start.month, end.month)
            if word:
                return f"{word} {start.year}"
        if precision == "season":
            for name, (m1, m2) in g["seasons"].items():
                if (m1, m2) == (start.month, end.month) and end.year == start.year + (m2 < m1):
                    return f"{name} {start.year}" if m2 >= m1 else f"{name} {start.year}{_DASH}{end.year % 100:02d}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{_mon(start)} {start.year}"
        if start.year == end.year:
            return f"{_mon(start)}{_DASH}{_mon(end)} {start.year}"
        return f"{_mon(start)} {start.year}{_DASH}{_mon(end)} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        last = calendar.monthrange(start.year, start.month)[1]
        word = _part_word(g["month_parts"], start.day, end.day, clip=last) if precision == "month" else None
        if word:
            return f"{word} {_mon(start)} {start.year}"
        return f"{start.day}{_DASH}{end.day} {_mon(start)} {start.year}"
    if start.year == end.year:
        return f"{start.day} {_mon(start)}{_DASH}{end.day} {_mon(end)} {start.year}"
    return f"{_end_label(start, first=True)}{_DASH}{_end_label(end, first=False)}"


def _end_label(d: date, first: bool) -> str:
    """One end of a multi-year range at its own grain: "since 2022" ends on the publication day, so
    2022-01-01..2023-02-10 reads "2022–10 Feb 2023" rather than two full dates."""
    if (first and (d.month, d.day) == (1, 1)) or (not first and (d.month, d.day) == (12, 31)):
        return str(d.year)
    if (first and d.day == 1) or (not first and d == _month_end(d)):
        return f"{_mon(d)} {d.year}"
    return f"{d.day} {_mon(d)} {d.year}"


def label(value: Dated) -> str:
    """A short, human label for an interval, by precision: "2021-03-14", "Mar 2021", "late Jul 2022",
    "summer 2021", "2021", "2018–2020", "late July (no pub. date)", "undated".

    Accepts a :class:`DateInterval`, its dict form (``start``/``end``/``precision``/``text``/``note``),
    a timeline event or its JSON (``date``/``date_end``/``date_precision``/``date_text``), so the CLI,
    the web pages and the API label dates the same way. Raw ISO intervals wrap badly in tables.
    """
    start, end, precision, text, note = _fields(value)
    if precision == "published" and start is not None:
        return f"{start.isoformat()} (published)"
    if start is None and end is None:
        if text and precision != "unknown" and note != NOT_UNDERSTOOD:
            return f"{text} ({NO_ANCHOR_LABEL})"
        return text or "undated"
    if start is None:
        assert end is not None
        return f"until {_shape(end, end, 'day')}"
    if end is None:
        return f"since {_shape(start, start, 'day')}"
    return _shape(start, end, precision)


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
