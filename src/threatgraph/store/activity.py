"""What the activity views read: events as (date, type, place, actors) rows, and the places an actor is
mentioned beside, with the filters an analyst narrows by (actor, type, dates).

Negated events are not activity: they are left out here, so maps and charts never draw what the reporting
says did not happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import aliased

from threatgraph.store.schema import entities, events, mentions

#: Most events one view reads: a chart of 50,000 events already says all it can.
MAX_EVENTS = 50_000
PLACE_LABELS = ("Location", "Country")


@dataclass(frozen=True)
class ActivityFilter:
    """The narrowing an analyst applies: one actor (source or target), event types, a date window."""

    entity_id: str | None = None
    types: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


def activity_events(engine: Engine, where: ActivityFilter, limit: int = MAX_EVENTS) -> list[dict[str, Any]]:
    """Asserted (not negated) events matching ``where``, newest first, with both actors' captions."""
    src, tgt = aliased(entities), aliased(entities)
    conds = [events.c.negated.is_(False)]
    if where.entity_id:
        conds.append(or_(events.c.source_entity_id == where.entity_id, events.c.target_entity_id == where.entity_id))
    if where.types:
        conds.append(events.c.type.in_(where.types))
    if where.start:
        conds.append(func.coalesce(events.c.date_end, events.c.date_start) >= where.start)
    if where.end:
        conds.append(events.c.date_start <= where.end)
    query = (
        select(
            events.c.id,
            events.c.type,
            events.c.date_start,
            events.c.date_end,
            events.c.place,
            events.c.hedged,
            events.c.source_entity_id,
            src.c.caption.label("source_caption"),
            events.c.target_entity_id,
            tgt.c.caption.label("target_caption"),
        )
        .outerjoin(src, src.c.id == events.c.source_entity_id)
        .outerjoin(tgt, tgt.c.id == events.c.target_entity_id)
        .where(and_(*conds))
        .order_by(events.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def co_mentioned_places(engine: Engine, entity_id: str, limit: int = 60) -> list[tuple[str, int]]:
    """Places named in the same articles as the actor, with in how many articles: (name, count)."""
    own, other = aliased(mentions), aliased(mentions)
    n = func.count(func.distinct(other.c.article_id))
    query = (
        select(other.c.canonical, n)
        .join(own, own.c.article_id == other.c.article_id)
        .where(own.c.entity_id == entity_id, other.c.label.in_(PLACE_LABELS))
        .group_by(other.c.canonical)
        .order_by(n.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [(name, int(count)) for name, count in conn.execute(query)]


def event_types(engine: Engine) -> list[str]:
    """Every event type stored, for the filter's choices."""
    with engine.connect() as conn:
        return [t for (t,) in conn.execute(select(events.c.type).distinct().order_by(events.c.type))]
