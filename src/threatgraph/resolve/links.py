"""Writing helpers: events/quotes → entities, counters, and portable INSERT-or-ignore."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Integer, String, Table, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY

from threatgraph.names.forms import family, name_form
from threatgraph.store.db import lock_entity_counts
from threatgraph.store.schema import entities, events, mentions, quotes

CHUNK = 500


def insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT rows, skipping those that collide with the primary key (SQLite and PostgreSQL)."""
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect == "sqlite":
        stmt = sqlite.insert(table).on_conflict_do_nothing()
    elif dialect == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - other backends: plain inserts of rows not yet present
        stmt = insert(table)
    conn.execute(stmt, rows)


def link_events(conn: Connection, article_ids: list[str]) -> tuple[int, int]:
    """Point events and quotes of these articles at the entities of their in-doc groups.

    Returns (events, quotes) that got at least one entity.
    """
    linked_events = linked_quotes = 0
    for i in range(0, len(article_ids), CHUNK):
        chunk = article_ids[i : i + CHUNK]
        rows = conn.execute(
            select(
                mentions.c.article_id,
                mentions.c.grp,
                mentions.c.entity_id,
                mentions.c.canonical,
                mentions.c.text,
                mentions.c.label,
            ).where(mentions.c.article_id.in_(chunk), mentions.c.entity_id.is_not(None))
        ).all()
        by_grp: dict[tuple[str, int], str] = {}
        by_name: dict[tuple[str, str], str] = {}
        by_surname: dict[tuple[str, str], set[str]] = defaultdict(set)
        for aid, grp, eid, canonical, text, label in rows:
            if grp is not None and grp >= 0:
                by_grp.setdefault((aid, grp), eid)
            by_name.setdefault((aid, (canonical or "").casefold()), eid)
            by_name.setdefault((aid, (text or "").casefold()), eid)
            if family(label) == "Person":
                core = name_form(canonical or text, "Person").core
                if len(core) >= 2:
                    by_surname[(aid, core[-1])].add(eid)

        lookup = _Lookup(by_grp, by_name, by_surname)

        ev_rows = conn.execute(
            select(
                events.c.id,
                events.c.article_id,
                events.c.source_grp,
                events.c.source_text,
                events.c.target_grp,
                events.c.target_text,
                events.c.source_entity_id,
                events.c.target_entity_id,
            ).where(events.c.article_id.in_(chunk))
        ).all()
        ev_updates = []
        for xid, aid, sg, st, tg, tt, was_src, was_tgt in ev_rows:
            src, tgt = lookup(aid, sg, st), lookup(aid, tg, tt)
            if (src, tgt) != (was_src, was_tgt):
                ev_updates.append((xid, src, tgt))
            linked_events += int(bool(src or tgt))
        q_rows = conn.execute(
            select(
                quotes.c.id, quotes.c.article_id, quotes.c.speaker_grp, quotes.c.speaker, quotes.c.speaker_entity_id
            ).where(quotes.c.article_id.in_(chunk))
        ).all()
        q_updates = []
        for qid, aid, sg, speaker, was in q_rows:
            spk = lookup(aid, sg, speaker)
            if spk != was:
                q_updates.append((qid, spk))
            linked_quotes += int(bool(spk))
        if ev_updates or q_updates:
            lock_entity_counts(conn)
        repoint(conn, events, ("source_entity_id", "target_entity_id"), ev_updates)
        repoint(conn, quotes, ("speaker_entity_id",), q_updates)
    return linked_events, linked_quotes


def repoint(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Set ``columns`` of the rows of ``table`` given as (id, value per column) tuples.

    On PostgreSQL one ``UPDATE ... FROM unnest(ids, values...)`` per call: the ``entity_counts`` triggers are
    per statement (migration 0004), so an UPDATE per row ran the counting upsert once per row, which made
    resolution 1.46x slower than without the triggers. The rows go as one array per column (a statement of
    a few parameters, whatever the batch; a VALUES list of thousands of bound values cost more to build
    in Python than the update). SQLite has no such triggers: an executemany.
    The caller holds :func:`~threatgraph.store.db.lock_entity_counts`.
    """
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        arrays = [bindparam("xid", [r[0] for r in rows], type_=ARRAY(Integer))]
        arrays += [bindparam(c, [r[i] for r in rows], type_=ARRAY(String)) for i, c in enumerate(columns, 1)]
        given = func.unnest(*arrays).table_valued("xid", *columns).render_derived(name="given")
        conn.execute(update(table).where(table.c.id == given.c.xid).values({c: given.c[c] for c in columns}))
        return
    conn.execute(
        update(table).where(table.c.id == bindparam("xid")).values({c: bindparam(f"v_{c}") for c in columns}),
        [{"xid": r[0], **{f"v_{c}": v for c, v in zip(columns, r[1:], strict=True)}} for r in rows],
    )


class _Lookup:
    """Finds the entity of an event actor or quote speaker: by in-doc group, else by name, else (a
    bare family name such as "OFAC designated Rawandi" that the tagger left without a mention) by the
    one person of the article whose full name ends in it. Two people of the article sharing that
    family name leave it unresolved: a designation must not be pinned on the wrong one."""

    def __init__(
        self,
        by_grp: dict[tuple[str, int], str],
        by_name: dict[tuple[str, str], str],
        by_surname: dict[tuple[str, str], set[str]] | None = None,
    ) -> None:
        self.by_grp = by_grp
        self.by_name = by_name
        self.by_surname = by_surname or {}

    def __call__(self, aid: str, grp: int | None, name: str | None) -> str | None:
        if grp is not None and grp >= 0 and (aid, grp) in self.by_grp:
            return self.by_grp[(aid, grp)]
        if not name:
            return None
        found = self.by_name.get((aid, name.casefold())) or self.by_name.get((aid, name_form(name).text.casefold()))
        if found or not name[:1].isupper():
            return found
        core = name_form(name, "Person").core
        people = self.by_surname.get((aid, core[0]), set()) if len(core) == 1 else set()
        return next(iter(people)) if len(people) == 1 else None


def recount(conn: Connection, entity_ids: Iterable[str]) -> None:
    """Recompute an entity's counters from its mentions (after a split or merge)."""
    for eid in entity_ids:
        n, a = conn.execute(
            select(func.count(), func.count(mentions.c.article_id.distinct())).where(mentions.c.entity_id == eid)
        ).one()
        conn.execute(update(entities).where(entities.c.id == eid).values(mention_count=n, article_count=a))
