"""Names an analyst has vouched for: the only resolved names allowed back into extraction.

Why a module of its own: the gazetteer types a name in every later article, so what feeds it must be a
judgement, not the system's own guess. An entity counts as reviewed when an analyst confirmed one of its
sanctions links (``sanction_links.status == 'confirmed'``); automatic links, merges and plain resolved
aliases do not count.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine, select

from threatgraph.store.schema import aliases, entities, sanction_links

#: The link state an analyst sets when a news actor is the listed one.
CONFIRMED = "confirmed"


def confirmed_names(engine: Engine) -> Iterator[tuple[str, str]]:
    """(alias, schema) of every entity with an analyst-confirmed sanctions link, each pair once."""
    confirmed = select(sanction_links.c.entity_id).where(sanction_links.c.status == CONFIRMED)
    query = (
        select(aliases.c.name, entities.c.schema)
        .join(entities, aliases.c.entity_id == entities.c.id)
        .where(entities.c.id.in_(confirmed))
        .distinct()
        .order_by(aliases.c.name, entities.c.schema)
    )
    with engine.connect() as conn:
        yield from ((name, schema) for name, schema in conn.execute(query))


def most_mentioned(engine: Engine, schemas: tuple[str, ...] = ("ArmedGroup", "Organization")) -> str | None:
    """Id of the most-mentioned resolved entity, trying ``schemas`` in order (the demo's dossier)."""
    with engine.connect() as conn:
        for schema in schemas:
            row = conn.execute(
                select(entities.c.id)
                .where(entities.c.schema == schema)
                .order_by(entities.c.mention_count.desc(), entities.c.article_count.desc(), entities.c.id)
                .limit(1)
            ).first()
            if row:
                return row[0]
    return None
