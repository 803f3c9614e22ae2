"""The one entity-reference resolver: what a user typed (an id, a name, an alias, another spelling) to one entity.

Why one: the CLI's ``resolve``/``watch``/``export`` commands each used to resolve a reference by their own rule, so
the same words named an entity in one command and nothing (or another one) in the next. The rule, in order:

1. an entity id;
2. an exact caption, then an exact alias (case-insensitive; the most-mentioned entity first);
3. the fuzzy best hit of :func:`threatgraph.store.read.find_entities` (any spelling or script), only when it is
   unambiguous (one hit, or a strictly better score than the next).

Nothing is guessed beyond that: an ambiguous reference resolves to ``None`` and the caller asks for an id.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, select

from threatgraph.store.read import resolve_ref
from threatgraph.store.schema import aliases, entities


def exact_entity_id(conn: Connection, ref: str) -> str | None:
    """Steps 1 and 2: the entity with this id, else exact caption, else exact alias; None when none matches."""
    if conn.execute(select(entities.c.id).where(entities.c.id == ref)).first():
        return ref
    low = ref.strip().casefold()
    by_caption = (
        select(entities.c.id).where(func.lower(entities.c.caption) == low).order_by(entities.c.mention_count.desc())
    )
    row = conn.execute(by_caption.limit(1)).first()
    if row:
        return row[0]
    by_alias = (
        select(entities.c.id)
        .join(aliases, aliases.c.entity_id == entities.c.id)
        .where(func.lower(aliases.c.name) == low)
        .order_by(entities.c.mention_count.desc())
    )
    row = conn.execute(by_alias.limit(1)).first()
    return row[0] if row else None


def entity_id_for(engine: Engine, ref: str) -> str | None:
    """The id of the one entity ``ref`` names (see the module docstring for the rule), or None."""
    with engine.connect() as conn:
        found = exact_entity_id(conn, ref)
    return found if found is not None else resolve_ref(engine, ref)
