"""PostgreSQL read paths seek through indexes: the plan-level guarantee behind a fast dossier at 1M articles.

A small table gets a sequential scan because it is cheapest, which says nothing about a large one. With
``enable_seqscan`` off the planner still scans a table it has no usable index for, either sequentially or by
reading a whole index in order; so every statement the dossier, timeline, graph, article list and article
search run must reach a large table only through an index condition (a whole-index read is accepted only
under a LIMIT and without a filter: "newest first" reads stop after a page, while a filtered walk down the
primary key in search of an entity's rows may read all of them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from statements import recorded
from test_read import seed_busy  # noqa: E402  (tests/ is on sys.path under pytest's rootdir conftest)
from threatgraph.store import read
from threatgraph.store.articles import search_articles

pytestmark = pytest.mark.postgres

BIG = {"mentions", "events", "quotes", "articles", "aliases", "entities", "resolve_keys", "sanction_links"}
INDEX_NODES = {"Index Scan", "Index Only Scan", "Bitmap Index Scan"}


def full_reads(node: dict[str, Any], limited: bool = False) -> Iterator[str]:
    """Plan nodes that read a large table (or its index) whole."""
    kind = node.get("Node Type", "")
    limited = limited or kind == "Limit"
    table = node.get("Relation Name")
    if kind == "Seq Scan" and table in BIG:
        yield f"Seq Scan on {table}"
    if kind in INDEX_NODES and "Index Cond" not in node and (not limited or "Filter" in node):
        yield f"{kind} using {node.get('Index Name')} on {table} without a condition"
    for child in node.get("Plans", []):
        yield from full_reads(child, limited)


def _statements(engine, run) -> list[tuple[str, Any]]:
    with recorded(engine) as seen:
        run()
    return [(s.statement, s.parameters) for s in seen if s.verb in ("SELECT", "WITH")]


def _check(engine, statements: list[tuple[str, Any]]) -> None:
    with engine.connect() as conn:
        _check_on(conn, statements)
        conn.rollback()


def _reads(engine, group: str) -> None:
    read.dossier(engine, group)
    read.timeline(engine, group, limit=5)
    read.entity_graph(engine, group, depth=2)
    search_articles(engine, "Karachi", limit=10)
    search_articles(engine, None, limit=10)


def test_read_paths_never_read_a_large_table_whole(pg_engine) -> None:
    group = seed_busy(pg_engine)
    statements = _statements(pg_engine, lambda: _reads(pg_engine, group))
    assert len(statements) > 5
    _check(pg_engine, statements)


def test_the_check_sees_a_missing_index(pg_engine) -> None:
    group = seed_busy(pg_engine)
    statements = _statements(pg_engine, lambda: _reads(pg_engine, group))
    with pg_engine.connect() as conn:
        conn.execute(text("DROP INDEX ix_mentions_entity_article"))
        conn.execute(text("DROP INDEX ix_mentions_entity_id"))
        try:
            with pytest.raises(AssertionError, match="mentions"):
                _check_on(conn, statements)
        finally:
            conn.rollback()  # the indexes come back with the transaction


def _check_on(conn, statements: list[tuple[str, Any]]) -> None:
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    for statement, parameters in statements:
        plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
        bad = list(full_reads(plan[0]["Plan"]))
        assert not bad, (statement, bad)


#: Indexes that hold an actor's rows newest first (entity id, then row id).
NEWEST_FIRST = {"ix_mentions_entity_id", "ix_events_source_entity_id", "ix_events_target_entity_id"}
NEWEST_FIRST |= {"ix_quotes_speaker_entity_id"}
SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def _actors_rows(scan: dict[str, Any]) -> bool:
    """Whether a scan reads the rows of an actor in a table that holds many per actor (its mentions, events,
    quotes): by the actor's id, or without any condition."""
    if scan.get("Relation Name") not in {"mentions", "events", "quotes"}:
        return False
    cond = scan.get("Index Cond", "") + scan.get("Filter", "")
    return not cond or "entity_id" in cond


def test_an_actors_newest_rows_are_one_bounded_index_range(pg_engine) -> None:
    """ "Newest n rows of an actor" reads n entries of a (entity, id) index backwards: no sort of all the actor's
    rows, no walk down the primary key filtering for the actor (which for an actor last seen long ago reads
    most of the table). The dossier's totals come from ``entity_counts``, never from counting the actor's rows."""
    group = seed_busy(pg_engine)
    statements = _statements(pg_engine, lambda: _reads(pg_engine, group))
    newest = [(s, p) for s, p in statements if "id DESC" in s and "LIMIT" in s and "entity_id =" in s]
    assert len(newest) >= 4
    used: set[str] = set()
    with pg_engine.connect() as conn:
        # On a table this small a sort of the few rows may cost less than any index; as for the scans above,
        # what is checked is that an index serves the order when sorting is not the cheap way out.
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_sort = off")
        for statement, parameters in newest:
            plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
            nodes = list(_nodes(plan[0]["Plan"]))
            sorted_scans = [
                (c.get("Relation Name"), c.get("Index Name"), c.get("Index Cond"))
                for n in nodes
                if n["Node Type"] == "Sort"
                for c in n["Plans"]
                if c["Node Type"] in SCANS and _actors_rows(c)
            ]
            # (sorting the few hundred ids the walks return is fine, and so is sorting the rows of an actor's few
            # recent articles, or its aliases, found by their own index)
            assert not sorted_scans, (statement, sorted_scans)
            scans = [n for n in nodes if n.get("Index Name") in NEWEST_FIRST]
            assert scans and all("Index Cond" in n for n in scans), (statement, [n.get("Index Name") for n in nodes])
            used |= {n["Index Name"] for n in scans}
        conn.rollback()
    assert used == NEWEST_FIRST
    counted = ("count(*)", "count(events.", "count(quotes.", "count(DISTINCT events.", "count(DISTINCT quotes.")
    assert not [s for s, _p in statements if any(c in s for c in counted)]


def test_article_search_tests_the_stored_vector(pg_engine) -> None:
    """A search page never re-parses article text: both the GIN lookup and a newest-first walk read search_tsv."""
    seed_busy(pg_engine)
    statements = _statements(pg_engine, lambda: search_articles(pg_engine, "Karachi", limit=10))
    with pg_engine.connect() as conn:
        for setting in ("enable_bitmapscan", "enable_indexscan"):  # each of the two plans in turn
            conn.exec_driver_sql(f"SET LOCAL {setting} = off")
            for statement, parameters in statements:
                plan = json.dumps(conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar())
                assert "search_tsv" in plan and "to_tsvector" not in plan, plan
            conn.exec_driver_sql(f"RESET {setting}")
        conn.rollback()


def test_an_alias_found_by_a_piece_of_it_is_an_index_lookup(pg_engine) -> None:
    """A lookup sharing no blocking key with any name falls back to aliases containing the text: the trigram
    index of migration 0005 answers that ``ILIKE '%…%'``; without it the aliases table is read whole."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from threatgraph.store.read import find_entities
    from threatgraph.store.schema import aliases, entities

    seed_busy(pg_engine)
    now = datetime.now(UTC)
    names = [f"Actor {i:05d} {chr(65 + i % 26)}{chr(97 + i * 7 % 26)}{chr(97 + i * 11 % 26)}" for i in range(5000)]
    with pg_engine.begin() as conn:  # enough aliases that reading them whole costs more than a lookup
        conn.execute(
            insert(entities),
            [
                {"id": f"ent-t{i}", "schema": "Organization", "caption": n, "norm": n.lower(), "props": {}}
                | {"first_seen": now, "last_seen": now}
                for i, n in enumerate(names)
            ],
        )
        conn.execute(
            insert(aliases), [{"entity_id": f"ent-t{i}", "name": n, "norm": n.lower()} for i, n in enumerate(names)]
        )
        # what autovacuum does after a large write: new GIN entries moved out of the pending list, statistics
        conn.exec_driver_sql("SELECT gin_clean_pending_list('ix_aliases_name_trgm')")
        conn.exec_driver_sql("ANALYZE aliases")
    statements = _statements(pg_engine, lambda: find_entities(pg_engine, "ainabiyou"))
    fallback = [(s, p) for s, p in statements if "ILIKE" in s]
    assert len(fallback) == 1
    with pg_engine.connect() as conn:
        plan = json.dumps(conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + fallback[0][0], fallback[0][1]).scalar())
        assert "ix_aliases_name_trgm" in plan and "Index Cond" in plan, plan
        conn.execute(text("DROP INDEX ix_aliases_name_trgm"))
        plan = json.dumps(conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + fallback[0][0], fallback[0][1]).scalar())
        assert '"Seq Scan"' in plan and '"aliases"' in plan, plan
        conn.rollback()  # the index comes back with the transaction


def test_a_dossier_reads_the_captions_it_names_by_primary_key(pg_engine) -> None:
    """The captions of the actors a dossier names (a hundred or so) are one primary-key lookup, never a read of
    every actor, whatever the planner guesses their number to be. As an ``IN (subquery)`` they were a join, and
    at 1M articles the planner guessed thousands of ids from the co-occurrence estimate and hashed them against a
    sequential scan of the entities table (a read that grows with the archive's actors, not with the page).
    Nested loops are switched off here to stand for that guess: a join then has to read the table whole, while
    an index condition on the ids needs no join."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from threatgraph.store.read.dossier_pg import statement
    from threatgraph.store.schema import entities

    group = seed_busy(pg_engine)
    now = datetime.now(UTC)
    with pg_engine.begin() as conn:
        conn.execute(
            insert(entities),
            [
                {"id": f"ent-t{i}", "schema": "Person", "caption": f"Actor {i}", "norm": f"actor {i}", "props": {}}
                | {"first_seen": now, "last_seen": now}
                for i in range(5000)
            ],
        )
        conn.exec_driver_sql("ANALYZE entities")
    compiled = statement().compile(dialect=pg_engine.dialect)
    with pg_engine.connect() as conn:
        conn.exec_driver_sql("SET LOCAL enable_nestloop = off")
        plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), {**compiled.params, "entity_id": group})
        scans = [n for n in _nodes(plan.scalar()[0]["Plan"]) if n.get("Relation Name") == "entities"]
        conn.rollback()
    assert scans and not [n for n in scans if n["Node Type"] == "Seq Scan"], [n["Node Type"] for n in scans]
