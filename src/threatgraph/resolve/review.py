"""The analyst's "keep" answer to a doubtful merge: these names do belong to this actor.

Why: the review queue (:mod:`threatgraph.store.review`) asks about names that fit an entity only
weakly. "Split" is :func:`threatgraph.resolve.manual.split_entity`; "keep" must be just as durable, so
it is stored the same way, as ``merge`` judgements by name key between the kept names and every other
name of the entity. ``rebuild`` then joins them whatever the scores say, and the queue stops asking.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from threatgraph.names.forms import decision_key, name_form
from threatgraph.resolve.decisions import record, retract
from threatgraph.resolve.manual import ResolveError
from threatgraph.store.schema import aliases, entities


def keep_names(engine: Engine, entity_id: str, names: list[str], note: str | None = None) -> int:
    """Record that ``names`` (aliases of the entity) are the same actor as its other names.

    Returns the number of judgements written. Raises :class:`ResolveError` for an unknown entity,
    a name it does not carry, or an entity with no other name to keep them with.
    """
    wanted = {n.casefold().strip() for n in names if n and n.strip()}
    if not wanted:
        raise ResolveError("keep needs at least one alias name")
    with engine.begin() as conn:
        ent = conn.execute(select(entities.c.schema, entities.c.caption).where(entities.c.id == entity_id)).first()
        if ent is None:
            raise ResolveError(f"no entity with id {entity_id!r}")
        schema, caption = ent
        rows = conn.execute(select(aliases.c.name, aliases.c.norm).where(aliases.c.entity_id == entity_id)).all()
        keys = {name: decision_key(schema, norm or name_form(name, schema).norm) for name, norm in rows}
        kept = {k for name, k in keys.items() if name.casefold() in wanted}
        if not kept:
            raise ResolveError(f"entity {entity_id} ({caption!r}) has no alias {sorted(names)!r}")
        others = set(keys.values()) - kept
        if not others:
            raise ResolveError(f"entity {entity_id} ({caption!r}) has no other name to keep {sorted(names)!r} with")
        retract(conn, kept, others, "split")
        return record(conn, [(a, b) for a in sorted(kept) for b in sorted(others)], "merge", note)
