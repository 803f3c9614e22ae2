"""Watches: an entity or a raw name an analyst wants to hear about again.

A watch on an entity follows that resolved actor (every alias it has or will get); a watch on
a name follows a spelling fuzzily, for actors not yet in the archive. ``last_seq`` records how
far through the ingest order (``articles.seq``) the watch has been checked, so a missed
post-ingest hook is caught up by the next check instead of silently losing alerts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select

from threatgraph.screen.query import MATCH_THRESHOLD
from threatgraph.store.refs import entity_id_for
from threatgraph.store.schema import articles, entities, watches

#: A watch fires where the screening matcher would say "match".
DEFAULT_THRESHOLD = MATCH_THRESHOLD


class WatchError(ValueError):
    """A watch cannot be created or found; the message names the input and the reason."""


def _row(row: Any) -> dict[str, Any]:
    return dict(row._mapping) if hasattr(row, "_mapping") else dict(row)


def lookup_entity(engine: Engine, ref: str) -> dict[str, Any] | None:
    """The entity row a CLI reference names, by the one rule of :func:`threatgraph.store.refs.entity_id_for`."""
    entity_id = entity_id_for(engine, ref)
    if entity_id is None:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().first()
        return dict(row) if row else None


def add_watch(
    engine: Engine,
    name: str,
    entity_id: str | None = None,
    note: str | None = None,
    threshold: float | None = None,
) -> dict[str, Any]:
    """Create a watch and return it as a dict.

    The watch starts at the current end of the archive (only articles ingested from now on
    raise alerts); call :func:`threatgraph.watch.backfill` to check the existing archive too.
    """
    name = (name or "").strip()
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise WatchError(f"watch {name!r}: threshold {threshold} must be in (0, 1]")
    with engine.begin() as conn:
        schema = None
        if entity_id is not None:
            ent = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().first()
            if ent is None:
                raise WatchError(f"watch {name or entity_id!r}: no entity with id {entity_id!r}")
            schema = ent["schema"]
            name = name or ent["caption"]
        if not name:
            raise WatchError("watch: a name or an entity is required")
        last_seq = conn.execute(select(func.max(articles.c.seq))).scalar() or 0
        row = {
            "name": name,
            "entity_id": entity_id,
            "schema": schema,
            "threshold": threshold if threshold is not None else DEFAULT_THRESHOLD,
            "note": note,
            "created_at": datetime.now(UTC),
            "last_seq": last_seq,
        }
        new_id = conn.execute(insert(watches).values(**row)).inserted_primary_key[0]
        return dict(conn.execute(select(watches).where(watches.c.id == new_id)).mappings().one())


def list_watches(engine: Engine) -> list[dict[str, Any]]:
    """All watches, oldest first."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(watches).order_by(watches.c.id)).mappings()]


def get_watch(engine: Engine, watch_id: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(watches).where(watches.c.id == watch_id)).mappings().first()
        return dict(row) if row else None


def remove_watch(engine: Engine, id: int) -> bool:  # noqa: A002 - the interface name
    """Delete a watch and its alerts; False when there was no such watch."""
    with engine.begin() as conn:
        return conn.execute(delete(watches).where(watches.c.id == id)).rowcount > 0
