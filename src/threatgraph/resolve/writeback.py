"""Writing one resolution batch back: mention assignments, aliases, blocking keys and entity rows.

The resolver decides in memory and writes once per batch, in bulk statements, so a batch costs a
fixed number of round trips however many groups it assigned.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from threatgraph.names.forms import name_form, script_of
from threatgraph.resolve.groups import Profile
from threatgraph.resolve.links import insert_ignore
from threatgraph.store.schema import aliases, entities, mentions, resolve_keys


def write_back(conn: Connection, assign: dict[int, str], dirty: list[Profile], new_keys: dict[str, set[str]]) -> None:
    """Write mention assignments (already pointing at surviving entities), new and counted aliases,
    the blocking keys added per entity (consumed from ``new_keys``) and the touched entity rows."""
    if assign:
        conn.execute(
            update(mentions).where(mentions.c.id == bindparam("mid")).values(entity_id=bindparam("eid")),
            [{"mid": mid, "eid": eid} for mid, eid in assign.items()],
        )
    alias_updates: list[dict[str, Any]] = []
    alias_inserts: list[dict[str, Any]] = []
    key_rows: list[dict[str, Any]] = []
    entity_rows: list[dict[str, Any]] = []
    for prof in dirty:
        for name, n in prof.alias_new.items():
            if name in prof.db_names:
                alias_updates.append({"a_eid": prof.id, "a_name": name, "a_n": n})
            else:
                alias_inserts.append(
                    {
                        "entity_id": prof.id,
                        "name": name,
                        "norm": name_form(name, prof.schema).norm,
                        "script": script_of(name),
                        "count": prof.alias_counts.get(name, n),
                    }
                )
                prof.db_names.add(name)
        prof.alias_new = {}
        key_rows.extend({"key": k, "entity_id": prof.id} for k in sorted(new_keys.pop(prof.id, set())))
    if alias_updates:
        conn.execute(
            update(aliases)
            .where(aliases.c.entity_id == bindparam("a_eid"), aliases.c.name == bindparam("a_name"))
            .values(count=aliases.c.count + bindparam("a_n")),
            alias_updates,
        )
    if alias_inserts:
        conn.execute(insert(aliases), alias_inserts)
    insert_ignore(conn, resolve_keys, key_rows)
    for prof in dirty:
        if prof.recount:
            prof.mention_count, prof.article_count = conn.execute(
                select(func.count(), func.count(mentions.c.article_id.distinct())).where(
                    mentions.c.entity_id == prof.id
                )
            ).one()
            prof.recount = False
        entity_rows.append(
            {
                "e_id": prof.id,
                "e_schema": prof.schema,
                "e_caption": prof.caption,
                "e_norm": name_form(prof.caption, prof.schema).norm or prof.caption.casefold(),
                "e_mentions": prof.mention_count,
                "e_articles": prof.article_count,
                "e_first": prof.first_seen,
                "e_last": prof.last_seen,
                "e_props": prof.props,
            }
        )
        prof.dirty = False
    if entity_rows:
        conn.execute(
            update(entities)
            .where(entities.c.id == bindparam("e_id"))
            .values(
                schema=bindparam("e_schema"),
                caption=bindparam("e_caption"),
                norm=bindparam("e_norm"),
                mention_count=bindparam("e_mentions"),
                article_count=bindparam("e_articles"),
                first_seen=bindparam("e_first", type_=entities.c.first_seen.type),
                last_seen=bindparam("e_last", type_=entities.c.last_seen.type),
                props=bindparam("e_props", type_=entities.c.props.type),
            ),
            entity_rows,
        )
