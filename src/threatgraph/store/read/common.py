"""Small pieces every read module shares: ISO values and entity captions by id."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from threatgraph.store.records import EntityRef
from threatgraph.store.schema import entities


def day(value: Any) -> Any:
    """A stored instant as its day (list versions loaded without a publication date)."""
    return value.date() if isinstance(value, datetime) else value


def iso(value: Any) -> Any:
    """Dates and instants as ISO strings; anything else as it is."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def profile(row: Any) -> dict[str, Any]:
    """The fields every entity summary record opens with (sanctions hits, dossiers), from an entities row."""
    return {
        "id": row["id"],
        "schema": row["schema"],
        "caption": row["caption"],
        "mention_count": row["mention_count"],
        "article_count": row["article_count"],
        "first_seen": iso(row["first_seen"]),
        "last_seen": iso(row["last_seen"]),
    }


def captions(conn: Connection, ids: set[str | None]) -> dict[str, EntityRef]:
    """The resolved entities among ``ids`` as references (id, caption, schema), in one indexed read."""
    wanted = sorted(i for i in ids if i is not None)
    if not wanted:
        return {}
    return {
        r[0]: EntityRef(id=r[0], caption=r[1], schema=r[2])
        for r in conn.execute(
            select(entities.c.id, entities.c.caption, entities.c.schema).where(entities.c.id.in_(wanted))
        )
    }


def ref_or_text(refs: dict[str, EntityRef], entity_id: str | None, text: str | None) -> EntityRef | None:
    """The resolved entity, else the words the article used, else nothing."""
    found = refs.get(entity_id) if entity_id else None
    if found is not None:
        return found
    return EntityRef(caption=text) if text else None
