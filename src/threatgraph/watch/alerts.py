"""Reading alerts back: the stored record of "a watched actor showed up in this article".

One record (:class:`threatgraph.store.records.Alert`) is shared by the CLI (``alerts --json``), the
webhook body and the API, so a consumer sees the same fields wherever it reads an alert.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Select, select

from threatgraph.store.records import Alert
from threatgraph.store.schema import alerts, articles, watches

_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str | datetime | date | None, now: datetime | None = None) -> datetime | None:
    """``--since`` as an aware datetime: an ISO date/datetime or a duration back from now (``36h``, ``7d``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    m = _DURATION.match(value)
    if m:
        return (now or datetime.now(UTC)) - timedelta(**{_UNITS[m.group(2).lower()]: int(m.group(1))})
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"since {value!r}: not an ISO date/datetime (2026-01-31, 2026-01-31T12:00) or a duration (36h, 7d, 2w)"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return _aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _query() -> Select:
    return (
        select(
            alerts,
            watches.c.name.label("watch_name"),
            watches.c.entity_id.label("entity_id"),
            watches.c.note.label("watch_note"),
            articles.c.title.label("article_title"),
            articles.c.url.label("article_url"),
            articles.c.outlet.label("article_outlet"),
            articles.c.published.label("article_published"),
        )
        .join(watches, watches.c.id == alerts.c.watch_id)
        .join(articles, articles.c.id == alerts.c.article_id)
    )


def alert_record(row: Any) -> Alert:
    """An alert row (with its watch and article) as the read record, instants as UTC ISO strings."""
    return Alert(**{key: _iso(value) for key, value in row.items()})


def fetch_alerts(conn: Connection, ids: list[int]) -> list[Alert]:
    if not ids:
        return []
    rows = conn.execute(_query().where(alerts.c.id.in_(ids)).order_by(alerts.c.id)).mappings()
    return [alert_record(r) for r in rows]


def list_alerts(
    engine: Engine,
    since: str | datetime | date | None = None,
    limit: int = 100,
    watch_id: int | None = None,
    undelivered: bool = False,
) -> list[Alert]:
    """Newest alerts first, optionally only those created after ``since`` / for one watch / not yet delivered."""
    q = _query()
    start = parse_since(since)
    if start is not None:
        q = q.where(alerts.c.created_at >= start)
    if watch_id is not None:
        q = q.where(alerts.c.watch_id == watch_id)
    if undelivered:
        q = q.where(alerts.c.delivered_at.is_(None))
    q = q.order_by(alerts.c.created_at.desc(), alerts.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [alert_record(r) for r in conn.execute(q).mappings()]
