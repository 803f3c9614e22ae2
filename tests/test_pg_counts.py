"""PostgreSQL's per-entity event and quote totals (``entity_counts``, kept by triggers) equal a count of the rows
after every kind of write: resolution setting ids, a full re-resolution clearing and re-setting them, an article
deleted with its events, an entity deleted (its references set to NULL), a rolled-back write, TRUNCATE.

The dossier and timeline report these totals instead of counting an actor's index entries on each read.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update

from test_read import seed_busy  # noqa: E402  (tests/ is on sys.path under pytest's rootdir conftest)
from threatgraph import resolve
from threatgraph.store import read
from threatgraph.store.schema import articles, entities, events, quotes

pytestmark = pytest.mark.postgres

COUNTED = """
SELECT entity_id, sum(s) AS s, sum(t) AS t, sum(q) AS q FROM (
    SELECT source_entity_id AS entity_id, 1 AS s, 0 AS t, 0 AS q FROM events WHERE source_entity_id IS NOT NULL
    UNION ALL SELECT target_entity_id, 0, 1, 0 FROM events WHERE target_entity_id IS NOT NULL
    UNION ALL SELECT speaker_entity_id, 0, 0, 1 FROM quotes WHERE speaker_entity_id IS NOT NULL
) d GROUP BY entity_id
"""


def kept(engine) -> dict[str, tuple[int, int, int]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT entity_id, source_events, target_events, quotes_by FROM entity_counts"))
        return {r[0]: (r[1], r[2], r[3]) for r in rows if any(r[1:])}


def counted(engine) -> dict[str, tuple[int, int, int]]:
    with engine.connect() as conn:
        return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(text(COUNTED))}


def test_kept_totals_follow_every_write(pg_engine) -> None:
    group = seed_busy(pg_engine)
    assert kept(pg_engine) == counted(pg_engine)
    assert kept(pg_engine)[group] == (3, 9, 0)  # acts on Karachi 3 times, arrested 9 times
    with pg_engine.connect() as conn:
        c = read.event_counts(conn, group)
    assert (c.source_events, c.target_events, c.quotes_by) == (3, 9, 0)

    resolve.rebuild(pg_engine, screen=False)  # every id cleared, then set again
    assert kept(pg_engine) == counted(pg_engine)
    group = read.find_entities(pg_engine, "Zainabiyoun Brigade")[0].id
    assert kept(pg_engine)[group] == (3, 9, 0)

    with pg_engine.begin() as conn:  # an article goes, its events and quotes with it
        aid = conn.execute(text("SELECT article_id FROM events WHERE source_entity_id = :g LIMIT 1"), {"g": group})
        conn.execute(delete(articles).where(articles.c.id == aid.scalar()))
    assert kept(pg_engine)[group] == (2, 9, 0)
    assert kept(pg_engine) == counted(pg_engine)

    speaker = next(e for e, (_s, _t, q) in counted(pg_engine).items() if q)
    with pg_engine.begin() as conn:  # an entity goes: its references become NULL
        conn.execute(delete(entities).where(entities.c.id == speaker))
    assert speaker not in kept(pg_engine)
    assert kept(pg_engine) == counted(pg_engine)

    before = kept(pg_engine)
    with pg_engine.connect() as conn:  # a write that is rolled back counts for nothing
        conn.execute(update(events).values(source_entity_id=group, target_entity_id=group))
        conn.execute(update(quotes).values(speaker_entity_id=group))
        conn.rollback()
    assert kept(pg_engine) == before

    with pg_engine.begin() as conn:
        conn.execute(update(quotes).values(speaker_entity_id=group))  # one statement moving many rows
    assert kept(pg_engine) == counted(pg_engine)
    with pg_engine.begin() as conn:
        conn.execute(text("TRUNCATE events, quotes"))
    assert kept(pg_engine) == {} == counted(pg_engine)
    with pg_engine.connect() as conn:
        c = read.event_counts(conn, group)
    assert (c.source_events, c.target_events, c.quotes_by) == (0, 0, 0)


def test_linking_repoints_a_batch_in_one_statement_per_table(pg_engine) -> None:
    """Resolution sets the entity ids of a batch's events and quotes with one UPDATE each (the counting
    triggers run per statement, so an UPDATE per row ran them once per row), and leaves rows it would
    not change alone: linking the same articles again writes nothing."""
    from sqlalchemy import event, select

    from threatgraph.resolve.links import link_events
    from threatgraph.store.schema import articles as articles_table

    seed_busy(pg_engine)
    with pg_engine.begin() as conn:  # as a fresh batch would be: nothing linked yet
        conn.execute(update(events).values(source_entity_id=None, target_entity_id=None))
        conn.execute(update(quotes).values(speaker_entity_id=None))
    assert kept(pg_engine) == {}
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("UPDATE"):  # (an executemany runs the statement once per row)
            seen.append(statement.split()[1] + (" per row" if executemany else ""))

    event.listen(pg_engine, "before_cursor_execute", record)
    try:
        with pg_engine.begin() as conn:
            ids = list(conn.execute(select(articles_table.c.id)).scalars())
            linked = link_events(conn, ids)
        assert linked == (12, 12) and seen == ["events", "quotes"]
        assert kept(pg_engine) == counted(pg_engine) and kept(pg_engine)
        seen.clear()
        with pg_engine.begin() as conn:
            assert link_events(conn, ids) == (12, 12)
        assert seen == []
    finally:
        event.remove(pg_engine, "before_cursor_execute", record)
