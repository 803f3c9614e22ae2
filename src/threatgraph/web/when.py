"""Event dates for people and machines: the human label (``web.datelabel.label``) and an HTML ``datetime``.

The label ("late Jul 2022", "2018–2020") is what the pages show; the interval stays machine-readable
in the JSON (``date``/``date_end``) and in the ``<time datetime>`` attribute, which gets the most
exact value HTML allows (a day, a month, a year) and an ISO 8601 ``start/end`` interval otherwise.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from markupsafe import Markup

from threatgraph.web.datelabel import label


def labelled(events: Iterable[dict[str, Any]], key: str | None = None) -> None:
    """Add ``date_label`` to each event in place: timeline rows, or rows holding the interval under ``key``."""
    for ev in events:
        value = ev.get(key) if key else ev
        ev["date_label"] = label(value) if isinstance(value, Mapping) else "undated"


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def datetime_attr(start: Any, end: Any = None) -> str | None:
    """The ``<time datetime>`` value of an interval: "2022-07-21", "2022-07", "2022" or "2022-07-21/2022-07-31"."""
    first, last = _day(start), _day(end)
    if first is None:
        return None
    if last is None or last == first:
        return first.isoformat()
    month_end = calendar.monthrange(first.year, first.month)[1]
    if first.day == 1 and (last.year, last.month, last.day) == (first.year, first.month, month_end):
        return f"{first.year:04d}-{first.month:02d}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year:04d}"
    return f"{first.isoformat()}/{last.isoformat()}"


def _instant(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif value:
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def timestamp(value: Any) -> Markup:
    """A stored instant (alert, watch, list load) for people: "29 Nov 2026, 20:30 UTC", to the minute.

    The ``<time datetime>`` carries the exact UTC value; ``static/time.js`` shows it in the reader's zone.
    Stored values are naive UTC on SQLite and aware on PostgreSQL; both read as UTC here.
    """
    moment = _instant(value)
    if moment is None:
        return Markup('<span class="precision">{}</span>').format(value or "—")
    shown = f"{moment.day} {moment:%b %Y, %H:%M} UTC"
    return Markup('<time class="ts" datetime="{}">{}</time>').format(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), shown)
