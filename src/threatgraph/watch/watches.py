"""Watches: an entity or a raw name an analyst wants to hear about again.

A watch on an entity follows that resolved actor (every alias it has or will get); a watch on
a name follows a spelling fuzzily, for actors not yet in the archive. ``last_seq`` records how
far through the ingest order (``articles.seq``) the watch has been checked, so a missed
post-ingest hook is caught up by the next check instead of silently losing alerts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select

from threatgraph.screen.query import MATCH_THRESHOLD
from threatgraph.store.read import resolve_ref
from threatgraph.store.schema import aliases, articles, entities, watches

#: A watch fires where the screening matcher would say "match".
DEFAULT_THRESHOLD = MATCH_THRESHOLD


class WatchError(ValueError):
    """A watch cannot be created or found; the message names the input and the reason."""


def _row(row: Any) -> dict[str, Any]:
    return dict(row._mapping) if hasattr(row, "_mapping") else dict(row)


def find_entity(conn: Connection, ref: str) -> dict[str, Any] | None:
    """An entity by id, or by exact caption/alias (case-insensitive); None when unknown."""
    row = conn.execute(select(entities).where(entities.c.id == ref)).mappings().first()
    if row:
        return dict(row)
    low = ref.strip().casefold()
    row = (
        conn.execute(
            select(entities).where(func.lower(entities.c.caption) == low).order_by(entities.c.mention_count.desc())
        )
        .mappings()
        .first()
    )
    if row:
        return dict(row)
    row = (
        conn.execute(
            select(entities)
            .join(aliases, aliases.c.entity_id == entities.c.id)
            .where(func.lower(aliases.c.name) == low)
            .order_by(entities.c.mention_count.desc())
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def lookup_entity(engine: Engine, ref: str) -> dict[str, Any] | None:
    """An entity for a CLI reference: exact id/caption/alias first, then the read side's fuzzy,
    unambiguous best hit (``store.read.resolve_ref``, any spelling or script)."""
    with engine.connect() as conn:
        found = find_entity(conn, ref)
    if found is not None:
        return found
    entity_id = resolve_ref(engine, ref)
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
